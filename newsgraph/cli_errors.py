"""``newsgraph errors``: the inputs that did not become articles, with their reasons."""

from __future__ import annotations

import json
from typing import Annotated, Any

import typer
from rich.table import Table
from rich.text import Text

from .cli_options import DbOpt
from .cli_support import print_rows, user_errors
from .ingestion import DEFAULT_STORE
from .show import add_whole_column, safe
from .store import Store, open_store

_COLUMNS = ("at", "run_id", "source", "code", "message")
_SELECT = ", ".join(f'"{column}"' for column in _COLUMNS)  # AT is an SQL keyword


def find_errors(store: Store, run: str | None, limit: int) -> tuple[list[dict[str, Any]], int]:
    """The stored failures (of one run, or of the latest run with ``run="last"``), newest
    first, at most ``limit``; and how many there are in all."""
    if run == "last":
        run = last_input_run(store)
    where, params = ("WHERE run_id = ?", [run]) if run is not None else ("", [])
    total = int(store.query(f"SELECT count(*) FROM errors {where}", params)[0][0])
    rows = store.query(
        f'SELECT {_SELECT} FROM errors {where} ORDER BY "at" DESC, source LIMIT ?',
        [*params, max(0, limit)],
    )
    found = [dict(zip(_COLUMNS, row, strict=True)) for row in rows]
    for row in found:
        row["at"] = row["at"].isoformat(timespec="seconds")
    return found, total


def last_input_run(store: Store) -> str:
    """The latest run that read inputs (``ingest``, ``load``), or "" if none: ``link`` logs
    runs too, and ``errors --run last`` after a link means the last ingest's failures."""
    runs = store.query("SELECT id, config FROM runs ORDER BY started_at DESC, id DESC")
    for run_id, config in runs:
        settings = json.loads(config) if isinstance(config, str) else config
        if (settings or {}).get("stage") != "link":
            return run_id
    return ""


def errors_table(rows: list[dict[str, Any]]) -> Table:
    """The failures as a terminal table; sources and messages are data, never markup."""
    table = Table()
    add_whole_column(table, "code", [row["code"] for row in rows])
    table.add_column("source")
    table.add_column("message")
    for row in rows:
        table.add_row(row["code"], Text(safe(row["source"] or "")), Text(safe(row["message"])))
    return table


def errors(
    db: DbOpt = DEFAULT_STORE,
    run: Annotated[
        str | None,
        typer.Option(help="Only the failures of this ingest run: its id, or 'last'."),
    ] = None,
    limit: Annotated[int, typer.Option(help="Most rows to show.")] = 50,
    as_json: Annotated[bool, typer.Option("--json", help="Print rows as JSON Lines.")] = False,
) -> None:
    """List the inputs that failed to become articles, newest first, with the reason of each
    (docs/errors.md): what `ingest` reported, kept in the store with the raw bytes."""
    with user_errors(), open_store(db, read_only=True) as store:
        rows, total = find_errors(store, run, limit)
    print_rows(rows, total, as_json, errors_table, "failed input(s)")
