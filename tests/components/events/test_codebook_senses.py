"""Session 11 codebook entries and senses (comments in event_triggers.yaml cite the CAMEO code),
and arrests kept apart from the attack they follow. Sentences are written for these tests;
each group also checks a use of the words that is no such event."""

from __future__ import annotations

import pytest
from spacy.language import Language

from newsgraph.components.events.component import extract_events
from newsgraph.model import Event
from newsgraph.nlp import load_spacy_model


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_spacy_model()


def _events(nlp: Language, text: str) -> list[Event]:
    return extract_events(nlp(text))


def _types(nlp: Language, text: str) -> list[str]:
    return [e.type for e in _events(nlp, text)]


def test_an_arrest_after_an_attack_is_an_arrest_of_its_own(nlp: Language) -> None:
    # CAMEO 173 arrest by the police, apart from the bombing (CAMEO 18) that is its reason
    for text in (
        "Police arrested four people after a bomb exploded in the city centre.",
        "Police detained a suspect in the August 17 market bombing.",
    ):
        assert "COERCE" in _types(nlp, text), text


def test_arrests_in_a_raid_or_in_an_attack_clause_still_count_into_it(nlp: Language) -> None:
    (storm,) = _events(nlp, "Troops stormed the village, arresting 20 people.")
    assert storm.type == "ASSAULT" and storm.magnitude["arrested"]["min"] == 20
    assert _types(nlp, "Twenty people were arrested in the police raid.") == ["COERCE"]


def test_hailing_is_praise_but_hailing_from_a_place_is_none(nlp: Language) -> None:
    # CAMEO 051 praise or endorse
    assert _types(nlp, "The president hailed the agreement as a breakthrough.") == ["SUPPORT"]
    text = "The new commander, who hails from Kandahar, met the governor."
    assert "SUPPORT" not in _types(nlp, text)


def test_recognition_in_the_british_spelling(nlp: Language) -> None:
    # CAMEO 054 grant diplomatic recognition
    assert _types(nlp, "Three countries recognised Eastland's independence.") == ["SUPPORT"]


def test_sending_peacekeepers_is_peacekeeping_aid_sending_troops_a_mobilisation(
    nlp: Language,
) -> None:
    # CAMEO 074 provide peacekeeping (PLOVER AID); CAMEO 154 mobilize armed forces
    (sent,) = _events(nlp, "The UN sent peacekeepers to the region.")
    assert (sent.type, sent.mode) == ("AID", "military")
    assert _types(nlp, "The army sent troops to the border.") == ["MOBILIZE"]


def test_distributing_aid_is_humanitarian_aid_distributing_leaflets_is_none(
    nlp: Language,
) -> None:
    # CAMEO 073 provide humanitarian aid
    assert _types(nlp, "Aid agencies distributed blankets to displaced families.") == ["AID"]
    assert _types(nlp, "Activists distributed leaflets in the square.") == []


def test_handing_back_property_is_a_return_people_a_release(nlp: Language) -> None:
    # CAMEO 0842 return property, 0841 release persons (PLOVER RETREAT)
    (land,) = _events(nlp, "The government handed back the seized land to the farmers.")
    assert (land.type, land.mode) == ("RETREAT", "return")
    (hostages,) = _events(nlp, "The rebels handed back two hostages.")
    assert (hostages.type, hostages.mode) == ("RETREAT", "release")
    assert _types(nlp, "He wants to give back to the community.") == []


def test_backing_down_is_a_concession_refusing_to_is_not(nlp: Language) -> None:
    # CAMEO 083 accede to demands (PLOVER CONCEDE)
    assert "CONCEDE" in _types(nlp, "The government backed down and scrapped the fuel tax.")
    refused = [
        e for e in _events(nlp, "The president refused to back down.") if e.type == "CONCEDE"
    ]
    assert all(e.negated for e in refused)


def test_a_bomb_going_off_is_a_bombing_an_alarm_is_none(nlp: Language) -> None:
    # CAMEO 183 bombing (PLOVER ASSAULT mode explosives)
    (blast,) = _events(nlp, "A car bomb went off near the ministry.")
    assert (blast.type, blast.mode) == ("ASSAULT", "explosives")
    assert _types(nlp, "The alarm went off at midnight.") == []


def test_a_bomb_blowing_up_is_a_bombing_of_what_it_was_near(nlp: Language) -> None:
    # CAMEO 183 bombing: with no object, an explosive subject makes "blew up" the explosion
    (blast,) = _events(nlp, "A truck bomb blew up outside the courthouse on Monday.")
    assert (blast.type, blast.mode) == ("ASSAULT", "explosives")
    assert blast.target.span is not None and blast.target.span.text == "the courthouse"


def test_blowing_up_a_thing_or_a_thing_blowing_up_stays_destruction(nlp: Language) -> None:
    # PLOVER COERCE mode destroy: the subject condition holds only with no object, of explosives
    (factory,) = _events(nlp, "The chemical plant blew up after a gas leak.")
    assert (factory.type, factory.mode) == ("COERCE", "destroy")
    (bridge,) = _events(nlp, "Rebels blew up the bridge near the village.")
    assert (bridge.type, bridge.mode) == ("COERCE", "destroy")
    assert bridge.target.span is not None and bridge.target.span.text == "the bridge"


def test_seizing_a_town_is_occupation_seizing_goods_or_a_house_confiscation(
    nlp: Language,
) -> None:
    # CAMEO 192 occupy territory (PLOVER ASSAULT); CAMEO 1711 confiscate property (COERCE)
    assert _types(nlp, "Rebels seized control of the airport.") == ["ASSAULT"]
    assert _types(nlp, "Rebels seized the town on Monday.") == ["ASSAULT"]
    assert _types(nlp, "Police seized weapons and cash.") == ["COERCE"]
    assert _types(nlp, "Police seized the house of the suspect.") == ["COERCE"]


def test_a_particle_read_as_an_adverb_still_makes_the_particle_verb(nlp: Language) -> None:
    # CAMEO 0874 retreat militarily: "pull back" with no object ("back" parsed as an adverb)
    (retreat,) = _events(nlp, "The rebels pulled back from the front line.")
    assert (retreat.type, retreat.mode) == ("RETREAT", "withdraw")
    # a verb with no particle sense keeps its own: "fired back" is the firing
    assert _types(nlp, "The soldiers fired back at the gunmen.") == ["ASSAULT"]
