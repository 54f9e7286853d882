"""Where a nominal attack happened is not whom it hit (session 27, placeT): a named place or an
area after "in" or "at" of an attack noun is its site (``adjunct_places.site_of_act``), as for
a verb; "on" keeps what was struck, and a curfew keeps its place. A nominal naming only its
site stays an event record. The sentences are written for these tests."""

from __future__ import annotations

import pytest

from newsgraph.nlp import get_pipeline


@pytest.fixture(scope="module")
def nlp():
    """The full newsgraph pipeline."""
    return get_pipeline()


def _targets(nlp, text: str, event_type: str) -> list[str | None]:
    events = [e for e in nlp(text)._.ng_events if e.type == event_type]
    assert events, text
    return [e.target.span.text if e.target.span is not None else None for e in events]


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("Two soldiers were killed in a Taliban attack in Helmand.", "Helmand"),
        ("Rebels carried out an attack in Kunduz on Tuesday.", "Kunduz"),
        ("The airstrike in Idlib destroyed a bakery.", "Idlib"),
    ],
)
def test_an_attack_nouns_place_is_not_its_target(nlp, text, place):
    targets = _targets(nlp, text, "ASSAULT")
    assert all(t is None or place not in t for t in targets)


@pytest.mark.parametrize(
    ("text", "event_type", "target"),
    [
        ("Gunmen carried out a raid on Juba last night.", "ASSAULT", "Juba"),
        ("Police imposed a curfew in Srinagar.", "COERCE", "Srinagar"),
    ],
)
def test_what_was_struck_and_a_curfews_place_stay_targets(nlp, text, event_type, target):
    assert _targets(nlp, text, event_type)[0] == target
