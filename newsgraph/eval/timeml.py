"""``newsgraph eval timeml``: time expressions against TimeML gold (TimeBank + AQUAINT).

The gold is TempEval-3's TBAQ-cleaned release (see ``../shared/eval/timeml/README.md``). Each
document's creation time (the DCT, ``tid="t0"``) is given to the pipeline as the article's
publication date; only the TIMEX3s inside ``<TEXT>`` are scored.

Measures follow TempEval-3 Task A (UzZaman et al. 2013, section 4.1), on character offsets:

- **span strict**: a system timex matches a gold one when the extents are identical.
- **span relaxed**: a match is any overlap. Pairs are one-to-one (each gold timex is matched by
  at most one system timex and vice versa), so P = matched / system, R = matched / gold.
- **type**, **value**: scored on the relaxed-matched pairs. An attribute is correct when the
  pair relaxed-matches and the attribute is string-equal. With ``correct`` such pairs,
  P = correct / system, R = correct / gold, F1 their harmonic mean: the same denominators as the
  relaxed span measure, hence ``attribute F1 = attribute accuracy x relaxed F1`` where
  accuracy = correct / matched. This is TempEval-3's "value F1" (HeidelTime: 77.61 on TE3
  platinum). The type row also reports the accuracy as its ``value``.

The official scorer matches tokens after its own tokenisation; matching character overlaps is
the usual approximation and differs only where a span boundary falls inside a token.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from .base import Counts, Report, Row, by_part, shared_eval_dir, tag
from .progress import eval_progress

NAME = "timeml"
DEFAULT_DATA = "timeml"
CORPORA = ("timebank", "aquaint")


@dataclass(frozen=True, slots=True)
class Timex:
    """One time expression: character extent, TimeML type and value."""

    start: int
    end: int
    text: str
    type: str
    value: str | None


@dataclass(slots=True)
class GoldDocument:
    doc_id: str
    corpus: str
    text: str
    dct: date | None
    timexes: list[Timex] = field(default_factory=list)


# ---------------------------------------------------------------- reading the gold


def parse_document(path: Path, corpus: str = "") -> GoldDocument:
    """Read a ``.tml`` file: the text of ``<TEXT>`` with tags removed, its TIMEX3s, the DCT."""
    root = ET.parse(path).getroot()
    doc_id = (root.findtext("DOCID") or path.stem).strip()
    dct = _dct_date(root)
    text_el = root.find("TEXT")
    pieces: list[str] = []
    extents: list[tuple[int, int, ET.Element]] = []
    if text_el is not None:
        _walk(text_el, pieces, extents, [0])
    text = "".join(pieces)
    timexes = [
        Timex(start, end, text[start:end], el.get("type", ""), el.get("value"))
        for start, end, el in extents
    ]
    return GoldDocument(doc_id, corpus, text, dct, timexes)


def _walk(
    el: ET.Element, pieces: list[str], extents: list[tuple[int, int, ET.Element]], pos: list[int]
) -> None:
    """Concatenate character data in document order, recording TIMEX3 extents."""
    start = pos[0]
    if el.text:
        pieces.append(el.text)
        pos[0] += len(el.text)
    for child in el:
        _walk(child, pieces, extents, pos)
        if child.tail:
            pieces.append(child.tail)
            pos[0] += len(child.tail)
    if el.tag == "TIMEX3":
        extents.append((start, pos[0], el))


def _dct_date(root: ET.Element) -> date | None:
    for timex in root.iter("TIMEX3"):
        if timex.get("functionInDocument") == "CREATION_TIME" or timex.get("tid") == "t0":
            value = timex.get("value") or ""
            try:
                return date.fromisoformat(value[:10])
            except ValueError:
                return None
    return None


def load_corpus(
    data_dir: Path, corpus: str = "all", limit: int | None = None
) -> list[GoldDocument]:
    """The gold documents of ``corpus`` (``all``, ``timebank`` or ``aquaint``), sorted by name."""
    names = CORPORA if corpus == "all" else (corpus,)
    docs: list[GoldDocument] = []
    for name in names:
        folder = data_dir / name
        if not folder.is_dir():
            raise FileNotFoundError(f"no TimeML folder {folder}")
        docs.extend(parse_document(p, name) for p in sorted(folder.glob("*.tml")))
    return docs[:limit] if limit is not None else docs


# ---------------------------------------------------------------- scoring


@dataclass(slots=True)
class Tally:
    """Counts of one comparison, summed over documents."""

    system: int = 0
    gold: int = 0
    strict: int = 0
    relaxed: int = 0
    type_correct: int = 0
    value_correct: int = 0

    def add(self, other: Tally) -> None:
        for name in self.__slots__:
            setattr(self, name, getattr(self, name) + getattr(other, name))

    def counts(self, matched: int) -> Counts:
        return Counts(tp=matched, fp=self.system - matched, fn=self.gold - matched)


def align(gold: list[Timex], system: list[Timex]) -> list[tuple[Timex, Timex]]:
    """One-to-one relaxed alignment: each gold timex with the overlapping system timex that
    shares most characters (ties: the earlier one), each system timex used once."""
    pairs: list[tuple[Timex, Timex]] = []
    used: set[int] = set()
    for g in gold:
        best, best_overlap = -1, 0
        for i, s in enumerate(system):
            if i in used:
                continue
            overlap = min(g.end, s.end) - max(g.start, s.start)
            if overlap > best_overlap:
                best, best_overlap = i, overlap
        if best >= 0:
            used.add(best)
            pairs.append((g, system[best]))
    return pairs


def score_document(gold: list[Timex], system: list[Timex]) -> Tally:
    """TempEval-3 counts for one document (see the module docstring)."""
    pairs = align(gold, system)
    return Tally(
        system=len(system),
        gold=len(gold),
        strict=sum(1 for g, s in pairs if (g.start, g.end) == (s.start, s.end)),
        relaxed=len(pairs),
        type_correct=sum(1 for g, s in pairs if g.type == s.type),
        value_correct=sum(1 for g, s in pairs if g.value == s.value),
    )


def report_rows(tally: Tally) -> list[Row]:
    relaxed = tally.counts(tally.relaxed)
    rows = [
        Row.from_counts("span strict", tally.counts(tally.strict)),
        Row.from_counts("span relaxed", relaxed),
        Row.from_counts("type", tally.counts(tally.type_correct)),
        Row.from_counts("value", tally.counts(tally.value_correct)),
    ]
    if tally.relaxed:
        rows[2].value = round(tally.type_correct / tally.relaxed, 4)
        rows[3].value = round(tally.value_correct / tally.relaxed, 4)
    return rows


# ---------------------------------------------------------------- running the system


def system_timexes(
    docs: list[GoldDocument], nlp: Any = None, progress: bool = True
) -> Iterator[list[Timex]]:
    """Run spaCy + ``newsgraph_times`` over the gold texts with the DCT as publication date."""
    from ..components.times.component import time_details, timex_pipeline
    from ..model import Article
    from ..nlp import article_docs

    nlp = nlp or timex_pipeline()
    articles = (Article(id=gold.doc_id, text=gold.text, published=gold.dct) for gold in docs)
    with eval_progress("timeml: documents", len(docs), enabled=progress) as step:
        for doc in nlp.pipe(article_docs(nlp, articles), batch_size=16):
            step()
            yield timexes_of(doc.text, doc._.ng_times or [], time_details(doc))


def timexes_of(text: str, times: list[Any], details: list[Any]) -> list[Timex]:
    """The scored view of ``newsgraph_times`` output: TimeML's value and type from each
    time's detail (the record value of "early July" is an interval; TimeML's is ``2024-07``)."""
    out = []
    for i, time in enumerate(times):
        detail = details[i] if i < len(details) else None
        value = detail.timeml_value if detail is not None else time.value
        kind = detail.timeml_type if detail is not None else time.type
        out.append(Timex(time.span.start, time.span.end, time.span.text, kind, value))
    return out


def evaluate(
    data_dir: Path | None = None,
    corpus: str = "all",
    limit: int | None = None,
    nlp: Any = None,
    progress: bool = True,
    split: str = "both",
) -> Report:
    """Score ``newsgraph_times`` on TimeBank and/or AQUAINT (``corpus``), cut by ``split_of``
    of the document name into a fit and a held-out part; see module docstring."""
    data_dir = Path(data_dir) if data_dir is not None else shared_eval_dir() / DEFAULT_DATA
    parts = by_part(load_corpus(data_dir, corpus, limit), lambda d: d.doc_id, split)
    docs = [d for part_docs in parts.values() for d in part_docs]
    systems = dict(zip((d.doc_id for d in docs), system_timexes(docs, nlp, progress), strict=True))
    report = Report(NAME, str(data_dir))
    for part, part_docs in parts.items():
        total = Tally()
        per_corpus: dict[str, Tally] = {}
        errors: list[dict[str, Any]] = []
        for gold in part_docs:
            system = systems[gold.doc_id]
            tally = score_document(gold.timexes, system)
            total.add(tally)
            per_corpus.setdefault(gold.corpus, Tally()).add(tally)
            errors.extend(_value_errors(gold, system))
        report.rows += tag(report_rows(total), part)
        report.details[part] = {
            "documents": len(part_docs),
            "counts": {name: getattr(total, name) for name in total.__slots__},
            "by_corpus": {
                name: {r.measure: r.to_dict() for r in report_rows(t)}
                for name, t in per_corpus.items()
            },
            "value_errors": errors[:200],
        }
    return report


def _value_errors(gold: GoldDocument, system: list[Timex]) -> list[dict[str, Any]]:
    """Misses, spurious timexes and wrong values of one document, for error analysis."""
    out: list[dict[str, Any]] = []
    pairs = align(gold.timexes, system)
    matched_gold = {id(g) for g, _ in pairs}
    matched_sys = {id(s) for _, s in pairs}
    for g, s in pairs:
        if g.value != s.value or g.type != s.type:
            out.append(
                {
                    "doc": gold.doc_id,
                    "gold": [g.text, g.type, g.value],
                    "system": [s.text, s.type, s.value],
                }
            )
    for g in gold.timexes:
        if id(g) not in matched_gold:
            out.append({"doc": gold.doc_id, "missed": [g.text, g.type, g.value]})
    for s in system:
        if id(s) not in matched_sys:
            out.append({"doc": gold.doc_id, "spurious": [s.text, s.type, s.value]})
    return out
