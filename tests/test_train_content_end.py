"""tools/train_content_end.py: which end of a content is right, and what a run-on gains, on
sentences written here."""

from __future__ import annotations

from types import ModuleType

import numpy as np
import pytest
from helpers import load_tool
from spacy.language import Language

from newsgraph.eval.polnear import Attribution

TEXT = "Voters said they had doubts about the plan, but could not bear to vote against it."


@pytest.fixture(scope="module")
def tool() -> ModuleType:
    return load_tool("train_content_end")


def span(part: str) -> tuple[tuple[int, int], ...]:
    start = TEXT.index(part)
    return ((start, start + len(part)),)


def labelled(tool: ModuleType, nlp: Language, gold_content: str) -> tuple[list, list, list]:
    """The examples of one article whose rules stopped the content at "the plan"."""
    ours = Attribution(span("said"), span("Voters"), span("they had doubts about the plan"))
    gold = Attribution(span("said"), span("Voters"), span(gold_content))
    row = ("a1", TEXT, [gold], [ours], [("say", "speech")], *tool.token_table(nlp(TEXT)))
    return tool.examples([row])


def test_the_run_on_is_labelled_one_and_the_rules_end_zero(tool: ModuleType, nlp: Language):
    run_on = "they had doubts about the plan, but could not bear to vote against it"
    features, labels, groups = labelled(tool, nlp, run_on)
    assert labels == [1] and groups == ["a1"]
    assert "first=," in features[0] and "second=but" in features[0]
    assert labelled(tool, nlp, "they had doubts about the plan")[1] == [0]


def test_a_statement_neither_end_fits_is_no_example(tool: ModuleType, nlp: Language):
    assert labelled(tool, nlp, "they had doubts")[1] == []


def test_a_right_run_on_gains_one_and_a_wrong_one_loses_one(tool: ModuleType):
    probabilities = np.array([0.9, 0.8, 0.6, 0.2])
    labels = np.array([1, 0, 1, 1])
    assert tool.net_gain(probabilities, labels, 0.5) == 1
    assert tool.net_gain(probabilities, labels, 0.7) == 0
    assert tool.net_gain(probabilities, labels, 0.95) == 0
