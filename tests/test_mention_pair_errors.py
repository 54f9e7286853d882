"""tools/mention_pair_errors.py: the scorer's wrong joins and splits counted by kind, on small
probability matrices written here."""

from __future__ import annotations

from types import ModuleType

import numpy as np
import pytest
from helpers import load_tool


@pytest.fixture(scope="module")
def tool() -> ModuleType:
    return load_tool("mention_pair_errors")


def symmetric(n: int, pairs: dict[tuple[int, int], float]) -> np.ndarray:
    p = np.zeros((n, n))
    for (a, b), value in pairs.items():
        p[a, b] = p[b, a] = value
    return p


def test_pair_kinds_partition_the_pairs(tool: ModuleType) -> None:
    lemmas, families = ["attack", "attack", "attacked", "say"], ["attack"] * 3 + ["say"]
    kinds = tool.pair_kinds(lemmas, families, np.array([0, 0, 0, 1]))
    assert sum(mask.astype(int) for mask in kinds.values()).tolist() == np.ones((4, 4)).tolist()
    assert kinds["same lemma"][0, 1] and kinds["same family, other lemma"][0, 2]
    assert kinds["other family, across document clusters"][0, 3]


def test_a_wrong_join_and_two_splits_counted_by_kind(tool: ModuleType) -> None:
    # mentions 0 and 2 share a word but tell two events; 0/1 and 2/3 are each one event
    # told in two words, scored too low to join
    p = symmetric(4, {(0, 2): 0.9, (0, 1): 0.2, (2, 3): 0.1})
    kinds = tool.pair_kinds(["attack", "strike", "attack", "raid"],
                            ["attack", "strike", "attack", "raid"], np.zeros(4))  # fmt: skip
    flag = symmetric(4, {(0, 2): 1.0}) > 0
    counts = tool.error_counts(p, 0.45, np.array([0, 0, 1, 1]), kinds, {"patients_differ": flag})
    assert counts["wrongly joined", "all"] == counts["wrongly joined", "same lemma"] == 1
    assert counts["wrongly joined", "patients_differ"] == 1
    assert counts["wrongly split", "all"] == 2
    assert counts["wrongly split", "other family, one document cluster"] == 2
    assert counts["wrongly joined", "clustering"] == counts["wrongly split", "clustering"] == 0


def test_a_split_the_clustering_made_is_told_apart(tool: ModuleType) -> None:
    # one event: 0/2 scores above the threshold, but its group with 1 averages below it
    p = symmetric(3, {(0, 1): 0.9, (0, 2): 0.5, (1, 2): 0.1})
    kinds = tool.pair_kinds(["fire"] * 3, ["fire"] * 3, np.zeros(3))
    counts = tool.error_counts(p, 0.45, np.zeros(3, dtype=int), kinds, {})
    assert counts["wrongly split", "all"] == 2
    assert counts["wrongly split", "clustering"] == 1
