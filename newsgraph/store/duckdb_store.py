"""The DuckDB backend: one file, one writing process at a time.

DuckDB takes an exclusive lock on the file for a read-write connection, so a second process
that opens the same file fails at once; ``StoreLocked`` turns that into a message a user can
act on. Every write is a transaction logged in DuckDB's write-ahead log, so a process killed
mid-write leaves the file with whole articles only (the open transaction is discarded when the
file is next opened).
"""

from __future__ import annotations

import copy
import re
import threading
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


def _describe_process(pid: str | None) -> str:
    """``pid 123: newsgraph serve --db x`` where the system tells the command line."""
    if pid is None:
        return "pid unknown"
    try:
        parts = Path(f"/proc/{pid}/cmdline").read_bytes().decode().split("\0")
    except (OSError, UnicodeDecodeError):
        return f"pid {pid}"
    # the interpreter and the script by their file names: "python3 newsgraph serve --db x"
    words = [Path(p).name if i < 2 else p for i, p in enumerate(parts) if p]
    command = " ".join(" ".join(words).split())  # one line, whatever the arguments hold
    return f"pid {pid}: {command[:80]}" if command else f"pid {pid}"


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
                self._create_schema(with_indexes=True)
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
            holder = _describe_process(found.group(1) if found else None)
            if self.read_only or not self._readable_elsewhere():
                raise StoreLocked(
                    f"{self.path} is being written by another newsgraph process ({holder}). "
                    "A DuckDB store has one writing process at a time: wait for that run to end, "
                    "write to another file, or use a PostgreSQL store for concurrent writers."
                ) from exc
            raise StoreLocked(
                f"{self.path} is open for reading in another process ({holder}), e.g. "
                "`newsgraph serve`. A DuckDB store can be written only while no other process "
                "has it open: stop that process, write to another file, or use a PostgreSQL "
                "store."
            ) from exc
        except duckdb.ConnectionException as exc:
            # Same process, other settings (read-only next to read-write): DuckDB refuses.
            raise StoreLocked(
                f"{self.path} is already open in this process with other settings "
                f"(read-only vs read-write): {exc}"
            ) from exc
        except duckdb.Error as exc:
            raise StoreError(f"cannot open {self.path} as a DuckDB store: {exc}") from exc

    def _readable_elsewhere(self) -> bool:
        """Whether the process holding the lock only reads (so a reader may still open it)."""
        try:
            duckdb.connect(str(self.path), read_only=True).close()
        except duckdb.Error:
            return False
        return True

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
        cursor = self.cursor()
        try:
            reader = cursor.sql(sql).to_arrow_reader(batch_rows)
            for batch in reader:
                if batch.num_rows:
                    yield batch.cast(schema)
        finally:
            cursor.close()

    def cursor(self) -> duckdb.DuckDBPyConnection:
        """A cursor of its own on the store's connection (DuckDB runs cursors in parallel)."""
        return self._con.cursor()

    def thread_view(self) -> DuckDBStore:
        """This store for one thread: the same object but for a cursor and a lock of its own,
        so that its queries need not wait on other threads'."""
        view = copy.copy(self)
        view._con = self.cursor()
        view._lock = threading.RLock()
        return view

    def close(self) -> None:
        with self._lock:
            self._con.close()
