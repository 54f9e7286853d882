"""The map page's base map: Natural Earth country shapes from the ``world-atlas`` npm package.

``world-atlas`` ships TopoJSON: each country is a list of rings, each ring a list of references
to shared arcs, each arc a run of quantized, delta-encoded points. We decode it here (no
JavaScript library, no tile server) into one SVG path in an equirectangular projection, drawn
once per file and kept. Without the file the map is a graticule alone.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import newsgraph

WIDTH, HEIGHT = 960, 480  # 360° × 180°: one degree is 2.667 px either way
BASEMAP_FILE = Path("node_modules") / "world-atlas" / "countries-110m.json"
INSTALL_HINT = "npm install --no-audit --no-fund"


def project(lon: float, lat: float) -> tuple[float, float]:
    """Equirectangular: longitude and latitude straight to x and y."""
    return (lon + 180.0) / 360.0 * WIDTH, (90.0 - lat) / 180.0 * HEIGHT


def find_basemap() -> Path | None:
    """``NEWSGRAPH_BASEMAP``, else the npm package under the current directory or beside the
    package's own checkout (where ``npm install`` at the repository root puts it)."""
    named = os.environ.get("NEWSGRAPH_BASEMAP")
    if named:
        return Path(named) if Path(named).is_file() else None
    repo_root = Path(newsgraph.__file__).resolve().parent.parent
    for folder in (Path.cwd(), repo_root):
        if (folder / BASEMAP_FILE).is_file():
            return folder / BASEMAP_FILE
    return None


def decode_arcs(topology: dict[str, Any]) -> list[list[tuple[float, float]]]:
    """Every arc as (lon, lat) points: undo the delta encoding, then the quantization."""
    transform = topology.get("transform")
    if not transform:  # not quantized: plain positions
        return [[(float(p[0]), float(p[1])) for p in arc] for arc in topology["arcs"]]
    (sx, sy), (tx, ty) = transform["scale"], transform["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy, *_ in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def ring_points(
    ring: list[int], arcs: list[list[tuple[float, float]]]
) -> list[tuple[float, float]]:
    """A ring from its arc references; ``~i`` (i.e. ``-i - 1``) is arc ``i`` walked backwards.
    Consecutive arcs share their joining point, so each arc after the first drops its first."""
    points: list[tuple[float, float]] = []
    for index in ring:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        points.extend(arc if not points else arc[1:])
    return points


def polygons(geometry: dict[str, Any]) -> list[list[list[int]]]:
    """A geometry's polygons (each a list of rings of arc references)."""
    if geometry.get("type") == "Polygon":
        return [geometry["arcs"]]
    if geometry.get("type") == "MultiPolygon":
        return list(geometry["arcs"])
    if geometry.get("type") == "GeometryCollection":
        return [p for g in geometry.get("geometries", []) for p in polygons(g)]
    return []


def unwrapped(ring: list[tuple[float, float]]) -> list[list[tuple[float, float]]]:
    """A ring that crosses the antimeridian (Russia, Fiji) made continuous, plus its copy a
    world away so that both edges of the map show their part (the SVG clips the rest). A ring
    that goes once around the globe (Antarctica) stays as it is: unwrapping cannot close it."""
    points = [ring[0]]
    for lon, lat in ring[1:]:
        previous = points[-1][0]
        lon += 360.0 * round((previous - lon) / 360.0)
        points.append((lon, lat))
    if abs(points[-1][0] - points[0][0]) > 1e-6:
        return [ring]
    lons = [lon for lon, _ in points]
    if min(lons) < -180.0:
        return [points, [(lon + 360.0, lat) for lon, lat in points]]
    if max(lons) > 180.0:
        return [points, [(lon - 360.0, lat) for lon, lat in points]]
    return [points]


def svg_path(topology: dict[str, Any], name: str = "countries") -> str:
    """The named object's shapes as SVG path data in the map's projection."""
    arcs = decode_arcs(topology)
    parts = []
    for polygon in polygons(topology["objects"][name]):
        for ring in polygon:
            for piece in unwrapped(ring_points(ring, arcs)):
                if len(piece) < 3:
                    continue
                head, *rest = (f"{x:.1f},{y:.1f}" for x, y in (project(*p) for p in piece))
                parts.append(f"M{head}L{' '.join(rest)}Z")
    return "".join(parts)


@dataclass(frozen=True)
class BaseMap:
    path: str  # SVG path data of the country shapes; empty without the file
    source: str | None  # the file it came from


@lru_cache(maxsize=4)
def _load(file: str, modified: float) -> str:
    return svg_path(json.loads(Path(file).read_text(encoding="utf-8")))


def load_basemap() -> BaseMap:
    """The base map, decoded once per file (and again only if the file changes)."""
    file = find_basemap()
    if file is None:
        return BaseMap("", None)
    try:
        return BaseMap(_load(str(file), file.stat().st_mtime), str(file))
    except (OSError, ValueError, KeyError, TypeError, IndexError):
        return BaseMap("", None)  # a broken file: the graticule alone, as without one


def graticule(step: int = 30) -> list[tuple[float, float, float, float]]:
    """Lines of the lat/lon grid every ``step`` degrees, as (x1, y1, x2, y2)."""
    lines = []
    for lon in range(-180, 181, step):
        x, _ = project(lon, 0)
        lines.append((x, 0.0, x, float(HEIGHT)))
    for lat in range(-90, 91, step):
        _, y = project(0, lat)
        lines.append((0.0, y, float(WIDTH), y))
    return lines
