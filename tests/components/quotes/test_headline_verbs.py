"""A title-case headline "Source Verbs Claim" is an attribution with the verb as its cue, as a
"Source: claim" headline is with the colon. Headlines written for these tests."""

from __future__ import annotations

import pytest
from spacy.language import Language

from newsgraph.components.quotes.layout import layout_attributions
from newsgraph.components.quotes.lexicon import load_knowledge

from .pipeline_statements import statements

_BODY = "\n\nLAGOS — The senator spoke to reporters on Monday."


def _headline_statement(
    nlp: Language, headline: str, cue: str
) -> tuple[str | None, str, str] | None:
    """(speaker, content, act) of the statement whose cue is ``cue`` in the headline."""
    for s in statements(nlp, headline + _BODY):
        if s.cue is not None and s.cue.text == cue and s.cue.end <= len(headline):
            speaker = s.speaker.span.text if s.speaker.span else None
            return speaker, " | ".join(c.text for c in s.content), s.act
    return None


def test_a_title_case_verb_is_the_cue_between_source_and_claim(nlp: Language) -> None:
    found = _headline_statement(nlp, "Senator Okafor Urges Calm After Flood Deaths.", "Urges")
    assert found is not None
    speaker, content, act = found
    assert (speaker, act) == ("Senator Okafor", "demand")
    assert content.startswith("Calm After Flood Deaths")


def test_the_source_starts_after_a_comma_clause(nlp: Language) -> None:
    headline = "Railing Against Rivals, Governor Adeyemi Vows To Cut Fuel Taxes."
    found = _headline_statement(nlp, headline, "Vows")
    assert found is not None and found[0] == "Governor Adeyemi"


@pytest.mark.parametrize(
    "headline",
    [
        "Farmers Worried About Rising Fertilizer Costs And Health Issues.",  # a final noun
        "Court Rules Against Claims By Fishing Firms",  # a function word before "Claims"
        "Senator Okafor on Flood Relief Plans",  # nothing follows "Plans"
    ],
)
def test_a_plural_noun_is_no_headline_cue(nlp: Language, headline: str) -> None:
    doc = nlp.make_doc(headline)
    found = layout_attributions(doc, headline + _BODY, load_knowledge())
    assert not [a for a in found if a.lemma in ("issue", "claim", "plan")]


def test_a_colon_headline_keeps_its_colon_cue(nlp: Language) -> None:
    headline = "Okafor: Flood Relief Will Reach Every Town"
    found = layout_attributions(nlp(headline + _BODY), headline + _BODY, load_knowledge())
    assert [(a.cue, a.lemma) for a in found][:1] == [((6, 7), None)]
