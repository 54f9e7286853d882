"""tools/conflibert_no_target.py: the path from a gold target's head to the root and the coarse
kind of a missed target (token tuples written here, no parser)."""

from __future__ import annotations

from types import ModuleType

import pytest
from helpers import load_tool


@pytest.fixture(scope="module")
def tool() -> ModuleType:
    return load_tool("conflibert_no_target")


# "Rebels went on strike to protest the new tax": (offset, text, label, head index)
TOKENS = [
    (0, "Rebels", "nsubj", 1),
    (7, "went", "ROOT", 1),
    (12, "on", "prep", 1),
    (15, "strike", "pobj", 2),
    (22, "to", "aux", 5),
    (25, "protest", "advcl", 1),
    (33, "the", "det", 8),
    (37, "new", "amod", 8),
    (41, "tax", "dobj", 5),
]


def test_path_runs_from_the_span_head_to_the_root(tool: ModuleType) -> None:
    assert tool.gold_path(TOKENS, 33, 44) == ["dobj:tax", "advcl:protest", "ROOT:went"]
    assert tool.gold_path(TOKENS, 15, 21) == ["pobj:strike", "prep:on", "ROOT:went"]


def test_kind_reads_the_path(tool: ModuleType) -> None:
    clause = tool.gold_path(TOKENS, 33, 44)
    phrase = tool.gold_path(TOKENS, 15, 21)
    assert tool.kind(True, False, clause).startswith("inside a clause")
    assert tool.kind(True, False, phrase).startswith("prepositional phrase")
    assert tool.kind(False, False, clause) == "no main event or statement"
    assert tool.kind(False, True, ["nsubj:Rebels", "ROOT:went"]).startswith("other")
