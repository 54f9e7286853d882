"""``newsgraph eval emergent``: stance of news headlines towards claims (see eval/stance.py)."""

from __future__ import annotations

from pathlib import Path

from .base import Report
from .stance import evaluate_pairs, load_emergent

NAME = "emergent"
DEFAULT_DATA = "emergent"


def evaluate(data_dir: Path, limit: int | None = None, split: str = "both") -> Report:
    """Accuracy and per-class P/R/F1 on the fit and held-out parts (cut by claimId)."""
    return evaluate_pairs(NAME, data_dir, load_emergent(data_dir), "emergent", limit, split)
