"""The learned factuality classifier (events/factuality.py) on sentences written for it."""

from __future__ import annotations

import pytest
from spacy.language import Language

from newsgraph.components.events.component import extract_events
from newsgraph.components.events.factuality import features, load_model
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
