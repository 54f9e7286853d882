"""Walking decision trees stored as flat arrays (exported from scikit-learn by the training
scripts), with numpy only: the shipped package needs no scikit-learn at run time."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
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


# Rows walked through every tree at once by ``BoostedTrees.scores`` (a rows × trees array of
# nodes: a bounded block keeps it small)
WALK_ROWS = 2048
# Up to this many rows ``scores`` walks them as they are: finding the distinct ones costs more
# than it saves (the event-place chooser scores a few rows a call)
FEW_ROWS = 32


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

    # per feature, the sorted thresholds its nodes split at (``split_codes``), built on first use
    splits: list[np.ndarray] | None = field(default=None, init=False, repr=False, compare=False)

    def scores(self, x: np.ndarray) -> np.ndarray:
        """Raw scores (log-odds) of the rows of ``x`` (any leading shape): the baseline plus
        each tree's leaf value, added in tree order, so the figures do not depend on how the
        trees are walked. Many rows: each row of distinct ``split_codes`` is walked once (rows
        that fall between the same thresholds of every feature reach the same leaves)."""
        rows = x.reshape(-1, x.shape[-1])
        if len(rows) <= FEW_ROWS:
            return self._summed_in_order(rows).reshape(x.shape[:-1])
        codes = self.split_codes(rows)
        # each row's codes as one opaque value: far quicker to sort than rows (``axis=0``)
        keys = codes.view(np.dtype((np.void, codes.dtype.itemsize * codes.shape[1]))).ravel()
        _, first, inverse = np.unique(keys, return_index=True, return_inverse=True)
        out = self._summed_in_order(rows[first])
        return out[inverse.reshape(-1)].reshape(x.shape[:-1])

    def _summed_in_order(self, rows: np.ndarray) -> np.ndarray:
        """baseline + tree 1 + tree 2 + ... for each row of the 2-D ``rows``, every tree walked
        at once, a block of rows at a time; ``add.accumulate`` adds left to right, so the sums
        equal the tree-by-tree ones to the bit."""
        out = np.empty(len(rows))
        for begin in range(0, len(rows), WALK_ROWS):
            leaf_values = self.value[self._leaves_together(rows[begin : begin + WALK_ROWS])]
            baseline = np.full((len(leaf_values), 1), self.baseline)
            summed = np.add.accumulate(np.hstack([baseline, leaf_values]), axis=1)
            out[begin : begin + WALK_ROWS] = summed[:, -1]
        return out

    def split_codes(self, rows: np.ndarray) -> np.ndarray:
        """For each row and feature the trees split on, how many of that feature's split
        thresholds lie below the value: a node sends a row left (value at most its
        threshold) exactly when that count is at most its threshold's rank."""
        if self.splits is None:
            inner = ~self.is_leaf.astype(bool)
            used = int(self.feature[inner].max()) + 1 if inner.any() else 0
            self.splits = [np.unique(self.threshold[inner & (self.feature == f)])
                           for f in range(used)]  # fmt: skip
        codes = np.zeros((len(rows), max(1, len(self.splits))), dtype=self._code_type())
        for f, split in enumerate(self.splits):
            codes[:, f] = np.searchsorted(split, rows[:, f])
        return codes

    def _code_type(self) -> type[np.unsignedinteger]:
        # the narrowest codes sort fastest (a histogram-boosted feature splits at 255 at most)
        most = max((len(split) for split in self.splits or []), default=0)
        return np.uint8 if most < 256 else np.uint16 if most < 65536 else np.uint32

    def scores_stepping_together(self, x: np.ndarray) -> np.ndarray:
        """``scores`` of the rows of a 2-D ``x``, walking every tree at once: one numpy step
        per tree level instead of one per tree and level, for callers that score a few rows
        at a time, where the per-call cost dominates."""
        return self.baseline + self.value[self._leaves_together(x)].sum(axis=1)

    def _leaves_together(self, x: np.ndarray) -> np.ndarray:
        """The leaf each row of a 2-D ``x`` reaches in each tree (rows × trees), every tree
        walked at once; a (row, tree) pair leaves the walk at its leaf (most leaves lie well
        above ``depth``)."""
        rows, trees = len(x), len(self.start)
        is_leaf = self.is_leaf.astype(bool, copy=False)
        row = np.repeat(np.arange(rows), trees)
        start = np.tile(self.start, rows)
        node = start.copy()
        active, current = np.arange(rows * trees), start.copy()
        for _ in range(self.depth + 1):
            leaf = is_leaf[current]
            if leaf.any():
                node[active[leaf]] = current[leaf]
                active, current = active[~leaf], current[~leaf]
                if not len(active):
                    break
            go_left = x[row[active], self.feature[current]] <= self.threshold[current]
            current = np.where(go_left, self.left[current], self.right[current]) + start[active]
        node[active] = current
        return node.reshape(rows, trees)

    ARRAYS = ("start", "feature", "threshold", "left", "right", "is_leaf", "value")

    def to_json(self) -> dict[str, Any]:
        arrays = {name: getattr(self, name).tolist() for name in self.ARRAYS}
        return {"baseline": self.baseline, "depth": self.depth, **arrays}

    @classmethod
    def averaged(cls, members: Sequence[BoostedTrees]) -> BoostedTrees:
        """One model that scores the mean of ``members``' scores: their trees one after
        another, each leaf value divided by their number (an ensemble of trees fitted on
        different views of the features ships as one set of trees)."""
        offsets = np.cumsum([0] + [len(m.value) for m in members[:-1]])
        joined = {name: np.concatenate([getattr(m, name) for m in members])
                  for name in ("feature", "threshold", "left", "right", "is_leaf")}  # fmt: skip
        return cls(
            baseline=float(np.mean([m.baseline for m in members])),
            start=np.concatenate([m.start + o for m, o in zip(members, offsets, strict=True)]),
            value=np.concatenate([m.value for m in members]) / len(members),
            depth=max(m.depth for m in members),
            **joined,
        )

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> BoostedTrees:
        kinds = {"threshold": float, "value": float, "is_leaf": bool}
        arrays = {n: np.asarray(data[n], dtype=kinds.get(n, int)) for n in cls.ARRAYS}
        return cls(float(data["baseline"]), depth=int(data["depth"]), **arrays)
