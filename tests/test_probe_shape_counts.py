"""tools/probe_shape_counts.py: which sentence shapes of the session-13 probe a text holds,
counted with the rules' own tests (sentences written here)."""

from __future__ import annotations

from collections import Counter
from types import ModuleType

import pytest
from helpers import load_tool


@pytest.fixture(scope="module")
def tool() -> ModuleType:
    return load_tool("probe_shape_counts")


def test_each_shape_is_counted_where_it_occurs_and_nowhere_else(tool: ModuleType) -> None:
    texts = [
        ("a", "Two guards were killed and three others wounded in the raid."),
        ("a", "The Iran-backed militia shelled the base."),
        ("b", "A bomb planted by the rebels exploded at the market."),
        ("b", "The army denied that its soldiers had looted the shops."),
        ("b", "Government troops recaptured the airport on Monday."),
        ("b", "The missiles sent by the government hit the town."),  # a supplier: no user
        ("c", "The army said that soldiers had looted the shops."),
        ("c", "Five were killed and nine wounded when gunmen stormed the hotel."),
        ("c", "Air defences shot down a drone launched from Syria."),  # met, not used
        ("d", "A shepherd was killed when shells hit the field."),
        ("d", "A family was killed and a convoy was hit."),  # groups and things: no one person
        ("e", "The strike killed two soldiers and a nurse."),
        ("e", "The strike killed two soldiers and many civilians."),  # a vague count: no sum
        ("f", "Rebels shelled the port hours after drones killed four sailors."),
        ("f", "Rebels shelled the port, killing four sailors."),  # the same act: no clause
        ("f", "Rebels fled after killing four sailors."),  # no subject of its own
        ("g", "Two guards were beaten to death."),
        ("g", "A guard was shot dead."),
        ("g", "The judge sentenced two guards to death."),  # no attack
    ]
    found = Counter((shape, name) for shape, name, _ in tool.shape_cases(texts))
    assert found == Counter(
        {
            ("gapped passive conjunct", "a"): 1,
            ("backer compound", "a"): 1,
            ("weapon with its user", "b"): 1,
            ("weapon launched in its attack's clause", "b"): 1,
            ("denied clause", "b"): 1,
            ("retaking", "b"): 1,
            ("gapped passive conjunct", "c"): 1,
            ("clause after casualty conjuncts", "c"): 1,
            ("one person as a casualty's patient", "d"): 1,
            ("list of counted victims", "e"): 1,
            ("casualty clause after a sequence conjunction", "f"): 1,
            ("attack with a fatal result", "g"): 2,
        }
    )
