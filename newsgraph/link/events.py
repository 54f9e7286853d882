"""Cross-article event clustering: which event records describe the same real-world event.

Two events are the same event when nothing hard contradicts and the evidence that they are one
adds up (``EVIDENCE``, at least ``MERGE_EVIDENCE``). Hard contradictions:

- **type**: another family of PLOVER types (``TYPE_FAMILIES``: a strike reported as ASSAULT by
  one outlet and COERCE by another is one event);
- **time**: the intervals of the times' values do not overlap; an event without a usable time
  falls back to ``[published - PUBLISHED_WINDOW_DAYS, published]``, since news reports what
  just happened. No date at all contradicts nothing. Two parts of one day that are not
  neighbours (``compatibility.DAY_PARTS``: a morning and a night) are two times;
- **casualties**: killed counts further apart than ``KILLED_TOLERANCE`` (9, 10 and 11 are one
  strike's toll as outlets report it; 3 and 20 are two strikes), unless the higher one is a
  later-published report's update (``compatibility.toll_rose``: 9, then 16 the next day);
- **place**: points more than ``PLACE_KM`` apart, or places in different countries.

Evidence: the same place or points within ``PLACE_KM`` (+1; +0.5 where it is all the evidence
and the event or the cluster has no date at all); a country or region holding the
other's place (+0.5); per role, an agreeing actor (+1: equal, or parent and child through the
knowledge base's affiliation, ``idf`` under ``israel``) or a contradicting one (-1: accounts
differ in what the extractor read, so actors are soft; an actor named only by nationality,
"Palestinian gunmen", contradicts no actor of its country, "Hamas militants"); the same trigger
family of the evidence words (+0.5, ``triggers.py``, the mention linker's families); the same
killed count (+0.5); a bare event and the event of its article it retells (+1), two anchored
events of one incident profile of an article (+0.5, ``incident_profiles.py``). Type and date
alone, or wording alone, never merge by hand-set evidence.
Where given (``link_records`` and ``link_store`` give it), the learned ECB+ pair scorer
(``event_pairs.py``) ranks the clusters an event may join and vetoes a bare merge its
same-worded members do not support; where no cluster has the evidence, the link-shaped merge
model (fitted on link's own comparisons, ``tools/train_link_pairs.py``) joins the event to a
cluster worded like it that nothing contradicts (no actor on another branch) when its
probability reaches the model's threshold. Where the batch holds a collection of articles the
mention linker can read a story from (``event_pairs.COLLECTION_MIN_ARTICLES``), its clusters
over that collection count too (``COLLECTION_EVIDENCE`` with a member, ``COLLECTION_AGAINST``
where it put the event apart from the same-worded members): within the hard contradictions.

Clustering is greedy and deterministic: events are visited in time order (then article id and
event order) and each joins the compatible cluster with the most evidence found through a
blocking index keyed by type family and anchor (source root actor, target root actor, place id,
0.5° grid cell, trigger family with the place's country or with the toll), or starts a new one.
A cluster is checked against its consensus (the values its members agree on), so chains of weak
links (A~B on place, B~C on actor, A and C contradicting) cannot form. Clusters whose interval
ended before the visited event's start leave the index: the cost grows with the events per
type, key and period, never with the square of the store. ``regrouping.regroup`` then joins
two dated clusters of one incident that formed apart (``link_records`` and incremental runs).
An act answering an attack (``responses.py``: "repelled the attack", "retaliated") is compared
as the incident it belongs to: a defence joins the cluster of the attack its article tells, and
no response joins a cluster whose attacker is not the one it answers.
"""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any, Literal, Protocol

from .compatibility import (
    MERGE_EVIDENCE,
    Compatibility,
    distance_km,
    family_of,
    killed_compatible,
    known_actor,
)
from .event_items import (
    COARSE_FEATURES,
    MAX_TIME_SPAN_DAYS,
    PUBLISHED_WINDOW_DAYS,
    ROLES,
    TOLL_WINDOW_DAYS,
    EventItem,
    Interval,
    PlaceInfo,
    Side,
    affiliations,
    event_items,
    parse_interval,
    report_tolls,
    toll_holders,
    trigger_stem,
)
from .responses import response_cluster

