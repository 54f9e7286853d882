"""Organs of one state are one side in a dispute (session 17, dispute17): the Defence
Ministry's denial answers Kyiv's accusation against the armed forces, siblings under the
state, not parent and child. A legislature, an armed group or a person hung directly under
the state is no organ. The records are written for these tests."""

from __future__ import annotations

from typing import Any

import pytest
from test_link import event, record, ref, statement

from newsgraph.link import link_records
from newsgraph.link.compatibility import Compatibility
from newsgraph.link.event_items import with_knowledge_base_chains
from newsgraph.link.sides import one_side, organ_state

ACCUSATION = "Russian forces shelled the hospital in Kharkiv"
DENIAL = "that its troops had shelled any hospital"
PARENTS = {
    "russian-armed-forces": "russia",
    "russian-ministry-of-defence": "russian-government",
    "maria-zakharova": "russian-foreign-ministry",
    "state-duma": "russia",
    "ramzan-kadyrov": "russia",
}


def check() -> Compatibility:
    return Compatibility(with_knowledge_base_chains(dict(PARENTS)))


@pytest.mark.parametrize(
    ("actor", "state"),
    [
        ("russian-ministry-of-defence", "russia"),
        ("russian-armed-forces", "russia"),
        ("maria-zakharova", "russia"),  # a person through the ministry she speaks for
        ("russia", None),  # the state itself is no organ of itself
        ("state-duma", None),  # a legislature
        ("ramzan-kadyrov", None),  # a person affiliated to the state directly
        ("unresolved:klymenko", None),
    ],
)
def test_an_organ_of_a_state_is_read_through_its_chain(actor: str, state: str | None) -> None:
    assert organ_state(actor, check()) == state


def test_sibling_organs_are_one_side_and_a_legislature_is_not() -> None:
    sides = check()
    assert one_side("russian-ministry-of-defence", "russian-armed-forces", sides)
    assert one_side("maria-zakharova", "russian-ministry-of-defence", sides)
    assert not one_side("state-duma", "russian-armed-forces", sides)
    assert not one_side("russian-ministry-of-defence", "armed-forces-of-ukraine", sides)


def actors(*ids: str) -> list[dict[str, Any]]:
    return [{"id": i, "name": i, "type": None, "affiliation": PARENTS.get(i), "country": None,
             "mentions": []} for i in ids]  # fmt: skip


def story(denier: str) -> list[dict[str, Any]]:
    """Kyiv accuses the Russian armed forces; a day later ``denier`` denies."""
    t1 = f"Ukraine said {ACCUSATION}."
    accusing = record("a1", "Outlet A", "2024-07-28", t1,
                      statements=[statement(t1, "s1", "ukraine", "said", ACCUSATION,
                                            "accusation")],
                      events=[event(t1, "e1", "shelled",
                                    source=ref(t1, "russian-armed-forces", "Russian forces"),
                                    attributed_to="s1")])  # fmt: skip
    accusing["actors"] = actors("ukraine", "russian-armed-forces")
    t2 = f"The spokesman denied {DENIAL}."
    denial = statement(t2, "s1", denier, "denied", DENIAL, "denial")
    denying = record("a2", "Outlet B", "2024-07-29", t2, statements=[denial])
    denying["actors"] = actors(denier)
    return [accusing, denying]


@pytest.mark.parametrize(
    ("denier", "expected"),
    [
        ("russian-ministry-of-defence", [("a2", "s1", "a1", "s1")]),
        ("maria-zakharova", [("a2", "s1", "a1", "s1")]),
        ("state-duma", []),
        ("ramzan-kadyrov", []),
    ],
)
def test_an_organ_of_the_accused_state_denying_disputes_the_accusation(
    denier: str, expected: list[tuple[str, str, str, str]]
) -> None:
    links = link_records(story(denier)).links
    found = [(x.article_id, x.from_id, x.to_article_id, x.to_id) for x in links
             if x.relation == "disputes"]  # fmt: skip
    assert found == expected
