"""tools/polnear_content_misses.py: the kind of a content miss, on sentences written here."""

from __future__ import annotations

from types import ModuleType

import pytest
from helpers import load_tool
from spacy.language import Language

from newsgraph.eval.polnear import Attribution

TEXT = "The mayor said the bridge would reopen, which pleased the drivers. Traffic resumed."


@pytest.fixture(scope="module")
def tool() -> ModuleType:
    return load_tool("polnear_content_misses")


def span(part: str) -> tuple[int, int]:
    start = TEXT.index(part)
    return start, start + len(part)


def test_an_end_that_runs_on_names_the_first_word_past_the_gold(tool: ModuleType, nlp: Language):
    doc = nlp(TEXT)
    gold = (span("the bridge would reopen"),)
    ours = (span("the bridge would reopen, which pleased the drivers"),)
    kind = tool.boundary_kind(doc, TEXT, gold, ours)
    assert kind == "end too late: relative clause or wh-word"
    assert tool.boundary_kind(doc, TEXT, ours, gold) == "end too early: relative clause or wh-word"
    assert tool.boundary_kind(doc, TEXT, gold, gold) == "exact"
    assert tool.boundary_kind(doc, TEXT, gold, ()) == "no content"


def test_a_start_and_a_sentence_break(tool: ModuleType, nlp: Language):
    doc = nlp(TEXT)
    gold = (span("the bridge would reopen"),)
    late = (span("bridge would reopen"),)
    assert tool.boundary_kind(doc, TEXT, gold, late).startswith("start too late")
    longer = ((span("the bridge")[0], len(TEXT) - 1),)
    assert tool.boundary_kind(doc, TEXT, gold, longer) == "end too late: another sentence"


def test_an_unpaired_gold_content_is_a_cue_miss_or_under_another_cue(tool: ModuleType):
    gold = Attribution(cue=(span("said"),), source=(), content=(span("the bridge would reopen"),))
    other = Attribution(cue=(span("mayor"),), source=(), content=gold.content)
    assert tool.cue_kind(gold, [other])[0] == "content under another cue"
    assert tool.cue_kind(gold, [])[0] == "cue missed"
    wider = Attribution(cue=(span("said the"),), source=(), content=())
    assert tool.cue_kind(gold, [wider])[0] == "cue boundaries differ"


SHAPES = "The mayor said the bridge would reopen and the tolls would fall, the council noted."


def shape_span(part: str) -> tuple[int, int]:
    start = SHAPES.index(part)
    return start, start + len(part)


def test_a_miss_is_sorted_by_its_end_and_its_shapes(tool: ModuleType, nlp: Language):
    doc = nlp(SHAPES)
    gold = Attribution(
        cue=(shape_span("said"),),
        source=(shape_span("The mayor"),),
        content=(shape_span("the bridge would reopen"),),
    )
    longer = (shape_span("the bridge would reopen and the tolls would fall, the council noted"),)
    ours = Attribution(cue=gold.cue, source=gold.source, content=longer)
    kind = tool.boundary_kind(doc, SHAPES, gold.content, ours.content)
    assert tool.coarse_kind(kind) == "end too late"
    shapes = tool.extent_shapes(doc, SHAPES, gold, ours, {"note": None, "say": None})
    assert "a second clause" in shapes
    assert "a trailing attribution" in shapes
    assert "quotation marks" not in shapes
    same = tool.extent_shapes(doc, SHAPES, gold, gold, {})
    assert same == ["none of these"]
