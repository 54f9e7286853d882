"""Story18's link fixes (docs/link.md, "Session 17: story18"), on short stories written for
the tests: one report told with events of two PLOVER types of one family (an abduction,
COERCE, and the attack and killing around it, ASSAULT): a bare "the gunmen struck" retells the
abduction told before it rather than a separate attack told at the article's end
(``report_anchors``), and the second pass joins a toll of one report to the cluster already
holding that report beside another report of its article (``regrouping._articles_apart``);
the accused's own account naming another doer is the same incident (``counter_account``); and
an affiliation chain goes on through the actor knowledge base where a record's actors stop
(``affiliations``)."""

from __future__ import annotations

from typing import Any

from test_link import JENIN, RAFAH, event, record, ref, statement, time

from newsgraph.link import link_records
from newsgraph.link.compatibility import Compatibility
from newsgraph.link.event_items import affiliations
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


HOSPITAL = "unresolved:al-awda-hospital"


def hospital_reports(teller: str) -> list[dict[str, Any]]:
    """An Israeli strike on a hospital, and ``teller``'s account that Hezbollah did it."""
    text = "Israeli aircraft struck the Al-Awda hospital on Monday, killing nine."
    strike = record("h", "Outlet h", MONDAY, text,
                    events=[event(text, "e1", "struck", time="t1",
                                  source=ref(text, "israel", "Israeli"),
                                  target=ref(text, HOSPITAL, "the Al-Awda hospital"),
                                  magnitude=toll(9))],
                    times=[time(text, "t1", "Monday", MONDAY)])  # fmt: skip
    text = "Officials said Hezbollah fired the rocket that struck the Al-Awda hospital on Monday."
    content = "Hezbollah fired the rocket that struck the Al-Awda hospital on Monday"
    account = record("k", "Outlet k", MONDAY, text,
                     events=[event(text, "e1", "struck", time="t1", attributed_to="s1",
                                   source=ref(text, "hezbollah", "Hezbollah"),
                                   target=ref(text, HOSPITAL, "the Al-Awda hospital"))],
                     statements=[statement(text, "s1", teller, "said", content, "claim")],
                     times=[time(text, "t1", "Monday", MONDAY)])  # fmt: skip
    return [strike, account]


def test_the_accused_naming_another_doer_tells_the_same_strike() -> None:
    """Israel's account that Hezbollah struck the hospital is the Israeli strike's story told
    by the accused: the doers differ, the incident does not (``counter_account``)."""
    assert clusters(hospital_reports("israel")) == [["he1", "ke1"]]


def test_another_teller_naming_another_doer_is_another_attack() -> None:
    assert clusters(hospital_reports("hezbollah")) == [["he1"], ["ke1"]]


def actor_row(actor_id: str, affiliation: str | None) -> dict[str, Any]:
    return {"id": actor_id, "name": actor_id, "type": "government body", "affiliation": affiliation,
            "country": None, "mentions": []}  # fmt: skip


def test_an_affiliation_chain_goes_on_through_the_knowledge_base() -> None:
    """A record lists the ministry with its parent, the government, but not the government's
    parent: the chain goes on to the state through the actor knowledge base."""
    text = "Russia's Defence Ministry denied it."
    rec = record("r", "Outlet r", MONDAY, text)
    rec["actors"] = [actor_row("russian-ministry-of-defence", "russian-government")]
    parents = affiliations([rec])
    assert parents["russian-ministry-of-defence"] == "russian-government"
    assert parents["russian-government"] == "russia"
    assert Compatibility(parents).actors("russian-ministry-of-defence", "russia") is True
    assert Compatibility(parents).actors("russian-ministry-of-defence", "ukraine") is False


ACCUSED, DENIED = "Russia of striking the market", "that its forces had struck the market"


def test_a_ministry_denial_disputes_an_accusation_of_its_state() -> None:
    text = "Ukraine accused Russia of striking the market in Kherson."
    accusation = record("u", "Outlet u", MONDAY, text,
                        events=[event(text, "e1", "striking", attributed_to="s1",
                                      source=ref(text, "russia", "Russia"))],
                        statements=[statement(text, "s1", "ukraine", "accused", ACCUSED,
                                              "accusation")])  # fmt: skip
    accusation["actors"] = [actor_row("ukraine", None), actor_row("russia", None)]
    text = "Russia's Defence Ministry denied that its forces had struck the market."
    denial = record("d", "Outlet d", MONDAY, text,
                    statements=[statement(text, "s1", "russian-ministry-of-defence", "denied",
                                          DENIED, "denial")])  # fmt: skip
    denial["actors"] = [actor_row("russian-ministry-of-defence", "russian-government")]
    links = link_records([accusation, denial]).links
    assert {(x.article_id, x.to_article_id) for x in links if x.relation == "disputes"} == {
        ("d", "u")}  # fmt: skip


def test_a_denial_does_not_dispute_its_own_sides_claim_of_its_own_act() -> None:
    """With the chain to the state, the ministry's claim that Russian air defences downed
    drones puts an act on Russia; it is its own side's account, not an accusation to deny."""
    text = ("Russia's Defence Ministry denied that its forces had struck the market. "
            "Russian air defences destroyed 41 drones overnight, the ministry said.")  # fmt: skip
    own = "Russian air defences destroyed 41 drones overnight"
    rec = record("d", "Outlet d", MONDAY, text,
                 events=[event(text, "e1", "destroyed", attributed_to="s2",
                               source=ref(text, "russia", "Russian"))],
                 statements=[statement(text, "s1", "russian-ministry-of-defence", "denied",
                                       DENIED, "denial"),
                             statement(text, "s2", "russian-ministry-of-defence", "said", own,
                                       "claim")])  # fmt: skip
    rec["actors"] = [actor_row("russian-ministry-of-defence", "russian-government")]
    assert [x for x in link_records([rec]).links if x.relation == "disputes"] == []
