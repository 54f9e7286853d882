"""Local units below the town the gazetteer lacks: "X woreda", "X kebele", "X regency",
"Barangay X" (session 25, docs/places.md). The unit names are invented, so that no gazetteer
holds them."""

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
    ("text", "name", "feature", "country"),
    [
        ("Gunmen killed nine farmers in Zorvatu kebele near Gimbi, Ethiopia.", "Zorvatu",
         "village", "ET"),
        ("Troops clashed with rebels in Dembalosa woreda near Gimbi, Ethiopia.", "Dembalosa",
         "district", "ET"),
        ("Armed men burned a bridge in Korumpaya regency near Jayapura, Indonesia.",
         "Korumpaya", "district", "ID"),
        ("Soldiers raided a camp in Barangay Tulisanon near Kabankalan, the army said.",
         "Barangay Tulisanon", "village", "PH"),
    ],
)  # fmt: skip
def test_a_name_before_or_after_a_unit_word_is_a_local_place(
    nlp: Language, text: str, name: str, feature: str, country: str
) -> None:
    places = places_by_name(nlp, text)
    assert name in places, sorted(places)
    place = places[name]
    assert place.id.startswith(LOCAL_PREFIX)
    assert (place.feature, place.country) == (feature, country)


def test_a_unit_word_alone_names_no_place(nlp: Language) -> None:
    places = places_by_name(nlp, "Residents of the kebele fled to Gimbi, Ethiopia, on Saturday.")
    assert not any(p.id.startswith(LOCAL_PREFIX) for p in places.values()), sorted(places)
