"""newsgraph_coref: "he" and "she" agree with the person the article says they are (honorifics,
gendered nouns equated with the name, bound pronouns); a news site's name in the page title is no
person's antecedent. The sentences below are written for these tests."""

from __future__ import annotations

import re

import pytest
from helpers import annotate_article as annotate
from spacy.language import Language
from spacy.tokens import Doc

from newsgraph.components.coref.resolver import site_range
from newsgraph.nlp import get_pipeline


@pytest.fixture(scope="module")
def pipeline() -> Language:
    return get_pipeline()


def actor_named(doc: Doc, word: str) -> str:
    ids = {m.actor_id for m in doc._.ng_actor_mentions if word in m.text and m.actor_id}
    assert len(ids) == 1, ids
    return ids.pop()


def resolved(doc: Doc, pronoun: str) -> str | None:
    found = re.search(rf"\b{pronoun}\b", doc.text)
    assert found is not None
    start = found.start()
    token = doc.char_span(start, start + len(pronoun))[0]
    return doc._.ng_coref.resolve((start, start + len(pronoun)), token)


def test_honorific_tells_the_gender(pipeline: Language) -> None:
    text = (
        "Mrs. Halvorsen met Tomas Brandt at the depot on Monday. Mr. Brandt signed the lease. "
        "She said the deal would help the town."
    )
    doc = annotate(pipeline, text)
    halvorsen = actor_named(doc, "Halvorsen")
    assert doc._.ng_coref.gender_of(halvorsen) == "female"
    assert resolved(doc, "She") == halvorsen


def test_noun_in_apposition_tells_the_gender(pipeline: Language) -> None:
    text = (
        "Greta Lindqvist, a mother of three, called the police. Officers arrested Lars "
        "Pettersen. He had broken a window."
    )
    doc = annotate(pipeline, text)
    lindqvist = actor_named(doc, "Lindqvist")
    assert doc._.ng_coref.gender_of(lindqvist) == "female"
    assert resolved(doc, "He") != lindqvist


def test_bound_possessive_tells_the_gender(pipeline: Language) -> None:
    text = (
        "Jordan Ellery defended her budget on Tuesday. Critics attacked Casey Moran. "
        "She said the cuts were fair."
    )
    doc = annotate(pipeline, text)
    ellery = actor_named(doc, "Ellery")
    assert doc._.ng_coref.gender_of(ellery) == "female"
    assert doc._.ng_coref.gender_of(actor_named(doc, "Moran")) is None
    # Moran, with no evidence, still fits "she": the nearest subject wins
    assert resolved(doc, "She") == actor_named(doc, "Moran")


def test_possessive_inside_the_subject_is_someone_elses(pipeline: Language) -> None:
    text = "Robin Ashe, her rival, said the vote was rigged."
    doc = annotate(pipeline, text)
    assert doc._.ng_coref.gender_of(actor_named(doc, "Ashe")) is None


def test_no_evidence_fits_both(pipeline: Language) -> None:
    text = "Jordan Ellery spoke on Tuesday. She said the cuts were fair."
    doc = annotate(pipeline, text)
    assert resolved(doc, "She") == actor_named(doc, "Ellery")


def test_site_name_in_page_title_is_no_antecedent(pipeline: Language) -> None:
    text = (
        "Officer cleared in shooting - KXYZ.com: Dale Harmon News, Weather. A police officer "
        "will not face charges after police say he shot a driver."
    )
    site = site_range(pipeline.make_doc(text))
    assert site is not None and text[site[0] : site[1]] == "KXYZ.com: Dale Harmon News, Weather"
    doc = annotate(pipeline, text)
    assert resolved(doc, "he") is None
