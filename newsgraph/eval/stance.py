"""Stance gold sets (Emergent, FNC-1): loading, the fit / held-out cut, and scoring.

Both are cut with ``split_of`` on the unit a story shares, so one story never straddles the fit
and held-out parts: Emergent on ``claimId`` (every headline about one claim on the same side),
FNC-1 on ``Body ID`` (every headline paired with one body on the same side). FNC-1 ships its
training pairs split 9:1 (``mc91_train_*``) by pair, not by body; newsgraph pools both files and
cuts the pool by body instead. The registered scorers are ``newsgraph.eval.emergent`` and
``newsgraph.eval.fnc1``.
"""

from __future__ import annotations

import csv
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from .base import FIT, Report, Row, parts_of, split_of

EMERGENT_LABELS = {"for": "supports", "against": "disputes", "observing": "reports"}
FNC1_LABELS = {
    "agree": "supports",
    "disagree": "disputes",
    "discuss": "reports",
    "unrelated": "unrelated",
}
FNC1_STANCE_FILES = ("mc91_train_train_stances.csv", "mc91_train_test_stances.csv")


@dataclass(slots=True, frozen=True)
class StancePair:
    group: str  # the split unit: Emergent claimId, FNC-1 Body ID
    text: str  # the model's "headline" side
    other: str  # the model's "body" side
    label: str  # supports | disputes | reports | unrelated

    @property
    def split(self) -> str:
        return split_of(self.group)


def load_emergent(data_dir: Path) -> list[StancePair]:
    """Each article headline against its claim (``emergent.csv``)."""
    with open(Path(data_dir) / "emergent.csv", newline="", encoding="utf-8") as f:
        return [
            StancePair(
                row["claimId"],
                row["articleHeadline"],
                row["claimHeadline"],
                EMERGENT_LABELS[row["articleHeadlineStance"]],
            )
            for row in csv.DictReader(f)
        ]


def load_fnc1(data_dir: Path) -> list[StancePair]:
    """Every (headline, body) pair of both stance files, in file order."""
    csv.field_size_limit(sys.maxsize)
    data_dir = Path(data_dir)
    with open(data_dir / "train_bodies.csv", newline="", encoding="utf-8") as f:
        bodies = {row["Body ID"]: row["articleBody"] for row in csv.DictReader(f)}
    pairs: list[StancePair] = []
    for name in FNC1_STANCE_FILES:
        with open(data_dir / name, newline="", encoding="utf-8") as f:
            for row in csv.DictReader(f):
                body_id = row["Body ID"]
                pairs.append(
                    StancePair(
                        f"fnc1-body-{body_id}",
                        row["Headline"],
                        bodies[body_id],
                        FNC1_LABELS[row["Stance"]],
                    )
                )
    return pairs


def fnc1_score(gold: list[str], predicted: list[str]) -> tuple[float, float]:
    """The FNC-1 weighted score and its maximum: 0.25 for related/unrelated right, 0.75 more
    for the right related class."""
    score = best = 0.0
    for g, p in zip(gold, predicted, strict=True):
        if g == "unrelated":
            best += 0.25
            score += 0.25 if p == "unrelated" else 0.0
            continue
        best += 1.0
        if p != "unrelated":
            score += 0.25
            if p == g:
                score += 0.75
    return score, best


def class_rows(split: str, gold: list[str], predicted: list[str]) -> list[Row]:
    rows = []
    for label in sorted(set(gold)):
        tp = sum(g == p == label for g, p in zip(gold, predicted, strict=True))
        n_pred = sum(p == label for p in predicted)
        n_gold = sum(g == label for g in gold)
        precision = tp / n_pred if n_pred else 0.0
        recall = tp / n_gold if n_gold else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        rows.append(
            Row(
                label,
                round(precision, 4),
                round(recall, 4),
                round(f1, 4),
                None,
                n_gold,
                split,
            )
        )
    return rows


def evaluate_pairs(
    name: str,
    data_dir: Path,
    pairs: list[StancePair],
    model_name: str,
    limit: int | None,
    split: str = "both",
) -> Report:
    """Score the shipped model on the parts asked for: accuracy, per-class P/R/F1, FNC-1
    relative score; each row carries its part."""
    from ..link.stance import load_model

    model = load_model(model_name)
    report = Report(name, str(data_dir))
    for part in parts_of(split):
        chosen = [p for p in pairs if p.split == part][: limit or None]
        predicted = model.predict([(p.text, p.other) for p in chosen])
        gold = [p.label for p in chosen]
        correct = sum(g == p for g, p in zip(gold, predicted, strict=True))
        report.rows.append(Row.ratio("accuracy", correct, len(gold), part))
        if name == "fnc1":
            score, best = fnc1_score(gold, predicted)
            report.rows.append(
                Row(
                    "relative score",
                    value=round(score / best, 4) if best else 0.0,
                    support=len(gold),
                    split=part,
                )
            )
        if part == FIT and limit is None:  # the training script's cross-validated figures
            for measure, value in model.out_of_fold.items():
                report.rows.append(Row(f"{measure} out of fold", value=round(value, 4),
                                       support=len(gold), split=FIT))  # fmt: skip
        report.rows.extend(class_rows(part, gold, predicted))
        report.details[part] = {
            "pairs": len(gold),
            "groups": len({p.group for p in chosen}),
            "gold": dict(Counter(gold)),
            "confusion": {
                f"{g}->{p}": n
                for (g, p), n in sorted(Counter(zip(gold, predicted, strict=True)).items())
            },
        }
    return report
