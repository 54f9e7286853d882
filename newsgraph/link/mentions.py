"""Mention-level cross-document event coreference: which event *mentions* of a set of articles
(about one story) refer to the same real-world event.

``link/events.py`` clusters newsgraph's own event records, which cover PLOVER's political types
only. This module clusters any event mention (a trigger span: "quake", "checked into",
"acquisition") that a caller names in the stored articles, typically the gold mentions of a
coreference corpus or the triggers of another extractor. It works in three steps:

1. **Document clusters.** Articles of one story collection often report different real events
   of the same kind (two earthquakes, two rehab check-ins). The articles are grouped first, by
   average-link agglomeration over the cosine of TF-IDF vectors of their content words, the
   actors, places and dates newsgraph resolved in them; two articles whose dates contradict
   never merge. Mentions in different document clusters are never coreferent.
2. **Trigger families** (``triggers.py``, which the store's event clustering shares as its
   wording evidence). Within a document cluster, mentions join when their trigger lemmas
   fall in one family: the same crude stem ("attack"/"attacked"/"attacks",
   "kill"/"killing", "nominate"/"nomination"), the same entry of
   ``event_families.yaml`` ("die"/"death", "quake"/"earthquake", "buy"/"acquisition"), or
   optionally (``use_events``) newsgraph's own event cluster (two mentions covered by events
   that ``cluster_events`` put together; off: it cost 0.01 CoNLL F1 on ECB+ train). Light
   verbs ("take", "make", "hold"...) give way to the noun they carry.
3. **Argument compatibility.** Where newsgraph found an event at the mention, a family splits
   where that event's arguments contradict the cluster's: its date (values such as
   ``XXXX-02-22`` compared digit by digit where both are known) and its source and target
   actors (``Compatibility.actors`` of ``link/events.py``). Mentions are
   visited in document order and join the first compatible cluster of their family. (Times and
   places of the mention's whole sentence, ``SENTENCE_ARGUMENTS``, and finer place checks split
   true coreference on ECB+ train more often than they helped, so they are off; places are
   geocoded without context there. Places still shape the document clusters.)

``cluster_mentions`` returns a partition (mention key → cluster number); the learned pair
scorer of ``mention_pairs.py`` weighs the same evidence instead of deciding in hard steps.
Neither needs a store: the caller passes contract records and the mentions (article id,
character spans, trigger lemma).
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from .events import (
    Compatibility,
    PlaceInfo,
    affiliations,
    cluster_events,
    event_items,
)
from .triggers import LIGHT_VERBS, stem, trigger_family

# Document clusters: average-link merging stops below this cosine similarity.
DOC_SIMILARITY = 0.14
# An article left alone after merging joins its most similar story above this similarity.
ATTACH_SIMILARITY = 0.0
NAME_WEIGHT = 3
SENTENCE_ARGUMENTS = False
NAME_PATTERN = re.compile(r"(?<=[a-z,;] )[A-Z][a-z]+|\b\d[\d.,]*\d\b")
WORD_PATTERN = re.compile(r"[A-Za-z][A-Za-z'-]+|\d+")
_STOP_WORDS = (
    "a an the and or but if of to in on at by for with from as is are was were be been being "
    "has have had do does did this that these those it its he she they them his her their we "
    "our you your i me my who whom which what when where why how not no than then there here "
    "said says say also would could should will can may might must just about after before "
    "over into out up down more most other some such only own same so too very s t one two "
    "new year years time told people according"
)
STORY_STOP_WORDS = frozenset(_STOP_WORDS.split())


# ---------------------------------------------------------------- trigger families


def trigger_lemma(tokens: Sequence[Any]) -> str:
    """The trigger lemma of a mention's spaCy tokens: its first verb, noun or adjective, but a
    light verb gives way to a noun of the span ("took control" → "control"); else the first
    token."""
    content = [t for t in tokens if t.pos_ in ("VERB", "NOUN", "ADJ", "PROPN")] or list(tokens)
    if not content:
        return ""
    first = content[0]
    if first.lemma_.lower() in LIGHT_VERBS:
        nouns = [t for t in content[1:] if t.pos_ in ("NOUN", "PROPN")]
        if nouns:
            first = nouns[0]
    return first.lemma_.lower()


# Dependents of a trigger that name its participants, setting or modifiers (spaCy labels).
ARGUMENT_DEPS = frozenset(("nsubj", "nsubjpass", "dobj", "attr", "agent", "poss", "compound",
                           "npadvmod", "dative", "oprd", "acomp", "nmod", "appos", "amod",
                           "nummod"))  # fmt: skip
# The trigger's governor counts as an argument where the trigger is its subject or object
# ("confirmed the *stay*"), or where the trigger modifies it ("the *shooting* suspect").
GOVERNED_AS = frozenset(("dobj", "nsubj", "nsubjpass", "pobj"))
MODIFIES_AS = frozenset(("amod", "compound", "nmod", "acl", "relcl"))


def trigger_arguments(tokens: Sequence[Any]) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """The syntactic arguments of a mention's spaCy tokens, as (role, words) pairs sorted by
    role: the dependents of its head token (the token nearest the root) by dependency label,
    a preposition's object under "prep:" plus the preposition ("prep:in"), and its governor
    ("gov", "head"); the words are each argument's lemma and the proper nouns and numbers of
    its subtree, lower-cased, the mention's own tokens left out."""
    if not tokens:
        return ()
    own = {t.i for t in tokens}
    head = min(tokens, key=lambda t: (sum(1 for _ in t.ancestors), t.i))
    by_role: dict[str, list[Any]] = defaultdict(list)
    for child in head.children:
        if child.dep_ in ("prep", "agent"):
            by_role["prep:" + child.lemma_.lower()] += [g for g in child.children
                                                        if g.dep_ == "pobj"]  # fmt: skip
        elif child.dep_ in ARGUMENT_DEPS:
            by_role[child.dep_].append(child)
    if head.dep_ in MODIFIES_AS and head.head.i != head.i:
        by_role["head"].append(head.head)
    if head.dep_ in GOVERNED_AS and head.head.i != head.i:
        by_role["gov"].append(head.head)
    arguments = []
    for role, dependents in sorted(by_role.items()):
        words = {d.lemma_.lower() for d in dependents if d.i not in own}
        words |= {t.lemma_.lower() for d in dependents if d.i not in own for t in d.subtree
                  if t.pos_ in ("PROPN", "NUM") and t.i not in own}  # fmt: skip
        if words:
            arguments.append((role, tuple(sorted(words))))
    return tuple(arguments)


