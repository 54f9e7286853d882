"""Train the events keep/drop decision (``newsgraph/components/events/decision.py``).

Reads the FIT parts only (``newsgraph.eval.base.split_of``) of PLOVER GSR dev (sentences and
their gold types), the PETRARCH-2 suite (CAMEO codes as PLOVER types, each sentence parsed with
its date; ``noevents`` sentences are not scored by ``newsgraph eval plover`` and are left out)
and ConfliBERT CAMEO (sentences and their pentacode class), runs the whole pipeline on them with
the decision off (cached as JSON under ``--cache``), and labels each main event a coder would
score (``plover.scored_type``): **keep** when it is what the gold codes (PLOVER, PETR-2: its
scored type is one of the sentence's gold types; ConfliBERT: its pentacode is the sentence's
class, so every event of a neutral sentence is a drop), else **drop**.

The model is an L2-regularised logistic regression (scikit-learn's liblinear: deterministic).
The penalty ``C`` and the keep threshold are chosen by 5-fold cross-validation grouped by
sentence (each sentence is its own document in all three sets) *within the fit part*, maximising
the mean of the three sets' sentence-level figures re-scored on the out-of-fold decisions
(ConfliBERT pentacode accuracy, PLOVER and PETR-2 (sentence, type) micro-F1); with the lexicon
alone as the reference row (threshold 0: keep all). The last line says whether the chosen
setting beats the lexicon alone out of fold (the condition for turning the decision on).
Feature names seen fewer than ``--min-count`` times are left out.
Writes ``newsgraph/components/events/data/en/event_decision.npz`` (names, weights, bias,
threshold, C, and the number of fit sentences of each set).

    python tools/train_event_decision.py [--data ../shared/eval] [--cache /tmp/decision]
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import numpy as np
from checkout import ROOT  # first: the newsgraph beside it, not an installed one

from newsgraph.components.events.decision import MODEL_PATH, main_event_features
from newsgraph.components.events.lexicon import load_lexicon
from newsgraph.eval import conflibert, plover
from newsgraph.eval.annotate import parse_dated
from newsgraph.eval.base import by_part

C_GRID = (0.1, 0.3, 1.0, 3.0, 10.0)
# how far below the lexicon alone either set's CV figure may fall (PLOVER's fit part has 81
# sentences: one lost (sentence, type) pair moves its F1 by about 0.008)
TOLERANCE = 0.01
# how far the in-sample figures may run ahead of the out-of-fold ones (the fit-held-out gap a
# setting opens: issue 13 asks for at most 0.03 between the columns)
MAX_GAP = 0.01
THRESHOLDS = tuple(round(t, 2) for t in np.arange(0.2, 0.71, 0.05))
TYPE_SETS = ("plover", "petr2")  # scored by (sentence, type) micro-F1; ConfliBERT by its class
FIGURES = ("plover_f1", "petr2_f1", "conflibert_accuracy")


@dataclass(slots=True)
class Sentence:
    """One fit sentence: its set, gold (PLOVER types or a pentacode class) and main events."""

    set: str  # plover | petr2 | conflibert
    key: str
    gold: list[str] | int
    events: list[dict]  # {"names", "scored", "pentacode"} of each main event a coder scores


FitItem = tuple[str, str, str, list[str] | int, date | None]


def fit_sentences(data: Path) -> list[FitItem]:
    """(set, key, text, gold, publication date) of the fit parts."""
    out: list[FitItem] = []
    golds = plover.read_plover(data / "plover-gsr" / plover.PLOVER_FILE)
    for g in by_part(golds, lambda g: g.id, "fit")["fit"]:
        out.append(("plover", g.id, g.text, sorted(g.types), None))
    petr, _ = plover.read_petrarch(data / "plover-gsr" / plover.PETR_FILE)
    for g in by_part(petr, lambda g: g.id, "fit")["fit"]:
        if not (g.noevents and not g.events):  # as newsgraph eval plover scores PETR-2
            out.append(("petr2", g.id, g.text, sorted(g.types), g.date))
    cameo = conflibert.read_gold(data / "conflibert-cameo")
    for s in by_part(cameo, lambda s: s.key, "fit")["fit"]:
        if s.label is not None:
            out.append(("conflibert", s.key, s.text, s.label, None))
    return out


def annotated(data: Path, cache: Path) -> list[Sentence]:
    """The fit sentences with their main events' features, parsed once and cached."""
    path = cache / "decision_fit.json"
    items = fit_sentences(data)
    if path.exists():
        rows = json.loads(path.read_text())
        if len(rows) == len(items):
            return [Sentence(**row) for row in rows]
    from newsgraph.nlp import get_pipeline

    nlp, lexicon = get_pipeline(), load_lexicon()
    out = []
    docs = parse_dated([i[2] for i in items], nlp, [i[4] for i in items])
    for (name, key, _, gold, _), doc in zip(items, docs, strict=True):
        events = []
        pairs = main_event_features(doc, list(doc._.ng_events or []), lexicon)
        for event, names in pairs:
            scored = plover.scored_type(event)
            if scored is None:
                continue  # negated: no coder scores it, whatever we decide
            events.append(
                {
                    "names": names,
                    "scored": scored,
                    "pentacode": conflibert.pentacode((scored, event)),
                }
            )
        out.append(Sentence(name, key, gold, events))
    cache.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps([_row(s) for s in out]))
    return out


