"""Wrong parties of probe M's forms (session 24, issue 13), on sentences written for these
tests: an area after "in" is where an attack was, not whom it hit, and a day or time of day
owns no attack."""

from __future__ import annotations

import pytest
from spacy.language import Language

from newsgraph.model import Event
from newsgraph.nlp import get_pipeline


@pytest.fixture(scope="module")
def full_nlp() -> Language:
    return get_pipeline()


def _assaults(pipeline: Language, text: str) -> list[Event]:
    return [e for e in pipeline(text)._.ng_events if e.type == "ASSAULT"]


def _text(party) -> str | None:  # type: ignore[no-untyped-def]
    return party.span.text if party is not None and party.span is not None else None


@pytest.mark.parametrize(
    ("text", "target"),
    [
        # the object names no actor the lexicon knows; the fronted area outranked it
        (
            "In northern Tarvia district, gunmen shot dead a village headman on Friday.",
            "a village headman",
        ),
        # an area attached to the object
        ("Troops raided a rebel hideout in the Malvo neighbourhood at dawn.", "a rebel hideout"),
        ("Rebels ambushed a supply column in Orrin province on Monday.", "a supply column"),
    ],
)
def test_an_area_after_in_is_not_whom_the_attack_hit(
    full_nlp: Language, text: str, target: str
) -> None:
    [attack] = _assaults(full_nlp, text)
    assert (_text(attack.target) or "").startswith(target)


def test_a_named_party_in_an_area_stays_the_target(full_nlp: Language) -> None:
    [attack] = _assaults(full_nlp, "Gunmen killed two guards in Dorlan province on Tuesday.")
    assert (_text(attack.target) or "").startswith("two guards")


@pytest.mark.parametrize(
    "text",
    [
        "The death toll from Monday night's bombing of a market rose to nine.",
        "Tuesday morning's shelling of the camp wounded four children.",
    ],
)
def test_a_day_or_time_of_day_is_no_doer(full_nlp: Language, text: str) -> None:
    for attack in _assaults(full_nlp, text):
        source = _text(attack.source) or ""
        assert not any(day in source for day in ("Monday", "Tuesday"))
