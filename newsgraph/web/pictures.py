"""Pictures of the store, drawn on the server as plain SVG (no script, no outside assets).

The timeline stacks the events of each publication day by PLOVER type; every bar segment is a
link to the events page filtered to exactly the events it counts (that type, that day, and the
page's other filters), where each row links on to its evidence in the article.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse

from .filters import PLOVER_TYPES, PROVENANCES, EventFilter
from .pages import clean, parse_day, reader, render

router = APIRouter(include_in_schema=False)
Text = Annotated[str | None, Query()]


@dataclass(slots=True)
class FigureQuery:
    """The events a picture (timeline, network, map) draws, and what was wrong with the form."""

    flt: EventFilter
    problems: list[str]


def figure_query(
    request: Request,
    type: Text = None,
    actor: Text = None,
    outlet: Text = None,
    provenance: Text = None,
    date_from: Text = None,
    date_to: Text = None,
) -> FigureQuery:
    """The pictures' shared filter (a FastAPI dependency): one reading of their form."""
    problems: list[str] = []
    flt = EventFilter(
        type=(clean(type) or "").upper() or None,
        actor=clean(actor),
        outlet=clean(outlet),
        provenance=provenance if provenance in PROVENANCES else "all",
        date_from=parse_day(date_from, "From", problems),
        date_to=parse_day(date_to, "To", problems),
    )
    return FigureQuery(reader(request).resolve_actor(flt), problems)


Figure = Annotated[FigureQuery, Depends(figure_query)]

# One colour per PLOVER type, cooperative types cool, conflictual warm.
PALETTE = (
    "#2b6cb0", "#3182ce", "#4299e1", "#63b3ed", "#319795", "#38a169", "#68d391", "#9ae6b4",
    "#d69e2e", "#ecc94b", "#dd6b20", "#ed8936", "#805ad5", "#b83280", "#e53e3e", "#9b2c2c",
)  # fmt: skip
TYPE_COLOURS = dict(zip(PLOVER_TYPES, PALETTE, strict=True))
OTHER_COLOUR = "#718096"
WIDTH, HEIGHT, LEFT, BOTTOM, TOP = 960, 320, 44, 28, 10


@dataclass
class Bar:
    """One stacked segment: ``n`` events of ``type`` published on ``day``."""

    day: date
    type: str
    n: int
    x: float
    y: float
    width: float
    height: float
    colour: str
    href: str


def timeline_bars(
    counts: list[tuple[date, str, int]], flt: EventFilter, root: str
) -> tuple[list[Bar], list[tuple[float, str]], int]:
    """The segments of the stacked bars, the x-axis labels, and the tallest day's count."""
    days = sorted({day for day, _, _ in counts})
    if not days:
        return [], [], 0
    span = (days[-1] - days[0]).days + 1
    per_day: dict[date, int] = {}
    for day, _, n in counts:
        per_day[day] = per_day.get(day, 0) + n
    tallest = max(per_day.values())
    step = (WIDTH - LEFT) / span
    scale = (HEIGHT - BOTTOM - TOP) / tallest
    base = flt.query()
    stacked: dict[date, float] = {}
    bars = []
    order = {t: i for i, t in enumerate(PLOVER_TYPES)}
    for day, type_, n in sorted(counts, key=lambda c: (c[0], order.get(c[1], 99), c[1])):
        below = stacked.get(day, 0.0)
        height = n * scale
        stacked[day] = below + height
        query = {**base, "type": type_, "date_from": day.isoformat(), "date_to": day.isoformat()}
        bars.append(
            Bar(
                day=day,
                type=type_,
                n=n,
                x=LEFT + (day - days[0]).days * step,
                y=HEIGHT - BOTTOM - below - height,
                width=max(step * 0.8, 3.0),
                height=height,
                colour=TYPE_COLOURS.get(type_, OTHER_COLOUR),
                href=f"{root}/events?{urlencode(query)}",
            )
        )
    ticks = max(1, span // 8)
    labels = [
        (LEFT + i * step, date.fromordinal(days[0].toordinal() + i).strftime("%-d %b %Y"))
        for i in range(0, span, ticks)
    ]
    return bars, labels, tallest


@router.get("/timeline", response_class=HTMLResponse)
def timeline_page(request: Request, query: Figure) -> HTMLResponse:
    data = reader(request)
    flt, problems = query.flt, query.problems
    root = request.scope.get("root_path", "")
    bars, labels, tallest = timeline_bars(data.events_per_day(flt), flt, root)
    present = sorted({b.type for b in bars}, key=lambda t: (t not in TYPE_COLOURS, t))
    return render(
        request,
        "timeline.html",
        section="timeline",
        bars=bars,
        labels=labels,
        tallest=tallest,
        legend=[(t, TYPE_COLOURS.get(t, OTHER_COLOUR)) for t in present],
        size={"width": WIDTH, "height": HEIGHT, "left": LEFT, "bottom": BOTTOM, "top": TOP},
        form={k: "" if v is None else v for k, v in vars(replace(flt, actor_ids=())).items()},
        outlets=data.outlets(),
        problems=problems,
        csv=f"{request.scope.get('root_path', '')}/api/events.csv?{urlencode(flt.query())}",
    )
