"""A learned choice of an event mention's target among the candidates the rules list.

``targets.choose_target`` takes the first candidate that passes its tests; CAMEO coders often
name another one: where a thing goes or whom it concerns ("declared a curfew in X", "provided
aid to families in X") rather than the thing. This model scores every candidate the rules
listed (``verb_target_candidates``, ``support_target_candidates``, a nominal event's phrases)
with a logistic regression, ``sigmoid(w · f(candidate))``, over the candidate's dependency
relation and preposition, how the rules found it (tier), whether it is the rules' choice, its
named-entity type, whether an actor mention covers it, its side of and distance to the
trigger, and the event type. The rules' choice is kept unless another candidate scores at
least ``margin`` higher (the margin chosen by cross-validation inside the fit part).

Weights and margin are package data (``data/en/target_choice.json``) trained by
``tools/train_target_choice.py`` on the ConfliBERT CAMEO fit part; applying them needs numpy
only. A recorder hook lets the trainer see every choice with its candidates' features.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np
from spacy.tokens import Token

from .lexicon import Lexicon
from .roles import prep_objects
from .targets import GENERIC, LINKED, actor_like, author_of

MODEL_PATH = Path(__file__).with_name("data") / "en" / "target_choice.json"
PLACE_ENTS = frozenset({"GPE", "LOC", "FAC"})
PARTY_ENTS = frozenset({"PERSON", "ORG", "NORP"})
# attacks, coercion and protests keep the rules' target: the attack sets (RAMS, WikiEvents)
# code whom the act hit, and on them the choice lowered fit target F1 (WikiEvents 0.424 ->
# 0.406, RAMS 0.598 -> 0.589) while its cross-validated ConfliBERT gain on these types was
# nil (ASSAULT +1 -1, COERCE and PROTEST 0 of 52 main events; docs/events.md)
RULES_ONLY_TYPES = frozenset({"ASSAULT", "COERCE", "PROTEST"})
# candidates the rules do not list, scored by the model only (docs/events.md, "More
# candidates"): where a purpose clause or a preposition two or three deep names the party
EXTRA = GENERIC + 1
CLAUSE_ARGUMENTS = ("dobj", "dative", "nsubj")
ANY_PREP = frozenset(
    {"to", "in", "of", "for", "on", "with", "against", "into", "at", "from", "toward", "towards"}
)


@dataclass(slots=True)
class Candidate:
    token: Token
    tier: int
    rank: int  # its place in the rules' order of preference


# (trigger, mention type, candidates, the rules' choice, each candidate's feature names)
Recorder = Callable[[Token, str | None, list[Candidate], Token, list[list[str]]], None]
_recorders: list[Recorder] = []


def expanded(candidates: list[tuple[Token, int]], source: Token | None) -> list[Candidate]:
    """The rules' candidates, each once, with the author of one that names no actor right
    after it (as ``choose_target`` reads them), the source left out."""
    out: list[Candidate] = []
    seen: set[int] = set()

    def add(token: Token, tier: int) -> None:
        if token.i not in seen and (source is None or token.i != source.i):
            seen.add(token.i)
            out.append(Candidate(token, tier, len(out)))

    for token, tier in candidates:
        add(token, tier)
        author = author_of(token)
        if author is not None:
            add(author, LINKED)
    return out


def purpose_clause_arguments(anchor: Token) -> list[Token]:
    """The object, subject and prepositional objects of the trigger's purpose clause,
    directly or inside its infinitive ("allocated funds to address the needs of X", "offered
    to send troops to help X"): CAMEO codes whom the act serves (fit: about 10 misses)."""
    clauses = [c for c in anchor.children if c.dep_ == "advcl"]
    for xcomp in (c for c in anchor.children if c.dep_ == "xcomp"):
        clauses.extend(c for c in xcomp.children if c.dep_ == "advcl")
    out: list[Token] = []
    for clause in clauses:
        out.extend(c for c in clause.children if c.dep_ in CLAUSE_ARGUMENTS)
        out.extend(prep_objects(clause, ANY_PREP))
    return out


def deep_prep_objects(anchor: Token) -> list[Token]:
    """Objects of prepositions two and three deep from the trigger ("provided materials to
    people in the north of X"; fit: about 9 misses)."""
    out: list[Token] = []
    frontier = list(prep_objects(anchor, ANY_PREP))
    for _depth in (2, 3):
        frontier = [o for t in frontier for o in prep_objects(t, ANY_PREP)]
        out.extend(frontier)
    return out


def with_extras(listed: list[Candidate], anchor: Token, source: Token | None) -> list[Candidate]:
    """``listed`` and, after it, the extra candidates it lacks (tier ``EXTRA``)."""
    seen = {c.token.i for c in listed} | ({source.i} if source is not None else set())
    out = list(listed)
    for token in purpose_clause_arguments(anchor) + deep_prep_objects(anchor):
        if token.i not in seen and token.pos_ in ("NOUN", "PROPN", "PRON"):
            seen.add(token.i)
            out.append(Candidate(token, EXTRA, len(out)))
    return out


def _relation(token: Token, anchor: Token) -> str:
    """How the candidate hangs from the trigger: a direct dependent, the object of one of its
    prepositions, or further away (on the object, in an embedded clause)."""
    if token.head.i == anchor.i:
        return f"child:{token.dep_}"
    if token.dep_ == "pobj" and token.head.head.i == anchor.i:
        return "prep_of_trigger"
    if token.dep_ == "pobj":
        return f"prep_of:{token.head.head.pos_}"
    return f"other:{token.dep_}"


def addressee(token: Token, anchor: Token) -> bool:
    """Whom an appeal, a demand or a warning is made to: the trigger's object, or the object of
    its preposition, when an infinitive clause follows ("urged residents to report ...",
    "called on both sides to stop ...", "appealed to the military to respect ..."). CAMEO 02
    (appeal) and its kin code the party appealed to as the target, not what the clause is
    about; the learned choice, which has seen few such sentences, is not let overrule it
    (ConfliBERT CAMEO fit: the rules' choice is such an addressee in 13 main events, right in
    11, and no other candidate is right in the other 2; docs/events.md, session 25)."""
    if not any(c.dep_ == "xcomp" for c in anchor.children):
        return False
    if token.head.i == anchor.i:
        return token.dep_ in ("dobj", "dative")
    return token.dep_ == "pobj" and token.head.head.i == anchor.i


def _distance(token: Token, anchor: Token) -> str:
    gap = abs(token.i - anchor.i)
    return "1" if gap <= 1 else "2-3" if gap <= 3 else "4-7" if gap <= 7 else "8+"


def features(
    candidate: Candidate,
    anchor: Token,
    rule_choice: Token,
    event_type: str | None,
    lex: Lexicon,
    actor_tokens: set[int],
) -> list[str]:
    """Feature names of one candidate target of the mention at ``anchor``."""
    token = candidate.token
    prep = token.head.lower_ if token.dep_ == "pobj" else "-"
    ent = token.ent_type_ or "-"
    chosen = token.i == rule_choice.i
    actor = actor_like(token, lex, actor_tokens)
    kind = "place" if ent in PLACE_ENTS else "party" if ent in PARTY_ENTS or actor else "thing"
    relation = _relation(token, anchor)
    etype = event_type or "-"
    classes = sorted(lex.classes_of(token.lemma_.lower())) or ["-"]
    return [
        "bias",
        f"rule={chosen}",
        f"rule={chosen}|kind={kind}",
        f"tier={candidate.tier}",
        f"rank={min(candidate.rank, 3)}",
        f"relation={relation}",
        f"relation={relation}|kind={kind}",
        f"prep={prep}",
        f"prep={prep}|kind={kind}",
        f"prep={prep}|type={etype}",
        f"ent={ent}",
        f"kind={kind}",
        f"kind={kind}|type={etype}",
        f"actor_like={actor}",
        f"in_actor={token.i in actor_tokens}",
        f"pos={token.pos_}",
        f"after={token.i > anchor.i}",
        f"distance={_distance(token, anchor)}",
        f"pronoun={token.pos_ == 'PRON'}",
        *(f"class={c}" for c in classes),
    ]


class TargetChoice:
    """A logistic score per candidate; another candidate replaces the rules' choice only where
    it scores at least ``margin`` higher."""

    def __init__(self, weights: dict[str, float], margin: float, extras: bool = False) -> None:
        self.weights = weights
        self.margin = margin
        self.extras = extras  # also score ``with_extras``' candidates

    @classmethod
    def load(cls, path: Path = MODEL_PATH) -> TargetChoice:
        data = json.loads(path.read_text(encoding="utf-8"))
        weights = {str(k): float(v) for k, v in data["weights"].items()}
        return cls(weights, float(data["margin"]), bool(data.get("extras", False)))

    def probability(self, names: list[str]) -> float:
        z = float(np.sum([self.weights.get(n, 0.0) for n in names]))
        return float(1.0 / (1.0 + np.exp(-z)))

    def choose(
        self,
        anchor: Token,
        candidates: list[tuple[Token, int]],
        rule_choice: Token | None,
        source: Token | None,
        event_type: str | None,
        lex: Lexicon,
        actor_tokens: set[int],
        mention_type: str | None,
    ) -> Token | None:
        """The rules' choice, or the candidate scoring ``margin`` above it. ``event_type`` is
        the type the rules were given (none for a nominal event), ``mention_type`` the
        mention's own."""
        if rule_choice is None or mention_type in RULES_ONLY_TYPES:
            return rule_choice
        if addressee(rule_choice, anchor):  # "urged residents to ...": residents
            return rule_choice
        listed = expanded(candidates, source)
        if all(c.token.i != rule_choice.i for c in listed):
            listed.append(Candidate(rule_choice, LINKED, len(listed)))  # a recipient
        if self.extras:
            listed = with_extras(listed, anchor, source)
        if len(listed) < 2:
            return rule_choice
        names = [features(c, anchor, rule_choice, event_type, lex, actor_tokens) for c in listed]
        for record in _recorders:
            record(anchor, mention_type, listed, rule_choice, names)
        scores = [self.probability(n) for n in names]
        rule = next(n for n, c in enumerate(listed) if c.token.i == rule_choice.i)
        best = max(range(len(listed)), key=scores.__getitem__)
        if scores[best] - scores[rule] >= self.margin:
            return listed[best].token
        return rule_choice


@cache
def load_target_choice() -> TargetChoice | None:
    """The shipped model, or None when the package has none."""
    return TargetChoice.load() if MODEL_PATH.exists() else None


def recording(recorder: Recorder | None) -> None:
    """Install (or with None, remove) a recorder of every choice (training only)."""
    _recorders.clear()
    if recorder is not None:
        _recorders.append(recorder)
