"""A learned keep/drop decision on each main event the rules produce.

The lexicon and the parse rules propose events; a sentence-level coder (PLOVER, CAMEO) keeps
some and calls the rest neutral statements or no event at all ("the ministry said on Monday",
"expressed condolences", "claimed responsibility"). This model scores each *main* event
(``summary.main_events``: the events a one-line summary of the sentence gives) with a logistic
regression, ``P(keep) = sigmoid(w · f(event) + b)``, and drops the event when ``P(keep)`` is
under the threshold chosen by cross-validation. Its features are today's rules, not verdicts:
the lexicon's type, quad class and CAMEO code, the trigger lemma and its part of speech, the
statement the event comes from or is reported in (cue verb, its class speech / cognition, the
act the quotes component gave it), negation and modality, whether a source and a target were
found and their actor types, and the sentence's content lemmas (a small vocabulary, regularised).

Non-main events are never touched: the gold sets code sentences, so they say nothing about them.
Weights are package data (``data/en/event_decision.npz``), trained by
``tools/train_event_decision.py`` on the fit parts of PLOVER GSR and ConfliBERT CAMEO; applying
them needs numpy only. Off unless ``event_decision = true`` (``pipeline.cfg``).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np
from spacy.tokens import Doc, Token

from ... import extensions
from ...model import Event, Statement
from .lexicon import Lexicon
from .summary import anchor_token, main_events

MODEL_PATH = Path(__file__).with_name("data") / "en" / "event_decision.npz"
MODALS = frozenset({"will", "would", "could", "may", "might", "can", "should", "must", "shall"})
CONTENT_POS = frozenset({"NOUN", "VERB", "PROPN", "ADJ"})


@dataclass(slots=True)
class DecisionContext:
    """What the other components found, looked up per event: actor types and statements."""

    actor_types: dict[str, str]
    statements: list[Statement]
    lexicon: Lexicon

    @classmethod
    def of(cls, doc: Doc, lexicon: Lexicon) -> DecisionContext:
        actors = {a.id: (a.type or "unknown") for a in extensions.get_list(doc, "ng_actors")}
        return cls(actors, list(extensions.get_list(doc, "ng_statements")), lexicon)

    def cue_class(self, lemma: str | None) -> str:
        """speech ("said", "accused"), cognition ("believes", "hopes") or none."""
        if not lemma:
            return "none"
        return "cognition" if lemma in self.lexicon.not_speech_cues else "speech"


def _statement_at_cue(ctx: DecisionContext, event: Event) -> Statement | None:
    """The statement whose cue is one of the event's words (the event is its speech act)."""
    for statement in ctx.statements:
        cue = statement.cue
        if cue is not None and any(e.start < cue.end and cue.start < e.end for e in event.evidence):
            return statement
    return None


def _actor_features(ctx: DecisionContext, role: str, ref: object) -> list[str]:
    actor = getattr(ref, "actor", None)
    span = getattr(ref, "span", None)
    if actor:
        return [f"{role}=actor", f"{role}_type={ctx.actor_types.get(actor, 'unknown')}"]
    return [f"{role}=span" if span is not None else f"{role}=none"]


def _anchor_features(anchor: Token | None) -> list[str]:
    if anchor is None:
        return ["anchor=none"]
    out = [
        f"lemma={anchor.lemma_.lower()}",
        f"pos={anchor.pos_}",
        f"dep={anchor.dep_}",
        f"tag={anchor.tag_}",
    ]
    out += [f"aux={c.lower_}" for c in anchor.children if c.lower_ in MODALS]
    if any(c.dep_ == "neg" for c in anchor.children):
        out.append("neg_child")
    if anchor.dep_ in ("ccomp", "xcomp", "advcl", "relcl", "acl", "pcomp", "pobj"):
        out.append(f"head_lemma={anchor.head.lemma_.lower()}")
    sentence = extensions.sentence_of(anchor)
    out += sorted(
        {f"w={t.lemma_.lower()}" for t in sentence if t.pos_ in CONTENT_POS and not t.is_stop}
    )
    return out


