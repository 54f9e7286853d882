"""The story page's reports over time as one small SVG, drawn on the server (no script, no
library): a row per outlet in the order it first reported, a dot per report on its publication
day (filled: the outlet asserts it; hollow: it attributes it to a statement; a red ring: a
statement disputes it), its toll beside it, each dot a link to the report's words in the
article. Where the reports give several tolls, a reader sees who gave which, and when."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any
from urllib.parse import quote

from markupsafe import Markup, escape

from ..story_accounts import outlet_of, report_value

WIDTH = 760
LEFT = 170  # the outlets' names
RIGHT = 70  # room for the last day's tolls
ROW = 24
TOP = 8
AXIS = 30
STEP = 13  # a second report of one outlet on one day sits this far to the right
MAX_TICKS = 8


def _day(report: Mapping[str, Any]) -> date | None:
    try:
        return date.fromisoformat(str(report.get("published") or "")[:10])
    except ValueError:
        return None


def _words(report: Mapping[str, Any]) -> str:
    return " … ".join(str(e.get("text") or "") for e in report.get("evidence") or [])


def _label(d: date, with_year: bool) -> str:
    return f"{d.day} {d:%b}" + (f" {d.year}" if with_year else "")


def strip_svg(reports: Sequence[Mapping[str, Any]], root: str = "") -> Markup:
    """The strip for ``reports`` (a story's, earliest first); empty where none is dated."""
    dated = [(d, r) for r in reports if (d := _day(r))]
    if not dated:
        return Markup("")
    first = min(d for d, _ in dated)
    last = max(d for d, _ in dated)
    span = (last - first).days
    outlets: list[str] = []
    for _, r in sorted(dated, key=lambda dr: dr[0]):
        if outlet_of(r) not in outlets:
            outlets.append(outlet_of(r))
    inner = WIDTH - LEFT - RIGHT

    def x(d: date) -> float:
        return LEFT + (inner / 2 if span == 0 else (d - first).days / span * inner)

    height = TOP + ROW * len(outlets) + AXIS
    parts = [
        f'<svg class="story-strip" viewBox="0 0 {WIDTH} {height}" role="img" '
        f'aria-labelledby="strip-title"><title id="strip-title">Reports over time: '
        f"{len(dated)} reports by {len(outlets)} outlets, {escape(_label(first, True))}"
        f"{'' if span == 0 else ' to ' + str(escape(_label(last, True)))}</title>"
    ]
    bottom = TOP + ROW * len(outlets)
    for d in _ticks(first, span):
        parts.append(
            f'<line class="tick" x1="{x(d):.1f}" x2="{x(d):.1f}" y1="{TOP}" y2="{bottom}"/>'
            f'<text class="axis" x="{x(d):.1f}" y="{bottom + 16}" text-anchor="middle">'
            f"{escape(_label(d, first.year != last.year))}</text>"
        )
    seen: dict[tuple[str, date], int] = defaultdict(int)
    for row, outlet in enumerate(outlets):
        y = TOP + ROW * row + ROW / 2
        parts.append(
            f'<text class="outlet" x="{LEFT - 12}" y="{y + 4:.1f}" text-anchor="end">'
            f"{escape(outlet)}</text>"
            f'<line class="row" x1="{LEFT}" x2="{LEFT + inner}" y1="{y:.1f}" y2="{y:.1f}"/>'
        )
        for d, r in dated:
            if outlet_of(r) != outlet:
                continue
            cx = x(d) + STEP * seen[(outlet, d)]
            seen[(outlet, d)] += 1
            parts.append(_dot(r, d, cx, y, root))
    parts.append("</svg>")
    return Markup("".join(parts))


def _ticks(first: date, span: int) -> list[date]:
    """Every day where the reports span ``MAX_TICKS`` days or fewer, else that many evenly."""
    steps = range(span + 1) if span <= MAX_TICKS else range(0, MAX_TICKS + 1)
    days = {n if span <= MAX_TICKS else round(span * n / MAX_TICKS) for n in steps}
    return [date.fromordinal(first.toordinal() + n) for n in sorted(days)]


def _toll(r: Mapping[str, Any]) -> tuple[str, str]:
    """The report's toll in words and as the dot's label: "killed 5" / "5", or a count it adds
    to the toll ("two of the wounded died"): "2 more killed" / "+2", or the armed men a side
    says it killed ("neutralised 8 terrorists"): "8 armed men killed" / "8a"; none: empty."""
    killed = report_value("killed", r)
    if killed is not None:
        return f"killed {killed}", str(killed)
    added = (r.get("magnitude") or {}).get("killed")
    if isinstance(added, Mapping) and added.get("added") and isinstance(added.get("min"), int):
        return f"{added['min']} more killed", f"+{added['min']}"
    if isinstance(added, Mapping) and added.get("armed") and isinstance(added.get("min"), int):
        return f"{added['min']} armed men killed", f"{added['min']}a"  # the attackers' loss
    return "", ""


def _dot(r: Mapping[str, Any], d: date, cx: float, y: float, root: str) -> str:
    attributed = r.get("voice") == "attributed"
    kind = "attributed" if attributed else "asserted"
    toll, short = _toll(r)
    words = _words(r)
    title = ", ".join(
        p
        for p in (
            f"{outlet_of(r)}, {_label(d, True)}: {r.get('type') or '?'}",
            f"“{words}”" if words else "",
            "attributed to a statement" if attributed else "asserted by the outlet",
            toll,
            "disputed" if r.get("disputed") else "",
        )
        if p
    )
    href = f"{root}/articles/{quote(str(r.get('article_id')), safe='')}#event-"
    href += quote(str(r.get("event_id")), safe="")
    classes = f"dot {kind}" + (" disputed" if r.get("disputed") else "")
    label = f'<text class="toll" x="{cx + 8:.1f}" y="{y + 4:.1f}">{short}</text>' if short else ""
    return (
        f'<a class="report-dot" href="{escape(href)}"><title>{escape(title)}</title>'
        f'<circle class="{classes}" cx="{cx:.1f}" cy="{y:.1f}" r="5.5"/>{label}</a>'
    )
