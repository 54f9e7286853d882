"""A learned trigger detector: extra events where the lexicon found none at a token.

The trigger lexicon (``event_triggers.yaml``) names the words that are events and the contexts
that select a sense; it misses words it does not list and uses it rejects on context. This
model scores each candidate token the lexicon left alone (a verb or a noun no lexicon mention
uses) with a multinomial logistic regression over PLOVER types and "none",
``softmax(W · f(token) + b)``, and proposes an event of type ``T`` when ``P(T)`` reaches that
type's threshold. It also decides whether a lexicon nominal left with no party (which
``component.has_arguments`` would drop: "confirming the slaughter") stays an event, on the
same features plus ``bare_nominal``, against per-type bare thresholds. Thresholds were chosen
by cross-validation grouped by document within the fit part, precision first (a wrong event is
worse than none); a type whose cross-validated precision never reached the floor has no
threshold and is never proposed (the shipped weights, session 7's, have no bare thresholds).

Features ``f`` are the parse and the lexicon's knowledge, not verdicts: the lemma, its part of
speech, tag and dependency relation, the head's lemma and relation, which dependents it has
(subject, object, passive subject, by-agent, prepositions), its modifiers' lemmas, what the
lexicon says of the lemma as a verb or a noun (its type, whether it is a speech or support
verb), object classes of the words around it (arms, troops, people, ...), whether its subject
or object is an actor mention, named-entity types nearby and its position in the sentence,
and the WordNet-generated entry of the lemma (``wordnet_triggers.yaml``, read here even when
those entries are off as a lexicon): its type and relation, evidence rather than a verdict.

Weights are package data (``data/en/trigger_model.npz``) trained by
``tools/train_trigger_model.py`` on the fit parts of RAMS and WikiEvents; applying them needs
numpy only. Off unless ``trigger_model = true`` (``pipeline.cfg``): on held-out RAMS it found no
trigger the lexicon missed (docs/events.md).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import numpy as np
from spacy.tokens import Token

from ...extensions import sentence_of
from .lexicon import Lexicon, wordnet_entry_types
from .triggers import verb_keys

MODEL_PATH = Path(__file__).with_name("data") / "en" / "trigger_model.npz"
CANDIDATE_POS = frozenset({"VERB", "NOUN"})
NONE = "NONE"
# the feature that marks a lexicon nominal left with no party (``component.has_arguments``
# would drop it): the model also decides whether such a mention stays an event
BARE_NOMINAL = "bare_nominal"
WINDOW = 4  # tokens either side whose object classes are features
# class words that tell a violent or political context ("rockets", "troops", "civilians")
CONTEXT_CLASSES = ("arms", "troops", "people", "military", "projectiles", "offensives", "actors")


def is_candidate(token: Token) -> bool:
    """A content verb or common noun: what may be an event trigger."""
    return token.pos_ in CANDIDATE_POS and not token.is_stop and token.is_alpha


def _lexicon_features(token: Token, lex: Lexicon) -> list[str]:
    out = []
    keys = verb_keys(token)
    verb_key = next((k for k in keys if k in lex.verbs), None)
    if verb_key is not None:
        out.append(f"lex_verb={lex.verbs[verb_key].type or 'count'}")
    noun = lex.nouns.get(token.lemma_.lower()) or lex.nouns.get(token.lower_)
    if noun is not None:
        out.append(f"lex_noun={noun.type or 'count'}")
        if noun.needs_verb:
            out.append("lex_noun_needs_verb")
    if any(k in lex.speech_verbs for k in keys):
        out.append("speech_verb")
    if any(k in lex.support_verbs for k in keys):
        out.append("support_verb")
    if token.lemma_.lower() in lex.message_nouns:
        out.append("message_noun")
    return out


def _wordnet_features(token: Token) -> list[str]:
    """The WordNet-generated entry of the lemma (off as a lexicon): its type and relation as a
    verb or a noun, so the model decides where the generalisation holds in context."""
    lemma = token.lemma_.lower()
    out = []
    for part, name in (("verbs", "wn_verb"), ("nouns", "wn_noun")):
        entry = wordnet_entry_types()[part].get(lemma)
        if entry is not None:
            kind, relation = entry
            out += [f"{name}={kind}", f"{name}_relation={relation.split('>')[-1]}"]
    return out


def _dependent_features(token: Token, lex: Lexicon, actor_tokens: set[int]) -> list[str]:
    out = []
    for c in token.children:
        out.append(f"child={c.dep_}")
        if c.dep_ == "prep":
            out.append(f"prep={c.lower_}")
            if c.lower_ == "by" and token.tag_ == "VBN":
                out.append("by_agent")
        if c.dep_ in ("compound", "amod") and c.i < token.i:
            out.append(f"mod={c.lemma_.lower()}")
        if c.dep_ in ("nsubj", "nsubjpass", "dobj", "poss"):
            if c.i in actor_tokens:
                out.append(f"{c.dep_}_actor")
            if c.ent_type_:
                out.append(f"{c.dep_}_ent={c.ent_type_}")
            out += [f"{c.dep_}_class={k}" for k in sorted(lex.classes_of(c.lemma_.lower()))]
    return out


def _context_features(token: Token, lex: Lexicon) -> list[str]:
    sent = sentence_of(token)
    out = set()
    for t in sent.doc[max(sent.start, token.i - WINDOW) : min(sent.end, token.i + WINDOW + 1)]:
        if t.i == token.i:
            continue
        for k in lex.classes_of(t.lemma_.lower()):
            if k in CONTEXT_CLASSES:
                out.add(f"near_class={k}")
        if t.like_num:
            out.add("near_number")
        if t.ent_type_ in ("NORP", "GPE", "ORG"):
            out.add(f"near_ent={t.ent_type_}")
    return sorted(out)


def token_features(token: Token, lex: Lexicon, actor_tokens: set[int]) -> list[str]:
    """Feature names of one candidate token (see the module doc)."""
    lemma = token.lemma_.lower()
    head = token.head
    sent = sentence_of(token)
    position = (token.i - sent.start) / max(1, len(sent) - 1)
    out = [
        "bias",
        f"lemma={lemma}",
        f"pos={token.pos_}",
        f"tag={token.tag_}",
        f"dep={token.dep_}",
        f"pos|dep={token.pos_}|{token.dep_}",
        # a root's own lemma, not "ROOT": the shipped weights were trained so (the identity
        # guard meant to name the root never held; docs/events.md, "Token identity")
        f"head_lemma={head.lemma_.lower()}",
        f"head_pos={head.pos_}",
        f"position={min(int(position * 3), 2)}",
        f"lemma|pos={lemma}|{token.pos_}",
    ]
    if token.ent_type_:
        out.append(f"ent={token.ent_type_}")
    lexicon = _lexicon_features(token, lex) + _wordnet_features(token)
    out += lexicon
    out += [f"{f}|pos={token.pos_}" for f in lexicon]
    out += _dependent_features(token, lex, actor_tokens)
    out += _context_features(token, lex)
    return out


@dataclass(slots=True)
class TriggerModel:
    """Multinomial logistic weights over named features; unseen names weigh nothing."""

    index: dict[str, int]
    classes: list[str]
    weights: np.ndarray  # features x classes
    bias: np.ndarray  # classes
    thresholds: dict[str, float]  # PLOVER type -> least P(type) to propose it
    # PLOVER type -> least P(type) to keep a bare lexicon nominal of that type
    bare_thresholds: dict[str, float] = field(default_factory=dict)

    @classmethod
    def load(cls, path: Path = MODEL_PATH) -> TriggerModel:
        with np.load(path, allow_pickle=False) as data:
            names = [str(n) for n in data["names"]]
            classes = [str(c) for c in data["classes"]]
            return cls(
                {n: i for i, n in enumerate(names)},
                classes,
                np.asarray(data["weights"], dtype=np.float64),
                np.asarray(data["bias"], dtype=np.float64),
                _thresholds(data, "threshold_types", "thresholds"),
                _thresholds(data, "bare_types", "bare_thresholds"),
            )

    def probabilities(self, names: list[str]) -> np.ndarray:
        rows = [self.index[n] for n in set(names) if n in self.index]
        scores = self.bias + (self.weights[rows].sum(axis=0) if rows else 0.0)
        scores = np.exp(scores - scores.max())
        return scores / scores.sum()

    def propose(self, token: Token, lex: Lexicon, actor_tokens: set[int]) -> str | None:
        """The PLOVER type of the event this token triggers, or None."""
        if not is_candidate(token) or not self.thresholds:
            return None
        probabilities = self.probabilities(token_features(token, lex, actor_tokens))
        best = int(np.argmax(probabilities))
        kind = self.classes[best]
        threshold = self.thresholds.get(kind)
        if threshold is None or probabilities[best] < threshold:
            return None
        return kind

    def keeps_bare(self, anchor: Token, kind: str, lex: Lexicon, actor_tokens: set[int]) -> bool:
        """Whether a lexicon nominal of type ``kind`` with no party is an event all the same
        ("confirming the rape", "stop the slaughter"): ``P(kind)`` reaches its bare threshold.
        Never a compound modifier ("homicide rate") or part of a name ("World War II")."""
        threshold = self.bare_thresholds.get(kind)
        if threshold is None or anchor.dep_ == "compound" or anchor.ent_type_:
            return False
        names = [*token_features(anchor, lex, actor_tokens), BARE_NOMINAL]
        probabilities = self.probabilities(names)
        return bool(probabilities[self.classes.index(kind)] >= threshold)


def _thresholds(data: Mapping[str, np.ndarray], types: str, values: str) -> dict[str, float]:
    """A type -> threshold table of the weights file (absent in older files: empty)."""
    if types not in data:
        return {}
    return {str(t): float(v) for t, v in zip(data[types], data[values], strict=True)}


@cache
def load_trigger_model() -> TriggerModel | None:
    return TriggerModel.load() if MODEL_PATH.exists() else None
