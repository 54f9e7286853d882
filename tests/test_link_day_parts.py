"""``link`` keeps apart two strikes on one day in one city by one attacker with tolls that could
be one strike's (3 and 5) when the reports name other parts of the day (TIMEX3 ``TMO`` /
``TNI``), and still joins the reports of each."""

from __future__ import annotations

from typing import Any

import pytest
from helpers import story_records

from newsgraph.link import link_records
from newsgraph.link.compatibility import day_parts_compatible
from newsgraph.link.event_items import day_part

STORIES = [
    # a morning bomb on a market, three killed; a night drone strike on a block, five killed
    ("m1", "Outlet A", "2025-06-07",
     "A Russian guided bomb struck a market in Kharkiv on Saturday morning, killing three "
     "people, the governor said."),
    ("n1", "Outlet B", "2025-06-08",
     "Russian drones struck an apartment building in Kharkiv on Saturday night, killing five "
     "people, officials said."),
    ("m2", "Outlet C", "2025-06-08",
     "A Russian glide bomb hit a crowded Kharkiv market on Saturday morning, killing three "
     "people."),
    ("n2", "Outlet D", "2025-06-08",
     "Russian drones hit a residential building in Kharkiv on Saturday night, killing five "
     "people."),
]  # fmt: skip


@pytest.fixture(scope="module")
def linked() -> Any:
    return link_records(story_records(STORIES)[1])


def clusters_of(result: Any) -> dict[str, str]:
    """article → the id of the cluster of its first event."""
    return {m.article_id: c.id for c in result.clusters for m in c.members if m.event_id == "e1"}


def test_a_morning_and_a_night_strike_in_one_city_stay_apart(linked) -> None:
    cluster = clusters_of(linked)
    assert cluster["m1"] != cluster["n1"]
    assert cluster["m2"] != cluster["n2"]


def test_the_reports_of_each_strike_still_meet(linked) -> None:
    cluster = clusters_of(linked)
    assert cluster["m1"] == cluster["m2"]
    assert cluster["n1"] == cluster["n2"]


def test_day_parts_are_read_from_timex3_values_of_one_day() -> None:
    assert day_part("2025-06-07TMO") == "MO"
    assert day_part("2025-06-07TNI") == "NI"
    assert day_part("2025-06-07") is None
    assert day_part("2025-06-07T10:00") is None
    assert day_part("2025-W23") is None


def test_neighbouring_parts_of_the_day_may_be_one_time() -> None:
    assert day_parts_compatible({"EV"}, "NI")  # "late in the evening" / "at night"
    assert day_parts_compatible({"MO"}, None)
    assert day_parts_compatible(set(), "MO")
    assert not day_parts_compatible({"MO"}, "NI")
    assert not day_parts_compatible({"MO", "MI"}, "AF")  # next to one part, not to both
