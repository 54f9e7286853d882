"""``link`` joins a follow-up report a week later ("A week after a missile killed ...,
residents are still ...") to the first reports of the strike: the duration before "after" in a
present-tense clause covers the days from the strike up to the follow-up's publication."""

from __future__ import annotations

from typing import Any

import pytest
from helpers import story_records

from newsgraph.link import link_records
from newsgraph.link.event_items import event_items

STORIES = [
    ("first", "Outlet A", "2025-09-06",
     "A Russian missile struck a hospital in Poltava on Saturday, killing 14 people, the "
     "regional governor said."),
    ("second", "Outlet B", "2025-09-07",
     "A Russian missile killed 14 people at a hospital in Poltava on Saturday, officials said."),
    ("later", "Outlet C", "2025-09-13",
     "A week after a Russian missile killed 14 people at a hospital in Poltava, doctors are "
     "still treating the wounded in tents."),
]  # fmt: skip


@pytest.fixture(scope="module")
def records() -> list[dict[str, Any]]:
    return story_records(STORIES)[1]


def test_the_follow_up_event_is_dated_by_the_week_before_its_publication(records) -> None:
    later = next(r for r in records if r["article"]["id"] == "later")
    killed = [i for i in event_items(later) if i.interval is not None]
    assert killed, "the follow-up's event has no date"
    first, last = killed[0].interval
    assert (first.isoformat(), last.isoformat()) == ("2025-09-06", "2025-09-13")


def test_the_follow_up_meets_the_first_reports(records) -> None:
    result = link_records(records)
    cluster = {m.article_id: c.id for c in result.clusters for m in c.members}
    assert cluster["later"] == cluster["first"] == cluster["second"]
