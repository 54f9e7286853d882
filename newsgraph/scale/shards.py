"""Record shards: the Parquet files a cluster run writes and ``newsgraph load`` reads.

One row per input item (an article, or an input that could not become one), in reading order:

| column | what |
| --- | --- |
| ``input`` | the input file the item was read from, as named on the command line's expansion |
| ``seq`` | the item's position within that input |
| ``id`` | the article id (null for an input that failed before it had one) |
| ``kind`` | ``article`` (annotated: its record may still be an error record) or ``error`` |
| ``source``, ``format`` | where the item came from (``path#line`` in JSON Lines), how read |
| ``record`` | the contract record (docs/contract.md) as JSON |
| ``raw`` | the item's raw input bytes, kept by the store as ``ingest`` keeps them |

A shard is written under a hidden temporary name and renamed into place when complete, and
its Parquet key-value metadata lists the inputs it covers (``newsgraph.inputs``). So a shard
that is visible is whole, the inputs it lists are done, and an interrupted shard never counts:
a re-run sees its inputs as not done and does them again.
"""

from __future__ import annotations

import hashlib
import json
import os
import uuid
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from ..model import Article, ArticleError

SHARD_SUFFIX = ".parquet"
SHARD_FORMAT_VERSION = "1"
INPUTS_KEY = b"newsgraph.inputs"
VERSION_KEY = b"newsgraph.shard_format"
ARTICLE, ERROR = "article", "error"

SHARD_SCHEMA = pa.schema(
    [
        pa.field("input", pa.large_string()),
        pa.field("seq", pa.int64()),
        pa.field("id", pa.large_string()),
        pa.field("kind", pa.string()),
        pa.field("source", pa.large_string()),
        pa.field("format", pa.string()),
        pa.field("record", pa.large_string()),
        pa.field("raw", pa.large_binary()),
    ]
)

Item = Article | ArticleError


class ShardError(Exception):
    """A shards folder that cannot be read (missing, or holding a broken shard)."""


def shard_name(inputs: Iterable[str]) -> str:
    """A stable name for the shard of ``inputs``: a re-try of the same batch replaces it."""
    digest = hashlib.sha256("\n".join(sorted(inputs)).encode("utf-8", "surrogatepass"))
    return f"shard-{digest.hexdigest()[:20]}{SHARD_SUFFIX}"


def item_row(input_name: str, seq: int, item: Item, record: dict[str, Any]) -> dict[str, Any]:
    """The shard row of one item and its record."""
    return {
        "input": input_name,
        "seq": seq,
        "id": item.id,
        "kind": ERROR if isinstance(item, ArticleError) else ARTICLE,
        "source": item.source,
        "format": getattr(item, "format", None),
        # ensure_ascii keeps a lone surrogate of the text as an escape, which Arrow accepts
        "record": json.dumps(record),
        "raw": bytes(item.raw) if item.raw else None,
    }


class ShardWriter:
    """Writes one shard: rows in row groups as they come, renamed into place by ``commit``.

    Use as a context manager; leaving it by an exception removes the temporary file, so an
    unfinished shard is never seen.
    """

    def __init__(self, out_dir: str | Path, inputs: list[str]) -> None:
        self.out_dir = Path(out_dir)
        self.inputs = inputs
        self.path = self.out_dir / shard_name(inputs)
        self._temporary = self.out_dir / f".tmp-{uuid.uuid4().hex}-{self.path.name}"
        metadata = {
            INPUTS_KEY: json.dumps(inputs).encode(),
            VERSION_KEY: SHARD_FORMAT_VERSION.encode(),
        }
        self.out_dir.mkdir(parents=True, exist_ok=True)
        self._writer = pq.ParquetWriter(
            self._temporary, SHARD_SCHEMA.with_metadata(metadata), compression="zstd"
        )
        self.rows = 0

    def write(self, rows: list[dict[str, Any]]) -> None:
        if rows:
            self._writer.write_table(pa.Table.from_pylist(rows, schema=SHARD_SCHEMA))
            self.rows += len(rows)

    def commit(self) -> Path:
        self._writer.close()
        with open(self._temporary, "rb") as handle:
            os.fsync(handle.fileno())  # the data is on disk before the name says it is done
        os.replace(self._temporary, self.path)
        return self.path

    def __enter__(self) -> ShardWriter:
        return self

    def __exit__(self, exc_type: Any, exc: Any, tb: Any) -> None:
        if exc_type is not None:
            self._writer.close()
            self._temporary.unlink(missing_ok=True)


