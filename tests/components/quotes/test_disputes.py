"""Which earlier statement a denial disputes, and who vouches for a report (session-13 probe
C): a denial of a denial, a rejected "<name>'s claim", a closing "according to"."""

from __future__ import annotations

import pytest
from spacy.language import Language

from .pipeline_statements import statements


@pytest.mark.parametrize(
    "rejection",
    [
        "The union rejected the minister's denial.",
        "The union dismissed the denial as a lie.",
    ],
)
def test_a_denial_of_a_denial_disputes_the_denial(nlp: Language, rejection: str) -> None:
    # the minister's own claim comes after the denial, so the latest disputable statement
    # is the claim: only the denial noun points back to the denial
    text = (
        "The union said police beat strikers in Lagos. The labour minister denied the "
        f"accusation and said officers had acted lawfully. {rejection}\n"
    )
    found = statements(nlp, text)
    accusation, denial = found[0], found[1]
    rejected = found[-1]
    assert (denial.act, denial.disputes) == ("denial", accusation.id)
    assert rejected.act == "denial"
    assert rejected.disputes == denial.id


def test_rejecting_a_named_speakers_claim_disputes_that_claim(nlp: Language) -> None:
    text = (
        "The governor said rebels shelled the market on Monday. The rebels rejected the "
        "governor's claim.\n"
    )
    claim, denial = statements(nlp, text)
    assert denial.act == "denial"
    assert denial.disputes == claim.id


def test_a_denial_naming_no_report_disputes_nothing(nlp: Language) -> None:
    text = (
        "The governor said rebels shelled the market on Monday. The rebels denied shelling "
        "any market.\n"
    )
    found = statements(nlp, text)
    assert found[-1].act == "denial"
    assert found[-1].disputes is None


def test_a_named_owners_report_is_only_one_that_owner_made(nlp: Language) -> None:
    # "Ankara's claim" is no statement of the article: the governor's report is not disputed
    text = (
        "The governor said rebels shelled the market on Monday. The rebels denied Ankara's "
        "claim that they had crossed the border.\n"
    )
    found = statements(nlp, text)
    assert found[-1].act == "denial"
    assert found[-1].disputes is None
    text = (
        "Ankara said rebels shelled the market on Monday. The governor said the road was "
        "closed. The rebels denied Ankara's claim.\n"
    )
    ankara, governor, denial = statements(nlp, text)
    assert denial.disputes == ankara.id != governor.id


@pytest.mark.parametrize(
    ("text", "cue", "report", "source", "content"),
    [
        (
            "The minister said the border would stay closed, according to state media.\n",
            "said",
            "The minister said the border would stay closed",
            "state media",
            "the border would stay closed",
        ),
        (
            "Residents demanded that the army stay on the border, according to the council.\n",
            "demanded",
            "Residents demanded that the army stay on the border",
            "the council",
            "that the army stay on the border",
        ),
    ],
)
def test_a_closing_according_to_vouches_for_the_report_it_closes(
    nlp: Language, text: str, cue: str, report: str, source: str, content: str
) -> None:
    # the parse hangs "according to" inside the content: the content still ends before it
    by_cue = {s.cue.text: s for s in statements(nlp, text) if s.cue is not None}
    assert set(by_cue) == {cue, "according to"}
    assert [c.text for c in by_cue[cue].content] == [content]
    according = by_cue["according to"]
    assert according.speaker.span is not None and according.speaker.span.text == source
    assert [c.text for c in according.content] == [report]


def test_according_to_inside_a_quote_stays_the_quoted_speakers(nlp: Language) -> None:
    text = 'The mayor said "the bridge is unsafe, according to the engineers."\n'
    found = statements(nlp, text)
    assert [s.cue.text for s in found if s.cue is not None] == ["said"]
