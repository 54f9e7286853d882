"""Each side's words for the other in Myanmar, read as the canonical actors (issues 13 and 14).

Exile outlets call the military "the junta" or "the regime"; the state media call the armed
opposition "PDF terrorists" or "AA terrorists". A bare word resolves only where its outlet
binding holds: the same sentence from a wire service or an NGO leaves it unresolved. The
articles are written for these tests."""

from __future__ import annotations

from datetime import date

import pytest

from newsgraph.components.actors.kb import KnowledgeBase
from newsgraph.model import Article
from newsgraph.nlp import add_components, load_spacy_model

EXILE = (
    "Junta jets bombed a village school in Sagaing on Tuesday, residents said. The National "
    "Unity Government accused the military regime of targeting children. The junta's "
    "spokesman, Zaw Min Tun, denied that any school had been hit. The regime did not comment."
)
STATE = (
    "Security forces raided a camp of the PDF terrorist group near Shwebo, the True News "
    "Information Team said. The AA terrorists had fired shells at the hospital, it said."
)
BARE = "The junta denied the report. The regime said the terrorists had fled."


@pytest.fixture(scope="module")
def nlp():
    return add_components(load_spacy_model(), ("newsgraph_actors",))


def resolved(nlp, text: str, outlet: str | None) -> list[tuple[str, str | None, str]]:
    article = Article(id="t", text=text, outlet=outlet, published=date(2025, 9, 3))
    doc = nlp.make_doc(text)
    doc._.ng_article = article
    doc = nlp(doc)
    return [(m.text, m.actor_id, m.label) for m in doc._.ng_actor_mentions]


@pytest.mark.parametrize("outlet", ["The Irrawaddy", "Myanmar Now", "DVB", "Mizzima"])
def test_an_exile_outlets_words_for_the_military_are_the_myanmar_military(nlp, outlet):
    found = resolved(nlp, EXILE, outlet)
    side = {(t.lower(), a) for t, a, label in found if label == "SIDE"}
    assert {("junta", "tatmadaw"), ("the military regime", "tatmadaw")} <= side
    assert ("the junta", "tatmadaw") in side
    assert ("Zaw Min Tun", "zaw-min-tun", "KB") in found
    # the bare "regime" is not bound (docs/events.md, side22): a loaded term only
    assert ("the regime", "tatmadaw") not in side


def test_radio_free_asia_binds_only_the_junta_words(nlp):
    found = resolved(nlp, EXILE, "Radio Free Asia")
    assert ("Junta", "tatmadaw", "SIDE") in found
    # its Korean and Chinese services' "regime" is another state's
    assert not [t for t, a, label in found if "regime" in t.lower() and a == "tatmadaw"]


@pytest.mark.parametrize("outlet", ["Global New Light of Myanmar", "MRTV", "Reuters", None])
def test_the_same_words_from_an_unbound_outlet_stay_unresolved(nlp, outlet):
    found = resolved(nlp, BARE, outlet)
    assert not [a for t, a, _ in found if t.lower() in {"the junta", "the regime"} and a]
    assert not [t for t, a, label in resolved(nlp, EXILE, outlet) if label == "SIDE"]


def test_a_state_outlets_words_for_the_armed_opposition_name_the_group(nlp):
    found = resolved(nlp, STATE, "Global New Light of Myanmar")
    assert ("PDF terrorist group", "national-unity-government-myanmar", "SIDE") in found
    assert ("AA terrorists", "arakan-army", "SIDE") in found
    assert ("True News Information Team", "true-news-information-team", "KB") in found
    # a bare "the terrorists" names no one group
    assert not [a for t, a, _ in resolved(nlp, BARE, "Global New Light of Myanmar") if a]


def test_the_bindings_name_outlets_the_kb_knows():
    kb = KnowledgeBase.load()
    outlets = {
        outlet
        for actor in ("tatmadaw", "national-unity-government-myanmar", "arakan-army")
        for side in kb.get(actor).side_vocabulary
        for outlet in side.outlet
    }
    assert outlets and all(kb.get(o).type == "media" for o in outlets)