__all__ = [
    "COARSE_FEATURES", "MAX_TIME_SPAN_DAYS", "PUBLISHED_WINDOW_DAYS", "Compatibility",
    "EventCluster", "EventItem", "Interval", "IrrealisPolicy", "PairScorer", "PlaceInfo", "Side",
    "affiliations", "cluster_events", "distance_km", "event_items", "family_of",
    "killed_compatible", "parse_interval", "trigger_stem",
]  # fmt: skip

# The learned ECB+ pair scorer (``event_pairs.py``) weighs in where it is given: among the
# clusters the evidence above lets an event join, each scores its evidence plus
# LEARNED_WEIGHT × (p − LEARNED_FLOOR), p the scorer's probability that the event and the
# cluster's first members are one event; the event joins the best one still at MERGE_EVIDENCE,
# else starts its own. So the scorer ranks the candidates and vetoes the ones it finds unlike;
# it never merges on its own: in a small collection it rates any two uses of one word alike
# (0.97 for "A strike was reported on Monday" against a Rafah strike of that day); the merge
# model below does. Weight and floor fitted on ECB+'s train topics through this code path
# (docs/link.md).
LEARNED_WEIGHT = 1.0
LEARNED_FLOOR = 0.5
# Clusters the scorer compares an event with (those with the most evidence, then the oldest).
LEARNED_CANDIDATES = 6
# Where no cluster has MERGE_EVIDENCE, the link-shaped merge model (``event_pairs.py``, fitted
# by ``tools/train_link_pairs.py``) may join the event alone to one of this many clusters worded
# like it (the most evidence, then the oldest): those its probability puts at its threshold.
MERGE_CANDIDATES = 3
# The mention linker's clusters over the event's collection of articles
# (``PairEvidence.collection_cluster``): the story around an event (which articles tell it, in
# which words) that a comparison of two articles misses. Evidence for a cluster holding a member
# of the event's collection cluster (no actor on another branch), and against one whose members
# of that collection worded like the event the linker all put elsewhere. Chosen by five-fold
# cross-validation over ECB+ train topics (0.5 / 1.0 each; docs/link.md): with 1.0 the linker
# alone merges, within the hard contradictions (type family, dates, toll, places).
COLLECTION_EVIDENCE = 1.0
COLLECTION_AGAINST = 1.0
Collection = tuple[int, int]  # (collection, the mention linker's cluster in it)
# An event reported as negated, hypothetical or future ("did not strike", "threatened a
# strike", "will attack": ``EventItem.irrealis``) reports no real incident. Where such events
# are clustered at all (``cluster_events(irrealis_against=...)``), evidence taken off a pair
# of an irrealis event and a cluster of real reports (or the reverse); None: they never share
# a cluster (a veto). ECB+ train figures for each setting: docs/link.md.
IRREALIS_AGAINST: float | None = None
# What ``LinkOptions.irrealis`` (options.py) does with such events: "apart" leaves them out of
# clustering (the default: each stays alone), "own" clusters them with each other only
# (``IRREALIS_AGAINST`` None), "join" clusters them with real reports as ECB+ annotates them
# (less ``IRREALIS_JOIN_AGAINST``).
IrrealisPolicy = Literal["apart", "own", "join"]
IRREALIS_JOIN_AGAINST = 0.0


class PairScorer(Protocol):
    """What clustering asks of the learned pair scorer (``event_pairs.PairEvidence``)."""

    @property
    def merge_threshold(self) -> float | None: ...  # None: the scorer never merges alone

    def cluster_probability(
        self, item: EventItem, clusters: Sequence[Sequence[EventItem]]
    ) -> list[float | None]: ...

    def merge_probability(
        self, item: EventItem, clusters: Sequence[Sequence[EventItem]]
    ) -> list[float | None]: ...

    def collection_cluster(self, key: tuple[str, str]) -> Collection | None: ...


