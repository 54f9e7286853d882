"""Annotate a stream of articles on a Ray cluster, or on a Ray instance started on this machine.

The semantics are those of :func:`newsgraph.scale.local.annotate_stream`: one ``(item, record)``
per input item, in input order; reader errors (``ArticleError``) pass straight through on the
driver; an article that crashes the pipeline becomes an ``internal`` error record for that article
alone. Only the driver reads inputs and only the driver writes results (a store has one writer);
workers see plain article columns, never the raw input bytes.

The workers are plain Ray actors (``AnnotatorActor``), one pipeline each, fed blocks of articles
by the driver; each block's records come back as one JSON array. Not Ray Data: for this stream
from the driver, its machinery cost more than it gave (measured in docs/benchmarks.md, "Where
Ray's time went"): a remote task per block before any actor starts, three helper actors, an
executor thread, 1.6 s of import on the driver. ``newsgraph scale-run``
(``newsgraph.scale.ray_data``), where the workers read and write for themselves, uses Ray Data.

Ray is an optional dependency: ``pip install 'newsgraph[scale]'``. It is imported only when a
Ray run is asked for.
"""

from __future__ import annotations

import json
import logging
import math
import os
import sys
from collections import deque
from collections.abc import Iterable, Iterator
from contextlib import contextmanager, nullcontext
from datetime import date
from itertools import chain, islice
from types import ModuleType
from typing import Any

from ..model import Article, ArticleError
from ..pipeline import Annotator
from .lifeline import pid_view, tie_to_driver
from .local import Item, Result, annotate_safely, default_workers
from .ray_guard import RayGuard

# Inputs are cut into windows: the driver never holds more than a window of pending articles,
# and results start flowing before the whole input is read. The actors serve every window.
DEFAULT_WINDOW = 10_000

# Text fields travel as UTF-8 bytes encoded with "surrogatepass", so any Python str (even one
# with a lone surrogate) crosses to the worker and back unchanged: offsets stay exact.
TEXT_FIELDS = ("id", "text", "title", "outlet", "url", "language", "source", "format")
SEQ = "seq"  # position of the article in its window: results are matched by it, not trusted
# Blocks given to an actor before it finished the one it parses. Ray Data's default (2) lets the
# first actor that is ready take two blocks while the others still load their pipeline, and
# leaves one actor parsing a queued block at the end while the others have nothing left:
# measured, one actor of two parsed both blocks of a 32-article window. With 1, a block goes to
# whichever actor is free; the next block reaches it a few milliseconds after it asks.
# (`scale-run` gives it to Ray Data; here the driver, which feeds the actors itself, queues a
# second block on an actor only while more blocks than actors remain: it hides the round trip
# while the caller is busy writing records, and leaves no actor with a queued block at the end.)
TASKS_PER_ACTOR = 1
TASKS_PER_ACTOR_WHILE_MANY = 2
# an actor that dies (killed, out of memory) is restarted and its block retried this many times
# before the run fails (Ray Data retries forever: an article that kills its worker would loop)
RESTARTS = 2

INSTALL_HINT = "Ray is not installed; install the scale extra: pip install 'newsgraph[scale]'"


class RayNotInstalled(ImportError):
    """Raised when a Ray run is asked for but the ``scale`` extra is missing."""


class RayRunFailed(RuntimeError):
    """The Ray run stopped: an actor could not start, or a worker died beyond retries."""


def import_ray(data: bool = True) -> ModuleType:
    """Import Ray (with Ray Data unless ``data`` is False: 1.6 s) or explain how to install it."""
    try:
        import ray

        if data:
            import ray.data  # the [data] part of the extra
    except ImportError as exc:
        raise RayNotInstalled(f"{INSTALL_HINT} ({exc})") from exc
    return ray


# ---------------------------------------------------------------------------------------------
# articles as plain columns, and back


def article_row(article: Article, seq: int) -> dict[str, Any]:
    """The columns a worker needs to rebuild ``article``; raw bytes stay on the driver."""
    row: dict[str, Any] = {field: _pack(getattr(article, field)) for field in TEXT_FIELDS}
    row["published"] = article.published.isoformat() if article.published else None
    row[SEQ] = seq
    return row


def article_from_row(row: dict[str, Any]) -> Article:
    fields = {field: _unpack(row[field]) for field in TEXT_FIELDS}
    published = date.fromisoformat(row["published"]) if row["published"] else None
    return Article(**fields, published=published)


def _pack(value: str | None) -> bytes | None:
    return None if value is None else value.encode("utf-8", "surrogatepass")


def _unpack(value: bytes | None) -> str | None:
    return None if value is None else value.decode("utf-8", "surrogatepass")


# ---------------------------------------------------------------------------------------------
# the worker side


