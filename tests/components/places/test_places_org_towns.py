"""A town or US county opening an institution's name is a toponym embedded in the name.

Entities are fixed by hand so that each test tests the rule, not the model's guess.
"""

from __future__ import annotations

import pytest
from spacy.language import Language

from newsgraph.components.places.component import Component

from .test_places_echoes import _toponyms, _with_entities


@pytest.fixture(scope="module")
def nlp() -> Language:
    from newsgraph.nlp import get_pipeline

    return get_pipeline(components=("newsgraph_places",))


@pytest.fixture(scope="module")
def component(nlp: Language) -> Component:
    return nlp.get_pipe("newsgraph_places")


@pytest.mark.parametrize(
    ("text", "organisation", "town"),
    [
        (
            "Officers of the Corsicana Police Department arrested a man.",
            "Corsicana Police Department",
            "Corsicana",
        ),
        (
            "A deputy of the Levy County Sheriff's Office closed the road.",
            "Levy County Sheriff's Office",
            "Levy County",
        ),
        (
            "The Kanawha County Board of Education met on Tuesday.",
            "Kanawha County Board of Education",
            "Kanawha County",
        ),
    ],
)
def test_a_town_opening_an_institution_name_is_an_embedded_toponym(
    nlp: Language, component: Component, text: str, organisation: str, town: str
) -> None:
    doc = _with_entities(nlp, text, [(0, organisation, "ORG")])
    found = _toponyms(component, doc)
    assert [(name, start, role) for name, start, role, _ in found] == [
        (town, text.index(town), "embedded")
    ]
    assert found[0][3] is not None


@pytest.mark.parametrize(
    ("text", "organisation"),
    [
        # an institution's level, not a town ("Supreme" is a Louisiana hamlet)
        ("The Supreme Court ruled on Monday.", "Supreme Court"),
        # no title-case word of the organisation's own after the name
        (
            "She joined the Parks and Recreation Advisory Commission.",
            "Parks and Recreation Advisory Commission",
        ),
        # no institution word
        ("The Corsicana Chamber of Commerce met.", "Corsicana Chamber of Commerce"),
        # a division the gazetteer lacks follows the town's name: the toponym is longer
        ("The Mayo County Council met on Monday.", "Mayo County Council"),
    ],
)
def test_other_organisations_opening_with_a_gazetteer_name_stay_names(
    nlp: Language, component: Component, text: str, organisation: str
) -> None:
    doc = _with_entities(nlp, text, [(0, organisation, "ORG")])
    assert _toponyms(component, doc) == []


@pytest.mark.parametrize(
    ("text", "town"),
    [
        ("A Gainesville man was arrested on Friday.", "Gainesville"),
        ("Deputies searched the Evansville home on Monday.", "Evansville"),
    ],
)
def test_a_town_tagged_as_an_organisation_that_modifies_a_noun_is_a_place(
    nlp: Language, component: Component, text: str, town: str
) -> None:
    doc = _with_entities(nlp, text, [(0, town, "ORG")])
    found = _toponyms(component, doc)
    assert [(name, start, role) for name, start, role, _ in found] == [
        (town, text.index(town), "place")
    ]
    assert found[0][3] is not None


@pytest.mark.parametrize(
    ("text", "entities"),
    [
        # an acronym ("Nato" is also a town of the Philippines)
        ("NATO bases were expanded last year.", [(0, "NATO", "ORG")]),
        # a name the article gives a person
        (
            "Abraham Lincoln wrote it. A Lincoln letter was sold.",
            [(0, "Abraham Lincoln", "PERSON"), (1, "Lincoln", "ORG")],
        ),
        # a hamlet of the gazetteer
        ("The Adena people built mounds.", [(0, "Adena", "ORG")]),
    ],
)
def test_other_organisations_modifying_a_noun_stay_names(
    nlp: Language, component: Component, text: str, entities: list[tuple[int, str, str]]
) -> None:
    doc = _with_entities(nlp, text, entities)
    assert _toponyms(component, doc) == []


@pytest.mark.parametrize(
    ("text", "building", "label", "town"),
    [
        (
            "Two men were held in the Titus County Jail overnight.",
            "Titus County Jail",
            "FAC",
            "Titus County",
        ),
        ("Protesters gathered outside Greer City Hall.", "Greer City Hall", "GPE", "Greer"),
    ],
)
def test_a_town_opening_an_unknown_building_tagged_a_place_is_embedded_beside_it(
    nlp: Language, component: Component, text: str, building: str, label: str, town: str
) -> None:
    doc = _with_entities(nlp, text, [(0, building, label)])
    found = {(name, start, role): entry for name, start, role, entry in _toponyms(component, doc)}
    start = text.index(town)
    assert set(found) == {(building, start, "place"), (town, start, "embedded")}
    assert found[(town, start, "embedded")] is not None


def test_a_town_opening_an_unknown_institution_tagged_a_place_replaces_it(
    nlp: Language, component: Component
) -> None:
    text = "A spokesman for the Titus County Sheriff's Office said the road was shut."
    doc = _with_entities(nlp, text, [(0, "Titus County Sheriff's Office", "GPE")])
    found = _toponyms(component, doc)
    assert [(name, start, role) for name, start, role, _ in found] == [
        ("Titus County", text.index("Titus"), "embedded")
    ]
    assert found[0][3] is not None


def test_an_unknown_place_without_an_institution_word_is_kept_whole(
    nlp: Language, component: Component
) -> None:
    text = "Rebels held the Greer Ridge overnight."
    doc = _with_entities(nlp, text, [(0, "Greer Ridge", "LOC")])
    assert [t[0] for t in _toponyms(component, doc)] == ["Greer Ridge"]


def test_a_town_listed_with_a_place_is_a_place_whatever_ner_calls_it() -> None:
    # "Kursk and Belgorod": the small model tags the second name ORG; listed with a place and
    # a town of the gazetteer, it is a place (places/conjoined.py)
    from newsgraph.nlp import get_pipeline

    nlp = get_pipeline(components=("newsgraph_places",))
    doc = nlp("Ukrainian drones struck targets in Kursk and Belgorod.")
    assert {p.name for p in doc._.ng_places} >= {"Kursk", "Belgorod"}
    # two people listed together stay people
    doc = nlp("John Smith and Paris Hilton arrived on Monday.")
    assert doc._.ng_places == []
