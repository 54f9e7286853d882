"""tools/polnear_cue_extents.py: what differs between two cue extents, on sentences written here."""

from __future__ import annotations

from types import ModuleType

import pytest
from helpers import load_tool
from spacy.language import Language

TEXT = "The senator said Friday that the farm bill would pass. She has long been a critic of it."


@pytest.fixture(scope="module")
def tool() -> ModuleType:
    return load_tool("polnear_cue_extents")


def span(part: str) -> tuple[int, int]:
    start = TEXT.index(part)
    return start, start + len(part)


def test_a_date_the_gold_cue_leaves_out(tool: ModuleType, nlp: Language):
    doc = nlp(TEXT)
    said, said_friday = (span("said"),), (span("said Friday"),)
    assert tool.mismatch(doc, said, said_friday) == ("date or time", "weekday", "gold excludes")
    assert tool.mismatch(doc, said_friday, said) == ("date or time", "weekday", "gold includes")


def test_auxiliaries_and_a_stranded_preposition(tool: ModuleType, nlp: Language):
    doc = nlp(TEXT)
    critic = (span("critic"),)
    assert tool.mismatch(doc, (span("has long been a critic"),), critic)[::2] == (
        "auxiliary or modal",
        "gold includes",
    )
    assert tool.mismatch(doc, (span("critic of"),), critic)[::2] == (
        "stranded preposition",
        "gold includes",
    )


def test_the_decisions_one_step_from_a_cue(tool: ModuleType, nlp: Language):
    doc = nlp(TEXT)
    index = {t.text: t.i for t in doc}
    with_date = tool.alternatives(doc, index["said"], index["Friday"])
    assert ("date after the cue: without", index["said"], index["said"]) in with_date
    without_date = tool.alternatives(doc, index["said"], index["said"])
    assert ("date after the cue: with", index["said"], index["Friday"]) in without_date
    names = [name for name, _, _ in tool.alternatives(doc, index["critic"], index["critic"])]
    assert "preposition after the cue: with (of)" in names
