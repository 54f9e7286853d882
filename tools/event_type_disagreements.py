"""Where our event types disagree with the gold of the event sets' fit parts, by type and trigger.

    python tools/event_type_disagreements.py            # counts, then one line per sentence
    python tools/event_type_disagreements.py --min 2    # only (type, lemma) kinds seen twice
    python tools/event_type_disagreements.py --triggers # also RAMS and WikiEvents fit triggers
    python tools/event_type_disagreements.py --rates --min 2  # kinds wrong more often than right

Fit parts only (``split_of``; held-out sentences are never read here) of three sets coded in
CAMEO's or PLOVER's terms: PLOVER GSR dev (PLOVER types), the PETRARCH-2 suite (CAMEO codes as
PLOVER types, ``eval.plover.cameo_to_plover``) and ConfliBERT CAMEO (the pentacode class of the
sentence's main event; our event's class is ``eval.conflibert.pentacode``). Each disagreement
is one of three kinds, keyed by our scored type and the trigger's lemma:

- ``false``: a main event whose type the sentence's gold lacks (ConfliBERT: the first main
  event, whose class is not the gold class);
- ``missed``: a gold type no main event has (ConfliBERT: a sentence of class 1-4 with no main
  event, keyed ``NONE``);
- ``retyped`` (``--triggers``): a RAMS or WikiEvents fit gold trigger (types mapped onto PLOVER
  by ``eval/maps``) on which we put an event, but of none of its mapped types;
- the trigger's dependency label is kept, so kinds that sit in subordinate clauses show.

A second table counts our type against the gold's: for PLOVER and PETR-2 a false type is
paired with each gold type the sentence's main events miss (``-`` when none is missed), for
ConfliBERT with the gold class, for the trigger sets with the mapped gold types.

docs/events.md (session 10, "plover10") has the tally and what was done about it.
"""

from __future__ import annotations

import argparse
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any

import newsgraph.eval.annotate as annotate_module
from newsgraph.eval import conflibert, plover, rams, wikievents
from newsgraph.eval.annotate import official_parts, overlaps
from newsgraph.eval.base import FIT, by_part, part_members, shared_eval_dir

BATCH = 60  # the pipeline's memory grows over long runs; annotate a batch at a time


@dataclass(frozen=True, slots=True)
class Disagreement:
    set: str
    kind: str  # false | missed | retyped
    type: str  # our scored type (false, retyped) or the gold type (missed); NONE: no main event
    lemma: str
    dep: str
    gold: str
    text: str


def fit_sentences() -> dict[str, list[tuple[str, Any, date | None]]]:
    """(text, gold, date) of each set's fit part: gold types (PLOVER, PETR-2) or a class."""
    data = shared_eval_dir()
    plover_dir = data / plover.DEFAULT_DATA
    petr, _ = plover.read_petrarch(plover_dir / plover.PETR_FILE)
    cameo = conflibert.read_gold(data / conflibert.DEFAULT_DATA)
    return {
        "plover": [
            (s.text, s.types, None)
            for s in by_part(plover.read_plover(plover_dir / plover.PLOVER_FILE), lambda g: g.id)[
                FIT
            ]
        ],
        "petr2": [
            (s.text, s.types, s.date)
            for s in by_part(petr, lambda g: g.id)[FIT]
            if not (s.noevents and not s.events)
        ],
        "conflibert": [
            (s.text, s.label, None)
            for s in by_part(cameo, lambda g: g.key)[FIT]
            if s.label is not None
        ],
    }