class AnnotatorActor:
    """A Ray actor holding one pipeline (loaded once); annotates blocks of article rows."""

    def __init__(
        self, model: str | None = None, batch_size: int = 16, driver: tuple[str, int] | None = None
    ) -> None:
        # on the driver's machine, an actor also ends when the driver does, even if Ray is slow
        # to notice (elsewhere Ray ends the actors of a driver's job when the job ends)
        tie_to_driver(driver)
        self.annotator = Annotator(model, batch_size=batch_size)

    def annotate(self, rows: list[dict[str, Any]]) -> bytes:
        """The block's records, in its order, as one JSON array: one compact object to send
        back, and the records the driver gets are exactly JSON's (as a store keeps them)."""
        records = annotate_safely(self.annotator, [article_from_row(row) for row in rows])
        # ensure_ascii (the default) keeps any lone surrogate as an escape: valid UTF-8
        return json.dumps(records).encode("ascii")


# ---------------------------------------------------------------------------------------------
# the driver side


def annotate_with_ray(
    items: Iterable[Item],
    *,
    model: str | None = None,
    concurrency: int | None = 2,
    batch_size: int = 16,
    address: str | None = None,
    window: int = DEFAULT_WINDOW,
) -> Iterator[Result]:
    """Yield ``(item, record)`` for every input item, in input order, annotating on Ray.

    ``address=None`` (and no ``RAY_ADDRESS`` in the environment) starts a Ray instance on this
    machine with ``concurrency`` CPUs and shuts it down at the end; ``"auto"`` joins the cluster
    this machine belongs to; ``"ray://host:10001"`` connects through Ray Client. If Ray is
    already initialised in this process it is used as it is, and left running.

    ``concurrency`` is the number of annotator actors, each holding one pipeline (about 0.6 GB);
    ``None`` means one per CPU of the cluster (on a local instance: ``default_workers()``).

    Ray's driver prints the errors it hears from the cluster (task retries, dead workers) to
    ``sys.stdout``: a caller that writes data to stdout should redirect it while this runs.
    """
    if (concurrency is not None and concurrency < 1) or batch_size < 1 or window < 1:
        raise ValueError("concurrency, batch_size and window must be at least 1")
    ray = import_ray(data=False)
    address = address or os.environ.get("RAY_ADDRESS") or None
    # resolved here: a worker's environment is its node's `ray start`, not this process's
    model = model or os.environ.get("NEWSGRAPH_MODEL") or None
    with ray_session(ray, address, num_cpus=concurrency or default_workers()):
        pool = ActorPool(ray, model, batch_size, concurrency or cluster_cpus(ray))
        try:
            # the actors load their pipelines while the driver reads the rest of the window:
            # the first items say how many are worth starting
            stream = iter(items)
            head = list(islice(stream, pool.size * batch_size))
            pool.start(math.ceil(sum(isinstance(i, Article) for i in head) / batch_size))
            for window_items in _windows(chain(head, stream), window):
                yield from _annotate_window(window_items, pool)
        finally:
            pool.stop()


@contextmanager
def ray_session(ray: ModuleType, address: str | None, *, num_cpus: int) -> Iterator[None]:
    """Ray connected for the block; an instance started here is shut down at its end.

    A private instance (no ``address``, Ray not yet initialised, Linux) dies with this process,
    even by SIGKILL: a guard process stops it (see ``ray_guard``).
    """
    private = address is None and not ray.is_initialized() and sys.platform.startswith("linux")
    guard = RayGuard() if private else None
    started_here = False
    try:
        started_here = connect(ray, address, num_cpus=num_cpus, guard=guard)
        yield
    finally:
        if started_here:
            ray.shutdown()
        if guard is not None:
            guard.stop()


def connect(
    ray: ModuleType, address: str | None, *, num_cpus: int, guard: RayGuard | None = None
) -> bool:
    """Initialise Ray quietly unless it already is; returns whether this call started it.

    A ``guard`` marks the processes of a private instance, to stop them if this process dies.
    """
    if ray.is_initialized():
        return False
    # stdout may carry `newsgraph annotate`'s JSON Lines: keep Ray's own chatter off it
    quiet: dict[str, Any] = {"logging_level": logging.WARNING, "log_to_driver": False}
    if address is None:
        # "local": a fresh instance even where `ray start` left one running on this machine
        with guard.marking() if guard else nullcontext():
            ray.init(address="local", num_cpus=num_cpus, include_dashboard=False, **quiet)
        if guard is not None and (folder := session_dir(ray)):
            guard.add_session(folder)
    else:
        ray.init(address=address, **quiet)
    return True


def session_dir(ray: ModuleType) -> str | None:
    """The folder of this Ray instance's logs and sockets (Ray has no public call for it)."""
    node = getattr(getattr(ray, "_private", None), "worker", None)
    node = getattr(node, "_global_node", None)
    return node.get_session_dir_path() if node is not None else None


def cluster_cpus(ray: ModuleType) -> int:
    return max(1, int(ray.cluster_resources().get("CPU", 1)))


def _windows(items: Iterable[Item], size: int) -> Iterator[list[Item]]:
    window: list[Item] = []
    for item in items:
        window.append(item)
        if len(window) >= size:
            yield window
            window = []
    if window:
        yield window