@dataclass(slots=True)
class EventCluster:
    """Events that report one real-world event, with the values they agree on."""

    members: list[EventItem] = field(default_factory=list)
    type: str = ""
    sides: dict[str, Side] = field(default_factory=dict)  # role → the consensus actor
    place: PlaceInfo | None = None
    when: Interval | None = None
    triggers: set[str] = field(default_factory=set)
    wordings: set[str] = field(default_factory=set)
    killed: list[int] = field(default_factory=list)
    day_parts: set[str] = field(default_factory=set)  # its members' TIMEX3 parts of the day
    # its members' clusters of the mention linker (``collection_cluster``) → their wordings
    collections: dict[Collection, set[str | None]] = field(default_factory=dict)
    irrealis: bool = False  # its first member is negated, hypothetical or future
    # the places its unplaced members' incident profiles name (``EventItem.profile_place``)
    profile_places: list[PlaceInfo] = field(default_factory=list)
    parents: Mapping[str, str] = field(default_factory=dict, repr=False)  # actor → parent

    @property
    def family(self) -> str:
        return family_of(self.type)

    def side(self, role: str) -> Side:
        return self.sides.get(role) or Side()

    @property
    def source(self) -> str | None:
        return self.side("source").actor

    @property
    def target(self) -> str | None:
        return self.side("target").actor

    @property
    def id(self) -> str:
        """Stable while the story grows: a hash of the member that started the cluster (the
        earliest in visit order), so reports added later keep the cluster's id."""
        article_id, event_id = self.members[0].key
        return "ec-" + hashlib.sha1(f"{article_id}:{event_id}".encode()).hexdigest()[:16]

    @property
    def outlets(self) -> list[str]:
        return sorted({m.outlet or f"article:{m.article_id}" for m in self.members})

    @property
    def first_reported(self) -> date | None:
        dates = [m.published for m in self.members if m.published]
        return min(dates) if dates else None

    @property
    def earliest(self) -> date | None:
        starts = [m.interval[0] for m in self.members if m.interval]
        return min(starts) if starts else None

    @property
    def span(self) -> Interval | None:
        """From the earliest member's start to the latest one's end; None where a member is
        undated (it meets every date). An event outside the span cannot join the cluster."""
        whens = [m.when for m in self.members]
        if not whens or any(w is None for w in whens):
            return None
        return (min(w[0] for w in whens), max(w[1] for w in whens))  # type: ignore[index]

    def support(self) -> dict[str, int]:
        """Outlets that assert the event in their own voice vs those that attribute it."""
        told = [m for m in self.members if not m.denied]  # a denial supports no account
        asserted = {m.outlet or m.article_id for m in told if m.attributed_to is None}
        attributed = {m.outlet or m.article_id for m in told if m.attributed_to}
        return {
            "asserted_outlets": len(asserted),
            "attributed_outlets": len(attributed),
            "asserted_members": sum(1 for m in told if m.attributed_to is None),
            "attributed_members": sum(1 for m in told if m.attributed_to),
        }

    def consensus(self) -> dict[str, Any]:
        """The majority value of each field (ties: the smallest), plus support and magnitude."""
        killed = report_tolls(self.members)  # one per report: twins tell one toll
        first = min(self.members, key=lambda m: (m.published or date.max, m.article_id, m.ord))
        return {
            "type": self.type,
            "source": _majority(m.source for m in self.members),
            "target": _majority(m.target for m in self.members),
            "place": _majority(m.place.id if m.place else None for m in self.members),
            "time": _interval_text(self.when) if self.earliest else None,
            "earliest": self.earliest.isoformat() if self.earliest else None,
            "killed": [min(killed), max(killed)] if killed else None,
            "first_reported_by": first.outlet,
            **self.support(),
            **self.disagreement(),
        }

    def disagreement(self) -> dict[str, Any]:
        """Each field's values with the outlets that give each, and whether sources differ:
        ``{"fields": {"killed": [{"value": 9, "outlets": [...]}, ...]}, "disputed": true}``."""
        fields: dict[str, list[dict[str, Any]]] = {}
        tolls = {id(m) for m in toll_holders(self.members)}
        getters = {
            "type": lambda m: m.type,
            "source": lambda m: m.source if known_actor(m.source) else None,
            "target": lambda m: m.target if known_actor(m.target) else None,
            "place": lambda m: m.place.id if m.place and not m.place.coarse else None,
            "killed": lambda m: m.killed if id(m) in tolls else None,
        }
        for name, get in getters.items():
            by_value: dict[Any, set[str]] = defaultdict(set)
            for m in self.members:
                value = get(m)
                if value is not None:
                    by_value[value].add(m.outlet or f"article:{m.article_id}")
            fields[name] = [
                {"value": v, "outlets": sorted(o)}
                for v, o in sorted(by_value.items(), key=lambda kv: (-len(kv[1]), str(kv[0])))
            ]
        check = Compatibility(self.parents)
        roots = {role: check.accounts([m.side(role) for m in self.members]) for role in ROLES}
        # Differing accounts: other tolls, or actors on different branches (idf under israel
        # is one account); places in one cluster are near each other by construction.
        differing = sorted(
            [name for name, values in roots.items() if len(values) > 1]
            + (["killed"] if len(fields["killed"]) > 1 else [])
        )
        denied = any(m.disputed for m in self.members)
        return {"fields": fields, "differing": differing, "disputed": bool(differing) or denied}

    def to_row(self) -> dict[str, Any]:
        """The shape ``Store.replace_event_clusters`` takes."""
        consensus = self.consensus()
        return {
            "id": self.id,
            "type": self.type,
            "place_id": consensus["place"],
            "time_value": consensus["time"],
            "first_reported": self.first_reported,
            "outlets": self.outlets,
            "consensus": consensus,
            "members": sorted(m.key for m in self.members),
            "family": self.family,
            "span": self.span,
            "irrealis": self.all_irrealis,
        }

    @property
    def all_irrealis(self) -> bool:
        """Every member is negated, hypothetical or future: a threat, a plan or a denial that
        two outlets report alike, not an incident (only ``LinkOptions.irrealis`` "own" or
        "join" clusters such events; under "own" this is ``irrealis``)."""
        return all(m.irrealis for m in self.members)


