"""What a reader of the pictures and tables needs besides the picture: the network's arrows as a
table and a download, names that never overlap and no dot without an arrow; the timeline's axis
titles; a map fitted to its places; and every event's citable id linking to its own record.
Over the hand-written record (``test_serve_guard``'s store) and on hand-made layouts.
"""

from __future__ import annotations

import csv
import html
import io
import re
from datetime import date
from itertools import pairwise

import pytest
from test_serve_api import HAND_ID
from test_serve_guard import client, store  # noqa: F401 (fixtures)

from newsgraph.web.basemap import HEIGHT, WIDTH, project
from newsgraph.web.filters import EventFilter
from newsgraph.web.network import LINE, MAX_NODES, layout
from newsgraph.web.worldmap import MAX_RADIUS, Point, fit_view

pytestmark = pytest.mark.usefixtures("store")


# --- events: a citable id linking to the event's record -------------------------------------


def test_an_event_has_its_own_address_with_the_lists_record(client) -> None:  # noqa: F811
    listed = client.get("/api/events", params={"article": HAND_ID, "limit": 500}).json()
    for item in listed["items"]:
        one = client.get(f"/api/events/{HAND_ID}/{item['id']}")
        assert one.status_code == 200 and one.json() == item
    assert client.get(f"/api/events/{HAND_ID}/e999").status_code == 404
    assert client.get("/api/events/no-such-article/e1").status_code == 404


def test_the_events_table_shows_each_events_id_linking_to_its_record(client) -> None:  # noqa: F811
    page = client.get("/events", params={"article": HAND_ID}).text
    links = re.findall(
        r'<a class="event-id" href="([^"]+)"[^>]*><code>([^<]+)<wbr>([^<]+)</code>', page
    )
    listed = client.get("/api/events", params={"article": HAND_ID}).json()["items"]
    assert [(h, a + b) for h, a, b in links] == [
        (f"/api/events/{HAND_ID}/{e['id']}", f"{HAND_ID}/{e['id']}") for e in listed
    ]
    assert client.get(html.unescape(links[0][0])).json()["id"] == listed[0]["id"]


# --- the network -----------------------------------------------------------------------------


def busy_edges(n: int = MAX_NODES) -> tuple[list[tuple[str, str, str, int]], dict[str, str]]:
    """A wheel of ``n`` actors with long names, each acting on the next and on the hub."""
    actors = [f"a{i:02d}" for i in range(n)]
    edges = [(a, actors[(i + 1) % n], "ASSAULT", 1 + i % 3) for i, a in enumerate(actors)]
    edges += [(a, actors[0], "ACCUSE", 1) for a in actors[2:]]
    return edges, {a: f"The Ministry of Long Names number {a}" for a in actors}


def test_network_labels_on_one_side_never_share_a_line() -> None:
    edges, names = busy_edges()
    nodes, _ = layout(edges, names, EventFilter(), "")
    assert len(nodes) == MAX_NODES
    for side in ("start", "end"):
        ys = sorted(n.label_y for n in nodes if n.anchor == side)
        assert all(b - a >= LINE - 1e-9 for a, b in pairwise(ys)), side
    for n in nodes:
        assert 0 < n.label_y < 760 and (n.label_x > n.x) == (n.anchor == "start")


def test_an_actor_whose_arrows_all_lead_off_the_picture_is_not_drawn() -> None:
    edges, names = busy_edges()
    # "lonely" is busier than the wheel's quietest actors, but acts only on one left out
    edges += [("lonely", "far", "COERCE", 2), *[("far", f"x{i}", "COERCE", 0) for i in range(1)]]
    nodes, drawn = layout(edges, names, EventFilter(), "")
    ends = {e.source for e in drawn} | {e.target for e in drawn}
    assert {n.id for n in nodes} == ends


