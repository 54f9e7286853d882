"""Spellings news uses that GeoNames does not: Ukraine's national transliteration; a bare name
shared by a river and a city; other romanisations of Arab towns."""

from __future__ import annotations

import pytest
from spacy.language import Language

from newsgraph.components.places.gazetteer import ARAB_LEAGUE, get_gazetteer, ukrainian_national
from newsgraph.components.places.spellings import spelling_candidates, spelling_keys
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


@pytest.mark.parametrize(
    ("news", "geonames"),
    [
        ("Deir Ezzor", "Deir ez-Zor"),  # the article glued to its word
        ("Jisr al-Shughur", "Jisr ash Shughūr"),  # the article assimilated or not
        ("Dara’a", "Dar‘ā"),  # ayn and hamza marks
        ("Hawija", "Al Ḩawījah"),  # a leading article; -a for -ah
        ("Rankuss", "Rankūs"),  # a doubled consonant
    ],
)
def test_romanisations_of_one_arabic_name_share_a_key(news: str, geonames: str) -> None:
    assert spelling_keys(news) & spelling_keys(geonames)


@pytest.mark.parametrize(("one", "other"), [("Liwaa", "Liwá"), ("Bellah", "Bellaa")])
def test_a_doubled_vowel_is_no_spelling_variant(one: str, other: str) -> None:
    assert not spelling_keys(one) & spelling_keys(other)


@pytest.mark.parametrize("name", ["Deir Ezzor", "Jisr al-Shughur", "Hawija", "Zara", "Bellah"])
def test_spelling_candidates_are_arab_towns_read_as_other_names(name: str) -> None:
    found = spelling_candidates(get_gazetteer(), name)
    assert all(entry.cc in ARAB_LEAGUE and not primary for entry, primary in found)
    assert bool(found) == (name not in ("Zara", "Bellah"))


@pytest.mark.parametrize(
    ("text", "country"),
    [
        ("Government aircraft struck a market in Deir Ezzor on Monday.", "SY"),
        ("Rebel fighters shelled an army post near Jisr al-Shughur overnight.", "SY"),
        ("Two car bombs exploded in Hawija late on Tuesday.", "IQ"),
    ],
)
def test_a_recognised_arab_town_in_another_spelling_gets_its_point(
    full_nlp: Language, text: str, country: str
) -> None:
    (place,) = full_nlp(text)._.ng_places
    assert place.country == country and place.feature == "city" and place.lat is not None


@pytest.mark.parametrize("name", ["Tal", "Ras"])
def test_a_name_under_four_letters_has_no_other_romanisation(name: str) -> None:
    # "Tall" and "Ar Rass" share their keys: too short a key meets too many words
    assert spelling_candidates(get_gazetteer(), name) == []


def test_a_town_ner_tags_as_a_person_after_from_is_read_in_another_spelling(
    full_nlp: Language,
) -> None:
    (place,) = full_nlp("Troops withdrew from Qaim after heavy fighting.")._.ng_places
    assert (place.country, place.feature) == ("IQ", "city")