def _majority(values: Iterable[str | None]) -> str | None:
    counts = Counter(v for v in values if v)
    if not counts:
        return None
    best = max(counts.values())
    return min(v for v, n in counts.items() if n == best)


def _interval_text(interval: Interval | None) -> str | None:
    if interval is None:
        return None
    start, end = interval
    return start.isoformat() if start == end else f"{start.isoformat()}/{end.isoformat()}"


# ---------------------------------------------------------------- clustering


def cluster_events(
    items: Iterable[EventItem],
    parents: Mapping[str, str] | None = None,
    lexical: bool = False,
    pairs: PairScorer | None = None,
    irrealis_against: float | None = IRREALIS_AGAINST,
) -> list[EventCluster]:
    """Group ``items`` into clusters of the same real-world event (see the module docstring);
    ``pairs``, the learned pair scorer, ranks and vetoes the clusters an item may join;
    ``irrealis_against`` weighs an irrealis event against a real one (``reality_clash``).

    Every item ends in exactly one cluster (singletons included); clusters come back in the
    order they were started.
    """
    check = Compatibility(parents, lexical)
    ordered = sorted(items, key=_visit_order)
    clusters: list[EventCluster] = []
    index: dict[tuple[str, str], list[int]] = defaultdict(list)
    exchanges: dict[tuple[str, str], int] = {}  # a defence and its attack (``responses.py``)
    for item in ordered:
        start = pruning_start(item)
        candidates: set[int] = set()
        collection = pairs.collection_cluster(item.key) if pairs is not None else None
        for key in query_keys(item, check, collection):
            bucket = index.get(key)
            if not bucket:
                continue
            if start is not None:  # sorted by start: a cluster that ended can take no one else
                bucket[:] = [c for c in bucket if not ended(clusters[c], start)]
            candidates.update(bucket)
        best, best_score = len(clusters), 0.0
        evidence = {c: reality_clash(clusters[c], item, irrealis_against,
                                     _evidence(clusters[c], item, check, collection))
                    for c in sorted(candidates)}  # fmt: skip
        scores = {c: e if e is not None and e >= MERGE_EVIDENCE else 0.0
                  for c, e in evidence.items()}  # fmt: skip
        for c, score in scores.items():
            # most evidence wins; among equals the oldest cluster (candidates in ascending ids)
            if score > best_score:
                best, best_score = c, score
        if pairs is not None and best < len(clusters):
            best = _learned_choice(clusters, scores, item, pairs)
        if pairs is not None and best == len(clusters):
            best = _learned_merge(clusters, evidence, item, pairs, check)
        best = response_cluster(item, clusters, best, check, exchanges)
        if best == len(clusters):
            clusters.append(
                EventCluster(type=item.type, parents=check.parents, irrealis=item.irrealis)
            )
            best = len(clusters) - 1
        add_member(clusters[best], item)
        if collection is not None:
            clusters[best].collections.setdefault(collection, set()).add(item.wording)
        for key in own_keys(clusters[best], check):
            if best not in index[key]:
                index[key].append(best)
    return clusters