# ---------------------------------------------------------------- mentions and documents


@dataclass(frozen=True, slots=True)
class Mention:
    """An event mention to cluster: where it is, its trigger lemma and, where the caller
    parsed it, its syntactic arguments (``trigger_arguments``)."""

    article_id: str
    mention_id: str
    spans: tuple[tuple[int, int], ...]
    lemma: str
    arguments: tuple[tuple[str, tuple[str, ...]], ...] = ()

    @property
    def key(self) -> tuple[str, str]:
        return (self.article_id, self.mention_id)


@dataclass(slots=True)
class MentionItem:
    """A mention with what clustering needs from its article."""

    mention: Mention
    family: str
    event: tuple[str, str] | None = None  # the newsgraph event covering it (article, id)
    times: tuple[str, ...] = ()  # time values in its sentence
    places: tuple[PlaceInfo, ...] = ()  # places in its sentence
    source: str | None = None
    target: str | None = None
    type: str | None = None  # the PLOVER type of that event


@dataclass(slots=True)
class MentionCluster:
    members: list[MentionItem] = field(default_factory=list)
    times: set[str] = field(default_factory=set)
    places: dict[str, PlaceInfo] = field(default_factory=dict)
    source: str | None = None
    target: str | None = None


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Sentence extents: lines, then ". " boundaries inside long lines."""
    spans = []
    for match in re.finditer(r"[^\n]+", text):
        start = match.start()
        for part in re.finditer(r".+?(?:[.!?](?=\s+[A-Z\"'`])|$)", match.group()):
            if part.group().strip():
                spans.append((start + part.start(), start + part.end()))
    return spans or [(0, len(text))]


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def mention_items(
    record: Mapping[str, Any],
    mentions: Iterable[Mention],
    table: Mapping[str, str] | None = None,
) -> list[MentionItem]:
    """The mentions of one article with their arguments from its record: the newsgraph event
    whose evidence overlaps the mention (its actors), and the times and places of the
    mention's sentence."""
    text = (record.get("article") or {}).get("text") or ""
    sentences = sentence_spans(text)
    places = {
        p["id"]: PlaceInfo(p["id"], p.get("lat"), p.get("lon"), p.get("country"), p.get("feature"))
        for p in record.get("places") or []
        if p.get("id")
    }
    place_spans = [
        (places[p["id"]], (m["start"], m["end"]))
        for p in record.get("places") or []
        if p.get("id")
        for m in p.get("mentions") or []
    ]
    time_spans = [
        (t["value"], (t["span"]["start"], t["span"]["end"]))
        for t in record.get("times") or []
        if t.get("value") and t.get("span") and _dated(t["value"])
    ]
    time_values = {t["id"]: t.get("value") for t in record.get("times") or [] if t.get("id")}
    events = [
        (e, (s["start"], s["end"]))
        for e in record.get("events") or []
        for s in e.get("evidence") or []
    ]
    article_id = (record.get("article") or {}).get("id") or ""
    items = []
    for mention in mentions:
        first = mention.spans[0]
        sentence = next((s for s in sentences if _overlap(s, first) or s[0] <= first[0] < s[1]),
                        (first[0], first[1]))  # fmt: skip
        covering = max(
            ((sum(_overlap(m, span) for m in mention.spans), e) for e, span in events),
            default=(0, None),
            key=lambda x: x[0],
        )
        event = covering[1] if covering[0] else None
        if SENTENCE_ARGUMENTS or event is None:
            times_ = {v for v, s in time_spans if _overlap(s, sentence)}
            places_ = {p.id: p for p, s in place_spans if _overlap(s, sentence)}
        if not SENTENCE_ARGUMENTS:
            times_, places_ = set(), {}
        if event is not None:
            value = time_values.get(event.get("time") or "")
            times_ |= {value} if value and _dated(value) else set()
            if event.get("place") in places:
                places_[event["place"]] = places[event["place"]]
        items.append(
            MentionItem(
                mention=mention,
                family=trigger_family(mention.lemma, table),
                event=(article_id, event["id"]) if event else None,
                times=tuple(sorted(times_)),
                places=tuple(places_.values()),
                source=((event or {}).get("source") or {}).get("actor"),
                target=((event or {}).get("target") or {}).get("actor"),
                type=(event or {}).get("type") or None,
            )
        )
    return items


