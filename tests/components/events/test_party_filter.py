"""The party filter: a weapon, munition, act or date is no source or target of an event."""

from __future__ import annotations

import pytest
from spacy.language import Language

from newsgraph.components.events import party_filter
from newsgraph.components.events.component import EventsComponent, extract_events
from newsgraph.components.events.lexicon import load_lexicon
from newsgraph.components.events.options import EventOptions
from newsgraph.nlp import load_spacy_model


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_spacy_model()


def _assaults(nlp: Language, text: str) -> list:
    events = extract_events(nlp(text), options=EventOptions(load_lexicon(), party_filter=True))
    return [e for e in events if e.type == "ASSAULT"]


def _party_texts(events: list) -> set[str]:
    return {ref.span.text for e in events for ref in (e.source, e.target) if ref.span}


def test_returned_fire_has_no_target_fire(nlp: Language) -> None:
    events = _assaults(nlp, "Police returned fire after the suspect opened fire on them.")
    assert not any(text.lower().endswith("fire") for text in _party_texts(events))


def test_a_gunman_shooting_two_officers_keeps_both_parties(nlp: Language) -> None:
    [event] = _assaults(nlp, "A gunman shot two officers outside the station on Tuesday.")
    assert "gunman" in event.source.span.text
    assert "officers" in event.target.span.text


def test_a_weapon_is_no_source(nlp: Language) -> None:
    events = _assaults(nlp, "Bullets struck the house on Maple Street late at night.")
    assert not any("Bullets" in (e.source.span.text if e.source.span else "") for e in events)


def test_a_munition_scores_under_an_actor(nlp: Language) -> None:
    model = party_filter.load_party_filter()
    assert model is not None
    doc = nlp("Troops fired rounds at the protesters.")
    troops, rounds = doc[0], doc[2]
    keep = model.probability(party_filter.features(troops, "source", set()))
    drop = model.probability(party_filter.features(rounds, "target", set()))
    assert keep > model.threshold > drop


def test_weights_are_json_with_fit_counts_per_listed_noun() -> None:
    data = party_filter.MODEL_PATH.read_text(encoding="utf-8")
    assert '"noun_support"' in data and '"threshold"' in data
    assert "fire" in party_filter.noun_classes()


def test_rounds_fired_are_no_target(nlp: Language) -> None:
    [event] = _assaults(nlp, "Officers fired at least 76 rounds at the car.")
    assert "Officers" in event.source.span.text
    assert event.target.span is None or "rounds" not in event.target.span.text


def test_the_factory_flag_switches_the_filter(nlp: Language) -> None:
    assert not EventsComponent().options.party_filter  # off by default (docs/events.md)
    assert EventsComponent(party_filter=True).options.party_filter
    text = "Police returned fire after the suspect opened fire on them."
    unfiltered = extract_events(nlp(text), options=EventOptions(load_lexicon()))
    filtered = extract_events(nlp(text), options=EventOptions(load_lexicon(), party_filter=True))
    assert len(_party_texts(filtered)) <= len(_party_texts(unfiltered))


@pytest.mark.parametrize(
    "text",
    ["One of the explosive devices hit a wall of the depot.", "Seven of the bombs hit the depot."],
)
def test_a_weapon_picked_by_a_number_is_no_source(nlp: Language, text: str) -> None:
    """ "one of the explosive devices": the filter judges "devices", the noun "one" picks from
    (``party_filter.partitive_whole``), not the number, which reads as a pronoun."""
    events = _assaults(nlp, text)
    assert events and all(e.source.span is None for e in events)


def test_people_picked_by_a_number_stay_the_source(nlp: Language) -> None:
    [event] = _assaults(nlp, "Two of the gunmen shot a guard outside the depot.")
    assert event.source.span is not None and "gunmen" in event.source.span.text
