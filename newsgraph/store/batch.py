"""Rows to write, prepared before a transaction opens: a batch of records (articles, their
per-article rows, catalogue rows, sources, errors), claim links, and the multi-row INSERT
statements that carry them."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping, Sequence
from datetime import datetime
from typing import Any

from ..link.event_pairs import sentence_rows
from ..model import Article
from . import rows as R
from .schema import PER_ARTICLE_TABLES, Table, quote
from .versions import utcnow

# Rows per multi-row INSERT: stays far below PostgreSQL's 65,535 bind parameters.
INSERT_CHUNK_PARAMS = 20_000


class RecordBatch:
    """The rows of a batch of records, gathered before the transaction opens."""

    def __init__(self, run_id: str) -> None:
        self.run_id = run_id
        self.now = utcnow()
        self.articles: dict[str, R.Row] = {}
        self.children: dict[str, list[R.Row]] = {t.name: [] for t in PER_ARTICLE_TABLES}
        self.catalog: dict[str, dict[str, R.Row]] = {"actors": {}, "places": {}}
        self.sources: dict[tuple[str, str], R.Row] = {}
        self.errors: list[R.Row] = []

    def add(self, record: Mapping[str, Any], article: Article) -> None:
        row = R.article_row(record, article, self.run_id, self.now)
        if article.id in self.articles:  # the last record of an article wins
            self.articles.pop(article.id)
            for table, rows in self.children.items():
                self.children[table] = [r for r in rows if r["article_id"] != article.id]
            self.errors = [e for e in self.errors if e["article_id"] != article.id]
        if R.is_error_record(record):
            error = record.get("error") or {}
            self.errors.append(
                error_row(
                    self.run_id,
                    article.source,
                    article.id,
                    error.get("code") or "error",
                    error.get("message"),
                    b"",
                    self.now,
                )
            )
        else:
            for table, rows in R.record_rows(record, article.id, self.run_id).items():
                self.children[table] += rows
            self.children["event_sentences"] += sentence_rows(record, article.id, row["text"])
            actors, places = R.catalog_rows(record)
            self._merge("actors", actors)
            self._merge("places", places)
        self.articles[article.id] = row
        source = source_row(article.id, article.source, article.format, self.run_id, self.now)
        self.sources.setdefault((source["article_id"], source["source"]), source)

    def _merge(self, table: str, rows: list[R.Row]) -> None:
        known = self.catalog[table]
        for row in rows:
            old = known.get(row["id"], {})
            known[row["id"]] = {k: v if v is not None else old.get(k) for k, v in row.items()}

    def catalog_rows(self, table: str) -> list[R.Row]:
        # Sorted by id, so concurrent PostgreSQL writers lock catalogue rows in one order.
        return [self.catalog[table][k] for k in sorted(self.catalog[table])]


def source_row(
    article_id: str, source: str | None, fmt: str | None, run_id: str | None, now: datetime
) -> R.Row:
    return {
        "article_id": article_id,
        "source": source or "",
        "format": fmt,
        "run_id": run_id,
        "first_seen": now,
    }


def error_row(
    run_id: str | None,
    source: str | None,
    article_id: str | None,
    code: str,
    message: str | None,
    raw: bytes,
    now: datetime | None = None,
) -> R.Row:
    return {
        "run_id": run_id,
        "source": source,
        "article_id": article_id,
        "code": code,
        "message": message,
        "raw": bytes(raw) if raw else None,
        "at": now or utcnow(),
    }


def insert_statements(table: Table, rows: list[R.Row]) -> Iterator[tuple[str, list[Any]]]:
    """Multi-row INSERTs: one statement per few thousand values, not one per row."""
    names = table.column_names
    head = f"INSERT INTO {table.name} ({', '.join(quote(c) for c in names)}) VALUES "
    one = "(" + ", ".join("?" * len(names)) + ")"
    per_statement = max(1, INSERT_CHUNK_PARAMS // len(names))
    for chunk in chunks(rows, per_statement):
        params = [row.get(c) for row in chunk for c in names]
        yield head + ", ".join([one] * len(chunk)), params


def link_rows(links: Iterable[Mapping[str, Any]], run_id: str | None) -> list[dict[str, Any]]:
    """Claim-link rows of the link stage (origin 'link')."""
    return [
        {
            **{k: link.get(k) for k in ("article_id", "from_id", "to_article_id", "to_id")},
            "relation": link["relation"],
            "evidence": to_json(link.get("evidence") or []),
            "origin": "link",
            "run_id": run_id,
        }
        for link in links
    ]


def chunks(items: Sequence[Any], size: int) -> Iterator[list[Any]]:
    for i in range(0, len(items), size):
        yield list(items[i : i + size])


def to_json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, default=str, sort_keys=True)
