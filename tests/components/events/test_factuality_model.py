"""The learned factuality classifier (events/factuality.py) on sentences written for it."""

from __future__ import annotations

import numpy as np
import pytest
from spacy.language import Language

from newsgraph.components.events.component import extract_events
from newsgraph.components.events.factuality import (
    CLASSES,
    FactualityModel,
    features,
    load_model,
)
from newsgraph.components.events.lexicon import load_lexicon


@pytest.mark.parametrize(
    ("text", "verb", "verdict"),
    [
        ("Troops attacked the town on Monday.", "attacked", "asserted"),
        ("Troops did not attack the town on Monday.", "attack", "negated"),
        ("Troops never attacked the town.", "attacked", "negated"),
    ],
)
def test_classifies_the_predicate(nlp: Language, text: str, verb: str, verdict: str) -> None:
    model, lex = load_model(), load_lexicon()
    assert model is not None
    token = next(t for t in nlp(text) if t.text == verb)
    assert model.classify(token, lex) == verdict


def test_features_carry_the_rules_and_the_governor(nlp: Language) -> None:
    doc = nlp("Hezbollah denied that its fighters had attacked the base.")
    named = features(next(t for t in doc if t.text == "attacked"), load_lexicon())
    assert named["gov=deny"] == 1.0 and "lemma=attack" in named


def test_events_take_the_models_negation_and_keep_the_rules_uncertainty(nlp: Language) -> None:
    (event,) = extract_events(nlp("Troops never attacked the town."))
    assert event.type == "ASSAULT" and event.negated
    # UW's annotators often score a modal event near "happened": the model reads "may attack"
    # as asserted, so it may add uncertainty but never clears the rules' reading
    (event,) = extract_events(nlp("Troops may attack the town next week."))
    assert event.hypothetical and not event.negated


def test_a_non_asserted_reading_needs_its_threshold() -> None:
    model = FactualityModel({}, np.zeros((3, 0)), np.zeros(3), CLASSES, {"negated": 0.4})
    assert model.decide({"asserted": 0.5, "negated": 0.35, "uncertain": 0.15}) == "asserted"
    assert model.decide({"asserted": 0.5, "negated": 0.45, "uncertain": 0.05}) == "negated"
    # a class without a threshold is never read; without any threshold: the likeliest class
    assert model.decide({"asserted": 0.2, "negated": 0.1, "uncertain": 0.7}) == "asserted"
    plain = FactualityModel({}, np.zeros((3, 0)), np.zeros(3), CLASSES)
    assert plain.decide({"asserted": 0.2, "negated": 0.1, "uncertain": 0.7}) == "uncertain"


def test_the_shipped_model_carries_its_thresholds() -> None:
    model = load_model()
    assert model is not None
    assert set(model.thresholds) == {"negated", "uncertain"}
    assert all(0.0 < t < 1.0 for t in model.thresholds.values())


def test_a_negation_across_a_clause_is_told_from_one_on_the_chain(nlp: Language) -> None:
    lex = load_lexicon()
    doc = nlp("The ministry did not say that troops attacked the town.")
    crossed = features(next(t for t in doc if t.text == "attacked"), lex)
    assert crossed.get("anc_neg_crossed") == 1.0 and "anc_neg_same" not in crossed
    doc = nlp("The rebels did not manage to capture the town.")
    same = features(next(t for t in doc if t.text == "capture"), lex)
    assert same.get("anc_neg_same") == 1.0


def test_the_event_carries_its_factuality(nlp: Language) -> None:
    (event,) = extract_events(nlp("Troops never attacked the town."))
    assert event.factuality == "negated"
    (event,) = extract_events(nlp("Troops attacked the town on Monday."))
    assert event.factuality == "asserted" and not event.hypothetical
    # a stated future is not done yet (`future`), but stated as fact (UW's reading)
    (event,) = extract_events(nlp("The minister will meet the envoy on Thursday."))
    assert event.future and not event.hypothetical and event.factuality == "asserted"
    (event,) = extract_events(nlp("It was unclear if the army would attack the town."))
    assert event.factuality == "uncertain"


