"""Walking decision trees stored as flat arrays (exported from scikit-learn by the training
scripts), with numpy only: the shipped package needs no scikit-learn at run time."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np

# rows walked at once by ``BoostedTrees.scores``: bounds its rows x trees arrays (a link run
# scores tens of thousands of pairs)
ROWS_PER_BLOCK = 4096


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
    are relative to the tree's start. All rows step together, ``depth + 1`` steps at most."""
    rows = np.arange(len(x))
    node = np.full(len(x), start, dtype=np.int64)
    for _ in range(depth + 1):
        leaf = is_leaf[node]
        if leaf.all():
            break
        go_left = x[rows, feature[node]] <= threshold[node]
        node = np.where(leaf, node, np.where(go_left, left[node], right[node]) + start)
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
        """Raw scores (log-odds) of the rows of ``x`` (any leading shape): the baseline plus
        each tree's leaf value, added in tree order (so the figures do not depend on how the
        trees are walked). Every tree is walked at once, a block of rows at a time: one numpy
        step per tree level, where walking tree by tree cost one per tree and level (the
        event-place chooser scores a few rows with 150 trees per call)."""
        rows = x.reshape(-1, x.shape[-1])
        out = np.empty(len(rows))
        for first in range(0, len(rows), ROWS_PER_BLOCK):
            block = slice(first, first + ROWS_PER_BLOCK)
            leaf_values = self.value[self._leaf_nodes(rows[block])]
            # add.accumulate adds left to right: baseline + tree 1 + tree 2 + ... exactly
            with_baseline = np.column_stack([np.full(len(leaf_values), self.baseline), leaf_values])
            out[block] = np.add.accumulate(with_baseline, axis=1)[:, -1]
        return out.reshape(x.shape[:-1])

    def scores_stepping_together(self, x: np.ndarray) -> np.ndarray:
        """``scores`` of the rows of a 2-D ``x``, its leaf values summed pairwise (numpy's
        ``sum``), as the link stage's pair scores always were: they may differ from ``scores``
        in the last bits."""
        return self.baseline + self.value[self._leaf_nodes(x)].sum(axis=1)

    def _leaf_nodes(self, rows: np.ndarray) -> np.ndarray:
        """The leaf each row of the 2-D ``rows`` reaches in each tree (rows x trees)."""
        starts = self.start[None, :]
        node = np.repeat(starts, len(rows), axis=0)
        row_index = np.arange(len(rows))[:, None]
        for _ in range(self.depth + 1):
            leaf = self.is_leaf[node]
            if leaf.all():
                break
            go_left = rows[row_index, self.feature[node]] <= self.threshold[node]
            step = np.where(go_left, self.left[node], self.right[node]) + starts
            node = np.where(leaf, node, step)
        return node

    ARRAYS = ("start", "feature", "threshold", "left", "right", "is_leaf", "value")

    def to_json(self) -> dict[str, Any]:
        arrays = {name: getattr(self, name).tolist() for name in self.ARRAYS}
        return {"baseline": self.baseline, "depth": self.depth, **arrays}

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> BoostedTrees:
        kinds = {"threshold": float, "value": float, "is_leaf": bool}
        arrays = {n: np.asarray(data[n], dtype=kinds.get(n, int)) for n in cls.ARRAYS}
        return cls(float(data["baseline"]), depth=int(data["depth"]), **arrays)
