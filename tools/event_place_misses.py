"""Event-location's fit sentences by what became of the event's place (docs/events.md, "Where an
event happened", session 13).

Each scored sentence is sorted, in this order, as right (ours overlaps a gold place, or neither
has one); a place where the gold has none; no event of ours at the gold verb; a gold place that
none of our places in the sentence overlaps (recognition: no choice can be right); no place
given though a candidate is the gold one (the chooser's probability below its threshold);
another candidate chosen. The hand-checked fit sentences by default, ``--silver`` the silver
ones (a larger, noisier proxy for unseen news; ``places_recognition_audit.py el-silver`` sorts
their candidate misses by the name's shape).

``--causes`` (session 17) splits the wrong kinds further: a gold place among no candidates by
the name's shape (``miss_kinds.miss_kind``: NER, gazetteer, landmark, demonym ...); a place
chosen wrongly by what chose it (the chooser's pick, with its preposition and class, or
``narrowest`` moving it to a place the pick locates, or "here" for the speaker's place); no
place given by the gold candidate's probability against the threshold. The choice is replayed
with ``place_choice`` on the event's own target and source (a verbal act's target, which the
pipeline leaves out, is not left out here).

    python tools/event_place_misses.py [--silver] [--examples N] [--causes]
"""

from __future__ import annotations

import argparse
from collections import Counter, defaultdict

from miss_kinds import miss_kind, silver_fit_records
from spacy.tokens import Doc

from newsgraph.components.events.place_choice import (
    FEATURE_NAMES,
    Roles,
    candidate_features,
    load_place_model,
    narrowest,
    sentence_candidates,
)
from newsgraph.eval import event_location
from newsgraph.eval.annotate import Annotation, annotate, overlaps
from newsgraph.eval.base import by_part, shared_eval_dir
from newsgraph.model import Event

Range = tuple[int, int]
RIGHT = "right"
NOT_GOLD = "a place where the gold has none"
NO_EVENT = "no event at the gold verb"
NO_CANDIDATE = "gold place among no candidates"
NONE_CHOSEN = "no place given, a candidate is gold"
OTHER_CHOSEN = "another candidate chosen"


def outcome(found: bool, gold: list[Range], mine: list[Range], named: list[Range]) -> str:
    """What became of one gold event's place: ``found`` (an event of ours at the gold verb),
    ``mine`` (its place's mentions), ``named`` (every place mention of the sentence)."""
    if any(overlaps(m, g) for m in mine for g in gold) or not (gold or mine):
        return RIGHT
    if not gold:
        return NOT_GOLD
    if not found:
        return NO_EVENT
    if not any(overlaps(n, g) for n in named for g in gold):
        return NO_CANDIDATE
    return OTHER_CHOSEN if mine else NONE_CHOSEN


def event_at_verb(record: event_location.GoldRecord, annotation: Annotation) -> Event | None:
    return next(
        (e for e in annotation.events
         if (t := annotation.triggers.get(e.id)) and overlaps(t, record.verb)),
        None,
    )  # fmt: skip


def _named_feature(row: list[float], prefix: str) -> str:
    return next(
        (n.split("=")[1] for n, v in zip(FEATURE_NAMES, row, strict=True)
         if n.startswith(prefix) and v),
        "-",
    )  # fmt: skip


def _in_gold(mention: tuple[int, int, str], record: event_location.GoldRecord) -> bool:
    return any(overlaps(mention[:2], g) for g in record.locations)


def choice_cause(
    kind: str, record: event_location.GoldRecord, event: Event | None, doc: Doc, ann: Annotation
) -> str:
    """Why the sentence is wrong, one level below ``kind`` (``--causes``)."""
    if kind == NO_CANDIDATE:
        return miss_kind(doc, record.locations[0])
    if event is None or kind not in (NOT_GOLD, NONE_CHOSEN, OTHER_CHOSEN):
        return ""
    trigger = ann.triggers[event.id]
    span = doc.char_span(*trigger, alignment_mode="expand")
    model = load_place_model()
    if span is None or model is None:
        return "unknown"
    candidates = sentence_candidates(doc, span.root, list(doc._.ng_place_mentions))
    places = {p.id: p for p in doc._.ng_places}
    source = next((a.country for a in doc._.ng_actors if a.id == event.source.actor), None)
    roles = Roles(event.target.span, event.source.span, source)
    rows = candidate_features(doc, span.root, candidates, places, roles)
    scores = model.probabilities(rows) if len(rows) else []
    if kind == NONE_CHOSEN:
        gold = [n for n, m in enumerate(candidates) if _in_gold(m, record)]
        tenth = int(10 * max((float(scores[n]) for n in gold), default=0.0)) / 10
        return f"gold candidate's p {tenth:.1f}-{tenth + 0.1:.1f} (threshold {model.threshold:.3f})"
    if not len(rows) or all(c[2] != event.place for c in candidates):
        return "not a candidate's place (the speaker's 'here')"
    pick = int(scores.argmax())
    if narrowest(doc, candidates[pick], candidates, places)[2] != candidates[pick][2]:
        return "narrowest: the pick locates another candidate"
    row = list(rows[pick])
    return f"chooser: prep {_named_feature(row, 'prep=')}, class {_named_feature(row, 'class=')}"


def sentence_outcome(record: event_location.GoldRecord, annotation: Annotation) -> tuple[str, str]:
    """The record's outcome and a line showing it: the verb, the gold places, ours."""
    event = event_at_verb(record, annotation)
    mine = [(s.start, s.end) for s in annotation.place_spans(event)] if event else []
    named = [(m.start, m.end) for p in annotation.places.values() for m in p.mentions]
    kind = outcome(event is not None, record.locations, mine, named)
    text = record.text

    def quoted(spans: list[Range]) -> str:
        return ", ".join(repr(text[s:e]) for s, e in spans) or "-"

    verb = text[record.verb[0] : record.verb[1]]
    return kind, f"{verb}: gold {quoted(record.locations)}; ours {quoted(mine)}"


def fit_records(silver: bool) -> list[event_location.GoldRecord]:
    if silver:
        return silver_fit_records()
    records = event_location.read_gold(shared_eval_dir() / event_location.DEFAULT_DATA)
    return by_part(records, lambda r: r.text, "fit")["fit"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--silver", action="store_true", help="the silver fit sentences")
    parser.add_argument("--examples", type=int, default=8)
    parser.add_argument("--causes", action="store_true", help="each wrong kind by its cause")
    args = parser.parse_args()
    records = fit_records(args.silver)
    kinds: dict[str, list[str]] = defaultdict(list)
    causes: dict[str, Counter[str]] = defaultdict(Counter)
    docs: list[Doc] = []
    annotations = annotate([r.text for r in records], on_doc=docs.append)
    for record, annotation, doc in zip(records, annotations, docs, strict=True):
        kind, line = sentence_outcome(record, annotation)
        kinds[kind].append(line)
        if args.causes and kind != RIGHT:
            event = event_at_verb(record, annotation)
            causes[kind][choice_cause(kind, record, event, doc, annotation)] += 1
    print(f"== event-location {'silver' if args.silver else 'hand-checked'} fit: {len(records)}")
    for kind, lines in sorted(kinds.items(), key=lambda kv: -len(kv[1])):
        print(f"{len(lines):6d}  {kind}")
        if kind != RIGHT:
            for line in lines[: args.examples]:
                print(f"          {line}")
        for cause, count in causes[kind].most_common():
            print(f"        {count:5d}  {cause or '-'}")


if __name__ == "__main__":
    main()
