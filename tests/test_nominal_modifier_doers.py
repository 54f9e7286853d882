"""tools/nominal_modifier_doers.py: which left modifiers of a nominal trigger name an actor, and
which gold role each one fills (sentences written here, parsed by the bare spaCy model)."""

from __future__ import annotations

from types import ModuleType

import pytest
from helpers import load_tool
from spacy.language import Language

from newsgraph.eval.arguments import GoldEvent


@pytest.fixture(scope="module")
def tool() -> ModuleType:
    return load_tool("nominal_modifier_doers")


def span(text: str, phrase: str) -> tuple[int, int]:
    start = text.index(phrase)
    return start, start + len(phrase)


def kinds(tool: ModuleType, nlp: Language, text: str, trigger: str) -> dict[str, str]:
    gold = GoldEvent(span(text, trigger), ("ASSAULT",))
    return {t.text: kind for t, kind in tool.units(nlp(text), gold, tool.actor_modifier_words())}


def test_actor_words_come_from_the_actor_descriptions_in_both_numbers(tool: ModuleType) -> None:
    words = tool.actor_modifier_words()
    assert {"militia", "army", "troops", "rebels", "rebel", "government"} <= words
    assert "spokesman" not in words  # a person's role, not a group


def test_a_possessive_pronoun_is_a_possessive_unit(tool: ModuleType, nlp: Language) -> None:
    text = "Residents feared their raid on the depot."
    assert kinds(tool, nlp, text, "raid") == {"their": "possessive"}


def test_a_common_noun_that_names_no_actor_is_no_unit(tool: ModuleType, nlp: Language) -> None:
    text = "The night raid on the depot ended quickly."
    assert kinds(tool, nlp, text, "raid") == {}


def test_an_actor_noun_compound_is_a_unit(tool: ModuleType, nlp: Language) -> None:
    text = "The militia raid on the depot ended quickly."
    assert kinds(tool, nlp, text, "raid") == {"militia": "actor noun"}


def test_gold_role_of_a_modifier(tool: ModuleType, nlp: Language) -> None:
    text = "The militia raid on the depot ended quickly."
    doc = nlp(text)
    militia = next(t for t in doc if t.text == "militia")
    as_source = GoldEvent(span(text, "raid"), ("ASSAULT",), {"source": [span(text, "militia")]})
    elsewhere = GoldEvent(span(text, "raid"), ("ASSAULT",), {"source": [span(text, "depot")]})
    assert tool.gold_role(militia, as_source) == "source"
    assert tool.gold_role(militia, elsewhere) == "neither (gold source elsewhere)"
    assert tool.gold_role(militia, GoldEvent(span(text, "raid"), ("ASSAULT",))) == "neither"
