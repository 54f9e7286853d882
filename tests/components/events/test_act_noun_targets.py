"""A phrase's own act noun is never its target: "lodged a strong protest" is the protest, not
whom it was lodged against; "lodged a protest with Beijing" is aimed at Beijing (probes J, K:
two records named "a strong protest" as the party)."""

from __future__ import annotations

import pytest
from spacy.language import Language

from newsgraph.nlp import get_pipeline


@pytest.fixture(scope="module")
def full_nlp() -> Language:
    return get_pipeline()


def _targets(nlp: Language, text: str, kind: str) -> list[str | None]:
    return [
        e.target.span.text if e.target.span is not None else None
        for e in nlp(text)._.ng_events
        if e.type == kind
    ]


# Sentences written for these tests.
def test_a_lodged_protest_is_not_its_own_target(full_nlp: Language) -> None:
    text = "The Foreign Office in Islamabad lodged a strong protest on Friday."
    assert "a strong protest" not in _targets(full_nlp, text, "ACCUSE")


@pytest.mark.parametrize(
    ("text", "kind", "target"),
    [
        ("The ministry lodged a strong protest with Beijing on Friday.", "ACCUSE", "Beijing"),
        ("Gunmen opened fire on a police patrol near the market.", "ASSAULT", "a police patrol"),
    ],
)
def test_the_phrase_keeps_the_party_its_preposition_names(
    full_nlp: Language, text: str, kind: str, target: str
) -> None:
    assert target in _targets(full_nlp, text, kind)
