"""``link_store``: link a store's new articles without recomputing the store.

A full run (``full=True``, or a store no run has recorded as linked) clusters and links every
stored article. An incremental run takes the articles stored or rewritten since
(``linked_articles`` has no row for them) and recomputes only their blocks:

- **events**: for each type family of the new events, the clusters of that family whose span
  (earliest member start to latest member end, ``event_cluster_blocks``) meets the new events'
  dates widened once by the reach of a link (the widest interval of a new event or of a
  stored cluster's span of the family: every member of a cluster overlaps every other, so
  no event farther than that from the new ones shares a cluster with an event they can join),
  plus the family's undated clusters and the clusters that held a rewritten article. Those
  clusters' members and the new events are clustered again (the learned pair evidence reads
  their articles' stored ``event_sentences``), in the same visit order as a full run, and
  replace the loaded clusters; the others stay as they are (cluster ids are the hash of the
  starting member: stable). The window is not closed under overlap: in a continuous
  stream clusters a few days wide chain back to the first day, and closing would load the
  store. So a full run can differ where a new event re-cuts a chain of clusters longer than
  the window (a member moving from cluster to cluster down the chain); ``link --full``
  recomputes the canonical clustering. A new undated event meets every date: its family's
  clusters are all loaded.
- **claims**: a new denial's block is its speaker's root actor (by affiliation), a new
  accusation's the roots of those it accuses; a new statement's repeat group is its speaker and
  act. The articles within ``CLAIM_CONTEXT_DAYS`` of the new ones that name an actor of those
  blocks (speaker, addressee, event source or target) or have a statement by one of those
  speakers are read. The links *from* the blocks' denials and the groups' statements published
  from ``CLAIM_SCOPE_BEFORE`` days before to ``CLAIM_SCOPE_AFTER`` days after the new articles
  (every denial whose window, or whose accusation's first denial, a new statement can change)
  are recomputed and replace the old ones. (A chain of word repeats longer than that window is
  the one thing a full run could link differently.)

Cost grows with the new articles and what lies in their blocks and dates, not with the store.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from .claim_window import DISPUTE_AFTER_DAYS
from .claims import (
    ACCUSING_ACTS,
    ClaimItem,
    claim_items_with_speakers,
    find_claim_links,
    may_accuse,
)
from .compatibility import known_actor
from .event_items import with_knowledge_base_chains
from .event_pairs import PairEvidence, Sentence, evidence_spans, sentence_rows
from .events import Compatibility, EventItem, cluster_events, family_of
from .incident_profiles import linked_items
from .options import DEFAULT_OPTIONS, LinkOptions
from .regrouping import regroup

# Statements read around the new articles for claim links (days before and after).
CLAIM_CONTEXT_DAYS = 3 * DISPUTE_AFTER_DAYS + 3
# Links recomputed from statements published this many days before / after the new articles.
CLAIM_SCOPE_BEFORE = DISPUTE_AFTER_DAYS + 2
CLAIM_SCOPE_AFTER = 2 * DISPUTE_AFTER_DAYS + 1

Window = tuple[date, date] | None  # None: every date (an undated event meets all)


@dataclass(slots=True)
class LinkUpdate:
    """What one link run writes, and what it read to find it."""

    clusters: list[dict[str, Any]] = field(default_factory=list)
    links: list[dict[str, Any]] = field(default_factory=list)
    linked_ids: list[str] = field(default_factory=list)
    drop_clusters: list[str] | None = None  # None: replace every cluster
    drop_links_from: list[tuple[str, str]] | None = None  # None: replace every link
    read_articles: int = 0
    loaded_clusters: int = 0  # stored clusters read and clustered again (incremental)
    records: dict[str, dict[str, Any]] = field(default_factory=dict)  # read, by article id


def store_affiliations(store: Any) -> dict[str, str]:
    """actor id → parent actor id, from the store's actor catalogue, each chain completed from
    the actor knowledge base (``with_knowledge_base_chains``)."""
    rows = store.query("SELECT id, affiliation FROM actors WHERE affiliation IS NOT NULL")
    return with_knowledge_base_chains({a: p for a, p in rows if p and p != a})


def incremental_update(
    store: Any,
    parents: Mapping[str, str],
    options: LinkOptions = DEFAULT_OPTIONS,
) -> LinkUpdate:
    new_ids = store.unlinked_article_ids()
    update = LinkUpdate(linked_ids=new_ids, drop_clusters=[], drop_links_from=[])
    if not new_ids:
        return update
    cache = _RecordCache(store)
    new_records = cache.get(new_ids)
    check = Compatibility(parents)
    _update_clusters(store, update, new_records, set(new_ids), cache, check, options)
    _update_claim_links(store, update, new_records, set(new_ids), cache, check)
    update.read_articles = len(cache.records)
    update.records = cache.records
    return update


class _RecordCache:
    """Records read from the store, each once per run."""

    def __init__(self, store: Any) -> None:
        self.store = store
        self.records: dict[str, dict[str, Any]] = {}

    def get(self, ids: Iterable[str]) -> list[dict[str, Any]]:
        ids = list(dict.fromkeys(ids))
        missing = [i for i in ids if i not in self.records]
        for record in self.store.records_of(missing):
            self.records[(record.get("article") or {}).get("id")] = record
        return [self.records[i] for i in ids if i in self.records and _linkable(self.records[i])]


def _linkable(record: Mapping[str, Any]) -> bool:
    return "error" not in record and bool(record.get("article"))


# ---------------------------------------------------------------- events


def _update_clusters(
    store: Any,
    update: LinkUpdate,
    new_records: list[dict[str, Any]],
    new_ids: set[str],
    cache: _RecordCache,
    check: Compatibility,
    options: LinkOptions = DEFAULT_OPTIONS,
) -> None:
    told = store_sentences(store, new_records)  # the records of one sentence (``moment_twins``)
    new_items = [e for r in new_records for e in _items(r, options, check, told)]
    windows: dict[str, Window] = {}
    loaded: dict[str, str] = {}  # cluster id → family
    for item in new_items:
        _widen(windows, family_of(item.type), item.when)
    widths: dict[str, int] = {}  # family → the widest new event's interval, in days
    for item in new_items:
        family = family_of(item.type)
        width = (item.when[1] - item.when[0]).days if item.when else 0
        widths[family] = max(widths.get(family, 0), width)
    for cluster_id, family, start, end in store.cluster_blocks_of_articles(sorted(new_ids)):
        loaded[cluster_id] = family  # a rewritten article's old clusters are redone
        _widen(windows, family, (start, end) if start and end else None)
        widths[family] = max(widths.get(family, 0), (end - start).days if start and end else 0)
    for family in sorted(windows):
        reach = max(widths.get(family, 0), store.widest_cluster_span(family))
        _load_window(store, family, _widened(windows[family], reach), loaded)
    members = store.cluster_members(loaded)
    old_keys = {(a, e) for _, a, e in members if a not in new_ids}
    old_records = cache.get(sorted({a for a, _ in old_keys}))
    told.update(store_sentences(store, old_records))
    old_items = [
        e for r in old_records for e in _items(r, options, check, told) if e.key in old_keys
    ]
    records = new_records + old_records
    pairs = (
        PairEvidence.for_records(
            records,
            check.parents,
            told,
            collections=options.collections,
        )
        if options.learned
        else None
    )
    clusters = cluster_events(old_items + new_items, check.parents, pairs=pairs,
                              irrealis_against=options.irrealis_against)  # fmt: skip
    if options.regroup:
        clusters = regroup(clusters, check)
    update.clusters = [c.to_row() for c in clusters]
    update.drop_clusters = sorted(loaded)
    update.loaded_clusters = len(loaded)


def _items(
    record: dict[str, Any], options: LinkOptions, check: Compatibility, told: Mapping[str, Any]
) -> list[EventItem]:
    """``linked_items`` of one record, with its stored event sentences."""
    return linked_items(record, options, check, told.get((record.get("article") or {}).get("id")))


def store_sentences(store: Any, records: list[dict[str, Any]]) -> dict[str, list[Sentence]]:
    """The event sentences of the records' articles, from the store. An article stored before
    the store kept them has its text read once: its sentences are written back (a backfill),
    so later runs read rows, not text."""
    ids = [(r.get("article") or {}).get("id") for r in records]
    found = store.event_sentences_of(ids)
    missing = {
        (r.get("article") or {}).get("id"): r
        for r in records
        if any(evidence_spans(e) for e in r.get("events") or [])
        and (r.get("article") or {}).get("id") not in found
    }
    backfill: list[dict[str, Any]] = []
    for article_id, text in store.article_texts(sorted(missing)).items():
        rows = sentence_rows(missing[article_id], article_id, text)
        found[article_id] = [(row["start"], row["text"]) for row in rows]
        backfill += rows
    store.add_event_sentences(backfill)
    return found


def _widen(windows: dict[str, Window], family: str, when: Window) -> None:
    if family in windows and windows[family] is None:
        return
    if when is None:
        windows[family] = None
        return
    old = windows.get(family)
    windows[family] = when if old is None else (min(old[0], when[0]), max(old[1], when[1]))


def _widened(window: Window, days: int) -> Window:
    if window is None:
        return None
    return (window[0] - timedelta(days=days), window[1] + timedelta(days=days))


def _load_window(store: Any, family: str, window: Window, loaded: dict[str, str]) -> None:
    """Load the family's clusters whose span meets ``window`` (undated ones included: they
    meet every date). Once, not closed under overlap: see the module docstring."""
    start, end = window if window else (None, None)
    for cluster_id, _, _ in store.cluster_blocks(family, start, end):
        loaded.setdefault(cluster_id, family)


# ---------------------------------------------------------------- claims


def _update_claim_links(
    store: Any,
    update: LinkUpdate,
    new_records: list[dict[str, Any]],
    new_ids: set[str],
    cache: _RecordCache,
    check: Compatibility,
) -> None:
    organisations = store.speaking_for_of(sorted(new_ids))
    new_claims = [
        c
        for r in new_records
        for c in claim_items_with_speakers(r, organisations)
        if known_actor(c.speaker) or may_accuse(c)  # an unresolved accuser of a strike
    ]
    if not new_claims:
        return
    # dispute blocks: the deniers' roots and the roots of those the accusations accuse
    roots = {check.root(c.speaker) for c in new_claims if c.act == "denial"}  # type: ignore[arg-type]
    roots |= {check.root(p) for c in new_claims if c.act in ACCUSING_ACTS for p in c.parties}
    # ... and of those its speaker's side says it struck (``claims._implicated``)
    roots |= {check.root(t) for c in new_claims if c.act in ACCUSING_ACTS for _, t in c.struck}
    # a third party's rejection of an account: blocked by the accuser's root
    roots |= {check.root(p) for c in new_claims if c.act == "denial" for p in c.parties}
    roots |= {check.root(c.speaker) for c in new_claims  # type: ignore[arg-type]
              if c.act in ACCUSING_ACTS and (c.parties or c.struck)}  # fmt: skip
    # repeat groups: the same speaker and act
    groups = {(c.speaker, c.act) for c in new_claims}
    dates = [_published_of(r) for r in new_records]
    first = min(dates) if all(dates) else None  # type: ignore[type-var]
    last = max(dates) if all(dates) else None  # type: ignore[type-var]
    block_actors = [a for (a,) in store.query("SELECT id FROM actors") if check.root(a) in roots]
    context = store.articles_naming(
        sorted(set(block_actors) | roots),
        sorted({speaker for speaker, _ in groups}),  # type: ignore[type-var]
        first - timedelta(days=CLAIM_CONTEXT_DAYS) if first else None,
        last + timedelta(days=CLAIM_CONTEXT_DAYS) if last else None,
    )
    records = cache.get(sorted(set(context) | new_ids))
    organisations |= store.speaking_for_of(sorted(set(context) - new_ids))
    items = [c for r in records for c in claim_items_with_speakers(r, organisations)]

    def in_scope(item: ClaimItem) -> bool:
        """Links from this statement may change, and all they depend on was read."""
        if not known_actor(item.speaker):
            return False
        answered = {check.root(p) for p in item.parties}
        in_block = item.act == "denial" and bool(
            ({check.root(item.speaker)} | answered) & roots  # type: ignore[arg-type]
        )
        if not in_block and (item.speaker, item.act) not in groups:
            return False
        if item.article_id in new_ids or first is None or item.published is None:
            return True
        return (
            first - timedelta(days=CLAIM_SCOPE_BEFORE)
            <= item.published
            <= last + timedelta(days=CLAIM_SCOPE_AFTER)  # type: ignore[operator]
        )

    scope = {(i.article_id, i.statement_id) for i in items if in_scope(i)}
    links = find_claim_links(items, check.parents)
    update.links = [x.to_row() for x in links if (x.article_id, x.from_id) in scope]
    update.drop_links_from = sorted(scope)


def _published_of(record: Mapping[str, Any]) -> date | None:
    value = (record.get("article") or {}).get("published")
    try:
        return date.fromisoformat(str(value)[:10]) if value else None
    except ValueError:
        return None


def store_totals(store: Any) -> dict[str, Any]:
    """The link tables' totals after a run (what the summary reports)."""
    ((articles,),) = store.query("SELECT count(*) FROM linked_articles")
    ((events,),) = store.query("SELECT count(*) FROM event_cluster_members")
    ((clusters,),) = store.query("SELECT count(*) FROM event_clusters")
    multi = store.query("SELECT outlets FROM event_clusters WHERE n_articles > 1")
    links = store.query(
        "SELECT relation, count(*) FROM claim_links WHERE origin = 'link' GROUP BY relation"
    )
    return {
        "articles": int(articles),
        "events": int(events),
        "clusters": int(clusters),
        "multi_article_clusters": len(multi),
        "multi_outlet_clusters": sum(len(_json_list(o)) > 1 for (o,) in multi),
        "claim_links": {rel: int(n) for rel, n in links},
    }


def _json_list(value: Any) -> list[Any]:
    return json.loads(value) if isinstance(value, str) else list(value or [])


__all__ = [
    "EventItem", "LinkUpdate", "incremental_update", "store_affiliations", "store_sentences",
    "store_totals",
]  # fmt: skip
