"""The ``Store``: one API over DuckDB and PostgreSQL.

All the logic (runs, idempotent article writes, rebuilding records, reading tables) lives here,
written in SQL that both databases accept. A backend supplies only a handful of primitives:
run a statement, fetch rows, open a transaction, stream a table as Arrow batches.
"""

from __future__ import annotations

import threading
import uuid
from abc import ABC, abstractmethod
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import AbstractContextManager
from types import TracebackType
from typing import Any, Self

import pandas as pd
import pyarrow as pa

from ..model import Article, ArticleError
from . import rows as R
from .batch import RecordBatch, chunks, error_row, insert_statements, link_rows, source_row, to_json
from .errors import AmbiguousArticleId, StoreError
from .link_tables import LinkTables, cluster_table_rows
from .schema import (
    MIGRATIONS,
    PANDAS_TYPES,
    PER_ARTICLE_TABLES,
    SCHEMA_INFO,
    SCHEMA_VERSION,
    TABLES,
    Table,
    ddl,
    get_table,
    quote,
)
from .versions import collect_versions, utcnow

# Ids per IN (...) list.
_ID_CHUNK = 500
# Per-article tables that are the link stage's, not part of the record.
_NOT_RECORD_TABLES = frozenset({"claim_links", "linked_articles", "event_sentences"})
# Articles rebuilt per batch of queries in ``iter_records``.
RECORD_BATCH = 200


