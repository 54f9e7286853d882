"""The JSON REST API under ``/api``: articles, records, actors, statements, events, health.

Every list takes ``limit`` (1-500, default 50) and ``offset`` and answers
``{"total", "limit", "offset", "items"}``. An article is the contract record of
``newsgraph annotate``, the same JSON object; statements and events are the contract's
objects with their article and names added (see ``schemas.py``). Unknown ids answer 404
``{"detail": ...}``.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterator
from datetime import date
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import StreamingResponse
from pydantic import BeforeValidator

from .. import __version__
from ..export import escape_formula
from ..store import AmbiguousArticleId
from ..store.schema import SCHEMA_VERSION
from . import schemas as S
from .paging import paged
from .queries import MAX_LIMIT, MAX_OFFSET, ArticleFilter, EventFilter, Reader, StatementFilter

router = APIRouter(prefix="/api", tags=["api"])

ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def iso_day(value: Any) -> Any:
    """Only ``YYYY-MM-DD`` is a day (pydantic alone reads ``0`` as 1 January 1970)."""
    if value is None or isinstance(value, date):
        return value
    if not isinstance(value, str) or not ISO_DAY.fullmatch(value):
        raise ValueError("a day is written YYYY-MM-DD")
    return value


Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description="items per page")]
Offset = Annotated[int, Query(ge=0, le=MAX_OFFSET, description="items to skip")]
DateFrom = Annotated[
    date | None,
    Query(description="published on or after (YYYY-MM-DD)"),
    BeforeValidator(iso_day),
]
DateTo = Annotated[
    date | None,
    Query(description="published on or before (YYYY-MM-DD)"),
    BeforeValidator(iso_day),
]
Outlet = Annotated[str | None, Query(description="outlet name (any case)")]
NOT_FOUND = {404: {"model": S.Problem, "description": "no such id"}}


def reader(request: Request) -> Reader:
    return request.app.state.reader


@router.get("/health", response_model=S.Health, summary="Service and store status")
def health(request: Request) -> dict[str, Any]:
    store = reader(request).store
    return {
        "status": "ok",
        "newsgraph": __version__,
        "backend": store.dialect,
        "schema_version": SCHEMA_VERSION,
        **reader(request).health(),
    }


def article_filter(
    q: Annotated[str | None, Query(description="text in the title or outlet name")] = None,
    text: Annotated[
        str | None, Query(max_length=500, description="words in the article's text (any case)")
    ] = None,
    outlet: Outlet = None,
    date_from: DateFrom = None,
    date_to: DateTo = None,
    sort: Annotated[
        Literal["newest", "oldest", "title", "outlet"], Query(description="order of the list")
    ] = "newest",
) -> ArticleFilter:
    return ArticleFilter(
        q=q, text=text, outlet=outlet, date_from=date_from, date_to=date_to, sort=sort
    )


ArticleQuery = Annotated[ArticleFilter, Depends(article_filter)]


@router.get("/articles", response_model=S.Page[S.ArticleSummary], summary="List articles")
def list_articles(
    request: Request, flt: ArticleQuery, limit: Limit = 50, offset: Offset = 0
) -> dict[str, Any]:
    """Articles, newest first, with their numbers of statements and events."""
    return reader(request).articles(flt, limit, offset).to_dict()


@router.get(
    "/articles/{article_id:path}",
    summary="One article's full record",
    responses={**NOT_FOUND, 409: {"model": S.Problem, "description": "ambiguous id prefix"}},
)
def get_article(request: Request, article_id: str) -> dict[str, Any]:
    """The article's contract record (docs/contract.md), as `newsgraph annotate` prints it:
    `article`, `actors`, `statements`, `events`, `places`, `times`, `framing`,
    every span with character offsets into `article.text`. A unique id prefix is enough."""
    try:
        record = reader(request).store.get_record(article_id)
    except AmbiguousArticleId as exc:
        raise HTTPException(409, str(exc)) from None
    if record is None:
        raise HTTPException(404, f"no article {article_id!r} in this store")
    return record


@router.get(
    "/suggest/actors", response_model=list[S.ActorSuggestion], summary="Actors for autocomplete"
)
def suggest_actors(
    request: Request,
    q: Annotated[str, Query(min_length=1, max_length=200, description="what was typed so far")],
) -> list[dict[str, Any]]:
    """Up to ten actors whose name or id starts with, or whose name, id or knowledge-base
    alias contains, `q` (any case); most mentioned first."""
    return reader(request).suggest_actors(q)


def actor_filter(
    q: Annotated[
        str | None, Query(description="text in the name, id or a knowledge-base alias")
    ] = None,
    type: Annotated[
        str | None, Query(description="actor type, e.g. state, armed group (any case)")
    ] = None,
) -> tuple[str | None, str | None]:
    return q, type


ActorQuery = Annotated[tuple[str | None, str | None], Depends(actor_filter)]


@router.get("/actors", response_model=S.Page[S.ActorSummary], summary="List actors")
def list_actors(
    request: Request, flt: ActorQuery, limit: Limit = 50, offset: Offset = 0
) -> dict[str, Any]:
    """Actors, most mentioned first, with counts of mentions, statements and events."""
    return reader(request).actors(*flt, limit, offset).to_dict()


@router.get(
    "/actors/{actor_id:path}",
    response_model=S.ActorDetail,
    summary="One actor, with its statements and events",
    responses=NOT_FOUND,
)
def get_actor(request: Request, actor_id: str, limit: Limit = 50, offset: Offset = 0) -> Any:
    """The actor, how articles name it, and its statements (as speaker) and events (as source
    or target), newest first; `limit` and `offset` page both lists."""
    data = reader(request)
    actor = data.actor(actor_id)
    if actor is None:
        raise HTTPException(404, f"no actor {actor_id!r} in this store")
    said = StatementFilter(speaker=actor_id, speaker_ids=(actor_id,))
    exact = EventFilter(actor=actor_id, actor_ids=(actor_id,))
    # its counts (statements as speaker, events as source or target) are these lists' totals
    actor["statement_page"] = data.statements(said, limit, offset, actor["statements"]).to_dict()
    actor["event_page"] = data.events(exact, limit, offset, actor["events"]).to_dict()
    return actor


def statement_filter(
    speaker: Annotated[
        str | None, Query(description="speaker: actor id, name or an alias (any case)")
    ] = None,
    act: Annotated[str | None, Query(description="speech act, e.g. accusation, denial")] = None,
    kind: Annotated[str | None, Query(description="direct, indirect or mixed")] = None,
    article: Annotated[str | None, Query(description="article id")] = None,
    outlet: Outlet = None,
    date_from: DateFrom = None,
    date_to: DateTo = None,
    q: Annotated[str | None, Query(description="text in the content")] = None,
    disputed: Annotated[
        bool | None, Query(description="true: only disputed ones; false: only undisputed")
    ] = None,
) -> StatementFilter:
    return StatementFilter(
        speaker=speaker,
        act=act,
        kind=kind,
        article=article,
        outlet=outlet,
        date_from=date_from,
        date_to=date_to,
        q=q,
        disputed=disputed,
    )


StatementQuery = Annotated[StatementFilter, Depends(statement_filter)]


@router.get("/statements", response_model=S.Page[S.Statement], summary="List statements")
def list_statements(
    request: Request, flt: StatementQuery, limit: Limit = 50, offset: Offset = 0
) -> dict[str, Any]:
    """Statements across articles, newest article first, with who disputes each."""
    return reader(request).statements(flt, limit, offset).to_dict()


@router.get(
    "/statements/{article_id:path}/{statement_id}",
    response_model=S.Statement,
    summary="One statement",
    responses=NOT_FOUND,
)
def get_statement(request: Request, article_id: str, statement_id: str) -> dict[str, Any]:
    """One statement as the statements list gives it (its article, speaker's name, who
    disputes it): the address to cite, by its article's id and its own (`s1`, `s2`, ...)."""
    data, flt = reader(request), StatementFilter(article=article_id)
    items = paged(lambda limit, offset: data.statements(flt, limit, offset))
    return _one_of(items, statement_id, f"no statement {statement_id!r} in article {article_id!r}")


