"""tools/place_inheritance_counts.py: where a gold place lies against the event's sentence."""

from __future__ import annotations

import pytest
from helpers import load_tool

from newsgraph.eval.annotate import Annotation

# three sentences of ten characters; a dateline name starts at 0
ARTICLE = Annotation("x" * 30, sentences=[(0, 10), (10, 20), (20, 30)])


@pytest.mark.parametrize(
    ("spans", "sentence", "kind"),
    [
        ([], 2, "no gold place"),
        ([(21, 24)], 2, "in the sentence"),
        ([(0, 4)], 2, "the dateline"),
        ([(5, 8)], 2, "the first sentence"),
        ([(12, 15)], 2, "the previous sentence"),
        ([(22, 25)], 1, "a later sentence only"),
    ],
)
def test_where_the_gold_place_lies(spans: list[tuple[int, int]], sentence: int, kind: str) -> None:
    assert load_tool("place_inheritance_counts").site(ARTICLE, spans, sentence, {0}) == kind
