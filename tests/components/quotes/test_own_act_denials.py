"""CAMEO 016 "deny responsibility" worded as the accused's negated act (session 14, deny14):
a report whose main clause is a harm or an involvement of the speaker's own side, negated, is a
denial; the affirmed form, a negated act of someone else and a negated act that is no harm stay
what they were. The sentences are written for these tests."""

from __future__ import annotations

import pytest
from spacy.language import Language

from .pipeline_statements import statements


@pytest.mark.parametrize(
    "text",
    [
        "The militia said it carried out no attack on the village.\n",
        "The rebel commander said his fighters were not involved in the ambush.\n",
        "The faction said its fighters played no role.\n",
        "The army said its troops did not shell the hospital.\n",
    ],
)
def test_the_speakers_own_negated_act_is_a_denial(nlp: Language, text: str) -> None:
    (statement,) = statements(nlp, text)
    assert statement.act == "denial"


@pytest.mark.parametrize(
    ("text", "act"),
    [
        # affirmed, the speaker's own act is a claim (CAMEO 015 when it claims responsibility)
        ("The militia said it carried out an attack on the village.\n", "claim"),
        # someone else's negated involvement denies nothing of the speaker's
        ("The minister said the union was not involved in the talks.\n", "claim"),
        # a negated act that is no harm or involvement
        ("The ministry said it did not expect an agreement this week.\n", "claim"),
    ],
)
def test_other_negated_reports_are_no_denial(nlp: Language, text: str, act: str) -> None:
    (statement,) = statements(nlp, text)
    assert statement.act == act


@pytest.mark.parametrize(
    "text",
    [
        # a future refusal, not a denial of a past act
        "The union said it will not end the strike before Friday.\n",
        # an ordinary verb's object carries no act of the speaker's
        "The farmer said he did not hear any gunfire.\n",
        # an assault sense that needs armed men as its subject
        "The singer said it never crossed her mind to quit.\n",
    ],
)
def test_refusals_and_perceptions_are_no_denial(nlp: Language, text: str) -> None:
    (statement,) = statements(nlp, text)
    assert statement.act != "denial"


@pytest.mark.parametrize(
    ("text", "act"),
    [
        # a negated harm of someone else is no accusation (session 21, within21): CAMEO 112
        # accuses of an act, not of its absence
        ("The farmers' union said the soldiers had not fired on the protesters.\n", "claim"),
        ("The farmers' union said the soldiers fired on the protesters.\n", "accusation"),
    ],
)
def test_a_negated_harm_blames_no_one(nlp: Language, text: str, act: str) -> None:
    (statement,) = statements(nlp, text)
    assert statement.act == act
