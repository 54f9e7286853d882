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

from ..schema import (
    ACTORS,
    EVENTS,
    FRAMING,
    PLACES,
    STATEMENTS,
    TIMES,
    Field,
    RecordSchema,
)

SCHEMA_VERSION = 5

# What lifts a store written at version N to N + 1: (the table altered, its statements), run
# in order when a writer opens an older store (a reader asks for that first). The table's
# indexes are dropped first (DuckDB alters no indexed table) and made again with the schema.
# Version 2 adds the events' ``future`` flag: an older store read those events as
# ``hypothetical`` and keeps them so. Version 3 adds the event clusters' ``irrealis`` mark:
# an older store's clusters were all of real reports (``link --irrealis own`` came after).
# Version 4 adds the events' ``place_inferred`` mark: an older store's places were all stated.
# Version 5 adds the event clusters' ``claims_disputed`` flag, NULL on an older store's rows:
# not known until a link run sets it, so a reader works it out from the story record.
MIGRATIONS: dict[int, tuple[str, tuple[str, ...]]] = {
    1: ("events", ("ALTER TABLE events ADD COLUMN future BOOLEAN DEFAULT FALSE",)),
    2: (
        "event_clusters",
        ("ALTER TABLE event_clusters ADD COLUMN irrealis BOOLEAN DEFAULT FALSE",),
    ),
    3: ("events", ("ALTER TABLE events ADD COLUMN place_inferred BOOLEAN DEFAULT FALSE",)),
    4: ("event_clusters", ("ALTER TABLE event_clusters ADD COLUMN claims_disputed BOOLEAN",)),
}

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

    def index_names(self) -> list[str]:
        return [f"ix_{self.name}_{'_'.join(cols)}" for cols in self.indexes]

    def index_sql(self) -> list[str]:
        return [
            f"CREATE INDEX IF NOT EXISTS {name} "
            f"ON {self.name} ({', '.join(quote(c) for c in cols)})"
            for name, cols in zip(self.index_names(), self.indexes, strict=True)
        ]


def quote(name: str) -> str:
    return f'"{name}"' if name in _RESERVED else name


def columns_from(spec: str) -> tuple[Column, ...]:
    """Columns from a compact ``name TYPE[!]`` list (``!`` = NOT NULL), one per line."""
    columns = []
    for line in spec.strip().splitlines():
        name, _, type_ = line.strip().partition(" ")
        not_null = type_.endswith("!")
        columns.append(Column(name, type_.rstrip("!").strip(), not_null))
    return tuple(columns)


# column types of the record schema's plain kinds (newsgraph/schema.py)
_PLAIN_TYPES = {"text": "TEXT", "int": "INTEGER", "float": "DOUBLE PRECISION", "bool": "BOOLEAN"}


def _span_cols(prefix: str) -> list[Column]:
    return [
        Column(f"{prefix}start", "INTEGER"),
        Column(f"{prefix}end", "INTEGER"),
        Column(f"{prefix}text", "TEXT"),
    ]


def field_columns(spec: Field) -> list[Column]:
    """The columns one record field is stored in (see the kinds in newsgraph/schema.py)."""
    name = spec.column_name
    prefix = f"{name}_" if name else ""
    if spec.kind in _PLAIN_TYPES:
        return [Column(name, _PLAIN_TYPES[spec.kind], not_null=spec.name == "id")]
    if spec.kind == "span":
        return _span_cols(prefix)
    if spec.kind == "spans":
        return [Column(name, "JSON"), Column(f"{name}_text", "TEXT")]
    if spec.kind == "ref":
        return [Column(f"{name}_actor", "TEXT"), *_span_cols(prefix)]
    if spec.kind == "cue":
        return [Column(f"{name}_lemma", "TEXT"), *_span_cols(prefix)]
    if spec.kind == "magnitude":
        return [Column("killed", "INTEGER"), Column("injured", "INTEGER"), Column(name, "JSON")]
    return []  # mentions (their own table) and extra (the row's extra JSON)


