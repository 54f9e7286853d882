"""Second-level divisions outside the US from GeoNames' admin2 names (``places_admin2.csv``,
session 25, placeO): a province or district the gazetteer lacked is a place with a point."""

from __future__ import annotations

from pathlib import Path

import pytest
from spacy.language import Language

from newsgraph.components.places.build import admin2_short_name, build_admin2
from newsgraph.components.places.component import resolve_toponym
from newsgraph.nlp import get_pipeline


@pytest.fixture(scope="module")
def nlp() -> Language:
    return get_pipeline(components=("newsgraph_places",))


@pytest.mark.parametrize(
    ("name", "division", "country"),
    [
        ("Negros Oriental", "Negros Oriental", "PH"),  # GeoNames: "Province of Negros Oriental"
        ("Kamwenge District", "Kamwenge", "UG"),  # the district, not its town
        ("Laguna province", "Laguna", "PH"),
    ],
)
def test_a_second_level_division_resolves_to_it(name: str, division: str, country: str) -> None:
    place = resolve_toponym(name)
    assert place is not None
    assert (place.name, place.country, place.feature) == (division, country, "county")
    assert place.lat is not None


def test_the_bare_name_of_a_district_stays_its_town() -> None:
    place = resolve_toponym("Kamwenge")
    assert place is not None
    assert (place.country, place.feature) == ("UG", "city")


@pytest.mark.parametrize("name", ["Cambridgeshire", "Dublin"])
def test_a_division_repeating_a_first_level_one_or_a_city_area_is_left_out(name: str) -> None:
    place = resolve_toponym(name)
    assert place is not None
    assert place.feature != "county"


def test_a_province_in_a_sentence_is_a_place_with_a_point(nlp: Language) -> None:
    doc = nlp("Soldiers clashed with rebels in a hilly village of Negros Oriental on Friday.")
    places = {p.name: p for p in doc._.ng_places}
    assert "Negros Oriental" in places
    assert (places["Negros Oriental"].country, places["Negros Oriental"].feature) == (
        "PH",
        "county",
    )


@pytest.mark.parametrize(
    ("name", "short"),
    [
        ("Province of Negros Occidental", "Negros Occidental"),
        ("Kamwenge District", "Kamwenge"),
        ("Departement de la Gironde", "Gironde"),
        ("Municipio Sucre", "Sucre"),
        ("Yumbe", ""),
    ],
)
def test_the_short_name_drops_the_type_word(name: str, short: str) -> None:
    assert admin2_short_name(name) == short


def test_the_table_names_each_division_outside_the_us_with_its_towns_median(
    tmp_path: Path,
) -> None:
    (tmp_path / "places_admin1_codes.csv").write_text(
        "# codes\ncc,code,name\nPH,06,Western Visayas\n"
    )
    towns = [
        ("PH", "Western Visayas", "Province of Negros Occidental", 10.0, 123.0),
        ("PH", "Western Visayas", "Province of Negros Occidental", 10.4, 123.2),
        ("PH", "Western Visayas", "Province of Negros Occidental", 10.6, 122.9),
        ("IE", "Leinster", "Dublin City", 53.3, -6.2),  # the city's own area
        ("US", "Texas", "Travis County", 30.0, -97.0),  # US counties have their own table
    ]
    rg = tmp_path / "rg.csv"
    rg.write_text("lat,lon,name,admin1,admin2,cc\n" + "".join(
        f"{lat},{lon},t,{a1},{a2},{cc}\n" for cc, a1, a2, lat, lon in towns))  # fmt: skip
    build_admin2(rg, tmp_path)
    lines = (tmp_path / "places_admin2.csv").read_text().splitlines()
    rows = [line for line in lines if not line.startswith("#")]
    assert rows == [
        "cc,admin1,name,alias,lat,lon",
        "PH,06,Province of Negros Occidental,Negros Occidental,10.4,123.0",
    ]


def test_a_division_of_another_country_than_the_articles_is_no_reading(nlp: Language) -> None:
    # "Hurum" is a Norwegian municipality in GeoNames; in a Nigerian story it is a village
    text = (
        "Gunmen killed five farmers in Hurum, a village near Jos in Nigeria's Plateau State, "
        "police in Jos and Bokkos said."
    )
    places = {p.name: p for p in nlp(text)._.ng_places}
    assert places["Hurum"].country == "NG"
    norway = "Oslo police said a fire broke out in Hurum overnight, near Drammen in Norway."
    places = {p.name: p for p in nlp(norway)._.ng_places}
    assert (places["Hurum"].country, places["Hurum"].feature) == ("NO", "county")
