"""A learned choice of each event mention's source and target among the sentence's mentions.

The rules of ``detect``/``targets`` propose a source and a target; this model re-ranks every
candidate noun phrase head of the sentence (and "none") with a log-linear score per role,
``softmax(w · f(mention, candidate))``, where the features ``f`` are the parse (the
dependency path from the trigger, voice, a by-agent, the preposition, distance, apposition),
the actor knowledge (is it an actor mention, its type, whether it has a country), the quote
context (inside a quotation, the quoted speaker) and the rules' own choices, which are features
here, not verdicts. Weights are package data (``data/en/argument_model.npz``) trained by
``tools/train_argument_model.py`` on the fit parts of the gold sets; applying them needs numpy
only.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import numpy as np
from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from ..tokens import same_token
from .mention import Mention
from .roles import is_passive, is_verbal

MODEL_PATH = Path(__file__).with_name("data") / "en" / "argument_model.npz"
ROLES = ("source", "target")
NONE = None  # the "no one" candidate
CANDIDATE_POS = frozenset({"NOUN", "PROPN", "PRON"})
PRONOUNS = frozenset({"it", "they", "he", "she", "we", "them", "him", "her", "us", "i", "you"})
MAX_PATH = 4


@dataclass(slots=True)
class ArgumentContext:
    """What other components found, as plain data: per token, the actor it names (type,
    whether it has a country) and quote context (inside quoted content, a quoted speaker)."""

    actor_kind: dict[int, str] = field(default_factory=dict)  # token -> actor type or "unknown"
    has_country: set[int] = field(default_factory=set)
    quoted: set[int] = field(default_factory=set)  # tokens inside a statement's content
    speakers: set[int] = field(default_factory=set)  # tokens of a statement's speaker

    @classmethod
    def of(cls, doc: Doc) -> ArgumentContext:
        from ... import extensions

        ctx = cls()
        actors = {a.id: a for a in extensions.get_list(doc, "ng_actors")}
        for mention in extensions.get_list(doc, "ng_actor_mentions"):
            span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
            if span is None:
                continue
            actor = actors.get(mention.actor_id or "")
            kind = (actor.type if actor is not None else None) or "unknown"
            for i in range(span.start, span.end):
                ctx.actor_kind[i] = kind
                if actor is not None and actor.country:
                    ctx.has_country.add(i)
        for statement in extensions.get_list(doc, "ng_statements"):
            for piece in statement.content:
                ctx._mark(doc, piece.start, piece.end, ctx.quoted)
            speaker = statement.speaker.span
            if speaker is not None:
                ctx._mark(doc, speaker.start, speaker.end, ctx.speakers)
        return ctx

    @staticmethod
    def _mark(doc: Doc, start: int, end: int, into: set[int]) -> None:
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is not None:
            into.update(range(span.start, span.end))

    def to_json(self) -> dict:
        return {
            "actor_kind": {str(k): v for k, v in self.actor_kind.items()},
            "has_country": sorted(self.has_country),
            "quoted": sorted(self.quoted),
            "speakers": sorted(self.speakers),
        }

    @classmethod
    def from_json(cls, data: dict) -> ArgumentContext:
        return cls(
            {int(k): v for k, v in data["actor_kind"].items()},
            set(data["has_country"]),
            set(data["quoted"]),
            set(data["speakers"]),
        )


# ---- candidates and features --------------------------------------------------------------


def candidates(
    sent: SpacySpan, mention: Mention, ctx: ArgumentContext | None = None
) -> list[Token]:
    """Heads of noun phrases in the sentence (a nationality adjective or name compounded onto
    the trigger too), and whatever the rules chose; never the trigger's own words. A trigger
    inside someone's statement takes its parties from the reported clause only: the speaker
    or the body that reports an attack is not its doer ("strikes killed 12, the ministry
    said")."""
    own = {t.i for t in mention.tokens}
    reported = ctx is not None and mention.anchor.i in ctx.quoted
    out: dict[int, Token] = {}
    for tok in sent:
        if tok.i in own or (reported and ctx is not None and tok.i not in ctx.quoted):
            continue
        if (tok.pos_ in CANDIDATE_POS and tok.dep_ not in ("compound", "poss")) or (
            same_token(tok.head, mention.anchor) and tok.dep_ in ("compound", "amod", "poss")
        ):
            if tok.pos_ == "PRON" and tok.lower_ not in PRONOUNS:
                continue
            if tok.ent_type_ in ("DATE", "TIME", "PERCENT", "MONEY", "ORDINAL"):
                continue
            out[tok.i] = tok
        elif tok.dep_ == "poss" and tok.pos_ in CANDIDATE_POS:
            out[tok.i] = tok
    for rule in (mention.source, mention.target):
        if rule is not None:
            out[rule.i] = rule
    return [out[i] for i in sorted(out)]


def _path(anchor: Token, cand: Token) -> str:
    """The dependency path from the trigger up to the common head and down to the candidate,
    e.g. ``^nsubj`` reads "the candidate is the trigger's subject"."""
    up_a = [anchor, *anchor.ancestors]
    up_c = [cand, *cand.ancestors]
    index_a = {t.i: n for n, t in enumerate(up_a)}
    common = next((n for n, t in enumerate(up_c) if t.i in index_a), None)
    if common is None:
        return "none"
    ups = [t.dep_ for t in up_a[: index_a[up_c[common].i]]]
    downs = [
        t.dep_ + ("=" + t.lower_ if t.dep_ in ("prep", "agent") else "") for t in up_c[:common]
    ]
    if len(ups) + len(downs) > MAX_PATH:
        return f"long{min(len(ups), 3)}/{min(len(downs), 3)}"
    return "<".join(ups) + "^" + ">".join(reversed(downs))


def _prep_of(cand: Token) -> str:
    if cand.dep_ == "pobj" and cand.head.dep_ in ("prep", "agent", "dative"):
        return cand.head.lower_
    return "-"


def _distance(anchor: Token, cand: Token) -> str:
    gap = cand.i - anchor.i
    size = abs(gap)
    bucket = "1" if size <= 1 else "2-3" if size <= 3 else "4-7" if size <= 7 else "8+"
    return ("before" if gap < 0 else "after") + bucket


def features(
    mention: Mention, cand: Token | None, role: str, rules: dict[str, Token | None],
    ctx: ArgumentContext, actor_tokens: set[int],
) -> list[str]:  # fmt: skip
    """Feature names of one (mention, candidate) pair for ``role``; ``cand`` None is "none"."""
    anchor = mention.anchor
    kind = "V" if is_verbal(anchor) else "N"
    etype = mention.type or "?"
    ruled = rules[role]
    if cand is None:
        return [
            "none",
            f"none|{kind}",
            f"none|type={etype}",
            f"none|rule_found={ruled is not None}",
            f"none|quoted={anchor.i in ctx.quoted}",
        ]
    voice = "pass" if kind == "V" and is_passive(anchor) else "act"
    path = _path(anchor, cand)
    prep = _prep_of(cand)
    agentive = prep == "by" or cand.head.dep_ == "agent"
    actor = ctx.actor_kind.get(cand.i)
    in_actor = cand.i in actor_tokens
    out = [
        f"path={path}",
        f"path={path}|{kind}|{voice}",
        f"dep={cand.dep_}|{kind}|{voice}",
        f"prep={prep}|{kind}",
        f"prep={prep}|type={etype}",
        f"dist={_distance(anchor, cand)}",
        f"dist={_distance(anchor, cand)}|{kind}",
        f"pos={cand.pos_}",
        f"ent={cand.ent_type_ or '-'}",
        f"actor={actor or '-'}",
        f"actor_any={actor is not None or in_actor}",
        f"country={cand.i in ctx.has_country}",
        f"by_agent={agentive}|{voice}",
        f"appos={cand.dep_ == 'appos' or any(c.dep_ == 'appos' for c in cand.children)}",
        f"quoted={cand.i in ctx.quoted}|{anchor.i in ctx.quoted}",
        f"speaker={cand.i in ctx.speakers}",
        f"pron={cand.lower_ in PRONOUNS}|{cand.dep_}",
        f"type={etype}|dep={cand.dep_}",
    ]
    for other, chosen in rules.items():
        hit = chosen is not None and chosen.i == cand.i
        out.append(f"rule_{other}={hit}")
        out.append(f"rule_{other}={hit}|{kind}")
        if hit:
            out.append(f"rule_{other}|type={etype}")
            out.append(f"rule_{other}|actor_any={actor is not None or in_actor}")
    return out


# ---- the model ------------------------------------------------------------------------------


@dataclass(slots=True)
class ArgumentModel:
    """Per role, a weight for each feature name (unknown names weigh nothing)."""

    weights: dict[str, dict[str, float]]
    margins: dict[str, float] = field(default_factory=dict)  # how far it must beat the rules

    @classmethod
    def load(cls, path: Path = MODEL_PATH) -> ArgumentModel:
        data = np.load(path, allow_pickle=False)
        weights, margins = {}, {}
        for role in ROLES:
            names = data[f"{role}_names"]
            values = data[f"{role}_weights"]
            weights[role] = {str(n): float(v) for n, v in zip(names, values, strict=True)}
            margins[role] = float(data[f"{role}_margin"]) if f"{role}_margin" in data else 0.0
        return cls(weights, margins)

    def score(self, role: str, names: list[str]) -> float:
        table = self.weights[role]
        return float(sum(table.get(n, 0.0) for n in names))

    def choose(
        self, sent: SpacySpan, mention: Mention, ctx: ArgumentContext, actor_tokens: set[int]
    ) -> dict[str, Token | None]:
        """The best candidate (or None) per role; source and target are never the same."""
        rules = {"source": mention.source, "target": mention.target}
        cands = candidates(sent, mention, ctx)
        chosen: dict[str, Token | None] = {}
        for role in ROLES:
            options: list[Token | None] = [NONE, *cands]
            scores = np.array(
                [self.score(role, features(mention, c, role, rules, ctx, actor_tokens))
                 for c in options]
            )  # fmt: skip
            order = np.argsort(-scores, kind="stable")
            # the rules' own choice, else none (a rule may name one of the trigger's words)
            ruled = next((n for n, c in enumerate(options) if same_token(c, rules[role])), 0)
            if scores[order[0]] - scores[ruled] <= self.margins.get(role, 0.0):
                order = np.array([ruled, *(n for n in order if n != ruled)])
            pick = options[int(order[0])]
            other = chosen.get("source")
            if role == "target" and pick is not None and other is not None and pick.i == other.i:
                pick = options[int(order[1])] if len(order) > 1 else None
            chosen[role] = pick
        return chosen

    def rerank(
        self, sent: SpacySpan, mentions: list[Mention], ctx: ArgumentContext,
        actor_tokens: set[int],
    ) -> None:  # fmt: skip
        """Replace the rules' source and target with the model's choice. Mentions whose
        parties the rules split ("talks between X and Y") keep the rules' reading."""
        for mention in mentions:
            if mention.reciprocal_split or not reranked(mention):
                continue
            chosen = self.choose(sent, mention, ctx, actor_tokens)
            if mention.anchor.pos_ in ("NOUN", "PROPN") and not any(chosen.values()):
                continue  # emptied, the nominal event would vanish: finding events is not ours
            mention.source, mention.target = chosen["source"], chosen["target"]


def reranked(mention: Mention) -> bool:
    """Whether the model decides this mention's parties: not a bare nominal the rules found
    no party for (the component drops those; the model does not add events)."""
    if mention.anchor.pos_ in ("NOUN", "PROPN"):
        return bool(mention.source or mention.target or mention.magnitude)
    return True


@cache
def load_argument_model() -> ArgumentModel | None:
    """The shipped model, or None when the package has none."""
    return ArgumentModel.load() if MODEL_PATH.exists() else None
