"""Train the events' learned target choice (``newsgraph/components/events/target_choice.py``).

Parses the FIT part (``newsgraph.eval.base.split_of``) of ConfliBERT CAMEO with the whole
pipeline, the choice's hook on and its margin infinite (the rules' choice kept), and records,
for the sentence's main event (``eval.conflibert.main_event``, as the scorer reads it), every
candidate target with its features. A candidate is right when its head lies inside a gold
target span of the sentence (with ``--label exact``: when the phrase the event would record
for it is the gold span as the scorer compares them); only sentences with a gold target are
read. The cross-validation also counts main events whose chosen candidate's phrase is exact.
It fits an L2 logistic
regression (numpy, Newton's method) on the candidates, and picks the margin by which
another candidate must outscore the rules' choice to replace it from a 5-fold, sentence-grouped
cross-validation inside the fit part (most main events whose chosen head is right; a tie goes
to the larger margin), then writes ``newsgraph/components/events/data/en/target_choice.json``:
weights, margin and the cross-validation figures.

    python tools/train_target_choice.py [--data ../shared/eval] [--cache /tmp/cbchoice]
        [--reuse] [--seed 0] [--extras] [--label inside|exact]
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from dataclasses import replace
from pathlib import Path

import numpy as np
from checkout import ROOT  # first: the newsgraph beside it, not an installed one
from spacy.tokens import Token

from newsgraph.components.events import target_choice
from newsgraph.components.events.spans import recorded_bounds
from newsgraph.eval import conflibert
from newsgraph.eval.annotate import annotate
from newsgraph.eval.base import by_part

MARGINS = [round(m, 2) for m in np.arange(0.0, 1.0, 0.05)] + [float("inf")]


def _phrase_chars(token: Token, anchor: Token) -> tuple[int, int]:
    """The characters of the phrase the event would record for ``token`` as its target
    (conjuncts aside)."""
    start, end = recorded_bounds(token, False, anchor, target=True)
    last = token.doc[end - 1]
    return token.doc[start].idx, last.idx + len(last.text)


def _top_of(candidate: dict, start: int, end: int) -> bool:
    """Whether the candidate is the top word of the gold span ``start``-``end``: inside it,
    with its syntactic head outside it or inside the phrase the event records for it (an owner
    recorded with what it owns), or a preposition the span opens with ("on Basra"). A
    word nested deeper ("Zimbabwe" in "election observers in Zimbabwe") is inside the span but
    names another phrase than the one coded."""
    if not (start <= candidate["start"] and candidate["end"] <= end):
        return False
    head, pos = candidate["head"]
    first, last = candidate["phrase"]
    return (
        not start <= head < end
        or first <= head < last  # an owner recorded with what it owns ("Trump's decision")
        or (head == start and pos == "ADP")
    )


def collect(data: Path, cache: Path, reuse: bool, extras: bool) -> list[dict]:
    """One row per main event with at least two candidates: the sentence key, and per
    candidate its features, whether it is the rules' choice, whether its head lies inside a
    gold span (``inside``) and whether its phrase is exact (``exact``)."""
    from newsgraph.nlp import get_pipeline

    path = cache / "target_choice_groups.jsonl"
    if reuse and path.exists():
        return [json.loads(line) for line in path.read_text().splitlines()]
    sentences = conflibert.read_gold(data / "conflibert-cameo")
    fit = [s for s in by_part(sentences, lambda s: s.key, "fit")["fit"] if s.roles.get("target")]
    nlp = get_pipeline()
    events = nlp.get_pipe("newsgraph_events")
    never_overrules = target_choice.TargetChoice({}, float("inf"), extras)
    events.options = replace(events.options, target_choice=never_overrules)
    seen: list[tuple[int, str | None, list[dict]]] = []

    def record(anchor, mention_type, listed, rule_choice, names) -> None:
        seen.append(
            (
                anchor.idx,
                mention_type,
                [
                    {"start": c.token.idx, "end": c.token.idx + len(c.token.text),
                     "phrase": _phrase_chars(c.token, anchor),
                     "rule": c.token.i == rule_choice.i, "features": n,
                     "head": [c.token.head.idx, c.token.head.pos_]}
                    for c, n in zip(listed, names, strict=True)
                ],
            )
        )  # fmt: skip

    groups: list[dict] = []
    target_choice.recording(record)
    try:
        for gold in fit:
            seen.clear()
            annotation = annotate([gold.text], nlp)[0]
            found = conflibert.main_event(annotation)
            if found is None or found[1].id not in annotation.triggers:
                continue
            start = annotation.triggers[found[1].id][0]
            golds = gold.roles["target"]
            for anchor, mention_type, candidates in seen:
                if anchor != start:
                    continue
                gold_words = [conflibert.bare_phrase(gold.text[s:e]) for s, e in golds]
                for c in candidates:
                    c["inside"] = any(s <= c["start"] and c["end"] <= e for s, e in golds)
                    c["top"] = any(_top_of(c, s, e) for s, e in golds)
                    phrase = conflibert.bare_phrase(gold.text[slice(*c["phrase"])])
                    c["exact"] = phrase in gold_words
                groups.append({"key": gold.key, "type": mention_type, "candidates": candidates})
    finally:
        target_choice.recording(None)
    cache.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(json.dumps(g) + "\n" for g in groups))
    print(f"{len(fit)} fit sentences, {len(groups)} main-event choices", file=sys.stderr)
    return groups


def design(groups: list[dict], names: list[str]) -> np.ndarray:
    """The candidates' 0/1 feature matrix (dense: a few thousand rows, a few hundred names)."""
    index = {n: i for i, n in enumerate(names)}
    rows = [c for g in groups for c in g["candidates"]]
    x = np.zeros((len(rows), len(names)))
    for r, c in enumerate(rows):
        x[r, [index[n] for n in set(c["features"]) if n in index]] = 1.0
    return x


