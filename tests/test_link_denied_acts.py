"""The act a denial denies ("The military denied bombing a market in Shwebo") is a report of
an incident that happened, its doer disputed: it joins the incident's reports, not as support
for an account, and its doer is no evidence. A negated act told in no denial ("did not strike")
and a denied act that names only its doer ("denied targeting civilians") stay apart; two
incidents of one town and day stay two (docs/link.md, session 23: cluster23)."""

from __future__ import annotations

from newsgraph.link import link_records
from newsgraph.pipeline import annotate_text

STRIKE = (
    "An air strike hit the central market of Shwebo on Tuesday morning, killing 18 people, "
    "rescue workers said."
)
EVENING = " In the evening, a second raid hit a monastery school in Shwebo, killing seven monks."
BY_THE_MILITARY = (
    "Myanmar's military bombed the central market of Shwebo on Tuesday morning, killing 18 "
    "people, rescue workers said."
)
DENIAL = "Myanmar's military on Wednesday denied bombing a market in Shwebo."
NOT_DONE = "A military spokesman said on Wednesday that the air force did not bomb Shwebo."
GENERIC = "Myanmar's military on Wednesday denied targeting civilians."


def _records(second: str, first: str = STRIKE) -> list[dict]:
    return [
        annotate_text(first, published="2025-08-12", outlet="Irrawaddy", title="a"),
        annotate_text(second, published="2025-08-13", outlet="Global Wire", title="b"),
    ]


def _with(records: list[dict], article: str) -> list:
    return [c for c in link_records(records).clusters
            if article in {m.article_id for m in c.members}]  # fmt: skip


def test_a_denied_act_joins_the_incident_it_denies() -> None:
    records = _records(DENIAL)
    first, denial = (r["article"]["id"] for r in records)
    joined = [c for c in _with(records, denial) if first in {m.article_id for m in c.members}]
    assert len(joined) == 1
    cluster = joined[0]
    assert cluster.killed == [18]
    # a denial is no outlet's account: support is the strike's report alone, and it is disputed
    assert cluster.support()["asserted_outlets"] + cluster.support()["attributed_outlets"] == 1
    assert cluster.disagreement()["disputed"]


def test_two_incidents_of_one_town_and_day_stay_apart_beside_a_denial() -> None:
    records = _records(DENIAL, STRIKE + EVENING)
    first = records[0]["article"]["id"]
    tolls = [set(c.killed) for c in _with(records, first) if c.killed]
    assert {18} in tolls and {7} in tolls


def test_a_negated_act_told_in_no_denial_stays_out() -> None:
    records = _records(NOT_DONE)
    first, other = (r["article"]["id"] for r in records)
    assert not any(first in {m.article_id for m in c.members} for c in _with(records, other))


def test_a_denied_act_that_names_only_its_doer_joins_nothing() -> None:
    # the strike names the military as its doer: the denier's own name is no evidence
    records = _records(GENERIC, BY_THE_MILITARY)
    first, other = (r["article"]["id"] for r in records)
    assert not any(first in {m.article_id for m in c.members} for c in _with(records, other))
