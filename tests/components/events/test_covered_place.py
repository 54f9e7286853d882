"""The place a force or mission sent or contributed to is in, or the place a truce agreed
covers, is the target (``covered_place``; docs/events.md, session 24)."""

from __future__ import annotations

from helpers import targets_by_type as _targets
from spacy.language import Language


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
