"""DuckDB stores carry the schema's lookup indexes (DuckDB makes only the indexes it is asked
for): a new store gets them, an older store without them gets them when opened for writing, and
a read-only open leaves the file as it is."""

from __future__ import annotations

from pathlib import Path

import duckdb

from newsgraph.store import open_store
from newsgraph.store.schema import TABLES

WANTED = {f"ix_{t.name}_{'_'.join(cols)}" for t in TABLES for cols in t.indexes}


def indexes(db: Path) -> set[str]:
    with duckdb.connect(str(db), read_only=True) as con:
        return {r[0] for r in con.execute("SELECT index_name FROM duckdb_indexes()").fetchall()}


def test_a_new_store_has_the_lookup_indexes(tmp_path: Path) -> None:
    db = tmp_path / "new.duckdb"
    with open_store(db):
        pass
    assert "ix_events_article_id" in WANTED
    assert indexes(db) >= WANTED


def test_an_older_store_gets_them_when_opened_for_writing(tmp_path: Path) -> None:
    db = tmp_path / "old.duckdb"
    with open_store(db):
        pass
    with duckdb.connect(str(db)) as con:
        for name in WANTED:
            con.execute(f"DROP INDEX {name}")
    with open_store(db, read_only=True):
        pass
    assert not WANTED & indexes(db)  # reading never changes the file
    with open_store(db):
        pass
    assert indexes(db) >= WANTED