def record_table(schema: RecordSchema, indexes: tuple[tuple[str, ...], ...]) -> Table:
    """A record list's per-article table, derived from its schema."""
    columns = [Column("article_id", "TEXT", True), Column("ord", "INTEGER", True)]
    for spec in schema.fields:
        columns += field_columns(spec)
    columns.append(Column("extra", "JSON"))
    assert schema.table is not None
    return Table(
        schema.table,
        tuple(columns),
        per_article=True,
        indexes=indexes,
        order_by=("article_id", "ord"),
    )


def catalog_table(schema: RecordSchema, name: str) -> Table:
    """One row per actor or place id across articles: the schema's plain fields."""
    columns = tuple(
        Column(spec.name, _PLAIN_TYPES[spec.kind], not_null=spec.name == "id")
        for spec in schema.fields
        if spec.kind in ("text", "int", "float")
    )
    return Table(name, columns, primary_key=("id",), order_by=("id",))


SPAN = "start INTEGER\nend INTEGER\ntext TEXT"

TABLES: tuple[Table, ...] = (
    Table(
        "articles",
        columns_from(
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
        columns_from(
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
    catalog_table(ACTORS, "actors"),
    record_table(ACTORS, indexes=(("article_id",), ("actor_id",))),
    Table(
        "mentions",
        columns_from(
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
    catalog_table(PLACES, "places"),
    record_table(PLACES, indexes=(("article_id",), ("place_id",))),
    record_table(STATEMENTS, indexes=(("article_id",), ("speaker_actor",))),
    record_table(EVENTS, indexes=(("article_id",), ("source_actor",), ("target_actor",))),
    record_table(TIMES, indexes=(("article_id",),)),
    record_table(FRAMING, indexes=(("article_id",),)),
    Table(
        "event_sentences",
        columns_from(
            """
            article_id TEXT!
            ord INTEGER!
            start INTEGER!
            text TEXT!
            """
        ),
        # The sentences holding an article's event evidence, kept at write time so that the
        # link stage's learned pair evidence (link/event_pairs.py) never reads article text.
        # A store written before this table gets it empty when opened; link then reads those
        # articles' text instead.
        per_article=True,
        indexes=(("article_id",),),
        order_by=("article_id", "ord"),
    ),
    Table(
        "claim_links",
        columns_from(
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
        columns_from(
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
            irrealis BOOLEAN
            claims_disputed BOOLEAN
            """
        ),
        # irrealis: every member negated, hypothetical or future (``link --irrealis own``);
        # claims_disputed: the attacker it names denies it (set after the run's links, NULL
        # until then: readers then work it out from the story record); both last, where a
        # migrated store's ALTER TABLE puts them
        primary_key=("id",),
        order_by=("id",),
    ),
    Table(
        "event_cluster_members",
        columns_from(
            """
            cluster_id TEXT!
            article_id TEXT!
            event_id TEXT!
            """
        ),
        primary_key=("cluster_id", "article_id", "event_id"),
        # a story page looks its members up by cluster (a DuckDB primary key does not serve a
        # lookup by its first column alone)
        indexes=(("article_id",), ("cluster_id",)),
        order_by=("cluster_id", "article_id", "event_id"),
    ),
    Table(
        "event_cluster_blocks",
        columns_from(
            """
            cluster_id TEXT!
            family TEXT!
            span_start DATE
            span_end DATE
            """
        ),
        # What an incremental link run looks up: the clusters of a type family whose members'
        # dates meet the new events' (NULL span: a member is undated and meets every date).
        primary_key=("cluster_id",),
        indexes=(("family", "span_start"),),
        order_by=("family", "span_start", "cluster_id"),
    ),
    Table(
        "linked_articles",
        columns_from(
            """
            article_id TEXT!
            run_id TEXT
            linked_at TIMESTAMP!
            """
        ),
        # Per article: rewriting an article drops its row, so the next link run takes it again.
        per_article=True,
        primary_key=("article_id",),
        order_by=("article_id",),
    ),
    Table(
        "runs",
        columns_from(
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
        columns_from(
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
    columns_from("key TEXT!\nvalue TEXT"),
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
