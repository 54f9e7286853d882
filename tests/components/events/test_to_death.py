"""A verb done "to death" is a killing, whatever the lexicon reads it as alone ("hacked to
death"), unless it is a judgement (issue 13, session 25 "eventsO"; docs/events.md)."""

from __future__ import annotations

import pytest
from spacy.language import Language

from newsgraph.components.events.component import extract_events
from newsgraph.nlp import load_spacy_model

from .found_events import types


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_spacy_model()


def test_hacked_to_death_is_a_killing(nlp: Language) -> None:
    events = extract_events(nlp("Attackers hacked three farmers to death with machetes."))
    assert [e.type for e in events] == ["ASSAULT"]
    assert events[0].magnitude["killed"]["min"] == 3


def test_stoned_to_death_is_an_attack(nlp: Language) -> None:
    assert types(nlp, "A woman was stoned to death by a mob in the village.") == ["ASSAULT"]


def test_hacking_a_server_stays_a_cyber_attack(nlp: Language) -> None:
    events = extract_events(nlp("Hackers hacked the ministry's servers on Monday."))
    assert [(e.type, e.mode) for e in events] == [("COERCE", "cyber")]


def test_sentenced_to_death_is_no_killing(nlp: Language) -> None:
    events = extract_events(nlp("He was sentenced to death by the court."))
    assert [e.type for e in events] == ["COERCE"]
    assert "killed" not in events[0].magnitude


def test_burned_to_death_is_a_killing(nlp: Language) -> None:
    events = extract_events(nlp("Three elderly men were burned to death by the soldiers."))
    assert [e.type for e in events] == ["ASSAULT"]
    assert events[0].magnitude["killed"]["min"] == 3


def test_put_to_death_by_a_jury_is_no_killing(nlp: Language) -> None:
    text = "The jurors voted to put the defendant to death after four days."
    assert "ASSAULT" not in types(nlp, text)
