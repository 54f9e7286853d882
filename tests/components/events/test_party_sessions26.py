"""Session 26 (partyP): parties that are no party on unseen news. A denial of responsibility
answers its accuser, never "responsibility", nor the subject of the clause denied (CAMEO 016);
an act folded into its own noun is not its own doer ("Clashes killed 100 people"). The
condemnation's tests are in test_condemned_acts.py."""

from __future__ import annotations

import pytest
from helpers import span_text
from spacy.language import Language

from newsgraph.components.events.component import extract_events
from newsgraph.components.events.lexicon import load_lexicon
from newsgraph.components.events.options import EventOptions
from newsgraph.model import Event
from newsgraph.nlp import get_pipeline, load_spacy_model


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_spacy_model()


@pytest.fixture(scope="module")
def full_nlp() -> Language:
    return get_pipeline()


def _events(nlp: Language, text: str) -> list[Event]:
    return extract_events(nlp(text), options=EventOptions(load_lexicon(), party_filter=True))


@pytest.mark.parametrize(
    "text",
    [
        "The rebels denied responsibility for the bombing of the market.",
        "The militia denied any responsibility for the raid.",
    ],
)
def test_responsibility_denied_is_no_target(nlp: Language, text: str) -> None:
    [denial] = [e for e in _events(nlp, text) if e.type == "REJECT"]
    assert "responsibility" not in (span_text(denial.target) or "")
    assert denial.cameo == "016"


def test_a_denial_of_responsibility_answers_the_accuser(full_nlp: Language) -> None:
    text = (
        "Kinshasa accused Rwanda of shelling the town of Goma. "
        "Kigali denied responsibility for the shelling."
    )
    [denial] = [e for e in full_nlp(text)._.ng_events if e.type == "REJECT"]
    assert denial.source.actor == "rwanda"
    assert denial.target.actor == "dr-congo"


@pytest.mark.parametrize(
    "text",
    [
        "Clashes along the disputed frontier killed about 80 people last year.",
        "Airstrikes killed 12 people in the camp on Monday.",
    ],
)
def test_an_act_is_not_its_own_doer(nlp: Language, text: str) -> None:
    [attack] = [e for e in _events(nlp, text) if e.type == "ASSAULT"]
    assert attack.source.span is None
    assert "people" in (span_text(attack.target) or "")


def test_an_act_whose_phrase_names_its_doer_keeps_it(nlp: Language) -> None:
    [attack] = [
        e for e in _events(nlp, "Hamas's rockets killed three soldiers.") if e.type == "ASSAULT"
    ]
    assert "Hamas" in (span_text(attack.source) or "")


def test_a_denied_clause_names_no_target(full_nlp: Language) -> None:
    """ "denied that the NPA ambushed a patrol": the clause's subject is the side the denier
    defends, not whom the denial answers (CAMEO 016: the accuser)."""
    [denial] = [
        e
        for e in full_nlp("Magbanua denied that the NPA ambushed an army patrol.")._.ng_events
        if e.type == "REJECT"
    ]
    assert denial.target.span is None and denial.target.actor is None


def test_a_denied_clause_answers_the_accuser(full_nlp: Language) -> None:
    text = (
        "Kinshasa accused Rwanda of sending troops into Goma. "
        "Kigali denied that its soldiers had crossed the border."
    )
    [denial] = [e for e in full_nlp(text)._.ng_events if e.type == "REJECT"]
    assert denial.target.actor == "dr-congo"
