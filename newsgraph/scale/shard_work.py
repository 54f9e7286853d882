"""What one worker of a cluster run does with a batch of inputs: read, annotate, write a shard.

Plain Python, no Ray: ``newsgraph.scale.ray_data`` runs it in Ray actors, and tests run it
directly. Inputs are read with newsgraph's own readers (``read_inputs``), so an input gives
the items, ids and error codes ``ingest`` would give it; Parquet files of article columns
(``id``, ``text``, ``title``, ``published``, ``outlet``, ``url``, renamed by ``field_map`` as
for JSON Lines) are read here too. An input named by a URI (``s3://bucket/key``,
``newsgraph.scale.storage``) is read through its filesystem on the worker's node, then parsed
by the same readers as a local file of that name (``read_bytes``). An object that is not there
is a failed input, as a missing file is; a store that fails (refuses, does not answer) fails
the whole batch instead, so that no input is recorded as done because of it.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pyarrow.fs as pafs

from ..model import Article, ArticleError
from ..pipeline import Annotator
from ..read.base import ReadContext
from .local import annotate_safely
from .shards import ShardWriter, item_row
from .storage import ObjectMissing, Storage, child_uri, is_uri

PARQUET_FORMAT = "parquet"
PARQUET_ROWS_PER_READ = 1_000
Item = Article | ArticleError


@dataclass(frozen=True, slots=True)
class ReadOptions:
    """The reading options of a run, as ``newsgraph ingest`` takes them."""

    fmt: str = "auto"
    published: date | None = None
    outlet: str | None = None
    field_map: dict[str, str] = field(default_factory=dict)


@dataclass(slots=True)
class ShardSummary:
    """What writing one shard did."""

    shard: str
    inputs: int
    articles: int = 0
    failed: int = 0

    def to_row(self) -> dict[str, Any]:
        return {
            "shard": self.shard,
            "inputs": self.inputs,
            "articles": self.articles,
            "failed": self.failed,
        }


def is_parquet_input(name: str, fmt: str) -> bool:
    return fmt == PARQUET_FORMAT or (fmt == "auto" and name.lower().endswith(".parquet"))


def uri_sources(uri: str, storage: Storage) -> list[str | ArticleError]:
    """The input files a URI names, as ``read_inputs`` expands a local argument: the object
    itself, or every file under the folder (prefix), hidden ones and the folder's own
    documentation (README, LICENSE ...) left out. ``StorageError`` when the store refuses."""
    from ..read import is_article_file

    if storage.info(uri).type == pafs.FileType.File:
        return [uri]
    names = [
        name
        for name in storage.list_relative(uri)
        if all(not part.startswith(".") for part in name.split("/")[:-1])
        and is_article_file(name.rsplit("/", 1)[-1])
    ]
    if not names:
        return [ArticleError("unreadable", "no file or folder of files here", source=uri)]
    return [child_uri(uri, name) for name in names]


def read_input(name: str, options: ReadOptions, storage: Storage | None = None) -> Iterator[Item]:
    """The items of one input file, as ``ingest`` reads them (Parquet: one article a row)."""
    if is_parquet_input(name, options.fmt):
        yield from read_parquet_articles(name, options, storage)
        return
    from ..read import read_bytes, read_inputs

    if not is_uri(name):
        yield from read_inputs(
            [name],
            options.fmt,
            published=options.published,
            outlet=options.outlet,
            field_map=options.field_map,
        )
        return
    ctx = _read_context(options)
    try:
        data = (storage or Storage.from_env()).read(name, _file_limit(ctx))
    except ObjectMissing as exc:  # any other StorageError fails the batch: a re-run retries
        yield ArticleError("unreadable", f"cannot read: {exc}", source=name)
        return
    if len(data) > _file_limit(ctx):
        yield ArticleError("too_large", f"input is over {_file_limit(ctx)} bytes", source=name)
        return
    yield from read_bytes(data, name, options.fmt, ctx)


def _read_context(options: ReadOptions) -> ReadContext:
    return ReadContext(
        published=options.published, outlet=options.outlet, field_map=options.field_map
    )


def _file_limit(ctx: ReadContext) -> int:
    """The most bytes one input file may hold, as the local reader's limit."""
    return max(ctx.limits.max_file_bytes, ctx.limits.max_bytes)


def read_parquet_articles(
    name: str, options: ReadOptions, storage: Storage | None = None
) -> Iterator[Item]:
    """Articles from a Parquet table of article columns; each row checked as a JSON Lines
    record is (its raw bytes: the row as JSON), a broken row an error of its own."""
    import pyarrow.parquet as pq

    from ..read.base import ReadError
    from ..read.jsonl import from_record

    ctx = _read_context(options)
    storage = storage or Storage.from_env()
    try:
        table = pq.ParquetFile(storage.open_file(name) if is_uri(name) else name)
        batches = table.iter_batches(batch_size=PARQUET_ROWS_PER_READ)
        number = 0
        for batch in batches:
            for row in batch.to_pylist():
                number += 1
                source = f"{name}#{number}"
                raw = json.dumps(row, default=_json_value, ensure_ascii=False).encode()
                try:
                    item = from_record(row, raw, source, ctx)
                except ReadError as exc:
                    item = ArticleError(exc.code, exc.message, source=source, raw=raw)
                if isinstance(item, Article):
                    item.format = PARQUET_FORMAT
                yield item
    except OSError as exc:
        if is_uri(name):  # the store failed, not the input: fail the batch, a re-run retries
            raise storage.failure(exc, name) from None
        yield ArticleError("unreadable", f"cannot read as Parquet: {exc}", source=name)
    except (ValueError, ObjectMissing) as exc:  # not Parquet, or not there: the input fails
        yield ArticleError("unreadable", f"cannot read as Parquet: {exc}", source=name)


def _json_value(value: Any) -> Any:
    if isinstance(value, date | datetime):
        return value.isoformat()
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace")
    return str(value)


def annotate_to_shard(
    annotator: Annotator,
    out_dir: str | Path,
    inputs: list[str],
    options: ReadOptions,
    storage: Storage | None = None,
) -> ShardSummary:
    """Read ``inputs``, annotate their articles and write them as one shard of ``out_dir``
    (a folder or an object-store URI; ``storage`` says how to reach one).

    Rows go to the shard a parse batch at a time, so a large input never sits in memory as
    records; the shard becomes visible (its inputs done) only when every input is written.
    """
    summary = ShardSummary(shard="", inputs=len(inputs))
    with ShardWriter(out_dir, inputs, storage) as writer:
        for name in inputs:
            pending: list[tuple[int, Item]] = []
            for seq, item in enumerate(read_input(name, options, storage)):
                pending.append((seq, item))
                if len(pending) >= annotator.batch_size:
                    writer.write(_annotated_rows(annotator, name, pending, summary))
                    pending = []
            writer.write(_annotated_rows(annotator, name, pending, summary))
        writer.commit()
        summary.shard = writer.name
    return summary


def _annotated_rows(
    annotator: Annotator, name: str, pending: list[tuple[int, Item]], summary: ShardSummary
) -> list[dict[str, Any]]:
    articles = [item for _, item in pending if isinstance(item, Article)]
    records = iter(annotate_safely(annotator, articles) if articles else [])
    rows = []
    for seq, item in pending:
        record = item.to_dict() if isinstance(item, ArticleError) else next(records)
        summary.articles += isinstance(item, Article)
        summary.failed += "error" in record and "article" not in record
        rows.append(item_row(name, seq, item, record))
    return rows
