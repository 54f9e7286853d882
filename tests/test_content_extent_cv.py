"""tools/content_extent_cv.py: the alternatives to a content's end and start, on sentences
written here."""

from __future__ import annotations

from types import ModuleType

import numpy as np
import pytest
from helpers import load_tool
from spacy.language import Language


@pytest.fixture(scope="module")
def tool() -> ModuleType:
    pytest.importorskip("sklearn")
    return load_tool("content_extent_cv")


def span(text: str, part: str) -> tuple[int, int]:
    start = text.index(part)
    return start, start + len(part)


def test_a_closing_phrase_after_a_comma_is_a_cut(tool: ModuleType, nlp: Language):
    text = "The mayor said the bridge would reopen in May, ending months of detours."
    doc = nlp(text)
    content = [span(text, "the bridge would reopen in May, ending months of detours")]
    cuts = tool.cut_candidates(doc, content)
    assert [(sep.text, after[0].text) for sep, after, _ in cuts] == [(",", "ending")]
    features = tool.cut_features(text, *cuts[0])
    assert "sep=," in features and "participle=VBG" in features
    assert "in_quote" not in features


def test_a_hyphen_inside_a_word_and_a_bare_quote_mark_are_no_cut(tool: ModuleType, nlp: Language):
    text = 'The mayor called the plan "a well-meant mistake," she said.'
    doc = nlp(text)
    content = [span(text, 'the plan "a well-meant mistake,"')]
    assert tool.cut_candidates(doc, content) == []


def test_start_alternatives(tool: ModuleType, nlp: Language):
    text = "The governor said that, however, the roads stay closed. She urged drivers to wait."
    doc = nlp(text)
    fronted = tool.start_candidates(
        doc, span(text, "said"), [span(text, "however, the roads stay closed")]
    )
    assert ("drop fronted phrase", text.index("the roads")) in [(k, p) for k, p, _ in fronted]
    directive = tool.start_candidates(doc, span(text, "urged"), [span(text, "drivers to wait")])
    assert [(k, p) for k, p, _ in directive] == [("drop object", text.index("to wait"))]
    added = tool.start_candidates(doc, span(text, "urged"), [span(text, "to wait")])
    assert [(k, p) for k, p, _ in added] == [("add object", text.index("drivers"))]


def test_the_earliest_alternative_over_the_threshold_counts_once(tool: ModuleType):
    keys = [("a", 0, 10), ("a", 0, 5), ("a", 1, 7)]
    labels = np.array([1, -1, 1])
    assert tool.net_gain(np.array([0.9, 0.8, 0.1]), labels, keys, 0.5) == -1
    assert tool.net_gain(np.array([0.9, 0.1, 0.9]), labels, keys, 0.5) == 2
    assert tool.inside_quote('He said "the roads', 12)
