"""War-reporting forms the reader missed on the written probes (issue 13, session 23): a town
liberated or regained is taken (CAMEO 192); docs/events.md, "events23".
"Neutralised N terrorists" is tested with its entry (test_codebook_entries.py)."""

from __future__ import annotations

import pytest
from spacy.language import Language

from newsgraph.nlp import load_spacy_model

from .found_events import types


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_spacy_model()


@pytest.mark.parametrize(
    "text",
    [
        "The rebels liberated the village of Kadira on Sunday.",
        "The militia regained three towns in the valley last month.",
    ],
)
def test_a_place_liberated_or_regained_is_taken(nlp: Language, text: str) -> None:
    assert types(nlp, text) == ["ASSAULT"]


def test_people_liberated_are_released(nlp: Language) -> None:
    assert types(nlp, "The group liberated three hostages on Friday.") == ["RETREAT"]


def test_regained_consciousness_is_no_event(nlp: Language) -> None:
    assert types(nlp, "The boy regained consciousness in the hospital.") == []
