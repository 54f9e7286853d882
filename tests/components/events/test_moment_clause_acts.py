"""Casualties and the act of a "when" clause are two records (issue 13, session 24, events24):
"were killed and four others wounded when insurgents detonated a bomb" tells the killing, with
the clause's doer, and the bombing (docs/events.md, "events24"). A participle ("shelled the
town, killing 12") still folds into its act."""

from __future__ import annotations

import pytest
from spacy.language import Language

from newsgraph.nlp import get_pipeline


@pytest.fixture(scope="module")
def full_nlp() -> Language:
    return get_pipeline()


def _records(nlp: Language, text: str) -> list[tuple[str, str | None, str | None, int | None]]:
    """(evidence words, source, target, killed) of each ASSAULT."""
    out = []
    for e in nlp(text)._.ng_events:
        if e.type != "ASSAULT":
            continue
        killed = e.magnitude.get("killed", {}).get("min")
        out.append(
            (
                " ".join(s.text for s in e.evidence),
                e.source.span.text if e.source.span else None,
                e.target.span.text if e.target.span else None,
                killed,
            )
        )
    return out


# Sentences written for these tests.
def test_casualties_and_the_when_clause_act_are_two_records(full_nlp: Language) -> None:
    text = "Three villagers were killed and five others wounded when rebels shelled the market."
    assert _records(full_nlp, text) == [
        ("killed wounded", "rebels", "Three villagers", 3),
        ("shelled", "rebels", "the market", None),
    ]


def test_one_casualty_and_the_clause_act(full_nlp: Language) -> None:
    text = "A policeman was wounded on Friday when gunmen attacked a checkpoint near the bridge."
    found = _records(full_nlp, text)
    assert [words for words, *_ in found] == ["wounded", "attacked"]
    assert found[1][1:3] == ("gunmen", "a checkpoint")


@pytest.mark.parametrize(
    "text",
    [
        "Gunmen attacked a bus near the border and killed nine passengers.",
        "The army shelled the town on Monday, killing him.",
    ],
)
def test_a_conjunct_or_uncounted_participle_casualty_still_folds(
    full_nlp: Language, text: str
) -> None:
    assert len(_records(full_nlp, text)) == 1


def test_a_counted_participle_killing_is_its_own_record(full_nlp: Language) -> None:
    # fold25: the act keeps its target and toll; the killing, its own record, has the act's doer
    text = "The army shelled the town on Monday, killing 12 people."
    assert _records(full_nlp, text) == [
        ("shelled", "The army", "the town", 12),
        ("killing", "The army", "12 people", 12),
    ]


def test_a_bomber_on_himself_is_the_killing_itself(full_nlp: Language) -> None:
    text = "Six people were killed when a suicide bomber blew himself up at a checkpoint."
    assert _records(full_nlp, text) == [
        ("killed blew", "a suicide bomber", "Six people", 6),
    ]


def test_a_weapon_going_off_with_no_object_stays_the_casualties_act(full_nlp: Language) -> None:
    # no doer and no object of its own: one record, the fold's (MUC-4 fit, a car bomb)
    text = "Five people were killed when a car bomb exploded outside the ministry."
    assert len(_records(full_nlp, text)) == 1
