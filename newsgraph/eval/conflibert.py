"""``newsgraph eval conflibert-cameo``: CAMEO pentacode classes and main-event source/target.

Data (``../shared/eval/conflibert-cameo``, see its README): ``data_cameo_class_train.tsv``
(sentence, pentacode class 0–4) and ``data_cameo_ner_train.txt`` (tokens with BIO tags ``S``
source, ``T`` target). A token sentence that is also a class sentence is read from the class
file's text; the others are rebuilt from their tokens.

A sentence's **main event** is the first, in text order, of our main events that a
sentence-level coder keeps (``plover.scored_type``); its class is its quad class in the
pentacode (``maps/conflibert-cameo.yaml``), a hypothetical or refused event counting as the
intent it states; no such event is a neutral statement (0). A sentence that codes a statement
(no main event, or a main event coded CAMEO 01 whose source is not the speaker) takes the
sentence's first statement's speaker as source, and, with no main event or one framed as a
pessimistic or optimistic comment (012 / 013), what the statement is about as target
(``statement_target``).

Rows: class accuracy and macro-F1 over the five classes (and per class), the majority-class
baseline; on token sentences with a gold source (target), the share whose main event's source
(target) is the same span (**exact**: the same words, case, a leading article and edge
punctuation aside) or shares a character with one (**overlap**), and the overlap of a naive
source, the sentence's first run of capitalised words. The split's unit is the sentence (its
letters and digits, so both files' copies fall in the same part).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..model import Event, Span, Statement
from .annotate import Annotation, annotate, detokenize, overlaps
from .arguments import load_map
from .base import Counts, Report, Row, by_part, tag
from .plover import scored_type

NAME = "conflibert-cameo"
DEFAULT_DATA = "conflibert-cameo"
CLASS_FILE = "data_cameo_class_train.tsv"
# CAMEO 012 pessimistic, 013 optimistic comment: coded about what the comment weighs, not
# about the act's own target (ConfliBERT fit: the comment's topic 5 of 5, the act's target 0)
COMMENT_CODES = frozenset({"012", "013"})
NER_FILE = "data_cameo_ner_train.txt"
CLASSES = (0, 1, 2, 3, 4)
Range = tuple[int, int]


@dataclass(slots=True)
class GoldSentence:
    text: str
    label: int | None = None  # pentacode class, where the class file has the sentence
    roles: dict[str, list[Range]] = field(default_factory=dict)  # "source"/"target" -> spans

    @property
    def key(self) -> str:
        return sentence_key(self.text)


def sentence_key(text: str) -> str:
    return re.sub(r"[^0-9a-z]", "", text.lower())


def align(tokens: list[str], text: str) -> list[Range] | None:
    """Each token's character span in ``text``, or None when a token is not found in order."""
    offsets, position = [], 0
    for token in tokens:
        start = text.find(token, position)
        if start < 0:
            return None
        offsets.append((start, start + len(token)))
        position = start + len(token)
    return offsets


def _bio_spans(tags: list[str], offsets: list[Range]) -> dict[str, list[Range]]:
    spans: dict[str, list[Range]] = {}
    current: tuple[str, int, int] | None = None
    for tag_, (start, end) in zip([*tags, "O"], [*offsets, (0, 0)], strict=True):
        kind = tag_[2:] if tag_[:2] in ("B-", "I-") else None
        if current and (tag_.startswith("B-") or kind != current[0]):
            role = {"S": "source", "T": "target"}.get(current[0])
            if role:
                spans.setdefault(role, []).append((current[1], current[2]))
            current = None
        if kind and current is None:
            current = (kind, start, end)
        elif kind and current:
            current = (current[0], current[1], end)
    return spans


