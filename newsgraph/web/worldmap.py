"""The map of event places, drawn on the server as SVG over a bundled base map.

A circle per place (its stored latitude and longitude), its area proportional to the number of
events there that match the page's filters; each circle links to the events page filtered to
exactly those events (that place, and the page's other filters), whose rows link on to their
evidence. The base map is Natural Earth's 1:110m countries from the ``world-atlas`` npm package
(``basemap.py``); without it the page draws a latitude/longitude grid and says how to add it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse

from .basemap import HEIGHT, INSTALL_HINT, WIDTH, graticule, load_basemap, project
from .filters import EventFilter
from .pages import reader, render
from .pictures import Figure

router = APIRouter(include_in_schema=False)
Text = Annotated[str | None, Query()]
MAX_PLACES = 300
MIN_RADIUS, MAX_RADIUS = 3.0, 16.0
# kinds of place (the gazetteer's ``feature``) a point at their centre does not locate
BROAD = frozenset({"continent", "country", "region", "territory", "area", "sea", "river"})
MAX_LABELS, LABEL_FONT = 12, 11.0  # names on the map: the busiest places', at 11 units
MIN_SPAN, MIN_MARGIN = 24.0, 4.0  # degrees: the narrowest view, the least margin around it


@dataclass
class Point:
    place: str
    name: str
    lat: float
    lon: float
    n: int
    x: float
    y: float
    r: float
    href: str
    feature: str | None = None  # the gazetteer's kind of place: city, country, region, ...

    @property
    def broad(self) -> bool:
        """A place wider than a spot (a country, a region, a sea): its circle stands at the
        place's centre, not where the events happened, and is drawn dashed and pale."""
        return self.feature in BROAD


def radius(n: int, most: int) -> float:
    """A circle's radius: its area grows with its number of events (``most``: the busiest)."""
    return MIN_RADIUS + (MAX_RADIUS - MIN_RADIUS) * math.sqrt(n / max(most, 1))


