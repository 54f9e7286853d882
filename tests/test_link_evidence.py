"""Event clustering from evidence: accounts of one strike whose argument extraction differs
(a region for the town, no attacker, a misread attacker) still meet through place, wording and
toll; type and date alone, or wording alone, never merge."""

from __future__ import annotations

from typing import Any

import numpy as np
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


def test_average_link_merges_down_to_the_threshold() -> None:
    import numpy as np

    from newsgraph.link.mention_pairs import average_link

    p = np.array([[1, 0.9, 0.6, 0.1], [0.9, 1, 0.2, 0.1], [0.6, 0.2, 1, 0.1],
                  [0.1, 0.1, 0.1, 1]])  # fmt: skip
    # {0,1} merge at 0.9; {0,1}+{2} average 0.4 stays under 0.5
    assert average_link(p, 0.5).tolist() == [0, 0, 2, 3]
    assert average_link(p, 0.35).tolist() == [0, 0, 0, 3]


def test_learned_mention_linker_joins_one_strike_and_splits_two_quakes() -> None:
    from test_link import _mentions

    from newsgraph.link.mention_pairs import cluster_mentions_learned

    t1 = "Dock workers in Rotterdam went on strike on Tuesday. The strike halted the port."
    t2 = "A strike by Rotterdam dock workers halted the port on Tuesday, the union said."
    t3 = "An earthquake struck Lima, Peru, destroying homes in the old town on Sunday."
    r1, r2 = record("b1", "A", "2025-03-04", t1), record("b2", "B", "2025-03-04", t2)
    r3 = record("b3", "C", "2025-06-01", t3)
    mentions = {"b1": _mentions(r1, ("strike", "strike"), ("halted", "halt")),
                "b2": _mentions(r2, ("strike", "strike"), ("halted", "halt")),
                "b3": _mentions(r3, ("earthquake", "earthquake"))}  # fmt: skip
    clusters = cluster_mentions_learned([r1, r2, r3], mentions)
    assert clusters[("b1", "m1")] == clusters[("b2", "m1")]  # the strike
    assert clusters[("b1", "m2")] == clusters[("b2", "m2")]  # the halt
    assert len({clusters[("b1", "m1")], clusters[("b1", "m2")], clusters[("b3", "m1")]}) == 3


def test_learned_mention_linker_keeps_reports_months_apart_apart() -> None:
    from test_link import _mentions

    from newsgraph.link.mention_pairs import cluster_mentions_learned

    t1 = "Dock workers in Rotterdam went on strike on Tuesday. The strike halted the port."
    t2 = "A strike by Rotterdam dock workers halted the port on Tuesday, the union said."
    r1 = record("b1", "A", "2025-03-04", t1)

    def clusters_with_second_report_on(published: str) -> dict:
        r2 = record("b2", "B", published, t2)
        mentions = {"b1": _mentions(r1, ("strike", "strike")),
                    "b2": _mentions(r2, ("strike", "strike"))}  # fmt: skip
        return cluster_mentions_learned([r1, r2], mentions)

    near, months_later = (clusters_with_second_report_on(d) for d in ("2025-03-06", "2025-06-04"))
    assert near[("b1", "m1")] == near[("b2", "m1")]  # two days apart: one strike
    assert months_later[("b1", "m1")] != months_later[("b2", "m1")]  # three months: another


def test_repeated_reporting_verbs_of_one_article_mark_two_statements() -> None:
    from newsgraph.link.repeated_reports import repeated_reports, reporting_verbs

    assert {"say", "state", "tell"} <= reporting_verbs()
    assert "find" not in reporting_verbs()  # "found the bodies": its other sense is an event
    lemmas = ["say", "say", "say", "strike", "strike", "find", "find"]
    articles = ["a1", "a1", "a2", "a1", "a1", "a1", "a1"]
    apart = repeated_reports(lemmas, articles)
    assert apart[0, 1] and apart[1, 0]  # two "said" of one article
    assert not apart[0, 2]  # across articles one statement may be reported twice
    assert not apart[3, 4] and not apart[5, 6]  # other words are left to the scorer
    assert not apart.diagonal().any()


def test_learned_mention_linker_keeps_two_statements_of_one_article_apart(monkeypatch) -> None:
    from newsgraph.link import mention_pairs
    from newsgraph.link.mentions import Mention

    text = ("The port reopened on Tuesday, the harbour master said in Rotterdam. "
            "The port reopened on Tuesday, the union leader said in Rotterdam.")  # fmt: skip
    r1 = record("b1", "A", "2025-03-04", text)
    first, second = text.index("said"), text.rindex("said")
    mentions = {"b1": [Mention("b1", "m1", ((first, first + 4),), "say"),
                       Mention("b1", "m2", ((second, second + 4),), "say")]}  # fmt: skip

    def linked() -> bool:
        clusters = mention_pairs.cluster_mentions_learned([r1], mentions)
        return clusters[("b1", "m1")] == clusters[("b1", "m2")]

    assert not linked()
    # the rule, not the scorer, keeps them apart: without it the two alike sentences join
    monkeypatch.setattr(mention_pairs, "repeated_reports",
                        lambda lemmas, _: np.zeros((len(lemmas),) * 2, dtype=bool))  # fmt: skip
    assert linked()


def test_reports_joining_by_evidence_link_incrementally_as_in_a_full_run(tmp_path) -> None:
    from test_link_incremental import full_and_incremental

    first = [
        report("r1", "An Israeli strike on Rafah killed five people on Monday.", "strike", 5,
               RAFAH, ("israel", "Israeli")),
        report("w4", "An Israeli strike on Rafah killed 20 people on Monday.", "strike", 20,
               RAFAH, ("israel", "Israeli")),
    ]  # fmt: skip
    later = [
        report("r2", "A strike in the Gaza Strip killed five people on Monday.", "strike", 5,
               GAZA_STRIP),
        report("r3", "Five people were killed when a missile struck on Monday.", "struck", 5),
    ]  # fmt: skip
    expected, got = full_and_incremental(tmp_path, first, later)
    assert got == expected
    by_cluster: dict[str, set[str]] = {}
    for cluster_id, article_id, *_ in got["members"]:
        by_cluster.setdefault(cluster_id, set()).add(article_id)
    assert sorted(map(sorted, by_cluster.values())) == [["r1", "r2", "r3"], ["w4"]]
