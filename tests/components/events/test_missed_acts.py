"""Acts that produced no record before session 26 (missP): arson told as "set ... ablaze" or
"set ... on fire" with the phrase hung on the object, damage to buildings and vehicles, weapons
used against someone, and an attack attributed to someone (docs/history/events.md, "Session
26 (missP)")."""

from __future__ import annotations

import pytest
from spacy.language import Language

from newsgraph.nlp import load_spacy_model

from .found_events import found, types


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_spacy_model()


@pytest.mark.parametrize(
    ("text", "source", "target"),
    [
        ("The raiders set three huts ablaze before dawn.", "The raiders", "three huts"),
        ("A grain store on the farm was set ablaze.", None, "A grain store"),
        (  # the parser hangs "on fire" on the object
            "The army also shelled the villages of Kara and Tepe in the district with artillery"
            " and howitzers, setting fields and orchards on fire, the group said.",
            "The army",
            "fields and orchards",
        ),
    ],
)
def test_arson_phrases(nlp: Language, text: str, source: str | None, target: str) -> None:
    assert (("ASSAULT", source, target)) in found(nlp, text)


@pytest.mark.parametrize(
    ("text", "target"),
    [
        (
            "Nine homes and a clinic were damaged, the district office said.",
            "Nine homes and a clinic",
        ),
        ("Gunmen damaged two buses on the highway.", "two buses"),
    ],
)
def test_damaged_property_is_an_attack(nlp: Language, text: str, target: str) -> None:
    assert [(t, tg) for t, _, tg in found(nlp, text)] == [("ASSAULT", target)]


@pytest.mark.parametrize(
    "text",
    [
        "The row damaged the minister's chances of re-election.",
        "A small fire damaged the old mill on Friday.",
        # a past participle after a full verb is a state, not an act (lead review)
        "The governor inspected damaged homes in the town on Friday.",
        "Engineers began repairing damaged bridges along the coast road.",
    ],
)
def test_other_damage_is_no_event(nlp: Language, text: str) -> None:
    assert types(nlp, text) == []


def test_weapons_used_against_someone(nlp: Language) -> None:
    assert found(nlp, "The rebels used rockets and a drone against the army post.") == [
        ("ASSAULT", "The rebels", "the army post")
    ]


def test_weapons_used_against_no_one_are_no_attack(nlp: Language) -> None:
    assert types(nlp, "The engineers used explosives to clear the rubble.") == []


def test_an_attack_attributed_to_a_group_is_an_accusation(nlp: Language) -> None:
    assert found(nlp, "The governor attributed the bombing to the rebel militia.") == [
        ("ACCUSE", "The governor", "the rebel militia")
    ]


def test_attributing_no_act_is_no_accusation(nlp: Language) -> None:
    assert types(nlp, "The minister attributed the fall in prices to the weather.") == []


def test_people_taken_from_their_homes_are_abducted(nlp: Language) -> None:
    assert found(nlp, "The teachers had been taken from their homes by masked men.") == [
        ("COERCE", "masked men", "The teachers")
    ]
    assert types(nlp, "Papers were taken from the house during the search.") == []


def test_an_act_attributed_in_a_participle_has_no_accuser(nlp: Language) -> None:
    text = "Two farmers were found dead after a raid attributed to the rebel militia."
    assert "ACCUSE" not in types(nlp, text)


def test_a_phrase_hung_on_the_object_is_read(nlp: Language) -> None:
    assert found(nlp, "The militia holds dozens of villagers as human shields in the town.") == [
        ("COERCE", "The militia", "dozens of villagers")
    ]
