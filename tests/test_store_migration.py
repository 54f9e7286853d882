"""A store written before the events' ``future`` flag (schema version 1) is migrated, not lost."""

from __future__ import annotations

from pathlib import Path

import pytest
import test_store
from test_store import make_article, make_record

from newsgraph.store import SCHEMA_VERSION, StoreError, open_store
from newsgraph.store.schema import get_table

store_target = test_store.store_target  # the same stores: a DuckDB file, a PostgreSQL schema


def _downgrade_to_version_1(target: Path | str) -> None:
    """What a version-1 store looks like: no ``future`` column, version 1 recorded."""
    with open_store(target) as store:
        for index in get_table("events").index_names():
            store._execute(f"DROP INDEX IF EXISTS {index}")
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
        assert int(version[0][0]) == SCHEMA_VERSION == 2
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
