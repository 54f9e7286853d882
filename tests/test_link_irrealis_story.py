"""``link --irrealis own`` as a reader sees it: two outlets report on Monday that Israel threatens
to strike Rafah and on Tuesday that it struck. The threat becomes a cluster of its own, marked
``irrealis`` in the store, in ``newsgraph story`` and in ``/api/stories``; the strike stays a
cluster of real reports. The default (``apart``) writes the strike alone, marked real."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest
from rich.console import Console
from test_cli import run
from test_link_incremental import write
from test_link_irrealis import threat_and_strike

from newsgraph.link import LinkOptions, link_store
from newsgraph.link.stories import list_stories, story_record
from newsgraph.link.story_view import render_stories, render_story
from newsgraph.store import open_store

# each outlet reports the threat (t1: "will strike", t2: "threatened that it may strike") and
# the strike (s1, s2)
OUTLETS = {"t1": "Harbour Post", "s1": "Harbour Post", "t2": "Valley Times", "s2": "Valley Times"}


def two_outlet_story() -> list[dict[str, Any]]:
    records = threat_and_strike()
    for rec in records:
        rec["article"]["outlet"] = OUTLETS[rec["article"]["id"]]
    return records


def linked_store(path: Path, options: LinkOptions) -> Path:
    with open_store(path) as store:
        write(store, two_outlet_story())
        link_store(store, options=options)
    return path


def stories_by_articles(path: Path) -> dict[tuple[str, ...], dict[str, Any]]:
    """Each story of the store (list_stories' row) by its members' article ids."""
    with open_store(path, read_only=True) as store:
        members = store.table("event_cluster_members")
        stories = list_stories(store)
    articles: dict[str, list[str]] = {}
    for cluster, article in zip(members["cluster_id"], members["article_id"], strict=True):
        articles.setdefault(cluster, []).append(article)
    return {tuple(sorted(articles[s["id"]])): s for s in stories}


@pytest.fixture(scope="module")
def own_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("irrealis") / "own.duckdb"
    return linked_store(path, LinkOptions(irrealis="own"))


def test_own_marks_the_threat_irrealis_and_the_strike_real(own_db: Path) -> None:
    stories = stories_by_articles(own_db)
    assert set(stories) == {("t1", "t2"), ("s1", "s2")}
    threat, strike = stories[("t1", "t2")], stories[("s1", "s2")]
    assert threat["irrealis"] is True
    assert strike["irrealis"] is False
    assert threat["outlets"] == strike["outlets"] == ["Harbour Post", "Valley Times"]
    with open_store(own_db, read_only=True) as store:
        story = story_record(store, threat["id"])
    assert story is not None and story["irrealis"] is True
    assert sorted(tuple(r["flags"]) for r in story["reports"]) == [("future",), ("hypothetical",)]


def test_the_default_writes_the_strike_alone_and_real(tmp_path: Path) -> None:
    stories = stories_by_articles(linked_store(tmp_path / "apart.duckdb", LinkOptions()))
    assert list(stories) == [("s1", "s2")]
    assert stories[("s1", "s2")]["irrealis"] is False


def rendered(render: Any, found: Any) -> str:
    """What ``newsgraph story`` prints for ``found``, on a console wide enough for one line
    per row."""
    console = Console(width=240, record=True, file=io.StringIO())
    render(found, console)
    return console.export_text()


def test_newsgraph_story_says_the_threat_was_not_done(own_db: Path) -> None:
    stories = stories_by_articles(own_db)
    threat_id, strike_id = stories[("t1", "t2")]["id"], stories[("s1", "s2")]["id"]
    with open_store(own_db, read_only=True) as store:
        listing = rendered(render_stories, list_stories(store))
        threat = rendered(render_story, story_record(store, threat_id))
        strike = rendered(render_story, story_record(store, strike_id))
    marked = [line for line in listing.splitlines() if "not reported as done" in line]
    assert len(marked) == 1 and threat_id in marked[0]
    assert "NOT REPORTED AS DONE" in threat
    assert "NOT REPORTED AS DONE" not in strike
    # the command prints the same (its JSON: the story record)
    printed = run("story", threat_id, "--db", str(own_db), "--json")
    assert printed.returncode == 0, printed.stderr.decode()
    assert json.loads(printed.stdout)["irrealis"] is True


def test_the_api_serves_the_mark(own_db: Path) -> None:
    pytest.importorskip("fastapi", reason="newsgraph serve needs the api extra")
    from fastapi.testclient import TestClient

    from newsgraph.web.app import create_app

    with open_store(own_db, read_only=True) as store:
        client = TestClient(create_app(store), base_url="http://localhost")
        listed = {s["id"]: s["irrealis"] for s in client.get("/api/stories").json()}
        stories = stories_by_articles(own_db)
        threat_id, strike_id = stories[("t1", "t2")]["id"], stories[("s1", "s2")]["id"]
        assert listed == {threat_id: True, strike_id: False}
        assert client.get(f"/api/stories/{threat_id}").json()["irrealis"] is True
        page = client.get(f"/stories/{threat_id}").text
    assert "Not reported as done" in page


def test_the_not_done_mark_leaves_the_place_and_outlets_on_an_80_column_terminal() -> None:
    """The mark wraps under the type: kept on one line, it pushed the place, outlets and
    disputed columns off the listing (a story row written for this test)."""
    threat = {"id": "ec-5f3a9c0d2b7e41aa", "type": "THREATEN", "irrealis": True,
              "place": "p:harbour-town", "place_name": "Harbour", "time": "2024-07-29",
              "n_articles": 2, "outlets": ["Harbour Post"], "disputed": False,
              "differing": ["place"]}  # fmt: skip
    console = Console(width=80, record=True, file=io.StringIO())
    render_stories([threat], console)
    header, row = console.export_text().splitlines()[2:5:2]
    assert "place" in header and "outl" in header and "disp" in header
    assert threat["id"] in row and "THREATEN" in row and row.count("Harb") == 2  # place, outlet
