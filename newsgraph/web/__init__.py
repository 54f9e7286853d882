"""The serve stage: a read-only web UI and JSON REST API over a newsgraph store.

>>> from newsgraph.store import open_store                       # doctest: +SKIP
>>> from newsgraph.web import create_app
>>> app = create_app(open_store("news.duckdb", read_only=True))  # an ASGI app for uvicorn

``newsgraph serve --db news.duckdb`` does the same and runs it. Needs the ``api`` extra
(FastAPI, uvicorn, Jinja2). Pages and endpoints: ``docs/serve.md``.
"""

from __future__ import annotations

from .app import create_app

__all__ = ["create_app"]
