"""tools/plover_cross_fit.py: a sentence's types scored again with the entries that fire on no
other fit sentence left out (gold and readings written here)."""

from __future__ import annotations

from types import ModuleType

import pytest
from helpers import load_tool

from newsgraph.eval.plover import GoldEvent, GoldSentence


@pytest.fixture(scope="module")
def tool() -> ModuleType:
    return load_tool("plover_cross_fit")


def _gold(sid: str, *types: str) -> GoldSentence:
    return GoldSentence(sid, f"text {sid}", [GoldEvent(t) for t in types])


def test_an_event_only_its_own_sentence_supports_is_lost_when_left_out(tool: ModuleType) -> None:
    gold = [_gold("a", "SUPPORT"), _gold("b", "ACCUSE"), _gold("c", "RETREAT")]
    readings = [
        [("SUPPORT", ["verb:laud"])],  # fires on this sentence only: lost
        [("ACCUSE", ["verb:condemn"]), ("REJECT", ["verb:spurn"])],  # a lone false positive
        [("RETREAT", [])],  # no entry gave it (a statement, a fold): kept
    ]
    support = {"verb:laud": 1, "verb:condemn": 9, "verb:spurn": 1}
    result = tool.cross_fit(gold, readings, support)
    assert result["fit"] == {"precision": 0.75, "recall": 1.0, "f1": 0.8571}
    # left out: SUPPORT is missed, the false REJECT is gone with its entry
    assert result["left_out"] == {"precision": 1.0, "recall": 0.6667, "f1": 0.8}
    assert result["per_type"]["SUPPORT"] == {"gold": 1, "fit_found": 1, "left_out_found": 0}
    assert [(x["id"], x["right"]) for x in result["lost"]] == [("a", True), ("b", False)]


def test_an_override_with_support_keeps_the_event(tool: ModuleType) -> None:
    gold = [_gold("a", "MOBILIZE")]
    readings = [[("MOBILIZE", ["verb:send", "verb:send/by_object:troops"])]]
    support = {"verb:send": 40, "verb:send/by_object:troops": 1}
    assert tool.cross_fit(gold, readings, support)["left_out"]["recall"] == 1.0
    # a stricter reading asks for two other fit sentences
    assert tool.cross_fit(gold, readings, support, min_support=50)["left_out"]["recall"] == 0.0
