"""A town named before the words of the local division it heads is a place whatever the small
model made of it (``places/division_names.py``): "in Gwoza local government area", "the Maru
Local Government Area", "Kyauktaw Township", "the Krasnopillia community"."""

from __future__ import annotations

import pytest
from spacy.language import Language

from newsgraph.nlp import get_pipeline


@pytest.fixture(scope="module")
def nlp() -> Language:
    return get_pipeline(components=("newsgraph_places",))


def _placed(doc) -> dict[str, tuple[str, str | None]]:
    """Each place mention's text -> (its place's name, country)."""
    places = {p.id: p for p in doc._.ng_places}
    text = doc.text
    return {
        text[start:end]: (places[pid].name, places[pid].country)
        for start, end, pid in doc._.ng_place_mentions
    }


@pytest.mark.parametrize(
    ("text", "name", "country"),
    [
        (
            "Gunmen abducted six traders in Gwoza local government area on Friday, police said.",
            "Gwoza",
            "NG",
        ),
        (
            "Bandits burned two villages in the Maru Local Government Area of Zamfara State.",
            "Maru",
            "NG",
        ),
        ("Herders clashed with farmers in Bokkos LGA of Plateau State overnight.", "Bokkos", "NG"),
        ("An airstrike hit a school in Kyauktaw Township on Monday.", "Kyauktaw", "MM"),
        (
            "Shelling damaged two houses in the Krasnopillia community overnight.",
            "Krasnopillia",
            "UA",
        ),
    ],
)
def test_a_town_before_its_division_words_is_a_place(
    nlp: Language, text: str, name: str, country: str
) -> None:
    placed = _placed(nlp(text))
    assert name in placed, placed
    assert placed[name][1] == country, placed


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # an American civil township is a place of its own (GeoWebNews and LGL mark it whole)
        ("Firefighters were called to a barn in Clinton Township on Monday.", "Clinton"),
        # the end of a longer, joined name
        ("Gunmen besieged a home in the Baran-Goni community at night.", "Goni"),
        # a people, not a place
        ("Leaders of the Kurdish community marched in Berlin.", "Kurdish"),
    ],
)
def test_no_town_is_cut_out_of_other_names(nlp: Language, text: str, name: str) -> None:
    assert name not in _placed(nlp(text))


@pytest.mark.parametrize(
    "text",
    [
        "MAKURDI - Gunmen killed nine farmers in Zorvata Local Government Area of Benue State.",
        "MAKURDI - Gunmen killed nine farmers in the Zorvata LGA on Friday, police said.",
    ],
)
def test_a_name_the_gazetteer_lacks_before_a_local_government_area_is_a_district(
    nlp: Language, text: str
) -> None:
    # an invented name: no gazetteer holds it, the division's words make it a place (session 26)
    doc = nlp(text)
    places = {p.name: p for p in doc._.ng_places}
    assert "Zorvata" in places, sorted(places)
    assert places["Zorvata"].feature == "district"


def test_a_name_before_community_is_no_local_place(nlp: Language) -> None:
    # "the Peuhl community" names a people as often as "Zorvata community" a village
    doc = nlp("Soldiers rounded up men from the Zorvata community at the market in Mopti.")
    assert "Zorvata" not in {p.name for p in doc._.ng_places}