def _row(s: Sentence) -> dict:
    return {"set": s.set, "key": s.key, "gold": s.gold, "events": s.events}


def label(sentence: Sentence, event: dict) -> int:
    if sentence.set in TYPE_SETS:
        return int(event["scored"] in sentence.gold)
    return int(event["pentacode"] == sentence.gold)


def score(sentences: list[Sentence], keep: list[list[bool]]) -> dict[str, float]:
    """ConfliBERT pentacode accuracy, PLOVER and PETR-2 micro-F1 with only the kept main events,
    and their mean."""
    right = total = 0
    counts = {name: [0, 0, 0] for name in TYPE_SETS}  # tp, fp, fn
    for sentence, kept in zip(sentences, keep, strict=True):
        events = [e for e, k in zip(sentence.events, kept, strict=True) if k]
        if sentence.set == "conflibert":
            guess = events[0]["pentacode"] if events else 0
            right += int(guess == sentence.gold)
            total += 1
        else:
            ours, gold = {e["scored"] for e in events}, set(sentence.gold)
            tally = counts[sentence.set]
            tally[0], tally[1] = tally[0] + len(ours & gold), tally[1] + len(ours - gold)
            tally[2] += len(gold - ours)
    figures = {f"{name}_f1": 2 * tp / (2 * tp + fp + fn) if tp else 0.0
               for name, (tp, fp, fn) in counts.items()}  # fmt: skip
    figures["conflibert_accuracy"] = right / total if total else 0.0
    return {**figures, "mean": sum(figures[k] for k in FIGURES) / len(FIGURES)}


def design(sentences: list[Sentence], names: list[str], balanced: bool = False) -> tuple:
    from scipy import sparse

    index = {n: i for i, n in enumerate(names)}
    rows, cols, labels, groups, weights = [], [], [], [], []
    sizes = Counter(s.set for s in sentences)
    for number, sentence in enumerate(sentences):
        for event in sentence.events:
            # --balanced: each set weighs the same in the fit, whatever its size
            share = len(sentences) / (len(sizes) * sizes[sentence.set]) if balanced else 1.0
            weights.append(share)
            row = len(labels)
            for n in set(event["names"]):
                if n in index:
                    rows.append(row)
                    cols.append(index[n])
            labels.append(label(sentence, event))
            groups.append(number)
    matrix = sparse.csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(len(labels), len(names)))
    return matrix, np.array(labels), np.array(groups), np.array(weights)


def vocabulary(sentences: list[Sentence], min_count: int) -> list[str]:
    counts = Counter(n for s in sentences for e in s.events for n in set(e["names"]))
    return sorted(n for n, c in counts.items() if c >= min_count)


def unflatten(sentences: list[Sentence], flat: np.ndarray) -> list[list[float]]:
    out, position = [], 0
    for sentence in sentences:
        out.append(list(flat[position : position + len(sentence.events)]))
        position += len(sentence.events)
    return out


