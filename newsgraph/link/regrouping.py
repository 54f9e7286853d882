"""A second pass over the greedy clusters: two clusters of one incident that formed apart are
joined.

Greedy clustering (``events.cluster_events``) visits events in time order and never revisits a
choice: where the first reports of one strike name it differently (the city with its attacker
in one, the region with the attacker's army in another, a bare "the strike" first), each starts
a cluster, and a later report with evidence for both joins only one. Each cluster then holds
several reports, and no single event links them again (story14's Sumy strike: two clusters of
four reports, pairs across them with enough evidence, docs/link.md).

So a later cluster is joined to an earlier one when one of its members has the evidence to join
the earlier cluster (``MERGE_EVIDENCE`` by hand-set evidence, as the greedy pass asks of one
event) and nothing hard contradicts for any member (type family, dates, parts of one day,
tolls, places: ``Compatibility.evidence`` against the earlier cluster's consensus, so every
toll of one is compatible with every toll of the other). Stricter than one event joining:
no member may name an actor on another branch (two sides firing in one town), both are
real or both irrealis, and the two may not hold anchored events (a place, a known actor or a
toll) of one article: the greedy pass saw both and kept them apart; and every member of both
is dated (its own time or its publication): without dates one place or actor would join every
report of it (on ECB+'s undated train topics, joining undated clusters too cost 0.0044 CoNLL
F1, 0.2948 → 0.2904, docs/link.md). Candidates come from the clusters' own blocking keys,
and clusters that ended leave them, so the cost grows with the clusters per key and period,
as in the greedy pass.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from .compatibility import EVIDENCE, MERGE_EVIDENCE, Compatibility
from .events import EventCluster, add_member, ended, own_keys, pruning_start, query_keys
from .responses import attacker_apart


def regroup(clusters: Sequence[EventCluster], check: Compatibility) -> list[EventCluster]:
    """``clusters`` (in the order they were started) with each later cluster of one incident
    joined to the earlier one it fits best (the most evidence; ties: the oldest). The earlier
    cluster keeps its id (its first member)."""
    joined: set[int] = set()  # later clusters an earlier one took (never indexed themselves)
    index: dict[tuple[str, str], list[int]] = defaultdict(list)
    for n, cluster in enumerate(clusters):
        best, best_evidence = None, MERGE_EVIDENCE
        for c in _candidates(cluster, clusters, index, check):
            evidence = cluster_evidence(clusters[c], cluster, check)
            if evidence is None or evidence < best_evidence:
                continue
            if best is None or evidence > best_evidence:  # ties: the oldest
                best, best_evidence = c, evidence
        target = n if best is None else best
        if best is not None:
            joined.add(n)
            _absorb(clusters[best], cluster)
        for key in own_keys(clusters[target], check):
            if target not in index[key]:
                index[key].append(target)
    return [c for n, c in enumerate(clusters) if n not in joined]


def cluster_evidence(
    earlier: EventCluster, later: EventCluster, check: Compatibility
) -> float | None:
    """The most evidence one member of ``later`` has for ``earlier``, or the articles that
    tie the two by an incident profile (``_reports_told_with``) where that is more; None where
    any member contradicts it (a hard contradiction or an actor on another branch), one
    cluster is irrealis and the other real, a member of either is undated, or both hold an
    anchored event of one article unless two articles tie them."""
    if earlier.irrealis != later.irrealis:
        return None
    if earlier.span is None or later.span is None:  # undated: a place alone joins a topic
        return None
    told = _reports_told_with(earlier, later)
    if told < MERGE_EVIDENCE and _articles_apart(earlier, later):
        return None
    if any(attacker_apart(later, m, check) for m in earlier.members):
        return None  # a response answering another attacker (``responses.py``)
    best = None
    for member in later.members:
        evidence = check.evidence(earlier, member)
        if evidence is None or check.actors_contradict(earlier, member):
            return None
        if attacker_apart(earlier, member, check):
            return None
        best = evidence if best is None else max(best, evidence)
    return best if best is None else max(best, told)


def _reports_told_with(earlier: EventCluster, later: EventCluster) -> float:
    """Half a report per article that tells a member of ``later`` in one incident profile with
    a member of ``earlier`` (``same_profile``): two outlets that each tell the army's own
    account ("it had targeted a camp of fighters near the town") beside their report of the
    market strike put that account with the strike twice, independently, where one article
    alone is half the evidence (story17: a profile at +1 joined two incidents of one town)."""
    reports = {m.report_key for m in earlier.members if m.profile}
    told = {m.article_id for m in later.members if m.profile and m.report_key in reports}
    return EVIDENCE["same_profile"] * len(told)


def _articles_apart(earlier: EventCluster, later: EventCluster) -> bool:
    """``later`` holds an anchored event (a place, a known actor or a toll) of a report
    (``report_key``) of an article whose other reports ``earlier`` holds anchored events of:
    the greedy pass had both and kept them apart ("in a separate attack in Peshawar on Friday
    evening" beside the morning's market bombing). Two events of one incident profile are one
    report, not apart; nor is a report ``earlier`` already holds, even beside another report
    of its article that the greedy pass put with it (story18: the guard "shot dead" of a
    profile whose abduction and attack are both in ``earlier``, docs/link.md)."""
    reports: dict[str, set[tuple[str, str]]] = {}
    for m in earlier.members:
        if not m.bare:
            reports.setdefault(m.article_id, set()).add(m.report_key)
    return any(
        not m.bare and m.article_id in reports and m.report_key not in reports[m.article_id]
        for m in later.members
    )


def _candidates(
    cluster: EventCluster,
    clusters: Sequence[EventCluster],
    index: dict[tuple[str, str], list[int]],
    check: Compatibility,
) -> list[int]:
    """Earlier clusters sharing a blocking key with a member of ``cluster`` (ascending), not
    ended before its first member's start."""
    first = pruning_start(cluster.members[0])
    found: set[int] = set()
    for key in {k for member in cluster.members for k in query_keys(member, check)}:
        bucket = index.get(key)
        if not bucket:
            continue
        if first is not None:  # clusters come in start order: one that ended takes no one
            bucket[:] = [c for c in bucket if not ended(clusters[c], first)]
        found.update(bucket)
    return sorted(found)


def _absorb(earlier: EventCluster, later: EventCluster) -> None:
    for member in later.members:
        add_member(earlier, member)
    for collection, wordings in later.collections.items():
        earlier.collections.setdefault(collection, set()).update(wordings)
