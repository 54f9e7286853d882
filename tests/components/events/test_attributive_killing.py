"""A killing's participle before the person it names is that killing (session 19, "rams19"):
``events/attributive.py``."""

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


@pytest.mark.parametrize(
    ("text", "victim"),
    [
        ("Hundreds gathered in Lyon to mourn the slain policeman on Sunday.", "policeman"),
        ("The murdered journalist was buried in Erbil on Tuesday.", "journalist"),
        # "slain" hung on the next adjective by the parser
        ("The slain military officers included two colonels, the ministry said.", "officers"),
    ],
)
def test_a_killing_participle_before_a_person_is_the_killing(
    full_nlp: Language, text: str, victim: str
) -> None:
    events = _assaults(full_nlp, text)
    assert events, text
    target = events[0].target.span
    assert target is not None and victim in target.text


@pytest.mark.parametrize(
    "text",
    [
        # not a killing verb: an adjective of a place, an injury
        "The occupied village was quiet on Sunday.",
        # before a thing, not a person
        "The committee reviewed the murdered budget plan on Sunday.",
    ],
)
def test_other_participles_before_a_noun_are_no_killing(full_nlp: Language, text: str) -> None:
    assert not _assaults(full_nlp, text)
