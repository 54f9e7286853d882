"""A bare event (no place, known actor or toll: "the missiles tore through classrooms") worded
otherwise than its story's reports joins them through the event of its own article that it
retells (``report_anchor``); two strikes told in one article, or on one day in one city, stay
apart."""

from __future__ import annotations

from typing import Any

from test_link import RAFAH, TAL_AS_SULTAN, event, record, ref, time
from test_link_incremental import link_tables, write

from newsgraph.link import LinkOptions, link_records, link_store
from newsgraph.link.event_items import event_items
from newsgraph.store import open_store

DAY = "2024-08-05"
RETELL = LinkOptions(retell=True)


def strike(text: str, eid: str, trigger: str, killed: int, place: dict[str, Any]) -> dict:
    toll = {"killed": {"text": str(killed), "min": killed, "max": None}}
    return event(text, eid, trigger, time="t1", place=place["id"],
                 source=ref(text, "israel", "Israeli"), magnitude=toll)  # fmt: skip


def bare(text: str, eid: str, trigger: str, type_: str = "ASSAULT", **fields: Any) -> dict:
    return event(text, eid, trigger, type_=type_, **fields)


def article(aid: str, text: str, events: list[dict], places: list[dict]) -> dict[str, Any]:
    return record(aid, f"Outlet {aid}", DAY, text, events=events,
                  times=[time(text, "t1", "Monday", DAY)], places=places)  # fmt: skip


SCHOOL = ("An Israeli strike on a school in Rafah killed 13 people on Monday. "
          "The missiles tore through classrooms where families had sheltered.")  # fmt: skip
SCHOOL_2 = ("An Israeli airstrike hit a school in Rafah on Monday, killing 13 people. "
            "Witnesses said the blast brought down the roof.")  # fmt: skip
HOME = "An Israeli strike on a home in Rafah killed 5 people on Monday."
BOTH = ("An Israeli strike on a school in Rafah killed 13 people on Monday. "
        "Later an Israeli strike on a home in Rafah killed 5 people. "
        "The bombing flattened the house.")  # fmt: skip


def school_story() -> list[dict[str, Any]]:
    return [
        article("a", SCHOOL, [strike(SCHOOL, "e1", "strike", 13, RAFAH),
                              bare(SCHOOL, "e2", "tore")], [RAFAH]),
        article("b", SCHOOL_2, [strike(SCHOOL_2, "e1", "airstrike", 13, RAFAH),
                                bare(SCHOOL_2, "e2", "blast")], [RAFAH]),
        article("c", HOME, [strike(HOME, "e1", "strike", 5, RAFAH)], [RAFAH]),
    ]  # fmt: skip


def cluster_of(result: Any) -> dict[tuple[str, str], str]:
    return {m.key: c.id for c in result.clusters for m in c.members}


def test_a_bare_event_is_anchored_to_the_event_of_its_article_it_retells() -> None:
    items = {i.event_id: i for i in event_items(school_story()[0], retell=True)}
    assert items["e2"].bare and not items["e1"].bare
    assert items["e2"].report_anchor == "e1"
    assert items["e1"].report_anchor is None


def test_bare_events_worded_otherwise_join_their_articles_strike() -> None:
    cluster = cluster_of(link_records(school_story(), options=RETELL))
    assert cluster[("a", "e2")] == cluster[("a", "e1")] == cluster[("b", "e1")]
    assert cluster[("b", "e2")] == cluster[("b", "e1")]


def test_two_strikes_in_one_city_on_one_day_stay_apart() -> None:
    cluster = cluster_of(link_records(school_story(), options=RETELL))
    assert cluster[("c", "e1")] != cluster[("a", "e1")]
    assert cluster[("c", "e1")] != cluster[("a", "e2")]


def test_in_an_article_of_two_strikes_a_bare_event_retells_the_nearer_one_above() -> None:
    records = [
        article("d", BOTH, [strike(BOTH, "e1", "strike", 13, RAFAH),
                            strike(BOTH, "e2", "strike", 5, TAL_AS_SULTAN),
                            bare(BOTH, "e3", "bombing")], [RAFAH, TAL_AS_SULTAN]),
        article("c", HOME, [strike(HOME, "e1", "strike", 5, RAFAH)], [RAFAH]),
    ]  # fmt: skip
    assert {i.event_id: i.report_anchor for i in event_items(records[0], retell=True)}["e3"] == "e2"
    cluster = cluster_of(link_records(records, options=RETELL))
    assert cluster[("d", "e3")] == cluster[("d", "e2")]
    assert cluster[("d", "e1")] != cluster[("d", "e2")]


def test_no_anchor_across_type_families_or_for_an_event_that_did_not_happen() -> None:
    text = "An Israeli strike on Rafah killed 13 people. Leaders met. No rockets were fired."
    items = {i.event_id: i for i in event_items(record(
        "e", "Outlet e", DAY, text,
        events=[strike(text, "e1", "strike", 13, RAFAH),
                bare(text, "e2", "met", type_="CONSULT"),
                bare(text, "e3", "fired", negated=True)],
        places=[RAFAH]), include_unreal=True, retell=True)}  # fmt: skip
    assert items["e2"].report_anchor is None  # talks are no retelling of a strike
    assert items["e3"].report_anchor is None


def test_on_by_default_and_without_it_a_bare_event_worded_otherwise_stays_apart() -> None:
    by_default = cluster_of(link_records(school_story()))
    assert by_default[("b", "e2")] == by_default[("b", "e1")]
    assert event_items(school_story()[0])[1].report_anchor is None  # event_items' own default
    cluster = cluster_of(link_records(school_story(), options=LinkOptions(retell=False)))
    assert cluster[("b", "e2")] != cluster[("b", "e1")]


def test_an_incremental_run_retells_as_a_full_run_does(tmp_path) -> None:
    first, second = school_story()[:1], school_story()[1:]
    with open_store(tmp_path / "full.duckdb") as store:
        write(store, first + second)
        link_store(store, full=True, options=RETELL)
        expected = link_tables(store)
    with open_store(tmp_path / "incremental.duckdb") as store:
        write(store, first)
        link_store(store, options=RETELL)
        write(store, second)
        assert link_store(store, options=RETELL).mode == "incremental"
        got = link_tables(store)
        members = store.table("event_cluster_members")
    assert got == expected
    cluster = {(r.article_id, r.event_id): r.cluster_id for r in members.itertuples()}
    assert cluster[("b", "e2")] == cluster[("b", "e1")] == cluster[("a", "e1")]


def test_an_undated_article_retells_nothing() -> None:
    """Without a publication date the anchor's cluster may hold a whole topic's incidents."""
    dated = school_story()[0]
    undated = {**dated, "article": {**dated["article"], "published": None}}
    anchors = {i.event_id: i.report_anchor for i in event_items(dated, retell=True)}
    assert anchors == {"e1": None, "e2": "e1"}
    assert {i.report_anchor for i in event_items(undated, retell=True)} == {None}
