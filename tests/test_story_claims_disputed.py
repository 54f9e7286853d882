"""A story whose tolls and places agree is still marked disputed when someone denies what its
statements claim: the accusation in one outlet, the denial in another's article a day later."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import linked_story_store

from newsgraph.link.stories import story_record
from newsgraph.store import open_store

ARTICLES = [
    ("a1", "Northern Herald", "2025-05-20",
     "A rocket struck a school in Haifa on Tuesday, killing two people. The Israeli "
     "army accused Hezbollah of firing the rocket."),
    ("a2", "Coast Daily", "2025-05-20",
     "A rocket hit a school in Haifa on Tuesday, killing two people, medics said."),
    ("a3", "Cedar Voice", "2025-05-21",
     "Hezbollah denied firing the rocket at Haifa, rejecting the Israeli accusation."),
]  # fmt: skip


@pytest.fixture(scope="module")
def story_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return linked_story_store(tmp_path_factory.mktemp("claims") / "claims.duckdb", ARTICLES)


def strike_story(db: Path) -> dict:
    with open_store(db) as store:
        (cid,) = store.query(
            "SELECT cluster_id FROM event_cluster_members WHERE article_id = 'a2' "
            "AND event_id = 'e1'"
        )[0]
        story = story_record(store, cid)
    assert story is not None
    return story


def test_the_strike_is_one_story_whose_fields_agree(story_db: Path) -> None:
    story = strike_story(story_db)
    assert {r["article_id"] for r in story["reports"]} >= {"a1", "a2"}
    assert story["differing"] == []


def test_a_denial_in_another_outlet_marks_the_story_disputed(story_db: Path) -> None:
    story = strike_story(story_db)
    denials = [d for d in story["disputes"] if d["relation"] == "disputes"]
    assert {(d["from"]["article_id"], d["to"]["article_id"]) for d in denials} == {("a3", "a1")}
    assert story["claims_disputed"] is True
    assert story["disputed"] is True
