"""A town is shared by every incident in it: without any date, the same place and nothing else
is half the evidence a merge needs; with a date (its own or its publication), place and date
still join two reports of one day."""

from __future__ import annotations

from datetime import date

from newsgraph.link.compatibility import EVIDENCE, MERGE_EVIDENCE
from newsgraph.link.event_items import EventItem, PlaceInfo
from newsgraph.link.events import cluster_events

TOWN = PlaceInfo("geonames:1", 31.3, 34.2, "PS", "city")


def report(article: str, wording: str, published: date | None = None, **fields) -> EventItem:
    return EventItem(article, "e1", 0, "ASSAULT", outlet=article, place=TOWN, wording=wording,
                     published=published, **fields)  # fmt: skip


def groups(*items: EventItem) -> list[list[str]]:
    return sorted(sorted(m.article_id for m in c.members) for c in cluster_events(items))


def test_undated_reports_sharing_only_a_town_stay_apart() -> None:
    assert EVIDENCE["place_alone_undated"] < MERGE_EVIDENCE
    assert groups(report("a", "shoot"), report("b", "fire")) == [["a"], ["b"]]


def test_undated_reports_with_more_than_the_town_still_meet() -> None:
    assert groups(report("a", "shoot"), report("b", "shoot")) == [["a", "b"]]  # + wording
    assert groups(report("a", "shoot", killed=3), report("b", "fire", killed=3)) == [["a", "b"]]


def test_place_and_date_join_reports_of_one_day() -> None:
    day = date(2024, 8, 5)
    assert groups(report("a", "shoot", day), report("b", "fire", day)) == [["a", "b"]]
    # one side undated: the date cannot back the town
    assert groups(report("a", "shoot", day), report("b", "fire")) == [["a"], ["b"]]
