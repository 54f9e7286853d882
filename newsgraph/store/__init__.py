"""The store stage: a DuckDB file by default, PostgreSQL when given a URL.

>>> with open_store("news.duckdb") as store:          # doctest: +SKIP
...     run_id = store.begin_run({"model": "en_core_web_sm"})
...     store.write_record(record, article, run_id)
...     store.finish_run(run_id, {"stored": 1, "skipped": 0, "failed": 0})

See ``docs/store.md`` for the tables and the guarantees (idempotent writes keyed by article id,
one transaction per article, one writing process per DuckDB file).

Backends are entries of ``newsgraph.registry.stores`` keyed by URL scheme: ``duckdb`` (a path,
the default), ``postgresql`` and ``postgres``; a plug-in registers its own scheme
(docs/plugins.md).
"""

from __future__ import annotations

from pathlib import Path
from typing import Protocol

from .. import registry
from .base import Store
from .errors import AmbiguousArticleId, StoreError, StoreLocked
from .rows import RecordError
from .schema import SCHEMA_VERSION, TABLES
from .versions import collect_versions

DEFAULT_STORE = "newsgraph.duckdb"
DEFAULT_BACKEND = "duckdb"
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
    "StoreNotFound",
    "StoreOpener",
    "collect_versions",
    "is_postgres_url",
    "open_store",
]


class StoreNotFound(StoreError):
    """There is no store at the target, and the caller asked not to create one."""


class StoreOpener(Protocol):
    """What ``newsgraph.registry.stores`` holds: opens the store at ``target``.

    Raises ``StoreNotFound`` when there is none and ``read_only`` or not ``create``.
    """

    def __call__(self, target: str, *, read_only: bool, create: bool) -> Store: ...


def is_postgres_url(target: str | Path | None) -> bool:
    return isinstance(target, str) and target.lower().startswith(_POSTGRES_SCHEMES)


def backend_name(target: str | Path | None) -> str:
    """The registry name for ``target``: its URL scheme, or ``duckdb`` for a path."""
    if isinstance(target, str) and "://" in target:
        scheme = target.split("://", 1)[0].lower()
        if scheme.isidentifier():
            return scheme
    return DEFAULT_BACKEND


def open_store(
    target: str | Path | None = None, *, read_only: bool = False, create: bool = True
) -> Store:
    """Open the store at ``target``, creating it unless ``read_only`` or ``create=False``.

    ``target``: a file path for DuckDB (default ``newsgraph.duckdb`` in the working directory),
    a ``postgresql://`` / ``postgres://`` URL, or a URL of a plug-in backend's scheme. Raises
    ``StoreNotFound`` when nothing is there to open, ``StoreLocked`` at once when another
    process holds the DuckDB file, ``StoreError`` when the store cannot be opened.
    """
    name = backend_name(target)
    if name not in registry.stores:
        raise StoreError(f"no store backend for {name}:// (installed: {', '.join(backends())})")
    opener: StoreOpener = registry.stores.get(name)
    return opener(str(target or DEFAULT_STORE), read_only=read_only, create=create)


def backends() -> list[str]:
    return sorted(registry.stores.get_all())


@registry.stores.register("duckdb")
def open_duckdb(target: str, *, read_only: bool = False, create: bool = True) -> Store:
    from .duckdb_store import DuckDBStore

    path = Path(target.removeprefix("duckdb://")).expanduser()
    if not path.is_absolute():
        path = Path.cwd() / path
    if not path.exists() and (read_only or not create):
        raise StoreNotFound(f"no store at {path}")
    return DuckDBStore(path, read_only=read_only)


@registry.stores.register("postgresql")
@registry.stores.register("postgres")
def open_postgres(target: str, *, read_only: bool = False, create: bool = True) -> Store:
    from .postgres_store import PostgresStore

    try:
        if not create and not read_only:
            PostgresStore(target, read_only=True).close()  # raises when the tables are missing
        return PostgresStore(target, read_only=read_only)
    except StoreError as exc:
        if str(exc).startswith("no newsgraph store"):
            raise StoreNotFound(str(exc)) from exc
        raise
