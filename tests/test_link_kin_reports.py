"""One report told with events of two PLOVER types of one family (an abduction, COERCE, and the
attack and killing around it, ASSAULT): a bare "the gunmen struck" retells the abduction told
before it rather than a separate attack told at the article's end (``report_anchors``), and
the second pass joins a toll of one report to the cluster already holding that report beside
another report of its article (``regrouping._articles_apart``). docs/link.md, story18."""

from __future__ import annotations

from typing import Any

from test_link import JENIN, RAFAH, event, record, time

from newsgraph.link import link_records
from newsgraph.link.incident_profiles import linked_items

MONDAY, TUESDAY = "2024-08-05", "2024-08-06"


def toll(killed: int) -> dict[str, Any]:
    return {"killed": {"text": str(killed), "min": killed, "max": None}}


def clusters(records: list[dict[str, Any]]) -> list[list[str]]:
    result = link_records(records)
    return sorted(sorted(f"{m.article_id}{m.event_id}" for m in c.members) for c in result.clusters)


ABDUCTION_THEN_MOSQUE = (
    "Gunmen abducted 30 pupils from a school in Rafah on Monday. Guards had fled hours before "
    "the gunmen struck. On Tuesday gunmen attacked a mosque in Jenin, killing five."
)


def abduction_article() -> dict[str, Any]:
    text = ABDUCTION_THEN_MOSQUE
    return record("a", "Outlet a", TUESDAY, text,
                  events=[event(text, "e1", "abducted", "COERCE", time="t1", place=RAFAH["id"]),
                          event(text, "e2", "struck"),
                          event(text, "e3", "attacked", time="t2", place=JENIN["id"],
                                magnitude=toll(5))],
                  times=[time(text, "t1", "Monday", MONDAY), time(text, "t2", "Tuesday", TUESDAY)],
                  places=[RAFAH, JENIN])  # fmt: skip


def test_a_bare_attack_retells_the_abduction_before_it_not_a_later_attack() -> None:
    items = {i.event_id: i for i in linked_items(abduction_article())}
    assert items["e2"].report_anchor == "e1"
    assert items["e2"].interval == items["e1"].interval  # dated by the abduction: Monday


def test_an_anchor_of_its_own_type_comes_first_before_or_after() -> None:
    text = "Gunmen attacked a school in Rafah on Monday. The gunmen struck at dawn."
    before = record("b", "Outlet b", MONDAY, text,
                    events=[event(text, "e1", "attacked", time="t1", place=RAFAH["id"]),
                            event(text, "e2", "struck")],
                    times=[time(text, "t1", "Monday", MONDAY)], places=[RAFAH])  # fmt: skip
    assert {i.event_id: i.report_anchor for i in linked_items(before)}["e2"] == "e1"
    text = "The gunmen struck at dawn. They had attacked a school in Rafah on Monday."
    after = record("c", "Outlet c", MONDAY, text,
                   events=[event(text, "e1", "struck"),
                           event(text, "e2", "attacked", time="t1", place=RAFAH["id"])],
                   times=[time(text, "t1", "Monday", MONDAY)], places=[RAFAH])  # fmt: skip
    assert {i.event_id: i.report_anchor for i in linked_items(after)}["e1"] == "e2"


def test_the_bare_attack_stays_out_of_the_next_days_mosque_attack() -> None:
    text = "Gunmen attacked a mosque in Jenin on Tuesday, killing five worshippers."
    mosque = record("m", "Outlet m", TUESDAY, text,
                    events=[event(text, "e1", "attacked", time="t1", place=JENIN["id"],
                                  magnitude=toll(5))],
                    times=[time(text, "t1", "Tuesday", TUESDAY)], places=[JENIN])  # fmt: skip
    text = "Gunmen kidnapped 30 pupils from a school in Rafah on Monday."
    school = record("s", "Outlet s", MONDAY, text,
                    events=[event(text, "e1", "kidnapped", "COERCE", time="t1",
                                  place=RAFAH["id"])],
                    times=[time(text, "t1", "Monday", MONDAY)], places=[RAFAH])  # fmt: skip
    assert clusters([abduction_article(), mosque, school]) == [
        ["ae1", "ae2", "se1"], ["ae3", "me1"]]  # fmt: skip


def test_a_toll_of_one_report_joins_the_cluster_holding_that_report() -> None:
    """The guard's killing (a toll, one profile with the storming) is visited first and starts
    a cluster; the abduction (another profile: another type) and the storming then form one
    with the other outlet's report. The second pass joins the two: the cluster holds the
    killing's own report, so the article did not tell the two apart."""
    text = ("Gunmen abducted 40 pupils in Rafah. They stormed the school in Rafah on Monday. "
            "They shot dead a guard.")  # fmt: skip
    first = record("a", "Outlet a", MONDAY, text,
                   events=[event(text, "e1", "abducted", "COERCE", place=RAFAH["id"]),
                           event(text, "e2", "stormed", time="t1", place=RAFAH["id"]),
                           event(text, "e3", "shot dead", magnitude=toll(1))],
                   times=[time(text, "t1", "Monday", MONDAY)], places=[RAFAH])  # fmt: skip
    text = "Gunmen abducted pupils in Rafah and killed a guard."
    other = record("b", "Outlet b", MONDAY, text,
                   events=[event(text, "e1", "abducted", "COERCE", place=RAFAH["id"],
                                 magnitude=toll(1))],
                   places=[RAFAH])  # fmt: skip
    items = {i.event_id: i for i in linked_items(first)}
    assert items["e3"].profile == items["e2"].profile != items["e1"].profile
    assert clusters([first, other]) == [["ae1", "ae2", "ae3", "be1"]]
