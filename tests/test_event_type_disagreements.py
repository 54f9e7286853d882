"""tools/event_type_disagreements.py: which main events count as false types and which gold
types as missed, per set convention (found events written here, no parser)."""

from __future__ import annotations

from types import ModuleType

import pytest
from helpers import load_tool


@pytest.fixture(scope="module")
def tool() -> ModuleType:
    return load_tool("event_type_disagreements")


def _found(
    tool: ModuleType, monkeypatch: pytest.MonkeyPatch, name: str, gold: object, found: list
) -> list[tuple[str, str, str]]:
    """The disagreements of one sentence whose scored main events are ``found``."""
    monkeypatch.setattr(tool, "main_triggers", lambda items: iter([(gold, found)]))
    return [
        (d.kind, d.type, d.lemma)
        for d in tool.disagreements(name, [("Workers stopped work.", gold, None)])
    ]


def test_type_sets_count_false_types_once_and_missed_gold_types(
    tool: ModuleType, monkeypatch: pytest.MonkeyPatch
) -> None:
    found = [("ASSAULT", "strike", "pobj", 4), ("ASSAULT", "strike", "conj", 4)]
    assert _found(tool, monkeypatch, "plover", {"PROTEST"}, found) == [
        ("false", "ASSAULT", "strike"),
        ("missed", "PROTEST", ""),
    ]
    right = [("PROTEST", "stop", "ROOT", 4)]
    assert _found(tool, monkeypatch, "petr2", {"PROTEST"}, right) == []


def test_conflibert_scores_the_first_main_event_class(
    tool: ModuleType, monkeypatch: pytest.MonkeyPatch
) -> None:
    first_wrong = [("ACCUSE", "complain", "pobj", 3), ("PROTEST", "stop", "ROOT", 4)]
    assert _found(tool, monkeypatch, "conflibert", 4, first_wrong) == [
        ("false", "ACCUSE", "complain")
    ]
    assert _found(tool, monkeypatch, "conflibert", 4, []) == [("missed", "NONE", "")]
    assert _found(tool, monkeypatch, "conflibert", 0, []) == []  # a neutral statement


def test_confusions_pair_a_false_type_with_what_its_sentence_misses(tool: ModuleType) -> None:
    d = tool.Disagreement
    found = [
        d("plover", "false", "COERCE", "ban", "advcl", "PROTEST", "s1"),
        d("plover", "missed", "PROTEST", "", "", "PROTEST", "s1"),
        d("petr2", "false", "THREATEN", "attack", "ccomp", "", "s2"),  # nothing missed
        d("petr2", "missed", "CONSULT", "", "", "CONSULT", "s3"),  # no false type beside it
        d("conflibert", "false", "REQUEST", "seek", "ROOT", "3", "s4"),
        d("conflibert", "missed", "NONE", "", "", "2", "s5"),
        d("rams", "retyped", "AGREE", "surrender", "pobj", "CONCEDE,RETREAT", "s6"),
    ]
    assert tool.confusions(found) == {
        ("COERCE", "PROTEST"): 1,
        ("THREATEN", "-"): 1,
        ("-", "CONSULT"): 1,
        ("REQUEST", "3"): 1,
        ("-", "2"): 1,
        ("AGREE", "CONCEDE"): 1,
        ("AGREE", "RETREAT"): 1,
    }