def test_the_network_page_lists_its_arrows_with_downloads(client) -> None:  # noqa: F811
    page = client.get("/network", params={"provenance": "asserted"}).text
    table = page[page.index('class="list edges"') :].split("</table>")[0]
    rows = re.findall(
        r'<tr data-source="([^"]+)" data-target="([^"]+)" data-type="([^"]+)">.*?'
        r'<td class="num"><a href="([^"]+)">(\d+)</a>',
        table,
    )
    arrows = client.get("/api/network.json", params={"provenance": "asserted"}).json()
    assert arrows and [(s, t, ty, int(n)) for s, t, ty, _, n in rows] == [
        (a["source"], a["target"], a["type"], a["events"]) for a in arrows
    ]
    for *_, href, n in rows:  # each row's number opens exactly its events
        listed = client.get("/api/events?" + html.unescape(href).split("?", 1)[1]).json()
        assert listed["total"] == int(n)
    for kind in ("csv", "json"):
        href = html.unescape(re.search(rf'id="edges-{kind}-link" href="([^"]+)"', page).group(1))
        assert href == f"/api/network.{kind}?provenance=asserted"
    lines = list(csv.reader(io.StringIO(client.get("/api/network.csv?provenance=asserted").text)))
    assert lines[0] == ["source", "source_name", "target", "target_name", "type", "events"]
    assert [r[0] for r in lines[1:]] == [a["source"] for a in arrows]
    assert client.get("/api/network.csv", params={"type": "PROTEST"}).text.count("\n") == 1
    assert client.get("/api/network.json", params={"limit": 0}).status_code == 422


# --- the timeline ----------------------------------------------------------------------------


def test_the_timeline_says_what_it_counts_per_what(client) -> None:  # noqa: F811
    page = client.get("/timeline").text
    assert re.search(r'id="timeline-y-title"[^>]*>Events \(all types, stacked\) per day<', page)
    assert re.search(r'id="timeline-x-title"[^>]*>Publication day of the reporting article<', page)
    one = client.get("/timeline", params={"type": "reject"}).text
    assert re.search(r'id="timeline-y-title"[^>]*>REJECT events per day<', one)
    assert '<option value="REJECT" selected>' in one  # the form offers the type filter


# --- the map ---------------------------------------------------------------------------------


def test_the_map_zooms_to_its_places_and_keeps_its_legend(client) -> None:  # noqa: F811
    page = client.get("/map").text
    x, y, w, h = map(float, re.search(r'<svg id="map" viewBox="([^"]+)"', page).group(1).split())
    sx, sy = project(34.596, 31.525)  # Sderot, the one located event
    assert w < WIDTH / 4 and w / h == pytest.approx(WIDTH / HEIGHT, rel=1e-2)
    assert x < sx < x + w and y < sy < y + h
    k = w / WIDTH  # marks scale with the zoom, so that they keep their size on screen
    r = float(re.search(r'<a class="place"[^>]*><circle [^>]*r="([\d.]+)"', page).group(1))
    assert r == pytest.approx(MAX_RADIUS * k, abs=0.01)
    legend = re.search(
        r'<g id="map-legend"[^>]*transform="translate\(([\d.]+) ([\d.]+)\) scale', page
    )
    assert legend and (float(legend.group(1)), float(legend.group(2))) == pytest.approx(
        (x, y), abs=0.1
    )


def test_fit_view_holds_every_circle_and_widens_a_lone_one() -> None:
    def point(lon: float, lat: float) -> Point:
        px, py = project(lon, lat)
        return Point("p", "P", lat, lon, 1, px, py, 3.0, "")

    assert fit_view([]).box == f"0.0 0.0 {WIDTH:.1f} {HEIGHT:.1f}"
    lone = fit_view([point(30.5, 50.4)])
    assert lone.width >= 24 * WIDTH / 360 and lone.width < WIDTH / 6
    spread = [point(-74.0, 40.7), point(139.7, 35.7), point(18.4, -33.9)]
    view = fit_view(spread)
    for p in spread:
        margin = MAX_RADIUS * view.k
        assert view.x <= p.x - margin and p.x + margin <= view.x + view.width
        assert view.y <= p.y - margin and p.y + margin <= view.y + view.height
    assert fit_view([point(-179.0, 80.0), point(179.0, -80.0)]).box == fit_view([]).box


def test_the_article_pages_event_cards_link_to_each_events_record(client) -> None:  # noqa: F811
    page = client.get(f"/articles/{HAND_ID}").text
    links = re.findall(r'<a class="event-id" href="([^"]+)"', page)
    assert links and links[0] == f"/api/events/{HAND_ID}/e1"
    assert all(client.get(html.unescape(link)).status_code == 200 for link in links)


def test_the_actors_list_links_each_speakers_statements(client) -> None:  # noqa: F811
    page = client.get("/actors").text
    links = re.findall(r'<a href="(/statements\?speaker=[^"]+)">(\d+)</a>', page)
    assert links
    for href, n in links:  # each count opens exactly the statements it counts
        speaker = html.unescape(href).split("=", 1)[1]
        assert client.get("/api/statements", params={"speaker": speaker}).json()["total"] == int(n)


