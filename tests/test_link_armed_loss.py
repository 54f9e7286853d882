"""A count of the armed men a side says it killed ("The army said it neutralised eight
gunmen") is the attackers' loss, part of the incident, not its victims' toll: the reading
carries ``armed``, and ``link`` and the story summary keep it out of the toll, so that the
army's account joins the outlet's report of the attack that killed 14 villagers."""

from __future__ import annotations

from helpers import story_records

from newsgraph.link import link_records
from newsgraph.link.event_items import event_items
from newsgraph.story_accounts import report_value
from newsgraph.web.storystrip import _toll

STORIES = [
    ("a1", "Outlet A", "2025-03-14",
     "Gunmen attacked the village of Tunga in Niger State on Friday, killing 14 villagers, "
     "the police said."),
    ("a2", "Outlet B", "2025-03-14",
     "Troops neutralised eight gunmen in the attack on Tunga in Niger State on Friday, the "
     "army said."),
]  # fmt: skip


def test_the_armed_mens_count_is_read_apart_from_the_toll() -> None:
    records = story_records(STORIES)[1]
    magnitude = next(e["magnitude"] for e in records[1]["events"] if e.get("magnitude"))
    assert magnitude["killed"]["min"] == 8 and magnitude["killed"]["armed"] is True
    assert all(e.killed is None for e in event_items(records[1]))
    report = {"magnitude": magnitude}
    assert report_value("killed", report) is None
    assert _toll(report) == ("8 armed men killed", "8a")
    # a toll of the victims stays the toll
    assert report_value("killed", {"magnitude": {"killed": {"min": 14}}}) == 14


def test_the_armed_mens_count_does_not_split_the_incident() -> None:
    result = link_records(story_records(STORIES)[1])
    clusters = {(m.article_id, c.id) for c in result.clusters for m in c.members}
    assert {c for a, c in clusters if a == "a1"} & {c for a, c in clusters if a == "a2"}
