"""The HTML pages: articles, one article with its evidence, actors, one actor, events, API docs.

Pages are rendered on the server from Jinja2 templates (autoescaped: every value from the store
is text, never markup); the only script is ``static/app.js``, which adds the click-to-inspect
side panel and the layer switches on the article page. Filters are plain GET forms, so every
view has an address that can be bookmarked and shared.
"""

from __future__ import annotations

import re
from collections import defaultdict
from datetime import date
from typing import Annotated, Any
from urllib.parse import quote, urlencode

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse
from markupsafe import Markup, escape

from ..store import AmbiguousArticleId
from .highlight import highlighted
from .items import DISPUTED_BY_CAP, SNIPPET, snippet_of
from .queries import (
    ARTICLE_SORTS,
    EVENT_SORTS,
    MAX_OFFSET,
    PLOVER_TYPES,
    PROVENANCES,
    ROLES,
    ArticleFilter,
    EventFilter,
    Page,
    Reader,
    StatementFilter,
)

router = APIRouter(include_in_schema=False)

PER_PAGE = 50
Text = Annotated[str | None, Query()]
PageNo = Annotated[int, Query(ge=1, le=MAX_OFFSET // PER_PAGE)]


# --- helpers ------------------------------------------------------------------------------


def urlq(value: Any) -> str:
    """An id as one path segment (``/`` and everything else unusual percent-encoded)."""
    return quote(str(value), safe="")


def web_url(url: Any) -> str | None:
    """An article's URL when it is a web address (never ``javascript:`` or ``data:``)."""
    if isinstance(url, str) and url.lower().startswith(("http://", "https://")):
        return url
    return None


def plural(n: int, word: str, words: str | None = None) -> str:
    return f"{n:,} {word if n == 1 else words or word + 's'}"


def ticks(text: Any) -> Markup:
    """Escaped text with its `backtick` spans as <code> (for descriptions in the API schema)."""
    return Markup(re.sub(r"`([^`]+)`", r"<code>\1</code>", str(escape(text or ""))))


MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
DAY_PARTS = {"MO": "morning", "MI": "midday", "AF": "afternoon", "EV": "evening", "NI": "night"}
DAY_PARTS["DT"] = "daytime"
REFS = {"PRESENT_REF": "now", "PAST_REF": "in the past", "FUTURE_REF": "in the future"}
DAY = re.compile(r"(\d{4})-(\d{2})-(\d{2})(?:T(?:([A-Z]{2})|(\d{2}:\d{2})(?::\d{2})?))?")
DURATION = re.compile(
    r"P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?"
)
DURATION_UNITS = ("year", "month", "week", "day", "hour", "minute", "second")


def human_time(value: str | None) -> str:
    """A TIMEX3 value as people write it: ``2024-08-04TMO`` → ``morning of 4 Aug 2024``,
    ``PT24H`` → ``24 hours``; a value it does not know is shown as it is."""
    if not value:
        return ""
    if value in REFS:
        return REFS[value]
    if found := DAY.fullmatch(value):
        year, month, day, part, clock = found.groups()
        if not 1 <= int(month) <= 12:
            return value
        shown = f"{int(day)} {MONTHS[int(month) - 1]} {year}"
        if part in DAY_PARTS:
            return f"{DAY_PARTS[part]} of {shown}"
        return f"{shown}, {clock}" if clock else shown
    if found := re.fullmatch(r"(\d{4})-(\d{2})", value):
        month = int(found.group(2))
        return f"{MONTHS[month - 1]} {found.group(1)}" if 1 <= month <= 12 else value
    if found := re.fullmatch(r"(\d{4})-W(\d{2})", value):
        return f"week {int(found.group(2))} of {found.group(1)}"
    if re.fullmatch(r"\d{4}", value):
        return value
    found = DURATION.fullmatch(value)
    if found and any(found.groups()):
        return " ".join(
            plural(int(n), unit)
            for n, unit in zip(found.groups(), DURATION_UNITS, strict=True)
            if n
        )
    return value


def human_day(value: Any) -> str:
    """A publication date (``date`` or ISO string) as ``4 Aug 2024``."""
    return human_time(value.isoformat() if isinstance(value, date) else value) if value else ""


def capped(items: list[Any], n: int = 5) -> tuple[list[Any], int]:
    """The first ``n`` of a link list and how many more there are ("and 110 more")."""
    return items[:n], max(0, len(items) - n)


FILTERS = {
    "urlq": urlq,
    "web_url": web_url,
    "plural": plural,
    "ticks": ticks,
    "human_time": human_time,
    "human_day": human_day,
    "capped": capped,
}


def reader(request: Request) -> Reader:
    return request.app.state.reader


def render(request: Request, name: str, status: int = 200, **context: Any) -> HTMLResponse:
    template = request.app.state.templates.get_template(name)
    html = template.render(
        root=request.scope.get("root_path", ""),
        store_label=request.app.state.store_label,
        section=context.pop("section", ""),
        **context,
    )
    return HTMLResponse(html, status_code=status)


def error_page(
    request: Request, status: int, message: str, links: list[tuple[str, str]] | None = None
) -> HTMLResponse:
    titles = {404: "Not found", 409: "Which one?", 422: "Bad request"}
    return render(
        request,
        "error.html",
        status=status,
        title=titles.get(status, "Error"),
        message=message,
        links=links or [],
    )


def clean(value: str | None) -> str | None:
    value = (value or "").strip()
    return value or None


def parse_day(value: str | None, label: str, problems: list[str]) -> date | None:
    value = clean(value)
    if value is None:
        return None
    try:
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            raise ValueError(value)
        return date.fromisoformat(value)
    except ValueError:
        problems.append(f"{label} {value!r} is not a date (YYYY-MM-DD); it was ignored.")
        return None


def parse_flag(value: str | None) -> bool | None:
    return {"true": True, "false": False}.get((value or "").strip().lower())


def pager(page: Page, number: int, params: dict[str, Any], name: str = "page") -> dict[str, Any]:
    """Links to the previous and next pages, keeping the other query parameters."""
    pages = max(1, -(-page.total // page.limit))
    kept = {k: v for k, v in params.items() if v not in (None, "") and k != name}

    def link(n: int) -> str:
        return "?" + urlencode({**kept, name: n}) if n > 1 else ("?" + urlencode(kept))

    return {
        "number": number,
        "pages": pages,
        "total": page.total,
        "first": page.offset + 1 if page.items else 0,
        "last": page.offset + len(page.items),
        "prev": link(number - 1) if number > 1 else None,
        "next": link(number + 1) if page.has_next else None,
    }


# --- articles -----------------------------------------------------------------------------


@router.get("/", response_class=HTMLResponse)
def articles_page(
    request: Request,
    q: Text = None,
    text: Text = None,
    outlet: Text = None,
    date_from: Text = None,
    date_to: Text = None,
    sort: Text = None,
    page: PageNo = 1,
) -> HTMLResponse:
    problems: list[str] = []
    flt = ArticleFilter(
        q=clean(q),
        text=clean(text),
        outlet=clean(outlet),
        sort=sort if sort in ARTICLE_SORTS else "newest",
        date_from=parse_day(date_from, "From", problems),
        date_to=parse_day(date_to, "To", problems),
    )
    data = reader(request)
    found = data.articles(flt, PER_PAGE, (page - 1) * PER_PAGE)
    params = {
        "q": flt.q,
        "text": flt.text,
        "outlet": flt.outlet,
        "date_from": date_from,
        "date_to": date_to,
        "sort": None if flt.sort == "newest" else flt.sort,
    }
    return render(
        request,
        "articles.html",
        section="articles",
        articles=found.items,
        pager=pager(found, page, params),
        form={k: v or "" for k, v in params.items()},
        outlets=data.outlets(),
        problems=problems,
        download_query=urlencode({k: v for k, v in params.items() if v}),
    )


@router.get("/articles/{article_id:path}", response_class=HTMLResponse)
def article_page(request: Request, article_id: str) -> Any:
    data = reader(request)
    try:
        full_id = data.resolve_article_id(article_id)
    except AmbiguousArticleId as exc:
        links = [(f"/articles/{urlq(c)}", c) for c in exc.candidates]
        return error_page(
            request, 409, f"Several articles have ids starting {article_id!r}.", links
        )
    if full_id is None:
        raise HTTPException(404, f"There is no article with id {article_id!r} in this store.")
    if full_id != article_id:  # a prefix: go to the article's own address
        root = request.scope.get("root_path", "")
        return RedirectResponse(f"{root}/articles/{urlq(full_id)}", status_code=302)
    view = data.article_view(full_id)
    if view is None:  # gone between the two queries
        raise HTTPException(404, f"There is no article with id {article_id!r} in this store.")
    return render(request, "article.html", section="articles", **article_context(view))


def one_per_article(others: list[dict[str, Any]], article_id: str) -> list[dict[str, Any]]:
    """Other articles' reports of an event, each article once (several of its events may
    share the cluster)."""
    seen = {article_id}
    kept = []
    for other in others:
        if other["article_id"] not in seen:
            seen.add(other["article_id"])
            kept.append(other)
    return kept


def article_context(view: Any) -> dict[str, Any]:
    """The record plus the lookups the article template needs (names, keys, claim links)."""
    record = view.record
    meta = record["article"]
    article_id = meta["id"]
    statements = record.get("statements", [])
    events = record.get("events", [])
    names = dict(view.names)
    names.update({a["id"]: a.get("name") or a["id"] for a in record.get("actors", [])})
    st_key = {s["id"]: f"st{i}" for i, s in enumerate(statements)}
    reports: dict[str, list[int]] = defaultdict(list)
    for i, event in enumerate(events):
        if event.get("attributed_to"):
            reports[event["attributed_to"]].append(i)

    disputes: dict[str, list[dict]] = defaultdict(list)  # statement id → what it disputes
    disputed_by: dict[str, list[dict]] = defaultdict(list)  # statement id → who disputes it

    def link(to: dict[str, list[dict]], sid: str, other: str, other_id: str, **rest: Any) -> None:
        entry = {"article_id": other, "id": other_id, "local": other == article_id, **rest}
        if other == article_id:
            entry["key"] = st_key.get(other_id)
        if all((e["article_id"], e["id"]) != (other, other_id) for e in to[sid]):
            to[sid].append(entry)

    for s in statements:
        if s.get("disputes"):
            link(disputes, s["id"], article_id, s["disputes"], relation="disputes")
            link(disputed_by, s["disputes"], article_id, s["id"], relation="disputes")
    for row in view.claim_links:
        extra = {"relation": row["relation"], "title": row["other_title"]}
        if row["article_id"] == article_id:
            link(disputes, row["from_id"], row["to_article_id"], row["to_id"], **extra)
        if row["to_article_id"] == article_id:
            link(disputed_by, row["to_id"], row["article_id"], row["from_id"], **extra)

    # a claim repeated across a big store can be disputed by hundreds: list the first ones
    disputed_by_more = {sid: len(links) - DISPUTED_BY_CAP for sid, links in disputed_by.items()}
    for sid in disputed_by:
        del disputed_by[sid][DISPUTED_BY_CAP:]
    text_html, skipped = highlighted(record)
    counts = {k: len(record.get(k, [])) for k in ("statements", "events", "actors", "places")}
    counts.update(times=len(record.get("times", [])), framing=len(record.get("framing", [])))
    return {
        "record": record,
        "meta": meta,
        # an untitled article is headed by its first words, as the lists label it
        "snippet": None
        if meta.get("title")
        else snippet_of((meta.get("text") or "")[: SNIPPET + 1]),
        "error": record.get("error"),
        "text_html": text_html,
        "skipped": skipped,
        "counts": counts,
        "names": names,
        "places": {p["id"]: p for p in record.get("places", [])},
        "times": {t["id"]: t for t in record.get("times", [])},
        "st_key": st_key,
        "statements_by_id": {s["id"]: s for s in statements},
        "reports": reports,
        "disputes": disputes,
        "disputed_by": disputed_by,
        "disputed_by_more": {sid: n for sid, n in disputed_by_more.items() if n > 0},
        "clusters": {
            event_id: one_per_article(others, article_id)
            for event_id, others in view.clusters.items()
        },
        "mention_texts": {
            a["id"]: sorted({m["text"] for m in a.get("mentions", [])})
            for a in record.get("actors", [])
        },
    }


# --- actors -------------------------------------------------------------------------------


@router.get("/actors", response_class=HTMLResponse)
def actors_page(
    request: Request, q: Text = None, type: Text = None, page: PageNo = 1
) -> HTMLResponse:
    data = reader(request)
    found = data.actors(clean(q), clean(type), PER_PAGE, (page - 1) * PER_PAGE)
    params = {"q": clean(q), "type": clean(type)}
    return render(
        request,
        "actors.html",
        section="actors",
        actors=found.items,
        pager=pager(found, page, params),
        form={k: v or "" for k, v in params.items()},
        types=data.actor_types(),
        download_query=urlencode({k: v for k, v in params.items() if v}),
    )


@router.get("/actors/{actor_id:path}", response_class=HTMLResponse)
def actor_page(
    request: Request, actor_id: str, spage: PageNo = 1, epage: PageNo = 1
) -> HTMLResponse:
    data = reader(request)
    actor = data.actor(actor_id)
    if actor is None:
        raise HTTPException(404, f"There is no actor {actor_id!r} in this store.")
    exact_speaker = StatementFilter(speaker=actor_id, speaker_ids=(actor_id,))
    # the actor's counts (statements as speaker, events as source or target) are these totals
    said = data.statements(exact_speaker, PER_PAGE, (spage - 1) * PER_PAGE, actor["statements"])
    exact = EventFilter(actor=actor_id, actor_ids=(actor_id,))
    done = data.events(exact, PER_PAGE, (epage - 1) * PER_PAGE, actor["events"])
    return render(
        request,
        "actor.html",
        section="actors",
        actor=actor,
        statements=said.items,
        events=done.items,
        spager=pager(said, spage, {"epage": epage}, "spage"),
        epager=pager(done, epage, {"spage": spage}, "epage"),
    )


# --- events -------------------------------------------------------------------------------


@router.get("/events", response_class=HTMLResponse)
def events_page(
    request: Request,
    type: Text = None,
    actor: Text = None,
    role: Text = None,
    outlet: Text = None,
    date_from: Text = None,
    date_to: Text = None,
    provenance: Text = None,
    negated: Text = None,
    hypothetical: Text = None,
    disputed: Text = None,
    future: Text = None,
    article: Text = None,
    place: Text = None,
    event_from: Text = None,
    event_to: Text = None,
    source: Text = None,
    target: Text = None,
    sort: Text = None,
    page: PageNo = 1,
) -> HTMLResponse:
    problems: list[str] = []
    data = reader(request)
    outlet_names = {name.lower(): name for name, _ in data.outlets()}
    flt = EventFilter(
        type=(clean(type) or "").upper() or None,
        actor=clean(actor),
        role=role if role in ROLES else "any",
        article=clean(article),
        outlet=outlet_names.get((clean(outlet) or "").lower(), clean(outlet)),
        date_from=parse_day(date_from, "From", problems),
        date_to=parse_day(date_to, "To", problems),
        event_from=parse_day(event_from, "Happened from", problems),
        event_to=parse_day(event_to, "Happened to", problems),
        provenance=provenance if provenance in PROVENANCES else "all",
        negated=parse_flag(negated),
        hypothetical=parse_flag(hypothetical),
        disputed=parse_flag(disputed),
        future=parse_flag(future),
        place=clean(place),
        source=clean(source),
        target=clean(target),
        sort=sort if sort in EVENT_SORTS else "newest",
    )
    flt = data.resolve_actor(flt)
    found = data.events(flt, PER_PAGE, (page - 1) * PER_PAGE)
    query = flt.query()
    counted = dict(data.event_types())
    types = [(t, counted.get(t, 0)) for t in PLOVER_TYPES]
    types += [(t, n) for t, n in counted.items() if t not in PLOVER_TYPES]
    ends = [i for i in (flt.source, flt.target) if i]
    names = data.actor_names([*flt.actor_ids, *ends])
    actor_links = [(actor_id, names[actor_id]) for actor_id in flt.actor_ids if actor_id in names]
    edge = " → ".join(names.get(i, i) for i in (flt.source or "anyone", flt.target or "anyone"))
    return render(
        request,
        "events.html",
        section="events",
        events=found.items,
        pager=pager(found, page, query),
        flt=flt,
        form={k: "" if v is None else v for k, v in vars(flt).items()},
        types=types,
        outlets=data.outlets(),
        actor_links=actor_links,
        edge=edge if ends else None,
        csv_query=urlencode(query),
        problems=problems,
    )


# --- statements ---------------------------------------------------------------------------


@router.get("/statements", response_class=HTMLResponse)
def statements_page(
    request: Request,
    speaker: Text = None,
    act: Text = None,
    kind: Text = None,
    outlet: Text = None,
    date_from: Text = None,
    date_to: Text = None,
    q: Text = None,
    disputed: Text = None,
    page: PageNo = 1,
) -> HTMLResponse:
    problems: list[str] = []
    data = reader(request)
    outlet_names = {name.lower(): name for name, _ in data.outlets()}
    flt = StatementFilter(
        speaker=clean(speaker),
        act=clean(act),
        kind=clean(kind),
        outlet=outlet_names.get((clean(outlet) or "").lower(), clean(outlet)),
        date_from=parse_day(date_from, "From", problems),
        date_to=parse_day(date_to, "To", problems),
        q=clean(q),
        disputed=parse_flag(disputed),
    )
    found = data.statements(flt, PER_PAGE, (page - 1) * PER_PAGE)
    query = {
        k: str(v).lower() if isinstance(v, bool) else str(v)
        for k, v in vars(flt).items()
        if v not in (None, "", ()) and k != "speaker_ids"
    }
    return render(
        request,
        "statements.html",
        section="statements",
        statements=found.items,
        pager=pager(found, page, query),
        form={k: "" if v is None else v for k, v in vars(flt).items()},
        facets=data.statement_facets(),
        outlets=data.outlets(),
        download_query=urlencode(query),
        problems=problems,
    )


# --- API reference ------------------------------------------------------------------------


@router.get("/docs", response_class=HTMLResponse)
def api_docs(request: Request) -> HTMLResponse:
    """The REST API's reference, rendered here from its OpenAPI schema (no CDN scripts)."""
    schema = request.app.openapi()
    operations = []
    for path, methods in schema.get("paths", {}).items():
        for method, op in methods.items():
            params = [
                {
                    "name": p["name"],
                    "where": p["in"],
                    "required": p.get("required", False),
                    "type": type_name(p.get("schema", {})),
                    "default": p.get("schema", {}).get("default"),
                    "description": p.get("description") or p.get("schema", {}).get("description"),
                }
                for p in op.get("parameters", [])
            ]
            operations.append(
                {
                    "method": method.upper(),
                    "path": path,
                    "summary": op.get("summary", ""),
                    "description": op.get("description", ""),
                    "params": params,
                    "responses": sorted(op.get("responses", {})),
                }
            )
    return render(
        request, "docs.html", section="api", operations=operations, info=schema.get("info", {})
    )


def type_name(schema: dict[str, Any]) -> str:
    if "anyOf" in schema:
        return " | ".join(type_name(s) for s in schema["anyOf"])
    if "enum" in schema:
        return " | ".join(str(v) for v in schema["enum"])
    kind = schema.get("type", "")
    return f"{kind} ({schema['format']})" if "format" in schema else kind
