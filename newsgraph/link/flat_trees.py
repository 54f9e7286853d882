"""Walking decision trees stored as flat arrays (exported from scikit-learn by the training
scripts), with numpy only: the shipped package needs no scikit-learn at run time."""

from __future__ import annotations

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
