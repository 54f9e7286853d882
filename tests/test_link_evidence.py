"""Event clustering from evidence: accounts of one strike whose argument extraction differs
(a region for the town, no attacker, a misread attacker) still meet through place, wording and
toll; type and date alone, or wording alone, never merge."""

from __future__ import annotations

from typing import Any

from test_link import GAZA_STRIP, RAFAH, event, record, ref, time

from newsgraph.link import link_records
from newsgraph.link.triggers import evidence_trigger, trigger_family

DAY = "2024-08-05"


def report(aid: str, text: str, trigger: str, killed: int | None = None,
           place: dict[str, Any] | None = None, source: tuple[str, str] | None = None,
           type_: str = "ASSAULT") -> dict[str, Any]:  # fmt: skip
    fields: dict[str, Any] = {"time": "t1"}
    if killed is not None:
        fields["magnitude"] = {"killed": {"text": str(killed), "min": killed, "max": None}}
    if place is not None:
        fields["place"] = place["id"]
    if source is not None:
        fields["source"] = ref(text, source[0], source[1])
    return record(aid, f"Outlet {aid}", DAY, text,
                  events=[event(text, "e1", trigger, type_=type_, **fields)],
                  times=[time(text, "t1", "Monday", DAY)],
                  places=[place] if place else [])  # fmt: skip


def clusters_of(records: list[dict[str, Any]]) -> list[list[str]]:
    result = link_records(records)
    return sorted(sorted(m.article_id for m in c.members) for c in result.clusters)


def test_accounts_that_read_the_arguments_differently_meet() -> None:
    records = [
        report("r1", "An Israeli strike on Rafah killed five people on Monday.", "strike", 5,
               RAFAH, ("israel", "Israeli")),
        # the region instead of the town, no attacker: place inside + wording + toll
        report("r2", "A strike in the Gaza Strip killed five people on Monday.", "strike", 5,
               GAZA_STRIP),
        # no place, no attacker: the same wording and toll
        report("r3", "Five people were killed when a missile struck on Monday.", "struck", 5),
        # the attacker misread (a role mix-up): place, wording and toll outweigh it
        report("r4", "Hamas said an Israeli strike hit Rafah on Monday, killing five.", "strike",
               5, RAFAH, ("hamas", "Hamas")),
    ]  # fmt: skip
    assert clusters_of(records) == [["r1", "r2", "r3", "r4"]]
    cluster = link_records(records).clusters[0]
    assert cluster.consensus()["differing"] == ["source"]  # shown, never averaged away


def test_type_and_date_or_wording_alone_do_not_merge() -> None:
    records = [
        report("w1", "An Israeli strike on Rafah killed five people on Monday.", "strike", 5,
               RAFAH, ("israel", "Israeli")),
        report("w2", "A strike was reported on Monday.", "strike"),  # wording and date only
        report("w3", "A raid in the Gaza Strip on Monday.", "raid", None, GAZA_STRIP),
        # the same town, wording and day but another toll: another strike
        report("w4", "An Israeli strike on Rafah killed 20 people on Monday.", "strike", 20,
               RAFAH, ("israel", "Israeli")),
        # another side firing in the same town, no toll to tie them
        report("w5", "Hamas fired a rocket strike from Rafah on Monday.", "strike", None, RAFAH,
               ("hamas", "Hamas")),
    ]  # fmt: skip
    assert clusters_of(records) == [["w1"], ["w2"], ["w3"], ["w4"], ["w5"]]


def test_the_trigger_word_comes_from_the_evidence() -> None:
    def spans(*words: str) -> list[dict[str, Any]]:
        return [{"start": 0, "end": len(w), "text": w} for w in words]

    assert evidence_trigger(spans("carried", "out", "airstrike")) == "airstrike"
    assert evidence_trigger(spans("struck")) == "strike"
    assert trigger_family("struck") != trigger_family("strike")  # lemmas, not forms
    assert trigger_family(evidence_trigger(spans("struck"))) == trigger_family("strikes")
    assert evidence_trigger([]) is None
