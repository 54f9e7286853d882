"""Generic parties ("Security forces", "troops", "the army") take the one state their context
names (``generic_parties.py``), and stay unresolved when the context names two or none."""

from __future__ import annotations

import pytest

import newsgraph
from newsgraph.nlp import add_components, load_spacy_model


@pytest.fixture(scope="module")
def nlp():
    return add_components(load_spacy_model(), ("newsgraph_actors",))


def context_mentions(nlp, text: str) -> list[tuple[str, str | None]]:
    return [(m.text, m.actor_id) for m in nlp(text)._.ng_actor_mentions if m.label == "CONTEXT"]


def test_a_dateline_state_gives_security_forces_their_military(nlp):
    text = "MOGADISHU, Somalia — Security forces arrested four men near the port on Friday."
    assert context_mentions(nlp, text) == [("Security forces", "somali-national-army")]


def test_a_state_without_a_military_in_the_kb_is_the_party(nlp):
    text = "NAIROBI, Kenya — Security forces arrested four men near the border on Friday."
    assert context_mentions(nlp, text) == [("Security forces", "kenya")]


def test_soldiers_take_the_state_of_their_own_place_phrase(nlp):
    text = "Ugandan officials said soldiers in Nairobi had detained a driver."
    assert context_mentions(nlp, text) == [("soldiers", "kenya")]


def test_police_stay_unresolved(nlp):
    # local news: a town's police, and the state the text names is often not theirs
    assert context_mentions(nlp, "Chad closed a crossing. Police detained a driver.") == []


def test_an_of_phrase_of_the_verb_does_not_block_the_party(nlp):
    text = "Chad's opposition accused the army of torturing prisoners."
    assert context_mentions(nlp, text) == [("army", "chad")]


def test_a_person_serving_a_state_names_it(nlp):
    text = "President Obama said troops would reach Chad next month."
    assert context_mentions(nlp, text) == []


def test_the_only_state_named_so_far_gives_troops_their_state(nlp):
    text = "Chad closed a crossing on Monday. Later, troops fired shots at smugglers near it."
    assert context_mentions(nlp, text) == [("troops", "chad")]


def test_two_states_in_context_leave_the_party_unresolved(nlp):
    text = "Kenyan and Ugandan ministers met on Monday. Soldiers later blocked the road."
    assert context_mentions(nlp, text) == []


def test_no_state_before_the_party_leaves_it_unresolved(nlp):
    text = "Soldiers arrested a man after the robbery. Chad's government said he was armed."
    assert context_mentions(nlp, text) == []


def test_an_adjective_conjunct_is_no_party(nlp):
    text = "Chad has political, military and economic ties with its neighbours."
    assert context_mentions(nlp, text) == []


@pytest.mark.parametrize(
    "phrase",
    [
        "Rebel forces",
        "UN troops",
        "Its soldiers",
        "Peacekeeping troops",
        "Army officers",
        "Troops of the 5th brigade",
    ],
)
def test_a_party_someone_else_owns_is_not_the_states(nlp, phrase):
    text = f"Chad closed its border. {phrase} opened fire on a convoy near the crossing."
    assert context_mentions(nlp, text) == []


def test_an_event_party_from_context_is_marked_inferred():
    record = newsgraph.annotate(
        "ACCRA, Ghana — Soldiers shot two protesters on Tuesday.", published="2024-05-07"
    )
    source = record["events"][0]["source"]
    assert source["actor"] == "ghana" and source["actor_inferred"] is True
    assert "ghana" in {actor["id"] for actor in record["actors"]}


def test_a_named_party_is_not_marked_inferred():
    record = newsgraph.annotate("Ghanaian soldiers shot two protesters.", published="2024-05-07")
    assert "actor_inferred" not in record["events"][0]["source"]