def write_shard(out_dir: str | Path, inputs: list[str], rows: list[dict[str, Any]]) -> Path:
    """Write a whole shard at once (e.g. the driver's reader errors)."""
    with ShardWriter(out_dir, inputs) as writer:
        writer.write(rows)
        return writer.commit()


def shard_paths(shards_dir: str | Path) -> list[Path]:
    """The complete shards of a folder, in name order (temporary files left out)."""
    folder = Path(shards_dir)
    if not folder.is_dir():
        raise ShardError(f"no shards folder at {folder}")
    return sorted(
        p for p in folder.iterdir() if p.suffix == SHARD_SUFFIX and not p.name.startswith(".")
    )


def open_shard(path: Path) -> pq.ParquetFile:
    """A complete shard, opened (its footer read); ``ShardError`` for any other file."""
    try:
        shard = pq.ParquetFile(path)
    except (OSError, pa.ArrowException) as exc:
        raise ShardError(f"{path} is not a readable shard: {exc}") from exc
    if INPUTS_KEY not in (shard.schema_arrow.metadata or {}):
        raise ShardError(f"{path} is not a newsgraph shard (no {INPUTS_KEY.decode()} metadata)")
    return shard


def shard_inputs(path: Path) -> list[str]:
    """The inputs a shard covers, from its metadata (the data is not read)."""
    metadata = open_shard(path).schema_arrow.metadata or {}
    return list(json.loads(metadata[INPUTS_KEY]))


def done_inputs(shards_dir: str | Path) -> set[str]:
    """Every input some complete shard of ``shards_dir`` covers (none when it does not exist)."""
    if not Path(shards_dir).is_dir():
        return set()
    return {name for path in shard_paths(shards_dir) for name in shard_inputs(path)}


def count_rows(paths: Iterable[Path]) -> int:
    return sum(open_shard(path).metadata.num_rows for path in paths)


@dataclass(frozen=True, slots=True)
class ShardItem:
    """One row read back: the item as the readers gave it, and its record."""

    item: Item
    record: dict[str, Any]


def read_shards(paths: Iterable[Path], batch_rows: int = 1_000) -> Iterator[ShardItem]:
    """Every row of the shards at ``paths``, shard by shard, in row order."""
    for path in paths:
        for batch in open_shard(path).iter_batches(batch_size=batch_rows):
            for row in batch.to_pylist():
                yield item_of_row(row)


def item_of_row(row: dict[str, Any]) -> ShardItem:
    """Rebuild the item the loader stores: the article from its record's ``article`` part."""
    record = json.loads(row["record"])
    raw = row["raw"] or b""
    if row["kind"] == ERROR:
        error = record["error"]
        item: Item = ArticleError(
            error["code"], error["message"], source=row["source"], id=row["id"], raw=raw
        )
        return ShardItem(item, record)
    meta = record.get("article") or {}
    published = meta.get("published")
    article = Article(
        id=row["id"],
        text=meta.get("text") or "",
        title=meta.get("title"),
        outlet=meta.get("outlet"),
        published=date.fromisoformat(published) if published else None,
        url=meta.get("url"),
        language=meta.get("language"),
        raw=raw,
        source=row["source"],
        format=row["format"],
    )
    return ShardItem(article, record)
