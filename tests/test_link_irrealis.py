"""Negated, hypothetical and future events in event clustering: a threat of a strike and the
strike a day later, each reported by two outlets; a denied strike and the same strike asserted
elsewhere. By default such events report no real incident and stay out of the clusters of real
reports; ``LinkOptions(irrealis="own")`` clusters them among themselves, ``"join"`` with real
reports too (ECB+'s convention, behind the option: docs/link.md)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from test_cli import run
from test_link import RAFAH, event, record, ref, time
from test_link_incremental import write

from newsgraph.link import LinkOptions, link_records, link_store
from newsgraph.link.events import IRREALIS_JOIN_AGAINST, IrrealisPolicy
from newsgraph.store import open_store

THREAT_DAY, STRIKE_DAY = "2024-08-05", "2024-08-06"


def strike_report(aid: str, day: str, text: str, trigger: str, **flags: bool) -> dict[str, Any]:
    """One outlet's report of an Israeli strike on Rafah (flags: negated, future, ...)."""
    found = event(text, "e1", trigger, source=ref(text, "israel", "Israel"), place=RAFAH["id"],
                  time="t1", **flags)  # fmt: skip
    return record(aid, f"Outlet {aid}", day, text, events=[found],
                  times=[time(text, "t1", "Monday" if day == THREAT_DAY else "Tuesday", day)],
                  places=[RAFAH])  # fmt: skip


def threat_and_strike() -> list[dict[str, Any]]:
    return [
        strike_report("t1", THREAT_DAY, "Israel will strike Rafah, officials said on Monday.",
                      "strike", future=True),
        strike_report("t2", THREAT_DAY, "On Monday Israel threatened that it may strike Rafah.",
                      "strike", hypothetical=True),
        strike_report("s1", STRIKE_DAY, "Israel struck Rafah on Tuesday.", "struck"),
        strike_report("s2", STRIKE_DAY, "Israel carried out a strike on Rafah on Tuesday.",
                      "strike"),
    ]  # fmt: skip


def denied_and_asserted() -> list[dict[str, Any]]:
    return [
        strike_report("d1", STRIKE_DAY, "Israel did not strike Rafah on Tuesday, the army said.",
                      "strike", negated=True),
        strike_report("d2", STRIKE_DAY, "Israel struck Rafah on Tuesday.", "struck"),
    ]  # fmt: skip


def clusters_of(records: list[dict[str, Any]], irrealis: IrrealisPolicy) -> list[list[str]]:
    result = link_records(records, options=LinkOptions(irrealis=irrealis))
    return sorted(sorted(m.article_id for m in c.members) for c in result.clusters)


def test_irrealis_events_stay_out_of_real_clusters_by_default() -> None:
    assert clusters_of(threat_and_strike(), "apart") == [["s1", "s2"]]
    assert clusters_of(denied_and_asserted(), "apart") == [["d2"]]


def test_irrealis_events_cluster_among_themselves_only_when_asked() -> None:
    # the threat on Monday and the strike on Tuesday could not meet by date anyway; two
    # outlets' threats are one threat
    assert clusters_of(threat_and_strike(), "own") == [["s1", "s2"], ["t1", "t2"]]
    # the same actor, place, day and wording: only the veto keeps the denial apart
    assert clusters_of(denied_and_asserted(), "own") == [["d1"], ["d2"]]


def test_join_lets_a_denied_strike_meet_the_asserted_one() -> None:
    assert clusters_of(denied_and_asserted(), "join") == [["d1", "d2"]]
    assert clusters_of(threat_and_strike(), "join") == [["s1", "s2"], ["t1", "t2"]]


def store_clusters(path: Path, batches: list[list[dict[str, Any]]]) -> list[list[str]]:
    """Write each batch and link it (``own``): the first run full, the later ones incremental."""
    with open_store(path) as store:
        for batch in batches:
            write(store, batch)
            link_store(store, options=LinkOptions(irrealis="own"))
        members = store.table("event_cluster_members")
    groups: dict[str, list[str]] = {}
    for cluster, article in zip(members["cluster_id"], members["article_id"], strict=True):
        groups.setdefault(cluster, []).append(article)
    return sorted(sorted(g) for g in groups.values())


def test_an_incremental_link_keeps_irrealis_events_as_a_full_link_does(tmp_path) -> None:
    story = threat_and_strike() + denied_and_asserted()
    full = store_clusters(tmp_path / "full.duckdb", [story])
    # d2 asserts the strike s1 and s2 report: one incident; the denial and the threats apart
    assert full == [["d1"], ["d2", "s1", "s2"], ["t1", "t2"]]
    assert store_clusters(tmp_path / "steps.duckdb", [story[:2], story[2:]]) == full


def test_link_options_derive_what_both_clustering_paths_read() -> None:
    assert (LinkOptions().include_irrealis, LinkOptions().irrealis_against) == (False, None)
    own = LinkOptions(irrealis="own")
    assert (own.include_irrealis, own.irrealis_against) == (True, None)  # None: the veto
    assert LinkOptions(irrealis="join").irrealis_against == IRREALIS_JOIN_AGAINST
    with pytest.raises(ValueError, match="irrealis takes apart, own, join"):
        LinkOptions(irrealis="maybe")  # type: ignore[arg-type]


def test_the_link_command_refuses_another_policy(tmp_path: Path) -> None:
    result = run("link", "--irrealis", "maybe", "--db", str(tmp_path / "none.duckdb"))
    assert result.returncode == 2
    assert "--irrealis takes apart, own, join" in result.stderr.decode()
