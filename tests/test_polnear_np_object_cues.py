"""tools/polnear_np_object_cues.py: which contents are plain noun phrases, what a verb takes,
and the WordNet kind of a head noun; on sentences written here."""

from __future__ import annotations

from types import ModuleType

import pytest
from helpers import load_tool
from spacy.language import Language


@pytest.fixture(scope="module")
def tool() -> ModuleType:
    return load_tool("polnear_np_object_cues")


def head_of(tool: ModuleType, nlp: Language, text: str, content: str) -> str | None:
    doc = nlp(text)
    start = text.index(content)
    head = tool.noun_phrase_head(doc, start, start + len(content))
    return head.text if head is not None else None


def test_a_plain_noun_phrase_content_has_a_head(tool: ModuleType, nlp: Language):
    text = "The rebels concluded the ceremony with a parade."
    assert head_of(tool, nlp, text, "the ceremony") == "ceremony"


@pytest.mark.parametrize(
    ("text", "content"),
    [
        ("Investigators concluded that the fire was arson.", "that the fire was arson"),
        ("The envoy welcomed his readiness to talk.", "his readiness to talk"),
        ("The mayor praised the “brave” firefighters.", "the “brave” firefighters"),
    ],
)
def test_a_clause_a_clausal_noun_or_a_quote_is_no_plain_noun_phrase(
    tool: ModuleType, nlp: Language, text: str, content: str
):
    assert head_of(tool, nlp, text, content) is None


def test_what_a_verb_takes(tool: ModuleType, nlp: Language):
    doc = nlp("The rebels ended the siege. Officials concluded that it was over. The talks ended.")
    ends, concluded, ended = (t for t in doc if t.lemma_ in ("end", "conclude"))
    assert tool.complement(ends) == "noun phrase object"
    assert tool.complement(concluded) == "clause"
    assert tool.complement(ended) == "neither"


def test_the_kind_of_a_head_noun_is_its_first_wordnet_sense(tool: ModuleType):
    if not tool.WORDNET.is_dir():
        pytest.skip("WordNet (wordnet-base) is not installed")
    assert tool.noun_kind("ceremony") == "event"
    assert tool.noun_kind("claim") == "communication"
    assert tool.noun_kind("xyzzyq") == "unknown"
