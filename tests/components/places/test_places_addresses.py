"""Street addresses, blocks, intersections and numbered roads as places
(``places/addresses.py``). The street names are invented."""

from __future__ import annotations

import pytest
from spacy.language import Language

from newsgraph.components.places.addresses import ADDRESS_FEATURE, ADDRESS_PREFIX
from newsgraph.model import Place
from newsgraph.nlp import get_pipeline


@pytest.fixture(scope="module")
def nlp() -> Language:
    return get_pipeline(components=("newsgraph_places",))


def _addresses(nlp: Language, text: str) -> dict[str, Place]:
    return {p.name: p for p in nlp(text)._.ng_places if p.feature == ADDRESS_FEATURE}


@pytest.mark.parametrize(
    ("text", "streets"),
    [
        ("Police found him in the 4700 block of Quillow Drive on Friday.", ["Quillow Drive"]),
        ("Officers were sent to 812 N. 9th Avenue late on Monday.", ["N. 9th Avenue"]),
        ("Shots were fired near the intersection of Brindle and Tamsworth Court.",
         ["Brindle", "Tamsworth Court"]),
        ("The man was hit near 63rd and Orlebar Ave. on Sunday.", ["63rd", "Orlebar Ave."]),
        ("A car crashed on Route 47 after the chase.", ["Route 47"]),
        ("She was walking along Harwick Lane when a van stopped.", ["Harwick Lane"]),
        ("Deputies went to the 1300-block of West Pellam on a report of a shooting.",
         ["West Pellam"]),
        ("The boy was shot near 12th and Garrow, police said.", ["12th", "Garrow"]),
        ("A water main broke on the corner of Dunmere and Ashcot streets.",
         ["Dunmere", "Ashcot"]),
        ("Two cars collided at Tallow Bend Lane and 31st Street.",
         ["Tallow Bend Lane", "31st Street"]),
        ("Traffic stopped on Interstate 74 West and near the Brell-Harnow Road exit.",
         ["Interstate 74 West", "Brell-Harnow Road"]),
        # Arabic articles hyphened inside a name, and patronymics, belong to it
        ("Troops raided homes on Kamal al-Dirani Street overnight.", ["Kamal al-Dirani Street"]),
        ("Crowds gathered on Rashid bin Saqer Street on Friday.", ["Rashid bin Saqer Street"]),
        # a lower-case word between names is no particle unless hyphened ("at" is English)
        ("Shoppers fled the Pellbrook store at Tamsworth Street.", ["Tamsworth Street"]),
    ],
)  # fmt: skip
def test_streets_are_places(nlp: Language, text: str, streets: list[str]) -> None:
    """An address's street, each street of an intersection, a numbered road: the street
    alone, as geoparsing gold marks it (house number and block left out)."""
    places = _addresses(nlp, text)
    assert sorted(places) == sorted(streets)
    for place in places.values():
        assert place.id.startswith(ADDRESS_PREFIX)
        assert place.lat is None and place.lon is None


@pytest.mark.parametrize(
    "text",
    [
        "The Wall Street Journal reported the story first.",
        "Dr. Morgan testified before the Supreme Court on Tuesday.",
        "Fans gathered in St. Louis for the parade.",
        "The company opened an office on the third floor.",
    ],
)
def test_other_names_are_no_addresses(nlp: Language, text: str) -> None:
    assert _addresses(nlp, text) == {}


def test_a_weak_suffix_alone_is_no_street(nlp: Language) -> None:
    # "Court", "Drive", "Way" end other names; without a number, block or directional no street
    assert _addresses(nlp, "The hearing at Marlow Court lasted an hour.") == {}
    assert "Marlow Court" in _addresses(nlp, "He lived at 1200 Marlow Court for years.")


def test_an_address_lies_in_the_town_of_its_sentence(nlp: Language) -> None:
    text = "A woman was shot in the 900 block of Quillow Street in Indianapolis on Friday."
    place = _addresses(nlp, text)["Quillow Street"]
    assert (place.country, place.admin1) == ("US", "Indiana")
    assert place.id == f"{ADDRESS_PREFIX}us:indianapolis-quillow-street"


def test_a_town_inside_a_street_name_is_part_of_the_street(nlp: Language) -> None:
    places = {p.name for p in nlp("He was shot near 40th and Glendale Avenue.")._.ng_places}
    assert "Glendale Avenue" in places
    assert "Glendale" not in places


def test_addresses_can_be_turned_off() -> None:
    from newsgraph.components.places.component import Component

    nlp = get_pipeline(components=("newsgraph_places",))
    off = Component(nlp, addresses=False)
    doc = off(nlp("Police found him in the 4700 block of Quillow Drive on Friday."))
    assert not any(p.feature == ADDRESS_FEATURE for p in doc._.ng_places)
