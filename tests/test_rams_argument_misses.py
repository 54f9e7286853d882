"""tools/rams_argument_misses.py: the kind of each role unit (hand-made gold and events)."""

from __future__ import annotations

from types import ModuleType

import pytest
from eval_fakes import annotation
from helpers import load_tool

from newsgraph.eval.arguments import GoldEvent, predicted_roles
from newsgraph.eval.rams import GoldDocument, GoldLink

TEXT = "Rebels shelled the town. The army said so. Their ally watched."


@pytest.fixture(scope="module")
def tool() -> ModuleType:
    return load_tool("rams_argument_misses")


def _at(words: str) -> tuple[int, int]:
    start = TEXT.index(words)
    return start, start + len(words)


def _document(arguments: dict[str, list[str]], links: list[tuple[str, str]]) -> GoldDocument:
    gold = GoldEvent(_at("shelled"), ("ASSAULT",))
    gold.arguments = {role: [_at(w) for w in words] for role, words in arguments.items()}
    return GoldDocument(
        "doc",
        TEXT,
        [gold],
        [GoldLink(gold.trigger, role, _at(words)) for role, words in links],
        [_at("Rebels shelled the town."), _at("The army said so."), _at("Their ally watched.")],
    )


def _kinds(tool: ModuleType, document: GoldDocument, **ours: str) -> dict[str, str | None]:
    found = annotation(TEXT, {"type": "ASSAULT", "trigger": "shelled", **ours})
    event = found.events[0]
    predicted = predicted_roles(event, found)
    gold = document.events[0]
    return {r: tool.kind_of(r, document, gold, event, predicted) for r in ("source", "target")}


def test_right_swapped_and_in_another_sentence(tool: ModuleType) -> None:
    document = _document({"source": ["Rebels"], "target": ["the town"]}, [])
    assert _kinds(tool, document, source="Rebels", target="the town") == {
        "source": "right", "target": "right",
    }  # fmt: skip
    swapped = _kinds(tool, document, source="the town", target="Rebels")
    assert swapped["source"] == "swapped (ours is the other party)"
    elsewhere = _document({"source": ["The army"]}, [])
    assert _kinds(tool, elsewhere)["source"] == "other sentence, ours empty"
    assert _kinds(tool, elsewhere, source="Rebels")["source"] == "other sentence, ours wrong"


def test_empty_wrong_and_unscored_roles(tool: ModuleType) -> None:
    document = _document({"source": ["Rebels"]}, [("instrument", "the town")])
    kinds = _kinds(tool, document, target="the town")
    assert kinds == {"source": "empty", "target": "no gold role (unscored: instrument)"}
    assert _kinds(tool, document, source="the town")["source"] == "wrong candidate (instrument)"