def main_triggers(items: list[tuple[str, Any, date | None]]) -> Iterator[tuple[Any, list]]:
    """Each sentence's gold and its scored main events as (type, lemma, dep, class), in text
    order."""
    parses: dict[str, Any] = {}
    parse_dated = annotate_module.parse_dated

    def keeping_parses(texts: Any, nlp: Any = None, dates: Any = None) -> Iterator[Any]:
        for doc in parse_dated(texts, nlp, dates):
            parses[doc.text] = doc
            yield doc

    annotate_module.parse_dated = keeping_parses
    try:
        for first in range(0, len(items), BATCH):
            batch = items[first : first + BATCH]
            annotations = annotate_module.annotate(
                [t for t, _, _ in batch], None, [d for _, _, d in batch]
            )
            for (_, gold, _), annotation in zip(batch, annotations, strict=True):
                doc = parses[annotation.text]
                found = []
                for event in annotation.main:
                    scored = plover.scored_type(event)
                    start, end = annotation.triggers.get(event.id, (0, 0))
                    span = doc.char_span(start, end, alignment_mode="expand")
                    if not scored or span is None or not len(span):
                        continue
                    root = span.root
                    found.append(
                        (start, scored, root.lemma_.lower(), root.dep_,
                         conflibert.pentacode((scored, event)))
                    )  # fmt: skip
                yield gold, [f[1:] for f in sorted(found)]
            parses.clear()
    finally:
        annotate_module.parse_dated = parse_dated


def disagreements(name: str, items: list[tuple[str, Any, date | None]]) -> Iterator[Disagreement]:
    for (text, _, _), (gold, found) in zip(items, main_triggers(items), strict=True):
        if name == "conflibert":
            if found and found[0][3] != gold:
                scored, lemma, dep, _ = found[0]
                yield Disagreement(name, "false", scored, lemma, dep, str(gold), text)
            elif not found and gold != 0:
                yield Disagreement(name, "missed", "NONE", "", "", str(gold), text)
            continue
        ours = {scored for scored, _, _, _ in found}
        wrong = {(scored, lemma): dep for scored, lemma, dep, _ in found if scored not in gold}
        for (scored, lemma), dep in wrong.items():  # once a sentence: its (type, lemma) kind
            yield Disagreement(name, "false", scored, lemma, dep, ",".join(sorted(gold)), text)
        for missed in sorted(gold - ours):
            yield Disagreement(name, "missed", missed, "", "", ",".join(sorted(gold)), text)


def fit_trigger_documents() -> dict[str, list[Any]]:
    """RAMS and WikiEvents fit documents (the parts ``newsgraph eval`` scores as fit)."""
    data = shared_eval_dir()
    documents, _ = rams.read_gold(data / rams.DEFAULT_DATA / rams.DEV_FILE)
    train, dev = official_parts(wikievents.read_gold(data / wikievents.DEFAULT_DATA),
                                wikievents.TRAIN_CAP)  # fmt: skip
    return {
        "rams": by_part(documents, lambda d: d.id)[FIT],
        "wikievents": part_members(dev, train, FIT),
    }


def retyped(name: str, documents: list[Any]) -> Iterator[Disagreement]:
    """Gold triggers we read as an event of none of their mapped types (our type, once per
    gold trigger and type)."""
    docs: list[Any] = []
    texts = [d.text for d in documents]
    for first in range(0, len(texts), BATCH):
        annotations = annotate_module.annotate(texts[first : first + BATCH], on_doc=docs.append)
        for document, annotation, doc in zip(
            documents[first : first + BATCH], annotations, docs, strict=True
        ):
            for gold in document.events:
                at_trigger = {
                    (scored, annotation.triggers[e.id]): e
                    for e in annotation.events
                    if e.id in annotation.triggers
                    and overlaps(annotation.triggers[e.id], gold.trigger)
                    and (scored := plover.scored_type(e) or e.type)
                }
                ours = {scored for scored, _ in at_trigger}
                if not ours or ours & set(gold.types):
                    continue
                sentence = doc.char_span(*gold.trigger, alignment_mode="expand")
                for scored, (start, end) in sorted(at_trigger):
                    root = doc.char_span(start, end, alignment_mode="expand").root
                    text = sentence.sent.text if sentence is not None else ""
                    yield Disagreement(name, "retyped", scored, root.lemma_.lower(), root.dep_,
                                       ",".join(gold.types), text)  # fmt: skip
        docs.clear()


