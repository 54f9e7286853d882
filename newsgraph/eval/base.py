"""The frame every ``newsgraph eval NAME`` scorer plugs into.

A scorer is a module in ``newsgraph.eval`` with a ``NAME``, a ``DEFAULT_DATA`` (a path relative
to the shared eval folder), and ``evaluate(data_dir, **options) -> Report``; it is listed in
``SCORERS`` in ``newsgraph/eval/__init__.py``. The CLI prints ``Report.rows`` as a table and
``Report.to_dict()`` with ``--json``.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol, TypeVar


@dataclass(slots=True)
class Counts:
    """True positives, false positives and false negatives of one measure."""

    tp: float = 0
    fp: float = 0
    fn: float = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, other: Counts) -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn


@dataclass(slots=True)
class Row:
    """One line of a report: a measure with precision, recall, F1 (or a single ``value``)."""

    measure: str
    precision: float | None = None
    recall: float | None = None
    f1: float | None = None
    value: float | None = None  # accuracy, AUC, mean km, ... where P/R/F1 do not apply
    support: int | None = None
    split: str | None = None  # "fit", "heldout", or None for a reference figure (no split)

    @classmethod
    def from_counts(cls, measure: str, counts: Counts, split: str | None = None) -> Row:
        return cls(
            measure,
            round(counts.precision, 4),
            round(counts.recall, 4),
            round(counts.f1, 4),
            support=int(counts.tp + counts.fn),
            split=split,
        )

    @classmethod
    def ratio(cls, measure: str, right: float, total: float, split: str | None = None) -> Row:
        """A share (accuracy, agreement): ``right / total``, 0 when there is nothing to count."""
        return cls(
            measure, value=round(right / total, 4) if total else 0.0, support=int(total),
            split=split,
        )  # fmt: skip

    def to_dict(self) -> dict[str, Any]:
        return {k: getattr(self, k) for k in self.__slots__ if getattr(self, k) is not None}


@dataclass(slots=True)
class Report:
    name: str
    data: str
    rows: list[Row] = field(default_factory=list)
    details: dict[str, Any] = field(default_factory=dict)  # confusion tables, counts, ...

    def row(self, measure: str, split: str | None = None) -> Row:
        """The row of ``measure`` in ``split``; without one, the held-out row where there is
        one, else the fit row, else the reference row."""
        rows = [r for r in self.rows if r.measure == measure]
        order = (split,) if split else (HELDOUT, FIT, None)
        return next(r for part in order for r in rows if r.split == part)

    def part(self, split: str) -> dict[str, Row]:
        """measure → row of one part (``"fit"`` or ``"heldout"``)."""
        return {r.measure: r for r in self.rows if r.split == split}

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "data": self.data,
            "rows": [r.to_dict() for r in self.rows],
            "splits": {
                part: [r.to_dict() for r in self.rows if r.split == part]
                for part in SPLITS
                if any(r.split == part for r in self.rows)
            },
            "details": self.details,
        }


def shared_eval_dir() -> Path:
    """``$NEWSGRAPH_EVAL_DIR``, else ``../shared/eval`` beside the checkout or the cwd."""
    env = os.environ.get("NEWSGRAPH_EVAL_DIR")
    if env:
        return Path(env)
    for base in (Path(__file__).resolve().parents[2], Path.cwd()):
        candidate = base.parent / "shared" / "eval"
        if candidate.is_dir():
            return candidate
    return Path("../shared/eval")


# Every gold set is cut once, for good, into a part rules, lexicons, thresholds and models are
# fitted on ("fit") and a part that is only ever measured ("heldout"). The cut is a hash of a
# stable document id, so it never depends on file order, on the machine, or on what else is in
# the folder. See docs/evaluation.md for each set's unit of splitting.
FIT = "fit"
HELDOUT = "heldout"
SPLITS = (FIT, HELDOUT)


def split_of(doc_id: str, heldout_share: float = 0.5) -> str:
    """``"fit"`` or ``"heldout"`` for a document id, fixed forever by its SHA-1."""
    import hashlib

    bucket = int(hashlib.sha1(doc_id.encode("utf-8")).hexdigest()[:8], 16) / 0x100000000
    return HELDOUT if bucket < heldout_share else FIT


def parts_of(split: str) -> tuple[str, ...]:
    """The parts a ``--split`` value asks for: ``fit``, ``heldout`` or ``both``."""
    if split == "both":
        return SPLITS
    if split in SPLITS:
        return (split,)
    raise ValueError(f"unknown split {split!r}; choose fit, heldout or both")


T = TypeVar("T")


def by_part(
    items: Iterable[T], doc_id: Callable[[T], str], split: str = "both"
) -> dict[str, list[T]]:
    """``items`` grouped by ``split_of(doc_id(item))``, only the parts ``split`` asks for."""
    wanted = parts_of(split)
    parts: dict[str, list[T]] = {part: [] for part in wanted}
    for item in items:
        part = split_of(doc_id(item))
        if part in parts:
            parts[part].append(item)
    return parts


class InPart(Protocol):
    part: str  # FIT or HELDOUT (an official train item is always FIT)


P = TypeVar("P", bound=InPart)


class OfficialPart:
    """Mixin for a gold item of a set with official train and dev files (its dataclass gives
    ``official`` and ``id``): an official train item is always fit, a dev item's part is fixed
    by its id."""

    __slots__ = ()
    official: str  # "train" or "dev"
    id: str

    @property
    def part(self) -> str:
        return FIT if self.official == "train" else split_of(self.id)


def part_members(dev: Iterable[P], train: Sequence[P], part: str) -> list[P]:
    """One part's gold items in a set with official train and dev files: the fit part is the
    (sampled) train items plus dev's fit half; the held-out part is dev's held-out half only."""
    return [item for item in dev if item.part == part] + (list(train) if part == FIT else [])


def tag(rows: list[Row], split: str) -> list[Row]:
    """``rows`` marked as figures of ``split``."""
    for row in rows:
        row.split = split
    return rows


# where one of our recorded participants' noun phrases runs on past its core ("Russia's Federal
# Security Service (FSB)", "the ambassador in Berlin, who ..."): only the core is compared, so
# that a longer recorded span cannot agree by a word (PLOVER) or overlap (arguments) of its tail.
# The relative words end a core in lower case only: "the WHO" is the World Health Organization.
_CORE_END = re.compile(
    r"\s*[,(;:]|\s+(?:(?i:in|from|at|for|with|to|against|by|on|after|near)|who|which|that)\b"
)


def core_text(text: str) -> str:
    """``text`` up to the first comma, bracket, preposition or relative word after its start."""
    cut = _CORE_END.search(text, 1)
    return text[: cut.start()] if cut else text


def core_range(start: int, text: str) -> tuple[int, int]:
    """The character range of ``text``'s core (``core_text``), ``text`` starting at ``start``."""
    return start, start + len(core_text(text))
