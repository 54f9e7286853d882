"""Who did what to whom in conflict-news sentence shapes found by the session-13 probe (articles
written for the purpose; docs/events.md, "Session 13 probe"). Each rule has fit support."""

from __future__ import annotations

import pytest
from spacy.language import Language

from newsgraph.model import Event
from newsgraph.nlp import get_pipeline


@pytest.fixture(scope="module")
def full_nlp() -> Language:
    return get_pipeline()


def _events(pipeline: Language, text: str, kind: str = "ASSAULT") -> list[Event]:
    events = [e for e in pipeline(text)._.ng_events if e.type == kind]
    assert events, text
    return events


def _text(ref) -> str | None:  # type: ignore[no-untyped-def]
    return ref.span.text if ref is not None and ref.span is not None else None


@pytest.mark.parametrize(
    "text",
    [
        "Four villagers were killed and nine others wounded when the militia shelled the market.",
        "One guard was killed and another injured in the ambush.",
        "Two medics were killed and three others wounded near the border.",
    ],
)
def test_the_subject_of_a_gapped_passive_conjunct_is_a_victim_not_the_doer(
    full_nlp: Language, text: str
) -> None:
    """ "X were killed and Y others wounded": the conjunct shares the passive, so its subject
    was wounded; it never becomes the source."""
    for event in _events(full_nlp, text):
        source = _text(event.source) or ""
        assert "other" not in source and "another" not in source, (text, source)
