"""Every table as a download: ``/api/{events,statements,actors,articles}.{csv,json}``, and
the network page's arrows as ``/api/network.{csv,json}``.

Each takes the filters of its list and returns every row they keep (no paging), streamed in
chunks: events from one query on a cursor of its own, the others a page of ``MAX_LIMIT`` rows
per query. JSON is an array of the list's items; CSV flattens an item into one row (nested
objects as ``a.b`` columns, lists as JSON), with spreadsheet formulas neutralised as in
``newsgraph export``. ``events.csv`` keeps its own hand-picked columns (``api.events_csv``).
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import StreamingResponse

from ..export import escape_formula
from . import schemas as S
from .api import ActorQuery, ArticleQuery, EventQuery, StatementQuery, reader
from .filters import EventFilter
from .paging import paged
from .queries import MAX_LIMIT, Reader

router = APIRouter(prefix="/api", tags=["downloads"])
CHUNK = 64_000


def flat(item: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    row: dict[str, Any] = {}
    for key, value in item.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            row.update(flat(value, name + "."))
        elif isinstance(value, list):
            row[name] = json.dumps(value, ensure_ascii=False) if value else ""
        else:
            row[name] = value
    return row


def cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return escape_formula(value) if isinstance(value, str) else value


def csv_chunks(
    items: Iterable[dict[str, Any]], columns: Sequence[str] | None = None
) -> Iterator[str]:
    """CSV text a chunk at a time: the ``columns`` given (a header even with no rows), or the
    first item's."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    if columns is not None:
        writer.writerow(columns)
    for item in items:
        row = flat(item)
        if columns is None:
            columns = list(row)
            writer.writerow(columns)
        writer.writerow([cell(row.get(c)) for c in columns])
        if buffer.tell() > CHUNK:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


def json_chunks(items: Iterable[dict[str, Any]]) -> Iterator[str]:
    parts = ["["]
    size = 1
    for n, item in enumerate(items):
        text = ("," if n else "") + json.dumps(item, ensure_ascii=False, default=str)
        parts.append(text)
        size += len(text)
        if size > CHUNK:
            yield "".join(parts)
            parts, size = [], 0
    parts.append("]")
    yield "".join(parts)


def download(
    items: Iterable[dict[str, Any]], name: str, kind: str, columns: Sequence[str] | None = None
) -> StreamingResponse:
    if kind == "csv":
        body, media = csv_chunks(items, columns), "text/csv; charset=utf-8"
    else:
        body, media = json_chunks(items), "application/json"
    return StreamingResponse(
        body, media_type=media, headers={"Content-Disposition": f'attachment; filename="{name}"'}
    )


def responses(kind: str, what: str) -> dict[int | str, dict[str, Any]]:
    media = "text/csv" if kind == "csv" else "application/json"
    return {200: {"content": {media: {}}, "description": f"every {what} the filters keep"}}


@router.get(
    "/events.json",
    summary="Events as JSON",
    response_class=StreamingResponse,
    responses=responses("json", "event"),
)
def events_json(request: Request, flt: EventQuery) -> StreamingResponse:
    """Every event the filters keep, as a JSON array of the list's items (no paging)."""
    return download(reader(request).iter_events(flt), "events.json", "json")


def _statements(request: Request, flt: Any) -> Iterator[dict[str, Any]]:
    data = reader(request)
    return paged(lambda limit, offset: data.statements(flt, limit, offset))


def labelled(items: Iterable[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    """The items with their article's ``label`` for a CSV: its title, or an untitled one's
    first words (``snippet``, the lists' label), in one column present in every row."""
    for item in items:
        article = item["article"]
        yield item | {"article": article | {"label": article["title"] or article.get("snippet")}}


def _actors(request: Request, flt: Any) -> Iterator[dict[str, Any]]:
    data = reader(request)
    return paged(lambda limit, offset: data.actors(*flt, limit, offset))


def _articles(request: Request, flt: Any) -> Iterator[dict[str, Any]]:
    data = reader(request)
    return paged(lambda limit, offset: data.articles(flt, limit, offset))


def route(name: str, kind: str) -> Callable[[Callable], Callable]:
    what = name.rstrip("s")
    return router.get(
        f"/{name}.{kind}",
        summary=f"{name.capitalize()} as {kind.upper()}",
        description=f"Every {what} the filters keep, as {kind.upper()} (no paging).",
        response_class=StreamingResponse,
        responses=responses(kind, what),
    )


@route("statements", "csv")
def statements_csv(request: Request, flt: StatementQuery) -> StreamingResponse:
    return download(labelled(_statements(request, flt)), "statements.csv", "csv")


@route("statements", "json")
def statements_json(request: Request, flt: StatementQuery) -> StreamingResponse:
    return download(_statements(request, flt), "statements.json", "json")


@route("actors", "csv")
def actors_csv(request: Request, flt: ActorQuery) -> StreamingResponse:
    return download(_actors(request, flt), "actors.csv", "csv")


@route("actors", "json")
def actors_json(request: Request, flt: ActorQuery) -> StreamingResponse:
    return download(_actors(request, flt), "actors.json", "json")


@route("articles", "csv")
def articles_csv(request: Request, flt: ArticleQuery) -> StreamingResponse:
    return download(_articles(request, flt), "articles.csv", "csv")


@route("articles", "json")
def articles_json(request: Request, flt: ArticleQuery) -> StreamingResponse:
    return download(_articles(request, flt), "articles.json", "json")


# --- the network's arrows ------------------------------------------------------------------

EDGE_COLUMNS = ("source", "source_name", "target", "target_name", "type", "events")
EDGES = 80  # the network page's arrows: the heaviest 80
EdgeLimit = Annotated[
    int, Query(ge=1, le=MAX_LIMIT, description="the heaviest arrows to give (the page: 80)")
]


def network_edges(data: Reader, flt: EventFilter, limit: int = EDGES) -> list[dict[str, Any]]:
    """The network's arrows, heaviest first: one per (source, target, event type) with the
    number of events the filter keeps, and both ends' names (the page's table, the downloads)."""
    edges = data.event_edges(flt, limit)
    names = data.actor_names({a for s, t, *_ in edges for a in (s, t)})
    return [
        {
            "source": source,
            "source_name": names.get(source),
            "target": target,
            "target_name": names.get(target),
            "type": type_,
            "events": n,
        }
        for source, target, type_, n in edges
    ]


@router.get(
    "/network.json",
    summary="The network's arrows as JSON",
    response_model=list[S.NetworkEdge],
)
def network_json(request: Request, flt: EventQuery, limit: EdgeLimit = EDGES) -> Any:
    """Who acts on whom: one item per (source, target, event type) with its number of events
    (those with a resolved source and target, not the same actor), the heaviest first; the
    table under the network page. Takes the events list's filters."""
    return network_edges(reader(request), flt, limit)


@router.get(
    "/network.csv",
    summary="The network's arrows as CSV",
    response_class=StreamingResponse,
    responses={200: {"content": {"text/csv": {}}, "description": "one row per arrow"}},
)
def network_csv(request: Request, flt: EventQuery, limit: EdgeLimit = EDGES) -> StreamingResponse:
    """The arrows of `/api/network.json`, one CSV row each (a header row always)."""
    edges = network_edges(reader(request), flt, limit)
    return download(edges, "network.csv", "csv", EDGE_COLUMNS)