def logistic(x: np.ndarray, y: np.ndarray, l2: float, steps: int = 50) -> np.ndarray:
    """L2-penalised logistic regression by Newton's method (numpy only: the shared
    environment has no scikit-learn or scipy); the "bias" column is a feature like the rest."""
    w = np.zeros(x.shape[1])
    for _ in range(steps):
        p = 1.0 / (1.0 + np.exp(-np.clip(x @ w, -30, 30)))
        grad = x.T @ (p - y) + l2 * w
        hessian = (x * (p * (1 - p))[:, None]).T @ x + l2 * np.eye(len(w))
        step = np.linalg.solve(hessian, grad)
        w -= step
        if np.abs(step).max() < 1e-6:
            break
    return w


def fit(groups: list[dict], c: float, label: str) -> target_choice.TargetChoice:
    names = sorted({n for g in groups for cand in g["candidates"] for n in cand["features"]})
    y = np.array([cand[label] for g in groups for cand in g["candidates"]], dtype=float)
    w = logistic(design(groups, names), y, 1.0 / c)
    weights = {n: float(v) for n, v in zip(names, w, strict=True) if abs(v) > 1e-6}
    return target_choice.TargetChoice(weights, float("inf"))


def outcome(group: dict, model: target_choice.TargetChoice, margin: float) -> tuple[dict, dict]:
    """(the rules' choice, the model's decision) for one main event."""
    cands = group["candidates"]
    scores = [model.probability(c["features"]) for c in cands]
    rule = next(n for n, c in enumerate(cands) if c["rule"])
    best = max(range(len(cands)), key=scores.__getitem__)
    chosen = best if scores[best] - scores[rule] >= margin else rule
    return cands[rule], cands[chosen]


def cross_validate(groups: list[dict], c: float, seed: int, label: str, folds: int = 5) -> dict:
    """Per margin, the main events right by ``label`` out of fold (wins and losses against
    the rules), and those whose chosen phrase is exact."""
    keys = sorted({g["key"] for g in groups})
    random.Random(seed).shuffle(keys)
    fold_of = {k: n % folds for n, k in enumerate(keys)}
    table = {m: [0, 0, 0, 0] for m in MARGINS}  # right, wins, losses, exact
    for k in range(folds):
        train = [g for g in groups if fold_of[g["key"]] != k]
        test = [g for g in groups if fold_of[g["key"]] == k]
        model = fit(train, c, label)
        for g in test:
            for m in MARGINS:
                before, after = outcome(g, model, m)
                table[m][0] += after[label]
                table[m][1] += after[label] and not before[label]
                table[m][2] += before[label] and not after[label]
                table[m][3] += after["exact"]
    return table


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "eval")
    parser.add_argument("--cache", type=Path, default=Path("/tmp/cbchoice"))
    parser.add_argument("--reuse", action="store_true", help="reuse recorded choices in --cache")
    parser.add_argument("--c", type=float, default=1.0, help="inverse L2 strength")
    parser.add_argument("--seed", type=int, default=0, help="seed of the fold assignment")
    parser.add_argument(
        "--extras", action="store_true",
        help="also score target_choice.with_extras' candidates (measured, not shipped)",
    )  # fmt: skip
    parser.add_argument(
        "--label", choices=("inside", "top", "exact"), default="inside",
        help="a right candidate: its head inside a gold span, the span's top word (_top_of), "
        "or its phrase the gold span",
    )  # fmt: skip
    parser.add_argument("--out", type=Path, default=target_choice.MODEL_PATH)
    args = parser.parse_args()
    groups = [
        g
        for g in collect(args.data, args.cache, args.reuse, args.extras)
        if any(c["rule"] for c in g["candidates"])
        and g["type"] not in target_choice.RULES_ONLY_TYPES
    ]
    table = cross_validate(groups, args.c, args.seed, args.label)
    for m, (right, wins, losses, exact) in table.items():
        print(
            f"margin {m}: right {right} of {len(groups)}, +{wins} -{losses}; exact {exact}",
            file=sys.stderr,
        )
    # the most right out of fold; a tie goes to the larger margin (fewer changes)
    margin = max(MARGINS, key=lambda m: (table[m][0], m))
    model = fit(groups, args.c, args.label)
    out = {
        "weights": dict(sorted(model.weights.items())),
        "margin": margin,
        "extras": args.extras,
        "cv": {
            "choices": len(groups),
            "rules_right": table[float("inf")][0],
            "right_wins_losses_at_margin": table[margin][:3],
            "folds": 5,
            "seed": args.seed,
            "c": args.c,
            "label": args.label,
        },
    }
    args.out.write_text(json.dumps(out, indent=1) + "\n")
    print(f"margin {margin}; wrote {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
