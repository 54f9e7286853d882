"""How well the event lexicon codes PLOVER sentences it was not fitted on (issue 13).

The PLOVER GSR fit part (81 sentences) is scored at a type micro-F1 near 0.97, the held-out part
near 0.84: the lexicon knows the fit sentences better than it knows English. This tool estimates,
inside the fit part only, what the figure would be had no entry been written for the very
sentence it is scored on: a leave-one-sentence-out reading of the lexicon.

For each fit sentence the pipeline's main events are read as ``newsgraph eval plover`` reads
them (``plover.scored_type``); each event's trigger token (``summary.anchor_token``) is traced
to the lexicon entries that fired on it (``lexicon_audit.entry_names``: the word's entry and
its ``by_object`` / ``by_modifier`` / ``by_subject`` sense, or the phrase). An entry's
*support* is the number of fit sentences it fires on in the fit parts of PLOVER, PETRARCH-2,
ConfliBERT, RAMS, WikiEvents and MUC-4 (``lexicon_audit``); its support *outside* a sentence
is that count less the sentence itself. Leaving the sentence out drops every entry whose
support outside it is under ``--min-support`` (default 1: the entry fires on no other fit
sentence anywhere): an event whose entries all drop is lost, and the sentence's types are
scored again without it (a lost true positive is a miss, a lost false positive no longer
counts). Events the lexicon did not give (statements read as acts, folds) are kept as they are.

Rows: the fit micro P/R/F1 as scored and as left out, per type (gold, found, found when left
out), and the events lost with the entry that gave each (the shape to generalise, or a
codebook word that has too few fit sentences to show it).

    python tools/lexicon_audit.py --json /tmp/audit.json     # the entries' fit support
    python tools/plover_cross_fit.py --audit /tmp/audit.json [--min-support 1] [--json FILE]

Without ``--audit`` the support is counted here (the same parse of all six fit parts: minutes).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tools"))

from lexicon_audit import (  # noqa: E402
    audit,
    entry_names,
    phrase_names,
)

from newsgraph.components.events.detect import SentenceDetector  # noqa: E402
from newsgraph.components.events.lexicon import load_lexicon  # noqa: E402
from newsgraph.eval import plover  # noqa: E402
from newsgraph.eval.base import by_part  # noqa: E402


def support_table(rows: list[dict], group_phrases: bool = False) -> dict[str, int]:
    """entry -> fit sentences it fires on (all six fit parts). With ``group_phrases`` a phrase
    counts the fit sentences of every phrase that shares its objects and its sense (type and
    mode): one rule written for a class of verbs ("cut / reduce / lower tariffs") is one entry,
    not one per verb."""
    support = {r["entry"]: int(r["fit_sentences"]) for r in rows}
    if not group_phrases:
        return support
    families = phrase_families(load_lexicon())
    totals: Counter = Counter()
    for name, family in families.items():
        totals[family] += support.get(name, 0)
    return {n: totals[families[n]] if n in families else c for n, c in support.items()}


def phrase_families(lex) -> dict[str, tuple]:
    """phrase entry name -> (objects, preposition, type, mode): the rule it belongs to."""
    out = {}
    for verb, phrases in lex.phrases.items():
        for p in phrases:
            prep = f" {p.prep}" if p.prep else ""
            name = f"phrase:{verb}{prep} {'|'.join(sorted(p.objects))}"
            out[name] = (p.objects, p.prep, p.sense.type, p.sense.mode)
    return out


def event_entries(doc, lex, phrases) -> dict[int, set[str]]:
    """token index -> the lexicon entries of the detector's mentions that hold that token."""
    out: dict[int, set[str]] = defaultdict(set)
    for sent in doc.sents:
        detector = SentenceDetector(sent, lex)
        detector.run()
        for mention in detector.mentions:
            names = entry_names(mention, lex, phrases)
            for token in mention.tokens:
                out[token.i].update(names)
    return out


