"""A weak reading in a country the article's other places do not point to (issue 13)."""

from __future__ import annotations

from newsgraph.components.places.resolver import default_resolver


def _read(text: str, names: list[str]) -> dict[str, str | None]:
    spans = [(text.index(n), text.index(n) + len(n)) for n in names]
    entries = default_resolver().resolve_spans(text, spans)
    return {n: (e.cc if e else None) for n, e in zip(names, entries, strict=True)}


def test_a_foreign_division_named_like_the_articles_region_is_dropped() -> None:
    text = (
        "Soldiers freed four teachers in Kumbo, in the North West region. The governor in "
        "Bamenda said calm had returned to Yaounde and Douala."
    )
    read = _read(text, ["Kumbo", "North West", "Bamenda", "Yaounde", "Douala"])
    assert read["North West"] is None  # not Botswana's, not South Africa's
    assert read["Kumbo"] == "CM"


def test_an_alternate_name_abroad_is_dropped() -> None:
    text = "Shelling hit a market in Taiz. The wounded were taken from Taiz to al-Thawra in Sanaa."
    read = _read(text, ["Taiz", "Taiz", "al-Thawra", "Sanaa"])
    assert read["al-Thawra"] is None  # not Syria's Al-Tabqa
    assert read["Sanaa"] == "YE"


def test_a_division_of_the_articles_country_stays() -> None:
    text = "Troops in Kumbo and Bamenda, in the North West region of Cameroon, freed the teachers."
    read = _read(text, ["Kumbo", "Bamenda", "Cameroon"])
    assert read["Kumbo"] == "CM"


def test_a_us_territory_counts_as_the_us() -> None:
    text = "Flights from Chicago and Denver to Saipan resumed, officials in Texas said."
    read = _read(text, ["Chicago", "Denver", "Saipan", "Texas"])
    assert read["Saipan"] == "MP"


def test_a_names_default_reading_stays() -> None:
    text = "Fighting in Khartoum and Omdurman spread to Bahri, diplomats in New York said."
    read = _read(text, ["Khartoum", "Omdurman", "Bahri", "New York"])
    assert read["New York"] == "US"
