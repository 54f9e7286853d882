"""Session 13 codebook senses read from the CAMEO verb dictionary (the comments in
event_triggers.yaml cite the CAMEO code and the dictionary's pattern). Sentences are written for
these tests; each group also checks a use of the words that is no such event."""

from __future__ import annotations

import pytest
from spacy.language import Language

from newsgraph.nlp import load_spacy_model

from .found_events import found, types


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_spacy_model()


def test_closing_a_border_or_road_restricts_movement(nlp: Language) -> None:
    # CAMEO 172 / 1723 / 191: material conflict, no SANCTION
    for text in (
        "Turkey closed its border with Syria after the attack.",
        "Hungary has closed its borders to refugees.",
        "The army closed the main highway to the north.",
    ):
        assert types(nlp, text) == ["COERCE"], text


def test_closing_an_embassy_or_a_base_reduces_relations(nlp: Language) -> None:
    # CAMEO 161 / 160
    assert types(nlp, "Britain closed its embassy in Tehran.") == ["SANCTION"]
    assert types(nlp, "Washington will close its air base in the country.") == ["SANCTION"]


def test_closing_anything_else_is_no_event(nlp: Language) -> None:
    # the verb alone has no code of its own
    for text in (
        "The shop closed its doors at midnight.",
        "The dairy will close its factory in the north.",
        "Schools and offices were closed for the holiday.",
    ):
        assert types(nlp, text) == [], text


def test_an_official_protest_is_a_complaint(nlp: Language) -> None:
    # CAMEO 114 complain officially (LODGE PROTEST, LODGE COMPLAINT)
    assert types(nlp, "Pakistan lodged a strong protest with India over the shooting.") == [
        "ACCUSE"
    ]
    assert types(nlp, "Thousands of students staged a protest in the capital.") == ["PROTEST"]
    assert types(nlp, "The hotel lodged the delegates in the east wing.") == []


def test_burning_a_flag_or_an_effigy_is_a_demonstration(nlp: Language) -> None:
    # CAMEO 141 (BURN FLAG, EFFIGY, PORTRAIT)
    assert types(nlp, "Protesters burned the American flag outside the embassy.") == ["PROTEST"]
    assert types(nlp, "Demonstrators burned an effigy of the president.") == ["PROTEST"]
    assert types(nlp, "The cook burned the toast.") == []


def test_dropping_charges_eases_a_legal_measure(nlp: Language) -> None:
    # CAMEO 081 (DROP CHARGES, CASE)
    assert types(nlp, "The government dropped the charges against the activists.") == ["CONCEDE"]
    assert types(nlp, "Prosecutors dropped the case against the former minister.") == ["CONCEDE"]
    assert types(nlp, "The plane dropped leaflets over the city.") == []


def test_hurling_accusations_is_an_accusation(nlp: Language) -> None:
    # CAMEO 111 (HURL ACCUSATION, INSULT)
    assert types(nlp, "Opposition deputies hurled accusations at the minister.") == ["ACCUSE"]


def test_what_one_receives_is_the_givers_act(nlp: Language) -> None:
    # CAMEO's RECEIVE patterns turn the roles round (':'): the giver is the source
    for text, expected in (
        (
            "The journalist received death threats from the militia.",
            ("THREATEN", "the militia", "The journalist"),
        ),
        ("Iraq received humanitarian aid from Iran.", ("AID", "Iran", "Iraq")),
        ("The rebels received weapons from Libya.", ("AID", "Libya", "The rebels")),
        (
            "The strikers received assurances from the government.",
            ("AGREE", "the government", "The strikers"),
        ),
    ):
        assert found(nlp, text) == [expected], text
    # receiving a visitor is hosting him: the host is the source
    assert found(nlp, "The president received the ambassador on Monday.") == [
        ("CONSULT", "The president", "the ambassador")
    ]
    # a support verb whose subject acts keeps its subject as the source
    assert found(nlp, "The army launched an attack on the town.") == [
        ("ASSAULT", "The army", "the town")
    ]


def test_going_somewhere_for_talks_is_a_visit(nlp: Language) -> None:
    # CAMEO 042 make a visit: travel to another location for a meeting
    for text in (
        "French and German negotiators return to Vienna this week for talks on the treaty.",
        "The foreign minister flew to Moscow for talks with his counterpart.",
        "The envoy arrived in Cairo on Sunday for a two-day visit.",
    ):
        assert types(nlp, text) == ["CONSULT"], text
    assert types(nlp, "The children went to the park for a picnic.") == []


def test_ignoring_an_appeal_or_upholding_a_ban_is_a_rejection(nlp: Language) -> None:
    # CAMEO 122 reject request (IGNORE APPEAL), 1241 refuse to ease (UPHOLD BAN)
    assert types(nlp, "The junta ignored the UN appeal for restraint.") == ["REJECT"]
    assert types(nlp, "The rebels disregarded repeated calls for a ceasefire.") == ["REJECT"]
    assert types(nlp, "The court upheld the ban on the party.") == ["REJECT"]
    assert types(nlp, "He ignored the noise outside.") == []
    assert types(nlp, "The judge upheld the verdict.") == []


def test_extending_a_state_of_emergency_imposes_it(nlp: Language) -> None:
    # CAMEO 1724 (EXTEND STATE OF EMERGENCY)
    assert types(nlp, "The government extended the state of emergency for a month.") == ["COERCE"]
    assert types(nlp, "The road was extended to the coast.") == []


def test_reaffirmed_support_is_support(nlp: Language) -> None:
    # CAMEO 051 (REAFFIRM SUPPORT)
    assert types(nlp, "Britain reaffirmed its support for the peace process.") == ["SUPPORT"]


def test_setting_fire_to_something_is_an_arson_attack_on_it(nlp: Language) -> None:
    # PLOVER ASSAULT (mode primitive), as "torch" and "arson"; MUC-4 codes these as arson
    assert found(nlp, "Gunmen set fire to a school in the village on Monday.") == [
        ("ASSAULT", "Gunmen", "a school in the village")
    ]
    assert found(nlp, "Rebels set fire to two government vehicles.") == [
        ("ASSAULT", "Rebels", "two government vehicles")
    ]
    assert types(nlp, "The committee set a date for the vote.") == []
