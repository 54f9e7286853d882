"""An untitled article is labelled by its first words in every list that names it (articles,
events, statements, an actor's page), through one template macro and one query per page."""

from __future__ import annotations

import html
import warnings
from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

pytest.importorskip("fastapi", reason="the web UI needs the api extra (fastapi, uvicorn, jinja2)")
pytest.importorskip("jinja2", reason="the web UI needs the api extra (fastapi, uvicorn, jinja2)")

with warnings.catch_warnings():  # newer Starlette asks for httpx2; httpx works the same
    warnings.filterwarnings("ignore", message=".*httpx2")
    from fastapi.testclient import TestClient

from test_serve_api import HAND_ID, LOCAL, hand_article, hand_record

from newsgraph.store import open_store
from newsgraph.web import create_app

FIRST_WORDS = "Hamas fired rockets at Sderot on Monday"


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    """A store of one article without a title (the hand record, its title taken away)."""
    db = Path(tmp_path_factory.mktemp("untitled")) / "untitled.duckdb"
    article = replace(hand_article(), title=None)
    record = hand_record()
    record["article"] = article.meta()
    with open_store(db) as store:
        run_id = store.begin_run({"command": "test"})
        store.write_record(record, article, run_id)
        store.finish_run(run_id, {"stored": 1})
    with open_store(db, read_only=True) as store:
        yield TestClient(create_app(store), base_url=LOCAL, follow_redirects=False)


@pytest.mark.parametrize("page", ["/", "/events", "/statements", "/actors/hamas"])
def test_an_untitled_article_shows_its_first_words_in_every_list(
    client: TestClient, page: str
) -> None:
    response = client.get(page)
    assert response.status_code == 200, response.headers
    shown = html.unescape(response.text)
    assert f'<span class="snippet" title="untitled: its first words">{FIRST_WORDS}' in shown
    assert "(untitled)" not in shown


def test_the_api_gives_an_untitled_article_its_snippet(client: TestClient) -> None:
    for url in ("/api/articles", "/api/events", "/api/statements"):
        items = client.get(url).json()["items"]
        refs = [item.get("article", item) for item in items]
        assert refs and all(r["id"] == HAND_ID for r in refs), url
        assert all(r["snippet"].startswith(FIRST_WORDS) for r in refs), url


def test_a_snippet_is_whole_words_and_says_where_the_text_goes_on() -> None:
    from newsgraph.web.items import SNIPPET, snippet_of

    assert snippet_of("Police arrested\n\n20 protesters.") == "Police arrested 20 protesters."
    long = "word " * 30  # 150 characters: cut after the 20th word, not inside the 21st
    assert snippet_of(long[: SNIPPET + 1]) == " ".join(["word"] * 20) + "…"
    assert snippet_of(("x" * 99 + "yz")[: SNIPPET + 1]) == "x" * 99 + "y…"  # one long word
    half = "a" * 98 + " bcd"  # the last word cut in half is left out
    assert snippet_of(half[: SNIPPET + 1]) == "a" * 98 + "…"


@pytest.fixture(scope="module")
def linked(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    """Two reports of one strike, linked into a story; the second has no title."""
    from newsgraph.link import link_store
    from newsgraph.model import Article
    from newsgraph.pipeline import Annotator

    texts = {
        "t0": "A rocket struck a football field in Majdal Shams on Saturday, killing 12 children.",
        "t1": "A rocket attack killed 10 children in Majdal Shams on Saturday, medics said.",
    }
    articles = [
        Article(
            id=aid,
            text=text,
            outlet=f"Outlet {aid}",
            published=date(2024, 7, 28),
            language="en",
            title="Rocket strike" if aid == "t0" else None,
        )
        for aid, text in texts.items()
    ]
    db = Path(tmp_path_factory.mktemp("linked")) / "linked.duckdb"
    with open_store(db) as store:
        run_id = store.begin_run({"command": "test"})
        for rec, article in zip(Annotator().annotate(articles), articles, strict=True):
            store.write_record(rec, article, run_id)
        link_store(store)
    with open_store(db, read_only=True) as store:
        yield TestClient(create_app(store), base_url=LOCAL, follow_redirects=False)


def test_the_story_and_also_reported_label_an_untitled_report_by_its_first_words(
    linked: TestClient,
) -> None:
    words = "A rocket attack killed 10 children in Majdal Shams"
    (story,) = linked.get("/api/stories").json()
    for page in (f"/stories/{story['id']}", "/articles/t0"):
        shown = html.unescape(linked.get(page).text)
        assert f'<span class="snippet" title="untitled: its first words">{words}' in shown, page


def test_the_downloads_label_an_untitled_article_by_its_first_words(client: TestClient) -> None:
    """The events and statements downloads name an untitled article as the lists do: its
    first words (JSON: ``snippet``, as the list's items; CSV: a label column in every row,
    the title cell left as stored, empty)."""
    import csv
    import io

    for kind in ("events", "statements"):
        items = client.get(f"/api/{kind}.json").json()
        assert items and all(i["article"]["snippet"].startswith(FIRST_WORDS) for i in items)
        rows = list(csv.DictReader(io.StringIO(client.get(f"/api/{kind}.csv").text)))
        column = "article_label" if kind == "events" else "article.label"
        assert rows and all(r[column].startswith(FIRST_WORDS) for r in rows), kind


def test_an_untitled_article_page_is_headed_by_its_first_words(client: TestClient) -> None:
    shown = html.unescape(client.get(f"/articles/{HAND_ID}").text)
    assert (
        f'<h1 id="title"><span class="snippet" title="untitled: its first words">{FIRST_WORDS}'
        in shown
    )
    assert f"<title>{FIRST_WORDS}" in shown
    assert "(untitled)" not in shown
