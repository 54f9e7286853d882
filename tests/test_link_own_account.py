"""An incident profile told by two outlets, and the doer's own account (docs/link.md,
"Session 21: cluster23"), on short stories written for the tests: "The army said it had
targeted a camp of fighters near the town" beside an outlet's report of the town's market
strike is half a report of it (``same_profile``); two outlets that each tell it so are two
halves, and the second pass joins the accounts to the strike (``_reports_told_with``). Two
strikes in one town on one day stay apart: each account carries its own report's toll
(``Compatibility._report_toll_apart``)."""

from __future__ import annotations

from typing import Any

from test_link import RAFAH, event, record, ref, statement, time

from newsgraph.link import link_records
from newsgraph.link.compatibility import Compatibility
from newsgraph.link.event_items import affiliations
from newsgraph.link.incident_profiles import linked_items

TUESDAY, WEDNESDAY = "2024-08-06", "2024-08-07"


def toll(killed: int) -> dict[str, Any]:
    return {"killed": {"text": str(killed), "min": killed, "max": None}}


def clusters(records: list[dict[str, Any]]) -> list[list[str]]:
    result = link_records(records)
    return sorted(sorted(f"{m.article_id}{m.event_id}" for m in c.members) for c in result.clusters)


def report(aid: str, trigger: str, killed: int, part: str) -> dict[str, Any]:
    """An outlet's report of a strike in Rafah on Tuesday ``part`` with its toll."""
    text = f"An air strike {trigger} a site in Rafah on Tuesday {part}, killing {killed} people."
    return record(aid, f"Outlet {aid}", TUESDAY, text,
                  events=[event(text, "e1", trigger, time="t1", place=RAFAH["id"],
                                magnitude=toll(killed))],
                  times=[time(text, "t1", "Tuesday", TUESDAY)], places=[RAFAH])  # fmt: skip


def with_account(aid: str, killed: int, part: str, camp: str) -> dict[str, Any]:
    """A report of a strike on Tuesday ``part`` and the Israeli army's own account of it: it
    says it struck ``camp`` (another target, no place of its own, another word)."""
    text = (
        f"A strike hit a site in Rafah on Tuesday {part}, killing {killed} people. "
        f"The Israeli army said it had targeted {camp} near the town."
    )
    content = f"it had targeted {camp} near the town"
    return record(aid, f"Outlet {aid}", WEDNESDAY, text,
                  events=[event(text, "e1", "hit", time="t1", place=RAFAH["id"],
                                magnitude=toll(killed)),
                          event(text, "e2", "targeted", attributed_to="s1",
                                source=ref(text, "idf", "The Israeli army"))],
                  statements=[statement(text, "s1", "idf", "said", content, "claim")],
                  times=[time(text, "t1", "Tuesday", TUESDAY)], places=[RAFAH])  # fmt: skip


def test_an_event_told_by_its_own_doer_is_its_own_account() -> None:
    record_ = with_account("b", 21, "morning", "a militant camp")
    check = Compatibility(affiliations([record_]))
    items = {i.event_id: i for i in linked_items(record_)}
    assert check.own_account(items["e2"])
    assert not check.own_account(items["e1"])  # no doer, no teller


def test_one_outlets_account_beside_its_report_is_half_the_evidence() -> None:
    """The market strike told by two outlets, one with the army's account of a camp: the
    account shares only its article's profile with the strike (+0.5): apart, as on main."""
    got = clusters([report("a", "struck", 21, "morning"),
                    with_account("b", 21, "morning", "a militant camp")])  # fmt: skip
    assert got == [["ae1", "be1"], ["be2"]]


def test_two_outlets_each_telling_the_account_with_the_strike_join_them() -> None:
    """Two outlets each tell the army's account beside their report of the strike: the
    accounts' cluster is tied to the strike's by two reports (+0.5 each), so the second pass
    joins them (``regrouping._reports_told_with``)."""
    got = clusters([report("a", "struck", 21, "morning"),
                    with_account("b", 21, "morning", "a militant camp"),
                    with_account("c", 21, "morning", "a militant camp")])  # fmt: skip
    assert got == [["ae1", "be1", "be2", "ce1", "ce2"]]


def test_two_strikes_in_one_town_on_one_day_stay_apart_each_with_its_accounts() -> None:
    """A market strike in the morning (21 killed) and a strike on a depot in the evening (7),
    each told by two outlets with the army's account: the accounts meet each other (the same
    doer, the same word), but each carries its own report's toll (``_report_toll_apart``), so
    two clusters of accounts, each joined to its own strike; the strikes stay apart."""
    got = clusters([report("a", "struck", 21, "morning"),
                    with_account("b", 21, "morning", "a militant camp"),
                    with_account("c", 21, "morning", "a militant camp"),
                    report("d", "struck", 7, "evening"),
                    with_account("e", 7, "evening", "a weapons depot"),
                    with_account("f", 7, "evening", "a weapons depot")])  # fmt: skip
    assert got == [["ae1", "be1", "be2", "ce1", "ce2"], ["de1", "ee1", "ee2", "fe1", "fe2"]]


def test_an_account_told_by_another_is_no_own_account() -> None:
    """The same sentence told by a third party is no account of the doer's own: it carries no
    report's toll."""
    b = with_account("b", 21, "morning", "a militant camp")
    b["statements"][0]["speaker"]["actor"] = "unresolved:witnesses"
    check = Compatibility(affiliations([b]))
    items = {i.event_id: i for i in linked_items(b)}
    assert items["e2"].profile_killed == 21
    assert not check.own_account(items["e2"])


def dated_account(aid: str) -> dict[str, Any]:
    """``with_account`` with every event dated Tuesday: the strike's cluster forms first."""
    r = with_account(aid, 21, "morning", "a militant camp")
    for e in r["events"]:
        e["time"] = "t1"
    return r


def test_two_articles_ties_outweigh_a_third_report_of_one_of_them() -> None:
    """One outlet also tells the opposition's accusation that the army targeted civilians: a
    report of its own in that article (a second profile), which joins the accounts' cluster.
    The one-article guard (``_articles_apart``) would keep that cluster apart from the
    strike's, formed before it; two articles' ties outweigh it (hard checks still apply)."""
    c = dated_account("c")
    text = c["article"]["text"] + " The opposition accused the Israeli army of targeting civilians."
    c["article"]["text"] = text
    c["events"].append(
        event(
            text,
            "e3",
            "targeting",
            attributed_to="s2",
            time="t1",
            source=ref(text, "idf", "the Israeli army"),
        )
    )
    c["statements"].append(
        statement(
            text,
            "s2",
            "unresolved:opposition",
            "accused",
            "the Israeli army of targeting civilians",
            "accusation",
        )
    )
    items = {i.event_id: i for i in linked_items(c)}
    assert items["e3"].profile != items["e1"].profile == items["e2"].profile
    got = clusters([report("a", "struck", 21, "morning"), dated_account("b"), c])
    assert got == [["ae1", "be1", "be2", "ce1", "ce2", "ce3"]]
