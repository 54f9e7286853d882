"""The store's schema, written once in Python and rendered for DuckDB and PostgreSQL.

Both databases accept the same column types (TEXT, INTEGER, DOUBLE PRECISION, BOOLEAN, DATE,
TIMESTAMP, BYTEA), so one definition serves both and also yields the Arrow schema that exports
and DataFrames use: a table reads back with the same column types whatever the backend.

Columns are flat so that a table opens as it is in pandas, R or a spreadsheet; lists of spans
and other nested values are JSON text. Timestamps are UTC without a time zone.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pandas as pd
import pyarrow as pa

SCHEMA_VERSION = 1

# Columns whose name is a keyword in SQL ("end") are quoted everywhere.
_RESERVED = {"end", "start", "type", "text", "at", "value", "source", "format"}

_ARROW_TYPES: dict[str, pa.DataType] = {
    "TEXT": pa.string(),
    "JSON": pa.string(),  # JSON text; the database sees TEXT
    "INTEGER": pa.int64(),
    "DOUBLE PRECISION": pa.float64(),
    "BOOLEAN": pa.bool_(),
    "DATE": pa.date32(),
    "TIMESTAMP": pa.timestamp("us"),
    "BYTEA": pa.binary(),
}

# Arrow type → pandas dtype for DataFrames: integer and boolean columns with nulls stay integers
# and booleans (plain pandas would make floats of them, and a CSV would read "12.0").
PANDAS_TYPES: dict[pa.DataType, Any] = {pa.int64(): pd.Int64Dtype(), pa.bool_(): pd.BooleanDtype()}


@dataclass(frozen=True, slots=True)
class Column:
    name: str
    type: str  # a key of _ARROW_TYPES
    not_null: bool = False

    @property
    def sql_type(self) -> str:
        return "TEXT" if self.type == "JSON" else self.type

    @property
    def quoted(self) -> str:
        return quote(self.name)


@dataclass(frozen=True, slots=True)
class Table:
    name: str
    columns: tuple[Column, ...]
    primary_key: tuple[str, ...] = ()
    # Rows that belong to one article and are replaced whenever that article is written again.
    per_article: bool = False
    # Extra lookup indexes (PostgreSQL; DuckDB scans its column store instead).
    indexes: tuple[tuple[str, ...], ...] = ()
    order_by: tuple[str, ...] = ()

    @property
    def column_names(self) -> list[str]:
        return [c.name for c in self.columns]

    def column(self, name: str) -> Column:
        for column in self.columns:
            if column.name == name:
                return column
        raise KeyError(f"table {self.name} has no column {name!r}")

    def arrow_schema(self, columns: list[str] | None = None) -> pa.Schema:
        chosen = [self.column(n) for n in columns] if columns else list(self.columns)
        return pa.schema([pa.field(c.name, _ARROW_TYPES[c.type]) for c in chosen])

    def create_sql(self) -> str:
        parts = [
            f"{c.quoted} {c.sql_type}{' NOT NULL' if c.not_null else ''}" for c in self.columns
        ]
        if self.primary_key:
            parts.append(f"PRIMARY KEY ({', '.join(quote(k) for k in self.primary_key)})")
        return f"CREATE TABLE IF NOT EXISTS {self.name} (\n  " + ",\n  ".join(parts) + "\n)"

    def index_sql(self) -> list[str]:
        return [
            f"CREATE INDEX IF NOT EXISTS ix_{self.name}_{'_'.join(cols)} "
            f"ON {self.name} ({', '.join(quote(c) for c in cols)})"
            for cols in self.indexes
        ]


def quote(name: str) -> str:
    return f'"{name}"' if name in _RESERVED else name


def _cols(spec: str) -> tuple[Column, ...]:
    """Columns from a compact ``name TYPE[!]`` list (``!`` = NOT NULL), one per line."""
    columns = []
    for line in spec.strip().splitlines():
        name, _, type_ = line.strip().partition(" ")
        not_null = type_.endswith("!")
        columns.append(Column(name, type_.rstrip("!").strip(), not_null))
    return tuple(columns)


SPAN = "start INTEGER\nend INTEGER\ntext TEXT"

TABLES: tuple[Table, ...] = (
    Table(
        "articles",
        _cols(
            """
            id TEXT!
            outlet TEXT
            url TEXT
            title TEXT
            published DATE
            language TEXT
            text TEXT!
            raw BYTEA
            ingested_at TIMESTAMP!
            run_id TEXT
            extra JSON
            """
        ),
        primary_key=("id",),
        order_by=("id",),
    ),
    Table(
        "article_sources",
        _cols(
            """
            article_id TEXT!
            source TEXT!
            format TEXT
            run_id TEXT
            first_seen TIMESTAMP!
            """
        ),
        primary_key=("article_id", "source"),
        order_by=("article_id", "source"),
    ),
    Table(
        "actors",
        _cols(
            """
            id TEXT!
            name TEXT
            type TEXT
            country TEXT
            affiliation TEXT
            """
        ),
        primary_key=("id",),
        order_by=("id",),
    ),
    Table(
        "article_actors",
        _cols(
            """
            article_id TEXT!
            ord INTEGER!
            actor_id TEXT!
            name TEXT
            type TEXT
            country TEXT
            affiliation TEXT
            extra JSON
            """
        ),
        per_article=True,
        indexes=(("article_id",), ("actor_id",)),
        order_by=("article_id", "ord"),
    ),
    Table(
        "mentions",
        _cols(
            """
            article_id TEXT!
            label TEXT!
            actor_id TEXT
            place_id TEXT
            ord INTEGER!
            """
            + SPAN
        ),
        per_article=True,
        indexes=(("article_id",), ("actor_id",), ("place_id",)),
        order_by=("article_id", "label", "actor_id", "place_id", "ord"),
    ),
    Table(
        "places",
        _cols(
            """
            id TEXT!
            name TEXT
            feature TEXT
            country TEXT
            admin1 TEXT
            lat DOUBLE PRECISION
            lon DOUBLE PRECISION
            """
        ),
        primary_key=("id",),
        order_by=("id",),
    ),
    Table(
        "article_places",
        _cols(
            """
            article_id TEXT!
            ord INTEGER!
            place_id TEXT!
            name TEXT
            feature TEXT
            country TEXT
            admin1 TEXT
            lat DOUBLE PRECISION
            lon DOUBLE PRECISION
            extra JSON
            """
        ),
        per_article=True,
        indexes=(("article_id",), ("place_id",)),
        order_by=("article_id", "ord"),
    ),
    Table(
        "statements",
        _cols(
            """
            article_id TEXT!
            ord INTEGER!
            id TEXT!
            speaker_actor TEXT
            speaker_start INTEGER
            speaker_end INTEGER
            speaker_text TEXT
            cue_lemma TEXT
            cue_start INTEGER
            cue_end INTEGER
            cue_text TEXT
            content JSON
            content_text TEXT
            kind TEXT
            act TEXT
            addressee TEXT
            time_id TEXT
            place_id TEXT
            disputes TEXT
            extra JSON
            """
        ),
        per_article=True,
        indexes=(("article_id",), ("speaker_actor",)),
        order_by=("article_id", "ord"),
    ),
    Table(
        "events",
        _cols(
            """
            article_id TEXT!
            ord INTEGER!
            id TEXT!
            type TEXT
            mode TEXT
            cameo TEXT
            quad TEXT
            source_actor TEXT
            source_start INTEGER
            source_end INTEGER
            source_text TEXT
            target_actor TEXT
            target_start INTEGER
            target_end INTEGER
            target_text TEXT
            place_id TEXT
            time_id TEXT
            killed INTEGER
            injured INTEGER
            magnitude JSON
            evidence JSON
            evidence_text TEXT
            attributed_to TEXT
            negated BOOLEAN
            hypothetical BOOLEAN
            disputed BOOLEAN
            extra JSON
            """
        ),
        per_article=True,
        indexes=(("article_id",), ("source_actor",), ("target_actor",)),
        order_by=("article_id", "ord"),
    ),
    Table(
        "times",
        _cols(
            """
            article_id TEXT!
            ord INTEGER!
            id TEXT!
            """
            + SPAN
            + """
            value TEXT
            granularity TEXT
            type TEXT
            extra JSON
            """
        ),
        per_article=True,
        indexes=(("article_id",),),
        order_by=("article_id", "ord"),
    ),
    Table(
        "framing",
        _cols(
            """
            article_id TEXT!
            ord INTEGER!
            """
            + SPAN
            + """
            term TEXT
            category TEXT
            speaker TEXT
            extra JSON
            """
        ),
        per_article=True,
        indexes=(("article_id",),),
        order_by=("article_id", "ord"),
    ),
    Table(
        "claim_links",
        _cols(
            """
            article_id TEXT!
            from_id TEXT!
            to_article_id TEXT!
            to_id TEXT!
            relation TEXT!
            evidence JSON
            origin TEXT!
            run_id TEXT
            """
        ),
        per_article=True,  # only rows with origin 'record' are replaced with their article
        indexes=(("article_id",), ("to_article_id",)),
        order_by=("article_id", "from_id", "to_article_id", "to_id"),
    ),
    Table(
        "event_clusters",
        _cols(
            """
            id TEXT!
            type TEXT
            place_id TEXT
            time_value TEXT
            first_reported DATE
            n_articles INTEGER
            outlets JSON
            consensus JSON
            run_id TEXT
            updated_at TIMESTAMP
            """
        ),
        primary_key=("id",),
        order_by=("id",),
    ),
    Table(
        "event_cluster_members",
        _cols(
            """
            cluster_id TEXT!
            article_id TEXT!
            event_id TEXT!
            """
        ),
        primary_key=("cluster_id", "article_id", "event_id"),
        indexes=(("article_id",),),
        order_by=("cluster_id", "article_id", "event_id"),
    ),
    Table(
        "runs",
        _cols(
            """
            id TEXT!
            started_at TIMESTAMP!
            finished_at TIMESTAMP
            status TEXT!
            config JSON
            versions JSON
            counts JSON
            """
        ),
        primary_key=("id",),
        order_by=("started_at", "id"),
    ),
    Table(
        "errors",
        _cols(
            """
            run_id TEXT
            source TEXT
            article_id TEXT
            code TEXT!
            message TEXT
            raw BYTEA
            at TIMESTAMP!
            """
        ),
        indexes=(("run_id",), ("article_id",)),
        order_by=("at", "run_id"),
    ),
)

# Internal bookkeeping (schema version); not a data table, not exported.
SCHEMA_INFO = Table(
    "schema_info",
    _cols("key TEXT!\nvalue TEXT"),
    primary_key=("key",),
)

TABLES_BY_NAME: dict[str, Table] = {t.name: t for t in TABLES}
PER_ARTICLE_TABLES: tuple[Table, ...] = tuple(t for t in TABLES if t.per_article)


def get_table(name: str) -> Table:
    try:
        return TABLES_BY_NAME[name]
    except KeyError:
        raise KeyError(f"no table {name!r}; the store has: {', '.join(TABLES_BY_NAME)}") from None


def ddl(with_indexes: bool) -> list[str]:
    """Statements that create every table (and, if asked, the lookup indexes)."""
    statements = [SCHEMA_INFO.create_sql()]
    for table in TABLES:
        statements.append(table.create_sql())
        if with_indexes:
            statements.extend(table.index_sql())
    return statements