def features(
    ctx: DecisionContext, event: Event, anchor: Token | None, rank: int, count: int
) -> list[str]:
    """Feature names of one main event; ``rank``: its place among the sentence's main events
    (0 is the first), ``count``: how many the sentence has."""
    kind = event.type or "none"
    out = [
        "bias_main",
        f"type={kind}",
        f"quad={event.quad or 'none'}",
        f"cameo={(event.cameo or 'none')[:3]}",
        f"mode={event.mode or 'none'}",
        f"rank={min(rank, 2)}",
        f"count={min(count, 3)}",
    ]
    if event.negated:
        out.append("negated")
    if event.irrealis:  # the hypothetical and future flags together (its fit)
        out.append("hypothetical")
    if event.attributed_to:
        out.append("attributed")
    if event.disputed:
        out.append("disputed")
    out += _actor_features(ctx, "source", event.source)
    out += _actor_features(ctx, "target", event.target)
    if event.source.actor and event.source.actor == event.target.actor:
        out.append("source_is_target")
    said = _statement_at_cue(ctx, event)
    if said is not None:
        cue_class = ctx.cue_class(said.cue_lemma)
        out += [
            "from_statement",
            f"act={said.act}",
            f"cue_class={cue_class}",
            f"cue={said.cue_lemma}",
            f"type|act={kind}|{said.act}",
        ]
    reported = next((s for s in ctx.statements if s.id == event.attributed_to), None)
    if reported is not None:
        out += [
            f"reported_act={reported.act}",
            f"reported_cue={ctx.cue_class(reported.cue_lemma)}",
            f"reported_cue_lemma={reported.cue_lemma}",
            f"type|reported_act={kind}|{reported.act}",
        ]
    anchored = _anchor_features(anchor)
    out += anchored
    lemma = next((f[6:] for f in anchored if f.startswith("lemma=")), "none")
    out.append(f"type|lemma={kind}|{lemma}")
    return out


def main_event_features(
    doc: Doc, events: list[Event], lexicon: Lexicon
) -> list[tuple[Event, list[str]]]:
    """(event, feature names) for each main event, in text order (events carry their ids)."""
    ctx = DecisionContext.of(doc, lexicon)
    main = main_events(doc, events)
    anchors = {e.id: anchor_token(doc, e) for e in main}
    by_sentence: dict[int, list[str]] = {}
    for event in main:
        anchor = anchors[event.id]
        sentence_start = extensions.sentence_of(anchor).start if anchor is not None else -1
        by_sentence.setdefault(sentence_start, []).append(event.id)
    out = []
    for event in main:
        anchor = anchors[event.id]
        peers = by_sentence[extensions.sentence_of(anchor).start if anchor is not None else -1]
        rank = peers.index(event.id)
        out.append((event, features(ctx, event, anchor, rank, len(peers))))
    return out


@dataclass(slots=True)
class EventDecision:
    """Logistic keep/drop weights over named features; unseen names weigh nothing."""

    index: dict[str, int]
    weights: np.ndarray
    bias: float
    threshold: float

    @classmethod
    def load(cls, path: Path = MODEL_PATH) -> EventDecision:
        with np.load(path, allow_pickle=False) as data:
            names = [str(n) for n in data["names"]]
            return cls(
                {n: i for i, n in enumerate(names)},
                np.asarray(data["weights"], dtype=np.float64),
                float(data["bias"]),
                float(data["threshold"]),
            )

    def keep_probability(self, names: list[str]) -> float:
        rows = [self.index[n] for n in set(names) if n in self.index]
        score = self.bias + float(self.weights[rows].sum()) if rows else self.bias
        return float(1.0 / (1.0 + np.exp(-score)))

    def decide(self, doc: Doc, events: list[Event], lexicon: Lexicon) -> list[Event]:
        """The events, less the main events the model drops."""
        dropped = {
            id(event)
            for event, names in main_event_features(doc, events, lexicon)
            if self.keep_probability(names) < self.threshold
        }
        return [e for e in events if id(e) not in dropped]


@cache
def load_event_decision() -> EventDecision | None:
    return EventDecision.load() if MODEL_PATH.exists() else None
