"""``newsgraph load``: put the shards of a cluster run into a store, as ``ingest`` would.

The rows go through ingest's own write path (``newsgraph.ingestion``): articles already in the
store are skipped (their new source recorded), each batch is one transaction, an input that
failed is kept in the errors table with its raw bytes. So loading the shards of some inputs
gives the store ``ingest`` of the same inputs gives, loading twice changes no record, and a
load that is stopped is finished by running it again. Several loads may write one PostgreSQL
store at once (each article is written under its own lock).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from ..ingestion import IngestProgress, IngestResult, OutcomeHook, logged_run, store_items
from ..store import Store, open_store
from .shards import Item, ShardError, count_rows, read_shards, shard_paths
from .storage import Storage

# articles per transaction: larger than ingest's parse batch, since nothing is parsed here
DEFAULT_LOAD_BATCH = 64


def load_shards(
    shards_dir: str | Path,
    store: str | Path | Store,
    *,
    batch_size: int = DEFAULT_LOAD_BATCH,
    on_progress: Callable[[IngestProgress], None] | None = None,
    on_outcome: OutcomeHook | None = None,
    part: tuple[int, int] = (1, 1),
    storage: Storage | None = None,
) -> IngestResult:
    """Load every complete shard of ``shards_dir`` into ``store`` (a path, URL or open store).

    ``shards_dir`` may be an object-store URI (``s3://bucket/shards``); ``storage`` says how
    to reach it (``newsgraph.scale.storage``; default: as the environment says).

    ``part=(k, n)``: only the k-th of every n shards (1-based), so that n loads into one
    PostgreSQL store share a folder. Raises ``newsgraph.scale.shards.ShardError`` for a folder
    that holds no shards, or a broken one, and ``newsgraph.store.StoreError`` when the store
    cannot be opened.
    """
    storage = storage or Storage.from_env()
    paths = shard_paths(shards_dir, storage)
    if not paths:
        raise ShardError(f"no shards in {shards_dir} (a cluster run writes them: scale-run)")
    k, n = part
    if not 1 <= k <= n:
        raise ValueError(f"part {k}/{n}: need 1 <= {k} <= {n}")
    paths = paths[k - 1 :: n]
    total = count_rows(paths, storage)
    owned = not isinstance(store, Store)
    opened = open_store(store) if owned else store
    result = IngestResult(store=opened.target, run_id=None)
    # each item's record until ingest's write path asks for it; the item is kept beside it so
    # that its id() cannot be reused by another item meanwhile
    records: dict[int, tuple[Item, dict[str, Any]]] = {}

    def items() -> Iterator[Item]:
        for row in read_shards(paths, storage=storage):
            records[id(row.item)] = (row.item, row.record)
            yield row.item

    def annotated(todo: Iterable[Item]) -> Iterator[tuple[Item, dict[str, Any]]]:
        for item in todo:
            yield records.pop(id(item))

    def outcome(kind: str, item: Item, failure: Any) -> None:
        if kind == "skipped":
            records.pop(id(item), None)  # a skipped item is never annotated: forget its record
        if on_outcome is not None:
            on_outcome(kind, item, failure)

    config = {"command": "load", "shards": str(shards_dir), "part": f"{k}/{n}"}
    return logged_run(
        opened,
        config,
        result,
        lambda: store_items(
            opened,
            items(),
            result,
            total=total,
            annotate=annotated,
            batch_size=batch_size,
            on_progress=on_progress,
            on_outcome=outcome,
        ),
        close=owned,
    )
