"""What an attack hits: a building or installation is the target of a violent act, where a
bomb exploded is what it hit, and "dynamited" is an attack (docs/events.md, "Struck
buildings")."""

from __future__ import annotations

import pytest
from spacy.language import Language

from newsgraph.components.events import party_filter
from newsgraph.components.events.component import extract_events
from newsgraph.components.events.lexicon import load_lexicon
from newsgraph.components.events.options import EventOptions
from newsgraph.nlp import load_spacy_model


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_spacy_model()


def _assault(nlp: Language, text: str):
    filtered = EventOptions(load_lexicon(), party_filter=True)
    [event] = [e for e in extract_events(nlp(text), options=filtered) if e.type == "ASSAULT"]
    return event


def test_an_attacked_installation_is_kept_as_the_target(nlp: Language) -> None:
    event = _assault(nlp, "The rebels attacked the power substation on Sunday.")
    assert event.target.span is not None and "substation" in event.target.span.text


def test_the_bombed_building_outranks_the_town_around_it(nlp: Language) -> None:
    event = _assault(nlp, "Terrorists bombed a drugstore in the port city.")
    assert event.target.span is not None and event.target.span.text.startswith("a drugstore")


def test_where_a_bomb_exploded_is_its_target(nlp: Language) -> None:
    event = _assault(nlp, "A bomb exploded outside the hotel on Friday.")
    assert event.target.span is not None and event.target.span.text == "the hotel"


def test_dynamited_is_an_attack_by_its_subject(nlp: Language) -> None:
    event = _assault(nlp, "Guerrillas dynamited the oil pipeline again.")
    assert event.source.span is not None and event.source.span.text == "Guerrillas"
    assert event.target.span is not None and "pipeline" in event.target.span.text


def test_a_structure_is_exempt_as_a_target_only(nlp: Language) -> None:
    doc = nlp("The station was hit.")
    station = doc[1]
    assert party_filter.struck_structure(station, "target")
    assert not party_filter.struck_structure(station, "source")


def test_placing_a_bomb_is_an_attack_on_where_it_was_placed(nlp: Language) -> None:
    event = _assault(nlp, "Unidentified men placed a bomb at the party offices.")
    assert event.mode == "explosives"
    assert event.source.span is not None and event.source.span.text == "Unidentified men"
    assert event.target.span is not None and event.target.span.text == "the party offices"


def test_a_store_shots_were_fired_at_is_no_target(nlp: Language) -> None:
    """The party filter still judges a building shot at: the shots hit the people inside."""
    event = _assault(nlp, "Two men fired into the office building.")
    assert event.mode == "firearms"
    assert event.target.span is None
