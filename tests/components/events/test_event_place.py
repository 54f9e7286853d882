"""Which place of the sentence is the event's place (``events/place_choice.py``)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace

import numpy as np
import pytest
from spacy.language import Language

from newsgraph.components.events.place_choice import (
    FEATURE_NAMES,
    BoostedTrees,
    PlaceModel,
    Roles,
    candidate_features,
    load_place_model,
    sentence_candidates,
)
from newsgraph.nlp import get_pipeline


@pytest.fixture(scope="module")
def full_nlp() -> Language:
    return get_pipeline()


def _event_places(pipeline: Language, text: str) -> list[str | None]:
    doc = pipeline(text)
    names = {p.id: p.name for p in doc._.ng_places}
    return [names.get(e.place or "") for e in doc._.ng_events]


@pytest.mark.parametrize(
    ("text", "place"),
    [
        # where the attackers come from is not where the raid happened
        ("Troops from Chad raided a camp near Maiduguri on Monday.", "Maiduguri"),
        ("Gunmen from Kenya attacked a village in Somalia on Monday.", "Somalia"),
        # the place of whoever reports it is not the arrests' place
        ("Police arrested 12 protesters in Nairobi, the government in London said.", "Nairobi"),
    ],
)
def test_event_place_is_where_it_happened(full_nlp: Language, text: str, place: str) -> None:
    assert _event_places(full_nlp, text)[0] == place


@pytest.mark.parametrize(
    ("text", "place"),
    [
        # the province's district is where it happened, though the parser heads the
        # province's name with its first word ("Jammu")
        (
            "Gunmen attacked a police post in Jammu and Kashmir's Kupwara district on Friday.",
            "Kupwara",
        ),
        (
            "Militants killed four soldiers in Jammu and Kashmir's Poonch district on Monday.",
            "Pūnch",
        ),
        # no place in what the province owns: the province stays
        (
            "Militants killed four soldiers in Jammu and Kashmir's border areas on Monday.",
            "Kashmir",
        ),
    ],
)
def test_of_a_provinces_place_the_owned_place_is_the_events(
    full_nlp: Language, text: str, place: str
) -> None:
    assert _event_places(full_nlp, text)[0] == place


def test_a_town_set_off_before_its_wider_area_is_the_events(full_nlp: Language) -> None:
    # "the town of X, in Y's Z department": the chooser may take the department for an act
    # told further on; the town the comma sets it against is narrower
    text = (
        "Armed gangs stormed the town of Hinche, in Haiti's Centre department, on Monday, "
        "setting fire to homes and the police station and freeing inmates from the prison, "
        "residents said."
    )
    assert set(_event_places(full_nlp, text)[:2]) == {"Hinche"}


def test_a_journeys_origin_is_not_where_the_meeting_happened(full_nlp: Language) -> None:
    # the chooser retrained on local places (threshold 0.325) leaves this meeting unplaced
    # rather than guess; it must never put it at the origin
    text = "The minister flew from Berlin to Kyiv, where she met President Zelensky."
    assert _event_places(full_nlp, text)[0] in ("Kyiv", None)


def test_shipped_model_matches_the_features() -> None:
    model = load_place_model()
    assert model is not None and model.weights.shape == (len(FEATURE_NAMES),)
    assert model.trees is not None and model.trees.depth >= 1


def _stump_on(column: int) -> BoostedTrees:
    """One split: rows whose ``column`` is above 0.5 score +2, the others -2."""
    return BoostedTrees(
        baseline=0.0,
        start=np.array([0]),
        feature=np.array([column, 0, 0]),
        threshold=np.array([0.5, 0.0, 0.0]),
        left=np.array([1, 0, 0]),
        right=np.array([2, 0, 0]),
        is_leaf=np.array([0, 1, 1], dtype=bool),
        value=np.array([0.0, -2.0, 2.0]),
        depth=1,
    )


def test_boosted_trees_choose_the_candidate_their_split_favours() -> None:
    column = FEATURE_NAMES.index("prep=in")
    model = PlaceModel(np.zeros(len(FEATURE_NAMES), dtype=np.float32), 0.0, 0.5, _stump_on(column))
    features = np.zeros((3, len(FEATURE_NAMES)), dtype=np.float32)
    features[2, column] = 1
    assert model.choose_index(features) == 2
    assert np.allclose(model.probabilities(features)[:2], 1 / (1 + np.exp(2.0)))
    assert model.choose_index(features[:2]) is None  # no row reaches the +2 leaf


def test_features_mark_the_preposition_and_the_source(nlp: Language) -> None:
    doc = nlp("Troops from Chad raided a camp near Maiduguri.")
    trigger = doc[3]
    candidates = [(12, 16, "chad"), (36, 45, "maiduguri")]
    rows = candidate_features(doc, trigger, candidates, {}, Roles(source=None))
    column = {name: n for n, name in enumerate(FEATURE_NAMES)}
    assert rows[0, column["prep=from"]] == 1 and rows[1, column["prep=near"]] == 1
    assert rows[0, column["before trigger"]] == 1 and rows[1, column["in trigger subtree"]] == 1


def test_no_candidate_is_likely_enough_below_the_threshold() -> None:
    model = PlaceModel(np.zeros(len(FEATURE_NAMES), dtype=np.float32), -3.0, 0.5)
    features = np.zeros((1, len(FEATURE_NAMES)), dtype=np.float32)
    assert model.choose_index(features) is None
    assert PlaceModel(model.weights, 3.0, 0.5).choose_index(features) == 0


@pytest.mark.parametrize(
    ("text", "name", "named"),
    [
        ("Shells hit Khanasir town on Monday.", "Khanasir", True),
        ("Troops raided the village of Jdeideh near Jenin.", "Jdeideh", True),
        ("Troops raided the Balata refugee camp.", "Balata", True),
        ("Troops raided a house near Jenin.", "Jenin", False),
    ],
)
def test_settlement_noun_feature(nlp: Language, text: str, name: str, named: bool) -> None:
    doc = nlp(text)
    start = text.index(name)
    trigger = next(t for t in doc if t.pos_ == "VERB")
    features = candidate_features(
        doc, trigger, [(start, start + len(name), "newsgraph:local:xx:x")], {}, Roles()
    )
    column = FEATURE_NAMES.index("named by a settlement noun")
    assert features[0, column] == float(named)
    assert features[0, FEATURE_NAMES.index("local place")] == 1.0


@pytest.mark.parametrize(
    ("text", "verb", "kept", "dropped"),
    [
        # the place of what the march is for is no candidate of the march
        (
            "Hundreds of students marched through Lagos on Friday to protest against the new "
            "visa rules of Ghana.",
            "marched",
            "Lagos",
            "Ghana",
        ),
        # the trigger inside the to-clause keeps its places
        (
            "Farmers gathered in Nairobi to block the road to Mombasa.",
            "block",
            "Mombasa",
            None,
        ),
    ],
)
def test_places_of_a_purpose_clause_are_no_candidates(
    full_nlp: Language, text: str, verb: str, kept: str, dropped: str | None
) -> None:
    doc = full_nlp(text)
    trigger = next(t for t in doc if t.text == verb)
    names = [
        doc.text[s:e] for s, e, _ in sentence_candidates(doc, trigger, doc._.ng_place_mentions)
    ]
    assert kept in names
    if dropped is not None:
        assert dropped in [doc.text[s:e] for s, e, _ in doc._.ng_place_mentions]
        assert dropped not in names


def test_purpose_clause_places_stay_when_no_other_place_is_named(full_nlp: Language) -> None:
    doc = full_nlp("Thousands marched on Sunday to protest against the war in Yemen.")
    trigger = next(t for t in doc if t.text == "marched")
    names = [
        doc.text[s:e] for s, e, _ in sentence_candidates(doc, trigger, doc._.ng_place_mentions)
    ]
    assert names == ["Yemen"]


@pytest.mark.parametrize(
    ("text", "verb", "names"),
    [
        # where the account comes from is not where the attack happened
        (
            "Rebels attacked a convoy near Goma on Monday, according to a spokesman in Kinshasa.",
            "attacked",
            ["Goma"],
        ),
        # ... even when it is the sentence's only place
        (
            "Three guards were shot dead overnight, according to officials in Nairobi.",
            "shot",
            [],
        ),
    ],
)
def test_places_of_an_according_to_phrase_are_no_candidates(
    full_nlp: Language, text: str, verb: str, names: list[str]
) -> None:
    doc = full_nlp(text)
    trigger = next(t for t in doc if t.text == verb)
    found = [
        doc.text[s:e] for s, e, _ in sentence_candidates(doc, trigger, doc._.ng_place_mentions)
    ]
    assert found == names
    assert len(doc._.ng_place_mentions) == len(names) + 1


def _places_and_marks(pipeline: Language, text: str) -> list[tuple[str, str | None, bool]]:
    doc = pipeline(text)
    names = {p.id: p.name for p in doc._.ng_places}
    return [(e.type, names.get(e.place or ""), e.place_inferred) for e in doc._.ng_events]


@contextmanager
def _events_options(pipeline: Language, **changes: bool) -> Iterator[Language]:
    """The pipeline with its events component's options changed, restored after."""
    events = pipeline.get_pipe("newsgraph_events")
    shipped = events.options
    events.options = replace(shipped, **changes)
    try:
        yield pipeline
    finally:
        events.options = shipped


