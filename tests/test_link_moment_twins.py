"""The casualties of a sentence and the act of its "when" clause, two records since events24
("Seven novice monks were killed when a military aircraft bombed a monastery school"), are one
incident: clustering ties them (``link/moment_twins.py``; docs/link.md, session 24: link24)."""

from __future__ import annotations

from newsgraph.link import link_records
from newsgraph.link.moment_twins import twins
from newsgraph.pipeline import annotate_text

MONASTERY = (
    "Seven novice monks were killed when a military aircraft bombed a monastery school in "
    "Shwebo on Tuesday night, the abbot said."
)
PLAIN = (
    "A military aircraft bombed a monastery school in Shwebo on Tuesday night, killing seven "
    "novice monks, residents said."
)
MARKET = (
    "Myanmar's military on Wednesday denied bombing a market in Shwebo, where rescue workers "
    "said an air strike had killed 21 people."
)


def _records(*texts: tuple[str, str]) -> list[dict]:
    return [annotate_text(t, published="2025-08-13", outlet=o, title=o) for t, o in texts]


def _cluster_of(records: list[dict], outlet: str, word: str) -> set[tuple[str, str]]:
    """(outlet, first evidence word) of each member of the cluster holding ``outlet``'s event
    whose evidence has ``word``."""
    words = {(r["article"]["id"], e["id"]): (r["article"]["outlet"], e["evidence"][0]["text"])
             for r in records for e in r["events"]}  # fmt: skip
    for cluster in link_records(records).clusters:
        found = {words[m.key] for m in cluster.members}
        if any(o == outlet and w == word for o, w in found):
            return found
    raise AssertionError("no cluster")


def test_the_casualties_and_the_act_of_their_when_clause_are_twins() -> None:
    (record,) = _records((MONASTERY, "Mizzima"))
    killed, bombed = (e["id"] for e in record["events"] if e["type"] == "ASSAULT")
    assert twins(record) == {killed: killed, bombed: killed}
    (plain,) = _records((PLAIN, "Residents"))
    bombed, killing = (e["id"] for e in plain["events"] if e["type"] == "ASSAULT")
    assert twins(plain) == {killing: killing, bombed: killing}  # the participle (fold25)
    (one,) = _records(("A military aircraft bombed a monastery school in Shwebo.", "Wire"))
    assert twins(one) == {}


def test_one_sentence_casualties_and_act_stay_one_incident_beside_another_in_the_town() -> None:
    records = _records((MARKET, "Wire"), (MONASTERY, "Mizzima"), (PLAIN, "Residents"))
    monastery = _cluster_of(records, "Mizzima", "killed")
    assert ("Mizzima", "bombed") in monastery  # the act of the "when" clause, with its dead
    assert ("Residents", "bombed") in monastery  # the same act told plainly
    assert ("Residents", "killing") in monastery  # and its participle's killing (fold25)
    assert not any(o == "Wire" for o, _ in monastery)  # not the market strike that killed 21
