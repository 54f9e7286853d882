"""tools/wrong_candidate_relations.py: a span's relation to a trigger word (sentences written for
the test, parsed by the bare spaCy model)."""

from __future__ import annotations

from types import ModuleType

import pytest
from helpers import char_range, load_tool
from spacy.language import Language


@pytest.fixture(scope="module")
def tool() -> ModuleType:
    return load_tool("wrong_candidate_relations")


def test_the_trigger_s_own_subject_and_another_clause_s(tool: ModuleType, nlp: Language) -> None:
    text = "The minister said that rebels attacked the convoy."
    words = tool.parse_words(nlp(text))
    trigger = tool.head_word(words, char_range(text, "attacked"))
    assert tool.relation(words, char_range(text, "rebels"), trigger) == "nsubj, same clause"
    assert tool.relation(words, char_range(text, "the convoy"), trigger) == "dobj, same clause"
    assert tool.relation(words, char_range(text, "The minister"), trigger) == "nsubj, other clause"
