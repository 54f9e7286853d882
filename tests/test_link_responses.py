"""A defence ("repelled an attack by M23 rebels"; CAMEO REPULSE [190]) is part of the attack it
fended off: clustering compares it with its roles swapped and puts it with the attack its
article names, never with its defenders' other acts. A retaliation (CAMEO 190) is an attack on
the attacker it answers, no report of its doers' other acts (docs/link.md, session 24:
defence24)."""

from __future__ import annotations

from datetime import date

from newsgraph.link import link_records
from newsgraph.link.events import EventItem, cluster_events
from newsgraph.link.incident_profiles import linked_items
from newsgraph.link.responses import response_kind
from newsgraph.pipeline import annotate_text

# a two-article story told by the two sides, and the army's own operation that day
RESIDENTS = (
    "M23 rebels attacked an army base in Rubaya, North Kivu, on Friday night, killing four "
    "soldiers, residents said."
)
ARMY = (
    "Congolese troops on Friday night repelled an attack by M23 rebels on their base in "
    "Rubaya, the army said."
)
OPERATION = "Congolese troops killed six M23 rebels on Friday, the army said."
EXCHANGE = (
    "Ties have been strained since India struck militant camps in Pakistan, and Pakistan "
    "retaliated with drone attacks."
)
PAKISTANI_OPERATION = "Pakistani troops killed five militants in Kalat district, the army said."


def _records(*texts: tuple[str, str, str]) -> list[dict]:
    return [annotate_text(t, published=day, outlet=outlet, title=outlet)
            for t, day, outlet in texts]  # fmt: skip


def _cluster_of(records: list[dict], outlet: str, word: str) -> set[str]:
    """The outlets of the cluster holding ``outlet``'s event whose evidence has ``word``."""
    article = next(r["article"]["id"] for r in records if r["article"]["outlet"] == outlet)
    event = next(e["id"] for r in records if r["article"]["id"] == article
                 for e in r["events"] if word in {s["text"] for s in e["evidence"]})  # fmt: skip
    for cluster in link_records(records).clusters:
        if (article, event) in {m.key for m in cluster.members}:
            return {m.outlet for m in cluster.members}
    raise AssertionError("no cluster")


def test_response_verbs() -> None:
    assert response_kind("repell") == "defence"  # "repelled" as records' evidence stems it
    assert response_kind("repulsed") == "defence"
    assert response_kind("retaliated") == "retaliation"
    assert response_kind("attacked") is None


def test_a_defence_joins_the_attack_it_fended_off() -> None:
    records = _records(
        (RESIDENTS, "2025-03-08", "Residents"),
        (OPERATION, "2025-03-08", "Operation"),
        (ARMY, "2025-03-08", "Army"),
    )
    assert _cluster_of(records, "Army", "repelled") == {"Army", "Residents"}


def test_a_retaliation_is_no_report_of_its_doers_other_acts() -> None:
    records = _records(
        (PAKISTANI_OPERATION, "2025-09-17", "APP"),
        (EXCHANGE, "2025-09-18", "Hindu"),
    )
    assert _cluster_of(records, "Hindu", "retaliated") == {"Hindu"}


def test_a_defence_naming_no_attacker_answers_the_attack_told_before_it() -> None:
    record = annotate_text(
        "Russian troops launched 30 assaults on Ukrainian positions near Kupiansk on Monday, the "
        "General Staff said. Ukrainian defenders repelled the attacks.",
        published="2025-04-15",
    )
    attack, defence = linked_items(record)
    assert defence.response == "defence"
    # the incident as clustering reads it: the attackers are the source, the defenders the target
    assert (defence.source, defence.target) == (attack.source, attack.target)
    assert defence.exchange == attack.exchange == attack.event_id


def test_an_attack_visited_after_its_defence_joins_the_defence() -> None:
    # the defence is dated (Wednesday night), the attack only by publication: visited later
    day = date(2025, 11, 5)
    defence = EventItem("a", "e1", 0, "ASSAULT", published=date(2025, 11, 7),
                        source="iswap", interval=(day, day), response="defence",
                        exchange="e2")  # fmt: skip
    attack = EventItem("a", "e2", 1, "ASSAULT", published=date(2025, 11, 7), exchange="e2")
    other = EventItem("b", "e1", 0, "ASSAULT", published=date(2025, 11, 7))
    clusters = cluster_events([defence, attack, other])
    assert {m.key for m in clusters[0].members} == {defence.key, attack.key}
