"""Lexicon entries from the CAMEO verb categories behind PLOVER's SUPPORT (05), RETREAT (084-087),
ACCUSE (09, 11), MOBILIZE (15) and SANCTION (16) (PLOVER's CAMEO-to-PLOVER table; see the
comments in event_triggers.yaml). Sentences written for these tests; each group also checks a
use of the word that is no such event."""

from __future__ import annotations

import pytest
from spacy.language import Language

from newsgraph.components.events.component import extract_events
from newsgraph.nlp import load_spacy_model

from .found_events import found, types


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_spacy_model()


def test_easing_economic_sanctions_or_a_blockade_is_a_retreat(nlp: Language) -> None:
    # CAMEO 085 ease economic sanctions, 0872 ease military blockade: PLOVER RETREAT
    assert ("RETREAT", "Westland", "Northland") in found(
        nlp, "Westland lifted its embargo on Northland."
    )
    assert types(nlp, "The council eased sanctions on Eastland on Monday.") == ["RETREAT"]
    assert types(nlp, "The rebels ended the siege of the town.") == ["RETREAT"]
    # CAMEO 081 ease administrative sanctions stays a concession
    assert types(nlp, "The city lifted the curfew.") == ["CONCEDE"]


def test_halting_ones_own_attacks_de_escalates(nlp: Language) -> None:
    # CAMEO 087 de-escalate military engagement
    assert ("RETREAT", "The army", "the rebels") in found(
        nlp, "The army suspended its offensive against the rebels."
    )
    assert types(nlp, "The government halted air strikes on the province.") == ["RETREAT"]
    # a labour strike ended is CAMEO 082, aid suspended CAMEO 162
    assert types(nlp, "The union ended its strike on Monday.") == ["CONCEDE"]
    assert types(nlp, "The agency suspended aid deliveries to the region.") == ["SANCTION"]


def test_leaving_or_calling_off_talks_halts_negotiations(nlp: Language) -> None:
    # CAMEO 164 halt negotiations (PLOVER SANCTION)
    assert ("SANCTION", "Eastland", "Westland") in found(
        nlp, "Eastland withdrew from the peace talks with Westland."
    )
    for text in (
        "The rebels pulled out of the negotiations.",
        "The delegation walked out of the talks.",
        "Westland called off the talks with Eastland.",
    ):
        assert types(nlp, text) == ["SANCTION"], text
    assert types(nlp, "The army withdrew from the town.") == ["RETREAT"]
    assert types(nlp, "The union called off the strike.") == ["CONCEDE"]
    assert found(nlp, "The minister walked out of the room.") == []


def test_dispatching_amassing_or_stationing_forces_mobilises(nlp: Language) -> None:
    # CAMEO 154 mobilize or increase armed forces, 150 demonstrate military power
    assert ("MOBILIZE", "Eastland", "the frontier") in found(
        nlp, "Eastland amassed troops along the frontier."
    )
    assert types(nlp, "Westland dispatched troops to the border.") == ["MOBILIZE"]
    assert types(nlp, "The navy held maneuvers off the coast.") == ["MOBILIZE"]
    assert found(nlp, "The banker amassed a fortune.") == []
    assert found(nlp, "The office dispatched a letter to the ministry.") == []
    assert found(nlp, "The guard was stationed at the desk.") == []
    # police sent to an address answer a call: no increase of police power (GVDB fit, 3)
    assert found(nlp, "Police officers were dispatched to the 1500 block of Main Street.") == []
    assert types(nlp, "Troops were stationed along the border.") == ["MOBILIZE"]


def test_disapproving_and_suing_are_accusations(nlp: Language) -> None:
    # CAMEO 110 disapprove, 111 criticize or denounce, 115 bring lawsuit against
    assert ("ACCUSE", "Eastland", "the decision") in found(
        nlp, "Eastland disapproved of the decision."
    )
    assert types(nlp, "The minister expressed his disapproval of the plan.") == ["ACCUSE"]
    assert ("ACCUSE", "The union", "the ministry") in found(
        nlp, "The union filed suit against the ministry."
    )
    assert types(nlp, "The senator castigated the regime.") == ["ACCUSE"]
    assert found(nlp, "The tailor made a suit for the minister.") == []


def test_lauding_and_granting_recognition_are_support(nlp: Language) -> None:
    # CAMEO 051 praise or endorse, 054 grant diplomatic recognition
    assert ("SUPPORT", "The president", "the agreement") in found(
        nlp, "The president lauded the agreement."
    )
    assert ("SUPPORT", "Westland", "Eastland") in found(
        nlp, "Westland granted diplomatic recognition to Eastland."
    )
    # `grant` alone stays asylum (CAMEO 075)
    assert types(nlp, "Westland granted asylum to the dissident.") == ["AID"]


def test_signing_a_formal_agreement_is_support_agreeing_stays_agree(nlp: Language) -> None:
    # CAMEO 057 sign formal agreement (05, PLOVER SUPPORT); 03 intent to cooperate is AGREE
    assert types(nlp, "The two countries signed an agreement on trade.") == ["SUPPORT"]
    assert "AGREE" in types(nlp, "Westland agreed to a ceasefire with Eastland.")
    # a signing still to come is the intent it states
    (event,) = extract_events(nlp("Northland will sign a trade deal with Westland."))
    assert (event.type, event.irrealis) == ("SUPPORT", True)
    assert types(nlp, "The president signed the bill into law.") == ["AGREE"]
