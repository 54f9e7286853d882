"""Killed counts on the shapes of probe O and N's misses (session 25, killedO): person words the
fit texts give a casualty verb and a hyphen dateline's first word kept in its sentence."""

from __future__ import annotations

import pytest
from spacy.language import Language

from newsgraph.nlp import get_pipeline


@pytest.fixture(scope="module")
def full_nlp() -> Language:
    return get_pipeline()


def _counts(pipeline: Language, text: str) -> list[dict]:
    return [
        e.magnitude.get("killed") or {} for e in pipeline(text)._.ng_events if e.type == "ASSAULT"
    ]


def _killed(pipeline: Language, text: str) -> list[int | None]:
    return [c.get("min") for c in _counts(pipeline, text)]


@pytest.mark.parametrize(
    ("text", "killed"),
    [
        ("Masked men shot dead a district commander outside his home on Friday.", 1),
        ("A shop owner was fatally shot during a robbery in the old town.", 1),
        ("The gunmen killed three hikers and their local guide near the lake.", 4),
        ("Militants killed a tourist and two drivers on the mountain road.", 3),
        ("My neighbour was killed by the soldiers, a witness said.", 1),
    ],
)
def test_person_words_count_one(full_nlp: Language, text: str, killed: int) -> None:
    assert killed in _killed(full_nlp, text)


def test_a_word_for_no_person_still_counts_nothing(full_nlp: Language) -> None:
    assert _killed(full_nlp, "The strike killed the convoy's dog.") in ([None], [])


def test_a_hyphen_datelines_first_word_stays_in_its_sentence(full_nlp: Language) -> None:
    """ "IMPHAL, Nov 11 - Ten suspected militants were killed": the parser split "Ten" off as
    a sentence of its own, and the killing lost its count."""
    text = (
        "RANCHI, Dec 3 - Seven suspected rebels were killed in a gunfight with police in the "
        "hills on Tuesday after gunmen attacked a police post, officials said."
    )
    doc = full_nlp(text)
    assert [s.text[:5] for s in doc.sents][:2] == ["RANCH", "Seven"]
    assert 7 in _killed(full_nlp, text)


@pytest.mark.parametrize(
    ("phrase", "low"),
    [
        ("two dozen", 24),
        ("more than three dozen", 36),
        ("a dozen", 12),
        ("half a dozen", 6),
        ("several dozen", 36),
        ("a few hundred", 200),
        ("dozens", 24),
        ("hundreds of thousands", 200000),
    ],
)
def test_a_dozen_multiplies(phrase: str, low: int) -> None:
    """ "two dozen" is 24, not 2 + 12; a vague word before a scale word multiplies it."""
    from newsgraph.components.events.lexicon import load_lexicon
    from newsgraph.components.events.magnitude import read_quantity

    assert (read_quantity(phrase, load_lexicon().magnitude) or {}).get("min") == low


def test_several_dozen_dead(full_nlp: Language) -> None:
    text = "The air strikes killed several dozens of insurgents near the dam, the army said."
    assert 36 in _killed(full_nlp, text)
