"""``actor_rows`` (each actor's statements and events in list order, written by ``link``) and the
actor pages read from it: the table must list what the lists' own queries list, after a full
and an incremental link run, on DuckDB and PostgreSQL; every page read from it must be exactly
the page the full query gives."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("fastapi", reason="newsgraph serve needs the api extra")
from test_serve_api import (  # noqa: F401 (fixtures)
    annotated,
    build_store,
    hand_article,
    hand_record,
    store_target,
)

from newsgraph.link import link_store
from newsgraph.store import actor_rows, open_store
from newsgraph.web import lookup
from newsgraph.web.actorpages import ActorRange
from newsgraph.web.filters import EventFilter, StatementFilter
from newsgraph.web.queries import Reader

ORDER = "ORDER BY a.published DESC NULLS LAST, t.article_id, t.ord"


def listed(store: Any, actor_id: str, kind: str) -> list[tuple[str, str]]:
    """The actor's rows as the lists' own queries order them."""
    table, where, params = (
        ("events", "t.source_actor = ? OR t.target_actor = ?", [actor_id, actor_id])
        if kind == "event"
        else ("statements", "t.speaker_actor = ?", [actor_id])
    )
    rows = store.query(
        f"SELECT t.article_id, t.id FROM {table} t JOIN articles a ON a.id = t.article_id "
        f"WHERE {where} {ORDER}",
        params,
    )
    return [(a, i) for a, i in rows]


def assert_table_lists_what_the_queries_list(store: Any) -> int:
    rows = store.query(
        "SELECT actor_id, kind, pos, article_id, row_id FROM actor_rows ORDER BY 1, 2, 3"
    )
    kept: dict[tuple[str, str], list[tuple[int, str, str]]] = {}
    for actor_id, kind, pos, article_id, row_id in rows:
        kept.setdefault((actor_id, kind), []).append((pos, article_id, row_id))
    actors = {a for (a,) in store.query("SELECT speaker_actor FROM statements") if a}
    actors |= {a for r in store.query("SELECT source_actor, target_actor FROM events") for a in r}
    actors.discard(None)
    for actor_id in sorted(actors):
        for kind in ("event", "statement"):
            found = kept.pop((actor_id, kind), [])
            assert [p for p, _, _ in found] == list(range(len(found))), (actor_id, kind)
            assert [(a, i) for _, a, i in found] == listed(store, actor_id, kind), (actor_id, kind)
    assert not kept  # no rows of actors the store no longer holds
    return len(rows)


def test_link_writes_the_table_and_an_incremental_run_keeps_it(
    store_target: str,  # noqa: F811
    annotated: list,  # noqa: F811
) -> None:
    with open_store(store_target) as store:
        run_id = store.begin_run({"command": "test"})
        store.write_records(annotated[:-1], run_id)
        link_store(store)  # the first run: full
        assert actor_rows.is_current(store.query)
        assert assert_table_lists_what_the_queries_list(store) > 0
        store.write_records(annotated[-1:], run_id)
        store.write_record(hand_record(), hand_article(), run_id)
        assert not actor_rows.is_current(store.query)  # stored since: not used
        assert link_store(store).mode == "incremental"
        assert actor_rows.is_current(store.query)
        assert_table_lists_what_the_queries_list(store)
        record = hand_record()  # rewritten without its events: their actors' rows change
        record["events"] = []
        store.write_record(record, hand_article(), run_id)
        link_store(store)
        assert_table_lists_what_the_queries_list(store)
        gone = annotated[0][1].id  # an article removed from the store: its actors' rows go
        assert store.query("SELECT 1 FROM actor_rows WHERE article_id = ?", [gone])
        with store._lock, store._transaction():
            store._delete_article_rows([gone])
        assert not actor_rows.is_current(store.query)
        link_store(store)
        assert actor_rows.is_current(store.query)
        assert not store.query("SELECT 1 FROM actor_rows WHERE article_id = ?", [gone])
        assert_table_lists_what_the_queries_list(store)


# --- pages on a read-only DuckDB store -------------------------------------------------------


@pytest.fixture(scope="module")
def reader(tmp_path_factory: pytest.TempPathFactory, annotated: list) -> Iterator[Reader]:  # noqa: F811
    db = Path(tmp_path_factory.mktemp("actorrows")) / "web.duckdb"
    build_store(db, annotated)
    with open_store(db) as store:
        link_store(store)
    with open_store(db, read_only=True) as store:
        yield Reader(store)


def full_query(reader: Reader, method: str, *args: Any) -> Any:
    reader.frozen = False  # the lists' own queries, as on PostgreSQL
    try:
        return getattr(reader, method)(*args)
    finally:
        reader.frozen = True


def busiest(reader: Reader, kind: str) -> list[str]:
    rows = reader._fetch(
        "SELECT actor_id FROM actor_rows WHERE kind = ? GROUP BY 1 ORDER BY count(*) DESC, 1 "
        "LIMIT 4",
        [kind],
    )
    return [r[0] for r in rows]


def pages(total: int) -> list[tuple[int, int]]:
    return [(500, 0), (1, 0), (1, 1), (2, 1), (3, 2), (4, 5), (5, max(0, total - 2)), (5, total)]


def test_filters_that_name_one_actor_alone_are_served_from_the_table() -> None:
    one = ("hamas",)
    assert ActorRange.of_events(EventFilter(actor="hamas", actor_ids=one))
    assert ActorRange.of_events(
        EventFilter(actor="h", actor_ids=one, type="assault", role="source")
    )
    assert not ActorRange.of_events(EventFilter(actor="h", actor_ids=("hamas", "idf")))
    assert not ActorRange.of_events(EventFilter(actor="h", actor_ids=one, outlet="BBC"))
    assert not ActorRange.of_events(EventFilter(actor="h", actor_ids=one, sort="oldest"))
    assert ActorRange.of_statements(StatementFilter(speaker="hamas", speaker_ids=one))
    assert not ActorRange.of_statements(StatementFilter(speaker="h", speaker_ids=one, act="denial"))


def test_event_pages_equal_the_full_query(reader: Reader) -> None:
    assert reader.frozen and reader._actor_range(ActorRange("x", "event"))
    types = [t for t, _ in reader.event_types()][:3]
    for actor_id in busiest(reader, "event"):
        for type_ in (None, *types):
            for role in ("any", "source", "target"):
                flt = EventFilter(type=type_, actor=actor_id, actor_ids=(actor_id,), role=role)
                total = reader.events(flt, 500, 0).total
                assert total == full_query(reader, "events", flt, 1, 0).total
                for limit, offset in pages(total):
                    fast = reader.events(flt, limit, offset)
                    slow = full_query(reader, "events", flt, limit, offset)
                    assert fast == slow, (actor_id, type_, role, limit, offset)


def test_statement_pages_and_actor_pages_equal_the_full_query(reader: Reader) -> None:
    for actor_id in busiest(reader, "statement"):
        flt = StatementFilter(speaker=actor_id, speaker_ids=(actor_id,))
        total = reader.statements(flt, 500, 0).total
        assert total > 0
        for limit, offset in pages(total):
            fast = reader.statements(flt, limit, offset)
            assert fast == full_query(reader, "statements", flt, limit, offset)
        actor = reader.actor(actor_id)
        assert actor is not None and actor["statements"] == total


def test_a_read_only_store_keeps_each_text_s_actor_ids(reader: Reader) -> None:
    actor_id = busiest(reader, "event")[0]
    asked: list[str] = []

    def fetch(sql: str, params: Any = ()) -> list[tuple]:
        asked.append(sql)
        return reader._fetch(sql, params)

    memo: dict[str, tuple[str, ...]] = {}
    found = lookup.actor_ids(fetch, f" {actor_id.upper()} ", memo)
    assert actor_id in found and found == lookup.actor_ids(reader._fetch, actor_id)
    before = len(asked)
    assert lookup.actor_ids(fetch, actor_id, memo) == found
    assert len(asked) == before  # the kept answer, no query
    assert reader._looked_up is not None  # a read-only DuckDB reader keeps them