def _dated(value: str) -> bool:
    """A value that names a calendar date or month ("2008-02-22", "XXXX-02-22", "2008-02")."""
    return bool(re.fullmatch(r"[\dX]{4}-\d\d(-\d\d)?", value.split("T", 1)[0]))


def times_agree(a: str, b: str) -> bool:
    """Two date values agree unless a position both know differs ("XXXX-02-22" agrees with
    "2009-02-22" and "2009-02", not with "XXXX-02-23")."""
    a, b = a.split("T", 1)[0], b.split("T", 1)[0]
    return all(x == y or "X" in (x, y) for x, y in zip(a, b, strict=False))


# ---------------------------------------------------------------- document clusters


def doc_features(record: Mapping[str, Any]) -> Counter[str]:
    text = (record.get("article") or {}).get("text") or ""
    words = Counter(
        stem(w)
        for w in WORD_PATTERN.findall(text)
        if w.lower() not in STORY_STOP_WORDS and not w.isdigit()
    )
    if NAME_WEIGHT:
        for w in NAME_PATTERN.findall(text):
            if w.lower() not in STORY_STOP_WORDS:
                words["name:" + w.lower()] += NAME_WEIGHT
    for actor in record.get("actors") or []:
        if actor.get("id"):
            words["actor:" + actor["id"]] += len(actor.get("mentions") or []) or 1
    for place in record.get("places") or []:
        if place.get("id"):
            words["place:" + place["id"]] += len(place.get("mentions") or []) or 1
    for time in record.get("times") or []:
        value = time.get("value") or ""
        if _dated(value):
            words["time:" + value] += 1
    return words


