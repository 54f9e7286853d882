"""Place names read in the article's context: a shared short name, unit names, the Golan."""

from __future__ import annotations

import pytest
from spacy.language import Language

from newsgraph.nlp import get_pipeline


@pytest.fixture(scope="module")
def full_nlp() -> Language:
    return get_pipeline()


def _places(pipeline: Language, text: str) -> dict[str, str | None]:
    return {p.name: p.country for p in pipeline(text)._.ng_places}


@pytest.mark.parametrize(
    ("text", "country"),
    [
        ("M23 rebels seized the town of Goma in eastern Congo on Monday.", "CD"),
        ("Fighting continued in Congo on Monday. Troops from Kinshasa moved east.", "CD"),
        ("Fighting continued in Congo on Monday. Troops from Brazzaville moved north.", "CG"),
    ],
)
def test_congo_is_the_congo_the_article_is_about(
    full_nlp: Language, text: str, country: str
) -> None:
    countries = set(_places(full_nlp, text).values())
    assert country in countries and "BR" not in countries


@pytest.mark.parametrize(
    "text",
    [
        "Ukrainian troops attacked positions of the North battle group near Vovchansk.",
        "Russia's Battle Group North said it had repelled attacks near Vovchansk.",
        "Task Force South fired artillery at rebel positions near Vovchansk.",
    ],
)
def test_a_military_unit_named_after_a_direction_is_no_place(full_nlp: Language, text: str) -> None:
    assert set(_places(full_nlp, text)) <= {"Vovchansk"}


def test_a_strike_in_the_golan_happened_in_the_golan_heights(full_nlp: Language) -> None:
    doc = full_nlp(
        "An Israeli drone strike in the Golan killed a Hezbollah commander from southern Lebanon."
    )
    names = {p.id: p.name for p in doc._.ng_places}
    assert [names.get(e.place or "") for e in doc._.ng_events if e.type == "ASSAULT"] == [
        "Golan Heights"
    ]
