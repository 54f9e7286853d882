"""Membership of token hash columns (``doc.to_array(LEMMA)``, ...) in a fixed set of hashes.

``np.isin`` sorts both arrays on every call, which for an article's few hundred tokens costs
more than looking each value up in a Python set; the result is the same boolean column.
"""

from __future__ import annotations

import numpy as np

# table array's id -> (the array, its values as a set); the tables are module-level constants
_SETS: dict[int, tuple[np.ndarray, frozenset[int]]] = {}


def isin_hashes(values: np.ndarray, table: np.ndarray) -> np.ndarray:
    """``np.isin(values, table)`` for unsigned 64-bit hash arrays."""
    members = _as_set(table)
    return np.fromiter((v in members for v in values.tolist()), dtype=bool, count=len(values))


def _as_set(table: np.ndarray) -> frozenset[int]:
    cached = _SETS.get(id(table))
    if cached is None or cached[0] is not table:
        cached = _SETS[id(table)] = (table, frozenset(table.tolist()))
    return cached[1]
