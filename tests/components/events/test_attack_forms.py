"""Attack forms of war reporting (issue 13, session 22): an attack on a gathering is no
gathering event, "struck" with an event noun is the attack unless the noun is an agreement,
bombs dropped on a place and a position overrun are attacks (docs/events.md, "events22")."""

from __future__ import annotations

import pytest
from spacy.language import Language

from newsgraph.nlp import load_spacy_model

from .found_events import found, types


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_spacy_model()


@pytest.mark.parametrize(
    "text",
    [
        "Ukrainian forces struck a meeting of Russian commanders in Kursk on Tuesday.",
        "Government jets struck a rally of opposition supporters on Sunday.",
    ],
)
def test_struck_with_an_event_noun_is_the_attack(nlp: Language, text: str) -> None:
    assert types(nlp, text) == ["ASSAULT"]


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Israel struck a deal with Hamas on Monday.", "AGREE"),
        ("The rebels struck a truce with the army.", "RETREAT"),
    ],
)
def test_struck_with_an_agreement_is_the_agreement(nlp: Language, text: str, kind: str) -> None:
    assert types(nlp, text) == [kind]


def test_the_struck_meeting_is_no_meeting_event(nlp: Language) -> None:
    events = found(nlp, "Israeli jets bombed a meeting of Hamas leaders in Gaza.")
    assert [t for t, _, _ in events] == ["ASSAULT"]
    assert events[0][1] == "Israeli jets"


def test_a_strike_on_a_meeting_is_no_meeting_event(nlp: Language) -> None:
    text = "A strike on a meeting of Russian commanders killed 12 officers."
    assert types(nlp, text) == ["ASSAULT"]


def test_an_attacked_march_is_no_protest_event(nlp: Language) -> None:
    assert types(nlp, "Soldiers attacked a march of students in the capital.") == ["ASSAULT"]


def test_a_meeting_held_stays_a_meeting(nlp: Language) -> None:
    assert "CONSULT" in types(nlp, "The commanders held a meeting in Kursk on Tuesday.")


def test_bombs_dropped_on_a_place_are_an_attack(nlp: Language) -> None:
    [(kind, source, target)] = found(
        nlp, "The military dropped two bombs on a monastery near the town."
    )
    assert (kind, source) == ("ASSAULT", "The military")
    assert target is not None and target.startswith("a monastery")


def test_an_explosive_device_dropped_on_a_bus_is_an_attack(nlp: Language) -> None:
    text = "A drone dropped an explosive device on a bus near the border."
    assert found(nlp, text) == [("ASSAULT", "A drone", "a bus")]


def test_leaflets_dropped_are_no_attack(nlp: Language) -> None:
    assert types(nlp, "The plane dropped leaflets on the town.") == []


def test_dropped_charges_stay_a_concession(nlp: Language) -> None:
    assert types(nlp, "The prosecutor dropped the charges against him.") == ["CONCEDE"]


def test_an_overrun_base_is_an_attack(nlp: Language) -> None:
    [(kind, source, target)] = found(nlp, "Rebel fighters overran an army base in the north.")
    assert (kind, source) == ("ASSAULT", "Rebel fighters")
    assert target is not None and "base" in target


def test_the_weapon_an_attack_is_made_with_is_no_target(nlp: Language) -> None:
    [(kind, _, target)] = found(
        nlp, "The army delivered a strike with two Iskander missiles on the command post."
    )
    assert (kind, target) == ("ASSAULT", "the command post")