def _evidence(
    cluster: EventCluster, item: EventItem, check: Compatibility, collection: Collection | None
) -> float | None:
    """The hand-set evidence, plus ``COLLECTION_EVIDENCE`` where the mention linker put the
    event with a member of the cluster and no actor is on another branch, less
    ``COLLECTION_AGAINST`` where it put the event apart from every member of that collection
    worded like it (None, a hard contradiction, stays None)."""
    evidence = check.evidence(cluster, item)
    if evidence is None or collection is None:
        return evidence
    if collection in cluster.collections:
        together = not check.actors_contradict(cluster, item)
        return evidence + COLLECTION_EVIDENCE if together else evidence
    worded_apart = bool(item.wording) and any(
        c[0] == collection[0] and item.wording in wordings
        for c, wordings in cluster.collections.items()
    )
    return evidence - COLLECTION_AGAINST if worded_apart else evidence


def reality_clash(
    cluster: EventCluster, item: EventItem, against: float | None, evidence: float | None
) -> float | None:
    """``evidence`` for ``item`` joining ``cluster``, less ``against`` where one reports a
    real incident and the other a negated, hypothetical or future one (the cluster as its
    first member reports it); None (a hard contradiction) where ``against`` is None."""
    if evidence is None or cluster.irrealis == item.irrealis:
        return evidence
    return None if against is None else evidence - against


def _learned_choice(
    clusters: list[EventCluster], scores: Mapping[int, float], item: EventItem, pairs: PairScorer
) -> int:
    """Among the clusters with enough evidence, the one whose evidence plus the learned
    evidence is the most, still at least ``MERGE_EVIDENCE`` (ties: the oldest);
    ``len(clusters)`` where the scorer vetoes them all."""
    ranked = sorted((-s, c) for c, s in scores.items() if s >= MERGE_EVIDENCE)
    chosen = sorted(c for _, c in ranked[:LEARNED_CANDIDATES])
    probabilities = pairs.cluster_probability(item, [clusters[c].members for c in chosen])
    best, best_score = len(clusters), 0.0
    for c, p in zip(chosen, probabilities, strict=True):
        score = scores[c] + (LEARNED_WEIGHT * (p - LEARNED_FLOOR) if p is not None else 0.0)
        if score >= MERGE_EVIDENCE and score > best_score:
            best, best_score = c, score
    return best


def _learned_merge(
    clusters: list[EventCluster],
    evidence: Mapping[int, float | None],
    item: EventItem,
    pairs: PairScorer,
    check: Compatibility,
) -> int:
    """Where no cluster has enough hand-set evidence: the cluster worded like ``item``, with
    nothing against it (no actor on another branch: two sides firing in one town read alike),
    that the link-shaped merge model rates at least ``pairs.merge_threshold`` (the highest;
    ties: the oldest); ``len(clusters)`` where none does."""
    if pairs.merge_threshold is None or not item.wording:
        return len(clusters)
    worded = sorted(
        (-e, c) for c, e in evidence.items()
        if e is not None and item.wording in clusters[c].wordings
        and not check.actors_contradict(clusters[c], item)
    )  # fmt: skip
    chosen = sorted(c for _, c in worded[:MERGE_CANDIDATES])
    if not chosen:
        return len(clusters)
    probabilities = pairs.merge_probability(item, [clusters[c].members for c in chosen])
    best, best_p = len(clusters), pairs.merge_threshold
    for c, p in zip(chosen, probabilities, strict=True):
        if p is not None and (p > best_p or (p == best_p and best == len(clusters))):
            best, best_p = c, p
    return best


def _visit_order(item: EventItem) -> tuple:
    """By start date, publication and article; a bare event's retelling right after the event
    it retells (``report_anchor``), so it finds that event's cluster."""
    start = item.visit_start
    article_order = (item.ord, 0) if item.anchor_ord is None else (item.anchor_ord, 1, item.ord)
    return (start or date.min, item.published or date.min, item.article_id,
            article_order)  # fmt: skip


def pruning_start(item: EventItem) -> date | None:
    """The earliest start of an event visited at or after ``item``: its visit start less the
    leeway of a toll's wider window (``TOLL_WINDOW_DAYS``), so no cluster leaves a bucket
    that a later report with a toll can still join."""
    start = item.visit_start
    if start is None:
        return None
    return start - timedelta(days=TOLL_WINDOW_DAYS - PUBLISHED_WINDOW_DAYS)


def ended(cluster: EventCluster, start: date) -> bool:
    return cluster.when is not None and cluster.when[1] < start


