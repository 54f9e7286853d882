"""How ``newsgraph eval`` prints a report, and which options a scorer takes."""

from __future__ import annotations

import inspect
from dataclasses import replace
from typing import Any

from rich.console import Console
from rich.table import Table

from .base import Report


def scorer_options(
    evaluate_fn: Any, *, limit: int | None, split: str, subset: str | None
) -> dict[str, Any]:
    """Map the CLI's generic options onto the keywords this scorer accepts."""
    accepted = inspect.signature(evaluate_fn).parameters
    options: dict[str, Any] = {"split": split} if "split" in accepted else {}
    if limit is not None:
        options["limit"] = limit
    if subset is not None:
        key = next((k for k in ("set", "corpus") if k in accepted), None)
        if key is None:
            raise ValueError("this scorer has no --set")
        options[key] = subset
    return options


def only_part(report: Report, split: str) -> Report:
    """The report with the other part's rows left out: a scorer that always scores both parts
    (its models are trained already: emergent, fnc1) still prints only the part asked for."""
    if split == "both":
        return report
    rows = [r for r in report.rows if r.split in (split, None)]
    return replace(report, rows=rows)


def print_report(report: Report, seconds: float, console: Console) -> None:
    """One table per part: the fit part, the held-out part, then reference rows (no split)."""
    blocks = (("fit", "fitted on"), ("heldout", "held out"), (None, "reference"))
    for split, label in blocks:
        rows = [r for r in report.rows if r.split == split]
        if not rows:
            continue
        table = Table(title=f"{report.name} on {report.data}: {label}  ({seconds:.0f} s)")
        for column in ("measure", "precision", "recall", "F1", "value", "support"):
            table.add_column(column, justify="left" if column == "measure" else "right")
        for row in rows:
            table.add_row(
                row.measure,
                *(fmt_figure(v) for v in (row.precision, row.recall, row.f1, row.value)),
                "" if row.support is None else str(row.support),
            )
        console.print(table)


def fmt_figure(value: float | None) -> str:
    return "" if value is None else f"{value:.3f}"
