"""Export a store as files (Parquet, CSV, JSON Lines) or as pandas DataFrames.

One file per table, named after it, with the schema's column types, so the files load directly
in pandas, R or a spreadsheet. Tables are streamed in batches, so an export never holds a whole
table in memory. Raw article bytes are left out unless asked for; where a format has no bytes
type (CSV, JSON Lines) they are base64 text.

CSV cells that a spreadsheet would run as a formula (starting with ``=``, ``+``, ``-``, ``@``,
a tab or a carriage return) get a leading single quote: article text is untrusted input.
"""

from __future__ import annotations

import base64
import json
from collections.abc import Iterable, Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any, Literal

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from .store import Store, open_store
from .store.schema import PANDAS_TYPES, get_table

Format = Literal["parquet", "csv", "jsonl"]
FORMATS: tuple[str, ...] = ("parquet", "csv", "jsonl")
RECORDS_FILE = "records.jsonl"
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
_BATCH_ROWS = 5_000


def escape_formula(value: str) -> str:
    """``value`` made inert for spreadsheets (OWASP's advice against CSV injection)."""
    return "'" + value if value.startswith(FORMULA_PREFIXES) else value


def export_store(
    store: Store,
    fmt: Format,
    out_dir: str | Path,
    *,
    include_raw: bool = False,
    tables: Iterable[str] | None = None,
) -> list[Path]:
    """Write every table (or ``tables``) of ``store`` to ``out_dir`` as ``<table>.<fmt>``.

    JSON Lines also gets ``records.jsonl``: one contract record per article, as
    ``newsgraph annotate`` writes them. Returns the files written, in table order.
    """
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}; use one of {', '.join(FORMATS)}")
    out = export_folder(out_dir)
    writer = {"parquet": _write_parquet, "csv": _write_csv, "jsonl": _write_jsonl}[fmt]
    written = []
    for name in tables if tables is not None else store.tables():
        columns = _export_columns(name, include_raw)
        path = out / f"{name}.{fmt}"
        schema = get_table(name).arrow_schema(columns)
        writer(path, schema, store.iter_table(name, columns, _BATCH_ROWS))
        written.append(path)
    if fmt == "jsonl":
        written.append(write_records_jsonl(store, out / RECORDS_FILE))
    return written


def export_folder(out_dir: str | Path) -> Path:
    """``out_dir``, created if missing; an ``OSError`` that says what to give instead when it
    is a file or cannot be made (the command line prints it as its one line)."""
    out = Path(out_dir)
    if out.exists() and not out.is_dir():
        raise NotADirectoryError(
            f"{out} is a file, not a folder: export writes one file per table into a folder"
        )
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OSError(f"cannot make the export folder {out}: {exc.strerror or exc}") from exc
    return out


def write_records_jsonl(store: Store, path: str | Path) -> Path:
    """Every stored article's contract record, one JSON object per line."""
    path = Path(path)
    with path.open("w", encoding="utf-8") as handle:
        for record in store.iter_records():
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    return path


def read_store_frames(
    target: str | Path | Store | None = None,
    *,
    include_raw: bool = False,
    tables: Iterable[str] | None = None,
) -> dict[str, pd.DataFrame]:
    """Every table (or ``tables``) of a store as a DataFrame, keyed by table name.

    ``target`` is a store, a DuckDB path or a PostgreSQL URL (opened read-only).
    """
    if isinstance(target, Store):
        return _frames(target, include_raw, tables)
    with open_store(target, read_only=True) as store:
        return _frames(store, include_raw, tables)


def _frames(
    store: Store, include_raw: bool, tables: Iterable[str] | None
) -> dict[str, pd.DataFrame]:
    names = list(tables) if tables is not None else store.tables()
    return {name: store.table(name, _export_columns(name, include_raw)) for name in names}


def _export_columns(name: str, include_raw: bool) -> list[str]:
    columns = get_table(name).column_names
    return columns if include_raw else [c for c in columns if c != "raw"]


def _write_parquet(path: Path, schema: pa.Schema, batches: Iterator[pa.RecordBatch]) -> None:
    with pq.ParquetWriter(path, schema) as writer:
        wrote = False
        for batch in batches:
            writer.write_batch(batch)
            wrote = True
        if not wrote:  # an empty table still gets a file with its columns
            writer.write_table(schema.empty_table())


def _write_csv(path: Path, schema: pa.Schema, batches: Iterator[pa.RecordBatch]) -> None:
    text_columns = [f.name for f in schema if pa.types.is_string(f.type)]
    binary_columns = [f.name for f in schema if pa.types.is_binary(f.type)]
    with path.open("w", encoding="utf-8", newline="") as handle:
        pd.DataFrame(columns=schema.names).to_csv(handle, index=False)
        for batch in batches:
            frame = batch.to_pandas(types_mapper=PANDAS_TYPES.get)
            for column in text_columns:
                frame[column] = frame[column].map(escape_formula, na_action="ignore")
            for column in binary_columns:
                frame[column] = frame[column].map(_b64, na_action="ignore")
            frame.to_csv(handle, index=False, header=False)


def _write_jsonl(path: Path, schema: pa.Schema, batches: Iterator[pa.RecordBatch]) -> None:
    with path.open("w", encoding="utf-8") as handle:
        for batch in batches:
            for row in batch.to_pylist():
                handle.write(json.dumps(row, ensure_ascii=False, default=_json_value) + "\n")


def _b64(value: bytes) -> str:
    return base64.b64encode(value).decode("ascii")


def _json_value(value: Any) -> Any:
    if isinstance(value, date | datetime):
        return value.isoformat()
    if isinstance(value, bytes):
        return _b64(value)
    raise TypeError(f"cannot write {type(value).__name__} as JSON")
