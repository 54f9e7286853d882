"""The link run stores each story's ``claims_disputed`` flag, so the story list is one query:
an accusation in one outlet, the attacker's denial in another's article a day later (the
story of test_story_claims_disputed). The flag agrees with the story record, follows a denial
that arrives in a later incremental run, and a store linked before the flag is migrated."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import test_store
from helpers import cluster_of, story_records
from test_story_claims_disputed import ARTICLES

from newsgraph.link import link_store
from newsgraph.link import stories as stories_module
from newsgraph.link.stories import list_stories, story_record
from newsgraph.store import SCHEMA_VERSION, StoreError, open_store

store_target = test_store.store_target  # a DuckDB file, and a PostgreSQL schema when given one


def write(store: Any, annotated: tuple[list[Any], list[dict[str, Any]]], ids: set[str]) -> None:
    run_id = store.begin_run({"command": "test"})
    for article, record in zip(*annotated, strict=True):
        if article.id in ids:
            store.write_record(record, article, run_id)


def stored_flags(store: Any) -> dict[str, bool | None]:
    return dict(store.query("SELECT id, claims_disputed FROM event_clusters WHERE n_articles > 1"))


def test_the_link_run_stores_the_flag_the_story_record_gives(store_target) -> None:
    with open_store(store_target) as store:
        write(store, annotated_records(), {"a1", "a2", "a3"})
        link_store(store)
        strike, reprisal = cluster_of(store, "a2", "hit"), cluster_of(store, "a2", "bombed")
        flags = stored_flags(store)
        records = {cid: story_record(store, cid) for cid in flags}
    assert flags[strike] is True and flags[reprisal] is False
    assert flags == {cid: story["claims_disputed"] for cid, story in records.items()}


def test_the_story_list_reads_no_story_record(
    store_target, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A flagged store lists its stories in one query (main read one record per row)."""
    with open_store(store_target) as store:
        write(store, annotated_records(), {"a1", "a2", "a3"})
        link_store(store)
        strike = cluster_of(store, "a2", "hit")

        def no_record(*args: Any, **kwargs: Any) -> None:
            raise AssertionError("list_stories read a story record")

        monkeypatch.setattr(stories_module, "story_record", no_record)
        listed = {s["id"]: s for s in list_stories(store)}
    assert listed[strike]["claims_disputed"] is True and listed[strike]["disputed"] is True


def test_a_denial_linked_in_a_later_run_flags_the_story(store_target) -> None:
    """The denial's article comes a day later, in an incremental run: the story it disputes
    is flagged although that run wrote none of the story's reports."""
    with open_store(store_target) as store:
        write(store, annotated_records(), {"a1", "a2"})
        link_store(store)
        strike = cluster_of(store, "a2", "hit")
        assert stored_flags(store)[strike] is False
        write(store, annotated_records(), {"a3"})
        summary = link_store(store)
        assert summary.mode == "incremental"
        assert stored_flags(store)[strike] is True
        assert stored_flags(store)[cluster_of(store, "a2", "bombed")] is False


def _downgrade_to_version_4(target: Path | str) -> None:
    """What a version-4 store looks like: no ``claims_disputed`` cluster column, version 4."""
    with open_store(target) as store:
        store._execute("ALTER TABLE event_clusters DROP COLUMN claims_disputed")
        store._execute("UPDATE schema_info SET value = '4' WHERE key = 'version'")


def test_a_store_linked_before_the_flag_lists_its_stories_as_before(store_target) -> None:
    """A version-4 store's clusters get the column empty (not known, never false): the list
    reads those stories' records, and a full link run sets the flags."""
    with open_store(store_target) as store:
        write(store, annotated_records(), {"a1", "a2", "a3"})
        link_store(store)
    _downgrade_to_version_4(store_target)
    with pytest.raises(StoreError, match="Open it for writing once"):
        open_store(store_target, read_only=True)
    with open_store(store_target) as store:  # the writing open migrates
        ((version,),) = store.query("SELECT value FROM schema_info WHERE key = 'version'")
        assert int(version) == SCHEMA_VERSION == 5
        strike = cluster_of(store, "a2", "hit")
        assert set(stored_flags(store).values()) == {None}
        listed = {s["id"]: s for s in list_stories(store)}
        assert listed[strike]["claims_disputed"] is True
        link_store(store, full=True)
        strike = cluster_of(store, "a2", "hit")
        assert stored_flags(store)[strike] is True


_ANNOTATED: list[tuple[list[Any], list[dict[str, Any]]]] = []


def annotated_records() -> tuple[list[Any], list[dict[str, Any]]]:
    """The three articles annotated once for the module (the pipeline is slow to load)."""
    if not _ANNOTATED:
        _ANNOTATED.append(story_records(ARTICLES))
    return _ANNOTATED[0]
