"""A name the article has placed, read again where NER tags it as part of a name or a people.

Entities are fixed by hand so that each test tests the rule, not the model's guess.
"""

from __future__ import annotations

import pytest
from spacy.language import Language
from spacy.tokens import Doc

from newsgraph.components.places.component import Component
from newsgraph.extensions import set_entities
from newsgraph.nlp import get_pipeline


@pytest.fixture(scope="module")
def nlp() -> Language:
    return get_pipeline(components=("newsgraph_places",))


@pytest.fixture(scope="module")
def component(nlp: Language) -> Component:
    return nlp.get_pipe("newsgraph_places")


def _with_entities(nlp: Language, text: str, entities: list[tuple[int, str, str]]) -> Doc:
    """``text`` parsed, with exactly ``entities``: (occurrence of the name, name, label)."""
    doc = nlp.make_doc(text)
    for _, proc in nlp.pipeline:
        if not hasattr(proc, "toponyms"):
            doc = proc(doc)
    spans = []
    for occurrence, name, label in entities:
        start = -1
        for _ in range(occurrence + 1):
            start = text.index(name, start + 1)
        span = doc.char_span(start, start + len(name), label=label)
        assert span is not None, name
        spans.append(span)
    set_entities(doc, spans)
    return doc


def _toponyms(component: Component, doc: Doc) -> list[tuple[str, int, str, str | None]]:
    return [
        (t.text, t.start, t.role, t.entry.id if t.entry else None) for t in component.toponyms(doc)
    ]


TEXT = "Police in Gainesville arrested two men. The Gainesville Police Department named them."


def test_a_placed_town_opening_an_organisation_is_an_embedded_toponym_of_the_same_place(
    nlp: Language, component: Component
) -> None:
    doc = _with_entities(
        nlp, TEXT, [(0, "Gainesville", "GPE"), (0, "Gainesville Police Department", "ORG")]
    )
    found = _toponyms(component, doc)
    assert len(found) == 2
    (first, _, first_role, first_id), (second, start, role, entry_id) = found
    assert (first, first_role) == ("Gainesville", "place")
    assert (second, start, role) == ("Gainesville", TEXT.rindex("Gainesville"), "embedded")
    assert entry_id == first_id is not None


def test_an_organisation_opening_with_a_town_the_article_does_not_place_stays_a_name(
    nlp: Language, component: Component
) -> None:
    # (an institution word makes the town a toponym anyway: test_places_org_towns.py)
    text = "The Gainesville Chamber of Commerce named two men."
    doc = _with_entities(nlp, text, [(0, "Gainesville Chamber of Commerce", "ORG")])
    assert _toponyms(component, doc) == []


def test_an_organisation_that_is_only_the_placed_name_is_not_read_again(
    nlp: Language, component: Component
) -> None:
    text = "Fans gathered in Gainesville. Gainesville won the final on Sunday."
    doc = _with_entities(nlp, text, [(0, "Gainesville", "GPE"), (1, "Gainesville", "ORG")])
    assert [t[0:3] for t in _toponyms(component, doc)] == [("Gainesville", 17, "place")]


def test_a_placed_town_misread_as_a_people_is_a_place(nlp: Language, component: Component) -> None:
    text = "The storm hit Gainesville on Monday. Gainesville shelters filled up overnight."
    doc = _with_entities(nlp, text, [(0, "Gainesville", "GPE"), (1, "Gainesville", "NORP")])
    found = _toponyms(component, doc)
    assert [(name, role) for name, _, role, _ in found] == [
        ("Gainesville", "place"),
        ("Gainesville", "place"),
    ]
    assert found[0][3] == found[1][3]
