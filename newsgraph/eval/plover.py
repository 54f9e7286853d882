"""``newsgraph eval plover``: PLOVER event coding against the PLOVER and PETRARCH-2 gold records.

Data (``../shared/eval/plover-gsr``, see its README): ``PLOVER_GSR_dev.json`` (PLOVER 0.5b1
labels, mapped to today's 16 types) and ``PETR2_GSR_validation.xml`` (CAMEO codes, a regression
suite whose ``noevents`` sentences should yield no event).

Both sets code each sentence's main event(s). A sentence's predicted types are those of its
*main* events (``events.main_events``: triggers that do not depend on another event's trigger)
that are not negated; a hypothetical material event counts as the intent it expresses (CAMEO
and PLOVER code "will give aid" as AGREE and "would boycott" as THREATEN).

Rows: micro P/R/F1 over (sentence, type) pairs; accuracy on single-event sentences; source and
target agreement on gold events whose type was found and whose gold actor is given (a match
shares a content word with the gold ``actorText``, or the actor's country is the gold code);
PETRARCH-2 P/R/F1 (roots 01 and 02 reported apart) and the count of its ``noevents`` sentences
that yield any event at all (``details``: their ids, and their text with the types we found).
``details`` also holds per-type counts and the confusion table.

Each PETRARCH-2 sentence is parsed with its ``date`` as the publication date, so times resolve
and events dated decades before count as history, not news (``components/events/background.py``).
PLOVER records carry only a placeholder date (2000-01-01) and are parsed without one.
"""

from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from ..model import Event
from .base import Counts, Report, Row, by_part, core_text, tag

NAME = "plover"
DEFAULT_DATA = "plover-gsr"
PLOVER_FILE = "PLOVER_GSR_dev.json"
PETR_FILE = "PETR2_GSR_validation.xml"

# PLOVER 0.5b1 -> current PLOVER (README: the current manual's CAMEO table)
LABEL_MAP = {
    "DEMAND": "REQUEST",
    "FIGHT": "ASSAULT",
    "DISAPPROVE": "ACCUSE",
    "INVESTIGATE": "ACCUSE",
}
INTENT_TYPE = {"cooperation": "AGREE", "conflict": "THREATEN"}
# types that are already a statement of intent or stance; others, when hypothetical, are
# coded as the intent (AGREE for cooperation, THREATEN for conflict)
STANCE_TYPES = frozenset({"AGREE", "REQUEST", "ACCUSE", "REJECT", "THREATEN"})
# words too common in actor phrases to show that two phrases name the same actor
STOPWORDS = frozenset(
    {
        "the",
        "an",
        "of",
        "in",
        "on",
        "at",
        "to",
        "for",
        "and",
        "or",
        "with",
        "by",
        "from",
        "its",
        "his",
        "her",
        "their",
        "official",
        "officials",
        "government",
        "leader",
        "leaders",
        "forces",
        "force",
    }
)


@dataclass(slots=True)
class GoldActor:
    text: str
    code: str


@dataclass(slots=True)
class GoldEvent:
    type: str
    sources: list[GoldActor] = field(default_factory=list)
    targets: list[GoldActor] = field(default_factory=list)


@dataclass(slots=True)
class GoldSentence:
    id: str
    text: str
    events: list[GoldEvent] = field(default_factory=list)
    noevents: bool = False
    date: date | None = None  # the article's date (PETRARCH-2 only: PLOVER's is a placeholder)

    @property
    def types(self) -> set[str]:
        return {e.type for e in self.events}


# ---- reading the gold files --------------------------------------------------------------


def map_plover_label(label: str) -> str:
    return LABEL_MAP.get(label, label)


def _gold_actors(value: Any) -> list[GoldActor]:
    if not isinstance(value, list):
        return []
    return [
        GoldActor(str(a.get("actorText") or ""), str(a.get("code") or ""))
        for a in value
        if isinstance(a, dict) and (a.get("actorText") or a.get("code"))
    ]


