"""Names closed by an administrative-division noun that NER tags no place ("Hama Governorate",
"Qarwani District"): ``local_names.named_divisions``, resolved by ``local_places``. Entities are
fixed by hand so that each test tests the rule, not the model's guess; the district names are
invented, so that no gazetteer holds them."""

from __future__ import annotations

import pytest
from spacy.language import Language

from newsgraph.components.places.local_places import LOCAL_PREFIX
from newsgraph.extensions import set_entities
from newsgraph.model import Place
from newsgraph.nlp import get_pipeline


@pytest.fixture(scope="module")
def nlp() -> Language:
    return get_pipeline(components=("newsgraph_places",))


def _places(nlp: Language, text: str, entities: list[tuple[str, str]]) -> dict[str, Place]:
    """The places of ``text``, with exactly ``entities`` (name, label) in place of NER's."""
    doc = nlp.make_doc(text)
    for pipe_name, proc in nlp.pipeline:
        doc = proc(doc)
        if pipe_name == "ner":
            spans = []
            for name, label in entities:
                start = text.index(name)
                spans.append(doc.char_span(start, start + len(name), label=label))
            set_entities(doc, spans)
    return {p.name: p for p in doc._.ng_places}


@pytest.mark.parametrize("label", [None, "ORG", "PERSON"])
def test_an_untagged_or_mislabelled_governorate_is_the_gazetteers_division(
    nlp: Language, label: str | None
) -> None:
    text = "Two shells fell on farms in Hama Governorate late on Sunday."
    entities = [("Hama Governorate", label)] if label else []
    places = _places(nlp, text, entities)
    # untagged, "Hama" alone may be read first (a city's name before a place noun): the same
    # division either way
    assert [p.id for p in places.values()] == ["newsgraph:admin1-sy-hama"]


def test_an_unknown_district_is_a_local_place(nlp: Language) -> None:
    places = _places(nlp, "Clashes spread to Qarwani District east of Homs on Monday.", [])
    district = places["Qarwani District"]
    assert district.id.startswith(LOCAL_PREFIX)
    assert district.country == "SY"


def test_a_state_is_read_only_when_the_gazetteer_holds_the_division(nlp: Language) -> None:
    text = "Gunmen raided a village in Borno State, police said."
    places = _places(nlp, text, [("Borno State", "ORG")])
    assert [p.id for p in places.values()] == ["newsgraph:admin1-ng-borno"]
    places = _places(nlp, "Fighters of the Islamic State held the town for a year.", [])
    assert not any("State" in name for name in places)


@pytest.mark.parametrize(
    "text",
    [
        "The Party District Committee met in the capital on Friday.",  # inside a longer name
        "Hama Governorate officials said the road was open.",  # sentence start: no name run
    ],
)
def test_a_division_noun_inside_a_longer_name_is_no_place(nlp: Language, text: str) -> None:
    assert not any("District" in name for name in _places(nlp, text, []))