def _one_of(items: Iterator[dict[str, Any]], item_id: str, missing: str) -> dict[str, Any]:
    """The item of one article's list with the id asked for (read a page at a time: half the
    CPU of a stream), or 404."""
    found = next((item for item in items if item["id"] == item_id), None)
    if found is None:
        raise HTTPException(404, missing)
    return found


def event_filter(
    type: Annotated[str | None, Query(description="PLOVER type, e.g. ASSAULT (any case)")] = None,
    actor: Annotated[
        str | None,
        Query(description="actor as source or target: its id, name or an alias (any case)"),
    ] = None,
    role: Annotated[
        Literal["any", "source", "target"], Query(description="where `actor` must stand")
    ] = "any",
    sort: Annotated[
        Literal["newest", "oldest", "type"],
        Query(description="newest or oldest article first, or by event type"),
    ] = "newest",
    source: Annotated[str | None, Query(description="source actor id, exactly")] = None,
    target: Annotated[str | None, Query(description="target actor id, exactly")] = None,
    article: Annotated[str | None, Query(description="article id")] = None,
    outlet: Outlet = None,
    date_from: DateFrom = None,
    date_to: DateTo = None,
    provenance: Annotated[
        Literal["all", "asserted", "attributed"],
        Query(
            description="asserted: reported by the outlet as fact; attributed: reported as "
            "someone's statement (attributed_to)"
        ),
    ] = "all",
    negated: Annotated[bool | None, Query(description="filter on the negated flag")] = None,
    hypothetical: Annotated[
        bool | None, Query(description="filter on the hypothetical flag")
    ] = None,
    disputed: Annotated[bool | None, Query(description="filter on the disputed flag")] = None,
    future: Annotated[
        bool | None, Query(description="filter on the future flag (planned or threatened)")
    ] = None,
    place: Annotated[str | None, Query(description="place id")] = None,
    event_from: Annotated[
        date | None,
        Query(description="happened on or after (YYYY-MM-DD; the event's own day)"),
        BeforeValidator(iso_day),
    ] = None,
    event_to: Annotated[
        date | None,
        Query(description="happened on or before (YYYY-MM-DD; the event's own day)"),
        BeforeValidator(iso_day),
    ] = None,
) -> EventFilter:
    return EventFilter(
        type=type,
        actor=actor,
        role=role,
        article=article,
        outlet=outlet,
        date_from=date_from,
        date_to=date_to,
        provenance=provenance,
        negated=negated,
        hypothetical=hypothetical,
        disputed=disputed,
        future=future,
        place=place,
        event_from=event_from,
        event_to=event_to,
        source=source,
        target=target,
        sort=sort,
    )


