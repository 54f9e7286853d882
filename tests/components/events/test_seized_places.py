"""Where a person was seized is not whom (session 27, muc4E): a kidnapping's "in <town>"
adjunct gives way to the person taken, as an attack's does (``targets.SEIZING_MODES``); a
place the places component found (lower-cased wire text, "in sao paulo") counts as named. A
restriction keeps its place as the target. The sentences are written for these tests."""

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
        ("The businessman was kidnapped in Sao Paulo.", "COERCE", "The businessman"),
        ("the mayor was kidnapped in sao paulo.", "COERCE", "the mayor"),
        (
            "the engineer was kidnapped last week in sao paulo by a group of armed men.",
            "COERCE",
            "the engineer",
        ),
        ("Police imposed a curfew in Srinagar.", "COERCE", "Srinagar"),
    ],
)
def test_where_a_person_was_seized_is_not_whom(nlp, text, event_type, target):
    assert first_target_text(nlp, text, event_type) == target