def test_a_long_timeline_draws_a_bar_a_week_or_a_month_each_linking_to_its_events() -> None:
    from newsgraph.web.pictures import timeline_bars

    short = [(date(2024, 1, 1), "ASSAULT", 2), (date(2024, 3, 1), "ASSAULT", 1)]
    assert {b.period for b in timeline_bars(short, EventFilter(), "")[0]} == {"day"}
    # a year: Monday weeks; 2 Jan 2024 (Tue) and 7 Jan (Sun) fall in the week of 1 Jan
    year = [
        (date(2024, 1, 2), "ASSAULT", 2),
        (date(2024, 1, 7), "ASSAULT", 3),
        (date(2024, 1, 7), "PROTEST", 1),
        (date(2024, 12, 30), "ASSAULT", 1),
    ]
    bars, _, tallest = timeline_bars(year, EventFilter(outlet="X"), "")
    assert [(b.period, b.day, b.type, b.n) for b in bars] == [
        ("week", date(2024, 1, 1), "PROTEST", 1),  # stacked in PLOVER's order
        ("week", date(2024, 1, 1), "ASSAULT", 5),
        ("week", date(2024, 12, 30), "ASSAULT", 1),
    ]
    assert tallest == 6 and bars[0].label == "week of 1 Jan 2024"
    assert "date_from=2024-01-01&date_to=2024-01-07" in bars[0].href and "outlet=X" in bars[0].href
    assert all(b.x + b.width <= 960 for b in bars)
    decade = [(date(2015, 12, 31), "ASSAULT", 1), (date(2024, 2, 29), "ASSAULT", 4)]
    bars, _, _ = timeline_bars(decade, EventFilter(), "")
    assert [(b.period, b.day, b.label) for b in bars] == [
        ("month", date(2015, 12, 1), "Dec 2015"),
        ("month", date(2024, 2, 1), "Feb 2024"),
    ]
    assert "date_from=2015-12-01&date_to=2015-12-31" in bars[0].href
    assert "date_from=2024-02-01&date_to=2024-02-29" in bars[1].href


def test_timeline_ticks_fall_on_the_bars_periods() -> None:
    """Weekly bars get ticks on Mondays at a bar's left edge, monthly ones on the 1st."""
    from datetime import datetime

    from newsgraph.web.pictures import timeline_bars

    year = [(date(2024, 1, 3), "AID", 1), (date(2024, 12, 20), "AID", 1)]
    bars, labels, _ = timeline_bars(year, EventFilter(), "")
    assert bars[0].period == "week" and len(labels) >= 4
    step = (bars[-1].x - bars[0].x) / (bars[-1].day - bars[0].day).days  # units per day
    for x, text in labels:
        day = datetime.strptime(text, "%d %b %Y").date()
        assert day.weekday() == 0, text  # a Monday, where a weekly bar starts
        assert abs(x - (bars[0].x + (day - bars[0].day).days * step)) < 1e-6, (x, text)
    decade = [(date(2015, 12, 31), "AID", 1), (date(2024, 2, 29), "AID", 1)]
    _, labels, _ = timeline_bars(decade, EventFilter(), "")
    assert labels[0][1] == "Dec 2015" and all(
        re.fullmatch(r"[A-Z][a-z]{2} \d{4}", t) for _, t in labels
    )


def test_no_timeline_label_runs_off_the_picture() -> None:
    from newsgraph.web.pictures import WIDTH as TIMELINE_WIDTH
    from newsgraph.web.pictures import timeline_bars

    for last in (date(2024, 1, 9), date(2024, 5, 30), date(2025, 8, 30)):
        _, labels, _ = timeline_bars(
            [(date(2024, 1, 1), "AID", 1), (last, "AID", 1)], EventFilter(), ""
        )
        assert labels and all(x + 70 <= TIMELINE_WIDTH for x, _ in labels), last


def test_a_country_or_region_is_drawn_pale_and_dashed_and_the_table_names_each_kind(
    client,  # noqa: F811
) -> None:
    from newsgraph.web.worldmap import map_points

    places = [
        ("geonames:690791", "Ukraine", 49.0, 32.0, 3, "country"),
        ("geonames:703448", "Kyiv", 50.455, 30.524, 1, "city"),
        ("x:old", "Somewhere", 10.0, 10.0, 1, None),
    ]
    points = map_points(places, EventFilter(), "")
    assert [(p.place, p.broad) for p in points] == [
        ("geonames:690791", True),
        ("geonames:703448", False),
        ("x:old", False),
    ]
    page = client.get("/map").text
    assert "<th>Kind</th>" in page
    assert re.search(r"<tr><td>Sderot</td><td>[^<]+</td><td><code>newsgraph:sderot</code>", page)
    assert "stroke-dasharray" not in page.split('<a class="place"')[1].split("</a>")[0]
    assert 'id="map-legend-broad"' not in page  # no broad place here: no key for one


