"""The learned trigger detector (trigger_model.py): its features, its hook in the sentence
detector (only tokens the lexicon left alone), and the shipped weights. Sentences are written
for these tests."""

from __future__ import annotations

import numpy as np
import pytest
from spacy.language import Language

from newsgraph.components.events.component import EventsComponent, extract_events
from newsgraph.components.events.lexicon import load_lexicon, wordnet_entry_types
from newsgraph.components.events.options import EventOptions
from newsgraph.components.events.trigger_model import (
    NONE,
    TriggerModel,
    is_candidate,
    load_trigger_model,
    token_features,
)
from newsgraph.nlp import get_pipeline


@pytest.fixture(scope="module")
def nlp() -> Language:
    return get_pipeline()


def _model(weights: dict[str, float], threshold: float = 0.6) -> TriggerModel:
    """ASSAULT against NONE: each named feature pushes ASSAULT by its weight."""
    names = sorted(weights)
    matrix = np.zeros((len(names), 2))
    matrix[:, 1] = [weights[n] for n in names]
    return TriggerModel(
        {n: i for i, n in enumerate(names)},
        [NONE, "ASSAULT"],
        matrix,
        np.array([0.0, -3.0]),
        {"ASSAULT": threshold},
    )


def test_features_name_the_parse_and_the_lexicon(nlp: Language) -> None:
    doc = nlp("Gunmen carried out the slaughter of villagers with rifles.")
    token = next(t for t in doc if t.lemma_ == "slaughter")
    assert is_candidate(token)
    names = set(token_features(token, load_lexicon(), set()))
    assert {"lemma=slaughter", "pos=NOUN", "prep=of"} <= names
    assert "near_class=arms" in names or "near_class=people" in names


def test_a_learned_nominal_trigger_becomes_an_event_with_its_parties(nlp: Language) -> None:
    doc = nlp("The pillage of the villages by the militia shocked the region.")
    assert not any(e.type == "ASSAULT" for e in doc._.ng_events)  # the lexicon lacks the word
    events = extract_events(
        doc, options=EventOptions(triggers=_model({"lemma=pillage": 6.0, "prep=of": 1.0}))
    )
    assault = next(e for e in events if e.type == "ASSAULT")
    assert doc.text[assault.evidence[0].start : assault.evidence[0].end] == "pillage"


def test_tokens_the_lexicon_used_are_left_to_the_lexicon(nlp: Language) -> None:
    doc = nlp("Rebels attacked an army base near the border.")
    before = [(e.type, e.evidence[0].start) for e in doc._.ng_events]
    # a model that would call every verb an assault changes nothing the lexicon already found
    after = extract_events(doc, options=EventOptions(triggers=_model({"pos=VERB": 9.0})))
    assert [(e.type, e.evidence[0].start) for e in after] == before


def test_below_its_threshold_the_model_proposes_nothing(nlp: Language) -> None:
    doc = nlp("The pillage of the villages by the militia shocked the region.")
    events = extract_events(
        doc, options=EventOptions(triggers=_model({"lemma=slaughter": 3.5}, threshold=0.9))
    )
    assert not any(e.type == "ASSAULT" for e in events)


def test_the_flag_turns_the_detector_on() -> None:
    assert EventsComponent().options.triggers is None
    assert EventsComponent(trigger_model=True).options.triggers is load_trigger_model()


def _assault_triggers(nlp: Language, text: str) -> list[str]:
    doc = nlp(text)
    events = extract_events(doc, options=EventOptions(triggers=load_trigger_model()))
    return [text[e.evidence[0].start : e.evidence[0].end] for e in events if e.type == "ASSAULT"]


def test_the_shipped_model_finds_a_nominal_attack_the_lexicon_lacks(nlp: Language) -> None:
    text = "The detonation of a car bomb by militants killed six soldiers."
    assert "detonation" in _assault_triggers(nlp, text)


def test_the_shipped_model_leaves_a_peaceful_use_of_the_same_word(nlp: Language) -> None:
    text = "The controlled detonation of old shells by engineers went as planned."
    assert _assault_triggers(nlp, text) == []


def test_the_shipped_model_reads_the_verb_by_its_context(nlp: Language) -> None:
    assert _assault_triggers(nlp, "The gunmen annihilated the army patrol near the border.") == [
        "annihilated"
    ]
    assert _assault_triggers(nlp, "The committee will annihilate the budget proposal.") == []


def test_a_word_only_the_wordnet_entries_list_is_named_as_such(nlp: Language) -> None:
    # "butcher" is generated from the codebook's "slaughter"; "attack" is a hand entry
    doc = nlp("Soldiers butchered the prisoners after the attack.")
    lex = load_lexicon()
    butcher = next(t for t in doc if t.lower_ == "butchered")
    attack = next(t for t in doc if t.lower_ == "attack")
    assert {"wn_verb=ASSAULT", "wn_verb=ASSAULT|pos=VERB", "wn_verb_relation=synonym"} <= set(
        token_features(butcher, lex, set())
    )
    assert not [n for n in token_features(attack, lex, set()) if n.startswith("wn_")]


def test_wordnet_entry_types_leave_out_what_the_hand_file_lists() -> None:
    entries = wordnet_entry_types()
    assert entries["verbs"]["butcher"][0] == "ASSAULT"
    hand = load_lexicon()
    assert not set(entries["verbs"]) & set(hand.verbs)
    assert not set(entries["nouns"]) & set(hand.nouns)


def _bare_model(weight: float, threshold: float = 0.6) -> TriggerModel:
    """A model that keeps a bare ASSAULT nominal when ``bare_nominal`` weighs enough."""
    model = _model({"bare_nominal": weight}, threshold=0.99)
    model.thresholds = {}  # proposes nothing at free tokens
    model.bare_thresholds = {"ASSAULT": threshold}
    return model


BARE_TEXT = "The reporters confirmed the slaughter."


def _assaults(events, text: str) -> list[str]:
    return [text[e.evidence[0].start : e.evidence[0].end] for e in events if e.type == "ASSAULT"]


def test_a_bare_nominal_is_dropped_without_the_model(nlp: Language) -> None:
    assert _assaults(nlp(BARE_TEXT)._.ng_events, BARE_TEXT) == []


def test_the_model_keeps_a_bare_nominal_it_scores_high(nlp: Language) -> None:
    doc = nlp(BARE_TEXT)
    assert _assaults(
        extract_events(doc, options=EventOptions(triggers=_bare_model(6.0))), BARE_TEXT
    ) == ["slaughter"]
    assert (
        _assaults(extract_events(doc, options=EventOptions(triggers=_bare_model(1.0))), BARE_TEXT)
        == []
    )


def test_a_compound_modifier_stays_dropped_whatever_the_score(nlp: Language) -> None:
    text = "Officials published the slaughter statistics."
    doc = nlp(text)
    anchor = next(t for t in doc if t.lower_ == "slaughter")
    assert anchor.dep_ == "compound"
    assert not _bare_model(9.0).keeps_bare(anchor, "ASSAULT", load_lexicon(), set())
