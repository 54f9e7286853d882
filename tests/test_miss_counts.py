"""tools/miss_counts.py: the miss tools' counts by role and kind, and which cases they show."""

from __future__ import annotations

import pytest
from helpers import load_tool

CASES = [
    ("source", "wrong: a weapon", "doc1 'rifle'"),
    ("source", "missed", "doc2 'gunman'"),
    ("source", "wrong: a weapon", "doc3 'gun'"),
    ("target", "right", ""),
]


def test_counts_by_role_and_kind_show_only_the_kind_asked(capsys: pytest.CaptureFixture) -> None:
    tool = load_tool("miss_counts")
    counts = tool.counted(CASES, "wrong")
    assert counts == {
        ("source", "wrong: a weapon"): 2,
        ("source", "missed"): 1,
        ("target", "right"): 1,
    }
    assert capsys.readouterr().out.splitlines() == [
        "[source] wrong: a weapon: doc1 'rifle'",
        "[source] wrong: a weapon: doc3 'gun'",
    ]
    tool.counted(CASES, None)
    assert capsys.readouterr().out == ""
    tool.counted(CASES, "")  # every case that has a line
    assert len(capsys.readouterr().out.splitlines()) == 3


def test_the_table_gives_each_roles_total_then_its_kinds_most_first(
    capsys: pytest.CaptureFixture,
) -> None:
    tool = load_tool("miss_counts")
    tool.print_counts(tool.counted(CASES, None), ("source", "target", "place"))
    assert capsys.readouterr().out.splitlines() == [
        "source: 3",
        "     2  wrong: a weapon",
        "     1  missed",
        "target: 1",
        "     1  right",
        "place: 0",
    ]
