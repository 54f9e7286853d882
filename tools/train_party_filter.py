"""Train the events party filter (``newsgraph/components/events/party_filter.py``).

Parses the FIT parts (``newsgraph.eval.base.split_of``; official train items count as fit) of
GVDB, RAMS, WikiEvents, MUC-4 and ConfliBERT CAMEO with the whole pipeline (the filter's hook
on, its weights off) and records every source or target head the filter judges, with its
features. A head is right when it lies inside a gold source or target span of its document
(GVDB shooter and victim, MUC-4 perpetrator/target/victim, RAMS and WikiEvents arguments mapped
by ``newsgraph/eval/maps``, ConfliBERT's S/T spans); only heads in sentences holding a gold
party are used. It fits an L2 logistic regression (scikit-learn, training only; each set
weighs the same), picks the threshold that maximises the out-of-fold macro argument F1 over
the sets (F1 = 2·kept right / (kept + gold spans)) of a 5-fold, document-grouped
cross-validation inside the fit part, and writes
``newsgraph/components/events/data/en/party_filter.json``: weights, threshold, the
cross-validation figures and, for every ``party_nouns.yaml`` entry, its fit counts (gold spans
it heads, our heads, of them right, of them wrong).

    python tools/train_party_filter.py [--data ../shared/eval] [--cache /tmp/args/s6]
        [--cap 1000] [--reuse]
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from dataclasses import replace
from pathlib import Path

import numpy as np
from checkout import ROOT  # first: the newsgraph beside it, not an installed one

from newsgraph.components.events import party_filter
from newsgraph.eval import conflibert, gvdb, muc4, rams, wikievents
from newsgraph.eval.base import by_part

Range = tuple[int, int]
PARTY_ROLES = ("source", "target")


def _flat(roles: dict[str, list]) -> list[Range]:
    """Spans of the source and target roles, whether listed flat or as entity clusters."""
    out: list[Range] = []
    for role in PARTY_ROLES:
        for item in roles.get(role, []):
            if item and isinstance(item[0], list | tuple):
                out += [tuple(s) for s in item]
            else:
                out.append(tuple(item))
    return out


def fit_documents(data: Path, cap: int) -> dict[str, list[tuple[str, str, list[Range]]]]:
    """Per set, (id, text, gold source/target spans) of its fit part, at most ``cap``."""
    sets: dict[str, list[tuple[str, str, list[Range]]]] = {}
    articles = by_part(gvdb.read_gold(data / "gvdb" / gvdb.DEV_FILE), lambda a: a.id, "fit")
    sets["gvdb"] = [(a.id, a.text, _flat(a.roles)) for a in articles["fit"]]
    docs, _ = rams.read_gold(data / "rams" / rams.DEV_FILE)
    sets["rams"] = [
        (d.id, d.text, [s for e in d.events for s in _flat(e.arguments)])
        for d in by_part(docs, lambda d: d.id, "fit")["fit"]
    ]
    sets["wikievents"] = [
        (d.id, d.text, [s for e in d.events for s in _flat(e.arguments)])
        for d in wikievents.read_gold(data / "wikievents")
        if d.part == "fit"
    ]
    sets["muc4"] = [
        (d.id, d.text, _flat(d.roles)) for d in muc4.read_gold(data / "muc4") if d.part == "fit"
    ]
    sentences = conflibert.read_gold(data / "conflibert-cameo")
    sets["conflibert-cameo"] = [
        (s.key, s.text, _flat(s.roles))
        for s in by_part(sentences, lambda s: s.key, "fit")["fit"]
        if s.roles
    ]
    return {name: items[:cap] for name, items in sets.items()}


def collect_all(sets: dict, cache: Path, reuse: bool) -> list[dict]:
    """Rows of every set; nlp.pipe is lazy, so each document's gold is set before its parse."""
    from newsgraph.nlp import get_pipeline

    cache.mkdir(parents=True, exist_ok=True)
    out: list[dict] = []
    for name, items in sets.items():
        path = cache / f"party_rows_{name}.jsonl"
        if reuse and path.exists():
            out += [json.loads(line) for line in path.read_text().splitlines()]
            continue
        nlp = get_pipeline()
        events = nlp.get_pipe("newsgraph_events")
        events.options = replace(events.options, party_filter=True)  # call the hook
        rows: list[dict] = []
        current: dict = {}

        def record(token, role, names, rows=rows, current=current, name=name) -> None:
            start, end = token.idx, token.idx + len(token.text)
            right = any(s < end and start < e for s, e in current["gold"])
            sent = token.sent
            s_start, s_end = sent.start_char, sent.end_char
            near = any(s_start <= s and e <= s_end for s, e in current["gold"])
            rows.append(
                {"doc": current["id"], "set": name, "role": role, "text": token.text,
                 "lemma": token.lemma_.lower(), "right": right, "near": near,
                 "features": names}
            )  # fmt: skip

        shipped = party_filter.load_party_filter
        party_filter.load_party_filter = lambda: None  # record the unfiltered choices
        party_filter.recording(record)
        try:
            for doc_id, text, gold in items:
                current.update(id=doc_id, gold=gold)
                nlp(text)
        finally:
            party_filter.recording(None)
            party_filter.load_party_filter = shipped
        path.write_text("".join(json.dumps(r) + "\n" for r in rows))
        print(f"{name}: {len(items)} documents, {len(rows)} party heads", file=sys.stderr)
        out += rows
    return out


