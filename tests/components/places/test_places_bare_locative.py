"""A name the small model tags PERSON, ORG or PRODUCT right after "in", "near" or "at" is a
place when the gazetteer cannot read it (``local_names.names_after_bare_locative``): "army
positions in Kalembe", "ambushed near Takanamat". The names are invented, so that no gazetteer
holds them; each test checks first that NER tags the name as the rule expects."""

from __future__ import annotations

import pytest
from spacy.language import Language

from newsgraph.components.places.local_places import LOCAL_PREFIX
from newsgraph.nlp import get_pipeline


@pytest.fixture(scope="module")
def nlp() -> Language:
    return get_pipeline(components=("newsgraph_places",))


def _label(doc, name: str) -> str:
    return next((e.label_ for e in doc.ents if e.text == name), "")


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Bus passengers in Ecatovan captured and beat men who tried to rob them.", "Ecatovan"),
        ("Shoppers in Veltrano chased and beat two men who tried to rob them.", "Veltrano"),
        ("Farmers near Serzhen Kurt said the bombing went on all night.", "Serzhen Kurt"),
    ],
)
def test_a_person_or_org_name_after_in_or_near_is_a_place(
    nlp: Language, text: str, name: str
) -> None:
    doc = nlp(text)
    assert _label(doc, name) in {"PERSON", "ORG", "PRODUCT"}, [(e.text, e.label_) for e in doc.ents]
    places = {p.name: p for p in doc._.ng_places}
    assert name in places, sorted(places)
    assert places[name].id.startswith(LOCAL_PREFIX)


@pytest.mark.parametrize(
    "text",
    [
        "She sat in Dorvan's car outside the court.",  # possessive: the person's
        "Gunmen shot at Mengarov, missing him.",  # aimed at a person
        "He studied at Corvane University for two years.",  # an institution's name
        "A shake-up took place in III Corps last year.",  # a unit
        "Given the scorn he has directed at Latinos, he will lose.",  # aimed at a group
        "Police made two more arrests after the attack near Parliament.",  # an institution
        "A principal at Maniv Energy Capital, he backed the bill.",  # "at" a firm
        # an official gazetteer name the recognizer's size rules left alone
        "Moser was living most recently in Burns and involved with a ministry.",
        # a person the article names again by the surname
        "The candidate had a fighter in Corey Lewandowski, his manager. Mr. Lewandowski left.",
    ],
)
def test_no_place_for_a_possessive_an_aim_or_an_institution(nlp: Language, text: str) -> None:
    doc = nlp(text)
    assert any(e.label_ in {"PERSON", "ORG"} for e in doc.ents)  # the rule reads such names
    places = doc._.ng_places
    assert not any(p.id.startswith(LOCAL_PREFIX) for p in places), [p.name for p in places]


def test_a_local_name_is_a_town_across_the_border_the_gazetteer_spells_otherwise(
    nlp: Language,
) -> None:
    # no Lebanese town is called Kiryat Shmona; Israel's Qiryat Shmona has it as another
    # spelling and lies 70 km from Lebanon's point (``ACROSS_BORDER_KM``)
    doc = nlp("Hezbollah in Lebanon said it targeted a base in Kiryat Shmona.")
    assert _label(doc, "Kiryat Shmona") == "PERSON", [(e.text, e.label_) for e in doc.ents]
    places = {p.name: p for p in doc._.ng_places}
    assert places["Qiryat Shmona"].country == "IL", sorted(places)


def test_a_name_ending_in_a_weekday_is_a_day_not_a_local_place(nlp: Language) -> None:
    # NER tags "Palm Sunday" LOC; a capitalised "X <weekday>" names a day ("Super Tuesday")
    doc = nlp("Troops fired missiles at the town on Palm Sunday, when the streets were full.")
    assert _label(doc, "Palm Sunday") == "LOC", [(e.text, e.label_) for e in doc.ents]
    assert [p.name for p in doc._.ng_places] == []
