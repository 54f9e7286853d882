"""The armed groups and state bodies of the 2023-2025 conflicts (session 25, issue 13): each
resolves under its canonical name, and a side's label for it ("Shene" for the Oromo Liberation
Army in Ethiopian state media, "Communist Terrorist Group" for the NPA) resolves to the same
actor as a loaded (SIDE) mention and is flagged by the framing layer; it never becomes the
canonical name. The sentences are written for these tests."""

from __future__ import annotations

from datetime import date

import pytest
from spacy.language import Language

from newsgraph.components.actors.kb import KnowledgeBase
from newsgraph.components.framing.component import FramingComponent, load_lexicon
from newsgraph.model import Article
from newsgraph.nlp import add_components, load_spacy_model

NEUTRAL = (
    "The Oromo Liberation Army said its fighters had clashed with federal troops near Dembi "
    "Dolo. The Oromia regional government said the OLA had attacked a bus. In Uganda, the "
    "Uganda People's Defence Force said it had killed ten fighters of the Allied Democratic "
    "Forces. The Polisario Front said it had shelled a Moroccan army post."
)
STATE_MEDIA = (
    "Security forces killed 20 members of the Shene terrorist group in West Wollega, the "
    "regional police said. OLA-Shene fighters had looted a clinic, it said."
)
LABELS = (
    "The army said the Communist Terrorist Group had burned a school in Negros. The Polisario "
    "militias fired rockets at Mahbes, the agency said. Pakistan's military said 12 members of "
    "Fitna al-Khawarij were killed. Police said the KKB had shot a teacher in Intan Jaya."
)


@pytest.fixture(scope="module")
def nlp():
    return add_components(load_spacy_model(), ("newsgraph_actors",))


def mentions(nlp, text: str, outlet: str | None = None) -> list[tuple[str, str | None, str]]:
    article = Article(id="t", text=text, outlet=outlet, published=date(2025, 9, 3))
    doc = nlp.make_doc(text)
    doc._.ng_article = article
    doc = nlp(doc)
    return [(m.text, m.actor_id, m.label) for m in doc._.ng_actor_mentions]


def test_new_groups_resolve_under_their_canonical_names(nlp):
    found = mentions(nlp, NEUTRAL, "Reuters")
    assert ("Oromo Liberation Army", "oromo-liberation-army", "KB") in found
    assert ("OLA", "oromo-liberation-army", "KB") in found
    assert ("Uganda People's Defence Force", "updf", "KB") in found
    assert ("Polisario Front", "polisario-front", "KB") in found
    assert ("Moroccan army", "royal-moroccan-armed-forces", "KB") in found
    kb = KnowledgeBase.load()
    assert kb.get("oromo-liberation-army").name == "Oromo Liberation Army"
    assert kb.get("new-peoples-army").name == "New People's Army"


@pytest.mark.parametrize("outlet", ["ENA", "Reuters", None])
def test_the_governments_label_for_the_ola_is_loaded_and_resolves_to_it(nlp, outlet):
    found = mentions(nlp, STATE_MEDIA, outlet)
    side = {(t, a) for t, a, label in found if label == "SIDE"}
    assert ("Shene terrorist group", "oromo-liberation-army") in side
    assert ("OLA-Shene", "oromo-liberation-army") in side


def test_other_sides_labels_resolve_as_loaded_mentions(nlp):
    side = {(t, a) for t, a, label in mentions(nlp, LABELS) if label == "SIDE"}
    assert ("the Communist Terrorist Group", "new-peoples-army") in side
    assert ("The Polisario militias", "polisario-front") in side
    assert ("Fitna al-Khawarij", "ttp") in side
    assert ("KKB", "tpnpb") in side


def test_a_label_is_never_the_canonical_name_or_an_alias():
    kb = KnowledgeBase.load()
    for actor_id, label in (
        ("oromo-liberation-army", "Shene"),
        ("new-peoples-army", "Communist Terrorist Group"),
        ("polisario-front", "Polisario militias"),
        ("royal-moroccan-armed-forces", "Moroccan occupation army"),
        ("ttp", "Fitna al-Khawarij"),
        ("tpnpb", "KKB"),
    ):
        entry = kb.get(actor_id)
        assert label in [s.alias for s in entry.side_vocabulary]
        assert label not in entry.aliases
        assert label.lower() not in entry.name.lower()


def test_the_framing_layer_flags_each_label_symmetrically():
    nlp = Language()
    framing = FramingComponent(nlp)
    text = STATE_MEDIA + " " + LABELS + " The Moroccan occupation army shelled Tifariti."
    doc = nlp.make_doc(text)
    doc._.ng_statements = None
    framing(doc)
    terms = {f.term for f in doc._.ng_framing}
    assert {
        "Shene",
        "Communist Terrorist Group",
        "Polisario militias",
        "Fitna al-Khawarij",
        "armed criminal group",
        "Moroccan occupation",
    } <= terms
    by_term = {entry.term: entry for entry in load_lexicon()}
    # both Western Sahara camps' words are there
    assert "moroccan" in by_term["Polisario militias"].sides
    assert "polisario" in by_term["Moroccan occupation"].sides
