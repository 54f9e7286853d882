"""Holding off on an act is not doing it: the gerund under "refrain from", "hold off (on)" or
"put off" is negated (``roles.deferred``, ``deferring_verbs`` in the events lexicon)."""

from __future__ import annotations

import pytest
from spacy.language import Language

from newsgraph.components.events.component import extract_events
from newsgraph.nlp import load_spacy_model


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_spacy_model()


def _flags(nlp: Language, text: str) -> dict[str, tuple[bool, str]]:
    return {e.type: (e.negated, e.factuality) for e in extract_events(nlp(text))}


@pytest.mark.parametrize(
    "text, kind",
    [
        ("The union will hold off on endorsing the mayor until the spring.", "SUPPORT"),
        ("The senator refrained from attacking her rivals in the debate.", "ASSAULT"),
        ("The governor held off supporting either candidate.", "SUPPORT"),
    ],
)
def test_an_act_held_off_is_not_done(nlp: Language, text: str, kind: str) -> None:
    assert _flags(nlp, text)[kind] == (True, "negated")


def test_an_act_done_stays_asserted(nlp: Language) -> None:
    text = "The union endorsed the mayor after a long debate."
    assert _flags(nlp, text)["SUPPORT"] == (False, "asserted")


def test_holding_off_a_rival_is_no_deferral(nlp: Language) -> None:
    text = "The army held off the rebels and then attacked the town."
    assert _flags(nlp, text)["ASSAULT"] == (False, "asserted")
