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
WIDTH, HEIGHT, LEFT, BOTTOM, TOP = 960, 340, 64, 46, 10
RIGHT = 8  # room for the last day's bar (a bar is never narrower than 3 units)


DAYS, WEEKS = 180, 3 * 365  # the longest spans drawn a bar a day, a bar a week (else a month)


@dataclass
class Bar:
    """One stacked segment: ``n`` events of ``type`` published in the period from ``day``."""

    day: date
    type: str
    n: int
    x: float
    y: float
    width: float
    height: float
    colour: str
    href: str
    period: str = "day"  # day, week or month: what ``day`` starts

    @property
    def label(self) -> str:
        if self.period == "month":
            return self.day.strftime("%b %Y")
        shown = self.day.strftime("%-d %b %Y")
        return f"week of {shown}" if self.period == "week" else shown


def period_of(first: date, last: date) -> str:
    """The bars' period for publication days from ``first`` to ``last``: a day where the span
    is short, a week (from Monday) up to three years, else a month; so a long store draws a
    readable number of bars (about 150 at most) instead of one per day and type."""
    span = (last - first).days + 1
    return "day" if span <= DAYS else "week" if span <= WEEKS else "month"


def period_start(day: date, period: str) -> date:
    if period == "week":
        return date.fromordinal(day.toordinal() - day.weekday())
    return day.replace(day=1) if period == "month" else day


def period_after(start: date, period: str) -> date:
    """The first day of the next period."""
    if period == "month":
        return date(start.year + start.month // 12, start.month % 12 + 1, 1)
    return date.fromordinal(start.toordinal() + (7 if period == "week" else 1))


def timeline_bars(
    counts: list[tuple[date, str, int]], flt: EventFilter, root: str
) -> tuple[list[Bar], list[tuple[float, str]], int]:
    """The segments of the stacked bars, the x-axis labels, and the tallest period's count."""
    days = sorted({day for day, _, _ in counts})
    if not days:
        return [], [], 0
    period = period_of(days[0], days[-1])
    binned: dict[tuple[date, str], int] = {}
    for day, type_, n in counts:
        key = (period_start(day, period), type_)
        binned[key] = binned.get(key, 0) + n
    first = period_start(days[0], period)
    end = period_after(period_start(days[-1], period), period)
    span = (end - first).days
    per_period: dict[date, int] = {}
    for (start, _), n in binned.items():
        per_period[start] = per_period.get(start, 0) + n
    tallest = max(per_period.values())
    step = (WIDTH - LEFT - RIGHT) / span  # units per day
    scale = (HEIGHT - BOTTOM - TOP) / tallest
    base = flt.query()
    stacked: dict[date, float] = {}
    bars = []
    order = {t: i for i, t in enumerate(PLOVER_TYPES)}
    for (start, type_), n in sorted(
        binned.items(), key=lambda c: (c[0][0], order.get(c[0][1], 99), c[0][1])
    ):
        below = stacked.get(start, 0.0)
        height = n * scale
        stacked[start] = below + height
        after = period_after(start, period)
        last = date.fromordinal(after.toordinal() - 1)
        query = {**base, "type": type_, "date_from": start.isoformat(), "date_to": last.isoformat()}
        bars.append(
            Bar(
                day=start,
                type=type_,
                n=n,
                x=LEFT + (start - first).days * step,
                y=HEIGHT - BOTTOM - below - height,
                width=max((after - start).days * step * 0.8, 3.0),
                height=height,
                colour=TYPE_COLOURS.get(type_, OTHER_COLOUR),
                href=f"{root}/events?{urlencode(query)}",
                period=period,
            )
        )
    return bars, axis_labels(first, end, period, step), tallest


def axis_labels(first: date, end: date, period: str, step: float) -> list[tuple[float, str]]:
    """The x-axis labels: about eight, each at a period's start (a bar's left edge: a Monday
    where bars are weeks, the 1st where they are months), so a tick never falls mid-bar."""
    starts = [first]
    while (after := period_after(starts[-1], period)) < end:
        starts.append(after)
    shown = "%b %Y" if period == "month" else "%-d %b %Y"
    every = max(1, len(starts) // 8)
    return [
        (LEFT + (start - first).days * step, start.strftime(shown))
        for start in starts[::every]
        if LEFT + (start - first).days * step <= WIDTH - 72  # a label is ~70 wide: none runs off
    ]


def timeline_axes(flt: EventFilter, period: str = "day") -> tuple[str, str]:
    """The axis titles: what a bar counts (the filter's type, or every type stacked) and per
    what (the reporting article's publication day, week or month, not when the event
    happened)."""
    what = f"{flt.type} events" if flt.type else "Events (all types, stacked)"
    return f"{what} per {period}", f"Publication {period} of the reporting article"


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
        axes=timeline_axes(flt, bars[0].period if bars else "day"),
        period=bars[0].period if bars else "day",
        legend=[(t, TYPE_COLOURS.get(t, OTHER_COLOUR)) for t in present],
        size={"width": WIDTH, "height": HEIGHT, "left": LEFT, "bottom": BOTTOM, "top": TOP},
        form={k: "" if v is None else v for k, v in vars(replace(flt, actor_ids=())).items()},
        types=[t for t, _ in data.event_types()],
        outlets=data.outlets(),
        problems=problems,
        csv=f"{request.scope.get('root_path', '')}/api/events.csv?{urlencode(flt.query())}",
    )
