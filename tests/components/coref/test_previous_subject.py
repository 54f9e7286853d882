"""A pronoun that opens its sentence stands for the last subject of its number in the sentence
before, even one no actor names, rather than the actor named last (session 23, "party23")."""

from __future__ import annotations

import pytest
from spacy.language import Language

from newsgraph.nlp import get_pipeline


@pytest.fixture(scope="module")
def full_nlp() -> Language:
    return get_pipeline()


@pytest.mark.parametrize(
    ("text", "kind", "pronoun"),
    [
        # the gunmen, not the outlet told
        (
            'Masked gunmen stormed the village on Friday, a farmer told Reuters. "They killed '
            'my two brothers," he said.',
            "ASSAULT",
            "They",
        ),
        # the letter, not the last state named
        (
            "The letter was signed by officials from Brazil and Japan. It calls on the army to "
            "free the prisoners.",
            "REQUEST",
            "It",
        ),
    ],
)
def test_a_pronoun_takes_no_actor_named_after_an_unknown_subject(
    full_nlp: Language, text: str, kind: str, pronoun: str
) -> None:
    events = [e for e in full_nlp(text)._.ng_events if e.type == kind]
    [event] = [e for e in events if e.source.span is not None and e.source.span.text == pronoun]
    assert event.source.actor is None


def test_a_known_subject_before_keeps_its_reading(full_nlp: Language) -> None:
    text = "Hezbollah fired rockets at the border town. It said the strike answered an attack."
    events = [e for e in full_nlp(text)._.ng_events if e.source.span is not None]
    assert any(e.source.actor == "hezbollah" for e in events)
