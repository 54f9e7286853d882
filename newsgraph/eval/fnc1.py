"""``newsgraph eval fnc1``: stance of article bodies towards headlines (see eval/stance.py)."""

from __future__ import annotations

from pathlib import Path

from .base import Report
from .stance import evaluate_pairs, load_fnc1

NAME = "fnc1"
DEFAULT_DATA = "fnc1"


def evaluate(data_dir: Path, limit: int | None = None, split: str = "both") -> Report:
    """FNC-1 relative score, accuracy and per-class P/R/F1 on the fit and held-out parts (cut by
    Body ID)."""
    return evaluate_pairs(NAME, data_dir, load_fnc1(data_dir), "fnc1", limit, split)
