"""tools/polnear_cue_misses.py: the kind of a cue one side has and the other misses, on
sentences written here."""

from __future__ import annotations

from types import ModuleType

import pytest
from helpers import load_tool
from spacy.language import Language

from newsgraph.components.quotes.lexicon import load_knowledge

TEXT = (
    "Mayor Opens Bridge.\n\n"
    "The council believes the bridge is safe. The mayor praised the engineers. "
    "Residents were thrilled about the opening."
)


@pytest.fixture(scope="module")
def tool() -> ModuleType:
    return load_tool("polnear_cue_misses")


def span(part: str) -> tuple[tuple[int, int]]:
    start = TEXT.index(part)
    return ((start, start + len(part)),)


def kind(tool: ModuleType, nlp: Language, part: str, stages: dict | None = None) -> str:
    doc = nlp(TEXT)
    where = {"quotes": [], **(stages or {})}
    return tool.cue_kind(doc, TEXT, span(part), where, load_knowledge())


def test_kinds_by_where_the_cue_is_and_what_its_head_is(tool: ModuleType, nlp: Language):
    assert kind(tool, nlp, "Opens") == "headline"
    assert kind(tool, nlp, "believes") == "cognition verb"
    assert kind(tool, nlp, "were thrilled about") == "lemma not in the cue list, no content clause"


def test_a_stage_that_held_the_cue_names_the_miss(tool: ModuleType, nlp: Language):
    dropped = {"dropped by the judge": [span("praised")]}
    assert kind(tool, nlp, "praised", dropped) == "dropped by the judge"
    assert kind(tool, nlp, "praised") == "lemma in the cue list, no content clause"


def test_the_source_kind_tells_people_from_things(tool: ModuleType, nlp: Language):
    doc = nlp("The poll shows support. She said it was over. It reported a loss.")
    text = doc.text

    def source(part: str) -> str:
        start = text.index(part)
        return tool.source_kind(doc, ((start, start + len(part)),))

    assert source("The poll") == "noun: poll"
    assert source("She") == "person"
    assert source("It") == "it"
    assert tool.source_kind(doc, ()) == "none"


def test_the_summary_counts_source_kinds_and_the_nouns_that_speak(tool: ModuleType) -> None:
    def row(source: str) -> dict:
        return {"side": "gold", "kind": "noun cue", "multi-word": False, "lemma": "show",
                "source kind": source}  # fmt: skip

    result = tool.summary([row("noun: poll"), row("noun: poll"), row("person"), row("it")])
    assert result["gold: source kinds"] == {"noun": 2, "person": 1, "it": 1}
    assert result["gold: source nouns"] == {"poll": 2}
