"""tools/train_event_decision.py: how the fit sets' main events are labelled and the sets'
figures re-scored when some events are dropped (events written here, no parser)."""

from __future__ import annotations

from types import ModuleType

import pytest
from helpers import TOOLS, load_tool


@pytest.fixture(scope="module")
def tool() -> ModuleType:
    with pytest.MonkeyPatch.context() as patch:
        patch.syspath_prepend(str(TOOLS))  # the training tools import tools/checkout.py first
        return load_tool("train_event_decision")


def _event(scored: str, pentacode: int) -> dict:
    return {"names": [], "scored": scored, "pentacode": pentacode}


def test_type_sets_keep_a_gold_type_and_conflibert_its_class(tool: ModuleType) -> None:
    petr = tool.Sentence("petr2", "p1", ["ASSAULT"], [])
    cameo = tool.Sentence("conflibert", "c1", 0, [])
    assert tool.label(petr, _event("ASSAULT", 4)) == 1
    assert tool.label(petr, _event("THREATEN", 3)) == 0
    assert tool.label(cameo, _event("CONSULT", 1)) == 0  # a neutral sentence: drop everything


def test_score_rescored_per_set_and_their_mean(tool: ModuleType) -> None:
    sentences = [
        tool.Sentence("plover", "a", ["ASSAULT"], [_event("ASSAULT", 4)]),
        tool.Sentence("petr2", "b", ["ACCUSE"], [_event("THREATEN", 3), _event("ACCUSE", 3)]),
        tool.Sentence("conflibert", "c", 0, [_event("REQUEST", 3)]),
    ]
    everything = tool.score(sentences, [[True], [True, True], [True]])
    assert everything["petr2_f1"] == pytest.approx(2 / 3)  # one false THREATEN
    assert everything["conflibert_accuracy"] == 0.0
    dropped = tool.score(sentences, [[True], [False, True], [False]])
    assert (dropped["plover_f1"], dropped["petr2_f1"], dropped["conflibert_accuracy"]) == (1, 1, 1)
    assert dropped["mean"] == 1.0