def read_gold(data_dir: Path, limit: int | None = None) -> list[GoldSentence]:
    sentences: dict[str, GoldSentence] = {}
    class_path = data_dir / CLASS_FILE
    for line in class_path.read_text(encoding="utf-8").splitlines()[:limit]:
        text, _, label = line.rpartition("\t")
        if text.strip() and label.strip().isdigit():
            gold = GoldSentence(text.strip(), int(label))
            sentences.setdefault(gold.key, gold)
    ner_path = data_dir / NER_FILE
    blocks = ner_path.read_text(encoding="utf-8").split("\n\n") if ner_path.exists() else []
    for block in blocks[:limit]:
        pairs = [line.rsplit(maxsplit=1) for line in block.splitlines() if line.strip()]
        pairs = [p for p in pairs if len(p) == 2]
        if not pairs:
            continue
        tokens, tags = [p[0] for p in pairs], [p[1] for p in pairs]
        gold = sentences.get(sentence_key("".join(tokens)))
        offsets = align(tokens, gold.text) if gold else None
        if gold is None or offsets is None:
            text, offsets = detokenize(tokens)
            gold = sentences.setdefault(sentence_key(text), GoldSentence(text))
        gold.roles = _bio_spans(tags, offsets)
    return list(sentences.values())


def main_event(annotation: Annotation) -> tuple[str, Event] | None:
    """(scored type, event) of the sentence's first main event a coder keeps."""
    kept = [(t, e) for e in annotation.main if (t := scored_type(e))]
    kept.sort(key=lambda pair: annotation.triggers.get(pair[1].id, (10**9, 0))[0])
    return kept[0] if kept else None


def main_statement(annotation: Annotation) -> Statement | None:
    """The sentence's first statement (by its cue) that names its speaker: what a CAMEO coder
    codes (01, make a public statement, its speaker the source) when no event is kept
    ("X expressed concern", "X declined to comment", "X claimed responsibility")."""
    spoken = [s for s in annotation.statements if s.speaker.span is not None]
    spoken.sort(key=lambda s: s.cue.start if s.cue else 10**9)
    return spoken[0] if spoken else None


def statement_about(annotation: Annotation, statement: Statement | None) -> Span | None:
    """What ``statement`` is about or addressed to, as the annotation read it."""
    found = annotation.statement_targets.get(statement.id) if statement else None
    return Span.of(annotation.text, *found) if found else None


def role_span(
    found: tuple[str, Event] | None,
    statement: Statement | None,
    role: str,
    about: Span | None = None,
) -> Span | None:
    """The main event's ``role`` span. The statement's speaker is the source where the sentence
    codes the statement: without a main event, or where the main event is framed as a
    statement about an act (CAMEO 01: "said it is skeptical the program would meet the
    deadline" is the speaker's comment, not the program's act) and names another source.
    Without a main event, or where the main event is framed as a pessimistic or optimistic
    comment (CAMEO 012 / 013: "is skeptical about X's motives in providing ...", "hoped that X
    ... would be in Myanmar"), what the statement is about (``about``) is the target."""
    speaker = statement.speaker.span if statement and role == "source" else None
    if not found:
        return speaker if role == "source" else (about if statement else None)
    if role == "target" and about is not None and found[1].cameo in COMMENT_CODES:
        return about
    ours = getattr(found[1], role).span
    if speaker and (found[1].cameo or "").startswith("01"):
        same = ours is not None and overlaps((ours.start, ours.end), (speaker.start, speaker.end))
        return ours if same else speaker
    return ours


def pentacode(found: tuple[str, Event] | None) -> int:
    mapping = load_map("conflibert-cameo")
    if found is None:
        return 0
    scored, event = found
    root = (event.cameo or "")[:2]
    if root in mapping["neutral_roots"]:
        return 0  # the event is framed as a statement about an act ("considering sending aid")
    if scored == event.type and root in mapping["cameo_pentacode"]:
        return mapping["cameo_pentacode"][root]
    quad = event.quad if scored == event.type else mapping["intent_quads"].get(scored)
    return mapping["pentacode"].get(quad or "neutral", 0)


def bare_phrase(text: str) -> str:
    """``text`` lower-cased without edge punctuation or a leading article, for matching."""
    text = re.sub(r"^\W+|\W+$", "", text.lower())
    return re.sub(r"^(the|a|an)\s+", "", text)