def add_member(cluster: EventCluster, item: EventItem) -> None:
    """Add ``item``; the consensus keeps known values and narrows the interval."""
    cluster.members.append(item)
    if item.killed is not None and item.twin is None:
        cluster.killed.append(item.killed)
    elif item.killed is not None:  # its twin's toll and its own are one report's
        cluster.killed = report_tolls(cluster.members)
    if item.day_part is not None:
        cluster.day_parts.add(item.day_part)
    if item.profile_place is not None and item.profile_place not in cluster.profile_places:
        cluster.profile_places.append(item.profile_place)
    if item.trigger:
        cluster.triggers.add(item.trigger)
    if item.wording:
        cluster.wordings.add(item.wording)
    for role in ROLES:
        if role == "source" and item.denied:
            continue  # its doer is disputed: the cluster's doer comes from its reports
        if _takes_over(cluster.side(role), item.side(role)):
            cluster.sides[role] = item.side(role)
    if cluster.place is None or (cluster.place.coarse and item.place and not item.place.coarse):
        cluster.place = item.place or cluster.place
    if item.when is not None:
        if cluster.when is None:
            cluster.when = item.when
        else:
            cluster.when = (max(cluster.when[0], item.when[0]), min(cluster.when[1], item.when[1]))


def _takes_over(consensus: Side, new: Side) -> bool:
    """The new account's actor becomes the cluster's: where it had none known, or only a
    nationality the new actor belongs to ("Palestinian gunmen" → ``hamas``), so that a third
    account naming another group of that country ("Fatah gunmen") is checked against Hamas."""
    if not known_actor(consensus.actor):
        return bool(new.actor)
    return (
        consensus.by_nationality
        and known_actor(new.actor)
        and not new.by_nationality
        and new.country == consensus.country
    )


def _anchor_keys(
    source: str | None, target: str | None, place: PlaceInfo | None, check: Compatibility
) -> list[tuple[str, str]]:
    keys = []
    if source:
        keys.append(("source", check.root(source)))
    if target:
        keys.append(("target", check.root(target)))
    if place is not None:
        keys.append(("place", place.id))
    return keys


def own_keys(cluster: EventCluster, check: Compatibility) -> list[tuple[str, str]]:
    keys = _anchor_keys(cluster.source, cluster.target, cluster.place, check)
    cell = cluster.place.cell if cluster.place else None
    if cell:
        keys.append(("cell", f"{cell[0]},{cell[1]}"))
    if check.lexical:
        keys += [("trigger", t) for t in sorted(cluster.triggers)]
    country = cluster.place.country if cluster.place else None
    for wording in sorted(cluster.wordings):
        if country:  # wording with a place near or inside (same country)
            keys.append(("wording", f"{wording}|{country}"))
        keys += [("toll", f"{wording}|{k}") for k in sorted(set(cluster.killed))]
        keys.append(("worded", wording))  # the learned merge's candidates
    keys += [("collection", repr(c)) for c in sorted(cluster.collections)]
    keys += sorted({("report", "|".join(m.report_key)) for m in cluster.members})
    return [(cluster.family + ":" + kind, value) for kind, value in keys]


def query_keys(
    item: EventItem, check: Compatibility, collection: Collection | None = None
) -> list[tuple[str, str]]:
    keys = _anchor_keys(item.source, item.target, item.place, check)
    cell = item.place.cell if item.place else None
    if cell:  # a point within PLACE_KM may lie in a neighbouring cell
        keys += [
            ("cell", f"{cell[0] + dy},{cell[1] + dx}") for dy in (-1, 0, 1) for dx in (-1, 0, 1)
        ]
    if check.lexical and item.trigger:
        keys.append(("trigger", item.trigger))
    # wording is half the evidence needed: it finds clusters with a place in the same country
    # or the same toll, the other half
    if item.wording and item.place is not None and item.place.country:
        keys.append(("wording", f"{item.wording}|{item.place.country}"))
    if item.wording and item.killed is not None:
        keys.append(("toll", f"{item.wording}|{item.killed}"))
    if item.wording:  # the learned merge (wording and its model's probability) needs no anchor
        keys.append(("worded", item.wording))
    if collection is not None:  # the mention linker's cluster over the event's collection
        keys.append(("collection", repr(collection)))
    keys.append(("report", "|".join(item.report_key)))  # the event of its article it retells
    return [(family_of(item.type) + ":" + kind, value) for kind, value in keys]
