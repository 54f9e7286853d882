"""The learned keep/drop decision on main events (decision.py): its features, its hook in the
events component, and the shipped weights. Sentences are written for these tests."""

from __future__ import annotations

import numpy as np
import pytest
from spacy.language import Language
from spacy.tokens import Doc

from newsgraph.components.events.component import EventsComponent, extract_events
from newsgraph.components.events.decision import (
    EventDecision,
    load_event_decision,
    main_event_features,
)
from newsgraph.components.events.lexicon import load_lexicon
from newsgraph.components.events.options import EventOptions
from newsgraph.nlp import get_pipeline


@pytest.fixture(scope="module")
def nlp() -> Language:
    return get_pipeline()


def _decision(weights: dict[str, float], bias: float = 0.0) -> EventDecision:
    names = sorted(weights)
    return EventDecision(
        {n: i for i, n in enumerate(names)}, np.array([weights[n] for n in names]), bias, 0.5
    )


def _doc(nlp: Language, text: str) -> Doc:
    return nlp(text)


def test_a_speech_act_event_carries_its_statement_features(nlp: Language) -> None:
    doc = _doc(nlp, "The ministry accused Israel of violating the ceasefire.")
    ((event, names),) = main_event_features(doc, list(doc._.ng_events), load_lexicon())
    assert event.type == "ACCUSE"
    assert {"type=ACCUSE", "from_statement", "cue_class=speech", "lemma=accuse"} <= set(names)
    assert "w=ceasefire" in names


def test_a_reported_attack_carries_the_report_not_a_statement_of_its_own(nlp: Language) -> None:
    doc = _doc(nlp, "Russian troops shelled Kharkiv, the Ukrainian defence ministry said.")
    pairs = main_event_features(doc, list(doc._.ng_events), load_lexicon())
    names = next(n for e, n in pairs if e.type == "ASSAULT")
    assert "attributed" in names and "reported_cue=speech" in names
    assert "from_statement" not in names
    assert "source=span" in names or "source=actor" in names


def test_the_decision_drops_what_it_scores_low_and_renumbers(nlp: Language) -> None:
    text = "The ministry condemned Israel. Rebels shelled the town."
    doc = _doc(nlp, text)
    kept = extract_events(
        doc, options=EventOptions(decision=_decision({"from_statement": -5.0}, bias=2.0))
    )
    assert [(e.id, e.type) for e in kept] == [("e1", "ASSAULT")]
    everything = extract_events(doc, options=EventOptions(decision=_decision({}, bias=2.0)))
    assert [e.type for e in everything] == ["ACCUSE", "ASSAULT"]


def test_events_under_a_main_event_are_never_dropped(nlp: Language) -> None:
    doc = _doc(nlp, "Police imposed a curfew in the capital after a protest by students.")
    before = [e.type for e in doc._.ng_events]
    assert "PROTEST" in before and len(before) == 2  # the protest hangs under "imposed"
    after = extract_events(doc, options=EventOptions(decision=_decision({}, bias=-10.0)))
    assert [e.type for e in after] == ["PROTEST"]


def test_the_shipped_weights_load_and_know_the_features(nlp: Language) -> None:
    model = load_event_decision()
    assert model is not None and 0.0 < model.threshold < 1.0
    doc = _doc(nlp, "Rebels attacked an army base near the border, killing four soldiers.")
    ((_, names),) = main_event_features(doc, list(doc._.ng_events), load_lexicon())
    assert sum(n in model.index for n in names) >= 5
    assert 0.0 < model.keep_probability(names) < 1.0


def test_the_flag_turns_the_decision_on() -> None:
    assert EventsComponent().options.decision is None
    assert EventsComponent(event_decision=True).options.decision is not None