def confusions(found: list[Disagreement]) -> Counter[tuple[str, str]]:
    """(our type, gold type) counts: a false type against each gold type its sentence misses."""
    missed: dict[tuple[str, str], set[str]] = {}
    for d in found:
        if d.kind == "missed":
            missed.setdefault((d.set, d.text), set()).add(d.type)
    pairs: Counter[tuple[str, str]] = Counter()
    for d in found:
        if d.kind == "missed":
            if d.type == "NONE" or not any(
                o.kind == "false" and (o.set, o.text) == (d.set, d.text) for o in found
            ):
                pairs[("-", d.gold if d.type == "NONE" else d.type)] += 1
            continue
        golds = (
            d.gold.split(",")
            if d.kind == "retyped" or d.set == "conflibert"
            else sorted(missed.get((d.set, d.text), {"-"}))
        )
        for gold in golds:
            pairs[(d.type, gold or "-")] += 1
    return pairs


def rates(name: str, items: list[tuple[str, Any, date | None]]) -> Iterator[tuple[str, str, bool]]:
    """(type, lemma, right) of each scored main event (ConfliBERT: the first, right when its
    pentacode class is the gold class; PLOVER, PETR-2: every one, right when the gold has its
    type), so that an entry wrong more often than right across the sets shows."""
    for gold, found in main_triggers(items):
        if name == "conflibert":
            yield from ((s, lemma, c == gold) for s, lemma, _, c in found[:1])
        else:
            yield from ((s, lemma, s in gold) for s, lemma, _, _ in found)


def print_rates(sets: dict[str, list[tuple[str, Any, date | None]]], least: int) -> None:
    tally: dict[tuple[str, str], Counter[str]] = {}
    for name, items in sets.items():
        for scored, lemma, right in rates(name, items):
            tally.setdefault((scored, lemma), Counter())["right" if right else name] += 1
    print("right  wrong  type       lemma       wrong by set")
    for (scored, lemma), n in sorted(tally.items(), key=lambda kv: -sum(kv[1].values())):
        wrong = sum(v for k, v in n.items() if k != "right")
        if wrong > n["right"] and wrong + n["right"] >= least:
            by_set = {k: v for k, v in n.items() if k != "right"}
            print(f"{n['right']:5}  {wrong:5}  {scored:10} {lemma:11} {by_set}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--min", type=int, default=1, help="only kinds seen this often")
    parser.add_argument(
        "--triggers", action="store_true", help="also RAMS, WikiEvents fit triggers retyped"
    )
    parser.add_argument(
        "--rates",
        action="store_true",
        help="only the (type, lemma) kinds wrong more often than right (--min: fires)",
    )
    args = parser.parse_args()
    if args.rates:
        print_rates(fit_sentences(), args.min)
        return
    found = [d for name, items in fit_sentences().items() for d in disagreements(name, items)]
    if args.triggers:
        found += [d for name, docs in fit_trigger_documents().items() for d in retyped(name, docs)]
    kinds = Counter((d.kind, d.type, d.lemma) for d in found)
    print("count  kind    type       lemma       sets")
    for (kind, type_, lemma), n in kinds.most_common():
        if n < args.min:
            continue
        sets = Counter(d.set for d in found if (d.kind, d.type, d.lemma) == (kind, type_, lemma))
        print(f"{n:5}  {kind:7} {type_:10} {lemma or '-':11} {dict(sets)}")
    print("\nours -> gold (ConfliBERT: the gold class; '-' ours: no main event; '-' gold: none)")
    for (ours, gold), n in confusions(found).most_common():
        print(f"{n:5}  {ours:10} -> {gold}")
    print()
    for d in sorted(found, key=lambda d: (d.kind, d.type, d.lemma, d.set)):
        if kinds[(d.kind, d.type, d.lemma)] >= args.min:
            print(f"{d.set}\t{d.kind}\t{d.type}\t{d.lemma}\t{d.dep}\tgold {d.gold}\t{d.text[:160]}")


if __name__ == "__main__":
    main()