def read_plover(path: Path) -> list[GoldSentence]:
    """The PLOVER records grouped by sentence text, labels mapped to today's 16 types."""
    records = json.loads(path.read_text(encoding="utf-8"))
    by_text: dict[str, GoldSentence] = {}
    for record in records:
        text = record.get("text")
        if not text or not record.get("event"):
            continue
        key = " ".join(text.split())
        sentence = by_text.setdefault(key, GoldSentence(str(record.get("id")), key))
        sentence.events.append(
            GoldEvent(
                map_plover_label(str(record["event"])),
                _gold_actors(record.get("source")),
                _gold_actors(record.get("target")),
            )
        )
    return list(by_text.values())


def cameo_to_plover(code: str) -> str | None:
    """A CAMEO event code as a PLOVER type (README table); None for roots 01/02 and bare 080."""
    code = code.strip()
    root = code[:2]
    if root in ("01", "02"):
        return None
    if root == "08":
        if code[:3] in ("081", "082", "083"):
            return "CONCEDE"
        if code[:3] in ("084", "085", "086", "087"):
            return "RETREAT"
        return None
    table = {
        "03": "AGREE",
        "04": "CONSULT",
        "05": "SUPPORT",
        "06": "COOPERATE",
        "07": "AID",
        "09": "ACCUSE",
        "10": "REQUEST",
        "11": "ACCUSE",
        "12": "REJECT",
        "13": "THREATEN",
        "14": "PROTEST",
        "15": "MOBILIZE",
        "16": "SANCTION",
        "17": "COERCE",
        "18": "ASSAULT",
        "19": "ASSAULT",
        "20": "ASSAULT",
    }
    return table.get(root)


_SENTENCE = re.compile(r"<Sentence\b([^>]*?)/?>(.*?)</Sentence>", re.S)
_ATTR = re.compile(r'(\w+)="([^"]*)"')


def _parse_text(block: str) -> str:
    match = re.search(r"<Text>(.*?)</Text>", block, re.S)
    text = " ".join(match.group(1).split()) if match else ""
    if text:
        return text
    parse = re.search(r"<Parse>(.*?)</Parse>", block, re.S)
    words = [
        line.split("\t")[1]
        for line in (parse.group(1) if parse else "").splitlines()
        if line.count("\t") >= 2 and line.split("\t")[0].isdigit()
    ]
    return " ".join(words)


def _petr_date(value: str) -> date | None:
    try:
        return datetime.strptime(value, "%Y%m%d").date()
    except ValueError:
        return None


def read_petrarch(path: Path) -> tuple[list[GoldSentence], int]:
    """PETRARCH-2 sentences with PLOVER gold types, and how many codings had root 01/02."""
    raw = path.read_text(encoding="utf-8")
    sentences = []
    dropped = 0
    for attrs, block in _SENTENCE.findall(raw):
        info = dict(_ATTR.findall(attrs))
        sentence = GoldSentence(
            info.get("id", ""), _parse_text(block), date=_petr_date(info.get("date", ""))
        )
        for coding in re.findall(r"<EventCoding\b([^>]*)/>", block):
            fields = dict(_ATTR.findall(coding))
            if fields.get("noevents") == "True":
                sentence.noevents = True
                continue
            plover_type = cameo_to_plover(fields.get("eventcode", ""))
            if plover_type is None:
                dropped += 1
                continue
            sentence.events.append(
                GoldEvent(
                    plover_type,
                    [GoldActor("", fields.get("sourcecode", "")[:3])],
                    [GoldActor("", fields.get("targetcode", "")[:3])],
                )
            )
        if sentence.text:
            sentences.append(sentence)
    return sentences, dropped


# ---- predictions ----------------------------------------------------------------------------


@dataclass(slots=True)
class Predicted:
    types: set[str]
    events: list[tuple[str, Event]]  # (scored type, event)
    any_event: bool
    countries: dict[str, str]  # actor id -> ISO alpha-3
    all_types: list[str] = field(default_factory=list)  # every event's type, in text order