class ActorPool:
    """Annotator actors, started as soon as the first items show how many are worth a
    pipeline load each (no more than the blocks they make), topped up to ``size`` when a window
    has more blocks, and kept for every window."""

    def __init__(self, ray: ModuleType, model: str | None, batch_size: int, size: int) -> None:
        self.ray = ray
        self.model = model
        self.batch_size = batch_size
        self.size = size
        self.actors: list[Any] = []

    def start(self, blocks: int) -> list[Any]:
        """The actors, at least ``min(size, blocks)`` of them: more are started if a window
        has more blocks than the first items showed (each actor costs a pipeline load)."""
        missing = min(self.size, blocks) - len(self.actors)
        if missing > 0:
            remote = self.ray.remote(num_cpus=1, max_restarts=RESTARTS, max_task_retries=RESTARTS)(
                AnnotatorActor
            )
            driver = (pid_view(), os.getpid())
            self.actors += [
                remote.remote(self.model, self.batch_size, driver) for _ in range(missing)
            ]
        return self.actors

    def stop(self) -> None:
        """End the actors now: a graceful exit would spend CPU freeing a pipeline's memory."""
        for actor in self.actors:
            self.ray.kill(actor)
        self.actors = []


def _annotate_window(window: list[Item], pool: ActorPool) -> Iterator[Result]:
    rows = [article_row(item, seq) for seq, item in enumerate(window) if isinstance(item, Article)]
    results = _ray_results(rows, pool) if rows else iter(())
    return in_input_order(window, results)


def _ray_results(
    rows: list[dict[str, Any]], pool: ActorPool
) -> Iterator[tuple[int, dict[str, Any]]]:
    """Annotate ``rows`` in blocks on the pool; yields ``(seq, record)`` as blocks finish.

    A freed actor gets its next block before the records of the one it finished are yielded,
    so it parses on while the caller writes them.
    """
    from ray.exceptions import RayError

    ray = pool.ray
    actors = pool.start(math.ceil(len(rows) / pool.batch_size))
    size = block_size(len(rows), pool.batch_size, len(actors))
    pending = deque(rows[i : i + size] for i in range(0, len(rows), size))
    running: dict[Any, tuple[Any, list[dict[str, Any]]]] = {}  # task -> (actor, its block)
    in_flight = dict.fromkeys(range(len(actors)), 0)

    def feed(index: int) -> None:
        # a second block queued on an actor hides the round trip, but only while there are
        # more blocks than actors: at the end, a queued block would leave another actor idle
        while pending and in_flight[index] < (
            TASKS_PER_ACTOR_WHILE_MANY if len(pending) > len(actors) else TASKS_PER_ACTOR
        ):
            block = pending.popleft()
            running[actors[index].annotate.remote(block)] = (index, block)
            in_flight[index] += 1

    try:
        for index in in_flight:
            feed(index)
        while running:
            [task], _ = ray.wait(list(running), num_returns=1)
            index, block = running.pop(task)
            in_flight[index] -= 1
            feed(index)
            records = json.loads(ray.get(task))
            yield from zip((row[SEQ] for row in block), records, strict=True)
    except RayError as exc:
        # the pending tasks' refs go now: kept alive by this traceback, they would be freed after
        # ray.shutdown(), and Ray ends a process that frees a ref then
        running.clear()
        # Ray's message is a remote traceback; its last line names the cause
        # (e.g. "newsgraph.nlp.ModelNotFound: No spaCy model found ...")
        raise RayRunFailed(f"annotation on Ray failed: {last_line(str(exc))}") from exc


def block_size(rows: int, batch_size: int, actors: int) -> int:
    """Articles per block (one actor task): at most ``batch_size``, and a number of blocks that
    is a multiple of ``actors`` where there are more blocks than actors, so that the actors
    finish together instead of one parsing the last block while the others wait."""
    blocks = math.ceil(rows / batch_size)
    if blocks > actors:
        blocks = math.ceil(blocks / actors) * actors
    return max(1, math.ceil(rows / max(1, blocks)))


def last_line(message: str) -> str:
    lines = [line.strip() for line in message.splitlines() if line.strip()]
    return lines[-1] if lines else message


def quiet_ray_data_console() -> None:
    """Keep Ray Data's per-dataset INFO lines off the terminal; its log files keep them."""
    for handler in logging.getLogger("ray.data").handlers:
        is_console = isinstance(handler, logging.StreamHandler) and not isinstance(
            handler, logging.FileHandler
        )
        if is_console and handler.level < logging.WARNING:
            handler.setLevel(logging.WARNING)
    # it warns that progress bars are off, which `scale-run` turns off on purpose
    logging.getLogger("ray.data._internal.progress").setLevel(logging.ERROR)


def in_input_order(
    window: list[Item], results: Iterator[tuple[int, dict[str, Any]]]
) -> Iterator[Result]:
    """Pair each item of ``window`` with its record, in window order.

    Reader errors keep their own record. Blocks finish in any order: records are matched by
    position, and a record that comes early waits here for its turn.
    """
    early: dict[int, dict[str, Any]] = {}
    for seq, item in enumerate(window):
        if isinstance(item, ArticleError):
            yield item, item.to_dict()
            continue
        while seq not in early:
            got = next(results, None)
            if got is None:
                raise RuntimeError(f"Ray returned no record for article {item.id!r}")
            early[got[0]] = got[1]
        yield item, early.pop(seq)
