"""The store stage: a DuckDB file by default, PostgreSQL when given a URL.

>>> with open_store("news.duckdb") as store:          # doctest: +SKIP
...     run_id = store.begin_run({"model": "en_core_web_sm"})
...     store.write_record(record, article, run_id)
...     store.finish_run(run_id, {"stored": 1, "skipped": 0, "failed": 0})

See ``docs/store.md`` for the tables and the guarantees (idempotent writes keyed by article id,
one transaction per article, one writing process per DuckDB file).
"""

from __future__ import annotations

from pathlib import Path

from .base import Store
from .errors import AmbiguousArticleId, StoreError, StoreLocked
from .rows import RecordError
from .schema import SCHEMA_VERSION, TABLES
from .versions import collect_versions

DEFAULT_STORE = "newsgraph.duckdb"
_POSTGRES_SCHEMES = ("postgresql://", "postgres://")

__all__ = [
    "DEFAULT_STORE",
    "SCHEMA_VERSION",
    "TABLES",
    "AmbiguousArticleId",
    "RecordError",
    "Store",
    "StoreError",
    "StoreLocked",
    "collect_versions",
    "is_postgres_url",
    "open_store",
]


def is_postgres_url(target: str | Path | None) -> bool:
    return isinstance(target, str) and target.lower().startswith(_POSTGRES_SCHEMES)


def open_store(target: str | Path | None = None, *, read_only: bool = False) -> Store:
    """Open (and create, unless ``read_only``) the store at ``target``.

    ``target``: a file path for DuckDB (default ``newsgraph.duckdb`` in the working directory)
    or a ``postgresql://`` / ``postgres://`` URL. Raises ``StoreLocked`` at once when another
    process is writing the DuckDB file, ``StoreError`` when the store cannot be opened.
    """
    if is_postgres_url(target):
        from .postgres_store import PostgresStore

        return PostgresStore(str(target), read_only=read_only)
    from .duckdb_store import DuckDBStore

    return DuckDBStore(Path(target) if target else Path.cwd() / DEFAULT_STORE, read_only=read_only)