EventQuery = Annotated[EventFilter, Depends(event_filter)]


@router.get("/events", response_model=S.Page[S.Event], summary="List events")
def list_events(
    request: Request, flt: EventQuery, limit: Limit = 50, offset: Offset = 0
) -> dict[str, Any]:
    """Events across articles, newest article first; dates are publication dates."""
    return reader(request).events(flt, limit, offset).to_dict()


@router.get(
    "/events/{article_id:path}/{event_id}",
    response_model=S.Event,
    summary="One event",
    responses=NOT_FOUND,
)
def get_event(request: Request, article_id: str, event_id: str) -> dict[str, Any]:
    """One event as the events list gives it (its article, names, place, time and attributed
    speaker): the address to cite. Event ids are the article's own (`e1`, `e2`, ...), so an
    event is named by its article's id and its id; the web UI's events tables link here."""
    data, flt = reader(request), EventFilter(article=article_id)
    items = paged(lambda limit, offset: data.events(flt, limit, offset))
    return _one_of(items, event_id, f"no event {event_id!r} in article {article_id!r}")


CSV_COLUMNS = (
    "article_id",
    "published",
    "outlet",
    "title",
    "article_label",
    "event_id",
    "type",
    "mode",
    "cameo",
    "quad",
    "source_actor",
    "source_name",
    "source_text",
    "target_actor",
    "target_name",
    "target_text",
    "place_id",
    "place_name",
    "time_value",
    "killed",
    "injured",
    "magnitude",
    "evidence_text",
    "asserted",
    "attributed_to",
    "attributed_speaker",
    "negated",
    "hypothetical",
    "disputed",
    "future",
)


def csv_row(item: dict[str, Any]) -> list[Any]:
    def count(key: str) -> Any:
        value = item["magnitude"].get(key)
        return value.get("min") if isinstance(value, dict) else value

    speaker = item.get("attributed_speaker") or {}
    values = {
        "article_id": item["article"]["id"],
        "published": item["article"]["published"],
        "outlet": item["article"]["outlet"],
        "title": item["article"]["title"],
        "article_label": item["article"]["title"] or item["article"].get("snippet"),
        "event_id": item["id"],
        **{k: item[k] for k in ("type", "mode", "cameo", "quad", "place_name", "time_value")},
        "source_actor": item["source"]["actor"],
        "source_name": item["source"].get("name"),
        "source_text": (item["source"]["span"] or {}).get("text"),
        "target_actor": item["target"]["actor"],
        "target_name": item["target"].get("name"),
        "target_text": (item["target"]["span"] or {}).get("text"),
        "place_id": item["place"],
        "killed": count("killed"),
        "injured": count("injured"),
        "magnitude": json.dumps(item["magnitude"], ensure_ascii=False) if item["magnitude"] else "",
        "evidence_text": " […] ".join(span["text"] for span in item["evidence"]),
        "asserted": item["attributed_to"] is None,
        "attributed_to": item["attributed_to"],
        "attributed_speaker": speaker.get("name") or (speaker.get("span") or {}).get("text"),
        **{k: item[k] for k in ("negated", "hypothetical", "disputed")},
        "future": item.get("future", False),
    }
    row = []
    for column in CSV_COLUMNS:
        value = values[column]
        if isinstance(value, bool):
            value = "true" if value else "false"
        elif isinstance(value, str):
            value = escape_formula(value)  # article text is untrusted: no spreadsheet formulas
        row.append("" if value is None else value)
    return row


@router.get(
    "/events.csv",
    summary="Events as CSV",
    response_class=StreamingResponse,
    responses={200: {"content": {"text/csv": {}}, "description": "one row per event"}},
)
def events_csv(request: Request, flt: EventQuery) -> StreamingResponse:
    """Every event the filters keep (no paging), one CSV row each, streamed. Cells that a
    spreadsheet would run as a formula get a leading `'`, as in `newsgraph export`."""
    data = reader(request)

    def lines() -> Iterator[str]:
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(CSV_COLUMNS)
        for item in data.iter_events(flt):
            writer.writerow(csv_row(item))
            if buffer.tell() > 64_000:
                yield buffer.getvalue()
                buffer.seek(0)
                buffer.truncate()
        yield buffer.getvalue()

    return StreamingResponse(
        lines(),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": 'attachment; filename="events.csv"'},
    )