def document_similarity(
    records: Sequence[Mapping[str, Any]], bags: Sequence[Counter[str]] | None = None
) -> list[list[float]]:
    """The cosine of each pair of articles' TF-IDF vectors (words, names, actors, places,
    dates; ``bags``: their ``doc_features``, where the caller kept them); 1 on the
    diagonal."""
    n = len(records)
    bags = bags if bags is not None else [doc_features(r) for r in records]
    df = Counter(term for bag in bags for term in bag)
    vectors = []
    for bag in bags:
        idf = {t: 1 + math.log((1 + n) / (1 + df[t])) for t in bag}
        vec = {t: (1 + math.log(c)) * idf[t] for t, c in bag.items()}
        norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
        vectors.append({t: v / norm for t, v in vec.items() if v > 0})
    sim = [[1.0 if i == j else 0.0 for j in range(n)] for i in range(n)]
    for i in range(n):
        for j in range(i + 1, n):
            a, b = vectors[i], vectors[j]
            if len(a) > len(b):
                a, b = b, a
            sim[i][j] = sim[j][i] = sum(v * b.get(t, 0.0) for t, v in a.items())
    return sim


def document_clusters(
    records: Sequence[Mapping[str, Any]],
    threshold: float = DOC_SIMILARITY,
    similarity: list[list[float]] | None = None,
) -> list[list[int]]:
    """Indices of ``records`` grouped into stories: average-link agglomeration on the cosine of
    TF-IDF vectors (words, actors, places, dates), merging while the best pair of groups is at
    least ``threshold`` similar."""
    return document_clusters_at(records, (threshold,), similarity)[0]


def document_clusters_at(
    records: Sequence[Mapping[str, Any]],
    thresholds: Sequence[float],
    similarity: list[list[float]] | None = None,
) -> list[list[list[int]]]:
    """``document_clusters`` at each of ``thresholds``, from one agglomeration: the merges are
    the same whatever the threshold, which only says where they stop."""
    n = len(records)
    if n <= 1:
        return [[list(range(n))] for _ in thresholds]
    sim = similarity if similarity is not None else document_similarity(records)
    stopped = average_link_stops(np.asarray(sim, dtype=float), thresholds)
    return [_attach_alone(groups, sim) for groups in stopped]


def average_link_stops(sim: np.ndarray, thresholds: Sequence[float]) -> list[dict[int, list[int]]]:
    """The groups (first member → members) where average-link agglomeration on ``sim`` stops
    at each threshold: it merges the pair of groups with the highest average similarity (ties:
    the lowest first index, then the lowest second) while that average reaches the
    threshold."""
    n = len(sim)
    groups: dict[int, list[int]] = {i: [i] for i in range(n)}
    stops: dict[int, dict[int, list[int]]] = {}
    sums = sim.copy()  # summed similarity between groups, over their member pairs
    sizes = np.ones(n)
    upper = np.triu(np.ones((n, n), dtype=bool), k=1)
    while True:
        best, i, j = -math.inf, 0, 0
        if len(groups) > 1:
            average = np.where(upper, sums / np.outer(sizes, sizes), -np.inf)
            i, j = np.unravel_index(int(np.argmax(average)), average.shape)
            best = float(average[i, j])
        for k, threshold in enumerate(thresholds):
            if k not in stops and best < threshold:
                stops[k] = {g: list(members) for g, members in groups.items()}
        if len(stops) == len(thresholds):
            return [stops[k] for k in range(len(thresholds))]
        groups[int(i)] += groups.pop(int(j))
        sums[i, :] += sums[j, :]
        sums[:, i] = sums[i, :]
        sizes[i] += sizes[j]
        upper[j, :] = upper[:, j] = False


