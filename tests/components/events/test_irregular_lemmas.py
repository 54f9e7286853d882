"""Irregular pasts the small model leaves as themselves ("retook" tagged as a present, lemma
"retook"): the trigger lookup reads the pipeline lemmatizer's exception table
(docs/events.md, "Session 14: lemma14")."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from spacy.language import Language

from newsgraph.components.events import irregular
from newsgraph.components.events.triggers import lemma_candidates
from newsgraph.nlp import get_pipeline


@pytest.fixture(scope="module")
def full_nlp() -> Language:
    return get_pipeline()


@pytest.fixture
def small_table() -> Iterator[None]:
    """A table of two forms in place of the pipeline's, restored afterwards."""
    kept = irregular._exceptions
    irregular.use_lemma_exceptions({"took": ("take",), "drew": ("draw",)})
    yield
    irregular.use_lemma_exceptions(kept)


@pytest.mark.usefixtures("small_table")
@pytest.mark.parametrize(
    ("word", "lemmas"),
    [
        ("took", ("take",)),  # the table's own form
        ("retook", ("retake",)),  # a prefix the table lacks: prefix + the rest's lemma
        ("outdrew", ("outdraw",)),
        ("overtook", ("overtake",)),
        ("stood", ()),  # not in the table
        ("intook", ()),  # "in" is no verb prefix
        ("retaken", ()),  # the rest is no form of the table
    ],
)
def test_irregular_lemmas_read_the_table_and_verb_prefixes(
    word: str, lemmas: tuple[str, ...]
) -> None:
    assert irregular.irregular_lemmas(word) == lemmas


def test_the_pipeline_table_is_read_when_the_component_is_made(full_nlp: Language) -> None:
    assert irregular.read_lemma_exceptions(full_nlp)["rebuilt"] == ("rebuild",)
    assert "retake" in irregular.irregular_lemmas("retook")


@pytest.mark.parametrize(
    ("text", "target"),
    [
        ("Soldiers retook the village.", "the village"),
        ("Government troops retook the airport after a week of fighting.", "the airport"),
    ],
)
def test_a_past_the_lemmatizer_left_as_itself_is_a_trigger(
    full_nlp: Language, text: str, target: str
) -> None:
    [event] = [e for e in full_nlp(text)._.ng_events if e.type == "ASSAULT"]
    assert event.target is not None and event.target.span is not None
    assert event.target.span.text == target


def test_a_noun_in_the_verb_table_is_not_read_as_the_verb(full_nlp: Language) -> None:
    """ "rose" and "wound" are irregular verb forms too ("rise", "wind"): as nouns, their
    lemma stays the only key."""
    doc = full_nlp("She put the rose on the wound.")
    for word, verb in (("rose", "rise"), ("wound", "wind")):
        [token] = [t for t in doc if t.lower_ == word]
        assert token.pos_ == "NOUN"
        candidates = lemma_candidates(token)
        assert candidates[0] == word and verb not in candidates
