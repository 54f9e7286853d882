"""A story whose tolls and places agree is still marked disputed when the actor it names as the
attacker denies it: the accusation in one outlet, the denial in another's article a day later.
The reprisal strike reported beside the accusation is not disputed by that denial."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import cluster_of, linked_story_store

from newsgraph.link.stories import list_stories, story_record
from newsgraph.store import open_store

ARTICLES = [
    ("a1", "Northern Herald", "2025-05-20",
     "A rocket struck a school in Haifa on Tuesday, killing two people. The Israeli "
     "army accused Hezbollah of firing the rocket.\n\n"
     "Israeli jets bombed the Lebanese city of Tyre on Tuesday in response."),
    ("a2", "Coast Daily", "2025-05-20",
     "A Hezbollah rocket hit a school in Haifa on Tuesday, killing two people, medics said.\n\n"
     "Israeli jets bombed Tyre in southern Lebanon on Tuesday."),
    ("a3", "Cedar Voice", "2025-05-21",
     "Hezbollah denied firing the rocket at Haifa, rejecting the Israeli accusation."),
]  # fmt: skip


@pytest.fixture(scope="module")
def story_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return linked_story_store(tmp_path_factory.mktemp("claims") / "claims.duckdb", ARTICLES)


def story_of(db: Path, article_id: str, words: str) -> dict:
    """The story of the article's event whose evidence holds ``words``."""
    with open_store(db) as store:
        story = story_record(store, cluster_of(store, article_id, words))
    assert story is not None
    return story


def strike_story(db: Path) -> dict:
    return story_of(db, "a2", "hit")


def test_the_strike_is_one_story_whose_fields_agree(story_db: Path) -> None:
    story = strike_story(story_db)
    assert {r["article_id"] for r in story["reports"]} >= {"a1", "a2"}
    assert story["differing"] == []


def test_a_denial_in_another_outlet_marks_the_story_disputed(story_db: Path) -> None:
    story = strike_story(story_db)
    denials = [d for d in story["disputes"] if d["relation"] == "disputes"]
    # the army's accusation, and the medics' account that names a Hezbollah rocket: the accuser
    # the text only describes is answered too (claims.described_speaker)
    assert {(d["from"]["article_id"], d["to"]["article_id"]) for d in denials} == {
        ("a3", "a1"),
        ("a3", "a2"),
    }
    assert story["claims_disputed"] is True
    assert story["disputed"] is True


def test_the_reprisal_strike_beside_the_accusation_is_not_disputed(story_db: Path) -> None:
    story = story_of(story_db, "a2", "bombed")
    assert {r["article_id"] for r in story["reports"]} == {"a1", "a2"}
    assert story["disputes"]  # the story shows the accusation and its denial
    assert story["claims_disputed"] is False


def test_the_story_list_marks_the_denied_strike_disputed_and_the_reprisal_not(
    story_db: Path,
) -> None:
    """The list shows each story as its own record does (main: the cluster row's flag only,
    so the denied strike was listed as agreed)."""
    strike, reprisal = strike_story(story_db)["id"], story_of(story_db, "a2", "bombed")["id"]
    with open_store(story_db, read_only=True) as store:
        listed = {s["id"]: s for s in list_stories(store)}
    assert listed[strike]["claims_disputed"] is True and listed[strike]["disputed"] is True
    assert listed[reprisal]["claims_disputed"] is False and listed[reprisal]["disputed"] is False


def test_the_story_command_lists_who_did_it_as_contested(story_db: Path) -> None:
    from rich.console import Console

    from newsgraph.link.story_view import render_stories

    strike = strike_story(story_db)["id"]
    with open_store(story_db, read_only=True) as store:
        listed = [s for s in list_stories(store) if s["id"] == strike]
    console = Console(record=True, width=300)
    render_stories(listed, console)
    assert "source" in console.export_text().split(strike)[1]


def test_the_story_list_page_badges_the_denied_strike(story_db: Path) -> None:
    pytest.importorskip("fastapi", reason="newsgraph serve needs the api extra")
    pytest.importorskip("jinja2", reason="newsgraph serve needs the api extra")
    from fastapi.testclient import TestClient

    from newsgraph.web.app import create_app

    strike = strike_story(story_db)["id"]
    with open_store(story_db, read_only=True) as store:
        client = TestClient(create_app(store), base_url="http://localhost")
        html = client.get("/stories").text
    row = html[html.index(f"/stories/{strike}") :].split("</tr>")[0]
    assert 'title="differ on: source">accounts differ' in row


def test_the_story_page_says_who_did_it_is_contested(story_db: Path) -> None:
    pytest.importorskip("fastapi", reason="newsgraph serve needs the api extra")
    pytest.importorskip("jinja2", reason="newsgraph serve needs the api extra")
    from fastapi.testclient import TestClient

    from newsgraph.web.app import create_app

    story = strike_story(story_db)
    with open_store(story_db, read_only=True) as store:
        client = TestClient(create_app(store), base_url="http://localhost")
        html = client.get(f"/stories/{story['id']}").text
    note = html[html.index('class="accounts-differ"') :].split("</p>")[0]
    assert "Accounts differ</strong> on who did it:" in note
