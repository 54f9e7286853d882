"""Session 14: which CAMEO root a request is (02 appeal, verbal cooperation, or 10 demand,
verbal conflict), as the CAMEO-coded fit parts code it. Sentences are written for these tests."""

from __future__ import annotations

import pytest
from spacy.language import Language

from newsgraph.components.events.component import extract_events
from newsgraph.nlp import load_spacy_model


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_spacy_model()


def _requests(nlp: Language, text: str) -> list[tuple[str | None, str | None, str | None]]:
    return [(e.mode, e.cameo, e.quad) for e in extract_events(nlp(text)) if e.type == "REQUEST"]


def test_seeking_refuge_or_asylum_is_coded_as_a_demand(nlp: Language) -> None:
    # ConfliBERT's fit part codes it verbal conflict (class 3) every time; PLOVER: REQUEST
    for text in (
        "Thousands of villagers sought refuge in the neighbouring country.",
        "Two pilots have sought asylum in Sweden.",
        "Hundreds of families crossed the river seeking refuge in the town.",
    ):
        assert _requests(nlp, text) == [("asylum", "10", "verbal_conflict")], text


def test_seeking_help_stays_an_appeal(nlp: Language) -> None:
    # an appeal for aid is CAMEO 023, verbal cooperation
    assert _requests(nlp, "The agency is seeking funds for the flood victims.") == [
        ("appeal", "02", "verbal_cooperation")
    ]


def _calls(nlp: Language, text: str) -> list[tuple[str, str | None, str | None, str | None]]:
    return [
        (
            e.type,
            e.mode,
            e.source.span.text if e.source.span else None,
            e.target.span.text if e.target.span else None,
        )
        for e in extract_events(nlp(text))
    ]


def test_a_statement_calling_on_someone_is_the_issuers_appeal(nlp: Language) -> None:
    # the act asked for is part of the appeal (as "urged X to release"), not an intent of X's
    text = "The Northland Front issued a statement calling on the government to free the hostages."
    assert _calls(nlp, text) == [("REQUEST", "appeal", "The Northland Front", "the government")]


def test_a_statement_calling_for_a_conflict_act_is_a_demand(nlp: Language) -> None:
    # CAMEO 10 (cameo_statements.yaml, hostile_appeal), also when the act is folded into it
    assert _calls(
        nlp, "The union issued a statement calling on its members to join the strike."
    ) == [("REQUEST", "demand", "The union", "its members")]


def test_a_date_after_calling_is_no_addressee(nlp: Language) -> None:
    assert _calls(nlp, "The league issued a statement calling on Friday for calm.") == []
