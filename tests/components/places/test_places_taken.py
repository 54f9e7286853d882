"""A proper name that a verb of taking ground takes as its object is a place
(``local_names._objects_of_taking``): "troops stormed X", "rebels entered X", "police patrolled
X". The names are invented, so that no gazetteer holds them."""

from __future__ import annotations

import pytest
from helpers import places_by_name
from spacy.language import Language

from newsgraph.components.places.local_places import LOCAL_PREFIX
from newsgraph.nlp import get_pipeline


@pytest.fixture(scope="module")
def nlp() -> Language:
    return get_pipeline(components=("newsgraph_places",))


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Government troops stormed Bayrunah on Monday.", "Bayrunah"),
        ("The rebels entered Marbosh on Thursday after heavy clashes.", "Marbosh"),
        ("Police and soldiers patrolled Quarnesh on Saturday afternoon.", "Quarnesh"),
        ("Fighters who seized Tolvanik are now in Turkey.", "Tolvanik"),
    ],
)
def test_object_of_a_verb_of_taking_ground_is_a_place(nlp: Language, text: str, name: str) -> None:
    places = places_by_name(nlp, text)
    assert name in places, sorted(places)
    assert places[name].id.startswith(LOCAL_PREFIX)


def test_the_sentence_place_is_its_container(nlp: Language) -> None:
    text = "Army units stormed Qasrunah in eastern Aleppo on Sunday."
    place = places_by_name(nlp, text)["Qasrunah"]
    assert place.country == "SY"


def test_a_name_with_an_apostrophe_is_taken_whole(nlp: Language) -> None:
    places = places_by_name(nlp, "Marines stormed the Kal'orin Dike at night.")
    assert "Kal'orin Dike" in places, sorted(places)
    assert "Dike" not in places


@pytest.mark.parametrize(
    "text",
    [
        "Police captured Dravinko on Friday.",  # capture: as often a person as a place
        "Michael Brennan was elected in May. Fans stormed Brennan after the final.",
    ],
)
def test_no_place_for_a_captive_or_a_named_person(nlp: Language, text: str) -> None:
    assert not any(p.id.startswith(LOCAL_PREFIX) for p in places_by_name(nlp, text).values())


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Shells fell on the village of Bza’rin near Aleppo on Monday.", "Bza’rin"),
        ("A mortar hit the Bab al-Na’ur neighbourhood of Aleppo.", "Bab al-Na’ur"),
    ],
)
def test_a_cued_name_written_with_an_apostrophe_or_hyphen(
    nlp: Language, text: str, name: str
) -> None:
    places = places_by_name(nlp, text)
    assert name in places, sorted(places)
    assert places[name].country == "SY"


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Gunmen attacked Karvelo, a strategic city near Aleppo.", "Karvelo"),
        ("Gunmen attacked Tarbuni, a border town near Aleppo.", "Tarbuni"),
        ("Troops shelled Mezrinah, a community east of Aleppo.", "Mezrinah"),
    ],
)
def test_an_apposition_that_calls_a_name_a_settlement(nlp: Language, text: str, name: str) -> None:
    places = places_by_name(nlp, text)
    assert name in places, sorted(places)
    assert places[name].country == "SY"


def test_a_settlement_noun_modifying_a_person_noun_is_no_apposition(nlp: Language) -> None:
    places = places_by_name(nlp, "Police stopped Eric Garner, a Staten Island man, in July.")
    assert not any(p.id.startswith(LOCAL_PREFIX) for p in places.values())


def test_no_object_across_a_line_break(nlp: Language) -> None:
    text = "He pledged to bar them from entering the U.S.\nTomas Verlind is a host of the show."
    assert not any(p.id.startswith(LOCAL_PREFIX) for p in places_by_name(nlp, text).values())


@pytest.mark.parametrize(
    "text",
    [
        "The award went to Sam Porvik, the city's mayor, on Monday.",
        "The award went to Sam Porvik, the town's mayor, on Monday.",
        "Dana Kirwell, the community's pastor, spoke.",
    ],
)
def test_a_settlement_noun_owning_a_person_noun_is_no_apposition(nlp: Language, text: str) -> None:
    assert not any(p.id.startswith(LOCAL_PREFIX) for p in places_by_name(nlp, text).values())