def scored_type(event: Event) -> str | None:
    """The type a sentence-level coder would give this event (see the module docstring)."""
    if event.negated:
        # "would not provide support": a refused cooperation is a rejection
        if event.irrealis and event.quad and event.quad.endswith("cooperation"):
            return "REJECT"
        return None
    if event.irrealis and event.type not in STANCE_TYPES and event.quad:
        return INTENT_TYPE.get(event.quad.split("_")[-1], event.type)
    return event.type


def _alpha3(country: str | None) -> str | None:
    if not country:
        return None
    if len(country) == 3 and country.isupper():
        return country
    try:
        import pycountry

        found = pycountry.countries.get(alpha_2=country.upper()) if len(country) == 2 else None
        found = found or pycountry.countries.lookup(country)
        return found.alpha_3
    except (LookupError, ImportError):
        return None


def predict(
    texts: Iterable[str], nlp: Any = None, dates: Iterable[date | None] | None = None
) -> list[Predicted]:
    """Our events for each text; ``dates`` are the articles' publication dates (times are
    normalised against them, and events dated long before are history, not news)."""
    from ..components.events.summary import main_events
    from .annotate import parse_dated

    out = []
    for doc in parse_dated(texts, nlp, dates):
        events = list(doc._.ng_events or [])
        scored = [(t, e) for e in main_events(doc, events) if (t := scored_type(e))]
        countries = {a.id: code for a in (doc._.ng_actors or []) if (code := _alpha3(a.country))}
        out.append(
            Predicted(
                {t for t, _ in scored}, scored, bool(events), countries, [e.type for e in events]
            )
        )
    return out


# ---- scoring ----------------------------------------------------------------------------------


def _words(text: str) -> set[str]:
    text = text.lower().replace(".", "")  # "U.N." is "un"
    return {w for w in re.findall(r"[a-z0-9]+", text) if w not in STOPWORDS and len(w) > 1}


def actor_agrees(ref: Any, gold: list[GoldActor], countries: dict[str, str]) -> bool:
    """Our participant matches a gold actor: a shared content word with its text (our span's
    core only, ``core_text``), or the resolved actor's country equals the gold code."""
    words = _words(core_text(ref.span.text)) if ref.span is not None else set()
    code = countries.get(ref.actor or "")
    return any((words & _words(g.text)) or (code is not None and code == g.code) for g in gold)


@dataclass(slots=True)
class Tally:
    types: Counts = field(default_factory=Counts)
    per_type: dict[str, Counts] = field(default_factory=lambda: defaultdict(Counts))
    single_total: int = 0
    single_right: int = 0
    confusion: Counter = field(default_factory=Counter)
    source: list[int] = field(default_factory=lambda: [0, 0])
    target: list[int] = field(default_factory=lambda: [0, 0])
    errors: list[dict[str, Any]] = field(default_factory=list)

    def add(self, gold: GoldSentence, pred: Predicted, actors: bool = True) -> None:
        gold_types, pred_types = gold.types, pred.types
        for t in gold_types | pred_types:
            counts = Counts(
                tp=int(t in gold_types and t in pred_types),
                fp=int(t in pred_types and t not in gold_types),
                fn=int(t in gold_types and t not in pred_types),
            )
            self.types.add(counts)
            self.per_type[t].add(counts)
        if len(gold.events) == 1:
            self.single_total += 1
            guess = pred.events[0][0] if pred.events else "NONE"
            if len(pred_types) == 1:
                guess = next(iter(pred_types))
            self.single_right += int(guess == gold.events[0].type)
            self.confusion[(gold.events[0].type, guess)] += 1
        if gold_types != pred_types:
            self.errors.append(
                {
                    "id": gold.id,
                    "text": gold.text,
                    "gold": sorted(gold_types),
                    "predicted": sorted(pred_types),
                }
            )
        if actors:
            self._actors(gold, pred)

    def _actors(self, gold: GoldSentence, pred: Predicted) -> None:
        for event in gold.events:
            mine = [e for t, e in pred.events if t == event.type]
            if not mine:
                continue
            for role, tally in (("sources", self.source), ("targets", self.target)):
                gold_actors = getattr(event, role)
                if not gold_actors:
                    continue
                tally[1] += 1
                attr = "source" if role == "sources" else "target"
                tally[0] += int(
                    any(actor_agrees(getattr(e, attr), gold_actors, pred.countries) for e in mine)
                )


