"""tools/event_place_misses.py: what became of a gold event's place, in the order documented."""

from __future__ import annotations

import pytest
from helpers import load_tool

GOLD = [(10, 15)]


@pytest.mark.parametrize(
    ("found", "gold", "mine", "named", "kind"),
    [
        (True, GOLD, [(12, 20)], [(12, 20)], "right"),  # any overlap is right
        (False, [], [], [(0, 4)], "right"),  # no place, none given
        (True, [], [(0, 4)], [(0, 4)], "a place where the gold has none"),
        (False, GOLD, [], [(10, 15)], "no event at the gold verb"),
        (True, GOLD, [(0, 4)], [(0, 4)], "gold place among no candidates"),
        (True, GOLD, [], [(0, 4), (10, 15)], "no place given, a candidate is gold"),
        (True, GOLD, [(0, 4)], [(0, 4), (10, 15)], "another candidate chosen"),
    ],
)
def test_outcome_of_a_gold_events_place(
    found: bool,
    gold: list[tuple[int, int]],
    mine: list[tuple[int, int]],
    named: list[tuple[int, int]],
    kind: str,
) -> None:
    assert load_tool("event_place_misses").outcome(found, gold, mine, named) == kind
