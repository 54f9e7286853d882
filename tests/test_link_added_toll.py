"""A count that adds to a toll ("Two of the wounded died") is not the incident's toll: ``link``
does not split its report from the strike on the toll (9 against 2)."""

from __future__ import annotations

from helpers import story_records

from newsgraph.link import link_records
from newsgraph.link.event_items import event_items

STORIES = [
    ("a1", "Outlet A", "2025-03-14",
     "A Russian missile struck a factory in Zaporizhzhia on Friday, killing nine workers, the "
     "governor said."),
    ("a2", "Outlet B", "2025-03-15",
     "Two of the wounded died in hospital in Zaporizhzhia overnight after the Russian missile "
     "strike on Friday, the governor said."),
]  # fmt: skip


def test_a_part_of_the_wounded_is_no_toll() -> None:
    records = story_records(STORIES)[1]
    (died,) = [e for e in event_items(records[1]) if e.type == "ASSAULT"][:1]
    assert died.killed is None
    magnitude = next(e["magnitude"] for e in records[1]["events"] if e.get("magnitude"))
    assert magnitude["killed"]["added"] is True


def test_the_update_joins_the_strike() -> None:
    result = link_records(story_records(STORIES)[1])
    clusters = {(m.article_id, c.id) for c in result.clusters for m in c.members}
    assert {c for a, c in clusters if a == "a1"} & {c for a, c in clusters if a == "a2"}
