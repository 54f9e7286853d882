"""The link stage's tables: event clusters with their blocks, claim links, linked articles.

A full link run replaces them all; an incremental one replaces only the clusters and claim
links it recomputed, and marks the articles it took as linked, in one transaction.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from datetime import date
from typing import Any

from ..model import UNRESOLVED_PREFIX
from .batch import chunks, link_rows, to_json
from .versions import utcnow

_ID_CHUNK = 500
# Articles rebuilt per batch of queries.
_RECORD_CHUNK = 500
# The per-article tables linking reads.
LINK_RECORD_TABLES = frozenset({"events", "statements", "article_places", "times"})
# What whom an unresolved speaker speaks for is read from (with the article text).
_SPEAKER_TABLES = frozenset({"article_actors", "mentions", "statements"})


class LinkTables:
    """Mixed into ``Store``: reads and writes of the link stage (see ``newsgraph.link``)."""

    _lock: Any

    def _execute(self, sql: str, params: Sequence[Any] = ()) -> None: ...
    def _fetchall(self, sql: str, params: Sequence[Any] = ()) -> list[tuple]: ...
    def _transaction(self) -> Any: ...
    def _records_for(
        self, ids: list[str], tables: frozenset[str] | None = None, with_text: bool = True
    ) -> Iterator[dict[str, Any]]: ...
    def _insert(
        self, table_name: str, rows: list[dict[str, Any]], on_conflict: str = ""
    ) -> None: ...

    def has_link_state(self) -> bool:
        """Whether a link run recorded what it linked (else the next run must be a full one)."""
        with self._lock:
            return bool(self._fetchall("SELECT 1 FROM linked_articles LIMIT 1"))

    def unlinked_article_ids(self) -> list[str]:
        """Articles stored (or rewritten) since the last link run, in id order."""
        with self._lock:
            rows = self._fetchall(
                "SELECT a.id FROM articles a WHERE NOT EXISTS "
                "(SELECT 1 FROM linked_articles l WHERE l.article_id = a.id) ORDER BY a.id"
            )
        return [r[0] for r in rows]

    def records_of(self, article_ids: Sequence[str]) -> Iterator[dict[str, Any]]:
        """What the link stage reads of these articles' records: the article without its text,
        its events, statements, places and times (actors, mentions and framing come back
        empty: affiliations come from the actor catalogue). Unknown ids are skipped."""
        for chunk in chunks(list(article_ids), _RECORD_CHUNK):
            yield from self._records_for(chunk, LINK_RECORD_TABLES, with_text=False)

    def speaking_for_of(self, article_ids: Sequence[str]) -> dict[str, dict[str, str]]:
        """article id → unresolved speaker → the organisation it speaks for ("RSF spokesman
        Al-Fatih Qurashi", ``link/speakers.py``), read from the text and actor mentions of only
        the articles with a denial or an accusing statement (the acts claim links join) by an
        unresolved speaker."""
        from ..link.claims import ACCUSING_ACTS
        from ..link.speakers import speaking_for

        acts = sorted(ACCUSING_ACTS | {"denial"})
        found: dict[str, dict[str, str]] = {}
        for chunk in chunks(list(article_ids), _ID_CHUNK):
            marks = ", ".join("?" * len(chunk))
            with self._lock:
                rows = self._fetchall(
                    f"SELECT DISTINCT article_id FROM statements WHERE article_id IN ({marks}) "
                    # the pattern is a parameter: psycopg reads a literal '%' as a placeholder
                    "AND (speaker_actor LIKE ? OR speaker_actor IS NULL) "
                    f"AND act IN ({', '.join('?' * len(acts))})",
                    [*chunk, f"{UNRESOLVED_PREFIX}%", *acts],
                )
            ids = [r[0] for r in rows]
            for part in chunks(ids, _RECORD_CHUNK):
                for record in self._records_for(part, _SPEAKER_TABLES):
                    organisations = speaking_for(record)
                    if organisations:
                        found[record["article"]["id"]] = organisations
        return found

    def event_sentences_of(self, article_ids: Sequence[str]) -> dict[str, list[tuple[int, str]]]:
        """article id → (offset, text) of the sentences holding its event evidence; articles
        stored before the ``event_sentences`` table existed (no row) are left out."""
        found: dict[str, list[tuple[int, str]]] = {}
        for chunk in chunks(list(article_ids), _ID_CHUNK):
            marks = ", ".join("?" * len(chunk))
            sql = (
                f'SELECT article_id, "start", "text" FROM event_sentences WHERE article_id IN '
                f"({marks}) ORDER BY article_id, ord"
            )
            with self._lock:
                for article_id, start, text in self._fetchall(sql, chunk):
                    found.setdefault(article_id, []).append((start, text))
        return found

    def add_event_sentences(self, rows: Sequence[Mapping[str, Any]]) -> None:
        """Store the event sentences the link stage read from the text of articles stored
        before the ``event_sentences`` table existed (its one-time backfill: the next run
        reads these rows instead of the text). Their articles' old rows are replaced."""
        if not rows:
            return
        ids = sorted({row["article_id"] for row in rows})
        with self._lock, self._transaction():
            self._delete_in("event_sentences", "article_id", ids)
            self._insert("event_sentences", list(rows))

    def article_texts(self, article_ids: Sequence[str]) -> dict[str, str]:
        """article id → its text."""
        found: dict[str, str] = {}
        for chunk in chunks(list(article_ids), _ID_CHUNK):
            marks = ", ".join("?" * len(chunk))
            sql = f'SELECT id, "text" FROM articles WHERE id IN ({marks})'
            with self._lock:
                rows = self._fetchall(sql, chunk)
            found.update({article_id: text for article_id, text in rows})
        return found

    def articles_naming(
        self,
        actors: Sequence[str],
        speakers: Sequence[str],
        start: date | None,
        end: date | None,
    ) -> list[str]:
        """Articles published in ``[start, end]`` (None: any date) with a statement spoken by
        or addressed to one of ``actors``, or an event whose source or target is one, or a
        statement spoken by one of ``speakers``."""
        found: set[str] = set()
        date_clause, date_params = "", []
        if start is not None and end is not None:
            date_clause, date_params = " WHERE a.published BETWEEN ? AND ?", [start, end]
        queries = [
            ("SELECT article_id FROM statements WHERE speaker_actor IN ({m}) OR addressee IN ({m}) "
             "UNION SELECT article_id FROM events WHERE source_actor IN ({m}) "
             "OR target_actor IN ({m})", actors, 4),
            ("SELECT article_id FROM statements WHERE speaker_actor IN ({m})", speakers, 1),
        ]  # fmt: skip
        for inner, values, times in queries:
            for chunk in chunks(list(values), _ID_CHUNK):
                union = inner.format(m=", ".join("?" * len(chunk)))
                sql = (
                    f"SELECT DISTINCT x.article_id FROM ({union}) x "
                    "JOIN articles a ON a.id = x.article_id" + date_clause
                )
                with self._lock:
                    found.update(r[0] for r in self._fetchall(sql, chunk * times + date_params))
        return sorted(found)

    def cluster_blocks(
        self, family: str, start: date | None, end: date | None
    ) -> list[tuple[str, date | None, date | None]]:
        """(cluster id, span start, span end) of the clusters of ``family`` whose span meets
        ``[start, end]`` (None: every cluster of the family), undated ones included."""
        sql = "SELECT cluster_id, span_start, span_end FROM event_cluster_blocks WHERE family = ?"
        params: list[Any] = [family]
        if start is not None and end is not None:
            sql += " AND (span_start IS NULL OR (span_start <= ? AND span_end >= ?))"
            params += [end, start]
        with self._lock:
            return [tuple(r) for r in self._fetchall(sql, params)]  # type: ignore[misc]

    def widest_cluster_span(self, family: str) -> int:
        """Days from start to end of the widest dated cluster span of ``family`` (0: none)."""
        with self._lock:
            rows = self._fetchall(
                "SELECT max(span_end - span_start) FROM event_cluster_blocks "
                "WHERE family = ? AND span_start IS NOT NULL",
                [family],
            )
        value = rows[0][0] if rows else None
        return int(getattr(value, "days", value) or 0)

    def cluster_blocks_of_articles(
        self, article_ids: Sequence[str]
    ) -> list[tuple[str, str, date | None, date | None]]:
        """(cluster id, family, span start, span end) of the clusters holding these articles."""
        out: list[tuple[str, str, date | None, date | None]] = []
        for chunk in chunks(list(article_ids), _ID_CHUNK):
            marks = ", ".join("?" * len(chunk))
            with self._lock:
                out += self._fetchall(
                    "SELECT DISTINCT b.cluster_id, b.family, b.span_start, b.span_end "
                    "FROM event_cluster_members m JOIN event_cluster_blocks b "
                    f"ON b.cluster_id = m.cluster_id WHERE m.article_id IN ({marks})",
                    chunk,
                )
        return out

    def cluster_members(self, cluster_ids: Iterable[str]) -> list[tuple[str, str, str]]:
        """(cluster id, article id, event id) of these clusters' members."""
        out: list[tuple[str, str, str]] = []
        for chunk in chunks(sorted(set(cluster_ids)), _ID_CHUNK):
            marks = ", ".join("?" * len(chunk))
            with self._lock:
                out += self._fetchall(
                    "SELECT cluster_id, article_id, event_id FROM event_cluster_members "
                    f"WHERE cluster_id IN ({marks})",
                    chunk,
                )
        return out

    def write_link_results(
        self,
        clusters: Iterable[Mapping[str, Any]],
        links: Iterable[Mapping[str, Any]],
        linked_ids: Sequence[str],
        run_id: str | None,
        drop_clusters: Iterable[str] | None = None,
        drop_links_from: Iterable[tuple[str, str]] | None = None,
    ) -> None:
        """Write a link run's results in one transaction. ``drop_clusters`` None: every
        cluster is replaced (else only these ids); ``drop_links_from`` None: every claim link of
        the link stage is replaced (else only those from these (article id, statement id));
        ``linked_ids`` are marked linked. The records' own links (origin 'record') stay."""
        cluster_rows, member_rows, block_rows = cluster_table_rows(clusters, run_id)
        link_table_rows = link_rows(links, run_id)
        now = utcnow()
        linked = [{"article_id": a, "run_id": run_id, "linked_at": now} for a in linked_ids]
        with self._lock, self._transaction():
            if drop_clusters is None:
                for table in ("event_cluster_members", "event_cluster_blocks"):
                    self._execute(f"DELETE FROM {table}")
                self._execute("DELETE FROM event_clusters")
            else:
                self._delete_in("event_cluster_members", "cluster_id", list(drop_clusters))
                self._delete_in("event_cluster_blocks", "cluster_id", list(drop_clusters))
                self._delete_in("event_clusters", "id", list(drop_clusters))
            if drop_links_from is None:
                self._execute("DELETE FROM claim_links WHERE origin = ?", ["link"])
            else:
                keys = [f"{a}\x1f{s}" for a, s in drop_links_from]
                self._delete_in(
                    "claim_links", "article_id || chr(31) || from_id", keys, "origin = 'link'"
                )
            if drop_clusters is None and drop_links_from is None:  # a full run
                self._execute("DELETE FROM linked_articles")
            else:
                self._delete_in("linked_articles", "article_id", list(linked_ids))
            self._insert("event_clusters", cluster_rows)
            self._insert("event_cluster_members", member_rows)
            self._insert("event_cluster_blocks", block_rows)
            self._insert("claim_links", link_table_rows)
            self._insert("linked_articles", linked)

    def set_claims_disputed(self, flags: Mapping[str, bool]) -> None:
        """Write the clusters' ``claims_disputed`` flags (cluster id → flag) in one
        transaction: an ``IN`` list per value, not a statement per cluster."""
        with self._lock, self._transaction():
            for value in (True, False):
                ids = [cid for cid, flag in flags.items() if flag is value]
                for chunk in chunks(ids, _ID_CHUNK):
                    marks = ", ".join("?" * len(chunk))
                    self._execute(
                        f"UPDATE event_clusters SET claims_disputed = ? WHERE id IN ({marks})",
                        [value, *chunk],
                    )

    def _delete_in(self, table: str, column: str, values: list[Any], extra: str = "") -> None:
        for chunk in chunks(values, _ID_CHUNK):
            marks = ", ".join("?" * len(chunk))
            where = f"{column} IN ({marks})" + (f" AND {extra}" if extra else "")
            self._execute(f"DELETE FROM {table} WHERE {where}", chunk)


def cluster_table_rows(
    clusters: Iterable[Mapping[str, Any]], run_id: str | None
) -> tuple[list[dict[str, Any]], list[dict[str, Any]], list[dict[str, Any]]]:
    """Rows of ``event_clusters``, ``event_cluster_members`` and ``event_cluster_blocks``. A
    cluster: id, type, place_id, time_value, first_reported (date), outlets (list), consensus
    (dict), irrealis (bool), members [(article_id, event_id)], and for the blocks family, span
    (start, end)."""
    now = utcnow()
    cluster_rows, member_rows, block_rows = [], [], []
    for cluster in clusters:
        members = list(dict.fromkeys(tuple(m) for m in cluster.get("members", ())))
        cluster_rows.append(
            {
                "id": cluster["id"],
                "type": cluster.get("type"),
                "place_id": cluster.get("place_id"),
                "time_value": cluster.get("time_value"),
                "first_reported": cluster.get("first_reported"),
                "n_articles": len({a for a, _ in members}),
                "outlets": to_json(cluster.get("outlets") or []),
                "consensus": to_json(cluster.get("consensus") or {}),
                "run_id": run_id,
                "updated_at": now,
                "irrealis": bool(cluster.get("irrealis")),
                "claims_disputed": None,  # set once the run's claim links are written
            }
        )
        member_rows += [
            {"cluster_id": cluster["id"], "article_id": a, "event_id": e} for a, e in members
        ]
        if cluster.get("family"):
            start, end = cluster.get("span") or (None, None)
            block_rows.append(
                {
                    "cluster_id": cluster["id"],
                    "family": cluster["family"],
                    "span_start": start,
                    "span_end": end,
                }
            )
    return cluster_rows, member_rows, block_rows
