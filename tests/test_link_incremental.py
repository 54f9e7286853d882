"""Incremental linking: new articles join the store's clusters and claim links without a full
recomputation, and the result is the one a full link over everything gives."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from test_link import JENIN, RAFAH, event, record, ref, statement, time

from newsgraph.link import link_store
from newsgraph.link.incremental import store_totals
from newsgraph.model import Article
from newsgraph.store import open_store

KHAN_YUNIS = {"id": "geonames:281133", "name": "Khan Yunis", "feature": "city", "country": "PS",
              "lat": 31.34, "lon": 34.30}  # fmt: skip


def strike(aid: str, outlet: str, published: str, day: str, killed: int, source: str = "israel"):
    text = f"An Israeli strike on Rafah killed {killed} people, officials said."
    return record(aid, outlet, published, text,
                  events=[event(text, "e1", "strike", source=ref(text, source, "Israeli"),
                                place=RAFAH["id"], time="t1",
                                magnitude={"killed": {"text": str(killed), "min": killed,
                                                      "max": None}})],
                  times=[time(text, "t1", "Rafah", day)], places=[RAFAH])  # fmt: skip


def accusation(aid: str, outlet: str, published: str) -> dict[str, Any]:
    text = "The army accused Hezbollah of firing the rocket at the town."
    return record(aid, outlet, published, text,
                  statements=[statement(text, "s1", "idf", "accused",
                                        "Hezbollah of firing the rocket at the town",
                                        "accusation", addressee="hezbollah")])  # fmt: skip


def denial(aid: str, outlet: str, published: str) -> dict[str, Any]:
    text = "Hezbollah denied any connection to the rocket attack on the town."
    return record(aid, outlet, published, text,
                  statements=[statement(text, "s1", "hezbollah", "denied",
                                        "any connection to the rocket attack on the town",
                                        "denial")])  # fmt: skip


def other_story(aid: str, published: str, place: dict[str, Any], day: str) -> dict[str, Any]:
    text = "Israeli troops raided the town at dawn. Russia said it was talking to both sides."
    return record(aid, "Outlet Z", published, text,
                  events=[event(text, "e1", "raided", source=ref(text, "israel", "Israeli troops"),
                                place=place["id"], time="t1")],
                  statements=[statement(text, "s1", "russia", "said",
                                        "it was talking to both sides", "claim")],
                  times=[time(text, "t1", "dawn", day)], places=[place])  # fmt: skip


def first_batch() -> list[dict[str, Any]]:
    return [
        strike("b1", "Outlet B", "2024-03-04", "2024-03-04", 9),
        strike("c1", "Outlet C", "2024-03-05", "2024-03-04", 10, source="idf"),
        accusation("d1", "Outlet D", "2024-03-04"),
        denial("e1", "Outlet E", "2024-03-05"),
        other_story("z1", "2024-04-20", JENIN, "2024-04-20"),
        other_story("z2", "2024-05-10", KHAN_YUNIS, "2024-05-10"),
    ]


def second_batch() -> list[dict[str, Any]]:
    return [
        # visited before b1 (same day, smaller id): it starts the Rafah cluster in a full run
        strike("a0", "Outlet A", "2024-03-04", "2024-03-04", 11),
        strike("f1", "Outlet F", "2024-03-06", "2024-03-04", 30),  # another toll: another strike
        denial("g1", "Outlet G", "2024-03-04"),  # reported before the first denial
        accusation("h1", "Outlet H", "2024-03-05"),
    ]


def write(store: Any, records: list[dict[str, Any]]) -> None:
    run_id = store.begin_run({})
    for rec in records:
        a = rec["article"]
        article = Article(id=a["id"], text=a["text"], outlet=a["outlet"], language="en",
                          published=date.fromisoformat(a["published"]))  # fmt: skip
        store.write_record(rec, article, run_id)


def link_tables(store: Any) -> dict[str, Any]:
    clusters = store.table("event_clusters")
    members = store.table("event_cluster_members")
    blocks = store.table("event_cluster_blocks")
    links = store.table("claim_links")
    return {
        "clusters": sorted(
            (r.id, r.type, r.place_id, r.time_value, r.n_articles, r.consensus, r.irrealis)
            for r in clusters.itertuples()
        ),
        "members": sorted(map(tuple, members.values.tolist())),
        "blocks": sorted(map(tuple, blocks.astype(str).values.tolist())),
        "links": sorted(
            (r.article_id, r.from_id, r.to_article_id, r.to_id, r.relation)
            for r in links.itertuples()
        ),
    }


def full_and_incremental(
    tmp_path: Any, first: list[dict[str, Any]], later: list[dict[str, Any]]
) -> tuple[dict[str, Any], dict[str, Any]]:
    """``link_tables`` of one full link of ``first + later``, and of ``first`` linked, then
    ``later`` linked incrementally (asserting that the second run was incremental)."""
    with open_store(tmp_path / "full.duckdb") as store:
        write(store, first + later)
        link_store(store, full=True)
        expected = link_tables(store)
    with open_store(tmp_path / "incremental.duckdb") as store:
        write(store, first)
        link_store(store)
        write(store, later)
        assert link_store(store).mode == "incremental"
        return expected, link_tables(store)


@pytest.fixture
def spy_reads(monkeypatch: pytest.MonkeyPatch):
    """The article ids each store reads records of."""
    from newsgraph.store.link_tables import LinkTables

    read: list[str] = []
    original = LinkTables.records_of

    def records_of(self: Any, ids: Any) -> Any:
        read.extend(ids)
        return original(self, ids)

    monkeypatch.setattr(LinkTables, "records_of", records_of)
    return read


def test_linking_twice_gives_what_one_full_link_gives(tmp_path, spy_reads) -> None:
    with open_store(tmp_path / "full.duckdb") as store:
        write(store, first_batch() + second_batch())
        full = link_store(store, full=True)
        expected = link_tables(store)
    with open_store(tmp_path / "incremental.duckdb") as store:
        write(store, first_batch())
        first = link_store(store)
        write(store, second_batch())
        spy_reads.clear()
        second = link_store(store)
        got = link_tables(store)
    assert (first.mode, second.mode, full.mode) == ("full", "incremental", "full")
    assert got == expected
    assert second.new_articles == 4
    # the new articles' blocks only: the Rafah strike, the rocket accusation and its denials,
    # and the accuser's block (z1 names the Israeli army: a third party's rejection of its
    # account would dispute h1's accusation; dispute17)
    assert set(spy_reads) == {"a0", "f1", "g1", "h1", "b1", "c1", "d1", "e1", "z1"}
    rafah = [c for c in got["clusters"] if c[4] == 3]
    assert len(rafah) == 1  # a0, b1, c1: tolls 11, 9, 10
    assert ("g1", "s1", "d1", "s1", "disputes") in got["links"]
    assert ("e1", "s1", "g1", "s1", "repeats") in got["links"]  # g1 denied first


def test_a_run_with_nothing_new_writes_nothing_and_keeps_the_totals(tmp_path, spy_reads) -> None:
    with open_store(tmp_path / "link.duckdb") as store:
        write(store, first_batch())
        first = link_store(store)
        before = link_tables(store)
        spy_reads.clear()
        again = link_store(store)
        assert link_tables(store) == before
    assert spy_reads == []
    assert (again.mode, again.new_articles, again.touched_clusters) == ("incremental", 0, 0)
    assert (again.clusters, again.claim_links) == (first.clusters, first.claim_links)


def test_a_rewritten_article_is_linked_again(tmp_path) -> None:
    moved = other_story("b1", "2024-03-04", JENIN, "2024-03-04")  # b1 now reports a Jenin raid
    with open_store(tmp_path / "full.duckdb") as store:
        write(store, first_batch())
        write(store, [moved])
        link_store(store, full=True)
        expected = link_tables(store)
    with open_store(tmp_path / "incremental.duckdb") as store:
        write(store, first_batch())
        link_store(store)
        write(store, [moved])
        summary = link_store(store)
        got = link_tables(store)
    assert summary.new_articles == 1
    assert got == expected
    assert not any(m[1] == "b1" and m[0] == got["members"][0][0] for m in got["members"][1:])


def test_link_command_links_new_articles_and_recomputes_with_full(tmp_path) -> None:
    import json

    from typer.testing import CliRunner

    from newsgraph.cli import app

    db = tmp_path / "cli.duckdb"
    with open_store(db) as store:
        write(store, first_batch())
    runner = CliRunner()

    def link(*extra: str) -> dict[str, Any]:
        result = runner.invoke(app, ["link", "--db", str(db), "--json", *extra])
        assert result.exit_code == 0, result.output
        return json.loads(result.output)

    first = link()
    with open_store(db) as store:
        write(store, second_batch())
    second, full = link(), link("--full")
    assert (first["mode"], second["mode"], full["mode"]) == ("full", "incremental", "full")
    assert (first["new_articles"], second["new_articles"], full["new_articles"]) == (6, 4, 10)
    assert second["clusters"] == full["clusters"] and second["claim_links"] == full["claim_links"]


def daily_strike(aid: str, outlet: str, published: date) -> dict[str, Any]:
    """A strike on Rafah with no time of its own: dated by publication ([published - 2 days,
    published]), so each day's reports overlap the neighbouring days' and clusters chain."""
    text = "An Israeli strike hit Rafah, officials said."
    return record(aid, outlet, published.isoformat(), text,
                  events=[event(text, "e1", "strike", source=ref(text, "israel", "Israeli"),
                                place=RAFAH["id"])],
                  places=[RAFAH])  # fmt: skip


def daily_stream(first_day: int, days: int) -> list[dict[str, Any]]:
    start = date(2024, 1, 1)
    return [
        daily_strike(f"d{day:03d}-{n}", f"Outlet {n}", start + timedelta(days=day))
        for day in range(first_day, first_day + days)
        for n in range(3)
    ]


def clusters_of(store: Any, article_ids: set[str]) -> set[frozenset[tuple[str, str]]]:
    members = store.table("event_cluster_members")
    by_cluster: dict[str, set[tuple[str, str]]] = {}
    for row in members.itertuples():
        by_cluster.setdefault(row.cluster_id, set()).add((row.article_id, row.event_id))
    return {frozenset(m) for m in by_cluster.values() if {a for a, _ in m} & article_ids}


def test_a_long_stream_reloads_only_the_clusters_near_the_new_articles(tmp_path, spy_reads):
    old, new = daily_stream(0, 60), daily_stream(60, 2)
    new_ids = {r["article"]["id"] for r in new}
    with open_store(tmp_path / "full.duckdb") as store:
        write(store, old + new)
        link_store(store, full=True)
        expected = clusters_of(store, new_ids)
        expected_count = store_totals(store)["clusters"]
    with open_store(tmp_path / "incremental.duckdb") as store:
        write(store, old)
        first = link_store(store)
        write(store, new)
        spy_reads.clear()
        second = link_store(store)
        got = clusters_of(store, new_ids)
    assert first.clusters > 15  # the stream chains: clusters a few days wide, back to day one
    assert second.mode == "incremental" and second.loaded_clusters <= 4
    assert len(spy_reads) <= 6 + 3 * 10  # the new articles and the ten days before them
    assert got == expected and second.clusters == expected_count
