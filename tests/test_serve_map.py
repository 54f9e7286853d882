"""The map page: the TopoJSON decoder on a hand-made topology, and the page over the
hand-written record (``test_serve_guard``'s store), whose one located event (e1, Hamas fires at
Sderot) is one circle linking to exactly that event.
"""

from __future__ import annotations

import csv
import html
import io
import re

import pytest
from needs import skip_or_fail
from test_serve_guard import client, store  # noqa: F401 (fixtures)

from newsgraph.web import basemap
from newsgraph.web.basemap import decode_arcs, project, ring_points, svg_path, unwrapped

pytestmark = pytest.mark.usefixtures("store")

# Two arcs meeting at both ends: a square's bottom-right half and its top-left half, quantized
# (scale 0.5, shifted by -10) and delta-encoded as world-atlas writes them.
SQUARE = {
    "type": "Topology",
    "transform": {"scale": [0.5, 0.5], "translate": [-10, -10]},
    "arcs": [[[0, 0], [40, 0], [0, 40]], [[0, 0], [0, 40], [40, 0]]],
    "objects": {"countries": {"type": "GeometryCollection", "geometries": [
        {"type": "Polygon", "arcs": [[0, -2]]},
        {"type": "MultiPolygon", "arcs": [[[1]]]},
    ]}},
}  # fmt: skip


def test_arcs_are_undeltaed_and_unquantized() -> None:
    assert decode_arcs(SQUARE) == [
        [(-10.0, -10.0), (10.0, -10.0), (10.0, 10.0)],
        [(-10.0, -10.0), (-10.0, 10.0), (10.0, 10.0)],
    ]


def test_a_ring_walks_a_negative_arc_backwards_without_repeating_the_joint() -> None:
    arcs = decode_arcs(SQUARE)
    assert ring_points([0, -2], arcs) == [
        (-10.0, -10.0),
        (10.0, -10.0),
        (10.0, 10.0),
        (-10.0, 10.0),
        (-10.0, -10.0),
    ]


def test_the_path_is_projected_equirectangularly() -> None:
    path = svg_path(SQUARE)
    assert path.count("M") == 2  # the Polygon's ring and the MultiPolygon's
    x, y = project(-10, 10)
    assert f"{x:.1f},{y:.1f}" in path
    assert project(-180, 90) == (0.0, 0.0)
    assert project(180, -90) == (basemap.WIDTH, basemap.HEIGHT)
    assert project(0, 0) == (basemap.WIDTH / 2, basemap.HEIGHT / 2)


def test_a_map_point_links_to_exactly_its_events(client) -> None:  # noqa: F811
    page = client.get("/map")
    assert page.status_code == 200
    points = re.findall(
        r'<a class="place" href="([^"]+)" data-place="([^"]+)" data-n="(\d+)"><circle '
        r'cx="([\d.]+)" cy="([\d.]+)"',
        page.text,
    )
    assert [(p, int(n)) for _, p, n, *_ in points] == [("newsgraph:sderot", 1)]
    href, _, _, cx, cy = points[0]
    assert (float(cx), float(cy)) == pytest.approx(project(34.596, 31.525), abs=0.1)
    listed = client.get("/api/events?" + html.unescape(href).split("?", 1)[1]).json()
    assert [e["id"] for e in listed["items"]] == ["e1"]
    # the page's filters carry into the link, and filter the points
    filtered = client.get("/map", params={"type": "assault", "provenance": "attributed"}).text
    assert 'class="place"' in filtered
    assert "type=ASSAULT" in html.unescape(filtered.split('class="place" href="')[1])
    assert 'class="place"' not in client.get("/map", params={"type": "reject"}).text


def forget_kept_answers(test_client) -> None:  # type: ignore[no-untyped-def]
    """The server keeps answers by address; a test that changes the environment drops them."""
    if (cache := test_client.app.response_cache) is not None:
        cache.clear()


def test_without_a_base_map_the_page_draws_a_grid_and_says_how_to_add_it(
    client,  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
    tmp_path,
) -> None:
    monkeypatch.setenv("NEWSGRAPH_BASEMAP", str(tmp_path / "missing.json"))
    forget_kept_answers(client)  # the page is kept by address, drawn with the base map before
    page = client.get("/map").text
    assert 'id="basemap-missing"' in page and "npm install" in page
    assert 'id="basemap"' not in page
    assert page.count("<line ") == 13 + 7  # every 30° of longitude and latitude
    assert 'class="place"' in page


