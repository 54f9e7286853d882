"""Walking decision trees stored as flat arrays (exported from scikit-learn by the training
scripts), with numpy only: the shipped package needs no scikit-learn at run time."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np


def leaves_reached(
    x: np.ndarray,
    start: int,
    depth: int,
    feature: np.ndarray,
    threshold: np.ndarray,
    left: np.ndarray,
    right: np.ndarray,
    is_leaf: np.ndarray,
) -> np.ndarray:
    """The leaf each row of the 2-D ``x`` reaches in the tree whose first node is ``start``:
    node ``k`` sends a row left when its ``feature`` is at most ``threshold``; child indices
    are relative to the tree's start. The rows not yet at a leaf step together, ``depth + 1``
    steps at most (a row leaves the walk at its leaf: most leaves lie well above ``depth``)."""
    is_leaf = is_leaf.astype(bool, copy=False)  # the place chooser's npz stores 0 / 1
    node = np.empty(len(x), dtype=np.int64)
    active = np.arange(len(x))
    current = np.full(len(x), start, dtype=np.int64)
    for _ in range(depth + 1):
        leaf = is_leaf[current]
        if leaf.any():
            node[active[leaf]] = current[leaf]
            active, current = active[~leaf], current[~leaf]
            if not len(active):
                return node
        go_left = x[active, feature[current]] <= threshold[current]
        current = np.where(go_left, left[current], right[current]) + start
    node[active] = current
    return node


@dataclass(slots=True)
class BoostedTrees:
    """Gradient-boosted regression trees as flat arrays (scikit-learn's
    ``HistGradientBoostingClassifier``, exported by the training scripts): node ``k`` of the
    tree starting at ``start`` sends a row left when its ``feature`` is at most ``threshold``;
    a row's score (log-odds) is ``baseline`` plus the value of the leaf it reaches in every
    tree. The ECB+ pair scorer keeps them as json, the event-place chooser as npz arrays."""

    baseline: float
    start: np.ndarray  # each tree's first node
    feature: np.ndarray
    threshold: np.ndarray
    left: np.ndarray  # child indices relative to the tree's start
    right: np.ndarray
    is_leaf: np.ndarray
    value: np.ndarray
    depth: int

    def scores(self, x: np.ndarray) -> np.ndarray:
        """Raw scores (log-odds) of the rows of ``x`` (any leading shape)."""
        rows = x.reshape(-1, x.shape[-1])
        out = np.full(len(rows), self.baseline)
        for start in self.start.tolist():
            out += self.value[self._leaves(rows, start)]
        return out.reshape(x.shape[:-1])

    def _leaves(self, rows: np.ndarray, start: int) -> np.ndarray:
        return leaves_reached(
            rows, start, self.depth, self.feature, self.threshold, self.left, self.right,
            self.is_leaf,
        )  # fmt: skip

    def scores_stepping_together(self, x: np.ndarray) -> np.ndarray:
        """``scores`` of the rows of a 2-D ``x``, walking every tree at once: one numpy step
        per tree level instead of one per tree and level, for callers that score a few rows
        at a time, where the per-call cost dominates."""
        starts = self.start[None, :]
        node = np.repeat(starts, len(x), axis=0)
        rows = np.arange(len(x))[:, None]
        for _ in range(self.depth + 1):
            leaf = self.is_leaf[node]
            if leaf.all():
                break
            go_left = x[rows, self.feature[node]] <= self.threshold[node]
            step = np.where(go_left, self.left[node], self.right[node]) + starts
            node = np.where(leaf, node, step)
        return self.baseline + self.value[node].sum(axis=1)

    ARRAYS = ("start", "feature", "threshold", "left", "right", "is_leaf", "value")

    def to_json(self) -> dict[str, Any]:
        arrays = {name: getattr(self, name).tolist() for name in self.ARRAYS}
        return {"baseline": self.baseline, "depth": self.depth, **arrays}

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> BoostedTrees:
        kinds = {"threshold": float, "value": float, "is_leaf": bool}
        arrays = {n: np.asarray(data[n], dtype=kinds.get(n, int)) for n in cls.ARRAYS}
        return cls(float(data["baseline"]), depth=int(data["depth"]), **arrays)
