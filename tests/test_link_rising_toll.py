"""A toll rises over the days after an incident: a later-published report of the same strike
with a higher toll (9, then 16) is one event; reports of one day, a falling toll and a toll
many times higher still split, and a rising toll joins the strike it fits, not the other strike
of that town and day."""

from __future__ import annotations

from typing import Any

from test_link import RAFAH, event, record, time

from newsgraph.link import link_records
from newsgraph.link.compatibility import TOLL_RISE_FACTOR

MONDAY = "2024-08-05"


def report(aid: str, published: str, text: str, trigger: str, killed: int) -> dict[str, Any]:
    """One article of one strike on Monday in Rafah, published ``published``."""
    toll = {"killed": {"text": str(killed), "min": killed, "max": None}}
    fields = {"time": "t1", "place": RAFAH["id"], "magnitude": toll}
    return record(aid, f"Outlet {aid}", published, text,
                  events=[event(text, "e1", trigger, **fields)],
                  times=[time(text, "t1", "Monday", MONDAY)], places=[RAFAH])  # fmt: skip


def clusters_of(*records: dict[str, Any]) -> list[list[str]]:
    result = link_records(list(records))
    return sorted(sorted(m.article_id for m in c.members) for c in result.clusters)


FIRST = ("A strike on a school in Rafah killed nine people on Monday.", "strike", 9)


def test_a_later_report_with_a_higher_toll_is_the_same_strike() -> None:
    later = ("The toll of Monday's strike in Rafah rose to 16 on Tuesday.", "strike", 16)
    assert clusters_of(report("a", MONDAY, *FIRST), report("b", "2024-08-06", *later)) == [
        ["a", "b"]
    ]


def test_same_day_falling_and_far_higher_tolls_split() -> None:
    same_day = ("A strike in Rafah killed 16 people on Monday.", "strike", 16)
    assert clusters_of(report("a", MONDAY, *FIRST), report("b", MONDAY, *same_day)) == [
        ["a"], ["b"]
    ]  # fmt: skip
    falling = ("A strike in Rafah on Monday killed four people.", "strike", 4)
    assert clusters_of(report("a", MONDAY, *FIRST), report("b", "2024-08-06", *falling)) == [
        ["a"], ["b"]
    ]  # fmt: skip
    many = int(TOLL_RISE_FACTOR * 9) + 3
    far = (f"A strike in Rafah on Monday killed {many} people.", "strike", many)
    assert clusters_of(report("a", MONDAY, *FIRST), report("b", "2024-08-08", *far)) == [
        ["a"], ["b"]
    ]  # fmt: skip


def test_a_rising_toll_joins_the_strike_it_fits() -> None:
    """Two strikes in Rafah on Monday (5 and 13 killed): Tuesday's 15 is the second one's."""
    home = ("A strike on a home in Rafah killed five people on Monday.", "strike", 5)
    school = ("A strike on a school in Rafah killed 13 people on Monday.", "strike", 13)
    update = ("The toll of Monday's strike in Rafah rose to 15.", "strike", 15)
    assert clusters_of(
        report("a", MONDAY, *home), report("b", MONDAY, *school), report("c", "2024-08-06", *update)
    ) == [["a"], ["b", "c"]]
