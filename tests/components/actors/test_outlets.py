"""A news outlet named in the text is a media actor, never the state or the city in its name
("told Myanmar Now", "Kabul Now reported", "a Libya Observer correspondent"): no state
mention, no place and no context state for a generic party (session 15, outlet15). The
sentences are written for these tests."""

from __future__ import annotations

import pytest

from newsgraph.components.actors.kb import KnowledgeBase
from newsgraph.model import CONTEXT_LABEL, Article
from newsgraph.nlp import get_pipeline

# sentence → the outlet's name as written: each form news names an outlet in
OUTLET_FORMS = {
    "Soldiers fired on the crowd, a resident told Myanmar Now.": "Myanmar Now",
    "The army shelled two villages, a monk told The Irrawaddy.": "The Irrawaddy",
    "Gunmen stormed the hotel, Libya Observer reported.": "Libya Observer",
    "Fighters seized the district, according to Kabul Now.": "Kabul Now",
    "Police arrested two men, a Haiti Libre correspondent said.": "Haiti Libre",
    "Militants ambushed a convoy, Somali Guardian reported.": "Somali Guardian",
    "Bandits abducted ten pupils, a teacher told Premium Times.": "Premium Times",
    "Troops left the town, he said in an interview with Sudan Tribune.": "Sudan Tribune",
    "Protesters clashed with police, Buenos Aires Times reported.": "Buenos Aires Times",
    "Rebels shelled the camp, Myanmar Now's reporter said.": "Myanmar Now",
}


@pytest.fixture(scope="module")
def nlp():
    return get_pipeline(components=("newsgraph_actors", "newsgraph_places"))


def annotate(nlp, text: str):
    doc = nlp.make_doc(text)
    doc._.ng_article = Article(id="t", text=text)
    return nlp(doc)


def inside(start: int, end: int, outer: tuple[int, int]) -> bool:
    return outer[0] <= start and end <= outer[1]


@pytest.mark.parametrize(("text", "name"), OUTLET_FORMS.items())
def test_an_outlets_name_is_a_media_mention_and_no_state_or_place(nlp, text, name):
    entry = KnowledgeBase.load().outlet(name)
    assert entry is not None and entry.type == "media"
    doc = annotate(nlp, text)
    where = (text.index(name), text.index(name) + len(name))
    actors = {a.id: a for a in doc._.ng_actors}
    assert actors[entry.id].type == "media"
    assert [(m.start, m.end) for m in actors[entry.id].mentions] == [where]
    # no other actor (a state, its people) and no place is read inside the outlet's name
    others = [a.id for a in doc._.ng_actors if a.id != entry.id
              for m in a.mentions if inside(m.start, m.end, where)]  # fmt: skip
    assert others == []
    assert not [p for s, e, p in doc._.ng_place_mentions if inside(s, e, where)]


def context_mentions(doc) -> list[tuple[str, str | None]]:
    return [(m.text, m.actor_id) for m in doc._.ng_actor_mentions if m.label == CONTEXT_LABEL]


@pytest.mark.parametrize(
    "text",
    [
        # a state's name in an outlet's name: no state for the generic party
        "Security forces opened fire on protesters, a resident told Myanmar Now.",
        # a capital's name (a metonym the context reads as a place) in an outlet's name
        "Security forces opened fire on protesters, a resident told Kabul Now.",
        "Government forces shelled the camp, a witness told Libya Observer.",
    ],
)
def test_an_outlets_name_gives_a_generic_party_no_state(nlp, text):
    assert context_mentions(annotate(nlp, text)) == []


@pytest.mark.parametrize(
    ("text", "military"),
    [
        # the same sentences with the state or the capital outside an outlet's name: the
        # state's military, or the state where the KB has none
        ("Security forces opened fire on protesters in Myanmar, a resident said.", "tatmadaw"),
        ("Security forces opened fire on protesters in Kabul, a resident said.", "afghanistan"),
    ],
)
def test_a_state_outside_an_outlets_name_still_gives_its_state(nlp, text, military):
    assert context_mentions(annotate(nlp, text)) == [("Security forces", military)]


def test_a_capital_outside_an_outlets_name_is_still_a_place(nlp):
    doc = annotate(nlp, "Fighters seized a district near Kabul, according to Kabul Now.")
    places = [doc.text[s:e] for s, e, _ in doc._.ng_place_mentions]
    assert places == ["Kabul"]
    assert doc._.ng_place_mentions[0][0] == doc.text.index("Kabul")


@pytest.mark.parametrize(
    ("text", "place"),
    [
        # the river, not the outlet: "the" in lower case is no word of "The Irrawaddy"
        ("Fighting spread along the Irrawaddy near Mandalay.", "Mandalay"),
        # an outlet's name in lower case is the state's or the city's word and an adverb
        ("Kabul now faces a cash shortage, officials said.", "Kabul"),
        ("India today announced new sanctions on the group.", None),
    ],
)
def test_a_name_written_otherwise_is_no_outlet(nlp, text, place):
    doc = annotate(nlp, text)
    assert not [a.id for a in doc._.ng_actors if a.type == "media"]
    assert [doc.text[s:e] for s, e, _ in doc._.ng_place_mentions] == ([place] if place else [])