def first_capitalised_run(text: str) -> Range | None:
    match = re.search(r"[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*)*", text)
    return match.span() if match else None


@dataclass(slots=True)
class Tally:
    labels: list[tuple[int, int]] = field(default_factory=list)  # (gold, predicted)
    exact: dict[str, list[int]] = field(
        default_factory=lambda: {"source": [0, 0], "target": [0, 0]}
    )
    overlap: dict[str, list[int]] = field(
        default_factory=lambda: {"source": [0, 0], "target": [0, 0], "baseline": [0, 0]}
    )

    def add(
        self,
        gold: GoldSentence,
        found: tuple[str, Event] | None,
        statement: Statement | None = None,
        about: Span | None = None,
    ) -> None:
        if gold.label is not None:
            self.labels.append((gold.label, pentacode(found)))  # a statement alone is 0
        for role in ("source", "target"):
            spans = gold.roles.get(role, [])
            if not spans:
                continue
            ours = role_span(found, statement, role, about)
            mine = (ours.start, ours.end) if ours else None
            golds = [gold.text[s:e] for s, e in spans]
            self.exact[role][0] += int(
                bool(ours) and any(bare_phrase(ours.text) == bare_phrase(g) for g in golds)
            )
            self.overlap[role][0] += int(bool(mine) and any(overlaps(mine, s) for s in spans))
            self.exact[role][1] += 1
            self.overlap[role][1] += 1
            if role == "source":
                naive = first_capitalised_run(gold.text)
                self.overlap["baseline"][0] += int(
                    bool(naive) and any(overlaps(naive, s) for s in spans)
                )
                self.overlap["baseline"][1] += 1

    def rows(self, majority: int) -> list[Row]:
        per_class = {c: Counts() for c in CLASSES}
        for gold, guess in self.labels:
            if gold == guess:
                per_class[gold].tp += 1
            else:
                per_class[gold].fn += 1
                per_class[guess].fp += 1
        right = sum(g == p for g, p in self.labels)
        macro = sum(c.f1 for c in per_class.values()) / len(CLASSES)
        n = len(self.labels)
        rows = [
            Row.ratio("pentacode class accuracy", right, n),
            Row("pentacode class macro-F1", f1=round(macro, 4), support=n),
            Row.ratio(f"baseline: always class {majority}, accuracy",
                      sum(g == majority for g, _ in self.labels), n),
        ]  # fmt: skip
        rows += [Row.from_counts(f"class {c}", per_class[c]) for c in CLASSES]
        for role in ("source", "target"):
            rows.append(Row.ratio(f"main-event {role} exact span", *self.exact[role]))
            rows.append(Row.ratio(f"main-event {role} overlap", *self.overlap[role]))
        rows.append(Row.ratio("baseline: first capitalised run, source overlap",
                              *self.overlap["baseline"]))  # fmt: skip
        return rows


def evaluate(
    data_dir: Path, limit: int | None = None, nlp: Any = None, split: str = "both"
) -> Report:
    """Score pentacode classes and main-event source/target, fit and held out."""
    sentences = read_gold(Path(data_dir), limit)
    parts = by_part(sentences, lambda s: s.key, split)
    fit_labels = Counter(
        s.label for s in by_part(sentences, lambda s: s.key)["fit"] if s.label is not None
    )
    majority = fit_labels.most_common(1)[0][0] if fit_labels else 0
    report = Report(NAME, str(data_dir))
    for part, golds in parts.items():
        tally = Tally()
        for gold, annotation in zip(golds, annotate([g.text for g in golds], nlp), strict=True):
            statement = main_statement(annotation)
            tally.add(
                gold, main_event(annotation), statement, statement_about(annotation, statement)
            )
        report.rows += tag(tally.rows(majority), part)
        report.details[part] = {
            "sentences": len(golds),
            "confusion": {f"{g} -> {p}": n for (g, p), n in sorted(Counter(tally.labels).items())},
        }
    report.details["majority_class_of_fit_part"] = majority
    return report
