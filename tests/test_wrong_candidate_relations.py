"""tools/wrong_candidate_relations.py: a span's relation to a trigger word (sentences written for
the test, parsed by the bare spaCy model)."""

from __future__ import annotations

from types import ModuleType

import pytest
from helpers import load_tool
from spacy.language import Language


@pytest.fixture(scope="module")
def tool() -> ModuleType:
    return load_tool("wrong_candidate_relations")


def _span(text: str, words: str) -> tuple[int, int]:
    start = text.index(words)
    return start, start + len(words)


def test_the_trigger_s_own_subject_and_another_clause_s(tool: ModuleType, nlp: Language) -> None:
    text = "The minister said that rebels attacked the convoy."
    words = tool.parse_words(nlp(text))
    trigger = tool.head_word(words, _span(text, "attacked"))
    assert tool.relation(words, _span(text, "rebels"), trigger) == "nsubj, same clause"
    assert tool.relation(words, _span(text, "the convoy"), trigger) == "dobj, same clause"
    assert tool.relation(words, _span(text, "The minister"), trigger) == "nsubj, other clause"