@pytest.fixture
def dateline_nlp(full_nlp: Language) -> Iterator[Language]:
    """The shared pipeline with ``dateline_place`` on (off by default)."""
    with _events_options(full_nlp, dateline_place=True) as pipeline:
        yield pipeline


def test_an_unplaced_incident_takes_the_datelines_city_marked_as_inferred(
    dateline_nlp: Language,
) -> None:
    text = "DENVER — A man was shot twice late on Tuesday. He died at a hospital."
    assert ("ASSAULT", "Denver", True) in _places_and_marks(dateline_nlp, text)


def test_by_default_no_place_is_inferred_from_the_dateline(full_nlp: Language) -> None:
    text = "DENVER — A man was shot twice late on Tuesday. He died at a hospital."
    assert all(not inferred for _, _, inferred in _places_and_marks(full_nlp, text))


def test_a_sentence_with_its_own_place_keeps_it(dateline_nlp: Language) -> None:
    text = "DENVER — A man was shot twice in Boulder late on Tuesday."
    assert _places_and_marks(dateline_nlp, text)[0] == ("ASSAULT", "Boulder", False)


def test_without_a_dateline_nothing_is_inferred(dateline_nlp: Language) -> None:
    text = "A man was shot twice late on Tuesday. He died at a hospital."
    assert all(place is None for _, place, _ in _places_and_marks(dateline_nlp, text))


