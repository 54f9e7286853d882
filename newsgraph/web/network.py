"""The actor network: who does what to whom, drawn on the server as SVG.

Actors sit on a circle (the busiest at the top, going clockwise); an edge per (source, target,
event type) curves from source to target, as thick as its number of events and coloured by
type; A→B and B→A bend to opposite sides. Every edge links to the events page filtered to
exactly its events (that source, target and type, and the page's other filters); every actor to
its page. Names never overlap: each side's labels are pushed apart vertically (a leader line
joins a label moved off its node), and a white halo keeps them legible over the arrows. Under
the picture the same arrows as a table, for reading rather than looking, with downloads.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from itertools import pairwise
from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse

from .downloads import network_edges
from .filters import EventFilter
from .pages import reader, render
from .pictures import OTHER_COLOUR, TYPE_COLOURS, Figure

router = APIRouter(include_in_schema=False)
Text = Annotated[str | None, Query()]
SIZE, RADIUS = 760, 280
MAX_EDGES = 80
MAX_NODES = 24  # more names than this do not fit around the circle
LINE = 16  # the least vertical distance between two labels on one side (13-unit font)


@dataclass
class Node:
    id: str
    name: str
    x: float
    y: float
    anchor: str
    label_y: float = 0.0  # the label's baseline, pushed apart from its neighbours'

    @property
    def label_x(self) -> float:
        return self.x + (10 if self.anchor == "start" else -10)

    @property
    def moved(self) -> bool:
        """Whether the label sits away from its node (then a leader line joins them)."""
        return abs(self.label_y - (self.y + 4)) > 6


@dataclass
class Edge:
    source: str
    target: str
    type: str
    n: int
    path: str
    width: float
    colour: str
    href: str


def spread_labels(side: list[Node], top: float = 14.0, bottom: float = SIZE - 4.0) -> None:
    """Push the labels of one side of the circle apart, in their nodes' vertical order, so
    that no two baselines are closer than ``LINE``: down from the top, then back up from the
    bottom where the push ran off the picture (the least movement that keeps the order)."""
    if not side:
        return
    side.sort(key=lambda n: (n.label_y, n.x))
    side[0].label_y = max(side[0].label_y, top)
    for before, node in pairwise(side):
        node.label_y = max(node.label_y, before.label_y + LINE)
    side[-1].label_y = min(side[-1].label_y, bottom)
    for after, node in pairwise(side[::-1]):
        node.label_y = min(node.label_y, after.label_y - LINE)


def layout(
    edges: list[tuple[str, str, str, int]], names: dict[str, str], flt: EventFilter, root: str
) -> tuple[list[Node], list[Edge]]:
    weight: dict[str, int] = {}
    for source, target, _, n in edges:
        weight[source] = weight.get(source, 0) + n
        weight[target] = weight.get(target, 0) + n
    order = sorted(weight, key=lambda a: (-weight[a], a))[:MAX_NODES]
    kept = set(order)
    edges = [e for e in edges if e[0] in kept and e[1] in kept]
    # an actor whose every arrow leads beyond the busiest is no dot without an arrow
    ends = {a for s, t, *_ in edges for a in (s, t)}
    order = [a for a in order if a in ends]
    centre = SIZE / 2
    nodes: dict[str, Node] = {}
    for i, actor in enumerate(order):
        angle = -math.pi / 2 + 2 * math.pi * i / max(len(order), 1)
        x, y = centre + RADIUS * math.cos(angle), centre + RADIUS * math.sin(angle)
        anchor = "start" if math.cos(angle) >= 0 else "end"
        nodes[actor] = Node(actor, names.get(actor, actor), x, y, anchor, y + 4)
    for side in ("start", "end"):
        spread_labels([n for n in nodes.values() if n.anchor == side])
    heaviest = max((n for *_, n in edges), default=1)
    base = flt.query()
    base.pop("actor", None)
    base.pop("role", None)
    drawn = []
    for k, (source, target, type_, n) in enumerate(edges):
        a, b = nodes[source], nodes[target]
        # bend to the right of the direction of travel, a little more for each parallel type
        dx, dy = b.x - a.x, b.y - a.y
        bend = 0.12 + 0.05 * (k % 3)
        cx, cy = (a.x + b.x) / 2 - dy * bend, (a.y + b.y) / 2 + dx * bend
        query = {**base, "source": source, "target": target, "type": type_}
        drawn.append(
            Edge(
                source=source,
                target=target,
                type=type_,
                n=n,
                path=f"M{a.x:.1f},{a.y:.1f} Q{cx:.1f},{cy:.1f} {b.x:.1f},{b.y:.1f}",
                width=1.5 + 6 * math.log1p(n) / math.log1p(heaviest),
                colour=TYPE_COLOURS.get(type_, OTHER_COLOUR),
                href=f"{root}/events?{urlencode(query)}",
            )
        )
    return list(nodes.values()), drawn


@router.get("/network", response_class=HTMLResponse)
def network_page(request: Request, query: Figure) -> HTMLResponse:
    data = reader(request)
    flt, problems = query.flt, query.problems
    root = request.scope.get("root_path", "")
    rows = network_edges(data, flt, MAX_EDGES)
    edges = [(r["source"], r["target"], r["type"], r["events"]) for r in rows]
    names = {r[end]: r[f"{end}_name"] or r[end] for r in rows for end in ("source", "target")}
    nodes, drawn = layout(edges, names, flt, root)
    shown = {(e.source, e.target, e.type): e.href for e in drawn}
    base = {k: v for k, v in flt.query().items() if k not in ("actor", "role")}
    for row in rows:
        key = (row["source"], row["target"], row["type"])
        row["drawn"] = key in shown
        query = {**base, "source": key[0], "target": key[1], "type": key[2]}
        row["href"] = shown.get(key) or f"{root}/events?{urlencode(query)}"
    present = sorted({e.type for e in drawn})
    query = urlencode(flt.query())
    return render(
        request,
        "network.html",
        section="network",
        nodes=nodes,
        edges=drawn,
        size=SIZE,
        legend=[(t, TYPE_COLOURS.get(t, OTHER_COLOUR)) for t in present],
        capped=len(edges) >= MAX_EDGES,
        form={k: "" if v is None else v for k, v in vars(replace(flt, actor_ids=())).items()},
        types=[t for t, _ in data.event_types()],
        outlets=data.outlets(),
        problems=problems,
        rows=rows,
        coverage=data.edge_coverage(flt),
        query=query,
        csv=f"{root}/api/events.csv?{query}",
        edges_csv=f"{root}/api/network.csv?{query}",
        edges_json=f"{root}/api/network.json?{query}",
    )
