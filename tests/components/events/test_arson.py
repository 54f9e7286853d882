"""Burning a building, a vehicle or crops is an attack on it (issue 13, session 25 "eventsO";
docs/events.md)."""

from __future__ import annotations

import pytest
from spacy.language import Language

from newsgraph.nlp import load_spacy_model

from .found_events import found, types


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_spacy_model()


@pytest.mark.parametrize(
    ("text", "target"),
    [
        ("Gunmen burned 30 houses in the village on Sunday.", "30 houses"),
        ("The militia burned a bus on the main road.", "a bus"),
        ("Their homes were burned by the attackers.", "Their homes"),
    ],
)
def test_burning_property_is_an_attack(nlp: Language, text: str, target: str) -> None:
    events = found(nlp, text)
    assert [t for t, _, _ in events] == ["ASSAULT"]
    assert events[0][2] == target


def test_a_building_burnt_down_is_an_attack(nlp: Language) -> None:
    events = found(nlp, "The school was burnt down by armed men at night.")
    assert events == [("ASSAULT", "armed men", "The school")]


@pytest.mark.parametrize(
    "text",
    [
        "Candles burn on the bridge outside the station.",
        "A hot bullet casing burned him on the arm.",
        "Whoever puts his hand in the fire will get burned.",
        "A wildfire burned 200 homes in the valley.",
        "It was a suspicious fire that burned the old creamery on Friday.",
    ],
)
def test_burning_no_property_is_no_event(nlp: Language, text: str) -> None:
    assert types(nlp, text) == []


def test_a_burned_flag_stays_a_protest(nlp: Language) -> None:
    assert types(nlp, "Protesters burned the national flag outside the embassy.") == ["PROTEST"]
