"""``newsgraph errors``: which stored failures ``--run last`` lists."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import pytest

import newsgraph.store.base as store_base
from newsgraph.cli_errors import find_errors
from newsgraph.model import ArticleError
from newsgraph.store import open_store


def test_run_last_is_the_last_ingest_even_after_a_link(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A link logs a run of its own; the failures of the ingest before it are still "last"."""
    clock = iter(datetime(2026, 3, 2, 9, 0) + timedelta(minutes=m) for m in range(100))
    monkeypatch.setattr(store_base, "utcnow", lambda: next(clock))
    with open_store(tmp_path / "news.duckdb") as store:
        old = store.begin_run({"model": "en"})
        store.write_error(ArticleError("empty", "the file is empty", source="old.txt"), old)
        ingest = store.begin_run({"model": "en"})
        store.write_error(ArticleError("binary", "a PDF, not text", source="scan.pdf"), ingest)
        store.begin_run({"stage": "link", "mode": "full"})
        rows, total = find_errors(store, "last", 10)
    assert total == 1 and [(r["run_id"], r["source"]) for r in rows] == [(ingest, "scan.pdf")]
