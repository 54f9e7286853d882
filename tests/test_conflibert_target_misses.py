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


PURPOSE = "Northland sent aid to help the Southland victims."


@pytest.fixture(scope="module")
def purpose_tokens(tool: ModuleType) -> list:
    rows = [
        ("Northland", "NNP", "nsubj", 1), ("sent", "VBD", "ROOT", 1), ("aid", "NN", "dobj", 1),
        ("to", "TO", "aux", 4), ("help", "VB", "advcl", 1), ("the", "DT", "det", 7),
        ("Southland", "NNP", "compound", 7), ("victims", "NNS", "dobj", 4), (".", ".", "punct", 1),
    ]  # fmt: skip
    out, position = [], 0
    for text, tag, dep, head in rows:
        start = PURPOSE.index(text, position)
        out.append(tool.Tok(start, text, tag, dep, "", head))
        position = start + len(text)
    return out


def test_relation_of_a_missed_target(tool: ModuleType, purpose_tokens: list) -> None:
    def where(phrase: str) -> tuple[int, int]:
        start = PURPOSE.index(phrase)
        return start, start + len(phrase)

    victims = [where("the Southland victims")]
    assert tool.relation_of_miss(purpose_tokens, where("sent"), victims) == (
        "inside a purpose or complement clause of the trigger (to help X, killing X)",
        "up - / down advcl dobj",
    )
    assert tool.relation_of_miss(purpose_tokens, where("sent"), [where("aid")])[0] == (
        "direct object of the trigger"
    )
    assert tool.relation_of_miss(purpose_tokens, where("aid"), victims) == (
        "below the verb the nominal trigger is object of (a light verb)",
        "up dobj / down advcl dobj",
    )
    assert tool.relation_of_miss(purpose_tokens, where("sent"), [where("Northland")])[0] == (
        "subject of the trigger (the source's side)"
    )
    assert tool.relation_of_miss(purpose_tokens, None, victims)[0] == (
        "no main event and no statement"
    )


def test_relation_groups(tool: ModuleType) -> None:
    group = tool.relation_group
    assert group([], ["prep:against", "pobj"], False) == (
        "object of an aimed preposition of the trigger"
    )
    assert (
        group([], ["prep:in", "pobj"], True) == "object of a place preposition of a nominal trigger"
    )
    assert group([], ["ccomp", "nsubj"], False) == (
        "subject of a complement clause (urged X to, said X would)"
    )
    assert group([], ["dobj", "acl", "nsubj"], False).startswith("inside a clause the trigger's")
    assert group([], ["dobj", "prep:in", "pobj", "prep:in", "pobj"], False) == (
        "a place phrase deeper below the trigger"
    )
    assert group(["advcl"], ["dobj"], False) == "outside the trigger's phrase (another clause)"


def test_extent_of_the_gold_head(tool: ModuleType) -> None:
    """``--extent``: the phrase recorded for a gold span's top word, against the span."""
    from newsgraph.nlp import load_spacy_model

    doc = load_spacy_model()("Rebels surrendered to the police in the north of the country.")
    anchor = doc[1]

    def gold(phrase: str) -> tuple[int, int]:
        start = doc.text.index(phrase)
        return start, start + len(phrase)

    assert tool.extent_kind(doc, gold("the police in the north of the country"), anchor) is None
    # a leading preposition's object stands for it; the gold span adds the preposition
    kind = tool.extent_kind(doc, gold("to the police in the north of the country"), anchor)
    assert kind == "gold adds: leading preposition"
    assert tool.extent_kind(doc, gold("the police"), anchor) == 'we add: "in" phrase'
