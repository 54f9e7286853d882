"""Session 12: frames of the types PLOVER GSR held out scored worst (MOBILIZE, SANCTION, CONCEDE,
ACCUSE, and THREATEN, RETREAT), each named by a CAMEO code in event_triggers.yaml and fired on
the fit parts (counts in docs/events.md, "plover12"). Sentences written for these tests; each
group also checks a use of the same words that is no such event."""

from __future__ import annotations

import pytest
from spacy.language import Language

from newsgraph.components.events.component import extract_events
from newsgraph.nlp import load_spacy_model


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_spacy_model()


def _found(nlp: Language, text: str) -> list[tuple[str, str | None, str | None]]:
    """(type, source span, target span) of each event of the sentence."""
    return [
        (
            e.type,
            e.source.span.text if e.source.span else None,
            e.target.span.text if e.target.span else None,
        )
        for e in extract_events(nlp(text))
    ]


def _types(nlp: Language, text: str) -> list[str]:
    return [t for t, _, _ in _found(nlp, text)]


def test_increasing_forces_or_an_armed_presence_is_a_mobilisation(nlp: Language) -> None:
    # CAMEO 154 / 153 mobilize or increase armed forces / police power
    assert ("MOBILIZE", "Washington", "Iraq") in _found(
        nlp, "Washington increased its troop presence in Iraq."
    )
    for text in (
        "The militia intensified its forces around the airport.",
        "The government bolstered its military presence along the border.",
    ):
        assert _types(nlp, text) == ["MOBILIZE"], text
    assert _found(nlp, "The company increased its presence in the Asian market.") == []
    assert _found(nlp, "The chain bolstered its sales in Asia.") == []


def test_ending_or_removing_a_restriction_eases_it(nlp: Language) -> None:
    # CAMEO 081 ease administrative sanctions (0813 curfew, 0814 state of emergency, martial law)
    assert ("CONCEDE", "The government", "the state of emergency") in _found(
        nlp, "The government ended the state of emergency in the province."
    )
    assert ("CONCEDE", "The junta", "martial law") in _found(
        nlp, "The junta ended martial law on Monday."
    )
    assert _types(nlp, "The government removed restrictions on the press.") == ["CONCEDE"]
    # a refusal to ease them is CAMEO 1241 refuse to ease administrative sanctions
    assert _types(nlp, "Congress refused to remove sanctions on the regime.") == ["REJECT"]
    assert _found(nlp, "Workers removed the debris from the road.") == []
    assert "CONCEDE" not in _types(nlp, "The two sides ended the war in 1995.")


def test_setting_a_deadline_is_an_ultimatum(nlp: Language) -> None:
    # CAMEO 139 give ultimatum
    found = _found(nlp, "The president set a 30-day deadline for the agency to make reforms.")
    assert [(t, s) for t, s, _ in found] == [("THREATEN", "The president")]
    assert "THREATEN" not in _types(nlp, "The builders set a new record for the tower.")


def test_declaring_a_cessation_of_hostilities_is_a_ceasefire(nlp: Language) -> None:
    # CAMEO 0871 declare truce, ceasefire
    found = _found(nlp, "The president declared an open-ended cessation of hostilities.")
    assert [(t, s) for t, s, _ in found] == [("RETREAT", "The president")]


def test_the_charge_is_no_part_of_the_accused(nlp: Language) -> None:
    # CAMEO 112 accuse: "accused X of Y" codes X as the target, also where the parser hangs
    # "of Y" on X
    assert ("ACCUSE", "China", "the diplomat") in _found(
        nlp, "China accused the diplomat of spying."
    )
    assert ("ACCUSE", "Russia", "the Georgian army") in _found(
        nlp, "Russia accused the Georgian army of war crimes."
    )
    assert ("ACCUSE", "The opposition", "the government") in _found(
        nlp, "The opposition blamed the government for the violence."
    )
    # an "of" phrase that names the actor stays in its phrase
    assert ("ACCUSE", "Kenya", "the leaders of the militia") in _found(
        nlp, "Kenya condemned the leaders of the militia."
    )
    assert ("ACCUSE", "Kenya", "the leaders of Hamas") in _found(
        nlp, "Kenya accused the leaders of Hamas."
    )
    assert ("SANCTION", "Canada", "the leaders of the junta") in _found(
        nlp, "Canada expelled the leaders of the junta."
    )
