"""A follow-up that names its incident only by a toll ("the bombing, which killed 19"), with
no date and no place, is dated by a week before its publication, not two days: funerals and
tolls run for days after the attack. The events retelling it ("the wounded") go with it. A
follow-up whose toll is another incident's stays apart."""

from __future__ import annotations

from newsgraph.link import link_records
from newsgraph.pipeline import annotate_text

FIRST = (
    "A suicide bombing at a tea shop in Beledweyne on Monday evening killed 19 people, police "
    "said. The bomber detonated his explosives among customers watching a football match."
)
FOLLOW_UP = (
    "Families buried the victims of the tea shop bombing, which killed 19 people, a clan elder "
    "said. Many of the wounded were still in hospital."
)
OTHER = (
    "Relatives mourned the victims of the bus bombing, which killed 52 people, a clan elder said."
)


def _clusters(records: list[dict]) -> list[set[str]]:
    return [{m.article_id for m in c.members} for c in link_records(records).clusters]


def test_an_undated_placeless_follow_up_with_the_toll_joins_the_attack() -> None:
    records = [
        annotate_text(FIRST, published="2025-11-04", outlet="Shabelle Post", title="a"),
        annotate_text(FOLLOW_UP, published="2025-11-07", outlet="Horn Wire", title="b"),
        annotate_text(OTHER, published="2025-11-07", outlet="Coast Radio", title="c"),
    ]
    first, follow_up, other = (r["article"]["id"] for r in records)
    clusters = _clusters(records)
    assert any({first, follow_up} <= c for c in clusters)
    assert not any(other in c and (first in c or follow_up in c) for c in clusters)
    # every event of the follow-up is with the attack (the bare "wounded" retells it)
    together = next(
        c for c in link_records(records).clusters if first in {m.article_id for m in c.members}
    )
    mine = {m.event_id for m in together.members if m.article_id == follow_up}
    events = [e["id"] for e in records[1]["events"] if not e.get("negated")]
    assert mine == set(events)


def test_two_days_after_publication_still_bounds_an_undated_event_without_a_toll() -> None:
    records = [
        annotate_text(FIRST, published="2025-11-04", outlet="Shabelle Post", title="a"),
        annotate_text(
            "Families buried the victims of the tea shop bombing, a clan elder said.",
            published="2025-11-07",
            outlet="Horn Wire",
            title="b",
        ),
    ]
    first, follow_up = (r["article"]["id"] for r in records)
    assert not any({first, follow_up} <= c for c in _clusters(records))
