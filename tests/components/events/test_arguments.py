"""The learned argument model: candidates, features, the choice (or none) and the hook.

Sentences are written for these tests; the spaCy model is the bare one (actor mentions come
from no component, so the actor features are off unless a test sets them).
"""

from __future__ import annotations

import numpy as np
import pytest
from spacy.language import Language

from newsgraph.components.events.arguments import (
    MODEL_PATH,
    ArgumentContext,
    ArgumentModel,
    candidates,
    features,
    load_argument_model,
)
from newsgraph.components.events.component import EventsComponent, extract_events
from newsgraph.components.events.detect import SentenceDetector
from newsgraph.components.events.lexicon import load_lexicon
from newsgraph.components.events.options import EventOptions
from newsgraph.nlp import load_spacy_model


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_spacy_model()


def _mention(nlp: Language, text: str, lemma: str):
    doc = nlp(text)
    sent = next(iter(doc.sents))
    mentions = SentenceDetector(sent, load_lexicon()).run()
    return sent, next(m for m in mentions if m.anchor.lemma_ == lemma)


def test_candidates_are_noun_heads_not_the_trigger_nor_dates(nlp: Language) -> None:
    sent, mention = _mention(nlp, "Rebels attacked the army base in Goma on Monday.", "attack")
    names = [t.text for t in candidates(sent, mention)]
    assert "Rebels" in names and "base" in names and "Goma" in names
    assert "attacked" not in names and "Monday" not in names


def test_features_read_the_passive_agent(nlp: Language) -> None:
    sent, mention = _mention(nlp, "The convoy was attacked by militants near the border.", "attack")
    militants = next(t for t in sent if t.text == "militants")
    rules = {"source": mention.source, "target": mention.target}
    names = features(mention, militants, "source", rules, ArgumentContext(), set())
    assert "by_agent=True|pass" in names
    assert any(n.startswith("path=") and "agent=by" in n for n in names)


def test_model_follows_its_weights_and_may_choose_none(nlp: Language) -> None:
    sent, mention = _mention(nlp, "The convoy was attacked by militants near the border.", "attack")
    agent_first = ArgumentModel(
        {"source": {"by_agent=True|pass": 2.0}, "target": {"dep=nsubjpass|V|pass": 2.0}}
    )
    chosen = agent_first.choose(sent, mention, ArgumentContext(), set())
    assert chosen["source"].text == "militants" and chosen["target"].text == "convoy"
    nobody = ArgumentModel({"source": {"none": 5.0}, "target": {"none": 5.0}})
    chosen = nobody.choose(sent, mention, ArgumentContext(), set())
    assert chosen == {"source": None, "target": None}


def test_source_and_target_are_never_the_same(nlp: Language) -> None:
    sent, mention = _mention(nlp, "Militants attacked the convoy.", "attack")
    same = ArgumentModel({"source": {"dep=nsubj|V|act": 3.0}, "target": {"dep=nsubj|V|act": 3.0}})
    chosen = same.choose(sent, mention, ArgumentContext(), set())
    assert chosen["source"].text == "Militants"
    assert chosen["target"] is None or chosen["target"].text != "Militants"


def test_shipped_weights_load_with_numpy_and_name_their_fit_documents() -> None:
    data = np.load(MODEL_PATH, allow_pickle=False)
    assert len(data["fit_documents"]) > 100
    assert all(str(d).split(":")[0] in ("rams", "conflibert-cameo") for d in data["fit_documents"])
    model = load_argument_model()
    assert model is not None and model.weights["source"]


@pytest.mark.parametrize(
    ("text", "source", "target"),
    [
        ("The village was shelled by the army on Monday.", "army", "village"),
        ("Government troops attacked rebel positions near the town.", "troops", "positions"),
    ],
)
def test_shipped_model_reads_plain_clauses(
    nlp: Language, text: str, source: str, target: str
) -> None:
    doc = nlp(text)
    events = extract_events(doc, options=EventOptions(load_lexicon(), load_argument_model()))
    assault = next(e for e in events if e.type == "ASSAULT")
    assert source in assault.source.span.text
    assert target in assault.target.span.text


def test_the_factory_flag_switches_the_model() -> None:
    assert EventsComponent().options.arguments is None
    assert EventsComponent(argument_model=True).options.arguments is not None
