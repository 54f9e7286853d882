"""A bare event retells the event of its article that names the same victims before the nearest
one ("the killing of the passengers" after a roadside bomb that killed two soldiers retells the
bus attack told first); two incidents of one province and day stay apart (docs/link.md,
session 24: across24)."""

from __future__ import annotations

from typing import Any

from test_link import event, record, ref, span, time

from newsgraph.link import link_records
from newsgraph.link.event_items import event_items, target_words
from newsgraph.link.incident_profiles import linked_items

KALAT = {"id": "geonames:1175296", "name": "Kalat", "feature": "city", "country": "PK",
         "lat": 29.02663, "lon": 66.59361}  # fmt: skip
TURBAT = {"id": "geonames:1163054", "name": "Turbat", "feature": "city", "country": "PK",
          "lat": 26.0023, "lon": 63.0440}  # fmt: skip
MONDAY = "2025-09-15"


def placed(text: str, eid: str, trigger: str, victims: str, killed: int, place: dict,
           **fields: Any) -> dict:  # fmt: skip
    toll = {"killed": {"text": str(killed), "min": killed, "max": None}}
    return event(text, eid, trigger, time="t1", place=place["id"], magnitude=toll,
                 target={"actor": None, "span": span(text, victims)}, **fields)  # fmt: skip


def placed_toll(text: str, eid: str, trigger: str, victims: str, killed: int) -> dict:
    toll = {"killed": {"text": str(killed), "min": killed, "max": None}}
    return event(text, eid, trigger, magnitude=toll,
                 target={"actor": None, "span": span(text, victims)})  # fmt: skip


def retelling(text: str, eid: str, trigger: str, victims: str | None) -> dict:
    target = {"actor": None, "span": span(text, victims) if victims else None}
    return event(text, eid, trigger, target=target)


def article(
    aid: str, published: str, text: str, events: list[dict], places: list[dict] = ()
) -> dict:
    return record(aid, f"Outlet {aid}", published, text, events=events,
                  times=[time(text, "t1", "Monday", MONDAY)], places=places)  # fmt: skip


BUS_AND_BOMB = (
    "Gunmen attacked a passenger bus near Kalat on Monday night, killing nine people. "
    "Separately, a roadside bomb killed two soldiers in Turbat on Monday. "
    "Officials condemned the killing of the passengers."
)
BUS = "Gunmen shot dead nine passengers of a bus near Kalat on Monday night."
BOMB = "A roadside bomb killed two soldiers in Turbat on Monday, the military said."
OPERATION = (
    "The toll of Monday's attack on a passenger bus near Kalat rose to 11. "
    "Troops killed six militants near Kalat on Monday in a follow-up operation. "
    "The militants targeted innocent passengers, the military said."
)


def story() -> list[dict[str, Any]]:
    t = BUS_AND_BOMB
    return [
        article("a", "2025-09-16", t, [
            placed(t, "e1", "attacked", "a passenger bus", 9, KALAT),
            placed(t, "e2", "bomb", "two soldiers", 2, TURBAT),
            retelling(t, "e3", "killing", "the passengers"),
        ], [KALAT, TURBAT]),
        article("b", "2025-09-16", BUS, [placed(BUS, "e1", "shot", "nine passengers", 9, KALAT)],
                [KALAT]),
        article("c", "2025-09-16", BOMB, [placed(BOMB, "e1", "bomb", "two soldiers", 2, TURBAT)],
                [TURBAT]),
    ]  # fmt: skip


def cluster_of(records: list[dict[str, Any]]) -> dict[tuple[str, str], str]:
    return {m.key: c.id for c in link_records(records).clusters for m in c.members}


def test_target_words_drop_stop_words_and_plurals() -> None:
    assert target_words({"text": "six innocent passengers"}) == {"innocent", "passenger"}
    assert target_words({"text": "a passenger bus in Kalat district"}) >= {"passenger", "bus"}
    assert target_words(None) == frozenset()


def test_a_retelling_takes_the_event_that_names_its_victims_over_the_nearest() -> None:
    anchors = {i.event_id: i.report_anchor for i in event_items(story()[0], retell=True)}
    assert anchors["e3"] == "e1"  # the bus attack, not the bomb told between them


def test_a_retelling_after_a_follow_up_operation_retells_the_attack() -> None:
    t = OPERATION
    rec = article("d", "2025-09-17", t, [
        placed(t, "e1", "attack", "a passenger bus", 11, KALAT),
        placed(t, "e2", "killed", "six militants", 6, KALAT, source=ref(t, "idf", "Troops")),
        retelling(t, "e3", "targeted", "innocent passengers"),
    ], [KALAT])  # fmt: skip
    anchors = {i.event_id: i.report_anchor for i in event_items(rec, retell=True)}
    assert anchors["e3"] == "e1"
    # as the linker reads it: the operation (its own place and toll) is another report
    linked = {i.event_id: i for i in linked_items(rec)}
    assert linked["e3"].report_anchor == "e1"
    assert linked["e3"].profile == linked["e1"].profile != linked["e2"].profile


def test_within_one_report_the_nearest_event_above_is_retold() -> None:
    t = ("Hezbollah fighters attacked an army base on Monday. Troops repelled them, "
         "killing 20 of the attackers. Two soldiers were wounded at the base.")  # fmt: skip
    rec = article("f", "2025-09-17", t, [
        event(t, "e1", "attacked", source=ref(t, "hezbollah", "Hezbollah"),
              target={"actor": None, "span": span(t, "an army base")}),
        placed_toll(t, "e2", "killing", "20 of the attackers", 20),
        retelling(t, "e3", "wounded", "the base"),
    ])  # fmt: skip
    linked = {i.event_id: i for i in linked_items(rec)}
    assert linked["e1"].profile == linked["e2"].profile  # one report: the attack repelled
    assert linked["e3"].report_anchor == "e2"  # the nearest, though e1 names the base


def test_without_shared_victims_the_nearest_event_above_is_retold() -> None:
    t = BUS_AND_BOMB
    rec = article("e", "2025-09-16", t, [
        placed(t, "e1", "attacked", "a passenger bus", 9, KALAT),
        placed(t, "e2", "bomb", "two soldiers", 2, TURBAT),
        retelling(t, "e3", "killing", None),
    ], [KALAT, TURBAT])  # fmt: skip
    assert {i.event_id: i.report_anchor for i in event_items(rec, retell=True)}["e3"] == "e2"


def test_the_retelling_joins_its_incident_across_outlets_and_the_bomb_stays_apart() -> None:
    cluster = cluster_of(story())
    assert cluster[("a", "e3")] == cluster[("a", "e1")] == cluster[("b", "e1")]
    # two incidents of one province (Balochistan) and one day stay two
    assert cluster[("a", "e2")] == cluster[("c", "e1")]
    assert cluster[("a", "e2")] != cluster[("a", "e1")]
    assert cluster[("c", "e1")] != cluster[("a", "e3")]
