"""Arabic names in another transliteration than the gazetteer's (``gazetteer.spelling_key``,
``Resolver._read_transliterations``) and tagged names written two ways with a slash."""

from __future__ import annotations

import pytest
from spacy.language import Language

from newsgraph.components.places.gazetteer import (
    fold,
    get_gazetteer,
    slash_readings,
    spelling_key,
)
from newsgraph.nlp import get_pipeline

from .test_places_local import _places


@pytest.fixture(scope="module")
def nlp() -> Language:
    return get_pipeline(components=("newsgraph_places",))


@pytest.mark.parametrize(
    ("written", "gazetteer"),
    [
        ("Khalidiya", "Al Khalidiyah"),
        ("Baqouba", "Baqubah"),
        ("Tel Abyad", "Tall Abyad"),
        ("Nusseirat", "An Nuseirat"),
        ("Hasakeh", "Al-Hasakah"),
    ],
)
def test_transliterations_share_a_spelling_key(written: str, gazetteer: str) -> None:
    assert spelling_key(fold(written)) == spelling_key(fold(gazetteer))


def test_different_names_keep_different_spelling_keys() -> None:
    assert spelling_key(fold("Tikrit")) != spelling_key(fold("Takrit"))
    assert spelling_key(fold("Hawija")) != spelling_key(fold("Hawiza"))


def test_spelled_alike_finds_only_other_spellings_of_arab_places() -> None:
    gaz = get_gazetteer()
    assert not list(gaz.candidates("Tel Abyad"))
    assert {entry.cc for entry, _ in gaz.spelled_alike("Tel Abyad")} == {"SY"}
    assert not list(gaz.spelled_alike("Springfield"))  # not an Arab League place


def test_slash_readings() -> None:
    assert slash_readings("Kwazulu/Natal") == ["Kwazulu-Natal", "Natal", "Kwazulu"]
    assert slash_readings("Baghdad") == ["Baghdad"]


def test_a_transliteration_is_read_where_the_article_is_about_the_arab_world(
    nlp: Language,
) -> None:
    places = _places(
        nlp,
        "Troops entered Hawija, south of Kirkuk in Iraq.",
        [("Hawija", "GPE"), ("Kirkuk", "GPE"), ("Iraq", "GPE")],
    )
    assert places["Al Ḩawījah"].country == "IQ"  # the place takes the gazetteer's name


def test_a_transliteration_is_not_read_elsewhere(nlp: Language) -> None:
    places = _places(
        nlp, "Fans in Ohio cheered Hawija on Sunday.", [("Ohio", "GPE"), ("Hawija", "GPE")]
    )
    assert "Ohio" in places
    assert all(place.country != "IQ" for place in places.values())


def test_a_tagged_name_written_two_ways_resolves_by_a_side(nlp: Language) -> None:
    text = "Clashes spread from Zorvani/Hebron to the hills."
    places = _places(nlp, text, [("Zorvani/Hebron", "GPE")])
    assert places["Hebron"].country == "PS"
