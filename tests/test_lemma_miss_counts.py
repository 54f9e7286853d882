"""tools/lemma_miss_counts.py: which tokens the small model leaves as their own lemma although
the lemmatizer's exception table knows a lexicon verb for them (sentences written here)."""

from __future__ import annotations

from types import ModuleType

import pytest
from helpers import load_tool

from newsgraph.components.events.lexicon import load_lexicon
from newsgraph.nlp import get_pipeline


@pytest.fixture(scope="module")
def tool() -> ModuleType:
    return load_tool("lemma_miss_counts")


@pytest.mark.parametrize(
    ("text", "word", "kind"),
    [
        ("Soldiers retook the village.", "retook", "VERB/VBP table"),  # tagged a present
        ("A single shot rang out.", "shot", "NOUN table other"),  # a noun, counted apart
        ("Soldiers took the village.", "took", None),  # lemmatized: "take"
        ("The rebels attacked the village.", "attacked", None),  # a regular past
    ],
)
def test_a_lemma_left_as_its_word_is_counted_by_its_tag(
    tool: ModuleType, text: str, word: str, kind: str | None
) -> None:
    doc = get_pipeline()(text)
    [token] = [t for t in doc if t.lower_ == word]
    assert tool.miss_kind(token, load_lexicon()) == kind
