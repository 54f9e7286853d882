"""A thing given, returned, lifted or mobilised gives way, as the target, to the place it goes
to or is for (``targets.destination_place``; docs/events.md, session 18)."""

from __future__ import annotations

from helpers import targets_by_type as _targets
from spacy.language import Language


def test_the_place_a_purpose_clause_names_is_what_funds_are_for(nlp: Language) -> None:
    text = "The government provided more than $3 million to fight the outbreak in Liberia."
    assert _targets(nlp, text)["AID"] == "Liberia"


def test_the_place_funds_are_mobilised_for(nlp: Language) -> None:
    text = "The foundation is mobilising new funds to support reconstruction in Haiti."
    assert _targets(nlp, text)["MOBILIZE"] == "Haiti"


def test_a_thing_stays_the_target_where_no_place_is_named(nlp: Language) -> None:
    assert _targets(nlp, "The ministry provided $5 million last year.")["AID"] == "$5 million"


def test_the_subject_s_place_is_no_destination(nlp: Language) -> None:
    text = "Northland's ministry provided $5 million last year."
    assert _targets(nlp, text)["AID"] == "$5 million"


def test_people_released_stay_the_target(nlp: Language) -> None:
    text = "The army released the prisoners in Kabul."
    assert _targets(nlp, text)["RETREAT"] == "the prisoners in Kabul"


def test_an_act_with_no_target_takes_the_place_it_is_for(nlp: Language) -> None:
    text = (
        "Norway on Monday announced a large increase in funding to fight the epidemic in Liberia."
    )
    assert _targets(nlp, text)["AID"] == "Liberia"


def test_an_act_with_no_target_and_no_place_keeps_none(nlp: Language) -> None:
    assert _targets(nlp, "The minister resigned on Friday.")["RETREAT"] is None


def test_a_clause_with_a_subject_of_its_own_is_another_act(nlp: Language) -> None:
    text = "The ministry provided $5 million as the summit opened in Geneva."
    assert _targets(nlp, text)["AID"] == "$5 million"