def test_an_event_that_did_not_happen_gets_no_inferred_place(dateline_nlp: Language) -> None:
    text = "DENVER — Police did not shoot the man, witnesses said on Tuesday."
    assert all(not inferred for _, _, inferred in _places_and_marks(dateline_nlp, text))


@pytest.fixture
def incident_nlp(full_nlp: Language) -> Iterator[Language]:
    """The shared pipeline with ``incident_place`` on (as shipped; set here so the tests hold
    under any config)."""
    with _events_options(full_nlp, incident_place=True) as pipeline:
        yield pipeline


LEAD = "Gunmen attacked a police station in Kirkuk on Monday. "


def test_a_follow_up_act_takes_the_lead_incidents_place_marked_inferred(
    incident_nlp: Language,
) -> None:
    marks = _places_and_marks(incident_nlp, LEAD + "Two officers were shot dead.")
    assert ("ASSAULT", "Kirkuk", False) in marks
    assert ("ASSAULT", "Kirkuk", True) in marks


def test_by_default_a_follow_up_act_takes_the_lead_incidents_place(full_nlp: Language) -> None:
    marks = _places_and_marks(full_nlp, LEAD + "Two officers were shot dead.")
    assert ("ASSAULT", "Kirkuk", True) in marks


def test_with_incident_place_off_a_follow_up_act_stays_unplaced(full_nlp: Language) -> None:
    with _events_options(full_nlp, incident_place=False) as pipeline:
        marks = _places_and_marks(pipeline, LEAD + "Two officers were shot dead.")
    assert ("ASSAULT", "Kirkuk", False) in marks
    assert not any(inferred for _, _, inferred in marks)


def test_a_follow_up_three_sentences_on_stays_unplaced(incident_nlp: Language) -> None:
    text = LEAD + "The station was closed. Officials met. Residents waited. Two officers were shot."
    assert [m for m in _places_and_marks(incident_nlp, text) if m[2]] == []


TOLD_ON = (
    "Gunmen attacked a police station in Kirkuk on Monday. The station was closed. "
    "Two officers were shot dead. Residents waited. "
    "The gunmen set fire to three cars outside the building."
)


def test_an_incident_told_on_over_several_sentences_keeps_its_place(full_nlp: Language) -> None:
    with _events_options(full_nlp, incident_place=True, incident_chain=True) as pipeline:
        inferred = [m for m in _places_and_marks(pipeline, TOLD_ON) if m[2]]
    # shot dead (two sentences after the lead), and set fire (two after that, four after it)
    assert inferred == [("ASSAULT", "Kirkuk", True)] * 2


def test_without_the_chain_a_follow_up_four_sentences_on_stays_unplaced(
    full_nlp: Language,
) -> None:
    with _events_options(full_nlp, incident_place=True, incident_chain=False) as pipeline:
        inferred = [m for m in _places_and_marks(pipeline, TOLD_ON) if m[2]]
    assert inferred == [("ASSAULT", "Kirkuk", True)]


def test_a_follow_up_after_another_place_stays_unplaced(incident_nlp: Language) -> None:
    text = LEAD + "Officials met in Baghdad to discuss security. Two officers were shot dead."
    assert [m for m in _places_and_marks(incident_nlp, text) if m[2]] == []


def test_a_follow_up_that_did_not_happen_stays_unplaced(incident_nlp: Language) -> None:
    text = LEAD + "The gunmen did not kill anyone."
    assert [m for m in _places_and_marks(incident_nlp, text) if m[2]] == []


def test_a_second_incidents_follow_up_takes_that_incidents_place(incident_nlp: Language) -> None:
    text = (
        LEAD
        + "Two officers were shot dead. The police closed the road. "
        + "Later, militants ambushed an army convoy near Tikrit. Three soldiers were killed."
    )
    marks = _places_and_marks(incident_nlp, text)
    assert ("ASSAULT", "Tikrit", True) in marks
    assert ("ASSAULT", "Kirkuk", True) in marks


def test_a_follow_up_of_an_act_placed_only_in_a_country_stays_unplaced(
    incident_nlp: Language,
) -> None:
    text = "Israeli aircraft struck targets in Lebanon on Monday. Two fighters were killed."
    marks = _places_and_marks(incident_nlp, text)
    assert ("ASSAULT", "Lebanon", False) in marks
    assert not any(inferred for _, _, inferred in marks)
