"""``newsgraph eval polnear``: attribution (cue, source, content) against PolNeAR.

PolNeAR (Newell, Margolin and Ruths, LREC 2018) annotates attributions in US political news as
brat standoff files: ``Cue``, ``Source`` and ``Content`` spans tied by ``E`` lines (see the data
folder's README). We run the full newsgraph pipeline on each article and compare
``doc._.ng_statements``: cue span, speaker span, content spans.

Matching, for precision, recall and F1:

- **strict**: same boundaries, ignoring whitespace and punctuation around each piece (so a
  content with or without its final full stop or its quote marks matches);
- **lenient**: the spans share at least one letter or digit.

Attributions are paired one-to-one on their cues (greedily, largest overlap first); a predicted
source or content counts as correct only inside a pair whose cue matches under the same mode.
Articles with several annotators' files are scored against the first file in name order. The
report adds how far two annotators agree under the same scorer (first file against second, on
the train and dev articles marked twice): the ceiling for any system on this data.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from ..model import Article, Statement
from .base import Counts, Report, Row, by_part, split_of
from .progress import eval_progress

NAME = "polnear"
DEFAULT_DATA = "polnear"
ROLES = ("cue", "source", "content")
MODES = ("strict", "lenient")
# the official split scored: dev, cut by split_of into a fit and a held-out half (train is
# fitted on too, but not scored here: see docs/evaluation.md)
SCORED_SPLIT = "dev"

Range = tuple[int, int]
Pieces = tuple[Range, ...]


@dataclass(frozen=True, slots=True)
class Attribution:
    """One attribution as character pieces (empty tuple: role absent)."""

    cue: Pieces
    source: Pieces
    content: Pieces

    def role(self, name: str) -> Pieces:
        return getattr(self, name)


# --------------------------------------------------------------------------- reading gold


def parse_ann(text: str) -> list[Attribution]:
    """The attributions of one brat ``.ann`` file's text."""
    spans: dict[str, Pieces] = {}
    events: list[dict[str, str]] = []
    for line in text.splitlines():
        fields = line.split("\t")
        if line.startswith("T") and len(fields) >= 2:
            label_offsets = fields[1].split(" ", 1)
            if len(label_offsets) == 2:
                spans[fields[0]] = _parse_offsets(label_offsets[1])
        elif line.startswith("E") and len(fields) >= 2:
            events.append(dict(r.split(":", 1) for r in fields[1].split() if ":" in r))
    attributions = []
    for roles in events:
        attributions.append(
            Attribution(
                cue=spans.get(roles.get("Cue", ""), ()),
                source=spans.get(roles.get("Source", ""), ()),
                content=spans.get(roles.get("Content", ""), ()),
            )
        )
    return [a for a in attributions if a.cue]


def _parse_offsets(offsets: str) -> Pieces:
    pieces = []
    for piece in offsets.split(";"):
        start, end = piece.split()
        pieces.append((int(start), int(end)))
    return tuple(pieces)


def statement_attribution(statement: Statement) -> Attribution:
    """A predicted statement in the gold's shape."""
    cue = ((statement.cue.start, statement.cue.end),) if statement.cue else ()
    span = statement.speaker.span
    source = ((span.start, span.end),) if span else ()
    content = tuple((c.start, c.end) for c in statement.content)
    return Attribution(cue, source, content)


# --------------------------------------------------------------------------- matching


def normalise(text: str, pieces: Pieces) -> Pieces:
    """Pieces trimmed to their first and last letter or digit (a piece of punctuation alone, such
    as the colon of "Pence: ...", to its non-space characters), sorted, and joined where only
    whitespace or punctuation separates them (so "A," + "B" equals "A, B")."""
    # a cue of punctuation alone ("Pence: ...", "― Name") is compared as itself
    keep = str.isalnum if any(ch.isalnum() for s, e in pieces for ch in text[s:e]) else _visible
    trimmed: list[Range] = []
    for start, end in sorted(pieces):
        while start < end and not keep(text[start]):
            start += 1
        while end > start and not keep(text[end - 1]):
            end -= 1
        if end > start:
            trimmed.append((start, end))
    merged: list[Range] = []
    for start, end in trimmed:
        if merged and not any(ch.isalnum() for ch in text[merged[-1][1] : start]):
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return tuple(merged)


def _visible(ch: str) -> bool:
    return not ch.isspace()


def overlap(a: Pieces, b: Pieces) -> int:
    """Characters shared by two normalised piece lists."""
    return sum(max(0, min(e1, e2) - max(s1, s2)) for s1, e1 in a for s2, e2 in b)


def matches(a: Pieces, b: Pieces, mode: str) -> bool:
    """Whether two normalised piece lists match (strict: equal; lenient: overlapping)."""
    if not a or not b:
        return False
    return a == b if mode == "strict" else overlap(a, b) > 0


def score_article(
    text: str, gold: list[Attribution], predicted: list[Attribution]
) -> dict[str, dict[str, Counts]]:
    """Counts per mode and role for one article."""
    norm_gold = [normalised_attribution(text, a) for a in gold]
    norm_pred = [normalised_attribution(text, a) for a in predicted]
    result: dict[str, dict[str, Counts]] = {}
    for mode in MODES:
        pairs = pair_on_cues(norm_gold, norm_pred, mode)
        counts = {role: Counts() for role in ROLES}
        counts["cue"] = Counts(len(pairs), len(predicted) - len(pairs), len(gold) - len(pairs))
        for role in ("source", "content"):
            hits = sum(
                matches(norm_gold[g].role(role), norm_pred[p].role(role), mode) for g, p in pairs
            )
            n_pred = sum(bool(a.role(role)) for a in norm_pred)
            n_gold = sum(bool(a.role(role)) for a in norm_gold)
            counts[role] = Counts(hits, n_pred - hits, n_gold - hits)
        result[mode] = counts
    return result