@pytest.mark.parametrize(
    "text",
    [
        "Troops will attack the town tomorrow.",
        "The army plans to attack the town.",
        "The army intends to attack the town.",
        # an intent adjective the parser reads as a passive verb ("poise"), and a passive
        # forecast of the subject's own act
        "The army is poised to attack the town.",
        "The army was set to attack the town on Friday.",
        "The army is expected to attack the town this week.",
    ],
)
def test_a_planned_or_threatened_act_is_future_not_hypothetical(nlp: Language, text: str) -> None:
    events = [e for e in extract_events(nlp(text)) if e.type == "ASSAULT"]
    assert events, text
    assert all(e.future and not e.hypothetical and e.irrealis for e in events)


@pytest.mark.parametrize(
    "text",
    [
        "If the rebels enter the town, the army could attack it.",
        "The army might attack the town.",
        "The minister said troops would attack the town if the talks failed.",
    ],
)
def test_a_conditional_or_possible_act_is_hypothetical_not_future(nlp: Language, text: str) -> None:
    events = [e for e in extract_events(nlp(text)) if e.type == "ASSAULT"]
    assert events, text
    assert all(e.hypothetical and not e.future for e in events)


def test_a_plain_past_act_carries_no_flag(nlp: Language) -> None:
    (event,) = extract_events(nlp("Troops attacked the town on Monday."))
    assert not (event.future or event.hypothetical or event.negated or event.irrealis)


def test_a_forecast_about_another_actor_is_not_a_stated_future(nlp: Language) -> None:
    # "expected X to attack" is the analysts' belief, no passive forecast of X's own act
    events = [
        e
        for e in extract_events(nlp("Analysts expected the army to attack the town."))
        if e.type == "ASSAULT"
    ]
    assert events and not any(e.future for e in events)


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("The rebels vowed to attack the city.", "THREATEN"),
        ("The minister pledged to send food aid to the region.", "AGREE"),
    ],
)
def test_a_vow_or_pledge_records_the_intent_not_a_done_act(
    nlp: Language, text: str, kind: str
) -> None:
    # the embedded act folds into the vow (CAMEO 03 / 13): one event, the intent, which was
    # stated; nothing in the record says the attack or the aid happened
    events = extract_events(nlp(text))
    assert [e.type for e in events] == [kind]


def _attacks(nlp: Language, text: str) -> list:
    return [e for e in extract_events(nlp(text)) if e.type == "ASSAULT"]


@pytest.mark.parametrize(
    ("text", "reading"),
    [
        # a denial of one's own act: the act is negated, never asserted (issue 13, item 4)
        ("The militia denied firing the missile at the village.", "negated"),
        ("The militia denied shelling the village.", "negated"),
        ("Government jets did not strike the camp.", "negated"),
        ("Government jets never bombed the camp.", "negated"),
        ("Government jets may strike the camp.", "hypothetical"),
        ("If government jets strike the camp, the militia will respond.", "hypothetical"),
        ("Government jets will strike the camp.", "future"),
    ],
)
def test_a_denied_negated_possible_or_coming_attack_is_flagged(
    nlp: Language, text: str, reading: str
) -> None:
    (event,) = _attacks(nlp, text)
    flags = {"negated": event.negated, "hypothetical": event.hypothetical, "future": event.future}
    assert [name for name, on in flags.items() if on] == [reading], text


@pytest.mark.parametrize(
    "text",
    [
        "The militia denied that it had fired the missile.",
        "Government jets threatened to strike the camp.",
        "Government jets did not strike the camp.",
    ],
)
def test_a_denial_or_threat_never_records_an_asserted_attack(nlp: Language, text: str) -> None:
    assert not any(e.factuality == "asserted" and not e.irrealis for e in _attacks(nlp, text))


def test_a_plain_strike_stays_asserted(nlp: Language) -> None:
    (event,) = _attacks(nlp, "Government jets struck the camp on Tuesday.")
    assert event.factuality == "asserted"
    assert not (event.negated or event.hypothetical or event.future)