def legend_sizes(points: list[Point]) -> list[tuple[int, float]]:
    """The size key under the map: the fewest, a middle and the most events a drawn circle
    stands for, each with its radius (one entry where every place has as many)."""
    if not points:
        return []
    counts = sorted(p.n for p in points)
    most = counts[-1]
    keys = sorted({counts[0], counts[len(counts) // 2], most})
    return [(n, radius(n, most)) for n in keys]


def map_points(
    places: list[tuple[str, str, float, float, int, str | None]], flt: EventFilter, root: str
) -> list[Point]:
    """The circles, largest first so that smaller ones are drawn on top and stay clickable."""
    most = max((p[4] for p in places), default=1)
    base = flt.query()
    points = []
    for place, name, lat, lon, n, feature in places:
        if not (-90.0 <= lat <= 90.0 and -180.0 <= lon <= 180.0):
            continue  # a stored coordinate off the globe has no spot on the map
        x, y = project(lon, lat)
        points.append(
            Point(
                place=place,
                name=name,
                lat=lat,
                lon=lon,
                n=n,
                x=x,
                y=y,
                r=radius(n, most),
                href=f"{root}/events?{urlencode({**base, 'place': place})}",
                feature=feature,
            )
        )
    return sorted(points, key=lambda p: (-p.n, p.place))


@dataclass
class View:
    """The part of the world map the page shows (``viewBox``) and its scale ``k`` against the
    whole map: marks drawn ``k`` times as large in map units look the same size on screen."""

    x: float
    y: float
    width: float
    height: float

    @property
    def k(self) -> float:
        return self.width / WIDTH

    @property
    def box(self) -> str:
        return f"{self.x:.1f} {self.y:.1f} {self.width:.1f} {self.height:.1f}"


def fit_view(points: list[Point]) -> View:
    """The smallest window of the map's shape (2:1) around every circle, with a margin of a
    tenth of the spread (at least ``MIN_MARGIN`` degrees) and at least ``MIN_SPAN`` degrees
    wide, so that one place still shows its region; the whole world when nothing is drawn."""
    if not points:
        return View(0.0, 0.0, float(WIDTH), float(HEIGHT))
    unit = WIDTH / 360.0  # map units per degree, either way
    left, right = min(p.x for p in points), max(p.x for p in points)
    top, bottom = min(p.y for p in points), max(p.y for p in points)
    margin = max(0.1 * max(right - left, 2 * (bottom - top)), MIN_MARGIN * unit)
    width = max(right - left + 2 * margin, 2 * (bottom - top + 2 * margin), MIN_SPAN * unit)
    width = min(width, float(WIDTH))
    height = width * HEIGHT / WIDTH
    # the circles grow with the zoom (k), so widen once more by the largest one's radius
    width = min(width + 2 * MAX_RADIUS * width / WIDTH, float(WIDTH))
    height = width * HEIGHT / WIDTH
    x = min(max((left + right - width) / 2, 0.0), WIDTH - width)
    y = min(max((top + bottom - height) / 2, 0.0), HEIGHT - height)
    return View(x, y, width, height)


@dataclass
class Label:
    """A place's name beside its circle (``x``, ``y``: the baseline's start, map units)."""

    place: str
    name: str
    x: float
    y: float
    size: float  # font size in map units, ``LABEL_FONT`` on screen at any zoom


Box = tuple[float, float, float, float]


def legend_box(view: View, sizes: list[tuple[int, float]], broad: bool) -> Box:
    """Where the size key lies (as the template draws it, scaled by the view)."""
    k, width = view.k, 24 + len(sizes) * 78 + (150 if broad else 0)
    return (
        view.x + 6 * k,
        view.y + (HEIGHT - 62) * k,
        view.x + (6 + width) * k,
        view.y + view.height,
    )


def place_labels(points: list[Point], view: View, avoid: list[Box]) -> list[Label]:
    """Names for the busiest places (``MAX_LABELS`` at most), right of each circle, taken in
    order of events and left out where one would overlap a name already placed, the key
    (``avoid``) or the map's edge; each circle's name is on its title and in the table."""
    k, taken, labels = view.k, list(avoid), []

    def clear(box: Box) -> bool:
        inside = view.x <= box[0] and box[2] <= view.x + view.width and view.y <= box[1]
        return (
            inside
            and box[3] <= view.y + view.height
            and not any(
                box[0] < o[2] and o[0] < box[2] and box[1] < o[3] and o[1] < box[3] for o in taken
            )
        )

    for p in points:
        if len(labels) == MAX_LABELS:
            break
        size = LABEL_FONT * k
        x, y = p.x + p.r * k + 2 * k, p.y + 0.35 * size
        box = (x, y - size, x + 0.6 * size * len(p.name), y + 0.3 * size)
        if clear(box):
            taken.append(box)
            labels.append(Label(p.place, p.name, x, y, size))
    return labels


@router.get("/map", response_class=HTMLResponse)
def map_page(request: Request, query: Figure) -> HTMLResponse:
    data = reader(request)
    flt, problems = query.flt, query.problems
    places = data.event_places(flt, MAX_PLACES)
    root = request.scope.get("root_path", "")
    points = map_points(places, flt, root)
    view = fit_view(points)
    sizes = legend_sizes(points)
    avoid = [legend_box(view, sizes, any(p.broad for p in points))] if sizes else []
    return render(
        request,
        "map.html",
        section="map",
        points=points,
        sizes=sizes,
        view=view,
        labels=place_labels(points, view, avoid),
        csv=f"{root}/api/events.csv?{urlencode(flt.query())}",
        capped=len(places) >= MAX_PLACES,
        basemap=load_basemap(),
        install_hint=INSTALL_HINT,
        grid=graticule(),
        size={"width": WIDTH, "height": HEIGHT},
        form={k: "" if v is None else v for k, v in vars(replace(flt, actor_ids=())).items()},
        types=[t for t, _ in data.event_types()],
        outlets=data.outlets(),
        problems=problems,
    )
