"""tools/prep_target_counts.py: which preposition's object heads a target span (sentences
written for the test, parsed by the bare spaCy model)."""

from __future__ import annotations

from types import ModuleType

import pytest
from helpers import char_range, load_tool
from spacy.language import Language


@pytest.fixture(scope="module")
def tool() -> ModuleType:
    return load_tool("prep_target_counts")


def test_the_object_of_a_preposition_names_it(tool: ModuleType, nlp: Language) -> None:
    text = "Rebels fired rockets at the airport in Kandahar."
    words = tool.parse_words(nlp(text))
    assert tool.preposition_of(words, char_range(text, "the airport")) == "at"
    assert tool.preposition_of(words, char_range(text, "Kandahar")) == "in"


def test_an_object_or_a_subject_is_no_prepositional_target(tool: ModuleType, nlp: Language) -> None:
    text = "Rebels shelled the airport."
    words = tool.parse_words(nlp(text))
    assert tool.preposition_of(words, char_range(text, "the airport")) is None
    assert tool.preposition_of(words, char_range(text, "Rebels")) is None
