"""Each story's ``claims_disputed`` flag, stored at link time so the story list is one query.

A story is disputed when the actor its reports name as the source denies a claim among its
links (``stories.denies_source``). That depends on the cluster's members and on the
``disputes`` links touching their articles' statements, so a link run sets the flag once both
are written (``event_clusters.claims_disputed``): for every cluster reported by two articles
or more in a full run; in an incremental one for the clusters it wrote and those with a member
article at either end of a link it wrote or dropped (a new denial in another outlet's article
marks a story the run did not re-cluster). A cluster no run has flagged reads NULL, and
``list_stories`` works that one out from its story record.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from ..store.batch import chunks
from .compatibility import Compatibility
from .incremental import LinkUpdate
from .stories import denies_source, link_deniers, member_events, story_statements

_CHUNK = 500

Members = dict[str, set[str]]  # article id → the cluster's event ids in it


def flag_scope(store: Any, update: LinkUpdate) -> set[str] | None:
    """The articles whose stories this run's links can change (None: every article, a full
    run): both ends of the links it writes and of the stored ``disputes`` links it drops.
    Read before the run's write, which deletes the dropped links."""
    if update.drop_links_from is None:
        return None
    articles = set(update.linked_ids)  # their own articles' links (origin 'record') too
    articles |= {row[end] for row in update.links for end in ("article_id", "to_article_id")}
    keys = [f"{a}\x1f{s}" for a, s in update.drop_links_from]
    rows = _query_in_chunks(
        store,
        "SELECT article_id, to_article_id FROM claim_links WHERE origin = 'link' "
        "AND relation = 'disputes' AND article_id || chr(31) || from_id IN ({marks})",
        keys,
    )
    return articles | {a for row in rows for a in row}


def refresh_claims_disputed(
    store: Any,
    written: Iterable[str],
    scope: set[str] | None,
    check: Compatibility,
    read: Mapping[str, Mapping[str, Any]] | None = None,
) -> int:
    """Set ``claims_disputed`` on the multi-article clusters this run can have changed: those
    it wrote (``written``) and those with a member article in ``scope`` (None: every cluster).
    ``read``: the records the run has read already (by article id), not read again. Returns how
    many clusters it flagged."""
    read = read or {}
    cluster_ids = None if scope is None else set(written) | _clusters_of(store, scope)
    members = _multi_article_members(store, cluster_ids)
    # a full run reads every dispute link at once: one scan, not an IN list per chunk
    every_link = _dispute_links(store, None) if scope is None else None
    flags: dict[str, bool] = {}
    for chunk in chunks(sorted(members), _CHUNK):
        batch = {cid: members[cid] for cid in chunk}
        articles = sorted({a for m in batch.values() for a in m})
        records = {a: read[a] for a in articles if a in read}
        missing = [a for a in articles if a not in read]
        records |= {(r.get("article") or {}).get("id"): r for r in store.records_of(missing)}
        links = every_link if every_link is not None else _dispute_links(store, articles)
        for cid, cluster in batch.items():
            flags[cid] = _claims_disputed(cluster, records, links, check)
    store.set_claims_disputed(flags)
    return len(flags)


def _claims_disputed(
    cluster: Members,
    records: Mapping[str, Mapping[str, Any]],
    links: Mapping[str, list[dict[str, Any]]],
    check: Compatibility,
) -> bool:
    """The story record's ``claims_disputed`` (``stories.story_record``) from the stored rows:
    the deniers of the ``disputes`` links touching the story's statements, against the
    sources of its member events."""
    statements: set[tuple[str, str]] = set()
    sources: set[str] = set()
    for article_id, own in cluster.items():
        record = records.get(article_id)
        if not record:
            continue
        events = member_events(record, own)
        sources |= {s for e in events if (s := (e.get("source") or {}).get("actor"))}
        statements |= {(article_id, st.get("id")) for st in story_statements(record, events)}
    touching = [
        link
        for article_id in cluster
        for link in links.get(article_id, ())
        if link["from"] in statements or link["to"] in statements
    ]
    return denies_source(link_deniers(touching), sources, check)


def _clusters_of(store: Any, articles: set[str]) -> set[str]:
    sql = "SELECT DISTINCT cluster_id FROM event_cluster_members WHERE article_id IN ({marks})"
    return {r[0] for r in _query_in_chunks(store, sql, sorted(articles))}


def _multi_article_members(store: Any, cluster_ids: set[str] | None) -> dict[str, Members]:
    """cluster id → its members, for the clusters (None: all) reported by two articles or
    more: the stories ``list_stories`` lists."""
    sql = (
        "SELECT m.cluster_id, m.article_id, m.event_id FROM event_cluster_members m "
        "JOIN event_clusters c ON c.id = m.cluster_id WHERE c.n_articles > 1"
    )
    if cluster_ids is None:
        rows = store.query(sql)
    else:
        rows = _query_in_chunks(store, sql + " AND c.id IN ({marks})", sorted(cluster_ids))
    members: dict[str, Members] = defaultdict(lambda: defaultdict(set))
    for cid, article_id, event_id in rows:
        members[cid][article_id].add(event_id)
    return members


def _dispute_links(store: Any, articles: list[str] | None) -> dict[str, list[dict[str, Any]]]:
    """article id → the ``disputes`` links with an end in it (``articles``; None: every
    article), as the story record reads them (a link read twice, from both its ends' chunks,
    names its denier twice: no matter)."""
    sql = "SELECT article_id, from_id, to_article_id, to_id, evidence FROM claim_links "
    sql += "WHERE relation = 'disputes'"
    if articles is None:
        rows = store.query(sql)
    else:
        # one IN list per end, not an OR of two: DuckDB joins an IN list but scans for an OR
        rows = _query_in_chunks(store, sql + " AND article_id IN ({marks})", articles)
        ends = " AND to_article_id IN ({marks}) AND to_article_id <> article_id"
        seen = set(articles)
        rows += [
            row
            for row in _query_in_chunks(store, sql + ends, articles)
            if row[0] not in seen  # read by the first query already
        ]
    by_article: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for article_id, from_id, to_article_id, to_id, evidence in rows:
        link = {
            "from": (article_id, from_id),
            "to": (to_article_id, to_id),
            "relation": "disputes",
            "evidence": json.loads(evidence) if isinstance(evidence, str) else evidence or [],
        }
        for end in {article_id, to_article_id}:
            by_article[end].append(link)
    return by_article


def _query_in_chunks(store: Any, sql: str, ids: Sequence[str], repeat: int = 1) -> list[Any]:
    """The rows of ``sql`` for ``ids``, a chunk at a time (PostgreSQL takes at most 65,535
    parameters): each ``{marks}`` in ``sql`` is the chunk's placeholders, and the chunk is
    bound once per ``repeat``."""
    rows: list[Any] = []
    for chunk in chunks(list(ids), _CHUNK):
        marks = ", ".join("?" * len(chunk))
        rows += store.query(sql.format(marks=marks), chunk * repeat)
    return rows
