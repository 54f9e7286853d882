"""A store written before the events' ``future`` flag (schema version 1) or before the event
clusters' ``irrealis`` mark (version 2) or before the events' ``place_inferred`` mark (version 3)
is migrated, not lost."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import test_store
from test_store import make_article, make_record

from newsgraph.store import SCHEMA_VERSION, StoreError, open_store
from newsgraph.store.schema import get_table

store_target = test_store.store_target  # the same stores: a DuckDB file, a PostgreSQL schema


def _drop_columns_after_version_3(store: Any) -> None:
    for index in get_table("events").index_names():
        store._execute(f"DROP INDEX IF EXISTS {index}")
    store._execute("ALTER TABLE events DROP COLUMN place_inferred")
    # the event clusters' claims_disputed flag (version 5) came after place_inferred
    store._execute("ALTER TABLE event_clusters DROP COLUMN claims_disputed")


def _downgrade_to_version_3(target: Path | str) -> None:
    """What a version-3 store looks like: no ``place_inferred`` event column, version 3."""
    with open_store(target) as store:
        _drop_columns_after_version_3(store)
        store._execute("UPDATE schema_info SET value = '3' WHERE key = 'version'")


def _downgrade_to_version_2(target: Path | str) -> None:
    """What a version-2 store looks like: nor that, no ``irrealis`` cluster column, version 2."""
    with open_store(target) as store:
        _drop_columns_after_version_3(store)
        store._execute("ALTER TABLE event_clusters DROP COLUMN irrealis")
        store._execute("UPDATE schema_info SET value = '2' WHERE key = 'version'")


def _downgrade_to_version_1(target: Path | str) -> None:
    """What a version-1 store looks like: nor that, nor a ``future`` column; version 1 (in one
    open: a writing open of the version-2 store would migrate it)."""
    with open_store(target) as store:
        store._execute("ALTER TABLE event_clusters DROP COLUMN irrealis")
        _drop_columns_after_version_3(store)
        store._execute("ALTER TABLE events DROP COLUMN future")
        store._execute("UPDATE schema_info SET value = '1' WHERE key = 'version'")


def _write_one(target: Path | str) -> str:
    article = make_article()
    with open_store(target) as store:
        run = store.begin_run({"test": "migration"})
        store.write_record(make_record(article), article, run)
    return article.id


def test_a_version_1_store_is_migrated_when_opened_for_writing(store_target) -> None:
    article_id = _write_one(store_target)
    _downgrade_to_version_1(store_target)
    with pytest.raises(StoreError, match="Open it for writing once"):
        open_store(store_target, read_only=True)
    with open_store(store_target) as store:  # the writing open migrates
        version = store.query("SELECT value FROM schema_info WHERE key = 'version'")
        assert int(version[0][0]) == SCHEMA_VERSION == 5
        events = store.table("events")
        assert list(events["future"]) == [False, False]  # old rows: not future
        assert list(events["hypothetical"]) == [False, True]  # their old reading kept
    with open_store(store_target, read_only=True) as store:
        record = store.get_record(article_id)
    assert record is not None
    assert [e["future"] for e in record["events"]] == [False, False]


def test_a_migrated_store_takes_new_records_with_the_flag(store_target) -> None:
    _write_one(store_target)
    _downgrade_to_version_1(store_target)
    article = make_article("f0f0f0f0f0")
    record = make_record(article)
    record["events"][1] |= {"hypothetical": False, "future": True}  # "will pay a heavy price"
    with open_store(store_target) as store:
        store.write_record(record, article, store.begin_run({"test": "migration"}))
        stored = store.get_record(article.id)
    assert stored is not None
    assert [(e["hypothetical"], e["future"]) for e in stored["events"]] == [
        (False, False),
        (False, True),
    ]


def test_a_version_2_store_gets_the_clusters_irrealis_mark(store_target) -> None:
    """A store linked before the mark: its clusters read as real reports (``apart`` was the
    only policy), and a link run after the writing open marks an irrealis cluster."""
    from test_link_incremental import write
    from test_link_irrealis_story import two_outlet_story

    from newsgraph.link import LinkOptions, link_store

    with open_store(store_target) as store:
        write(store, two_outlet_story())
        link_store(store)  # apart: the strike's cluster alone
    _downgrade_to_version_2(store_target)
    with pytest.raises(StoreError, match="Open it for writing once"):
        open_store(store_target, read_only=True)
    with open_store(store_target) as store:  # the writing open migrates
        assert list(store.table("event_clusters")["irrealis"]) == [False]
        link_store(store, full=True, options=LinkOptions(irrealis="own"))
        marks = sorted(store.table("event_clusters")["irrealis"])
    assert marks == [False, True]  # the strike, the threat


def test_a_version_3_store_reads_its_places_as_stated(store_target) -> None:
    """A store written before ``place_inferred``: its events' places were all stated with them;
    a record written after the migration keeps an inferred place's mark."""
    article_id = _write_one(store_target)
    _downgrade_to_version_3(store_target)
    with pytest.raises(StoreError, match="Open it for writing once"):
        open_store(store_target, read_only=True)
    article = make_article("f0f0f0f0f1")
    record = make_record(article)
    record["events"][1] |= {"place_inferred": True}
    with open_store(store_target) as store:  # the writing open migrates
        store.write_record(record, article, store.begin_run({"test": "migration"}))
        old = store.get_record(article_id)
        new = store.get_record(article.id)
    assert old is not None and new is not None
    assert [e["place_inferred"] for e in old["events"]] == [False, False]
    assert [e["place_inferred"] for e in new["events"]] == [False, True]
