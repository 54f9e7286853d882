"""The place a force or mission sent or contributed to is in, or the place a truce agreed
covers, is the target (``covered_place``; docs/events.md, session 24)."""

from __future__ import annotations

import pytest
from spacy.language import Language

from newsgraph.components.events.component import extract_events
from newsgraph.nlp import load_spacy_model


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_spacy_model()


def _targets(nlp: Language, text: str) -> dict[str, str | None]:
    return {
        e.type: (e.target.span.text if e.target.span else None) for e in extract_events(nlp(text))
    }


def test_troops_sent_to_a_mission_target_the_place_it_is_in(nlp: Language) -> None:
    text = "Norway is deploying 200 soldiers to the UN peacekeeping mission in Lebanon."
    assert _targets(nlp, text)["MOBILIZE"] == "Lebanon"


def test_a_contingent_sent_to_a_mission_targets_the_place_it_is_in(nlp: Language) -> None:
    text = "Britain will send a contingent to the African Union mission in Somalia."
    assert _targets(nlp, text)["AID"] == "Somalia"


def test_a_ceasefire_broken_stays_the_target(nlp: Language) -> None:
    text = "Rebels violated the ceasefire in Darfur on Sunday."
    assert _targets(nlp, text)["ASSAULT"] == "the ceasefire in Darfur"


def test_a_ceasefire_agreed_targets_the_place_it_covers(nlp: Language) -> None:
    text = "The two rebel leaders have agreed to a ceasefire in Darfur."
    assert _targets(nlp, text)["AGREE"] == "Darfur"


def test_observers_sent_stay_the_target(nlp: Language) -> None:
    text = "The bloc has deployed election observers in Malawi."
    assert "Malawi" not in _targets(nlp, text).values()


def test_a_ceasefire_with_no_place_changes_nothing(nlp: Language) -> None:
    text = "The two rebel leaders have agreed to a ceasefire with the government."
    assert _targets(nlp, text)["AGREE"] == "the government"
