"""Which earlier statement a denial disputes (session-13 probe C): a denial of a denial, and a
rejection of a named speaker's report ("rejected the minister's claim")."""

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


GOVERNOR = "The governor said rebels shelled the market on Monday. "


@pytest.mark.parametrize(
    ("rejection", "disputed"),
    [
        ("The rebels rejected the governor's claim.", "s1"),
        # no report noun points back
        ("The rebels denied shelling any market.", None),
        # "Ankara's claim" is no statement of the article
        ("The rebels denied Ankara's claim that they had crossed the border.", None),
    ],
)
def test_a_denial_disputes_only_the_report_it_names(
    nlp: Language, rejection: str, disputed: str | None
) -> None:
    found = statements(nlp, GOVERNOR + rejection + "\n")
    assert found[-1].act == "denial"
    assert found[-1].disputes == disputed


def test_a_named_owners_report_is_only_one_that_owner_made(nlp: Language) -> None:
    text = (
        "Ankara said rebels shelled the market on Monday. The governor said the road was "
        "closed. The rebels denied Ankara's claim.\n"
    )
    ankara, governor, denial = statements(nlp, text)
    assert denial.disputes == ankara.id != governor.id


@pytest.mark.parametrize(
    ("text", "disputed"),
    [
        # the owner is a common noun read as a known actor: only its own statement is the one
        # rejected, not the toll told by the health ministry just before (session 20)
        (
            "The Israeli military said it struck Hamas militants in the camp. The death toll "
            "rose to 15, Gaza's health ministry said. UNRWA chief Philippe Lazzarini rejected "
            "the Israeli military's account.\n",
            "s1",
        ),
        (
            "The death toll rose to 15, Gaza's health ministry said. UNRWA chief Philippe "
            "Lazzarini rejected the Israeli military's account.\n",
            None,
        ),
    ],
)
def test_a_common_noun_owner_read_as_an_actor_names_whose_report_is_rejected(
    nlp: Language, text: str, disputed: str | None
) -> None:
    found = statements(nlp, text)
    assert found[-1].act == "denial"
    assert found[-1].disputes == disputed


def test_a_denial_in_a_relative_clause_on_a_report_noun_disputes_that_report(
    nlp: Language,
) -> None:
    # "an account that ... dismissed as lies": the content read is "as lies", yet the cue
    # hangs on "an account", the claim told just before in the sentence (session 20)
    text = (
        "Kyiv says the plant made spare parts for tractors. Russia says it assembled military "
        "drones, an account that Ukraine's Foreign Ministry dismissed as lies.\n"
    )
    found = statements(nlp, text)
    assert found[-1].act == "denial"
    assert found[-1].disputes == found[-2].id


# A back-reference takes a statement of the denial's own paragraph before one further up that
# names the denier (session 25, probe O: "in western Ethiopia" named the government, whose
# "rejected such accusations" then disputed the residents' report instead of the rights groups'
# accusation right before it). Fit: of 28 such denials (examples/, the seed, pn40, 200 PolNeAR
# train articles, 72 FNC-1 fit bodies) 2 change, both to the right statement.
@pytest.mark.parametrize(
    ("earlier", "denial", "disputed"),
    [
        (
            "Residents said gunmen killed nine people in a village in central Mali.",
            "Rights groups have accused government forces and the rebels of abuses. "
            "The government of Mali has rejected such accusations.",
            "s2",
        ),
        (
            "The governor said invaders shelled the city of Nikopol, damaging a school.",
            "The Russian Defence Ministry claimed that its troops had captured the village. "
            "Ukraine's army denied it.",
            "s2",
        ),
    ],
)
def test_a_back_reference_takes_a_statement_of_its_own_paragraph(
    nlp: Language, earlier: str, denial: str, disputed: str
) -> None:
    found = statements(nlp, f"{earlier}\n{denial}\n")
    assert found[-1].act == "denial"
    assert found[-1].disputes == disputed


def test_a_back_reference_looks_further_up_when_its_paragraph_holds_none(
    nlp: Language,
) -> None:
    text = (
        "Rights groups have accused government forces of abuses against civilians in Mali.\n"
        "The government of Mali has rejected such accusations.\n"
    )
    found = statements(nlp, text)
    assert (found[-1].act, found[-1].disputes) == ("denial", "s1")
