"""tools/train_event_place.py: the out-of-fold scores that choose the chooser and its threshold."""

from __future__ import annotations

from types import ModuleType

import numpy as np
import pytest
from helpers import load_tool


@pytest.fixture(scope="module")
def train() -> ModuleType:
    return load_tool("train_event_place")


class _Recorded:
    """A model that remembers which sentences (feature column 0) it was trained on and fails
    when asked to score one of them."""

    def __init__(self, seen: set[int]) -> None:
        self.seen = seen

    def predict_proba(self, x: np.ndarray) -> np.ndarray:
        assert not self.seen & {int(v) for v in x[:, 0]}, "scored a sentence it was trained on"
        return np.column_stack([1 - x[:, 1], x[:, 1]])


def _sample(train: ModuleType, number: int, gold: bool) -> object:
    features = np.array([[number, 0.9], [number, 0.1]], dtype=np.float32)
    return train.Sample(features, np.array([1.0, 0.0]), gold, True, f"Sentence {number}.")


def test_out_of_fold_never_scores_a_sentence_its_model_saw(
    train: ModuleType, monkeypatch: pytest.MonkeyPatch
) -> None:
    pytest.importorskip("sklearn")  # the folds are scikit-learn's (the train extra)
    # each hand-checked sentence is among the silver ones too, as in event-location's fit part
    samples = [_sample(train, n, gold) for n in range(12) for gold in (True, False)]

    def fit(chosen: list, logistic: bool) -> _Recorded:
        return _Recorded({int(s.features[0, 0]) for s in chosen})

    monkeypatch.setattr(train, "fit_model", fit)
    scores = train.out_of_fold(samples, logistic=True, seed=0)
    assert all(len(s) == 2 for s in scores)  # every sentence scored, each by a blind model
    assert train.f1_at(samples, scores, 0.5) == 1.0


def test_f1_counts_a_place_given_where_the_gold_has_none(train: ModuleType) -> None:
    placed = _sample(train, 1, True)
    unplaced = train.Sample(placed.features, np.array([0.0, 0.0]), True, False, "Other.")
    scores = [np.array([0.9, 0.1]), np.array([0.8, 0.1])]
    assert train.f1_at([placed, unplaced], scores, 0.5) == pytest.approx(2 / 3)  # tp 1, fp 1
    assert train.f1_at([placed, unplaced], scores, 0.85) == 1.0  # the second left unplaced


@pytest.mark.parametrize(
    ("labels", "has_place", "score", "kind"),
    [
        ([1.0, 0.0], True, [0.9, 0.1], "right"),
        ([0.0, 0.0], False, [0.2, 0.1], "right"),  # none given, none in the gold
        ([0.0, 0.0], False, [0.9, 0.1], "a place where the gold has none"),
        ([0.0, 0.0], True, [0.9, 0.1], "gold place among no candidates"),
        ([0.0, 1.0], True, [0.4, 0.3], "no place given, a candidate is gold"),
        ([0.0, 1.0], True, [0.9, 0.3], "another candidate chosen"),
    ],
)
def test_choice_outcome_in_the_misses_tools_words(
    train: ModuleType, labels: list[float], has_place: bool, score: list[float], kind: str
) -> None:
    features = np.zeros((2, 2), dtype=np.float32)
    sample = train.Sample(features, np.array(labels), True, has_place, "A sentence.")
    assert train.choice_outcome(sample, np.array(score), 0.5) == kind
