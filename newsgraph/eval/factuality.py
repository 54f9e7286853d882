"""``newsgraph eval factuality``: is each event stated as fact, as not having happened, or as
uncertain?

Data (``../shared/eval/factuality``, see its README): UW and MEANTIME sentences in CoNLL form,
each predicate with a factuality score from -3 (certainly not) to +3 (certainly happened). A
predicate's gold class: **asserted** at ``ASSERTED_FROM`` or above, **negated** at
``NEGATED_UP_TO`` or below, **uncertain** between (hedged, hypothetical, reported as possible).

Our class for a predicate: the event whose trigger token is the predicate: ``negated`` →
negated, else ``hypothetical`` → uncertain, else asserted (``future`` included: UW scores a
stated future as a fact, 212 of UW train's 222 predicates with the auxiliary "will" score 1 or
more); a statement whose cue is the predicate is asserted (the speech happened); a predicate
neither touches is asserted, the reading a pipeline gives every clause it does not flag. These
are the output's own fields (the annotate contract), so the main rows score what a user or an
outside scorer sees.

A second reading (rows ``learned factuality alone: ...``) replaces ``hypothetical`` with the
event's learned ``factuality`` (``components/events/factuality.py``, in memory): the model's
reading without the rules' irrealis cues that the output's ``hypothetical`` also keeps
("asked to", "would", "could": UW's annotators mostly score those as stated).

A third reading (rows ``learned model on every predicate: ...``) is the model's own, on the
word of every predicate in the pipeline's parse, event or not: the held-out counterpart of the
cross-validated figure ``tools/train_factuality.py`` prints. The gap between it and the main
rows is coverage: the events cover about one predicate in eight (the conflict and political
acts the record keeps), and the rest (said, have, return, comment ...) read as asserted.

Rows: accuracy and macro-F1 over the three classes (and per class), the same for the "always
asserted" baseline, how many predicates (and how many gold negated or uncertain ones) carry one
of our events (coverage), and accuracy and macro-F1 there.

Split: the unit is the sentence (corpus and text). The fit part is a fixed sample of
``TRAIN_CAP`` train sentences of each corpus plus the dev sentences ``split_of`` puts there;
the held-out part is the other dev sentences.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .annotate import Annotation, annotate, detokenize, overlaps, sample
from .base import Counts, OfficialPart, Report, Row, part_members, parts_of, tag

NAME = "factuality"
DEFAULT_DATA = "factuality"
CORPORA = ("uw", "meantime")
ASSERTED_FROM = 1.0
NEGATED_UP_TO = -1.0
CLASSES = ("asserted", "negated", "uncertain")
TRAIN_CAP = 400  # train sentences of each corpus scored in the fit part
Range = tuple[int, int]


@dataclass(slots=True)
class GoldSentence(OfficialPart):
    corpus: str
    official: str
    text: str
    predicates: list[tuple[Range, str]] = field(default_factory=list)  # (token span, class)

    @property
    def id(self) -> str:
        return f"{self.corpus}:{self.text}"


def gold_class(score: float) -> str:
    if score >= ASSERTED_FROM:
        return "asserted"
    if score <= NEGATED_UP_TO:
        return "negated"
    return "uncertain"


def read_conll(path: Path, corpus: str, official: str) -> list[GoldSentence]:
    sentences = []
    for block in path.read_text(encoding="utf-8").split("\n\n"):
        rows = [line.split("\t") for line in block.splitlines() if line.strip()]
        rows = [r for r in rows if len(r) >= 3]
        if not rows:
            continue
        text, offsets = detokenize([r[1] for r in rows])
        sentence = GoldSentence(corpus, official, text)
        for row, span in zip(rows, offsets, strict=True):
            try:
                sentence.predicates.append((span, gold_class(float(row[2]))))
            except ValueError:
                continue  # "_": not a predicate
        if sentence.predicates:
            sentences.append(sentence)
    return sentences


def read_gold(data_dir: Path, limit: int | None = None) -> list[GoldSentence]:
    sentences = []
    for corpus in CORPORA:
        for official in ("train", "dev"):
            path = data_dir / f"{corpus}_{official}.conll"
            if path.exists():
                sentences += read_conll(path, corpus, official)[:limit]
    return sentences


def predicted_class(span: Range, annotation: Annotation, learned: bool = False) -> tuple[str, bool]:
    """(our class for the predicate at ``span``, whether one of our events is there), from the
    output's ``negated`` / ``hypothetical`` (a ``future`` event is stated: asserted), or with
    ``learned`` from the event's learned ``factuality`` in place of ``hypothetical``."""
    for event in annotation.events:
        trigger = annotation.triggers.get(event.id)
        if trigger and overlaps(trigger, span):
            if event.negated:
                return "negated", True
            uncertain = event.factuality == "uncertain" if learned else event.hypothetical
            return ("uncertain" if uncertain else "asserted"), True
    for statement in annotation.statements:
        if statement.cue and overlaps((statement.cue.start, statement.cue.end), span):
            return "asserted", False
    return "asserted", False


