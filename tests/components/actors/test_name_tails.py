"""Descriptions that refer back (issue 14). A shortened name: "the <last words of an
organisation's name>" after the organisation is named in full is that organisation (the state
media's "The information team said" after "the True News Information Team"); "accused the
military of targeting": "of" before a gerund names the charge, and "the military" ends there.
The sentences are written for these tests."""

from __future__ import annotations

from datetime import date

import pytest

from newsgraph.model import Article
from newsgraph.nlp import add_components, load_spacy_model

NAMED = (
    "Security forces raided a camp near Shwebo on Tuesday, the True News Information Team "
    "said. The information team denied that a market had been bombed."
)
UNNAMED = "The information team denied that a market had been bombed."
LONGER = (
    "The True News Information Team issued a statement. The information team leader did not "
    "comment."
)


@pytest.fixture(scope="module")
def nlp():
    return add_components(load_spacy_model(), ("newsgraph_actors",))


def resolved(nlp, text: str) -> list[tuple[str, str | None]]:
    article = Article(id="t", text=text, outlet="Global Wire", published=date(2025, 8, 13))
    doc = nlp.make_doc(text)
    doc._.ng_article = article
    doc = nlp(doc)
    return [(m.text, m.actor_id) for m in doc._.ng_actor_mentions]


def test_the_last_words_of_a_name_named_before_are_that_organisation(nlp):
    assert ("The information team", "true-news-information-team") in resolved(nlp, NAMED)


def test_without_the_full_name_before_it_stays_unresolved(nlp):
    assert not [a for _, a in resolved(nlp, UNNAMED) if a == "true-news-information-team"]


def test_a_tail_inside_a_longer_noun_phrase_is_no_reference(nlp):
    found = resolved(nlp, LONGER)
    assert [t for t, a in found if a == "true-news-information-team"] == [
        "True News Information Team"
    ]


CHARGE = (
    "Myanmar's military on Wednesday denied bombing a market. The opposition National Unity "
    "Government accused the military of deliberately targeting civilians."
)
OWNER = "Many voters saw the Democrats as the party of overwhelming government, he said."
NEAREST = (
    "M23 fighters advanced on Goma, where FDLR militiamen were also seen. Kinshasa accused the "
    "rebels of shelling the camp."
)


def test_of_before_a_gerund_names_the_charge_not_the_owner(nlp):
    found = resolved(nlp, CHARGE)
    assert ("the military", "tatmadaw") in found


def test_of_before_an_adjective_keeps_the_longer_noun_phrase(nlp):
    assert not [t for t, _ in resolved(nlp, OWNER) if t == "the party"]


def test_a_charge_after_a_head_read_by_the_nearest_fit_keeps_it_unresolved(nlp):
    # "the rebels" would be the FDLR named last; the charge reading is for a state's own force
    assert not [a for t, a in resolved(nlp, NEAREST) if t == "the rebels" and a]
