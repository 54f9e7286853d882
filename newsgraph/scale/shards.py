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
a re-run sees its inputs as not done and does them again. On an object store (an ``s3://``
folder, ``newsgraph.scale.storage``) there is no rename: the shard is written to a local
temporary file and uploaded under its final key when complete, and an object store makes an
upload visible only once it is whole.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
import uuid
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.fs as pafs
import pyarrow.parquet as pq

from ..model import Article, ArticleError
from .storage import Storage, StorageError, child_uri, explain, is_uri

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
ShardRef = Path | str  # a local shard's path, or an object-store shard's URI


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
    """Writes one shard: rows in row groups as they come, put into place by ``commit``.

    ``out_dir``: a folder, or a URI (``newsgraph.scale.storage``). Use as a context manager;
    leaving it by an exception removes the temporary file, so an unfinished shard is never seen.
    """

    def __init__(
        self, out_dir: str | Path, inputs: list[str], storage: Storage | None = None
    ) -> None:
        self.storage = storage or Storage.from_env()
        self.inputs = inputs
        self.name = shard_name(inputs)
        local = self.storage.local_path(out_dir)
        self.out_dir: str | Path = local if local is not None else str(out_dir)
        if local is not None:
            self.path: ShardRef = local / self.name
            local.mkdir(parents=True, exist_ok=True)
            self._temporary = local / f".tmp-{uuid.uuid4().hex}-{self.name}"
        else:  # staged on this node, uploaded whole by commit
            self.path = child_uri(str(out_dir), self.name)
            handle, staged = tempfile.mkstemp(prefix=".tmp-newsgraph-", suffix=SHARD_SUFFIX)
            os.close(handle)
            self._temporary = Path(staged)
        metadata = {
            INPUTS_KEY: json.dumps(inputs).encode(),
            VERSION_KEY: SHARD_FORMAT_VERSION.encode(),
        }
        self._writer = pq.ParquetWriter(
            self._temporary, SHARD_SCHEMA.with_metadata(metadata), compression="zstd"
        )
        self.rows = 0

    def write(self, rows: list[dict[str, Any]]) -> None:
        if rows:
            self._writer.write_table(pa.Table.from_pylist(rows, schema=SHARD_SCHEMA))
            self.rows += len(rows)

    def commit(self) -> ShardRef:
        self._writer.close()
        if isinstance(self.path, str):
            self._upload(self.path)
            return self.path
        with open(self._temporary, "rb") as handle:
            os.fsync(handle.fileno())  # the data is on disk before the name says it is done
        os.replace(self._temporary, self.path)
        return self.path

    def _upload(self, uri: str) -> None:
        """One upload of the whole file: the key appears only when the store has all of it."""
        filesystem, key = self.storage.locate(uri)
        try:
            pafs.copy_files(
                str(self._temporary),
                key,
                source_filesystem=pafs.LocalFileSystem(),
                destination_filesystem=filesystem,
            )
        except OSError as exc:
            raise StorageError(explain(exc, uri, self.storage)) from None
        finally:
            self._temporary.unlink(missing_ok=True)

    def __enter__(self) -> ShardWriter:
        return self

    def __exit__(self, exc_type: Any, exc: Any, tb: Any) -> None:
        if exc_type is not None:
            self._writer.close()
            self._temporary.unlink(missing_ok=True)


def write_shard(
    out_dir: str | Path,
    inputs: list[str],
    rows: list[dict[str, Any]],
    storage: Storage | None = None,
) -> ShardRef:
    """Write a whole shard at once (e.g. the driver's reader errors)."""
    with ShardWriter(out_dir, inputs, storage) as writer:
        writer.write(rows)
        return writer.commit()


def is_shard_name(name: str) -> bool:
    return name.endswith(SHARD_SUFFIX) and not name.startswith(".")


def shard_paths(shards_dir: str | Path, storage: Storage | None = None) -> list[ShardRef]:
    """The complete shards of a folder (or object-store prefix), in name order (temporary
    files left out)."""
    storage = storage or Storage.from_env()
    if is_uri(shards_dir):
        uri = str(shards_dir)
        if storage.info(uri).type != pafs.FileType.Directory:
            raise ShardError(f"no shards folder at {uri}")
        names = storage.list_relative(uri)
        return [child_uri(uri, n) for n in names if "/" not in n and is_shard_name(n)]
    folder = Path(shards_dir)
    if not folder.is_dir():
        raise ShardError(f"no shards folder at {folder}")
    return sorted(p for p in folder.iterdir() if is_shard_name(p.name))


def open_shard(path: ShardRef, storage: Storage | None = None) -> pq.ParquetFile:
    """A complete shard, opened (its footer read); ``ShardError`` for any other file."""
    try:
        if isinstance(path, str) and is_uri(path):
            storage = storage or Storage.from_env()
            filesystem, key = storage.locate(path)
            shard = pq.ParquetFile(filesystem.open_input_file(key))
        else:
            shard = pq.ParquetFile(path)
    except (OSError, pa.ArrowException) as exc:
        raise ShardError(f"{path} is not a readable shard: {exc}") from exc
    if INPUTS_KEY not in (shard.schema_arrow.metadata or {}):
        raise ShardError(f"{path} is not a newsgraph shard (no {INPUTS_KEY.decode()} metadata)")
    return shard


def shard_inputs(path: ShardRef, storage: Storage | None = None) -> list[str]:
    """The inputs a shard covers, from its metadata (the data is not read)."""
    metadata = open_shard(path, storage).schema_arrow.metadata or {}
    return list(json.loads(metadata[INPUTS_KEY]))


def done_inputs(shards_dir: str | Path, storage: Storage | None = None) -> set[str]:
    """Every input some complete shard of ``shards_dir`` covers (none when it does not exist).

    On an object store this is where a missing bucket or refused credentials show first.
    """
    storage = storage or Storage.from_env()
    if is_uri(shards_dir):
        found = storage.info(str(shards_dir)).type
        if found == pafs.FileType.File:
            raise ShardError(f"--out {shards_dir} is a file, not a folder")
        if found == pafs.FileType.NotFound:
            return set()
    elif not Path(shards_dir).is_dir():
        return set()
    paths = shard_paths(shards_dir, storage)
    return {name for path in paths for name in shard_inputs(path, storage)}


def count_rows(paths: Iterable[ShardRef], storage: Storage | None = None) -> int:
    return sum(open_shard(path, storage).metadata.num_rows for path in paths)


@dataclass(frozen=True, slots=True)
class ShardItem:
    """One row read back: the item as the readers gave it, and its record."""

    item: Item
    record: dict[str, Any]


def read_shards(
    paths: Iterable[ShardRef], batch_rows: int = 1_000, storage: Storage | None = None
) -> Iterator[ShardItem]:
    """Every row of the shards at ``paths``, shard by shard, in row order."""
    for path in paths:
        for batch in open_shard(path, storage).iter_batches(batch_size=batch_rows):
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