def sentence_readings(texts: list[str]) -> list[list[tuple[str, list[str]]]]:
    """For each text: its scored main events as (type, lexicon entries of the trigger)."""
    from newsgraph.components.events.summary import anchor_token, main_events
    from newsgraph.eval.annotate import parse_dated

    lex = load_lexicon()
    phrases = phrase_names(lex)
    out = []
    for doc in parse_dated(texts):
        entries = event_entries(doc, lex, phrases)
        events = list(doc._.ng_events or [])
        read = []
        for event in main_events(doc, events):
            kind = plover.scored_type(event)
            if not kind:
                continue
            token = anchor_token(doc, event)
            read.append((kind, sorted(entries.get(token.i, ())) if token is not None else []))
        out.append(read)
    return out


def prf(tp: int, fp: int, fn: int) -> dict[str, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return {
        "precision": round(p, 4),
        "recall": round(r, 4),
        "f1": round(2 * p * r / (p + r), 4) if p + r else 0.0,
    }


def cross_fit(
    gold: list[plover.GoldSentence],
    readings: list[list[tuple[str, list[str]]]],
    support: dict[str, int],
    min_support: int = 1,
) -> dict:
    """Fit scores as scored and with each sentence's own-only entries left out."""
    tally = {"fit": Counter(), "left_out": Counter()}
    per_type: dict[str, Counter] = defaultdict(Counter)
    lost = []
    for sentence, read in zip(gold, readings, strict=True):
        gold_types = sentence.types
        kept = []
        for kind, names in read:
            # an event no entry gave (a statement, a fold) is no lexicon fit: kept
            outside = [support.get(n, 0) - 1 for n in names]
            if names and max(outside) < min_support:
                lost.append(
                    {
                        "id": sentence.id,
                        "type": kind,
                        "right": kind in gold_types,
                        "entries": {n: support.get(n, 0) for n in names},
                    }
                )
                continue
            kept.append(kind)
        for name, types in (("fit", {k for k, _ in read}), ("left_out", set(kept))):
            tally[name]["tp"] += len(types & gold_types)
            tally[name]["fp"] += len(types - gold_types)
            tally[name]["fn"] += len(gold_types - types)
            for t in gold_types:
                per_type[t][f"{name}_found"] += int(t in types)
        for t in gold_types:
            per_type[t]["gold"] += 1
    return {
        "sentences": len(gold),
        "min_support": min_support,
        "fit": prf(**tally["fit"]),
        "left_out": prf(**tally["left_out"]),
        "per_type": {t: dict(c) for t, c in sorted(per_type.items())},
        "lost": lost,
    }


def conflibert_readings(texts: list[str]) -> list[list[tuple[str, object, list[str]]]]:
    """For each text: its kept main events in trigger order, as (scored type, event, lexicon
    entries of the trigger): ``conflibert.main_event`` takes the first."""
    from newsgraph.eval.annotate import annotate

    lex = load_lexicon()
    phrases = phrase_names(lex)
    by_char: list[dict[int, set[str]]] = []

    def on_doc(doc) -> None:
        entries = event_entries(doc, lex, phrases)
        by_char.append({doc[i].idx: names for i, names in entries.items()})

    out = []
    for annotation, entries in zip(annotate(texts, on_doc=on_doc), by_char, strict=True):
        kept = [(t, e) for e in annotation.main if (t := plover.scored_type(e))]
        kept.sort(key=lambda pair: annotation.triggers.get(pair[1].id, (10**9, 0))[0])
        out.append(
            [
                (t, e, sorted(entries.get(annotation.triggers.get(e.id, (-1, 0))[0], ())))
                for t, e in kept
            ]
        )
    return out


def conflibert_cross_fit(
    labels: list[int],
    readings: list[list[tuple[str, object, list[str]]]],
    support: dict[str, int],
    min_support: int = 1,
) -> dict:
    """Pentacode accuracy as scored and with each sentence's own-only entries left out: the
    sentence's class is then its first main event that another fit sentence supports (or no
    event: neutral, 0)."""
    from newsgraph.eval.conflibert import pentacode

    right = {"fit": 0, "left_out": 0}
    lost = []
    for label, read in zip(labels, readings, strict=True):
        kept = [
            (t, e)
            for t, e, names in read
            if not names or max(support.get(n, 0) - 1 for n in names) >= min_support
        ]
        fit_class = pentacode((read[0][0], read[0][1]) if read else None)
        left_class = pentacode(kept[0] if kept else None)
        right["fit"] += int(fit_class == label)
        right["left_out"] += int(left_class == label)
        if fit_class != left_class:
            lost.append(
                {
                    "gold": label,
                    "fit": fit_class,
                    "left_out": left_class,
                    "entries": {n: support.get(n, 0) for n in read[0][2]},
                }
            )
    n = len(labels) or 1
    return {
        "sentences": len(labels),
        "min_support": min_support,
        "fit_accuracy": round(right["fit"] / n, 4),
        "left_out_accuracy": round(right["left_out"] / n, 4),
        "changed": lost,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "eval")
    parser.add_argument("--audit", type=Path, help="rows of lexicon_audit.py --json")
    parser.add_argument("--min-support", type=int, default=1)
    parser.add_argument("--json", type=Path, help="also write the result here")
    parser.add_argument(
        "--group-phrases",
        action="store_true",
        help="a phrase's support is its family's (same objects and sense, any verb)",
    )
    parser.add_argument(
        "--set", choices=("plover", "conflibert"), default="plover", help="which fit part"
    )
    args = parser.parse_args()
    rows = json.loads(args.audit.read_text(encoding="utf-8")) if args.audit else audit(args.data)
    if args.set == "conflibert":
        conflibert_main(args, support_table(rows, args.group_phrases))
        return
    records = plover.read_plover(args.data / plover.DEFAULT_DATA / plover.PLOVER_FILE)
    gold = by_part(records, lambda s: s.id)["fit"]
    readings = sentence_readings([s.text for s in gold])
    result = cross_fit(gold, readings, support_table(rows, args.group_phrases), args.min_support)
    if args.json:
        args.json.write_text(json.dumps(result, indent=1), encoding="utf-8")
    print(f"PLOVER fit, {result['sentences']} sentences (min support {args.min_support})")
    for name in ("fit", "left_out"):
        print(f"  {name:9} " + " ".join(f"{k}={v}" for k, v in result[name].items()))
    print(f"  {'type':10} {'gold':>4} {'fit':>4} {'left out':>8}")
    for t, c in result["per_type"].items():
        print(f"  {t:10} {c['gold']:>4} {c.get('fit_found', 0):>4} {c.get('left_out_found', 0):>8}")
    for item in result["lost"]:
        mark = "TP" if item["right"] else "FP"
        print(f"  lost {mark} {item['type']:9} {item['id']}: {item['entries']}")


def conflibert_main(args: argparse.Namespace, support: dict[str, int]) -> None:
    from newsgraph.eval import conflibert

    gold = [
        g
        for g in by_part(
            conflibert.read_gold(args.data / conflibert.DEFAULT_DATA), lambda g: g.key
        )["fit"]
        if g.label is not None
    ]
    readings = conflibert_readings([g.text for g in gold])
    result = conflibert_cross_fit([g.label for g in gold], readings, support, args.min_support)
    if args.json:
        args.json.write_text(json.dumps(result, indent=1), encoding="utf-8")
    print(f"ConfliBERT fit, {result['sentences']} class sentences (min support {args.min_support})")
    print(
        f"  pentacode accuracy: fit {result['fit_accuracy']},"
        f" left out {result['left_out_accuracy']}"
    )
    for item in result["changed"]:
        print(
            f"  gold {item['gold']} fit {item['fit']} left out {item['left_out']}:"
            f" {item['entries']}"
        )


if __name__ == "__main__":
    main()
