"""Event-location's fit sentences by what became of the event's place (docs/events.md, "Where an
event happened", session 13).

Each scored sentence is sorted, in this order, as right (ours overlaps a gold place, or neither
has one); a place where the gold has none; no event of ours at the gold verb; a gold place that
none of our places in the sentence overlaps (recognition: no choice can be right); no place
given though a candidate is the gold one (the chooser's probability below its threshold);
another candidate chosen. The hand-checked fit sentences by default, ``--silver`` the silver
ones (a larger, noisier proxy for unseen news; ``places_recognition_audit.py el-silver`` sorts
their candidate misses by the name's shape).

    python tools/event_place_misses.py [--silver] [--examples N]
"""

from __future__ import annotations

import argparse
from collections import defaultdict

from miss_kinds import silver_fit_records

from newsgraph.eval import event_location
from newsgraph.eval.annotate import Annotation, annotate, overlaps
from newsgraph.eval.base import by_part, shared_eval_dir

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


def sentence_outcome(record: event_location.GoldRecord, annotation: Annotation) -> tuple[str, str]:
    """The record's outcome and a line showing it: the verb, the gold places, ours."""
    event = next(
        (e for e in annotation.events
         if (t := annotation.triggers.get(e.id)) and overlaps(t, record.verb)),
        None,
    )  # fmt: skip
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
    args = parser.parse_args()
    records = fit_records(args.silver)
    kinds: dict[str, list[str]] = defaultdict(list)
    for record, annotation in zip(records, annotate([r.text for r in records]), strict=True):
        kind, line = sentence_outcome(record, annotation)
        kinds[kind].append(line)
    print(f"== event-location {'silver' if args.silver else 'hand-checked'} fit: {len(records)}")
    for kind, lines in sorted(kinds.items(), key=lambda kv: -len(kv[1])):
        print(f"{len(lines):6d}  {kind}")
        if kind != RIGHT:
            for line in lines[: args.examples]:
                print(f"          {line}")


if __name__ == "__main__":
    main()
