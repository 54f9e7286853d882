"""A speaker the actor component leaves unresolved but the speaker phrase introduces as
"<organisation> <title> <Name>" ("M23 spokesman Lawrence Kanyuka") speaks for the organisation
when the act is read: the organisation's own negated act is its denial, its own act a claim
(session 21, within21). The sentences are written for these tests."""

from __future__ import annotations

import pytest
from spacy.language import Language

from .pipeline_statements import statements


@pytest.mark.parametrize(
    "text",
    [
        "Hamas spokesman Karim Nassar said Hamas fighters had not fired the rockets at the town.\n",
        "M23 spokesman Pierre Mutombo said the M23 rebels had not shelled the camp near Goma.\n",
    ],
)
def test_a_titled_spokesmans_negated_act_of_the_organisation_is_a_denial(
    nlp: Language, text: str
) -> None:
    (statement,) = statements(nlp, text)
    assert statement.speaker.actor is not None
    assert statement.speaker.actor.startswith("unresolved:")  # the record is unchanged
    assert statement.act == "denial"


def test_a_titled_spokesmans_report_of_the_organisations_act_is_a_claim(nlp: Language) -> None:
    text = "Hamas spokesman Karim Nassar said Hamas fighters fired the rockets at the army post.\n"
    (statement,) = statements(nlp, text)
    assert statement.act == "claim"