def _attach_alone(groups: dict[int, list[int]], sim: list[list[float]]) -> list[list[int]]:
    # an article left alone joins the story it is most like: a collection rarely holds a story
    # told once
    alone = [i for i, g in groups.items() if len(g) == 1]
    if len(groups) > len(alone):
        for i in alone:
            others = [k for k, g in groups.items() if len(g) > 1]
            k = max(others, key=lambda k: sum(sim[i][m] for m in groups[k]) / len(groups[k]))
            if sum(sim[i][m] for m in groups[k]) / len(groups[k]) >= ATTACH_SIMILARITY:
                groups[k] += groups.pop(i)
    return sorted(sorted(g) for g in groups.values())


# ---------------------------------------------------------------- clustering


class MentionCompatibility:
    """Whether a mention fits a cluster: its dates and actors contradict none of the
    cluster's (``Compatibility`` of ``link/events.py`` for actors)."""

    def __init__(self, parents: Mapping[str, str] | None = None) -> None:
        self.check = Compatibility(parents)

    def fits(self, cluster: MentionCluster, item: MentionItem) -> bool:
        if (
            item.times
            and cluster.times
            and not any(times_agree(a, b) for a in item.times for b in cluster.times)
        ):
            return False
        return (
            self.check.actors(cluster.source, item.source) is not False
            and self.check.actors(cluster.target, item.target) is not False
        )


def _join(cluster: MentionCluster, item: MentionItem) -> None:
    cluster.members.append(item)
    cluster.times.update(item.times)
    cluster.places.update({p.id: p for p in item.places})
    cluster.source = cluster.source or item.source
    cluster.target = cluster.target or item.target


def cluster_mentions(
    records: Sequence[Mapping[str, Any]],
    mentions: Mapping[str, Sequence[Mention]],
    *,
    doc_threshold: float | None = DOC_SIMILARITY,
    use_events: bool = False,
    use_arguments: bool = True,
    table: Mapping[str, str] | None = None,
) -> dict[Hashable, int]:
    """Mention key → cluster number for the ``mentions`` (article id → its mentions) of the
    articles in ``records`` (one story collection, e.g. a topic). ``doc_threshold`` None: all
    articles form one document cluster. ``use_events``: mentions covered by newsgraph events of
    one ``cluster_events`` cluster join. ``use_arguments``: times, places and actors split
    families."""
    records = [r for r in records if r.get("article")]
    parents = affiliations(records)
    check = MentionCompatibility(parents)
    groups = (
        document_clusters(records, doc_threshold)
        if doc_threshold is not None
        else [list(range(len(records)))]
    )
    event_cluster: dict[tuple[str, str], int] = {}
    if use_events:
        items = [i for r in records for i in event_items(r, include_unreal=True)]
        for n, cluster in enumerate(cluster_events(items, parents)):
            for member in cluster.members:
                event_cluster[member.key] = n
    partition: dict[Hashable, int] = {}
    next_id = 0
    for group in groups:
        items = [
            item
            for index in group
            for record in [records[index]]
            for item in mention_items(
                record, mentions.get((record.get("article") or {}).get("id") or "", ()), table
            )
        ]
        # a family absorbs the families its mentions' event clusters reach
        family = _UnionFind()
        for item in items:
            family.find(item.family)
        if use_events:
            by_event: dict[int, str] = {}
            for item in items:
                n = event_cluster.get(item.event) if item.event else None
                if n is None:
                    continue
                if n in by_event:
                    family.union(by_event[n], item.family)
                else:
                    by_event[n] = item.family
        clusters: dict[str, list[MentionCluster]] = defaultdict(list)
        for item in items:
            candidates = clusters[family.find(item.family)]
            target = next((c for c in candidates if not use_arguments or check.fits(c, item)), None)
            if target is None:
                target = MentionCluster()
                candidates.append(target)
            _join(target, item)
        for family_clusters in clusters.values():
            for cluster in family_clusters:
                for item in cluster.members:
                    partition[item.mention.key] = next_id
                next_id += 1
    return partition


class _UnionFind:
    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, x: str) -> str:
        self.parent.setdefault(x, x)
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)