class Store(LinkTables, ABC):
    """A newsgraph database. Use ``open_store`` to get one; close it (or use ``with``)."""

    dialect: str = ""

    def __init__(self, target: str, read_only: bool) -> None:
        self.target = target
        self.read_only = read_only
        self._lock = threading.RLock()

    # --- backend primitives -------------------------------------------------------------

    @abstractmethod
    def _execute(self, sql: str, params: Sequence[Any] = ()) -> None: ...

    @abstractmethod
    def _fetchall(self, sql: str, params: Sequence[Any] = ()) -> list[tuple]: ...

    @abstractmethod
    def _transaction(self) -> AbstractContextManager[None]: ...

    @abstractmethod
    def _arrow_batches(
        self, sql: str, schema: pa.Schema, batch_rows: int
    ) -> Iterator[pa.RecordBatch]: ...

    @abstractmethod
    def close(self) -> None: ...

    def _lock_article(self, article_id: str) -> None:
        """Serialise writers of one article, or of one input's error row (a no-op where the
        database has one writer)."""
        return None

    def _versions(self) -> dict[str, Any]:
        return {}

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.target}{' read-only' if self.read_only else ''}>"

    # --- schema -------------------------------------------------------------------------

    def _create_schema(self, with_indexes: bool) -> None:
        with self._transaction():
            self._execute(SCHEMA_INFO.create_sql())
            found = self._fetchall("SELECT value FROM schema_info WHERE key = ?", ["version"])
            if found:
                self._migrate(int(found[0][0]))  # before the indexes are made again
            for statement in ddl(with_indexes):
                self._execute(statement)
            if not found:
                self._execute(
                    "INSERT INTO schema_info (key, value) VALUES (?, ?)",
                    ["version", str(SCHEMA_VERSION)],
                )
        self._check_schema_version()

    def _migrate(self, version: int) -> None:
        """Lift a store written at an older schema version to this one (store/schema.py's
        ``MIGRATIONS``), inside the schema transaction."""
        if version >= SCHEMA_VERSION or version not in MIGRATIONS:
            return  # a newer store, or one no migration reaches: the check says so
        for step in range(version, SCHEMA_VERSION):
            table, statements = MIGRATIONS[step]
            for index in get_table(table).index_names():
                self._execute(f"DROP INDEX IF EXISTS {index}")
            for statement in statements:
                self._execute(statement)
        self._execute(
            "UPDATE schema_info SET value = ? WHERE key = ?", [str(SCHEMA_VERSION), "version"]
        )

    def _check_schema_version(self) -> None:
        found = self._fetchall(f"SELECT value FROM {SCHEMA_INFO.name} WHERE key = ?", ["version"])
        version = int(found[0][0]) if found else None
        if version is not None and version < SCHEMA_VERSION and version in MIGRATIONS:
            raise StoreError(
                f"{self.target} has store schema version {version}; this newsgraph reads "
                f"version {SCHEMA_VERSION}. Open it for writing once to migrate it (e.g. "
                "`newsgraph link --db ...`), then read it."
            )
        if version != SCHEMA_VERSION:
            raise StoreError(
                f"{self.target} has store schema version {version}; this newsgraph reads "
                f"version {SCHEMA_VERSION}. Export it with the newsgraph that wrote it."
            )

    # --- runs ---------------------------------------------------------------------------

    def begin_run(
        self, config: Mapping[str, Any], versions: Mapping[str, Any] | None = None
    ) -> str:
        """Record the start of a run with its configuration and versions; return its id."""
        now = utcnow()
        run_id = f"{now:%Y%m%dT%H%M%SZ}-{uuid.uuid4().hex[:8]}"
        all_versions = {**collect_versions(config), **self._versions(), **(versions or {})}
        with self._lock, self._transaction():
            self._execute(
                "INSERT INTO runs (id, started_at, status, config, versions) "
                "VALUES (?, ?, ?, ?, ?)",
                [run_id, now, "running", to_json(config), to_json(all_versions)],
            )
        return run_id

    def finish_run(self, run_id: str, counts: Mapping[str, int], status: str = "finished") -> None:
        """Record the end of a run and what it did (e.g. stored / skipped / failed counts)."""
        with self._lock, self._transaction():
            self._execute(
                "UPDATE runs SET finished_at = ?, status = ?, counts = ? WHERE id = ?",
                [utcnow(), status, to_json(dict(counts)), run_id],
            )

    def get_run(self, run_id: str) -> dict[str, Any] | None:
        found = self._select_rows("runs", "id = ?", [run_id])
        if not found:
            return None
        run = found[0]
        for key in ("config", "versions", "counts"):
            run[key] = R.loads(run[key])
        return run

    # --- articles -----------------------------------------------------------------------

    def has_article(self, article_id: str) -> bool:
        with self._lock:
            return bool(self._fetchall("SELECT 1 FROM articles WHERE id = ?", [article_id]))

    def known_ids(self, ids: Iterable[str]) -> set[str]:
        """Which of ``ids`` are stored already (one query per 500 ids)."""
        wanted = list(dict.fromkeys(ids))
        found: set[str] = set()
        with self._lock:
            for chunk in chunks(wanted, _ID_CHUNK):
                marks = ", ".join("?" * len(chunk))
                found.update(
                    r[0]
                    for r in self._fetchall(f"SELECT id FROM articles WHERE id IN ({marks})", chunk)
                )
        return found

    def article_ids(self) -> list[str]:
        with self._lock:
            return [r[0] for r in self._fetchall("SELECT id FROM articles ORDER BY id")]

    def resolve_article_id(self, ref: str) -> str | None:
        """The full id of the article ``ref`` names: the id itself or a unique prefix of it.

        Raises ``AmbiguousArticleId`` when a prefix fits several articles.
        """
        if not ref:
            return None
        with self._lock:
            if self._fetchall("SELECT 1 FROM articles WHERE id = ?", [ref]):
                return ref
            found = [
                r[0]
                for r in self._fetchall(
                    "SELECT id FROM articles WHERE starts_with(id, ?) ORDER BY id LIMIT 11", [ref]
                )
            ]
        if len(found) > 1:
            raise AmbiguousArticleId(ref, found)
        return found[0] if found else None

    def add_source(
        self, article_id: str, source: str | None, fmt: str | None, run_id: str | None
    ) -> None:
        """Record that ``article_id`` was read from ``source`` (kept once per source)."""
        row = source_row(article_id, source, fmt, run_id, utcnow())
        with self._lock, self._transaction():
            self._add_sources([row])

    def _add_sources(self, rows: list[R.Row]) -> None:
        self._insert("article_sources", rows, 'ON CONFLICT (article_id, "source") DO NOTHING')

    def write_record(self, record: Mapping[str, Any], article: Article, run_id: str) -> None:
        """Store one article and its whole record, replacing any earlier version of it.

        Everything is written in one transaction: a process killed midway leaves the previous
        state (the old version of the article or none), never half an article. ``record`` may
        also be an error record with the article (``{"id", "error", "article"}``): the article
        is kept with an ``errors`` row.
        """
        self.write_records([(record, article)], run_id)

    def write_records(
        self, items: Iterable[tuple[Mapping[str, Any], Article]], run_id: str
    ) -> None:
        """``write_record`` for a batch of articles, in one transaction (all or none of them).

        Much cheaper per article than one call each: every table gets one multi-row statement
        for the whole batch. An article listed twice is stored as its last record.
        """
        batch = RecordBatch(run_id)
        for record, article in items:
            batch.add(record, article)
        if not batch.articles:
            return
        ids = list(batch.articles)
        with self._lock, self._transaction():
            for article_id in sorted(ids):  # one order for every writer: no deadlock
                self._lock_article(article_id)
            existing = self._existing_ids(ids)
            if existing:
                self._delete_article_rows(existing)
            self._insert("articles", list(batch.articles.values()))
            for table in PER_ARTICLE_TABLES:
                self._insert(table.name, batch.children[table.name])
            self._upsert_catalog("actors", batch.catalog_rows("actors"))
            self._upsert_catalog("places", batch.catalog_rows("places"))
            self._add_sources(list(batch.sources.values()))
            self._replace_errors(batch.errors)

    def _existing_ids(self, ids: list[str]) -> list[str]:
        marks = ", ".join("?" * len(ids))
        found = self._fetchall(f"SELECT id FROM articles WHERE id IN ({marks})", ids)
        return [r[0] for r in found]

    def _delete_article_rows(self, article_ids: list[str]) -> None:
        for chunk in chunks(article_ids, _ID_CHUNK):
            marks = ", ".join("?" * len(chunk))
            self._execute(f"DELETE FROM articles WHERE id IN ({marks})", chunk)
            for table in PER_ARTICLE_TABLES:
                # Claim links found by the link stage outlive a rewrite; the record's are redone.
                origin = " AND origin = 'record'" if table.name == "claim_links" else ""
                self._execute(
                    f"DELETE FROM {table.name} WHERE article_id IN ({marks}){origin}", chunk
                )

    def write_error(self, error: ArticleError, run_id: str | None) -> None:
        """Keep an input that could not become an article, with its raw bytes.

        One row per failing input (its source and article id): the same input failing again in
        a later run replaces its row, so re-running over a folder does not pile up copies.
        """
        row = error_row(run_id, error.source, error.id, error.code, error.message, error.raw)
        with self._lock, self._transaction():
            self._replace_errors([row])

    def _replace_errors(self, rows: list[R.Row]) -> None:
        # Two writers replacing one input's error would each delete nothing and insert a row:
        # they take turns on a lock of that input (sorted, one order for all: no deadlock).
        keys = {(row["source"] or "", row["article_id"] or "") for row in rows}
        for source, article_id in sorted(keys):
            self._lock_article(f"errors\x1f{source}\x1f{article_id}")
        for row in rows:
            if row["source"] is not None or row["article_id"] is not None:
                self._execute(
                    'DELETE FROM errors WHERE "source" IS NOT DISTINCT FROM ? '
                    "AND article_id IS NOT DISTINCT FROM ?",
                    [row["source"], row["article_id"]],
                )
        self._insert("errors", rows)

    # --- link stage ---------------------------------------------------------------------

    def add_claim_links(self, links: Iterable[Mapping[str, Any]], run_id: str | None) -> None:
        """Add cross-article claim links (keys: article_id, from_id, to_article_id, to_id,
        relation, evidence). They survive rewrites of their articles."""
        prepared = link_rows(links, run_id)
        with self._lock, self._transaction():
            self._insert("claim_links", prepared)

    def replace_claim_links(self, links: Iterable[Mapping[str, Any]], run_id: str | None) -> None:
        """Replace every claim link the link stage found (origin 'link') with ``links``, in one
        transaction; the records' own links (origin 'record') stay."""
        prepared = link_rows(links, run_id)
        with self._lock, self._transaction():
            self._execute("DELETE FROM claim_links WHERE origin = ?", ["link"])
            self._insert("claim_links", prepared)

    def replace_event_clusters(
        self, clusters: Iterable[Mapping[str, Any]], run_id: str | None
    ) -> None:
        """Replace all event clusters. A cluster: id, type, place_id, time_value,
        first_reported (date), outlets (list), consensus (dict), members [(article_id, event_id)].
        """
        cluster_rows, member_rows, block_rows = cluster_table_rows(clusters, run_id)
        with self._lock, self._transaction():
            for table in ("event_cluster_members", "event_cluster_blocks", "event_clusters"):
                self._execute(f"DELETE FROM {table}")
            self._insert("event_clusters", cluster_rows)
            self._insert("event_cluster_members", member_rows)
            self._insert("event_cluster_blocks", block_rows)

    # --- reading ------------------------------------------------------------------------

    def get_record(self, article_id: str) -> dict[str, Any] | None:
        """The contract record of an article (id or unique id prefix), rebuilt from the tables."""
        full_id = self.resolve_article_id(article_id)
        if full_id is None:
            return None
        records = list(self._records_for([full_id]))
        return records[0] if records else None

    def iter_records(self, batch: int = RECORD_BATCH) -> Iterator[dict[str, Any]]:
        """Every stored article's contract record, in id order."""
        ids = self.article_ids()
        for chunk in chunks(ids, batch):
            yield from self._records_for(chunk)

    def _records_for(
        self, ids: list[str], tables: frozenset[str] | None = None, with_text: bool = True
    ) -> Iterator[dict[str, Any]]:
        """Records of ``ids``; ``tables`` limits the per-article tables read (the other lists
        come back empty) and ``with_text=False`` leaves the article text out (None)."""
        marks = ", ".join("?" * len(ids))
        skip = {"raw"} if with_text else {"raw", "text"}
        article_columns = [c for c in get_table("articles").column_names if c not in skip]
        with self._lock:
            articles = self._select_rows("articles", f"id IN ({marks})", ids, article_columns)
            children: dict[str, dict[str, list[R.Row]]] = defaultdict(lambda: defaultdict(list))
            for table in PER_ARTICLE_TABLES:
                if table.name in _NOT_RECORD_TABLES or (tables and table.name not in tables):
                    continue
                for row in self._select_rows(table.name, f"article_id IN ({marks})", ids):
                    children[row["article_id"]][table.name].append(row)
        for article in articles:
            if not with_text:
                article["text"] = None
            yield R.record_from_rows(article, children.get(article["id"], {}))

    def _select_rows(
        self,
        table_name: str,
        where: str,
        params: Sequence[Any],
        columns: list[str] | None = None,
    ) -> list[R.Row]:
        table = get_table(table_name)
        names = columns or table.column_names
        order = ", ".join(quote(c) for c in table.order_by) or "1"
        sql = (
            f"SELECT {', '.join(quote(c) for c in names)} FROM {table.name} "
            f"WHERE {where} ORDER BY {order}"
        )
        with self._lock:
            return [dict(zip(names, row, strict=True)) for row in self._fetchall(sql, params)]

    def tables(self) -> list[str]:
        """The data tables, in schema order."""
        return [t.name for t in TABLES]

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[tuple]:
        """Rows of one read query (DuckDB's SQL, which the PostgreSQL backend also runs; ``?``
        placeholders on every backend), safe to call from several threads:
        ``store.query("SELECT type, count(*) FROM events WHERE article_id = ? GROUP BY 1", [id])``.
        """
        with self._lock:
            return self._fetchall(sql, list(params))

    def counts(self) -> dict[str, int]:
        """Rows per table."""
        with self._lock:
            return {
                t.name: int(self._fetchall(f"SELECT count(*) FROM {t.name}")[0][0]) for t in TABLES
            }

    def iter_table(
        self, name: str, columns: list[str] | None = None, batch_rows: int = 10_000
    ) -> Iterator[pa.RecordBatch]:
        """A table as Arrow record batches with the schema's types (for large exports)."""
        table = get_table(name)
        chosen = columns or table.column_names
        schema = table.arrow_schema(chosen)
        order = ", ".join(quote(c) for c in table.order_by) or "1"
        sql = f"SELECT {', '.join(quote(c) for c in chosen)} FROM {table.name} ORDER BY {order}"
        with self._lock:
            yield from self._arrow_batches(sql, schema, batch_rows)

    def arrow_table(self, name: str, columns: list[str] | None = None) -> pa.Table:
        table = get_table(name)
        schema = table.arrow_schema(columns or table.column_names)
        return pa.Table.from_batches(list(self.iter_table(name, columns)), schema=schema)

    def table(self, name: str, columns: list[str] | None = None) -> pd.DataFrame:
        """A whole table as a DataFrame (nullable integer and boolean columns, dates as dates)."""
        return self.arrow_table(name, columns).to_pandas(types_mapper=PANDAS_TYPES.get)

    # --- writing helpers ----------------------------------------------------------------

    def _insert(self, table_name: str, rows: list[R.Row], on_conflict: str = "") -> None:
        if rows:
            self._insert_rows(get_table(table_name), rows, on_conflict)

    def _insert_rows(self, table: Table, rows: list[R.Row], on_conflict: str) -> None:
        """Insert ``rows`` (dicts by column name) into ``table``; backends may do it faster."""
        for sql, params in insert_statements(table, rows):
            self._execute(f"{sql} {on_conflict}", params)

    def _upsert_catalog(self, table_name: str, rows: list[R.Row]) -> None:
        """Insert catalogue rows (actors, places); a known id gets the newer non-null fields."""
        table = get_table(table_name)
        updates = ", ".join(
            f"{quote(c)} = COALESCE(excluded.{quote(c)}, {table.name}.{quote(c)})"
            for c in table.column_names
            if c != "id"
        )
        self._insert(table_name, rows, f"ON CONFLICT (id) DO UPDATE SET {updates}")
