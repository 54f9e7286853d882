"""Killed counts in the words security forces' reports and news use (session 23, killed23):
"neutralised"/"eliminated" armed men, "both", "shooting dead N", "the driver", a person's name."""

from __future__ import annotations

import pytest
from spacy.language import Language

from newsgraph.nlp import get_pipeline


@pytest.fixture(scope="module")
def full_nlp() -> Language:
    return get_pipeline()


def _killed(pipeline: Language, text: str) -> list[int | None]:
    """The killed count (min) of each ASSAULT event of the text."""
    return [
        (e.magnitude.get("killed") or {}).get("min")
        for e in pipeline(text)._.ng_events
        if e.type == "ASSAULT"
    ]


@pytest.mark.parametrize(
    ("text", "killed"),
    [
        ("Government troops neutralised 23 militants in the hills on Sunday.", 23),
        ("About thirty assailants were neutralised during the operation, the army said.", 30),
        ("The regiment repelled the raid, neutralising nine attackers.", 9),
        ("Both gunmen were neutralized by the police.", 2),
        ("More than 50 enemy servicemen were eliminated in the strike, the ministry said.", 50),
    ],
)
def test_armed_men_neutralised_or_eliminated_are_killed(
    full_nlp: Language, text: str, killed: int
) -> None:
    assert killed in _killed(full_nlp, text)


def test_armed_mens_count_is_marked_as_their_loss_and_a_toll_is_not(full_nlp: Language) -> None:
    """The armed men a side says it killed are the attackers' loss (``armed``), apart from
    the victims' toll: "killed 14 villagers" is no such count."""
    armed = [
        e.magnitude["killed"].get("armed")
        for e in full_nlp("Soldiers neutralised six bandits near the camp.")._.ng_events
        if "killed" in e.magnitude
    ]
    assert armed == [True]
    toll = [
        e.magnitude["killed"].get("armed")
        for e in full_nlp("Bandits attacked the camp, killing 14 villagers.")._.ng_events
        if "killed" in e.magnitude
    ]
    assert toll == [None, None]  # the attack and its participle's killing (fold25)


def test_both_counts_two(full_nlp: Language) -> None:
    assert 2 in _killed(full_nlp, "Both guards were killed when the convoy was attacked.")


def test_both_before_a_singular_counts_nobody(full_nlp: Language) -> None:
    text = (
        "The square was bombed in what officials called both a planned operation and "
        "a crime with more than 90 people injured in the blasts."
    )
    injured = [(e.magnitude.get("injured") or {}).get("min") for e in full_nlp(text)._.ng_events]
    assert 2 not in injured


def test_shooting_dead_counts_the_number_after_it(full_nlp: Language) -> None:
    text = "Gunmen stopped a truck outside the village, shooting dead four traders."
    assert 4 in _killed(full_nlp, text)


def test_one_person_named_with_the(full_nlp: Language) -> None:
    text = "A drone struck a lorry near the bridge, killing the driver."
    assert _killed(full_nlp, text) == [1, 1]  # the strike and its participle's killing
    # a plural noun with "the" states no count, nor "the youth" (young people as a group)
    assert _killed(full_nlp, "Gunmen attacked a bus and killed the passengers.") == [None]
    assert 1 not in _killed(full_nlp, "The war is killing the youth of the region.")


def test_a_persons_name_of_two_words_is_one_killed(full_nlp: Language) -> None:
    text = "Police said Daniel Okafor, a trader, was shot and killed outside his shop."
    assert 1 in _killed(full_nlp, text)
    # another person in the clause: the name alone is not the toll
    text = "Maria Lopez, 31, was killed along with Juan Ortega, 27, in a double shooting."
    assert 1 not in _killed(full_nlp, text)
