"""``newsgraph serve`` in a real browser: the real command in a subprocess, Chromium driven by
Playwright (Debian's ``/usr/bin/chromium``; Playwright's own browser download is not used).

Clicking a statement shows its speaker and act in the side panel; the events filter narrows the
table and the CSV link follows it; a ``<script>`` and ``onerror=`` in an article never run.
``scripts/test.sh`` installs both Playwright and Chromium; the tests skip only where one is
missing, and fail then in CI (``tests/needs.py``).
"""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from helpers import stop_process
from needs import need_module, skip_or_fail

pytest.importorskip("fastapi", reason="newsgraph serve needs the api extra")
pytest.importorskip("jinja2", reason="newsgraph serve needs the api extra")
playwright_api = need_module(
    "playwright.sync_api", "the browser tests need playwright (pip install playwright)"
)

from test_serve_api import HAND_ID, annotate_seed_articles, build_store  # noqa: E402

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SCRIPT = Path(sys.executable).with_name("newsgraph")
NEWSGRAPH = [str(SCRIPT)] if SCRIPT.exists() else [sys.executable, "-m", "newsgraph"]

if not CHROMIUM.exists():
    skip_or_fail(
        "the browser tests need Chromium at /usr/bin/chromium (apt-get install chromium)",
        module_level=True,
    )


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until_up(base: str, process: subprocess.Popen, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"newsgraph serve exited: {process.stderr.read().decode()}")
        try:
            with urllib.request.urlopen(f"{base}/api/health", timeout=2) as response:
                if json.load(response)["status"] == "ok":
                    return
        except OSError:
            time.sleep(0.2)
    raise AssertionError("newsgraph serve did not answer in time")


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    """The real ``newsgraph serve`` on a free port, over a store built by the pipeline."""
    folder = tmp_path_factory.mktemp("browser")
    db = folder / "web.duckdb"
    ids = build_store(db, annotate_seed_articles(folder / "seed"))
    port = free_port()
    process = subprocess.Popen(
        [*NEWSGRAPH, "serve", "--db", str(db), "--host", "127.0.0.1", "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(base, process)
        yield {"base": base, "ids": ids}
    finally:
        stop_process(process, timeout=10)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    playwright_api.expect.set_options(timeout=20_000)
    with playwright_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    page.set_default_timeout(30_000)  # generous: CI runs these beside other test workers
    page.problems = []  # console errors and uncaught exceptions: a broken script, a CSP refusal
    page.on("console", lambda m: m.type == "error" and page.problems.append(m.text))
    page.on("pageerror", lambda exc: page.problems.append(str(exc)))
    try:
        yield page
    finally:
        context.close()


def test_clicking_a_statement_shows_its_record(server: dict, page: Any) -> None:
    expect = playwright_api.expect
    page.goto(f"{server['base']}/articles/{HAND_ID}")
    panel = page.locator("#panel-body")
    expect(panel).to_contain_text("Click a highlighted passage")
    page.locator('#text a.hl[data-refs="st0"]', has_text="said").click()
    expect(panel.locator(".speaker")).to_have_text(
        "Israel Defense Forces as “army spokesman Avi Levi”"
    )
    expect(panel.locator("dd.act")).to_contain_text("accusation")
    expect(panel).to_contain_text("Hamas fired rockets at Sderot on Monday")
    expect(panel).to_contain_text("Disputed by")
    assert page.url.endswith("#statement-s1")  # the address names the record
    # every segment of the statement is marked; other records at the same spot are offered
    assert page.locator('#text a.hl.sel[data-refs~="st0"]').count() >= 2
    page.locator("#text a.hl", has_text="fired").click()
    expect(panel).to_contain_text("ASSAULT")
    expect(panel.locator(".provenance")).to_contain_text("reported as said by")
    also = page.locator("#panel-also button.also")
    expect(also).to_have_text(["Statement s1 · accusation"])
    also.click()
    expect(panel.locator(".speaker")).to_contain_text("Israel Defense Forces")
    # a layer switch hides the statement highlights, and the deep link opens the record
    page.locator('input.layer[value="quote"]').uncheck()
    expect(page.locator("#text")).to_have_class("text hide-quote")
    page.goto(f"{server['base']}/articles/{HAND_ID}#event-e3")
    expect(panel).to_contain_text("negated")
    assert page.problems == []


def test_events_filter(server: dict, page: Any) -> None:
    expect = playwright_api.expect
    page.goto(f"{server['base']}/events")
    rows = page.locator("table.events tbody tr")
    everything = rows.count()
    assert everything >= 5
    page.select_option('select[name="type"]', "ASSAULT")
    page.select_option('select[name="provenance"]', "attributed")
    page.locator('input[name="negated"]').check()
    page.locator("#event-filters button[type=submit]").click()
    page.wait_for_url("**/events?*type=ASSAULT*")
    assert "provenance=attributed" in page.url and "negated=false" in page.url
    types = page.locator("table.events .etype").all_inner_texts()
    assert types and set(types) == {"ASSAULT"} and len(types) < everything
    assert page.locator("table.events .badge.asserted").count() == 0
    assert page.locator("table.events .badge.attr").count() == len(types)
    assert page.locator("table.events .badge.flag", has_text="negated").count() == 0
    href = page.locator("#csv-link").get_attribute("href")
    assert href.startswith("/api/events.csv?") and "type=ASSAULT" in href
    assert "provenance=attributed" in href and "negated=false" in href
    # the filter survives in the form, and the evidence links open the article at the event
    expect(page.locator('select[name="type"]')).to_have_value("ASSAULT")
    page.locator("table.events td.evidence a").first.click()
    page.wait_for_url("**/articles/**")
    expect(page.locator("#panel-body")).to_contain_text("ASSAULT")
    assert page.problems == []


def test_hostile_article_html_does_not_run(server: dict, page: Any) -> None:
    expect = playwright_api.expect
    page.goto(f"{server['base']}/articles/{server['ids']['hostile']}")
    expect(page.locator("h1")).to_have_text(
        'Protest in <b>Caracas</b> <img src=x onerror="window.__pwned=1">'
    )
    expect(page.locator("#text")).to_contain_text("<script>window.__pwned = 2;</script>Police")
    expect(page.locator("#text")).to_contain_text('<img src=x onerror="window.__pwned=3">')
    assert page.evaluate("window.__pwned") is None
    assert page.locator("#text script, #text img, h1 b, h1 img").count() == 0
    page.locator("#text a.hl", has_text="said").first.click()  # the page's own script runs
    expect(page.locator("#panel-body .card")).to_be_visible()
    assert page.evaluate("window.__pwned") is None
    assert page.problems == []


@pytest.mark.parametrize(
    "path", ["/", "/events", "/actors", f"/articles/{HAND_ID}", "/docs", "/map", "/stories"]
)
def test_phone_width_never_scrolls_sideways(server: dict, browser: Any, path: str) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844})
    try:
        page = context.new_page()
        page.goto(f"{server['base']}{path}")
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
    finally:
        context.close()