def normalised_attribution(text: str, attribution: Attribution) -> Attribution:
    return Attribution(*(normalise(text, attribution.role(role)) for role in ROLES))


def pair_on_cues(
    gold: list[Attribution], predicted: list[Attribution], mode: str
) -> list[tuple[int, int]]:
    """One-to-one pairs of matching cues, largest overlap first (ties: better content)."""
    candidates = []
    for g, gold_attr in enumerate(gold):
        for p, pred_attr in enumerate(predicted):
            if matches(gold_attr.cue, pred_attr.cue, mode):
                candidates.append(
                    (
                        overlap(gold_attr.cue, pred_attr.cue),
                        overlap(gold_attr.content, pred_attr.content),
                        -g,
                        -p,
                    )
                )
    candidates.sort(reverse=True)
    used_gold: set[int] = set()
    used_pred: set[int] = set()
    pairs = []
    for _, _, neg_g, neg_p in candidates:
        g, p = -neg_g, -neg_p
        if g in used_gold or p in used_pred:
            continue
        used_gold.add(g)
        used_pred.add(p)
        pairs.append((g, p))
    return pairs


# --------------------------------------------------------------------------- running


def articles(data_dir: Path, split: str) -> Iterator[tuple[Article, list[Attribution]]]:
    """The split's articles (text read without newline translation) with their gold."""
    published = _publication_dates(data_dir / "metadata.tsv")
    text_dir = data_dir / split / "text"
    ann_dir = data_dir / split / "attributions"
    for path in sorted(text_dir.glob("*.txt")):
        name = path.stem
        ann_files = sorted(ann_dir.glob(f"{name}_*.ann"))
        if not ann_files:
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        gold = parse_ann(ann_files[0].read_text(encoding="utf-8", errors="replace"))
        article = Article(id=name, text=text, published=published.get(name), language="en")
        yield article, gold


def annotator_agreement(data_dir: Path, splits: tuple[str, ...] = ("train", "dev")) -> dict:
    """Counts per mode and role of the first annotator against the second, on the articles two
    annotators marked: the ceiling a system can be expected to reach under this scorer."""
    totals = {mode: {role: Counts() for role in ROLES} for mode in MODES}
    for split in splits:
        ann_dir = Path(data_dir) / split / "attributions"
        for path in sorted((Path(data_dir) / split / "text").glob("*.txt")):
            ann_files = sorted(ann_dir.glob(f"{path.stem}_*.ann"))
            if len(ann_files) < 2:
                continue
            text = path.read_text(encoding="utf-8", errors="replace")
            first, second = (
                parse_ann(f.read_text(encoding="utf-8", errors="replace")) for f in ann_files[:2]
            )
            for mode, counts in score_article(text, first, second).items():
                for role, role_counts in counts.items():
                    totals[mode][role].add(role_counts)
    return totals


def _publication_dates(path: Path) -> dict[str, date]:
    dates: dict[str, date] = {}
    if not path.exists():
        return dates
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            try:
                dates[row["filename"]] = date.fromisoformat(row["publication_date"])
            except (KeyError, TypeError, ValueError):
                continue
    return dates


def evaluate(data_dir: Path, split: str = "both", limit: int | None = None) -> Report:
    """Score newsgraph's statements against PolNeAR dev (first ``limit`` articles), cut by
    ``split_of`` of the article name into a fit part and a held-out part (``split``)."""
    from ..nlp import article_docs, get_pipeline

    data_dir = Path(data_dir)
    items = list(articles(data_dir, SCORED_SPLIT))
    if limit is not None:
        items = items[:limit]
    parts = by_part(items, lambda item: item[0].id, split)
    items = [item for part in parts.values() for item in part]
    nlp = get_pipeline()
    totals = {part: {mode: {role: Counts() for role in ROLES} for mode in MODES} for part in parts}

    parsed = nlp.pipe(article_docs(nlp, (article for article, _ in items)), batch_size=16)
    with eval_progress(f"polnear {split}", len(items)) as step:
        for (article, gold), doc in zip(items, parsed, strict=True):
            predicted = [statement_attribution(s) for s in doc._.ng_statements or []]
            part_totals = totals[split_of(article.id)]
            for mode, counts in score_article(article.text, gold, predicted).items():
                for role, role_counts in counts.items():
                    part_totals[mode][role].add(role_counts)
            step()
    return _report(data_dir, {part: len(golds) for part, golds in parts.items()}, totals)


def _report(
    data_dir: Path, n_articles: dict[str, int], totals: dict[str, dict[str, dict[str, Counts]]]
) -> Report:
    report = Report(NAME, f"{data_dir} ({SCORED_SPLIT})")
    for part, part_totals in totals.items():
        for mode in MODES:
            for role in ROLES:
                report.rows.append(Row.from_counts(f"{role} {mode}", part_totals[mode][role], part))
        report.details[part] = {
            "articles": n_articles[part],
            "counts": {
                f"{role} {mode}": {"tp": c.tp, "fp": c.fp, "fn": c.fn}
                for mode, roles in part_totals.items()
                for role, c in roles.items()
            },
        }
    # a reference, not a part: the two annotators on the articles marked twice
    agreement = annotator_agreement(data_dir)
    for mode in MODES:
        for role in ROLES:
            report.rows.append(Row.from_counts(f"agreement: {role} {mode}", agreement[mode][role]))
    return report
