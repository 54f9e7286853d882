"""The story pages (``/stories``, ``/stories/{id}``) over a store built by the pipeline from two
articles whose outlets give different tolls for one strike: the pages show both tolls with the
outlet that gives each, say the accounts differ, and link every report to its evidence."""

from __future__ import annotations

import re
import subprocess
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from needs import need_module

pytest.importorskip("fastapi", reason="newsgraph serve needs the api extra")
pytest.importorskip("jinja2", reason="newsgraph serve needs the api extra")

from fastapi.testclient import TestClient

from newsgraph.link import link_store
from newsgraph.model import Article
from newsgraph.store import open_store
from newsgraph.web.app import create_app

STRIKE_ARTICLES = [
    ("k0", "Harbour Post", "2024-07-28",
     "A rocket struck a football field in Majdal Shams on Saturday, killing 12 children. The "
     "Israeli army accused Hezbollah of firing the rocket and called it a terror group.\n\n"
     "Hezbollah denied any connection to the attack."),
    ("k1", "Valley Times", "2024-07-28",
     "A rocket attack killed 10 children in Majdal Shams on Saturday, medics said."),
]  # fmt: skip


@pytest.fixture(scope="module")
def story_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A DuckDB file with the two articles annotated, stored and linked (then closed)."""
    from newsgraph.pipeline import Annotator

    articles = [
        Article(
            id=aid,
            text=text,
            outlet=outlet,
            published=date.fromisoformat(day),
            language="en",
            title=f"Rocket <b>strike</b> ({outlet})",
        )
        for aid, outlet, day, text in STRIKE_ARTICLES
    ]
    db = tmp_path_factory.mktemp("stories") / "stories.duckdb"
    with open_store(db) as store:
        run_id = store.begin_run({"command": "test"})
        for rec, article in zip(Annotator().annotate(articles), articles, strict=True):
            store.write_record(rec, article, run_id)
        link_store(store)
    return db


@pytest.fixture(scope="module")
def client(story_db: Path) -> Iterator[TestClient]:
    store = open_store(story_db, read_only=True)
    try:
        # the server answers local host names only (DNS-rebinding guard)
        yield TestClient(create_app(store), base_url="http://localhost")
    finally:
        store.close()


def strike_id(client: TestClient) -> str:
    stories = client.get("/api/stories").json()
    both = [s for s in stories if {"Harbour Post", "Valley Times"} <= set(s["outlets"])]
    assert len(both) == 1, stories
    return both[0]["id"]


def test_stories_page_lists_the_strike_as_disputed(client: TestClient) -> None:
    sid = strike_id(client)
    response = client.get("/stories")
    assert response.status_code == 200
    html = response.text
    row = next(r for r in html.split("<tr>") if f"/stories/{sid}" in r)
    assert "ASSAULT" in row and "Majdal Shams" in row
    assert "Harbour Post" in row and "Valley Times" in row
    assert re.search(r'class="num">\s*2\s*<', row)
    assert "accounts differ" in row
    assert 'aria-current="page">Stories' in html


def test_story_page_shows_each_outlets_toll_and_links_reports_to_evidence(client) -> None:
    sid = strike_id(client)
    response = client.get(f"/stories/{sid}")
    assert response.status_code == 200
    html = response.text
    assert "Accounts differ" in html and "the toll" in html
    killed = html[html.index('class="field-killed differ"') :].split("</tr>")[0]
    assert re.search(
        r"<strong class=\"value\">12</strong> <span class=\"per\">per Harbour Post", killed
    )
    assert re.search(
        r"<strong class=\"value\">10</strong> <span class=\"per\">per Valley Times", killed
    )
    for article_id in ("k0", "k1"):
        assert re.search(rf'href="/articles/{article_id}#event-[^"]+"', html)
    assert "“killing”" in html and "“killed”" in html  # each outlet's wording
    # who disputes whom: Hezbollah's denial against the army's accusation
    disputes = html[html.index('<ul class="disputes">') :].split("</ul>")[0]
    assert re.search(r"Hezbollah</a>.*denial.*<strong>disputes</strong>.*accusation", disputes)
    # loaded terms per outlet: the one outlet that uses one
    framing = html[html.index('class="list story-framing"') :].split("</table>")[0]
    assert "Harbour Post" in framing and "“terror army”" in framing
    assert "Valley Times" not in framing


def test_story_text_is_escaped_and_unknown_ids_are_404(client: TestClient) -> None:
    sid = strike_id(client)
    framed = client.get(f"/stories/{sid}").text
    assert "Rocket &lt;b&gt;strike&lt;/b&gt; (Valley Times)" in framed
    assert "<b>strike</b>" not in framed  # article text never becomes markup
    missing = client.get("/stories/ec-nosuch<script>")
    assert missing.status_code == 404
    assert "text/html" in missing.headers["content-type"]
    assert "<script>" not in missing.text and "ec-nosuch&lt;script&gt;" in missing.text
    assert client.get("/stories?page=0").status_code == 422


# --- in a browser -------------------------------------------------------------------------


def test_story_page_in_a_browser(story_db: Path, tmp_path: Path) -> None:
    """The two tolls side by side at phone width without sideways scrolling, and a click on a
    report opens the article at that event's evidence."""
    browser_tests = need_module("test_serve_browser", "the browser test needs Playwright")
    expect = browser_tests.playwright_api.expect
    port = browser_tests.free_port()
    process = subprocess.Popen(
        [*browser_tests.NEWSGRAPH, "serve", "--db", str(story_db), "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        browser_tests.wait_until_up(base, process)
        with browser_tests.playwright_api.sync_playwright() as playwright:
            chromium = playwright.chromium.launch(
                executable_path=str(browser_tests.CHROMIUM),
                headless=True,
                args=browser_tests.CHROMIUM_ARGS,
            )
            try:
                _story_clicks(chromium, base, expect)
            finally:
                chromium.close()
    finally:
        process.terminate()
        process.wait(timeout=10)


def _story_clicks(chromium: Any, base: str, expect: Any) -> None:
    page = chromium.new_page(viewport={"width": 390, "height": 844})
    page.set_default_timeout(30_000)
    problems: list[str] = []
    page.on("console", lambda m: m.type == "error" and problems.append(m.text))
    page.goto(f"{base}/stories")
    page.locator("a.story-link").first.click()
    page.wait_for_url("**/stories/*")
    killed = page.locator("tr.field-killed li")
    expect(killed).to_have_count(2)
    expect(killed.filter(has_text="12")).to_contain_text("per Harbour Post")
    expect(killed.filter(has_text="10")).to_contain_text("per Valley Times")
    expect(page.locator(".accounts-differ")).to_contain_text("Accounts differ")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    report = page.locator("tr.report", has_text="Valley Times").locator("td.evidence a")
    href = report.get_attribute("href")
    report.click()
    page.wait_for_url("**/articles/k1#event-*")
    assert page.url.endswith(href)
    expect(page.locator("#panel-body")).to_contain_text("ASSAULT")
    assert problems == []
