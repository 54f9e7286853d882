"""The frame of every scorer: the fixed split, parts, sampling, detokenising, report rows."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from newsgraph.eval.annotate import (
    Annotation,
    annotated_parts,
    detokenize,
    official_counts,
    sample,
)
from newsgraph.eval.base import OfficialPart, Report, Row, by_part, parts_of, split_of


def test_split_is_fixed_and_about_half() -> None:
    ids = [f"doc-{n}" for n in range(2000)]
    parts = by_part(ids, lambda i: i)
    assert set(parts) == {"fit", "heldout"}
    assert 900 < len(parts["heldout"]) < 1100
    assert all(split_of(i) == "heldout" for i in parts["heldout"])
    assert by_part(ids, lambda i: i, "fit") == {"fit": parts["fit"]}
    assert parts_of("both") == ("fit", "heldout")
    with pytest.raises(ValueError):
        parts_of("dev")


def test_sample_is_deterministic_and_capped() -> None:
    items = [f"s{n}" for n in range(50)]
    chosen = sample(items, lambda i: i, 10)
    assert len(chosen) == 10
    assert chosen == sample(list(reversed(items)), lambda i: i, 10)[::-1]
    assert sample(items, lambda i: i, None) == items


def test_detokenize_keeps_offsets() -> None:
    tokens = ["He", "said", "(", "twice", ")", ":", "they", "did", "n't", "go", "."]
    text, offsets = detokenize(tokens)
    assert text == "He said (twice): they didn't go."
    assert [text[s:e] for s, e in offsets] == tokens


def test_report_rows_by_part() -> None:
    rows = [Row("m", value=0.5, split="fit"), Row("m", value=0.7, split="heldout")]
    report = Report("x", "data", [*rows, Row("agreement", value=0.9)])
    assert report.row("m").value == 0.7  # the held-out figure unless asked
    assert report.row("m", "fit").value == 0.5
    assert report.row("agreement").value == 0.9
    assert list(report.part("fit")) == ["m"]
    assert report.to_dict()["splits"]["heldout"] == [
        {"measure": "m", "value": 0.7, "split": "heldout"}
    ]


def test_a_scorer_that_scores_both_parts_prints_only_the_part_asked_for() -> None:
    from newsgraph.eval.report_view import only_part

    rows = [Row("m", value=0.5, split="fit"), Row("m", value=0.7, split="heldout")]
    report = Report("x", "data", [*rows, Row("agreement", value=0.9)])
    assert [r.value for r in only_part(report, "fit").rows] == [0.5, 0.9]
    assert [r.value for r in only_part(report, "heldout").rows] == [0.7, 0.9]
    assert only_part(report, "both").rows == report.rows


def test_cli_prints_the_parts_asked_for(monkeypatch: pytest.MonkeyPatch) -> None:
    import json
    from pathlib import Path

    from eval_fakes import fake_annotate
    from typer.testing import CliRunner

    from newsgraph.cli import app
    from newsgraph.eval import event_location

    monkeypatch.setattr(event_location, "annotate", fake_annotate({}))
    data = Path(__file__).parent / "data" / "eval" / "event-location"
    runner = CliRunner()
    result = runner.invoke(app, ["eval", "event-location", "--data", str(data), "--json"])
    assert result.exit_code == 0, result.output
    assert set(json.loads(result.stdout)["splits"]) == {"fit", "heldout"}
    result = runner.invoke(
        app, ["eval", "event-location", "--data", str(data), "--split", "heldout", "--json"]
    )
    assert set(json.loads(result.stdout)["splits"]) == {"heldout"}
    result = runner.invoke(app, ["eval", "event-location", "--data", str(data), "--split", "dev"])
    assert result.exit_code != 0
    result = runner.invoke(app, ["eval", "event-location", "--data", str(data)])
    assert "fitted on" in result.stdout and "held out" in result.stdout


@dataclass(slots=True)
class _ToyDocument(OfficialPart):
    id: str
    official: str
    text: str


def test_annotated_parts_reads_each_part_and_counts_its_official_files() -> None:
    dev = [_ToyDocument(f"dev-{n}", "dev", f"dev text {n}") for n in range(40)]
    train = [_ToyDocument(f"train-{n}", "train", f"train text {n}") for n in range(3)]
    read: list[list[str]] = []

    def reader(texts: list[str]) -> list[Annotation]:
        read.append(texts)
        return [Annotation(t) for t in texts]

    parts = {part: (golds, notes) for part, golds, notes in
             annotated_parts(dev, train, "both", reader)}  # fmt: skip
    assert set(parts) == {"fit", "heldout"}
    fit, fit_notes = parts["fit"]
    held, held_notes = parts["heldout"]
    assert held and len(fit) > 3
    assert [n.text for n in fit_notes] == [d.text for d in fit]
    assert [n.text for n in held_notes] == [d.text for d in held]
    assert all(d in fit for d in train)  # official train is always fit
    assert official_counts(fit) == {"dev_documents": len(fit) - 3, "train_documents": 3}
    assert official_counts(held) == {"dev_documents": len(held), "train_documents": 0}
    assert len(read) == 2
    assert [p for p, _, _ in annotated_parts(dev, train, "heldout", reader)] == ["heldout"]
