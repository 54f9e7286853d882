"""Spellings news uses that GeoNames does not: Ukraine's national transliteration; a bare name
shared by a river and a city."""

from __future__ import annotations

import pytest
from spacy.language import Language

from newsgraph.components.places.gazetteer import ukrainian_national
from newsgraph.nlp import get_pipeline


@pytest.fixture(scope="module")
def full_nlp() -> Language:
    return get_pipeline()


def _places(pipeline: Language, text: str) -> dict[str, str]:
    return {p.name: p.feature for p in pipeline(text)._.ng_places}


@pytest.mark.parametrize(
    ("geonames", "national"),
    [
        ("Mykolayiv", "Mykolaiv"),
        ("Zaporizhzhya", "Zaporizhzhia"),
        ("Avdiyivka", "Avdiivka"),
        ("Kostyantynivka", "Kostiantynivka"),
        ("Khmelnytskyy", "Khmelnytskyi"),
        ("Krasnyy Lyman", "Krasnyi Lyman"),
        ("Kyiv", None),
        ("Pokrovsk", None),
    ],
)
def test_ukrainian_towns_take_the_national_spelling(geonames: str, national: str | None) -> None:
    assert ukrainian_national(geonames, "UA") == national


def test_the_national_spelling_is_only_for_ukraine() -> None:
    assert ukrainian_national("Mayak", "RU") is None


def test_a_port_in_mykolaiv_is_the_city_not_the_region(full_nlp: Language) -> None:
    places = _places(full_nlp, "A missile hit a grain terminal in Mykolaiv late on Sunday.")
    assert places == {"Mykolayiv": "city"}


def test_a_bare_name_a_river_shares_with_a_city_is_the_city(full_nlp: Language) -> None:
    places = _places(full_nlp, "Drones damaged a power plant in Dnipro before dawn.")
    assert places == {"Dnipro": "city"}


@pytest.mark.parametrize(
    "text",
    [
        "Ukrainian marines crossed the Dnipro in small boats.",
        "Shelling continued along the Dnipro River overnight.",
    ],
)
def test_the_river_keeps_its_article_or_its_word(full_nlp: Language, text: str) -> None:
    assert _places(full_nlp, text) == {"Dnipro River": "river"}