def model(c: float):
    from sklearn.linear_model import LogisticRegression

    return LogisticRegression(C=c, solver="liblinear", max_iter=1000)


def cross_validate(
    sentences: list[Sentence], names: list[str], balanced: bool, folds: int = 5
) -> dict:
    """Out-of-fold keep probabilities for each C; the grid's figures; the best setting."""
    from sklearn.model_selection import GroupKFold

    matrix, labels, groups, weights = design(sentences, names, balanced)
    results = []
    for c in C_GRID:
        oof = np.zeros(len(labels))
        for train, test in GroupKFold(n_splits=folds).split(matrix, labels, groups):
            fitted = model(c).fit(matrix[train], labels[train], sample_weight=weights[train])
            oof[test] = fitted.predict_proba(matrix[test])[:, 1]
        probs = unflatten(sentences, oof)
        whole = model(c).fit(matrix, labels, sample_weight=weights).predict_proba(matrix)[:, 1]
        in_sample = unflatten(sentences, whole)
        for threshold in THRESHOLDS:
            keep = [[p >= threshold for p in ps] for ps in probs]
            seen = score(sentences, [[p >= threshold for p in ps] for ps in in_sample])
            results.append(
                {
                    "C": c,
                    "threshold": threshold,
                    **score(sentences, keep),
                    "in_sample": {k: round(v, 4) for k, v in seen.items()},
                }
            )
    lexicon = score(sentences, [[True] * len(s.events) for s in sentences])
    # no real loss on either set against the lexicon alone (a dropped event that was right
    # costs recall on PLOVER, a kept one that was wrong a class on ConfliBERT), and no setting
    # that learns the fit sentences by heart
    allowed = [
        r
        for r in results
        if all(
            r[k] >= lexicon[k] - TOLERANCE and r["in_sample"][k] - r[k] <= MAX_GAP for k in FIGURES
        )
    ]
    best = max(allowed or results, key=lambda r: (round(r["mean"], 4), -r["threshold"], -r["C"]))
    return {"lexicon": lexicon, "grid": results, "best": best, "allowed": len(allowed)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "eval")
    parser.add_argument("--cache", type=Path, default=Path("/tmp/decision"))
    parser.add_argument("--min-count", type=int, default=5)
    parser.add_argument("--out", type=Path, default=MODEL_PATH)
    parser.add_argument("--balanced", action="store_true", help="weigh the two sets equally")
    args = parser.parse_args()

    sentences = annotated(args.data, args.cache)
    names = vocabulary(sentences, args.min_count)
    found = cross_validate(sentences, names, args.balanced)
    print("lexicon alone (fit, all kept):", json.dumps(found["lexicon"]))
    for row in found["grid"]:
        print(json.dumps(row))
    best = found["best"]
    print("chosen by 5-fold grouped CV within fit:", json.dumps(best))
    helps = found["allowed"] > 0 and round(best["mean"], 4) > round(found["lexicon"]["mean"], 4)
    print(
        f"settings within the tolerances: {found['allowed']}; out of fold the decision "
        + ("beats" if helps else "does not beat")
        + " the lexicon alone on the three sets together"
    )
    matrix, labels, _, weights = design(sentences, names, args.balanced)
    fitted = model(best["C"]).fit(matrix, labels, sample_weight=weights)
    probs = unflatten(sentences, fitted.predict_proba(matrix)[:, 1])
    in_sample = score(sentences, [[p >= best["threshold"] for p in ps] for ps in probs])
    print("the same on the sentences it was fitted on (in-sample):", json.dumps(in_sample))
    sizes = Counter(s.set for s in sentences)
    np.savez_compressed(
        args.out,
        names=np.array(names),
        weights=fitted.coef_[0].astype(np.float64),
        bias=np.float64(fitted.intercept_[0]),
        threshold=np.float64(best["threshold"]),
        C=np.float64(best["C"]),
        fit_sentences=np.array([f"{k}:{v}" for k, v in sorted(sizes.items())]),
    )
    print(f"wrote {args.out}: {len(names)} features, {len(labels)} main events, {dict(sizes)}")


if __name__ == "__main__":
    main()
