"""The PostgreSQL backend (psycopg 3, the ``postgres`` extra): many writers at once.

The schema and all queries are the ones DuckDB runs; this module only adapts placeholders
(``?`` → ``%s``) and adds what several concurrent writers need: schema creation under an
advisory lock, and a per-article advisory lock so two processes writing the same article one
after the other never interleave their rows.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import pyarrow as pa

from .base import Store
from .errors import StoreError
from .versions import package_version

# Any constant: the key of the advisory lock held while the schema is created.
_SCHEMA_LOCK_KEY = 7_172_014_101


def redact(url: str) -> str:
    """The URL without its password, for messages and ``Store.target``."""
    parts = urlsplit(url)
    userinfo, at, host = parts.netloc.rpartition("@")
    if not at or ":" not in userinfo:
        return url
    user = userinfo.split(":", 1)[0]
    return urlunsplit(parts._replace(netloc=f"{user}:***@{host}"))


def _import_psycopg() -> Any:
    try:
        import psycopg
    except ImportError as exc:
        raise StoreError(
            "A PostgreSQL store needs psycopg 3, which is not installed. Install the "
            "postgres extra: pip install 'newsgraph[postgres]'"
        ) from exc
    return psycopg


def _clean(value: Any) -> Any:
    # PostgreSQL text cannot hold NUL; U+FFFD keeps the string's length, so offsets stay valid.
    if isinstance(value, str) and "\x00" in value:
        return value.replace("\x00", "\ufffd")
    return value


class PostgresStore(Store):
    dialect = "postgresql"

    def __init__(self, url: str, read_only: bool = False) -> None:
        super().__init__(redact(url), read_only)
        psycopg = _import_psycopg()
        try:
            self._con = psycopg.connect(url, autocommit=True)
        except psycopg.Error as exc:
            raise StoreError(f"cannot connect to {self.target}: {exc}") from exc
        try:
            if read_only:
                self._con.read_only = True
                self._check_schema_version()
            else:
                self._create_schema(with_indexes=True)
        except psycopg.errors.UndefinedTable as exc:
            self._con.close()
            raise StoreError(f"no newsgraph store at {self.target}") from exc
        except BaseException:
            self._con.close()
            raise

    def _create_schema(self, with_indexes: bool) -> None:
        # Two processes starting at once would race on CREATE TABLE IF NOT EXISTS.
        with self._transaction():
            self._execute("SELECT pg_advisory_xact_lock(?)", [_SCHEMA_LOCK_KEY])
            super()._create_schema(with_indexes)

    def _versions(self) -> dict[str, Any]:
        server = self._fetchall("SHOW server_version")[0][0]
        return {"psycopg": package_version("psycopg"), "postgresql": server}

    def _lock_article(self, article_id: str) -> None:
        # also keys an input's row in the errors table (base.Store._replace_errors)
        self._execute("SELECT pg_advisory_xact_lock(hashtextextended(?, 0))", [article_id])

    @staticmethod
    def _sql(sql: str) -> str:
        return sql.replace("?", "%s")

    def _execute(self, sql: str, params: Sequence[Any] = ()) -> None:
        self._con.execute(self._sql(sql), [_clean(p) for p in params])

    def _fetchall(self, sql: str, params: Sequence[Any] = ()) -> list[tuple]:
        return self._con.execute(self._sql(sql), [_clean(p) for p in params]).fetchall()

    @contextmanager
    def _transaction(self) -> Iterator[None]:
        with self._con.transaction():
            yield

    def _arrow_batches(
        self, sql: str, schema: pa.Schema, batch_rows: int
    ) -> Iterator[pa.RecordBatch]:
        # A named (server-side) cursor streams the table instead of loading it whole.
        with self._con.transaction(), self._con.cursor(name="newsgraph_scan") as cursor:
            cursor.execute(self._sql(sql))
            while rows := cursor.fetchmany(batch_rows):
                columns = list(zip(*rows, strict=True))
                yield pa.record_batch(
                    [
                        pa.array(list(col), type=f.type)
                        for col, f in zip(columns, schema, strict=True)
                    ],
                    schema=schema,
                )

    def close(self) -> None:
        with self._lock:
            self._con.close()