def test_actor_autocomplete_offers_aliases(server: dict, page: Any) -> None:
    page.goto(f"{server['base']}/events")
    page.locator('input[name="actor"]').press_sequentially("tsahal", delay=20)
    options = page.locator("#actor-suggestions option")
    playwright_api.expect(options.first).to_have_attribute("value", "idf")
    page.locator('input[name="actor"]').fill("Israel Defense Forces")
    page.locator("#event-filters button[type=submit]").click()
    page.wait_for_url("**/events?*actor=*")
    playwright_api.expect(page.locator("p.summary")).to_contain_text("Events of Israel Defense")
    assert page.problems == []


def test_a_timeline_bar_opens_the_events_it_counts(server: dict, page: Any) -> None:
    page.goto(f"{server['base']}/timeline")
    bar = page.locator('a.bar[data-type="REJECT"][data-day="2024-10-08"]')
    counted = int(bar.get_attribute("data-n"))
    bar.locator("rect").click()
    page.wait_for_url("**/events?*type=REJECT*")
    assert "date_from=2024-10-08" in page.url and "date_to=2024-10-08" in page.url
    types = page.locator("table.events .etype").all_inner_texts()
    assert types == ["REJECT"] * counted
    # and on to the evidence: the article opens at that event
    page.locator("table.events td.evidence a").first.click()
    page.wait_for_url(f"**/articles/{HAND_ID}#event-*")
    playwright_api.expect(page.locator("#panel-body")).to_contain_text("REJECT")
    assert page.problems == []


