"""What "allow" codes (session 16, plover16): letting aid, inspectors, observers or international
bodies in is CAMEO 086 (PLOVER RETREAT mode access), letting parties or protests act is CAMEO
0812 / 082 (CONCEDE mode allow), and any other permission is no event. Sentences are written for
these tests."""

from __future__ import annotations

import pytest
from spacy.language import Language

from newsgraph.components.events.component import extract_events
from newsgraph.components.events.summary import main_events
from newsgraph.nlp import load_spacy_model


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_spacy_model()


def _typed(nlp: Language, text: str) -> list[tuple[str, str | None]]:
    return [(e.type, e.mode) for e in extract_events(nlp(text))]


ACCESS = ("RETREAT", "access")  # CAMEO 086
EASED_DISSENT = ("CONCEDE", "allow")  # CAMEO 0812 / 082


@pytest.mark.parametrize(
    ("text", "coded"),
    [
        ("The government allowed relief supplies into the region.", ACCESS),  # the object
        ("The authorities allowed food convoys to reach the camp.", ACCESS),  # a clause's subject
        ("The government allowed the inspectors to return to the reactor site.", ACCESS),
        ("The junta allowed international observers to monitor the vote.", ACCESS),
        ("The junta allowed access for relief workers to the affected districts.", ACCESS),
        ("The army allowed U.N. teams into the camp.", ACCESS),  # an international body
        ("The government allowed opposition parties to register.", EASED_DISSENT),
        ("The junta allowed the protest to go ahead on Friday.", EASED_DISSENT),
        ("The regime allowed exiled dissidents to return.", EASED_DISSENT),
    ],
)
def test_whom_a_permission_lets_in_or_act_decides_its_code(
    nlp: Language, text: str, coded: tuple[str, str]
) -> None:
    assert _typed(nlp, text) == [coded], text


@pytest.mark.parametrize(
    "text",
    [
        "The court allowed the appeal to proceed.",
        "The new law allows police access to phone records.",
        "The ceasefire would allow the army to focus on the north.",
        "A loophole allows companies to avoid the tax.",
        "The school allowed students access to the library.",
    ],
)
def test_any_other_permission_is_no_event(nlp: Language, text: str) -> None:
    assert _typed(nlp, text) == [], text


def test_a_stated_permission_for_aid_is_scored_as_the_intent(nlp: Language) -> None:
    # PLOVER scores an act a party says it will take as AGREE (plover.scored_type)
    events = extract_events(nlp("The regime said it would allow access for relief workers."))
    assert [(e.type, e.hypothetical or e.future) for e in events] == [("RETREAT", True)]


@pytest.mark.parametrize(
    "text",
    [
        "The rebels said they would never allow the capital to be shelled again.",
        "We are not going to allow the villages to be bombed.",
    ],
)
def test_an_act_a_party_will_not_allow_did_not_happen(nlp: Language, text: str) -> None:
    events = [e for e in extract_events(nlp(text)) if e.type == "ASSAULT"]
    assert events and all(e.negated for e in events), text


def test_an_act_allowed_is_reported_but_not_the_sentence_s_main_event(nlp: Language) -> None:
    # the sentence reports the permission (uncoded), as when `allow` was itself an event
    doc = nlp("The junta allowed the militia to shell the villages.")
    events = extract_events(doc)
    assert [(e.type, e.negated) for e in events] == [("ASSAULT", False)]
    assert main_events(doc, events) == []
    doc = nlp("The army shelled the town after the truce allowed civilians to leave.")
    assert [e.type for e in main_events(doc, extract_events(doc))] == ["ASSAULT"]
