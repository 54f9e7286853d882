"""The FastAPI application: the web UI's pages, the JSON API, static files, error pages.

``create_app(store)`` serves an open store (open it read-only: ``open_store(db,
read_only=True)``); ``newsgraph serve`` does that and runs it with uvicorn. Nothing is fetched
from elsewhere: the pages use only this package's own CSS and script, and the interactive API
consoles that FastAPI would load from a CDN are replaced by ``/docs``, a plain page rendered
here from the OpenAPI schema (``/openapi.json``).
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.staticfiles import StaticFiles
from jinja2 import Environment, FileSystemLoader, StrictUndefined
from starlette.exceptions import HTTPException as StarletteHTTPException

from .. import __version__
from ..store import Store
from . import api, downloads, lookup, network, pages, pictures, stories, storypages, worldmap
from .cache import DEFAULT_CACHE_MB, CachedResponses, ResponseCache, SharedFolder
from .guard import LOCAL_HOSTS, guarded
from .queries import Reader

HERE = Path(__file__).parent


class NewsgraphApp(FastAPI):
    """FastAPI with the ``guard`` checks wrapped around its whole stack (errors included), and
    inside them the answers kept by address (``cache``)."""

    allowed_hosts: tuple[str, ...] = LOCAL_HOSTS
    token: str | None = None
    response_cache: ResponseCache | None = None

    def build_middleware_stack(self) -> Any:
        inner = CachedResponses(super().build_middleware_stack(), self.response_cache)
        return guarded(inner, self.allowed_hosts, self.token)


def templates() -> Environment:
    env = Environment(
        loader=FileSystemLoader(HERE / "templates"),
        autoescape=True,  # every value is HTML-escaped unless it is Markup built by us
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals["version"] = __version__
    env.filters.update(pages.FILTERS)
    return env


def store_label(store: Store) -> str:
    """The store as shown in the page footer: a DuckDB file's name, a PostgreSQL URL without
    its password (``Store.target`` is already redacted)."""
    return Path(store.target).name if store.dialect == "duckdb" else store.target


def wants_json(request: Request) -> bool:
    path = request.url.path[len(request.scope.get("root_path", "")) :]
    return path.startswith("/api") or path == "/openapi.json"


def create_app(
    store: Store,
    *,
    allowed_hosts: Iterable[str] = (),
    token: str | None = None,
    cache_mb: float = DEFAULT_CACHE_MB,
    shared_cache: str | None = None,
) -> FastAPI:
    """The web UI and REST API over ``store`` (which the caller opens and closes).

    It answers requests whose ``Host`` is a local name (localhost, 127.0.0.1, ::1) or one of
    ``allowed_hosts`` (``*``: any); with ``token``, only requests that carry it (``guard``).
    On a read-only DuckDB store, which cannot change while it is served, it keeps up to
    ``cache_mb`` megabytes of answers by address (0: none; ``cache``), and as many in the
    folder ``shared_cache`` if given, where other processes serving the store find them.
    """
    app = NewsgraphApp(
        title="newsgraph",
        version=__version__,
        summary="Who did what to whom, where and when, who said what, and who disputes it.",
        description=(
            "A read-only JSON API over a newsgraph store. Every statement and event carries its "
            "evidence spans (character offsets into the article text) and whether the outlet "
            "asserts it or attributes it to someone (`attributed_to`)."
        ),
        docs_url=None,  # Swagger UI and ReDoc load their scripts from a CDN: see /docs instead
        redoc_url=None,
    )
    app.state.reader = Reader(store)
    if app.state.reader.frozen and cache_mb > 0:
        budget = int(cache_mb * 1024 * 1024)
        shared = SharedFolder(shared_cache, budget) if shared_cache else None
        app.response_cache = ResponseCache(budget, shared)
    # the knowledge base behind alias search takes seconds to load: not on the first request
    threading.Thread(target=lookup.warm, name="newsgraph-kb", daemon=True).start()
    app.state.templates = templates()
    app.state.store_label = store_label(store)
    app.include_router(downloads.router)  # before api: /api/articles.csv is no article id
    app.include_router(api.router)
    app.include_router(stories.router)
    app.include_router(pages.router)
    app.include_router(pictures.router)
    app.include_router(storypages.router)
    app.include_router(network.router)
    app.include_router(worldmap.router)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    app.allowed_hosts = (*LOCAL_HOSTS, *allowed_hosts)
    app.token = token or None

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Any:
        if wants_json(request):
            response: Any = JSONResponse({"detail": exc.detail}, status_code=exc.status_code)
        else:
            response = pages.error_page(request, exc.status_code, str(exc.detail))
        headers = dict(exc.headers or {})
        if exc.status_code == 405 and "GET" in headers.get("Allow", "").split(", "):
            headers["Allow"] += ", HEAD"  # HEAD is answered for every GET (guard.HeadAsGet)
        response.headers.update(headers)
        return response

    @app.exception_handler(RequestValidationError)
    async def bad_request(request: Request, exc: RequestValidationError) -> Any:
        if wants_json(request):
            return JSONResponse({"detail": jsonable_encoder(exc.errors())}, status_code=422)
        problems = "; ".join(
            f"{'.'.join(str(p) for p in e['loc'][1:])}: {e['msg']}" for e in exc.errors()
        )
        return pages.error_page(request, 422, f"This address has a bad parameter ({problems}).")

    return app