def _judged(row: dict) -> bool:
    """Rows of heads the filter judges (``party_filter.judged``: no pronoun, no noun of
    people, troops or bodies, no phrase naming its actor), read from their recorded
    features."""
    classes = {f"lexclass={c}" for c in party_filter.PARTY_CLASSES}
    names = set(row["features"])
    return not {"pron=True", "pos=PRON", "owner_actor=True"} & names and not classes & names


def gold_totals(sets: dict, rows: list[dict]) -> dict[str, int]:
    """Per set, the gold source/target spans the judged heads compete for (the recall
    denominator): the distinct gold spans of documents with a judged head."""
    docs = {(r["set"], r["doc"]) for r in rows}
    return {
        name: sum(len(set(gold)) for doc_id, _, gold in items if (name, doc_id) in docs)
        for name, items in sets.items()
    }


def design(rows: list[dict]) -> tuple[list[str], np.ndarray]:
    from scipy import sparse

    names = sorted({n for r in rows for n in r["features"]})
    index = {n: i for i, n in enumerate(names)}
    data, cols, ptr = [], [], [0]
    for r in rows:
        feats = sorted({index[n] for n in r["features"]})
        cols += feats
        data += [1.0] * len(feats)
        ptr.append(len(cols))
    return names, sparse.csr_matrix((data, cols, ptr), shape=(len(rows), len(names)))


def macro_f1(kept: np.ndarray, right: np.ndarray, sets: np.ndarray, gold: dict) -> float:
    """Mean over the sets of the argument F1 = 2·kept right / (kept + gold spans)."""
    scores = []
    for name, total in gold.items():
        mine = sets == name
        if mine.any():
            scores.append(2 * (kept & right & mine).sum() / ((kept & mine).sum() + total))
    return float(np.mean(scores))


def best_threshold(
    probs: np.ndarray, right: np.ndarray, sets: np.ndarray, gold: dict
) -> tuple[float, float]:
    """The threshold with the highest macro argument F1 over the sets."""
    best = (0.0, macro_f1(probs >= 0, right, sets, gold))
    for t in np.arange(0.05, 0.95, 0.01):
        f1 = macro_f1(probs >= t, right, sets, gold)
        if f1 > best[1] + 1e-9:
            best = (float(round(t, 2)), f1)
    return best


def train(rows: list[dict], gold: dict, c: float, folds: int = 5) -> dict:
    from sklearn.linear_model import LogisticRegression

    names, x = design(rows)
    y = np.array([r["right"] for r in rows], dtype=bool)
    sets = np.array([r["set"] for r in rows])
    per_set = Counter(sets.tolist())
    # each set weighs the same (MUC-4's train file would otherwise outweigh the rest)
    weight = np.array([len(rows) / (len(per_set) * per_set[s]) for s in sets])
    docs = sorted({(r["set"], r["doc"]) for r in rows})
    fold_of = {d: n % folds for n, d in enumerate(docs)}
    fold = np.array([fold_of[(r["set"], r["doc"])] for r in rows])
    oof = np.zeros(len(rows))
    for k in range(folds):
        test = fold == k
        model = LogisticRegression(C=c, max_iter=2000).fit(
            x[~test], y[~test], sample_weight=weight[~test]
        )
        oof[test] = model.predict_proba(x[test])[:, 1]
    threshold, f1 = best_threshold(oof, y, sets, gold)
    kept = oof >= threshold
    report = {
        "heads": len(rows),
        "right": int(y.sum()),
        "gold_spans": gold,
        "threshold": threshold,
        "oof_macro_f1_before": round(macro_f1(oof >= 0, y, sets, gold), 4),
        "oof_macro_f1_after": round(f1, 4),
        "oof_precision_before": round(float(y.mean()), 4),
        "oof_precision_after": round(float(y[kept].mean()) if kept.any() else 0.0, 4),
        "oof_removed_right": int((~kept & y).sum()),
        "oof_removed_wrong": int((~kept & ~y).sum()),
    }
    per_set_report = {}
    for name in per_set:
        mine = sets == name
        per_set_report[name] = {
            "heads": int(mine.sum()),
            "precision": [round(float(y[mine].mean()), 4),
                          round(float(y[mine & kept].mean()) if (mine & kept).any() else 0, 4)],
            "removed_right_wrong": [int((mine & ~kept & y).sum()), int((mine & ~kept & ~y).sum())],
        }  # fmt: skip
    report["per_set"] = per_set_report
    model = LogisticRegression(C=c, max_iter=2000).fit(x, y, sample_weight=weight)
    weights = {n: float(w) for n, w in zip(names, model.coef_[0], strict=True) if abs(w) > 1e-6}
    weights["bias"] = weights.get("bias", 0.0) + float(model.intercept_[0])
    return {"weights": weights, "threshold": threshold, "cv": report, "oof": oof.tolist()}


