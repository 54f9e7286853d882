"""tools/polnear_miss_shapes.py: the shapes of a missed attribution's cue, and the cue-word
counts, on sentences written here."""

from __future__ import annotations

from types import ModuleType

import pytest
from helpers import load_tool
from spacy.language import Language

from newsgraph.components.quotes.lexicon import load_knowledge
from newsgraph.eval.polnear import Attribution

TEXT = (
    "Council Backs Bridge.\n\n"
    "The mayor was sure the bridge would hold. "
    "The engineers' claim that it is safe was not accepted by everyone. "
    "Residents may not believe it. "
    "The council announced: the bridge opens on Monday."
)


@pytest.fixture(scope="module")
def tool() -> ModuleType:
    return load_tool("polnear_miss_shapes")


def span(part: str) -> tuple[tuple[int, int]]:
    start = TEXT.index(part)
    return ((start, start + len(part)),)


def shapes(tool: ModuleType, nlp: Language, cue: str, content: str | None = None) -> list[str]:
    doc = nlp(TEXT)
    pieces = span(content) if content else ()
    return tool.cue_shapes(doc, TEXT, span(cue), pieces, load_knowledge())


def test_an_adjective_predicate_outside_the_lexicon(tool: ModuleType, nlp: Language):
    found = shapes(tool, nlp, "was sure", "the bridge would hold")
    assert "copula or adjective predicate" in found
    assert "lemma not in the cue lexicon" in found
    assert "headline" not in found


def test_a_speech_noun_a_negated_modal_cognition_verb_and_a_colon(tool: ModuleType, nlp: Language):
    assert "noun cue: speech noun" in shapes(tool, nlp, "claim", "it is safe")
    found = shapes(tool, nlp, "may not believe", "it")
    assert {"cognition verb", "negated", "modal"} <= set(found)
    assert "colon quote" in shapes(tool, nlp, "announced", "the bridge opens on Monday")
    assert "headline" in shapes(tool, nlp, "Backs")


def test_word_support_counts_cue_words_outside_quotes(tool: ModuleType):
    class Article:
        text = 'He unleashed tweets. They unleashed rockets. "We unleashed nothing," he said.'

    start = Article.text.index("unleashed")
    gold = [Attribution(((start, start + 9),), (), ())]
    seen, in_cue = tool.word_support([(Article, gold)])
    assert seen["unleashed"] == 2  # the one in the quote is not counted
    assert in_cue["unleashed"] == 1
