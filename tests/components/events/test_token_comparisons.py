"""spaCy builds a new ``Token`` at each access, so the events compare tokens by index
(``newsgraph.components.tokens``): a phrase's own object ("opened *fire* on X") comes after
the target its sense names, and a nationality compounded onto a trigger is an argument
candidate (docs/events.md, "Token identity")."""

from __future__ import annotations

import pytest
from spacy.language import Language

from newsgraph.components.events import arguments
from newsgraph.components.events.component import extract_events
from newsgraph.components.events.lexicon import load_lexicon
from newsgraph.components.events.mention import Mention
from newsgraph.components.events.options import EventOptions
from newsgraph.components.events.targets import verb_target_candidates
from newsgraph.components.tokens import has_head, same_token
from newsgraph.nlp import load_spacy_model


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_spacy_model()


def _assault_target(nlp: Language, text: str) -> str | None:
    options = EventOptions(load_lexicon(), party_filter=True)
    [event] = [e for e in extract_events(nlp(text), options=options) if e.type == "ASSAULT"]
    return event.target.span.text if event.target.span is not None else None


def test_the_same_word_read_twice_is_the_same_token_but_not_the_same_object(nlp) -> None:
    doc = nlp("Police opened fire on the crowd.")
    assert doc[2] is not doc[2]  # why identity cannot be used
    assert same_token(doc[2], doc[2])
    assert not same_token(doc[2], doc[5])
    assert not same_token(doc[2], None) and not same_token(None, None)


def test_only_the_root_has_no_head(nlp: Language) -> None:
    doc = nlp("Police opened fire on the crowd.")
    root = next(t for t in doc if t.dep_ == "ROOT")
    assert not has_head(root)
    assert all(has_head(t) for t in doc if t.i != root.i)


def test_opening_fire_on_a_crowd_targets_the_crowd(nlp: Language) -> None:
    assert _assault_target(nlp, "Police opened fire on the crowd.") == "the crowd"


def test_opening_fire_at_a_bus_targets_the_bus(nlp: Language) -> None:
    assert _assault_target(nlp, "Gunmen opened fire at a bus near the market.") == "a bus"


def test_a_phrase_object_that_names_the_act_is_no_target_candidate(nlp: Language) -> None:
    """ "opened fire on the crowd": the crowd; "fire" is the act itself (session 22)."""
    lex = load_lexicon()
    doc = nlp("Police opened fire on the crowd.")
    [phrase] = [p for p in lex.phrases["open"] if "fire" in p.objects]
    listed = [t.text for t, _tier in verb_target_candidates(doc[1], phrase.sense, doc[2], lex)]
    assert "crowd" in listed and "fire" not in listed


def test_a_phrase_object_stays_the_target_where_nothing_else_is_named(nlp: Language) -> None:
    options = EventOptions(load_lexicon(), party_filter=True)
    [event] = extract_events(nlp("The country accepted 300 refugees."), options=options)
    assert event.target.span is not None and event.target.span.text == "300 refugees"


def test_a_nationality_compounded_onto_the_trigger_is_an_argument_candidate(nlp) -> None:
    doc = nlp("Israeli strikes hit the camp.")
    sent = next(doc.sents)
    mention = Mention(doc[1], [doc[1]], "ASSAULT", None, load_lexicon().nouns["strike"])
    assert "Israeli" in [t.text for t in arguments.candidates(sent, mention, None)]