@dataclass(slots=True)
class Tally:
    pairs: list[tuple[str, str]] = field(default_factory=list)  # (gold, ours)
    covered: list[tuple[str, str]] = field(default_factory=list)  # where we have an event
    learned: list[tuple[str, str]] = field(default_factory=list)  # (gold, learned reading)
    model: list[tuple[str, str]] = field(default_factory=list)  # (gold, model on the word)
    # where we have an event and the output's flags (the rules' irrealis cues with the model)
    # and the learned factuality alone disagree: (output, learned, gold) -> predicates
    disagreements: Counter[tuple[str, str, str]] = field(default_factory=Counter)

    def add(self, gold: GoldSentence, annotation: Annotation) -> None:
        for span, label in gold.predicates:
            ours, covered = predicted_class(span, annotation)
            learned = predicted_class(span, annotation, learned=True)[0]
            self.pairs.append((label, ours))
            self.learned.append((label, learned))
            self.model.append((label, annotation.readings.get(span, "asserted")))
            if covered:
                self.covered.append((label, ours))
                if ours != learned:
                    self.disagreements[(ours, learned, label)] += 1

    def rows(self) -> list[Row]:
        always = [(g, "asserted") for g, _ in self.pairs]
        per_class = class_counts(self.pairs)
        rows = [
            Row.ratio("accuracy", *right_total(self.pairs)),
            Row("macro-F1 (asserted, negated, uncertain)", f1=macro_f1(self.pairs),
                support=len(self.pairs)),
            Row.ratio("baseline: always asserted, accuracy", *right_total(always)),
            Row("baseline: always asserted, macro-F1", f1=macro_f1(always),
                support=len(always)),
        ]  # fmt: skip
        rows += [
            Row.ratio("learned factuality alone: accuracy", *right_total(self.learned)),
            Row("learned factuality alone: macro-F1",
                f1=macro_f1(self.learned), support=len(self.learned)),
        ]  # fmt: skip
        rows += [
            Row.ratio("learned model on every predicate: accuracy", *right_total(self.model)),
            Row("learned model on every predicate: macro-F1",
                f1=macro_f1(self.model), support=len(self.model)),
        ]  # fmt: skip
        rows += [Row.from_counts(f"class {c}", per_class[c]) for c in CLASSES]
        rows.append(Row.ratio("predicates with one of our events", len(self.covered),
                              len(self.pairs)))  # fmt: skip
        rows.append(Row.ratio(
            "negated or uncertain predicates with one of our events",
            sum(g != "asserted" for g, _ in self.covered),
            sum(g != "asserted" for g, _ in self.pairs),
        ))  # fmt: skip
        rows.append(Row.ratio("accuracy where we have an event", *right_total(self.covered)))
        rows.append(Row("macro-F1 where we have an event", f1=macro_f1(self.covered),
                        support=len(self.covered)))  # fmt: skip
        return rows


def class_counts(pairs: list[tuple[str, str]]) -> dict[str, Counts]:
    counts = {c: Counts() for c in CLASSES}
    for gold, ours in pairs:
        if gold == ours:
            counts[gold].tp += 1
        else:
            counts[gold].fn += 1
            counts[ours].fp += 1
    return counts


def macro_f1(pairs: list[tuple[str, str]]) -> float:
    counts = class_counts(pairs)
    return round(sum(c.f1 for c in counts.values()) / len(CLASSES), 4)


def right_total(pairs: list[tuple[str, str]]) -> tuple[int, int]:
    return sum(g == o for g, o in pairs), len(pairs)


def evaluate(
    data_dir: Path,
    limit: int | None = None,
    nlp: Any = None,
    split: str = "both",
    train_cap: int | None = TRAIN_CAP,
) -> Report:
    """Score asserted / negated / uncertain per predicate, fit and held out."""
    sentences = read_gold(Path(data_dir), limit)
    train = [
        s
        for corpus in CORPORA
        for s in sample(
            [s for s in sentences if s.official == "train" and s.corpus == corpus],
            lambda s: s.id,
            train_cap,
        )
    ]
    dev = [s for s in sentences if s.official == "dev"]
    report = Report(NAME, str(data_dir))
    for part in parts_of(split):
        golds = part_members(dev, train, part)
        tally = Tally()
        texts = [g.text for g in golds]
        spans = [[span for span, _ in g.predicates] for g in golds]
        for gold, annotation in zip(golds, annotate(texts, nlp, read_spans=spans), strict=True):
            tally.add(gold, annotation)
        report.rows += tag(tally.rows(), part)
        report.details[part] = {
            "sentences": Counter(f"{s.corpus} {s.official}" for s in golds),
            "confusion": {f"{g} -> {o}": n for (g, o), n in sorted(Counter(tally.pairs).items())},
            "output vs learned where they disagree (output / learned / gold)": {
                " / ".join(key): n for key, n in sorted(tally.disagreements.items())
            },
        }
    return report