def gold_heads(sets: dict) -> Counter:
    """How often each word ends a gold source/target span of the fit parts (its head, as a
    rule of thumb for English noun phrases; a plural's "s" off)."""
    out: Counter = Counter()
    for items in sets.values():
        for _, text, gold in items:
            for start, end in set(gold):
                words = text[start:end].lower().split()
                if words:
                    word = words[-1].strip(".,;:'\"()")
                    out[word] += 1
                    if word.endswith("s"):
                        out[word[:-1]] += 1
    return out


def noun_support(rows: list[dict]) -> dict[str, list[int]]:
    """Per listed lemma: [our heads, of them gold parties, our wrong heads]."""
    listed = party_filter.noun_classes()
    ours, wrong = Counter(), Counter()
    for r in rows:
        if r["lemma"] in listed:
            ours[r["lemma"]] += 1
            wrong[r["lemma"]] += not r["right"]
    return {lemma: [ours[lemma], ours[lemma] - wrong[lemma], wrong[lemma]] for lemma in listed}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "eval")
    parser.add_argument("--cache", type=Path, default=Path("/tmp/args/s6"))
    parser.add_argument("--cap", type=int, default=1000, help="fit documents per set at most")
    parser.add_argument("--sets", default="gvdb,rams,wikievents,muc4,conflibert-cameo")
    parser.add_argument("--c", type=float, default=1.0, help="inverse L2 strength")
    parser.add_argument("--reuse", action="store_true", help="reuse recorded heads in --cache")
    parser.add_argument("--out", type=Path, default=party_filter.MODEL_PATH)
    args = parser.parse_args()
    wanted = args.sets.split(",")
    sets = {k: v for k, v in fit_documents(args.data, args.cap).items() if k in wanted}
    rows = collect_all(sets, args.cache, args.reuse)
    support = noun_support(rows)  # every head we chose, in any sentence
    heads = gold_heads(sets)
    # heads in sentences with a gold party only: elsewhere the gold sets leave parties of
    # other events unmarked, and a real actor there would count as wrong
    rows = [r for r in rows if r["near"] and _judged(r)]
    if len({(r["set"], r["doc"]) for r in rows}) < 10:
        sys.exit(f"only {len(rows)} judged heads near a gold party: raise --cap")
    result = train(rows, gold_totals(sets, rows), args.c)
    print(json.dumps(result["cv"], indent=1))
    wrong_by_lemma = Counter(r["lemma"] for r in rows if not r["right"])
    print("most frequent wrong heads:", wrong_by_lemma.most_common(40))
    dropped = Counter(
        (r["lemma"], r["right"]) for r, p in zip(rows, result["oof"], strict=True)
        if p < result["threshold"]
    )  # fmt: skip
    print("out-of-fold removed (lemma, right):", dropped.most_common(40))
    model = {
        "weights": dict(sorted(result["weights"].items())),
        "threshold": result["threshold"],
        "cv": result["cv"],
        "fit_sets": {name: len(items) for name, items in sets.items()},
        # lemma -> [gold spans it heads, our heads, of them right, of them wrong]
        "noun_support": {k: [heads[k], *v] for k, v in sorted(support.items()) if v[0] or heads[k]},
    }
    args.out.write_text(json.dumps(model, indent=1) + "\n")
    print(f"wrote {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
