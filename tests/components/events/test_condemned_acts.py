"""Session 26 (partyP): a condemnation is aimed at the act condemned (its doer), not at what
the act hit ("condemned the attack on Shag Alnom": the attack; CAMEO 111)."""

from __future__ import annotations

import pytest
from helpers import span_text
from spacy.language import Language

from newsgraph.nlp import get_pipeline


@pytest.fixture(scope="module")
def full_nlp() -> Language:
    return get_pipeline()


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        ("The ministry condemned the attack on the village of Garsila.", "the attack"),
        ("The government condemned a violent protest by farmers in the capital.", "protest"),
    ],
)
def test_a_condemnation_is_aimed_at_the_act_not_what_it_hit(
    full_nlp: Language, text: str, phrase: str
) -> None:
    [condemnation] = [e for e in full_nlp(text)._.ng_events if e.type == "ACCUSE"]
    assert phrase in (span_text(condemnation.target) or "")
    assert "Garsila" not in (span_text(condemnation.target) or "")


def test_a_condemned_act_s_doer_becomes_the_target_actor(full_nlp: Language) -> None:
    text = (
        "RSF fighters attacked the village of Garsila. "
        "The ministry condemned the attack on Garsila."
    )
    [condemnation] = [e for e in full_nlp(text)._.ng_events if e.type == "ACCUSE"]
    assert condemnation.target.actor == "rapid-support-forces"
