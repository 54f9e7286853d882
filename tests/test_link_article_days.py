"""An undated event's window reaches back to the one day its article dates the events of its
type on (``incident_profiles.article_days``): a later outlet's "Bandits massacred civilians in
Gusau, the government said today" is Saturday's attack, which its next sentence dates, and
meets the first outlet's reports of it, though published four days after."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

import pytest
from helpers import story_records

from newsgraph.link import link_records
from newsgraph.link.compatibility import Compatibility
from newsgraph.link.event_items import EventItem, PlaceInfo
from newsgraph.link.incident_profiles import article_days, incident_profiles, linked_items

STORIES = [
    ("first", "Outlet A", "2025-04-14",
     "Gunmen killed at least nine people in an attack on the village of Kadawa near the town of "
     "Gusau, residents said on Monday. The attackers stormed the village late on Saturday and "
     "shot anyone who ran."),
    ("later", "Outlet B", "2025-04-16",
     "Bandits massacred civilians in Gusau, the regional government said today. The attack, "
     "which was carried out on Saturday night, killed 14 people, the government said."),
]  # fmt: skip


@pytest.fixture(scope="module")
def records() -> list[dict[str, Any]]:
    return story_records(STORIES)[1]


def test_the_undated_lead_reaches_back_to_the_day_its_article_dates(records) -> None:
    later = next(r for r in records if r["article"]["id"] == "later")
    lead = next(i for i in linked_items(later) if i.interval is None)
    assert lead.article_day == date(2025, 4, 12)
    assert lead.when == (date(2025, 4, 12), date(2025, 4, 16))


def test_the_later_outlets_lead_meets_the_first_reports(records) -> None:
    result = link_records(records)
    cluster = {(m.article_id, m.event_id): c.id for c in result.clusters for m in c.members}
    lead = next(k for k in cluster if k[0] == "later" and k[1] == "e1")
    firsts = {c for k, c in cluster.items() if k[0] == "first"}
    assert cluster[lead] in firsts


def _item(event_id: str, day: str | None, kind: str = "ASSAULT") -> EventItem:
    interval = (date.fromisoformat(day),) * 2 if day else None
    return EventItem("a", event_id, 0, kind, published=date(2025, 4, 16), interval=interval)


def test_an_article_dating_its_type_on_two_days_dates_no_undated_event() -> None:
    items = article_days([_item("e1", None), _item("e2", "2025-04-12"), _item("e3", "2025-04-13")])
    assert items[0].article_day is None
    assert items[0].when == (date(2025, 4, 14), date(2025, 4, 16))


def test_only_the_events_type_and_days_within_the_toll_window_count() -> None:
    other_type = article_days([_item("e1", None), _item("e2", "2025-04-12", "PROTEST")])
    assert other_type[0].article_day is None
    too_early = article_days([_item("e1", None), _item("e2", "2025-04-01")])
    assert too_early[0].article_day is None


def test_an_undated_report_of_another_incident_keeps_its_own_window() -> None:
    """ "The attack on a police outpost in Kabankalan on the same Tuesday", told in an article
    whose dated clash lies in another town, is no report the article dates: its profile holds
    no dated event, so its window stays the publication's."""
    clash = replace(
        _item("e1", "2025-04-12"), place=PlaceInfo("geonames:1", 10.1, 122.9, "PH", "city", "A")
    )
    outpost = replace(
        _item("e2", None), place=PlaceInfo("geonames:2", 9.98, 122.82 + 0.5, "PH", "city", "B")
    )
    clash_out, outpost_out = incident_profiles([clash, outpost], Compatibility())
    assert clash_out.profile != outpost_out.profile
    assert outpost_out.article_day is None
    assert outpost_out.when == (date(2025, 4, 14), date(2025, 4, 16))
