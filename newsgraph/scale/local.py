"""Annotate a stream of articles on this machine, over one or several processes.

Order is kept: records come back in input order whatever the number of workers. Reader errors
pass straight through; an article that crashes the pipeline becomes an ``internal`` error record
for that article alone, so one bad input never takes the batch down.
"""

from __future__ import annotations

import os
import signal
import threading
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import contextmanager
from itertools import islice
from typing import Any

from ..model import Article, ArticleError
from ..pipeline import Annotator
from .lifeline import tie_to

Item = Article | ArticleError
Result = tuple[Item, dict[str, Any]]

_worker_annotator: Annotator | None = None


def default_workers() -> int:
    return max(1, min(2, os.cpu_count() or 1))


class ArticleTimeout(Exception):
    """The pipeline spent longer on an article than its time limit allows."""


@contextmanager
def time_limit(seconds: float | None) -> Iterator[None]:
    """Raise ``ArticleTimeout`` in this thread after ``seconds`` (SIGALRM; main thread only).

    Where no alarm can be set (another thread, no SIGALRM) the block runs without a limit.
    """
    usable = (
        seconds
        and hasattr(signal, "SIGALRM")
        and threading.current_thread() is threading.main_thread()
    )
    if not usable:
        yield
        return

    def on_alarm(signum: int, frame: Any) -> None:
        raise ArticleTimeout(f"no result within {seconds:g} s")

    previous = signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def annotate_safely(annotator: Annotator, articles: list[Article]) -> list[dict[str, Any]]:
    """Annotate a batch; if it fails or overruns, annotate one by one so only the culprit fails.

    Each article may take ``annotator.timeout_s`` seconds (the batch, that times its size);
    an article over its limit gets a ``timeout`` error, one that raises an ``internal`` error.
    """
    limit = annotator.timeout_s
    try:
        with time_limit(limit * len(articles) if limit else None):
            return annotator(articles)
    except Exception:  # isolate the failing article, report it, go on
        records = []
        for article in articles:
            try:
                with time_limit(limit):
                    records.extend(annotator([article]))
            except ArticleTimeout as exc:
                records.append(error_record(article, "timeout", f"pipeline stopped: {exc}"))
            except Exception as exc:
                records.append(internal_error(article, exc))
        return records


def internal_error(article: Article, exc: BaseException) -> dict[str, Any]:
    return error_record(article, "internal", f"pipeline failed: {type(exc).__name__}: {exc}")


def error_record(article: Article, code: str, message: str) -> dict[str, Any]:
    return ArticleError(code=code, message=message[:500], id=article.id).to_dict()


def _init_worker(
    model: str | None,
    batch_size: int,
    max_chars: int | None,
    driver_pid: int,
    death_signal: bool,
) -> None:
    global _worker_annotator
    # first, before the pipeline load: a worker must never outlive the run that started it
    tie_to(driver_pid, death_signal=death_signal)
    _worker_annotator = Annotator(model, batch_size=batch_size, max_chars=max_chars)


def _annotate_in_worker(articles: list[Article]) -> list[dict[str, Any]]:
    assert _worker_annotator is not None
    return annotate_safely(_worker_annotator, articles)


def _without_raw(article: Article) -> Article:
    """A copy without raw bytes: workers never need them and they may be large."""
    return Article(**{**{f: getattr(article, f) for f in Article.__slots__}, "raw": b""})


def annotate_stream(
    items: Iterable[Item],
    *,
    model: str | None = None,
    workers: int = 1,
    batch_size: int = 16,
    max_chars: int | None = None,
) -> Iterator[Result]:
    """Yield ``(item, record)`` for every input item, in input order."""
    batches = _batches(items, batch_size)
    if workers <= 1:
        annotator = Annotator(model, batch_size=batch_size, max_chars=max_chars)
        for batch in batches:
            yield from _pair(batch, annotate_safely(annotator, _articles(batch)))
        return
    # the kernel's parent-death signal follows the thread that forks the workers (here, on the
    # first submit); only the main thread is sure to last as long as the pool
    death_signal = threading.current_thread() is threading.main_thread()
    init_args = (model, batch_size, max_chars, os.getpid(), death_signal)
    with ProcessPoolExecutor(
        max_workers=workers, initializer=_init_worker, initargs=init_args
    ) as pool:
        in_flight: deque[tuple[list[Item], Future[list[dict[str, Any]]]]] = deque()
        for batch in batches:
            articles = [_without_raw(a) for a in _articles(batch)]
            in_flight.append((batch, pool.submit(_annotate_in_worker, articles)))
            if len(in_flight) >= workers * 2:
                done_batch, future = in_flight.popleft()
                yield from _pair(done_batch, future.result())
        while in_flight:
            done_batch, future = in_flight.popleft()
            yield from _pair(done_batch, future.result())


def _batches(items: Iterable[Item], size: int) -> Iterator[list[Item]]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


def _articles(batch: list[Item]) -> list[Article]:
    return [item for item in batch if isinstance(item, Article)]


def _pair(batch: list[Item], records: list[dict[str, Any]]) -> Iterator[Result]:
    """Zip a batch with the records of its articles; reader errors keep their own record."""
    annotated = iter(records)
    for item in batch:
        if isinstance(item, ArticleError):
            yield item, item.to_dict()
        else:
            yield item, next(annotated)
