"""The link stage: cross-article work over the stored records.

``link_store(store)`` clusters the events of every stored article into real-world events
(``event_clusters``, ``event_cluster_members``) and finds claim links between articles
(``claim_links`` rows with origin ``link``: ``disputes``, ``repeats``). A re-run replaces what
the previous run found. ``framing_profiles`` compares outlets' loaded language. See
``docs/link.md``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from .claims import ClaimItem, ClaimLink, claim_items, find_claim_links
from .events import EventCluster, EventItem, affiliations, cluster_events, event_items
from .profiles import framing_profiles, framing_profiles_from_records, store_framing_profiles

__all__ = [
    "ClaimItem", "ClaimLink", "EventCluster", "EventItem", "LinkResult", "LinkSummary",
    "claim_items", "cluster_events", "event_items", "find_claim_links", "framing_profiles",
    "framing_profiles_from_records", "link_records", "link_store", "store_framing_profiles",
]  # fmt: skip


@dataclass(slots=True)
class LinkSummary:
    articles: int = 0
    events: int = 0  # events clustered (negated and hypothetical ones are left out)
    clusters: int = 0
    multi_article_clusters: int = 0  # reported by two articles or more
    multi_outlet_clusters: int = 0  # corroborated by two outlets or more
    claim_links: dict[str, int] = field(default_factory=dict)  # relation → count
    run_id: str | None = None

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
        ]


@dataclass(slots=True)
class LinkResult:
    clusters: list[EventCluster]
    links: list[ClaimLink]
    summary: LinkSummary


def link_records(records: Iterable[Mapping[str, Any]]) -> LinkResult:
    """Cluster events and find claim links over contract records (error records are skipped)."""
    records = [r for r in records if "error" not in r and r.get("article")]
    parents = affiliations(records)
    events: list[EventItem] = [e for r in records for e in event_items(r)]
    claims: list[ClaimItem] = [c for r in records for c in claim_items(r)]
    clusters = cluster_events(events, parents)
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


def link_store(store: Any) -> LinkSummary:
    """Link everything in ``store`` and write the results, replacing the previous link run's."""
    run_id = store.begin_run({"stage": "link"})
    try:
        result = link_records(store.iter_records())
        store.replace_event_clusters([c.to_row() for c in result.clusters], run_id)
        _replace_claim_links(store, [link.to_row() for link in result.links], run_id)
    except BaseException:
        store.finish_run(run_id, {}, status="failed")
        raise
    result.summary.run_id = run_id
    counts = {k: v for k, v in result.summary.to_dict().items() if isinstance(v, int)}
    store.finish_run(run_id, counts | {"claim_links": sum(result.summary.claim_links.values())})
    return result.summary


def _replace_claim_links(store: Any, rows: list[dict[str, Any]], run_id: str) -> None:
    """Drop the link stage's earlier claim links, then add these (records' own links stay)."""
    replace = getattr(store, "replace_claim_links", None)
    if replace is not None:
        replace(rows, run_id)
        return
    # Until the Store has replace_claim_links (one transaction for both): its own primitives.
    with store._lock, store._transaction():
        store._execute("DELETE FROM claim_links WHERE origin = ?", ["link"])
    store.add_claim_links(rows, run_id)
