"""Killed counts on the shapes of probe M's misses (session 24, toll24): a list of victims the
parser hangs as two subjects of the verb, and person words of conflict reports."""

from __future__ import annotations

import pytest
from spacy.language import Language

from newsgraph.nlp import get_pipeline


@pytest.fixture(scope="module")
def full_nlp() -> Language:
    return get_pipeline()


def _killed(pipeline: Language, text: str) -> list[int | None]:
    return [
        (e.magnitude.get("killed") or {}).get("min")
        for e in pipeline(text)._.ng_events
        if e.type == "ASSAULT"
    ]


def test_a_list_parsed_as_two_subjects_is_summed(full_nlp: Language) -> None:
    text = (
        "Last month, five CRPF personnel and their driver were killed when rebels detonated a "
        "mine under their truck."
    )
    assert 6 in _killed(full_nlp, text)


@pytest.mark.parametrize(
    ("text", "killed"),
    [
        ("A peacekeeper from the Nepali battalion was killed in the ambush.", 1),
        ("Gunmen shot dead a villager near the market on Monday.", 1),
    ],
)
def test_person_words_of_conflict_reports_count_one(
    full_nlp: Language, text: str, killed: int
) -> None:
    assert killed in _killed(full_nlp, text)


def test_a_spanish_language_papers_dateline_is_no_subject(full_nlp: Language) -> None:
    """ "CULIACÁN, Sinaloa.- ": accented capitals and a period with a hyphen close a dateline,
    so the dead are the killing's subject, not the town."""
    from newsgraph.components.datelines.component import dateline_end

    text = "MAZATLÁN, Sinaloa.- At least six people were killed in two attacks on Sunday."
    assert text[dateline_end(text, 0) or 0 :].startswith("At least")
    assert dateline_end("The U.S.- Mexico talks resumed.", 0) is None
    assert 6 in _killed(full_nlp, text)
