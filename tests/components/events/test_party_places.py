"""Fewer wrong parties on unseen news (session 25, partyO): a combatant noun ("insurgents",
"attackers", "bandits") is a party when the rules choose a target. The sentences are written
for these tests."""

from __future__ import annotations

import pytest
from helpers import first_target_text

from newsgraph.nlp import get_pipeline


@pytest.fixture(scope="module")
def nlp():
    """The full newsgraph pipeline."""
    return get_pipeline()


@pytest.mark.parametrize(
    ("text", "event_type", "target"),
    [
        (
            "Government aircraft struck the fleeing insurgents on the eastern side of the river.",
            "ASSAULT",
            "the fleeing insurgents",
        ),
        (
            "Troops fired on the bandits on the Nigerian side of the border.",
            "ASSAULT",
            "the bandits",
        ),
    ],
)
def test_a_combatant_noun_is_a_party(nlp, text, event_type, target) -> None:
    assert first_target_text(nlp, text, event_type) == target
