"""The story pages (``/stories``, ``/stories/{id}``) over a store built by the pipeline from two
articles whose outlets give different tolls for one strike: the pages show both tolls with the
outlet that gives each, say the accounts differ, and link every report to its evidence."""

from __future__ import annotations

import csv
import io
import json
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
    # each toll with the outlet that gives it and a link to that report's words (web21)
    for toll, outlet, article_id in (("12", "Harbour Post", "k0"), ("10", "Valley Times", "k1")):
        value = killed[killed.index(f'<strong class="value">{toll}</strong>') :].split("</li>")[0]
        assert f'<span class="per">per <span class="giver">{outlet} <a class="ev' in value
        assert re.search(rf'href="/articles/{article_id}#event-e\d+"', value)
    for article_id in ("k0", "k1"):
        assert re.search(rf'href="/articles/{article_id}#event-[^"]+"', html)
    assert "“killing”" in html and "“killed”" in html  # each outlet's wording
    # who disputes whom: Hezbollah's denial against the army's accusation
    disputes = html[html.index('<ul class="disputes">') :].split("</ul>")[0]
    assert re.search(r"Hezbollah</a>.*denial.*<strong>disputes</strong>.*accusation", disputes)
    # loaded terms in each outlet's wording: the one outlet that uses one
    wording = html[html.index('class="list story-wording"') :].split("</table>")[0]
    rows = {
        r.split("</a>")[0].rsplit(">", 1)[1]: r for r in wording.split('<td class="reported">')[1:]
    }
    assert "“terror army”" in rows["Harbour Post"] and "“terror army”" not in rows["Valley Times"]


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
    # the story id under each event stays on one line (an inline box that wraps has two rects)
    listed_id = "document.querySelector('table.stories code.story-id')"
    assert page.evaluate(f"{listed_id}.getClientRects().length") == 1
    assert page.evaluate(f"getComputedStyle({listed_id}).userSelect") == "all"
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
    # the event's card leads back to its story, whose id is there to copy
    page.locator("#panel-body a.story-link").click()
    page.wait_for_url("**/stories/*")
    story_id = page.url.rsplit("/", 1)[1]
    expect(page.locator("code.story-id")).to_have_text(story_id)
    # web21: the head says disputed; a dot of the reports-over-time strip opens its report's
    # words (on a phone the strip scrolls in its frame, the page does not scroll sideways)
    expect(page.locator("h1 .disputed-mark")).to_be_visible()
    expect(page.locator("svg.story-strip")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    dot = page.locator("svg.story-strip a.report-dot").last
    href = dot.get_attribute("href")
    dot.locator("circle").click()
    page.wait_for_url("**/articles/*#event-*")
    assert page.url.endswith(href)
    expect(page.locator("#panel-body")).to_contain_text("ASSAULT")
    assert problems == []


# --- web18: every type named, compatible values marked, ids and downloads ------------------


def test_stories_download_as_csv_and_json(client: TestClient) -> None:
    sid = strike_id(client)
    listed = client.get("/stories").text
    assert 'href="/api/stories.csv"' in listed
    response = client.get("/api/stories.csv")
    assert response.status_code == 200 and "text/csv" in response.headers["content-type"]
    rows = {r["id"]: r for r in csv.DictReader(io.StringIO(response.text))}
    row = rows[sid]
    assert row["disputed"] == "true" and "killed" in json.loads(row["differ_on"])
    tolls = {v["value"]: v["outlets"] for v in json.loads(row["killed_per_outlet"])}
    assert tolls == {12: ["Harbour Post"], 10: ["Valley Times"]}
    as_json = client.get("/api/stories.json").json()
    assert {s["id"] for s in as_json} == set(rows)


def test_story_reports_download_with_evidence_offsets(client: TestClient) -> None:
    sid = strike_id(client)
    page = client.get(f"/stories/{sid}").text
    assert f'<code class="story-id">{sid}</code>' in page  # the id, to copy
    assert f'href="/api/stories/{sid}/reports.csv"' in page
    response = client.get(f"/api/stories/{sid}/reports.csv")
    assert response.status_code == 200 and "text/csv" in response.headers["content-type"]
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert {r["outlet"] for r in rows} == {"Harbour Post", "Valley Times"}
    assert {r["killed"] for r in rows} >= {"12", "10"}
    for r in rows:
        text = client.get(f"/api/articles/{r['article_id']}").json()["article"]["text"]
        spans = json.loads(r["evidence_spans"])
        assert spans and " … ".join(text[a:b] for a, b in spans) == r["evidence"]
    assert client.get("/api/stories/ec-nosuch/reports.csv").status_code == 404


def _reshaped(story_db: Path, monkeypatch: pytest.MonkeyPatch, **change: Any) -> str:
    """The story page of the strike after ``change`` rewrites its record (types, sources,
    attribution) the way other stores give them (a server of its own, with no answer cache)."""
    from newsgraph.web import storypages

    real = storypages.story_record

    def story_record(store: Any, story_id: str) -> Any:
        story = real(store, story_id)
        for edit in change.values():
            edit(story)
        return story

    monkeypatch.setattr(storypages, "story_record", story_record)
    store = open_store(story_db, read_only=True)
    try:
        client = TestClient(create_app(store, cache_mb=0), base_url="http://localhost")
        return client.get(f"/stories/{strike_id(client)}").text
    finally:
        store.close()


def test_story_page_names_every_type_and_marks_compatible_values(
    story_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def types(story: dict) -> None:
        story["type"] = "COERCE"  # the cluster's own type: one of the reports'
        story["consensus"]["fields"]["type"] = [
            {"value": "ASSAULT", "outlets": ["Harbour Post", "Valley Times"]},
            {"value": "COERCE", "outlets": ["Valley Times"]},
        ]
        story["consensus"]["fields"]["target"] = [
            {"value": "israel", "outlets": ["Harbour Post"]},
            {"value": "idf", "outlets": ["Valley Times"]},
        ]
        story["differing"] = ["killed"]

    html = _reshaped(story_db, monkeypatch, types=types)
    heading = html[html.index("<h1>") : html.index("</h1>")]
    assert "ASSAULT" in heading and "COERCE" in heading  # never one type as agreed
    assert heading.index("ASSAULT") < heading.index("COERCE")  # most outlets first
    assert "The reports give 2 event types" in html
    row = html[html.index('class="field-type"') :].split("</tr>")[0]
    assert '<span class="badge several"' in row and "2 values" in row
    target = html[html.index('class="field-target"') :].split("</tr>")[0]
    assert "2 values" in target
    assert 'per <span class="giver">Harbour Post' in target
    assert 'per <span class="giver">Valley Times' in target


def test_story_page_marks_who_did_it_when_the_attacker_denies_and_names_the_speaker(
    story_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def denied(story: dict) -> None:
        story["claims_disputed"] = True
        story["disputed"] = True
        story["differing"] = []
        story["consensus"]["fields"]["source"] = []

    def attributed(story: dict) -> None:
        said = story["statements"][0]
        report = next(r for r in story["reports"] if r["article_id"] == said["article_id"])
        report["voice"], report["attributed_to"] = "attributed", said["id"]
        said["speaker"] = {"actor": "idf", "name": "Israel <Defense> Forces"}

    html = _reshaped(story_db, monkeypatch, denied=denied, attributed=attributed)
    assert "Accounts differ</strong> on who did it" in html
    source = html[html.index('class="field-source differ"') :].split("</tr>")[0]
    assert "denies it" in source and 'href="#disputes"' in source
    assert 'id="disputes"' in html
    attributed_to = html[html.index('class="sub attributed-to"') :].split("</div>")[0]
    assert "Israel &lt;Defense&gt; Forces" in attributed_to
    assert re.search(r'href="/articles/k\d#statement-[^"]+"', attributed_to)


def test_field_rows_without_values_still_say_who_did_it_is_denied() -> None:
    from newsgraph.web.storypages import field_rows, story_types

    story = {"consensus": {"fields": {}}, "differing": [], "claims_disputed": True, "type": "X"}
    rows = field_rows(story, {}, {})
    assert [(r["key"], r["differ"], r["values"]) for r in rows] == [("source", True, [])]
    assert story_types(story) == ["X"]


def test_an_event_card_links_to_its_story(client: TestClient) -> None:
    sid = strike_id(client)
    for article_id in ("k0", "k1"):
        page = client.get(f"/articles/{article_id}").text
        assert f'<a class="story-link" href="/stories/{sid}">' in page


def test_a_dispute_with_a_statement_outside_the_story_names_its_speaker() -> None:
    from newsgraph.web.storypages import dispute_rows

    class Store:
        def __init__(self) -> None:
            self.reads: list[str] = []

        def get_record(self, article_id: str) -> dict:
            self.reads.append(article_id)
            return {
                "article": {"id": article_id, "outlet": "Valley Times", "published": "2024-07-28"},
                "actors": [{"id": "hezbollah", "name": "Hezbollah"}],
                "statements": [
                    {"id": "s4", "act": "claim", "speaker": {"actor": "hezbollah"},
                     "content": [{"text": "we fired at a military post"}]},
                ],
            }  # fmt: skip

    own = {"article_id": "k0", "id": "s1", "speaker": {"name": "Israeli army"}, "outlet": "HP"}
    story = {
        "statements": [own],
        "disputes": [
            {"relation": "disputes", "from": {"article_id": "k0", "statement": "s1"},
             "to": {"article_id": "k1", "statement": "s4"}},
        ],
    }  # fmt: skip
    store = Store()
    [row] = dispute_rows(story, store)
    assert row["from"] is own and store.reads == ["k1"]
    assert row["to"]["speaker"]["name"] == "Hezbollah" and row["to"]["outlet"] == "Valley Times"
    assert row["to"]["act"] == "claim" and row["to"]["text"] == "we fired at a military post"
    assert dispute_rows(story)[0]["to"] == {"article_id": "k1", "id": "s4"}  # no store: the id


def test_a_story_with_no_conflict_is_not_called_agreed(story_db: Path, monkeypatch) -> None:
    from newsgraph.link import stories as link_stories
    from newsgraph.web import storypages

    real = link_stories.list_stories

    def calm(store: Any, limit: int = 50, offset: int = 0) -> list:
        return [s | {"disputed": False, "differing": [], "claims_disputed": False}
                for s in real(store, limit, offset)]  # fmt: skip

    monkeypatch.setattr(storypages, "list_stories", calm)
    store = open_store(story_db, read_only=True)
    try:
        client = TestClient(create_app(store, cache_mb=0), base_url="http://localhost")
        html = client.get("/stories").text
    finally:
        store.close()
    assert "no conflict</span>" in html and ">agree<" not in html


def test_stories_page_says_who_did_it_to_whom_per_the_reports(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    from newsgraph.web import storypages

    real = storypages.list_stories

    def with_actors(store, limit, offset):  # the strike's reports name no actor: give two
        rows = real(store, limit, offset)
        fields = rows[0]["consensus"]["fields"]
        fields["source"] = [
            {"value": "hezbollah", "outlets": ["Harbour Post"]},
            {"value": "idf", "outlets": ["Harbour Post", "Valley Times"]},
        ]
        fields["target"] = []
        return rows

    monkeypatch.setattr(storypages, "list_stories", with_actors)
    if (cache := client.app.response_cache) is not None:
        cache.clear()
    row = client.get("/stories").text.split("<tbody>")[1].split("</tr>")[0]
    if cache is not None:
        cache.clear()  # the next test must not see the page drawn from the patched list
    who = re.search(r'<td class="who">(.*?)</td>', row, re.S).group(1)
    source, target = who.split('<span class="arrow">')
    assert re.findall(r'href="/actors/([^"]+)"', source) == [
        "idf",
        "hezbollah",
    ]  # most outlets first
    assert "href" not in target and "—" in target


def test_the_stories_pager_says_of_how_many(client: TestClient) -> None:
    """ "1–N of TOTAL" as every other list says, the total counted, not fetched."""
    total = len(client.get("/api/stories").json())
    listed = client.get("/stories").text
    assert f"1–{total} of {total}" in listed, re.findall(
        r'<nav class="pager".*?</nav>', listed, re.S
    )
