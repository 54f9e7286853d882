"""Ingest: read, annotate and store articles, resumably; the API the ``ingest`` command calls
(``newsgraph.ingest``).

>>> import newsgraph                                            # doctest: +SKIP
>>> result = newsgraph.ingest(["examples/"], store="news.duckdb")
>>> result.stored, result.skipped, result.failed, result.errors[:1]

Each batch of articles is written in one transaction, so a run that is killed leaves whole
articles only and a re-run stores the rest (articles already stored are skipped, their new
source recorded). An input that fails is kept in the store's errors table with its reason and
raw bytes, and listed in ``IngestResult.errors``. A run in which every input fails does not
create a store that was not there.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from itertools import chain, islice
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .model import Article, ArticleError
    from .store import Store

    Item = Article | ArticleError

DEFAULT_STORE = "newsgraph.duckdb"
# on_outcome(outcome, item, failure): outcome stored|skipped|failed; failure set when failed
OutcomeHook = Callable[[str, "Item", "InputFailure | None"], None]
ENGINES = ("local", "ray")
# below this many inputs a run stays in one process (workers each load the pipeline)
SMALL_RUN = 64
# stored ids are looked up this many inputs at a time
LOOKUP_CHUNK = 500


@dataclass(frozen=True, slots=True)
class InputFailure:
    """One input that could not be stored: where it came from, and why."""

    source: str | None  # the path (``path#n`` for the n-th item of a multi-article file)
    id: str | None
    code: str  # see docs/errors.md
    message: str

    def line(self) -> str:
        """One line naming the input and the reason."""
        return f"{self.source or self.id or '<unknown input>'}: {self.message} ({self.code})"


@dataclass(slots=True)
class IngestProgress:
    """Where a run stands: inputs done (stored + skipped + failed) out of about ``total``."""

    done: int
    total: int | None  # an up-front estimate (docs/architecture.md "Runs stream"); None: stdin
    counts: Mapping[str, int]


@dataclass(slots=True)
class IngestResult:
    """What a run did. ``ok`` is false when inputs failed and none was stored or skipped."""

    store: str
    run_id: str | None
    stored: int = 0
    skipped: int = 0
    failed: int = 0
    not_english: int = 0
    errors: list[InputFailure] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.failed == 0 or self.stored + self.skipped > 0

    def summary(self) -> str:
        line = f"{self.stored} stored, {self.skipped} skipped, {self.failed} failed"
        if self.not_english:
            line += f" ({self.not_english} not English: stored, not parsed)"
        return line


def ingest(
    paths: str | Sequence[str],
    store: str | Path | Store = DEFAULT_STORE,
    *,
    format: str = "auto",
    published: date | None = None,
    outlet: str | None = None,
    field_map: Mapping[str, str] | None = None,
    model: str | None = None,
    workers: int | None = None,
    engine: str = "local",
    batch_size: int = 16,
    ray_address: str | None = None,
    on_progress: Callable[[IngestProgress], None] | None = None,
    on_outcome: OutcomeHook | None = None,
) -> IngestResult:
    """Read ``paths`` (files, directories, globs, ``-``), annotate and store every article.

    ``store``: a DuckDB path, a ``postgresql://`` URL (or a plug-in backend's URL), or an open
    ``Store`` (left open). ``format``, ``published``, ``outlet``, ``field_map``: as for
    ``newsgraph.read.read_inputs``. ``engine``: ``local`` (``workers`` processes; default up to
    2) or ``ray`` (``workers`` Ray actors, at ``ray_address``). ``on_progress`` is called after
    every batch; ``on_outcome(outcome, item, failure)`` for every input, outcome
    stored|skipped|failed (``failure``, an ``InputFailure``, only for failed).
    Raises ``ValueError`` for an unknown format or engine and ``newsgraph.store.StoreError``
    when the store cannot be opened; a bad input never raises.
    """
    from .model import ArticleError
    from .read import read_inputs
    from .read.count import estimate_items
    from .store import Store, StoreNotFound, open_store

    if engine not in ENGINES:
        raise ValueError(f"unknown engine {engine!r}; choose from {', '.join(ENGINES)}")
    items = read_inputs(
        paths, format, published=published, outlet=outlet, field_map=dict(field_map or {})
    )
    total = estimate_items(items.sources)
    head, ended = leading_failures(items)
    target = store.target if isinstance(store, Store) else str(store)
    result = IngestResult(store=target, run_id=None)
    if isinstance(store, Store):
        opened, owned = store, False
    else:
        try:
            # a run whose every input failed gives no reason to create a store
            nothing_readable = ended and all(isinstance(item, ArticleError) for item in head)
            opened, owned = open_store(store, create=not nothing_readable), True
        except StoreNotFound:
            for failure in head:
                _fail(result, failure, on_outcome)
            return result
    config = {
        "command": "ingest",
        "paths": [paths] if isinstance(paths, str) else list(paths),
        "format": format,
        "date": published.isoformat() if published else None,
        "outlet": outlet,
        "model": model,
        "engine": engine,
    }
    return logged_run(
        opened,
        config,
        result,
        lambda: store_items(
            opened,
            chain(head, items),
            result,
            total=total,
            annotate=lambda todo: annotate_items(
                todo,
                engine=engine,
                model=model,
                workers=workers,
                batch_size=batch_size,
                ray_address=ray_address,
            ),
            batch_size=batch_size,
            on_progress=on_progress,
            on_outcome=on_outcome,
        ),
        close=owned,
    )


def logged_run(
    store: Store,
    config: dict[str, Any],
    result: IngestResult,
    write: Callable[[], None],
    *,
    close: bool,
) -> IngestResult:
    """``write`` (a ``store_items`` call) as one run of the store's run log: ``config`` at its
    start, ``result``'s counts at its end; with ``close`` (the run opened the store), the store
    is closed after, however the run ends. The frame of ``ingest`` and of ``load``."""
    try:
        result.run_id = store.begin_run(config)
        write()
        store.finish_run(result.run_id, run_counts(result))
    finally:
        if close:
            store.close()
    return result


def leading_failures(items: Iterator[Item], limit: int = SMALL_RUN) -> tuple[list[Item], bool]:
    """The first items of ``items``, taken off it, up to the first article (at most ``limit``),
    and whether that ended the stream: whether a run has anything to store at all is known
    before a store is created."""
    from .model import ArticleError

    head: list[Item] = []
    for item in items:
        head.append(item)
        if not isinstance(item, ArticleError) or len(head) >= limit:
            return head, False
    return head, True


def store_items(
    store: Store,
    items: Iterable[Item],
    result: IngestResult,
    *,
    total: int | None,
    annotate: Callable[[Iterable[Item]], Iterable[tuple[Item, dict[str, Any]]]],
    batch_size: int,
    on_progress: Callable[[IngestProgress], None] | None,
    on_outcome: OutcomeHook | None,
) -> None:
    """Store what ``annotate`` makes of ``items``, skipping articles already stored and keeping
    failures in the errors table, counting into ``result``: the write path of ``ingest`` and of
    ``load`` (record shards of a cluster run)."""
    run_id = result.run_id or ""

    def report() -> None:
        if on_progress is not None:
            done = result.stored + result.skipped + result.failed
            on_progress(IngestProgress(done, total, run_counts(result)))

    def skipped(item: Item) -> None:
        result.skipped += 1
        if on_outcome is not None:
            on_outcome("skipped", item, None)

    report()
    todo = unstored(store, items, run_id, skipped)
    # the store is written here, on the caller's process, whatever the engine: one writer
    for batch in batched(annotate(todo), batch_size):
        # one transaction per batch: DuckDB's cost is per commit, not per row
        for outcome, item, failure in store_batch(store, batch, run_id):
            if failure is not None:
                result.errors.append(failure)
                result.failed += 1
            else:
                result.stored += 1
            if on_outcome is not None:
                on_outcome(outcome, item, failure)
        result.not_english += sum("error" in record and "article" in record for _, record in batch)
        report()
    report()


def _fail(result: IngestResult, item: ArticleError, on_outcome: OutcomeHook | None) -> None:
    failure = InputFailure(item.source, item.id, item.code, item.message)
    result.failed += 1
    result.errors.append(failure)
    if on_outcome is not None:
        on_outcome("failed", item, failure)


def run_counts(result: IngestResult) -> dict[str, int]:
    """The counts a run records and reports."""
    return {
        "stored": result.stored,
        "skipped": result.skipped,
        "failed": result.failed,
        "not_english": result.not_english,
    }


def unstored(
    store: Store,
    items: Iterable[Item],
    run_id: str,
    on_skip: Callable[[Item], None],
    chunk: int = LOOKUP_CHUNK,
) -> Iterator[Item]:
    """The items still to do, looked up in the store a chunk at a time as the stream goes."""
    seen: set[str] = set()
    for batch in batched(items, chunk):
        yield from skip_stored(store, batch, run_id, seen, on_skip)


def skip_stored(
    store: Store,
    items: list[Item],
    run_id: str,
    seen: set[str],
    on_skip: Callable[[Item], None],
) -> list[Item]:
    """Drop articles already in the store (recording the new source) and ones already ``seen``
    in this run (adding the others to it)."""
    ids = [item.id for item in items if not hasattr(item, "code")]
    known = store.known_ids(ids)
    todo = []
    for item in items:
        if hasattr(item, "code"):
            todo.append(item)
        elif item.id in known or item.id in seen:
            store.add_source(item.id, item.source, item.format, run_id)
            on_skip(item)
        else:
            seen.add(item.id)
            todo.append(item)
    return todo


def store_batch(
    store: Store, batch: list[tuple[Item, dict[str, Any]]], run_id: str
) -> list[tuple[str, Item, InputFailure | None]]:
    """Write one batch of results; returns ``(outcome, item, failure)``, outcome stored|failed.

    Articles go in one transaction; an input that failed is kept in the errors table with its
    reason and raw bytes. A non-English article is stored with its text, marked, not parsed.
    """
    from .model import ArticleError

    records, outcomes = [], []
    for item, record in batch:
        if isinstance(item, ArticleError):
            store.write_error(item, run_id)
            failure = InputFailure(item.source, item.id, item.code, item.message)
            outcomes.append(("failed", item, failure))
        elif "error" in record and "article" not in record:
            error = record["error"]
            as_error = ArticleError(
                error["code"], error["message"], source=item.source, id=item.id, raw=item.raw
            )
            store.write_error(as_error, run_id)
            failure = InputFailure(item.source, item.id, error["code"], error["message"])
            outcomes.append(("failed", item, failure))
        else:
            records.append((record, item))
            outcomes.append(("stored", item, None))
    store.write_records(records, run_id)
    return outcomes


def naming_source(item: Item, record: dict[str, Any]) -> dict[str, Any]:
    """An input's error record whose message starts with the input it came from, so a reader
    of ``annotate`` output knows which file failed. The contract's shape is unchanged:
    ``{"id", "error": {"code", "message"}}``."""
    source = getattr(item, "source", None)
    if "error" not in record or "article" in record or not source:
        return record
    error = record["error"]
    return {**record, "error": {**error, "message": f"{source}: {error['message']}"}}


def batched(iterable: Iterable[Any], size: int) -> Iterator[list[Any]]:
    iterator = iter(iterable)
    while batch := list(islice(iterator, size)):
        yield batch


def annotate_items(
    items: Iterable[Item],
    *,
    engine: str = "local",
    model: str | None = None,
    workers: int | None = None,
    batch_size: int = 16,
    ray_address: str | None = None,
) -> Iterator[tuple[Item, dict[str, Any]]]:
    """``(item, record)`` in input order, from local processes or from Ray."""
    if engine == "ray":
        from .scale.ray_runner import annotate_with_ray

        # workers is the number of Ray actors; unset: one per CPU of the cluster
        return annotate_with_ray(
            items, model=model, concurrency=workers, batch_size=batch_size, address=ray_address
        )
    from .scale.local import annotate_stream, default_workers

    # worker start-up costs a pipeline load each: only worth it for a real batch, so look at
    # the first items of the stream before choosing
    stream = iter(items)
    head = list(islice(stream, SMALL_RUN))
    n_articles = sum(1 for item in head if not hasattr(item, "code"))
    if n_articles == 0 and len(head) < SMALL_RUN:
        # only inputs that failed to read: their records need no pipeline (nor its load)
        return ((item, item.to_dict()) for item in head)
    small = len(head) < SMALL_RUN and n_articles < SMALL_RUN // 2
    n_workers = 1 if small else (workers if workers is not None else default_workers())
    return annotate_stream(
        chain(head, stream), model=model, workers=n_workers, batch_size=batch_size
    )
