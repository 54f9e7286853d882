"""The link stage: cross-article work over the stored records.

``link_store(store)`` clusters the events of every stored article into real-world events
(``event_clusters``, ``event_cluster_members``) and finds claim links between articles
(``claim_links`` rows with origin ``link``: ``disputes``, ``repeats``). A re-run replaces what
the previous run found. ``framing_profiles`` compares outlets' loaded language. See
``docs/link.md``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from ..store import actor_rows
from .claims import (
    ClaimItem,
    ClaimLink,
    claim_items,
    claim_items_with_speakers,
    find_claim_links,
)
from .compatibility import Compatibility
from .event_pairs import PairEvidence, Sentence
from .events import EventCluster, EventItem, affiliations, cluster_events, event_items
from .incident_profiles import linked_items
from .incremental import (
    LinkUpdate,
    incremental_update,
    store_affiliations,
    store_sentences,
    store_totals,
)
from .options import DEFAULT_OPTIONS, LinkOptions
from .profiles import framing_profiles, framing_profiles_from_records, store_framing_profiles
from .regrouping import regroup

__all__ = [
    "ClaimItem", "ClaimLink", "EventCluster", "EventItem", "LinkOptions", "LinkResult",
    "LinkSummary", "claim_items", "cluster_events", "event_items", "find_claim_links",
    "framing_profiles", "framing_profiles_from_records", "link_records", "link_store",
    "store_framing_profiles",
]  # fmt: skip


@dataclass(slots=True)
class LinkSummary:
    articles: int = 0
    events: int = 0  # events clustered (negated, hypothetical, future: by ``irrealis``)
    clusters: int = 0
    multi_article_clusters: int = 0  # reported by two articles or more
    multi_outlet_clusters: int = 0  # corroborated by two outlets or more
    claim_links: dict[str, int] = field(default_factory=dict)  # relation → count
    run_id: str | None = None
    mode: str = "records"  # full | incremental (link_store), records (link_records)
    new_articles: int = 0  # articles this run took (link_store)
    read_articles: int = 0  # articles whose records it read
    loaded_clusters: int = 0  # stored clusters it read and clustered again (incremental)
    touched_clusters: int = 0  # clusters it wrote

    def to_dict(self) -> dict[str, Any]:
        return {k: getattr(self, k) for k in self.__slots__}

    def lines(self) -> list[str]:
        links = ", ".join(f"{n} {rel}" for rel, n in sorted(self.claim_links.items())) or "none"
        return [
            f"articles: {self.articles}",
            f"events clustered: {self.events}",
            f"event clusters: {self.clusters} ({self.multi_article_clusters} reported by 2+ "
            f"articles, {self.multi_outlet_clusters} by 2+ outlets)",
            f"claim links: {links}",
            f"this run ({self.mode}): {self.new_articles} new articles, "
            f"{self.read_articles} read, {self.loaded_clusters} clusters reloaded, "
            f"{self.touched_clusters} clusters written",
        ]


@dataclass(slots=True)
class LinkResult:
    clusters: list[EventCluster]
    links: list[ClaimLink]
    summary: LinkSummary


def link_records(
    records: Iterable[Mapping[str, Any]],
    parents: Mapping[str, str] | None = None,
    sentences: Mapping[str, Sequence[Sentence]] | None = None,
    *,
    options: LinkOptions = DEFAULT_OPTIONS,
    speaker_organisations: Mapping[str, Mapping[str, str]] | None = None,
) -> LinkResult:
    """Cluster events and find claim links over contract records (error records are skipped).
    ``parents`` (actor → parent actor) defaults to the records' own actor affiliations.
    ``sentences`` (article id → its event sentences, from the store) stand in for the article
    text the learned pair evidence reads; ``options``: what is clustered and with which
    evidence (``LinkOptions``); ``speaker_organisations`` (article id → unresolved speaker →
    the organisation it speaks for, from the store) stands in for the text and actor mentions
    ``speakers.speaking_for`` reads."""
    records = [r for r in records if "error" not in r and r.get("article")]
    parents = affiliations(records) if parents is None else parents
    check = Compatibility(parents)  # one for the incident profiles and the second pass
    told = sentences or {}
    events: list[EventItem] = [
        e for r in records for e in linked_items(r, options, check, told.get(_article_id(r)))
    ]
    claims: list[ClaimItem] = [
        c for r in records for c in claim_items_with_speakers(r, speaker_organisations)
    ]
    pairs = (
        PairEvidence.for_records(records, parents, sentences, collections=options.collections)
        if options.learned
        else None
    )
    clusters = cluster_events(events, parents, pairs=pairs,
                              irrealis_against=options.irrealis_against)  # fmt: skip
    if options.regroup:
        clusters = regroup(clusters, check)
    links = find_claim_links(claims, parents)
    summary = LinkSummary(
        articles=len(records),
        events=len(events),
        clusters=len(clusters),
        multi_article_clusters=sum(len({m.article_id for m in c.members}) > 1 for c in clusters),
        multi_outlet_clusters=sum(len(c.outlets) > 1 for c in clusters),
        claim_links=dict(Counter(link.relation for link in links)),
    )
    return LinkResult(clusters, links, summary)


def link_store(
    store: Any,
    full: bool = False,
    *,
    options: LinkOptions = DEFAULT_OPTIONS,
) -> LinkSummary:
    """Link the articles stored since the last run into the store's clusters and claim links
    (``full``, or a store never linked: recompute everything). See ``incremental.py``.
    ``options`` as ``link_records`` takes them."""
    # story_flags reads the store's batch helpers, and newsgraph.store.batch imports this package
    from .story_flags import flag_scope, refresh_claims_disputed

    mode = "full" if full or not store.has_link_state() else "incremental"
    run_id = store.begin_run({"stage": "link", "mode": mode})
    try:
        parents = store_affiliations(store)
        update = (_full_update if mode == "full" else incremental_update)(store, parents, options)
        flag_articles = flag_scope(store, update)
        store.write_link_results(
            update.clusters,
            update.links,
            update.linked_ids,
            run_id,
            drop_clusters=update.drop_clusters,
            drop_links_from=update.drop_links_from,
        )
        written = [cluster["id"] for cluster in update.clusters]
        refresh_claims_disputed(
            store, written, flag_articles, Compatibility(parents), update.records
        )
        actor_rows.refresh(store, None if mode == "full" else update.linked_ids)
    except BaseException:
        store.finish_run(run_id, {}, status="failed")
        raise
    summary = LinkSummary(**store_totals(store), run_id=run_id, mode=mode)
    summary.new_articles = len(update.linked_ids)
    summary.read_articles = update.read_articles
    summary.loaded_clusters = update.loaded_clusters
    summary.touched_clusters = len(update.clusters)
    counts = {k: v for k, v in summary.to_dict().items() if isinstance(v, int)}
    store.finish_run(run_id, counts | {"claim_links": sum(summary.claim_links.values())})
    return summary


def _full_update(
    store: Any,
    parents: Mapping[str, str],
    options: LinkOptions = DEFAULT_OPTIONS,
) -> LinkUpdate:
    """Every stored article, linked from scratch."""
    ids = store.article_ids()
    records = list(store.records_of(ids))
    sentences = store_sentences(store, records)  # the learned evidence's, and ``moment_twins``
    result = link_records(records, parents, sentences, options=options,
                          speaker_organisations=store.speaking_for_of(ids))  # fmt: skip
    return LinkUpdate(
        clusters=[c.to_row() for c in result.clusters],
        links=[link.to_row() for link in result.links],
        linked_ids=ids,
        read_articles=len(ids),
        records={(r.get("article") or {}).get("id"): r for r in records},
    )


def _article_id(record: Mapping[str, Any]) -> str:
    return (record.get("article") or {}).get("id") or ""
