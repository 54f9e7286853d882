"""``link``'s second pass (``regrouping.py``) joins two clusters of one incident that formed
apart in the greedy pass, and keeps apart what the greedy pass had good reason to split: the
anchored events of one article, undated reports, actors on another branch, other tolls."""

from __future__ import annotations

from datetime import date

from test_link import RAFAH
from test_link_evidence import report
from test_link_incremental import write

from newsgraph.link import LinkOptions, link_records, link_store
from newsgraph.link.compatibility import Compatibility
from newsgraph.link.event_items import EventItem, PlaceInfo
from newsgraph.link.events import EventCluster, add_member
from newsgraph.link.options import DEFAULT_OPTIONS
from newsgraph.link.regrouping import regroup
from newsgraph.store import open_store

PARENTS = {"idf": "israel"}
DAY = date(2024, 8, 5)
TOWN = PlaceInfo("geonames:1", 31.3, 34.2, "PS", "city")


def story() -> list[dict]:
    return [
        # the town and the wording, no attacker, no toll: starts a cluster
        report("a1", "A strike hit Rafah on Monday.", "strike", place=RAFAH),
        # the attacker's army and a toll, no place, other wording: nothing in common with a1
        report("a2", "Israeli troops killed five people on Monday.", "killed", 5,
               source=("idf", "Israeli troops")),
        # the town, the wording and the attacker: evidence for both, joins a1's (more of it)
        report("a3", "An Israeli strike on Rafah killed six people on Monday.", "strike", 6,
               RAFAH, ("israel", "Israeli")),
    ]  # fmt: skip


def members(options: LinkOptions = DEFAULT_OPTIONS) -> list[list[str]]:
    result = link_records(story(), options=options)
    return sorted(sorted(m.article_id for m in c.members) for c in result.clusters)


def test_two_clusters_of_one_strike_formed_apart_are_joined() -> None:
    assert members(LinkOptions(regroup=False)) == [["a1", "a3"], ["a2"]]
    assert members() == [["a1", "a2", "a3"]]


def test_an_incremental_run_joins_them_too(tmp_path) -> None:
    """a3 arrives in a later run: it joins a1's cluster, and the run joins a2's to it."""
    first, later = story()[:2], story()[2:]
    with open_store(tmp_path / "store.duckdb") as store:
        write(store, first)
        link_store(store)
        assert len(store.table("event_clusters")) == 2
        write(store, later)
        assert link_store(store).mode == "incremental"
        members = store.table("event_cluster_members")
        assert members.cluster_id.nunique() == 1
        assert sorted(members.article_id) == ["a1", "a2", "a3"]


def item(article: str, event: str, **fields) -> EventItem:
    fields.setdefault("interval", (DAY, DAY))
    return EventItem(article, event, int(event[1:]), "ASSAULT", outlet=article, **fields)


def cluster(*items: EventItem) -> EventCluster:
    grown = EventCluster(type="ASSAULT", parents=PARENTS)
    for one in items:
        add_member(grown, one)
    return grown


def regrouped(*clusters: EventCluster) -> list[list[tuple[str, str]]]:
    return [sorted(m.key for m in c.members) for c in regroup(clusters, Compatibility(PARENTS))]


def test_a_member_with_the_evidence_joins_its_cluster_to_the_earlier_one() -> None:
    earlier = cluster(item("a", "e1", place=TOWN, killed=9))
    later = cluster(item("b", "e1", source="israel"), item("c", "e1", place=TOWN, killed=10))
    assert regrouped(earlier, later) == [[("a", "e1"), ("b", "e1"), ("c", "e1")]]


def test_anchored_events_of_one_article_kept_apart_stay_apart() -> None:
    # "a bomb in the town's market" and "in a separate attack in the town, a policeman was shot"
    earlier = cluster(item("a", "e1", place=TOWN, killed=7), item("b", "e1", place=TOWN))
    later = cluster(item("a", "e2", place=TOWN), item("c", "e1", place=TOWN))
    assert len(regrouped(earlier, later)) == 2
    bare_retelling = cluster(item("a", "e3", wording="bomb"), item("c", "e2", place=TOWN))
    assert len(regrouped(earlier, bare_retelling)) == 1  # a bare event anchors nothing


def test_undated_clusters_another_side_or_another_toll_stay_apart() -> None:
    earlier = cluster(item("a", "e1", place=TOWN, source="israel", killed=5, wording="strike"))
    # place, toll and wording would join it, were it dated
    undated = cluster(item("b", "e1", place=TOWN, killed=5, wording="strike", interval=None))
    assert len(regrouped(earlier, undated)) == 2
    # place, toll and wording outweigh a contradicting actor for one event, not for a cluster
    other_side = cluster(item("c", "e1", place=TOWN, source="hamas", killed=5, wording="strike"))
    assert len(regrouped(earlier, other_side)) == 2
    other_toll = cluster(item("d", "e1", place=TOWN, killed=20))
    assert len(regrouped(earlier, other_toll)) == 2
    assert len(regrouped(earlier, cluster(item("e", "e1", place=TOWN, killed=6)))) == 1