def test_a_statement_has_its_own_address_linked_from_the_tables_and_cards(client) -> None:  # noqa: F811
    listed = client.get("/api/statements", params={"article": HAND_ID, "limit": 500}).json()
    assert listed["items"]
    for item in listed["items"]:
        one = client.get(f"/api/statements/{HAND_ID}/{item['id']}")
        assert one.status_code == 200 and one.json() == item
    assert client.get(f"/api/statements/{HAND_ID}/s999").status_code == 404
    assert client.get("/api/statements/no-such-article/s1").status_code == 404
    table = client.get("/statements", params={"article": HAND_ID}).text
    links = re.findall(r'<a class="statement-id" href="([^"]+)"', table)
    assert links == [f"/api/statements/{HAND_ID}/{s['id']}" for s in listed["items"]]
    cards = client.get(f"/articles/{HAND_ID}").text
    assert re.findall(r'<a class="statement-id" href="([^"]+)"', cards) == links


def test_the_busiest_places_are_named_on_the_map_without_overlapping(client) -> None:  # noqa: F811
    from newsgraph.web.worldmap import (
        MAX_LABELS,
        legend_box,
        legend_sizes,
        map_points,
        place_labels,
    )

    # a crowd of places a degree apart: most names would collide, so only some are drawn
    crowd = [
        (f"p{i}", f"Placename {i}", 48.0 + (i % 5), 30.0 + i // 5, 40 - i, "city")
        for i in range(40)
    ]
    points = map_points(crowd, EventFilter(), "")
    view = fit_view(points)
    key = legend_box(view, legend_sizes(points), broad=False)
    labels = place_labels(points, view, [key])
    assert 1 < len(labels) <= MAX_LABELS and labels[0].name == "Placename 0"  # the busiest first
    boxes = [
        (lb.x, lb.y - lb.size, lb.x + 0.6 * lb.size * len(lb.name), lb.y + 0.3 * lb.size)
        for lb in labels
    ]
    for i, a in enumerate(boxes):
        assert view.x <= a[0] and a[2] <= view.x + view.width
        for b in [*boxes[i + 1 :], key]:
            assert not (a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3])
    page = client.get("/map").text
    assert re.search(
        r'<text class="place-label" data-place="newsgraph:sderot"[^>]*>Sderot</text>', page
    )


def test_the_timelines_y_axis_marks_its_middle(client, monkeypatch) -> None:  # noqa: F811
    counts = [(date(2024, 10, 7), "ASSAULT", 6), (date(2024, 10, 8), "ASSAULT", 9)]
    monkeypatch.setattr(client.app.state.reader, "events_per_day", lambda flt: counts)
    cache = client.app.response_cache
    if cache is not None:
        cache.clear()
    page = client.get("/timeline", params={"outlet": "mid-tick test"}).text
    svg = page[page.index('<svg id="timeline"') :].split("</svg>")[0]
    ticks = re.findall(r'text-anchor="end" font-size="11" fill="#555">(\d+)</text>', svg)
    assert ticks == ["9", "4", "0"] and 'class="mid-tick"' in svg


def test_the_network_says_how_many_matching_events_it_can_draw(client) -> None:  # noqa: F811
    events = client.get("/api/events", params={"limit": 500}).json()["items"]
    both = [e for e in events if e["source"]["actor"] and e["target"]["actor"]]
    both = [e for e in both if e["source"]["actor"] != e["target"]["actor"] and e["type"]]
    page = client.get("/network").text
    note = re.search(r'<span id="edge-coverage">(.*?)</span>', page, re.S).group(1)
    assert note.startswith(f"{len(both)} of the {len(events)} matching events")
    assert 'href="/events">events page' in note
    typed = client.get("/network", params={"type": "assault"}).text
    note = re.search(r'<span id="edge-coverage">(.*?)</span>', typed, re.S).group(1)
    assigned = sum(e["type"] == "ASSAULT" for e in events)
    assert note.startswith(f"0 of the {assigned} matching") and "/events?type=ASSAULT" in note
