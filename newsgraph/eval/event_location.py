"""``newsgraph eval event-location``: is an event's place the place where it happened?

Data (``../shared/eval/event-location``, see its README): ``labeled_text.jsonl.zip``, news
sentences with a ``VERB`` span (the event) and the ``LOCATION`` span(s) where that event
happened. Only the hand-checked records (``source`` ``RELABEL``, 496) are gold and scored; the
other 9,686 are silver (a fit resource, not scored).

Rows, on each part:

- **events found**: the share of gold verbs that are the trigger of one of our events;
- **event place** (P/R/F1 over all gold events): ours is the place of our event at the verb,
  right when one of its mentions overlaps a gold location; an event with a place where the gold
  has none is a false positive, a gold location we miss or get wrong a false negative;
- the same on the events we find only, and the **baseline** that takes the first place named
  in the sentence as the event's place;
- **candidate recall**: the share of gold events with a place for which some place we name in
  the sentence overlaps a gold location (the ceiling of any choice among our places).

The split's unit is the sentence text.
"""

from __future__ import annotations

import json
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .annotate import Annotation, annotate, overlaps
from .base import Counts, Report, Row, by_part, tag

NAME = "event-location"
DEFAULT_DATA = "event-location"
ARCHIVE = "labeled_text.jsonl.zip"
MEMBER = "labeled_text.jsonl"
GOLD_SOURCE = "RELABEL"
Range = tuple[int, int]


@dataclass(slots=True)
class GoldRecord:
    text: str
    verb: Range
    locations: list[Range] = field(default_factory=list)


def span_chars(record: dict[str, Any], span: dict[str, Any]) -> Range:
    """A span's characters from its tokens (some records' own character offsets are empty)."""
    tokens = record.get("tokens") or []
    first, last = span.get("token_start"), span.get("token_end")
    if tokens and first is not None and last is not None and last < len(tokens):
        return tokens[first]["start"], tokens[last]["end"]
    return span["start"], span["end"]


def archive_records(raw: str) -> list[dict[str, Any]]:
    """The raw records of the archive's JSON (a list, or one object a line)."""
    text = raw.strip()
    return json.loads(text) if text.startswith("[") else [
        json.loads(line) for line in text.splitlines() if line.strip()
    ]  # fmt: skip


def gold_record(record: dict[str, Any]) -> GoldRecord | None:
    """A raw record's first ``VERB`` span (the event) and its ``LOCATION`` spans; None where it
    has no verb."""
    spans = record.get("spans") or []
    verbs = [span_chars(record, s) for s in spans if s["label"] == "VERB"]
    if not verbs:
        return None
    locations = [span_chars(record, s) for s in spans if s["label"] == "LOCATION"]
    return GoldRecord(record["text"], verbs[0], locations)


def read_records(raw: str, silver: bool = False) -> list[GoldRecord]:
    """The gold records of the archive's JSON (a list, or one object a line); with ``silver``,
    the silver records instead (a fit resource for tools, never scored here)."""
    out = []
    for record in archive_records(raw):
        if (record.get("source") == GOLD_SOURCE) == silver:
            continue
        if (gold := gold_record(record)) is not None:
            out.append(gold)
    return out


def archive_text(data_dir: Path) -> str:
    """The archive's JSON text: the member of the zip, or the member file where there is no zip."""
    path = data_dir / ARCHIVE
    if path.exists():
        with zipfile.ZipFile(path) as archive:
            return archive.read(MEMBER).decode("utf-8")
    return (data_dir / MEMBER).read_text(encoding="utf-8")


def read_gold(data_dir: Path, limit: int | None = None) -> list[GoldRecord]:
    records = read_records(archive_text(data_dir))
    return records[:limit] if limit else records


def first_place(annotation: Annotation) -> list[Range]:
    mentions = [m for p in annotation.places.values() for m in p.mentions]
    first = min(mentions, key=lambda m: m.start, default=None)
    return [(first.start, first.end)] if first else []


def place_counts(mine: list[Range], gold: list[Range]) -> Counts:
    right = any(overlaps(m, g) for m in mine for g in gold)
    return Counts(tp=int(right), fp=int(bool(mine) and not right), fn=int(bool(gold) and not right))


@dataclass(slots=True)
class Tally:
    found: int = 0
    total: int = 0
    place: Counts = field(default_factory=Counts)
    place_found: Counts = field(default_factory=Counts)
    baseline: Counts = field(default_factory=Counts)
    with_place: int = 0
    among_candidates: int = 0

    def add(self, gold: GoldRecord, annotation: Annotation) -> None:
        event = next(
            (e for e in annotation.events
             if (t := annotation.triggers.get(e.id)) and overlaps(t, gold.verb)),
            None,
        )  # fmt: skip
        self.total += 1
        mine = [(s.start, s.end) for s in annotation.place_spans(event)] if event else []
        counts = place_counts(mine, gold.locations)
        self.place.add(counts)
        self.baseline.add(place_counts(first_place(annotation), gold.locations))
        if gold.locations:
            self.with_place += 1
            named = [(m.start, m.end) for p in annotation.places.values() for m in p.mentions]
            self.among_candidates += any(overlaps(m, g) for m in named for g in gold.locations)
        if event is not None:
            self.found += 1
            self.place_found.add(counts)

    def rows(self) -> list[Row]:
        return [
            Row.ratio("events found (trigger at the gold verb)", self.found, self.total),
            Row.from_counts("event place, all gold events", self.place),
            Row.from_counts("event place, events found", self.place_found),
            Row.from_counts("baseline: first place in the sentence", self.baseline),
            Row.ratio("candidate recall: a gold place among our places", self.among_candidates,
                      self.with_place),
        ]  # fmt: skip


def evaluate(
    data_dir: Path, limit: int | None = None, nlp: Any = None, split: str = "both"
) -> Report:
    """Score the event's place against the hand-checked records, fit and held out."""
    records = read_gold(Path(data_dir), limit)
    report = Report(NAME, str(data_dir))
    for part, golds in by_part(records, lambda r: r.text, split).items():
        tally = Tally()
        for gold, annotation in zip(golds, annotate([g.text for g in golds], nlp), strict=True):
            tally.add(gold, annotation)
        report.rows += tag(tally.rows(), part)
        report.details[part] = {"records": len(golds)}
    return report
