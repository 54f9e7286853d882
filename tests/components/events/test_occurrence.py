"""A nominal trigger with no party is an event when its sentence says that it happened
(``events/occurrence.py``), once per occurrence (``merge.merge_repeats``)."""

from __future__ import annotations

from pathlib import Path

import pytest
from spacy.language import Language

from newsgraph.components.events.component import extract_events
from newsgraph.components.events.lexicon import load_lexicon
from newsgraph.components.events.options import EventOptions
from newsgraph.nlp import load_spacy_model


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_spacy_model()


def _types(nlp: Language, text: str) -> list[str]:
    return [e.type for e in extract_events(nlp(text))]


def test_clashes_that_broke_out_are_an_event(nlp: Language) -> None:
    events = extract_events(nlp("Clashes broke out outside a polling station on Tuesday."))
    assert [e.type for e in events] == ["ASSAULT"]
    assert events[0].source.span is None and events[0].target.span is None


def test_a_placed_nominal_is_an_event_but_a_compound_is_not(nlp: Language) -> None:
    assert "PROTEST" in _types(nlp, "Eleven people died in protests across Venezuela on Monday.")
    assert "ASSAULT" not in _types(nlp, "The senator ran an attack ad in Ohio on Monday.")


def test_a_purpose_an_irrealis_or_a_partyless_meeting_is_no_event(nlp: Language) -> None:
    assert "PROTEST" not in _types(nlp, "The unions prepared for protests in Lagos.")
    assert "CONSULT" not in _types(nlp, "The first meeting took place in Doha on Monday.")
    assert "ASSAULT" not in _types(nlp, "Small skirmishes could trigger a wider war.")


def test_a_bare_repeat_of_an_earlier_event_is_no_second_event(nlp: Language) -> None:
    text = (
        "Russian missiles struck the town of Dobropillia on Friday. "
        "The strike continued for hours in the town centre."
    )
    assert _types(nlp, text) == ["ASSAULT"]
    assert _types(nlp, "The strike continued for hours in the town centre.") == ["ASSAULT"]


def test_verbs_of_happening_come_from_the_lexicon_file(nlp: Language, tmp_path: Path) -> None:
    text = "Heavy clashes persisted through the night."
    assert "ASSAULT" not in _types(nlp, text)
    extra = tmp_path / "happening.yaml"
    extra.write_text("happening_verbs: [persist]\n", encoding="utf-8")
    lexicon = load_lexicon((str(extra),))
    assert ("persist",) in lexicon.happening_verbs and ("take", "place") in lexicon.happening_verbs
    events = extract_events(nlp(text), options=EventOptions(lexicon))
    assert [e.type for e in events] == ["ASSAULT"]
