"""Where a recorded target ends (``spans``; docs/events.md, session 20): a second phrase of its
own joined to the object of the target's preposition is another party, and the target ends
before it (``_object_conjunct_start``; a bare joined noun stays); a "near" place is kept."""

from __future__ import annotations

import pytest
from spacy.language import Language

from newsgraph.components.events.component import extract_events
from newsgraph.nlp import load_spacy_model


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_spacy_model()


def _target(nlp: Language, text: str, kind: str) -> str | None:
    found = [e for e in extract_events(nlp(text)) if e.type == kind]
    return found[0].target.span.text if found and found[0].target.span else None


def test_a_second_party_after_the_object_is_left_out(nlp: Language) -> None:
    text = "Rebel drones struck a fuel depot of the national army or its allied militias."
    assert _target(nlp, text, "ASSAULT") == "a fuel depot of the national army"


def test_a_bare_joined_noun_stays(nlp: Language) -> None:
    text = "Soldiers shelled the villages of Kamar and Delvan on Tuesday."
    assert _target(nlp, text, "ASSAULT") == "the villages of Kamar and Delvan"


def test_a_near_place_after_the_target_is_kept(nlp: Language) -> None:
    text = "Government jets bombed the rebel-held town near Idlib on Sunday."
    assert _target(nlp, text, "ASSAULT") == "the rebel-held town near Idlib"
