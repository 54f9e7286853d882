"""Which place named in an event's sentence is where the event happened: a learned chooser.

Every place mention in the trigger's sentence is a candidate; ``candidate_features`` describes
it against the trigger (the preposition before it, the dependency path, the distance, whether
it is in the trigger's clause, whether it is a country or a city, whether it is the event's
target or names its source's country). ``tools/train_event_place.py`` fits the weights on the
fit part of ``eval/event-location`` (hand-checked and silver sentences) and writes
``data/en/event_place_model.npz`` (boosted trees as flat arrays, or logistic weights); here they
are applied with numpy. The best candidate is the
event's place when its probability reaches the model's threshold; none otherwise.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np
from spacy.tokens import Doc, Token

from ...datafiles import data_file
from ...extensions import sentence_of
from ...link.flat_trees import BoostedTrees
from ...model import Place, Span
from ..places.addresses import ADDRESS_FEATURE, ADDRESS_PREFIX
from ..places.local_places import LOCAL_PREFIX  # a name the gazetteer lacks
from .roles import clause_tokens

MODEL_FILE = "event_place_model.npz"
Mention = tuple[int, int, str]  # (start, end, place_id) as ``doc._.ng_place_mentions``

PREPOSITIONS = ("in", "at", "near", "from", "to", "on", "into", "across", "outside", "of")
MOVING_FROM = ("from", "out")
FEATURE_CLASSES = ("country", "admin", "city")
# a town, or a place in or near one (local places: places/local_places.py; a street address:
# places/addresses.py)
LOCAL_FEATURES = frozenset(
    {"city", "village", "town", "district", "neighbourhood", "camp", "landmark", ADDRESS_FEATURE}
)
DEPS = ("pobj", "nsubj", "nsubjpass", "dobj", "compound", "amod", "poss", "appos", "npadvmod")
FEATURE_NAMES: tuple[str, ...] = (
    *(f"prep={p}" for p in PREPOSITIONS),
    "prep=other",
    "prep=none",
    *(f"class={c}" for c in FEATURE_CLASSES),
    *(f"dep={d}" for d in DEPS),
    "in trigger subtree",
    "in trigger clause",
    "path length",
    "token distance",
    "before trigger",
    "first place in sentence",
    "nearest place to trigger",
    "only place in sentence",
    "outermost place",
    "wider area of another candidate",
    "inside another candidate's country",
    "is the target",
    "is the source",
    "source's country",
    "local place",
    "named by a settlement noun",
)
# "Khanasir town", "the village of Jdeideh", "al-Tijara neighbourhood": the spot itself
SETTLEMENT_NOUNS = frozenset(
    {"village", "villages", "town", "towns", "district", "districts", "neighbourhood",
     "neighborhood", "suburb", "quarter", "camp", "crossing", "area", "settlement"}
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class Roles:
    """What else is known about the event: its target and source spans and the source's
    country (an actor's country code)."""

    target: Span | None = None
    source: Span | None = None
    source_country: str | None = None


def _head(doc: Doc, start: int, end: int) -> Token | None:
    span = doc.char_span(start, end, alignment_mode="expand")
    return span.root if span is not None and len(span) else None


def _feature_class(place: Place | None) -> str | None:
    code = (place.feature or "") if place is not None else ""
    if code.startswith("PCL") or code in ("TERR", "country"):
        return "country"
    if code.startswith("ADM") or code in ("admin1", "state", "region"):
        return "admin"
    if code.startswith("PPL") or code in LOCAL_FEATURES:
        return "city"
    return None


def _preposition(token: Token) -> str:
    head = token
    while head.dep_ in ("compound", "amod", "conj", "appos") and head.head.i != head.i:
        head = head.head  # "in the town of X", "in X and Y": the governing preposition
    if head.dep_ == "pobj" and head.head.pos_ == "ADP":
        word = head.head.lower_
        return word if word in PREPOSITIONS else "other"
    return "none"


def _path_length(a: Token, b: Token) -> int:
    up_a = [a, *a.ancestors]
    index = {t.i: n for n, t in enumerate(up_a)}
    for n, tok in enumerate([b, *b.ancestors]):
        if tok.i in index:
            return n + index[tok.i]
    return 12


def _overlaps(span: Span | None, start: int, end: int) -> bool:
    return span is not None and span.start < end and start < span.end


def candidate_features(
    doc: Doc,
    trigger: Token,
    candidates: list[Mention],
    places: dict[str, Place],
    roles: Roles,
) -> np.ndarray:
    """One row of ``FEATURE_NAMES`` values per candidate (in the order given)."""
    if not candidates:
        return np.zeros((0, len(FEATURE_NAMES)), dtype=np.float32)
    heads = [_head(doc, s, e) for s, e, _ in candidates]
    clause = {t.i for t in clause_tokens(trigger)}
    depths = [sum(1 for _ in h.ancestors) if h is not None else 99 for h in heads]
    nearest = min(range(len(candidates)), key=lambda n: abs(candidates[n][0] - trigger.idx))
    first = min(range(len(candidates)), key=lambda n: candidates[n][0])
    countries = {
        (places.get(pid).country if places.get(pid) else None)
        for n, (_, _, pid) in enumerate(candidates)
        if _feature_class(places.get(pid)) != "country"
    }
    rows = np.zeros((len(candidates), len(FEATURE_NAMES)), dtype=np.float32)
    column = {name: n for n, name in enumerate(FEATURE_NAMES)}
    for n, ((start, end, pid), head) in enumerate(zip(candidates, heads, strict=True)):
        row = rows[n]
        place = places.get(pid)
        kind = _feature_class(place)
        if kind:
            row[column[f"class={kind}"]] = 1
        if head is None:
            row[column["prep=none"]] = 1
            continue
        row[column[f"prep={_preposition(head)}"]] = 1
        if head.dep_ in DEPS:
            row[column[f"dep={head.dep_}"]] = 1
        row[column["in trigger subtree"]] = float(trigger.i in {a.i for a in head.ancestors})
        row[column["in trigger clause"]] = float(head.i in clause)
        row[column["path length"]] = min(_path_length(trigger, head), 12) / 6
        row[column["token distance"]] = min(abs(head.i - trigger.i), 30) / 10
        row[column["before trigger"]] = float(head.i < trigger.i)
        row[column["first place in sentence"]] = float(n == first)
        row[column["nearest place to trigger"]] = float(n == nearest)
        row[column["only place in sentence"]] = float(len(candidates) == 1)
        row[column["outermost place"]] = float(depths[n] == min(depths))
        code = place.country if place is not None else None
        row[column["wider area of another candidate"]] = float(
            kind == "country" and code is not None and code in countries
        )
        row[column["inside another candidate's country"]] = float(
            kind != "country"
            and code is not None
            and any(
                _feature_class(places.get(other)) == "country"
                and (places.get(other).country == code)  # type: ignore[union-attr]
                for _, _, other in candidates
            )
        )
        row[column["is the target"]] = float(_overlaps(roles.target, start, end))
        row[column["is the source"]] = float(_overlaps(roles.source, start, end))
        row[column["local place"]] = float(pid.startswith((LOCAL_PREFIX, ADDRESS_PREFIX)))
        row[column["named by a settlement noun"]] = float(_settlement_named(doc, start, end))
        row[column["source's country"]] = float(
            kind == "country" and code is not None and code == roles.source_country
        )
    return rows


def _settlement_named(doc: Doc, start: int, end: int) -> bool:
    """A settlement noun right after the name ("Khanasir town", "Balata refugee camp") or
    before its "of" ("the village of Jdeideh")."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return False
    after = [t.lower_ for t in doc[span.end : span.end + 2]]
    if after and (after[0] in SETTLEMENT_NOUNS or after[-1] == "camp"):
        return True
    return (
        span.start >= 2
        and doc[span.start - 1].lower_ == "of"
        and doc[span.start - 2].lower_ in SETTLEMENT_NOUNS
    )


TREE_ARRAYS = ("feature", "threshold", "left", "right", "is_leaf", "value")


@dataclass(frozen=True, slots=True)
class PlaceModel:
    """Logistic weights, or boosted trees when the model file holds them (the trees see how
    features combine: a "from" phrase on a noun against one on the trigger)."""

    weights: np.ndarray
    bias: float
    threshold: float
    trees: BoostedTrees | None = None

    def probabilities(self, features: np.ndarray) -> np.ndarray:
        if self.trees is not None:
            return 1.0 / (1.0 + np.exp(-self.trees.scores(features)))
        return 1.0 / (1.0 + np.exp(-(features @ self.weights + self.bias)))

    def choose_index(self, features: np.ndarray) -> int | None:
        """The likeliest candidate's row, or None when none is likely enough."""
        if not len(features):
            return None
        scores = self.probabilities(features)
        best = int(np.argmax(scores))
        return best if scores[best] >= self.threshold else None


def narrowest(
    doc: Doc, chosen: Mention, candidates: list[Mention], places: dict[str, Place]
) -> Mention:
    """The chosen place, or the place it locates ("Majdal Shams in the occupied Golan": the
    village, not the Golan; "the town of X in Y"): a candidate whose head governs the chosen
    one's "in"/"of" phrase, or that ends right before its preposition (the parser often hangs
    the phrase on the verb or noun before). A chosen country or division also yields to a town
    set off before its phrase by a comma ("the town of Mirebalais, in Haiti's Centre
    department"; probe J, session 23): in event-location's fit sentences of the shape "town, in
    wider area" the gold place is the town 2 times, the area never, another place 3 times; on
    the fit parts the chooser never took the area there (no fit row moves)."""
    wide = _feature_class(places.get(chosen[2])) in ("country", "admin")
    owner = _possessor(doc, chosen)
    if owner is not None and wide:
        return _possessed_place(doc, owner, chosen, candidates)
    head = _head(doc, chosen[0], chosen[1])
    if head is not None and wide:
        while head.dep_ in ("compound", "amod") and head.head.i != head.i:
            head = head.head  # "in Haiti's Centre department": the noun the name names
    if head is None or head.dep_ != "pobj" or head.head.lower_ not in ("in", "of"):
        return chosen
    preposition = head.head
    for candidate in candidates:
        other = _head(doc, candidate[0], candidate[1])
        if candidate == chosen or other is None:
            continue
        ends_before = preposition.i > 0 and doc[preposition.i - 1].idx < candidate[1] <= (
            preposition.idx
        )
        if (
            other.i == preposition.head.i
            or ends_before
            or (wide and _set_off_before(doc, candidate, preposition, places))
        ):
            return candidate
    return chosen


def _set_off_before(
    doc: Doc, candidate: Mention, preposition: Token, places: dict[str, Place]
) -> bool:
    """ "the town of Mirebalais, in Haiti's Centre department": a town that ends right before
    the comma that opens the wider area's phrase."""
    comma = preposition.i - 1
    return (
        comma > 0
        and doc[comma].text == ","
        and doc[comma - 1].idx < candidate[1] == doc[comma].idx
        and _feature_class(places.get(candidate[2])) == "city"
    )


def _possessor(doc: Doc, mention: Mention) -> Token | None:
    """The mention's token that owns a noun outside it ("Syria's Raqqa": Syria; "Jammu and
    Kashmir's Reasi district": Kashmir, though the parser heads the name with Jammu)."""
    span = doc.char_span(mention[0], mention[1], alignment_mode="expand")
    if span is None:
        return None
    return next(
        (t for t in span if t.dep_ == "poss" and not span.start <= t.head.i < span.end), None
    )


def _possessed_place(doc: Doc, owner: Token, chosen: Mention, candidates: list[Mention]) -> Mention:
    """Of "Y's X", Y a country or province, the place X that Y owns ("Syria's Raqqa",
    "Dagestan's regional capital Makhachkala", "Iraq's northern city of Mosul"): the narrower
    place is the event's (event-location fit sentences with a place on both sides: the owned
    one gold 45 times, the owner 6). Only the owned noun, its apposition and its "of" phrase
    count; what else hangs below it is often a parse of a dateline or a list. A city's X is a
    district or landmark ("Rockford's west side"), seldom a place we hold."""
    owned = _owned_heads(owner.head)
    for candidate in candidates:
        other = _head(doc, candidate[0], candidate[1])
        if candidate != chosen and other is not None and other.i in owned:
            return candidate
    return chosen


def _owned_heads(owned: Token) -> set[int]:
    heads = {owned.i}
    for child in owned.children:
        if child.dep_ in ("appos", "compound"):
            heads.add(child.i)
        elif child.dep_ == "prep" and child.lower_ == "of":
            heads.update(g.i for g in child.children if g.dep_ == "pobj")
    return heads


@lru_cache(maxsize=2)
def load_place_model(path: str | None = None) -> PlaceModel | None:
    """The shipped model (or the one at ``path``); None when the file is missing or was
    trained on other features."""
    file = Path(path) if path else data_file(__package__, MODEL_FILE)
    if not file.exists():
        return None
    with np.load(file) as data:
        names = tuple(str(n) for n in data["feature_names"])
        if names != FEATURE_NAMES:
            return None
        bias, threshold = data["meta"].tolist()
        trees = None
        if "tree_start" in data.files:
            trees = BoostedTrees(
                float(data["tree_baseline"]),
                data["tree_start"],
                *(data[name] for name in TREE_ARRAYS),
                depth=int(data["tree_depth"]),
            )
        return PlaceModel(data["weights"].astype(np.float32), float(bias), float(threshold), trees)


def sentence_candidates(doc: Doc, trigger: Token, mentions: list[Mention]) -> list[Mention]:
    """The place mentions in the trigger's sentence, less those of an "according to" phrase
    and those of a purpose clause the trigger is outside of (the purpose clause's stay when
    every one is in such a clause)."""
    sent = sentence_of(trigger)
    start, end = sent.start_char, sent.end_char
    found = [m for m in mentions if start <= m[0] < end and not _in_attribution(doc, m, trigger)]
    outside = [m for m in found if not _in_purpose_clause(doc, m, trigger)]
    return outside or found


def _in_attribution(doc: Doc, mention: Mention, trigger: Token) -> bool:
    """ "according to local media sources in Nineveh", "according to a statement from the
    Foreign Ministry in Abu Dhabi": a place inside an "according to" phrase the trigger is
    outside of is where the account comes from, not where the event happened (fit part of
    event-location, hand-checked and silver: such a place is the gold place 1 time in 44; it
    is dropped even when it is the sentence's only place)."""
    head = _head(doc, mention[0], mention[1])
    if head is None:
        return False
    return any(
        token.lower_ == "according" and token.dep_ == "prep" and trigger not in token.subtree
        for token in (head, *head.ancestors)
    )


def _in_purpose_clause(doc: Doc, mention: Mention, trigger: Token) -> bool:
    """ "marched through Rome to protest against Israel's barrier", "demonstrated in Sanaa to
    demand that Germany release ...": a place inside an adverbial to-infinitive that does not
    hold the trigger is what the act is for, not where it happened (fit part of
    event-location, hand-checked and silver: such a place is the gold place 8 times in 62;
    in 53 of the other 54 another place of the sentence is)."""
    head = _head(doc, mention[0], mention[1])
    if head is None:
        return False
    for token in (head, *head.ancestors):
        if token.i == trigger.i:
            return False
        if token.dep_ == "advcl" and any(
            child.dep_ == "aux" and child.tag_ == "TO" for child in token.children
        ):
            return trigger not in token.subtree
    return False