def test_the_bundled_base_map_draws_the_countries(client, monkeypatch) -> None:  # noqa: F811
    monkeypatch.delenv("NEWSGRAPH_BASEMAP", raising=False)
    forget_kept_answers(client)
    if basemap.find_basemap() is None:
        skip_or_fail("no world-atlas base map: run npm install at the repository root")
    page = client.get("/map").text
    drawn = re.search(r'<path id="basemap" d="([^"]+)"', page)
    assert drawn and drawn.group(1).count("M") > 170  # 177 countries, some of many rings
    assert 'id="basemap-missing"' not in page
    assert "Natural Earth" in page


def test_a_ring_across_the_antimeridian_is_drawn_whole_at_both_edges() -> None:
    fiji = [(179.0, -16.0), (-179.0, -16.0), (-179.0, -17.0), (179.0, -17.0), (179.0, -16.0)]
    east, west = unwrapped(fiji)
    assert [lon for lon, _ in east] == [179.0, 181.0, 181.0, 179.0, 179.0]
    assert [lon for lon, _ in west] == [-181.0, -179.0, -179.0, -181.0, -181.0]
    around = [(-180.0, -80.0), (0.0, -80.0), (180.0, -80.0), (-180.0, -80.0)]  # Antarctica
    assert unwrapped(around) == [around]
    inland = [(10.0, 0.0), (11.0, 0.0), (11.0, 1.0), (10.0, 0.0)]
    assert unwrapped(inland) == [inland]


def test_the_map_has_a_size_legend_a_table_of_places_and_a_csv(client) -> None:  # noqa: F811
    page = client.get("/map", params={"type": "assault"}).text
    legend = page[page.index('id="map-legend"') :].split("</g>")[0]
    assert "Circle area" in legend and re.search(r"<text [^>]*>1</text>", legend)
    table = page[page.index('class="list places"') :].split("</table>")[0]
    assert "<code>newsgraph:sderot</code>" in table and "31.525, 34.596" in table
    assert re.search(r'<a href="[^"]*place=newsgraph%3Asderot[^"]*">1</a>', table)
    csv_href = html.unescape(re.search(r'id="csv-link" href="([^"]+)"', page).group(1))
    assert csv_href == "/api/events.csv?type=ASSAULT"
    assert client.get(csv_href).status_code == 200
    # no point: the empty state says why and how to widen it
    empty = client.get("/map", params={"type": "reject"}).text
    assert 'id="map-legend"' not in empty and 'class="list places"' not in empty
    assert "No events with a located place match these filters" in empty
    assert 'href="/map">show all' in empty


def test_the_legend_keys_the_fewest_a_middle_and_the_most_events() -> None:
    from newsgraph.web.worldmap import MAX_RADIUS, Point, legend_sizes

    points = [Point("p", "P", 0.0, 0.0, n, 0.0, 0.0, 0.0, "") for n in (1, 1, 4, 9)]
    sizes = legend_sizes(points)
    assert [n for n, _ in sizes] == [1, 4, 9]
    assert sizes[-1][1] == MAX_RADIUS and sizes[0][1] < sizes[1][1] < sizes[2][1]
    assert legend_sizes([]) == []


def test_the_timeline_network_and_actor_pages_download_what_they_show(client) -> None:  # noqa: F811
    for path in ("/timeline", "/network"):
        page = client.get(path, params={"provenance": "attributed"}).text
        href = html.unescape(re.search(r'id="csv-link" href="([^"]+)"', page).group(1))
        assert href == "/api/events.csv?provenance=attributed", path
        assert client.get(href).status_code == 200
    events = client.get("/api/events", params={"limit": 500}).json()["items"]
    actor = next(e["source"]["actor"] for e in events if (e.get("source") or {}).get("actor"))
    page = client.get(f"/actors/{actor}").text
    assert f'href="/api/events.csv?actor={actor}"' in page
    rows = list(csv.reader(io.StringIO(client.get(f"/api/events.csv?actor={actor}").text)))
    shown = re.search(r'<h2>Events <span class="count">(\d+)</span>', page).group(1)
    assert len(rows) - 1 == int(shown)  # the download holds the rows the page counts
    empty = client.get("/timeline", params={"outlet": "no such outlet"}).text
    assert "No dated events match" in empty and 'href="/timeline">show all' in empty