def _ratio(pair: list[int]) -> float:
    return round(pair[0] / pair[1], 4) if pair[1] else 0.0


def evaluate(
    data_dir: Path, limit: int | None = None, nlp: Any = None, split: str = "both"
) -> Report:
    """Score the events component on the PLOVER dev records and the PETRARCH-2 suite, each
    cut by ``split_of`` of the record (sentence) id into a fit and a held-out part."""
    data_dir = Path(data_dir)
    report = Report(NAME, str(data_dir))
    plover = read_plover(data_dir / PLOVER_FILE)
    plover = plover[:limit] if limit else plover
    preds = dict(zip((g.id for g in plover), predict([g.text for g in plover], nlp), strict=True))
    for part, golds in by_part(plover, lambda g: g.id, split).items():
        tally = Tally()
        for gold in golds:
            tally.add(gold, preds[gold.id])
        report.rows += tag(_plover_rows(tally), part)
        report.details[part] = {
            "confusion": {
                f"{gold} -> {guess}": n for (gold, guess), n in sorted(tally.confusion.items())
            },
            "plover_sentences": len(golds),
            "plover_errors": tally.errors,
        }
    petr_path = data_dir / PETR_FILE
    if petr_path.exists():
        _petrarch(report, petr_path, limit, nlp, split)
    return report


def _plover_rows(tally: Tally) -> list[Row]:
    rows = [
        Row.from_counts("type (sentence, type) micro", tally.types),
        Row.ratio("type accuracy, single-event sentences", tally.single_right, tally.single_total),
        Row("source agreement (type found)", value=_ratio(tally.source), support=tally.source[1]),
        Row("target agreement (type found)", value=_ratio(tally.target), support=tally.target[1]),
    ]
    rows += [
        Row.from_counts(f"type {name}", tally.per_type[name]) for name in sorted(tally.per_type)
    ]
    return rows


def _petrarch(report: Report, path: Path, limit: int | None, nlp: Any, split: str) -> None:
    sentences, dropped = read_petrarch(path)
    if limit:
        sentences = sentences[:limit]
    preds = dict(
        zip(
            (s.id for s in sentences),
            predict([s.text for s in sentences], nlp, [s.date for s in sentences]),
            strict=True,
        )
    )
    for part, golds in by_part(sentences, lambda s: s.id, split).items():
        counts = Counts()
        noevents_with_events: list[str] = []
        noevents_errors: list[dict[str, Any]] = []
        for gold in golds:
            pred = preds[gold.id]
            if gold.noevents and not gold.events:
                if pred.any_event:
                    noevents_with_events.append(gold.id)
                    noevents_errors.append(
                        {"id": gold.id, "text": gold.text, "events": pred.all_types}
                    )
                continue
            gold_types = gold.types
            for t in gold_types | pred.types:
                counts.add(
                    Counts(
                        tp=int(t in gold_types and t in pred.types),
                        fp=int(t in pred.types and t not in gold_types),
                        fn=int(t in gold_types and t not in pred.types),
                    )
                )
        noevents = sum(1 for s in golds if s.noevents and not s.events)
        report.rows.append(Row.from_counts("petr2 type (sentence, type) micro", counts, part))
        report.rows.append(
            Row(
                "petr2 noevents sentences yielding an event",
                value=len(noevents_with_events),
                support=noevents,
                split=part,
            )
        )
        report.details.setdefault(part, {}).update(
            {
                "petr2_root_01_02_codings": dropped,
                "petr2_noevents_with_events": noevents_with_events,
                "petr2_noevents_errors": noevents_errors,
            }
        )
