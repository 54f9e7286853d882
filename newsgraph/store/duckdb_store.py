"""The DuckDB backend: one file, one writing process at a time.

DuckDB takes an exclusive lock on the file for a read-write connection, so a second process
that opens the same file fails at once; ``StoreLocked`` turns that into a message a user can
act on. Every write is a transaction logged in DuckDB's write-ahead log, so a process killed
mid-write leaves the file with whole articles only (the open transaction is discarded when the
file is next opened).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa

from .base import Store
from .errors import StoreError, StoreLocked
from .rows import Row
from .schema import Table
from .versions import package_version

_LOCK_PID = re.compile(r"\(PID (\d+)\)")
_ROWS_VIEW = "_newsgraph_rows"


class DuckDBStore(Store):
    dialect = "duckdb"

    def __init__(self, path: str | Path, read_only: bool = False) -> None:
        self.path = Path(path).expanduser().resolve()
        super().__init__(str(self.path), read_only)
        if read_only and not self.path.exists():
            raise StoreError(f"no newsgraph store at {self.path}")
        if not read_only:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        self._con = self._connect()
        try:
            if read_only:
                self._check_schema_version()
            else:
                self._create_schema(with_indexes=False)
        except BaseException:
            self._con.close()
            raise

    def _connect(self) -> duckdb.DuckDBPyConnection:
        try:
            # A writer's statements are small: one thread spares the cores the NLP pipeline uses
            # (more threads only add synchronisation); readers keep DuckDB's default.
            config = {} if self.read_only else {"threads": 1}
            return duckdb.connect(str(self.path), read_only=self.read_only, config=config)
        except duckdb.IOException as exc:
            message = str(exc)
            if "lock" not in message.lower():
                raise StoreError(f"cannot open {self.path}: {message}") from exc
            found = _LOCK_PID.search(message)
            pid = found.group(1) if found else "unknown"
            raise StoreLocked(
                f"{self.path} is being written by another newsgraph process (pid {pid}). "
                "A DuckDB store has one writing process at a time: wait for that run to end, "
                "write to another file, or use a PostgreSQL store for concurrent writers."
            ) from exc
        except duckdb.ConnectionException as exc:
            # Same process, other settings (read-only next to read-write): DuckDB refuses.
            raise StoreLocked(
                f"{self.path} is already open in this process with other settings "
                f"(read-only vs read-write): {exc}"
            ) from exc
        except duckdb.Error as exc:
            raise StoreError(f"cannot open {self.path} as a DuckDB store: {exc}") from exc

    def _versions(self) -> dict[str, Any]:
        return {"duckdb": package_version("duckdb")}

    def _execute(self, sql: str, params: Sequence[Any] = ()) -> None:
        self._con.execute(sql, list(params))

    def _insert_rows(self, table: Table, rows: list[Row], on_conflict: str) -> None:
        # DuckDB binds a long VALUES list slowly; scanning an Arrow table is about twice as fast.
        data = pa.Table.from_pylist(rows, schema=table.arrow_schema())
        columns = ", ".join(c.quoted for c in table.columns)
        self._con.register(_ROWS_VIEW, data)
        try:
            self._con.execute(
                f"INSERT INTO {table.name} ({columns}) SELECT {columns} FROM {_ROWS_VIEW} "
                + on_conflict
            )
        finally:
            self._con.unregister(_ROWS_VIEW)

    def _fetchall(self, sql: str, params: Sequence[Any] = ()) -> list[tuple]:
        return self._con.execute(sql, list(params)).fetchall()

    @contextmanager
    def _transaction(self) -> Iterator[None]:
        self._con.begin()
        try:
            yield
        except BaseException:
            self._con.rollback()
            raise
        self._con.commit()

    def _arrow_batches(
        self, sql: str, schema: pa.Schema, batch_rows: int
    ) -> Iterator[pa.RecordBatch]:
        # A cursor of its own, so that other queries on the store do not end the stream.
        cursor = self._con.cursor()
        try:
            reader = cursor.sql(sql).to_arrow_reader(batch_rows)
            for batch in reader:
                if batch.num_rows:
                    yield batch.cast(schema)
        finally:
            cursor.close()

    def close(self) -> None:
        with self._lock:
            self._con.close()
