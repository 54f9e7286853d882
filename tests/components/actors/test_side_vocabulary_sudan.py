"""The Sudanese army's words for the RSF ("the rebel militia", "the terrorist militia") name the
RSF only in Sudanese outlets' articles (session 24, probe M: a Yemeni outlet's "terrorist
militia" is the Houthis). The articles are written for these tests."""

from __future__ import annotations

from datetime import date

import pytest

from newsgraph.model import Article
from newsgraph.nlp import add_components, load_spacy_model

TEXT = (
    "The terrorist militia shelled a camp for displaced people on Monday, killing six, the army "
    "said. The rebel militia also looted a clinic in the town."
)


@pytest.fixture(scope="module")
def nlp():
    return add_components(load_spacy_model(), ("newsgraph_actors",))


def resolved(nlp, outlet: str | None) -> dict[str, str | None]:
    article = Article(id="t", text=TEXT, outlet=outlet, published=date(2025, 9, 3))
    doc = nlp.make_doc(TEXT)
    doc._.ng_article = article
    doc = nlp(doc)
    return {m.text.lower(): m.actor_id for m in doc._.ng_actor_mentions}


@pytest.mark.parametrize("outlet", ["SUNA", "Sudan Tribune"])
def test_a_sudanese_outlets_militia_words_are_the_rsf(nlp, outlet):
    found = resolved(nlp, outlet)
    assert found.get("the terrorist militia") == "rapid-support-forces"
    assert found.get("the rebel militia") == "rapid-support-forces"


@pytest.mark.parametrize("outlet", ["September Net", "Reuters", None])
def test_the_same_words_elsewhere_name_no_rsf(nlp, outlet):
    assert "rapid-support-forces" not in resolved(nlp, outlet).values()