def test_a_network_edge_opens_the_events_it_counts(server: dict, page: Any) -> None:
    page.goto(f"{server['base']}/network")
    edge = page.locator('a.edge[data-source="hamas"][data-target="idf"][data-type="REJECT"]')
    counted = int(edge.get_attribute("data-n"))
    edge.locator("path").dispatch_event("click")  # a curve's box is mostly other marks
    page.wait_for_url("**/events?*source=hamas*")
    assert "target=idf" in page.url and "type=REJECT" in page.url
    assert page.locator("table.events .etype").all_inner_texts() == ["REJECT"] * counted
    page.locator("table.events td.evidence a").first.click()
    page.wait_for_url(f"**/articles/{HAND_ID}#event-e2")
    playwright_api.expect(page.locator("#panel-body")).to_contain_text("REJECT")
    assert page.problems == []


def test_a_map_point_opens_the_events_at_its_place(server: dict, page: Any) -> None:
    page.goto(f"{server['base']}/map")
    point = page.locator('a.place[data-place="newsgraph:sderot"]')
    counted = int(point.get_attribute("data-n"))
    point.locator("circle").dispatch_event("click")  # nearby places may overlap its circle
    page.wait_for_url("**/events?*place=newsgraph%3Asderot*")
    rows = page.locator("table.events tbody tr")
    playwright_api.expect(rows).to_have_count(counted)
    page.locator("table.events td.evidence a").first.click()
    page.wait_for_url(f"**/articles/{HAND_ID}#event-e1")
    playwright_api.expect(page.locator("#panel-body")).to_contain_text("ASSAULT")
    playwright_api.expect(page.locator("#panel-body")).to_contain_text("Sderot")
    assert page.problems == []


OVERLAPS = """(selector) => {
  const boxes = [...document.querySelectorAll(selector)].map(t => t.getBoundingClientRect());
  const hits = [];
  boxes.forEach((a, i) => boxes.slice(i + 1).forEach((b, j) => {
    if (a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom)
      hits.push([i, i + 1 + j]);
  }));
  return [boxes.length, hits];
}"""


def test_network_names_never_overlap_and_its_table_opens_an_arrows_events(
    server: dict, page: Any
) -> None:
    page.goto(f"{server['base']}/network")
    labels, hits = page.evaluate(OVERLAPS, "#network a.node text")
    assert labels >= 2 and hits == []
    row = page.locator('table.edges tr[data-source="hamas"][data-target="idf"][data-type="REJECT"]')
    counted = int(row.locator("td.num a").inner_text())
    if page.locator("details.network-table").get_attribute("open") is None:
        page.locator("details.network-table summary").click()
    row.locator("td.num a").click()
    page.wait_for_url("**/events?*source=hamas*")
    assert page.locator("table.events .etype").all_inner_texts() == ["REJECT"] * counted
    assert page.problems == []


def test_an_events_id_opens_its_record(server: dict, page: Any) -> None:
    page.goto(f"{server['base']}/events?article={HAND_ID}")
    link = page.locator("table.events a.event-id").first
    assert link.inner_text() == f"{HAND_ID}/e1"
    link.click()
    page.wait_for_url(f"**/api/events/{HAND_ID}/e1")
    record = json.loads(page.locator("body").inner_text())
    assert (record["id"], record["article"]["id"], record["type"]) == ("e1", HAND_ID, "ASSAULT")


def test_the_map_is_fitted_to_its_places_and_the_timeline_titles_its_axes(
    server: dict, page: Any
) -> None:
    page.goto(f"{server['base']}/map")
    width = page.evaluate("document.getElementById('map').viewBox.baseVal.width")
    assert width < 960  # zoomed in from the whole world
    frame = page.locator("#map").bounding_box()
    for circle in page.locator("#map a.place circle").all():
        box = circle.bounding_box()
        assert frame["x"] <= box["x"] and box["x"] + box["width"] <= frame["x"] + frame["width"]
        assert frame["y"] <= box["y"] and box["y"] + box["height"] <= frame["y"] + frame["height"]
    _, hits = page.evaluate(OVERLAPS, "#map-labels text, #map-legend rect")
    assert hits == []  # no name over another, nor over the key
    legend = page.locator("#map-legend").bounding_box()
    assert (
        frame["x"] <= legend["x"]
        and legend["y"] + legend["height"] <= frame["y"] + frame["height"] + 1
    )
    page.goto(f"{server['base']}/timeline")
    playwright_api.expect(page.locator("#timeline-x-title")).to_have_text(
        "Publication day of the reporting article"
    )
    playwright_api.expect(page.locator("#timeline-y-title")).to_contain_text("per day")
    _, hits = page.evaluate(OVERLAPS, "#timeline text")
    assert hits == []
    assert page.problems == []
