"""Fewer wrong parties on unseen news (session 25, partyO): a combatant noun ("insurgents",
"attackers", "bandits") is a party when the rules choose a target. The sentences are written
for these tests."""

from __future__ import annotations

import pytest

from newsgraph.nlp import get_pipeline


@pytest.fixture(scope="module")
def nlp():
    """The full newsgraph pipeline."""
    return get_pipeline()


def _target(nlp, text: str, event_type: str) -> str | None:
    events = [e for e in nlp(text)._.ng_events if e.type == event_type]
    assert events, text
    target = events[0].target
    return target.span.text if target is not None and target.span is not None else None


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
    assert _target(nlp, text, event_type) == target
