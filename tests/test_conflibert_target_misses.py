"""tools/conflibert_target_misses.py: the class and boundary kind of a missed target (token
tuples written here, no parser)."""

from __future__ import annotations

from types import ModuleType

import pytest
from helpers import load_tool

TEXT = "Rebels attacked the Chinese embassy in Eastville, which guards the port."


@pytest.fixture(scope="module")
def tool() -> ModuleType:
    return load_tool("conflibert_target_misses")


@pytest.fixture(scope="module")
def tokens(tool: ModuleType) -> list:
    rows = [
        ("Rebels", "NNS", "nsubj", ""), ("attacked", "VBD", "ROOT", ""),
        ("the", "DT", "det", ""), ("Chinese", "JJ", "amod", "NORP"),
        ("embassy", "NN", "dobj", ""), ("in", "IN", "prep", ""),
        ("Eastville", "NNP", "pobj", "GPE"), (",", ",", "punct", ""),
        ("which", "WDT", "nsubj", ""), ("guards", "VBZ", "relcl", ""),
        ("the", "DT", "det", ""), ("port", "NN", "dobj", ""), (".", ".", "punct", ""),
    ]  # fmt: skip
    out, position = [], 0
    for text, tag, dep, ent in rows:
        start = TEXT.index(text, position)
        out.append(tool.Tok(start, text, tag, dep, ent))
        position = start + len(text)
    return out


def span(phrase: str) -> tuple[int, int]:
    start = TEXT.index(phrase)
    return start, start + len(phrase)


def test_classes(tool: ModuleType, tokens: list) -> None:
    gold = [span("the Chinese embassy")]
    assert tool.miss_class(TEXT, tokens, span("Chinese embassy"), gold) is None  # article aside
    assert tool.miss_class(TEXT, tokens, None, gold) == "(c) none given"
    assert tool.miss_class(TEXT, tokens, span("Rebels"), gold) == "(b) wrong phrase"
    assert tool.miss_class(TEXT, tokens, span("Rebels"), []) == "(d) target where gold has none"
    assert tool.miss_class(TEXT, tokens, None, []) is None


def test_boundary_kinds(tool: ModuleType, tokens: list) -> None:
    def kind(ours: str, gold: str) -> str:
        return tool.miss_class(TEXT, tokens, span(ours), [span(gold)])

    assert kind("the Chinese embassy in Eastville", "the Chinese embassy") == (
        '(a) we add: "in" phrase'
    )
    assert kind("the Chinese embassy", "the Chinese embassy in Eastville") == (
        '(a) gold adds: "in" phrase'
    )
    assert kind("Eastville, which guards the port", "Eastville") == "(a) we add: relative clause"
    assert kind("the Chinese embassy in Eastville", "Eastville") == (
        "(a) we add: another head (the shorter is a prepositional object in the longer)"
    )
    assert kind("Chinese embassy", "embassy") == "(a) we add: left modifier"
    assert kind("embassy in", "in Eastville") == "(a) partial"
