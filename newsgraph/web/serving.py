"""``newsgraph serve``: one process, or several worker processes on one listening socket.

Rendering a page is Python (Jinja, the row readers) and holds the GIL, so one process uses one
core however many threads it runs. With ``workers`` > 1 uvicorn binds the socket once and
starts that many processes on it; each builds the application itself (``app_from_environment``,
a factory uvicorn imports by name) from the settings the parent leaves in the environment, and
opens the store read-only on its own: DuckDB lets several processes read one file, and on
PostgreSQL each worker holds one connection. The Host check, the token and the security
headers are the application's own middleware, so every worker applies them. The workers share
their rendered answers through a private folder the parent creates and removes
(``cache.SharedFolder``), so a page one of them rendered is not rendered again by another.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
import tempfile
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any

from ..store import actor_rows

SETTINGS_VARIABLE = "NEWSGRAPH_SERVE_SETTINGS"
MAX_DEFAULT_WORKERS = 4
# The whole-store summaries a read-only store memoises (``memo.unchanging``): taken before
# the first request, not by it (on 100,000 articles the actor counts alone take half a second)
WHOLE_STORE_SUMMARIES = (
    "outlets",
    "actor_types",
    "event_types",
    "statement_facets",
    "article_order",
    "_actor_stats",
)


@dataclass(frozen=True)
class ServeSettings:
    db: str
    host: str = "127.0.0.1"
    port: int = 8000
    allowed_hosts: list[str] = field(default_factory=list)
    token: str | None = None
    workers: int = 1
    cache_mb: float = 64
    shared_cache: str | None = None  # the workers' answer folder (``cache.SharedFolder``)


def default_workers(dialect: str) -> int:
    """A process per two cores (at least one, at most four) on a DuckDB file: DuckDB runs each
    query on threads of its own, and with the answer cache one process's hits are cheaper than
    several processes' duplicated misses (on 2 cores, 20 users: 1 process p95 220 ms at 320
    requests/s, 2 processes 417 ms at 182; docs/serve.md). One elsewhere (PostgreSQL), where
    each worker holds a connection of its own (ask for more with ``--workers``)."""
    if dialect != "duckdb":
        return 1
    return max(1, min((os.cpu_count() or 1) // 2, MAX_DEFAULT_WORKERS))


def build_app(settings: ServeSettings) -> Any:
    """The application over the store of ``settings``, opened read-only; closed at shutdown."""
    from ..store import open_store
    from .app import create_app

    store = open_store(settings.db, read_only=True)
    app = create_app(
        store,
        allowed_hosts=settings.allowed_hosts,
        token=settings.token,
        cache_mb=settings.cache_mb,
    )
    app.router.on_shutdown.append(store.close)
    warm_up(app)
    return app


def warm_up(app: Any) -> None:
    """Take the whole-store summaries and load the knowledge base now, before this process
    accepts a request; a worker that is not ready yet takes no connection."""
    from . import lookup

    reader = app.state.reader
    if reader.frozen:
        for name in WHOLE_STORE_SUMMARIES:
            getattr(reader, name)()
        reader.keep_wordings()
        reader._memo["actor_rows"] = current = actor_rows.is_current(reader._fetch)
        if not current:  # the pages are right either way, only slower
            print(
                "newsgraph serve: no current actor_rows in this store (written by `newsgraph "
                "link`); actor pages take the slower general queries",
                file=sys.stderr,
            )
    lookup.warm()


def app_from_environment() -> Any:
    """A worker's application: what the parent ``serve`` put in ``SETTINGS_VARIABLE``."""
    return build_app(ServeSettings(**json.loads(os.environ[SETTINGS_VARIABLE])))


def run_workers(settings: ServeSettings) -> None:
    """Serve until interrupted in ``settings.workers`` processes on one socket."""
    import uvicorn

    # in memory where the system has a RAM folder for it; removed when the server stops
    shm = Path("/dev/shm")
    where = str(shm) if shm.is_dir() and os.access(shm, os.W_OK) else None
    folder = tempfile.mkdtemp(prefix="newsgraph-serve-", dir=where)
    settings = replace(settings, shared_cache=folder)
    os.environ[SETTINGS_VARIABLE] = json.dumps(asdict(settings))
    try:
        uvicorn.run(
            f"{__name__}:app_from_environment",
            factory=True,
            host=settings.host,
            port=settings.port,
            workers=settings.workers,
            log_level="info",
        )
    finally:
        shutil.rmtree(folder, ignore_errors=True)
