"""Fit the link-shaped merge model of ``newsgraph/link/event_pairs.py`` on ECB+'s train topics.

    PYTHONPATH=. python tools/train_link_pairs.py [--cache /tmp/ecb_train.pkl]

``newsgraph link`` compares an event with a few members of a candidate cluster in a small
collection of just their articles (``PairEvidence.pair_rows``: each article rebuilt from its
event sentences). The mention-pair scorer was fitted on whole ECB+ topics and gold mentions;
in such a collection it rates any two uses of one word alike. This model is fitted on the
comparisons ``link`` makes: pairs of newsgraph's *own* events (the mentions ``newsgraph eval
ecbplus`` scores in row ``conll_predicted_mentions``) from two articles of one train topic,
both of one type family and one trigger family (the pairs the learned merge may join: same
wording, nothing hard against), each event in a checked sentence so that its truth is known;
a pair is positive where the two events match mentions of one gold chain. Features: the
similarity of the two articles and the two sentences' content-word overlap (``FEATURES``'
``doc_similarity`` and ``context_overlap``). A logistic regression (L2, fitted with Newton
steps in numpy; fixed folds); the threshold is the lowest
on the grid whose out-of-fold pair precision (five folds of whole topics) reaches
``PRECISION``. Only the train topics are read; the dev topics stay held out. Writes
``newsgraph/link/data/en/link_pairs.json``.
"""

from __future__ import annotations

import argparse
import json
import pickle
import sys
from pathlib import Path
from typing import Any

import numpy as np

from newsgraph.datafiles import data_file
from newsgraph.eval import ecbplus
from newsgraph.eval.base import shared_eval_dir
from newsgraph.eval.ecbplus_predicted import match_gold, predicted_mentions
from newsgraph.link.event_pairs import MERGE_MODEL_FILE, PairEvidence
from newsgraph.link.events import affiliations, event_items, family_of
from newsgraph.link.mention_pairs import FEATURES, PairModel, load_model

# in FEATURES order; not ``sentence_cosine``: in a collection of two articles every shared word
# has zero inverse document frequency, so it is always 0
USED = ("doc_similarity", "context_overlap")
L2 = 10.0
FOLDS = 5
PRECISION = 0.80
THRESHOLDS = [round(t, 2) for t in np.arange(0.50, 0.96, 0.05)]
EventKey = tuple[str, str]


def load(cache: Path | None) -> tuple[dict, dict]:
    """ECB+ train topics and the pipeline's record of each document (``--cache``: the same
    pickle ``tools/train_mention_pairs.py`` writes)."""
    if cache is not None and cache.is_file():
        topics, systems = pickle.loads(cache.read_bytes())
    else:
        topics = ecbplus.load_topics(shared_eval_dir() / ecbplus.DEFAULT_DATA, "train")
        systems = list(ecbplus.run_system([d for ds in topics.values() for d in ds]))
        if cache is not None:
            cache.write_bytes(pickle.dumps((topics, systems)))
    names = [d.name for ds in topics.values() for d in ds]
    return topics, dict(zip(names, systems, strict=True))


def event_chains(docs: list, by_doc: dict) -> dict[EventKey, set[Any]]:
    """Event key → the gold chains its predicted mentions match (empty: twinless); only the
    events with a mention in a checked sentence (the others' truth is unknown)."""
    chains: dict[EventKey, set[Any]] = {}
    for doc in docs:
        predicted = predicted_mentions(by_doc[doc.name].record, doc.checked)
        gold = {m.key: m.chain for m in doc.mentions}
        for key, match in match_gold(predicted, doc.mentions).items():
            event = (key[0], key[1].rsplit("@", 1)[0])
            chains.setdefault(event, set()).update([gold[match]] if match in gold else [])
    return chains


def topic_examples(docs: list, by_doc: dict) -> tuple[np.ndarray, np.ndarray]:
    """The ``USED`` features and labels of the topic's same-worded cross-article pairs."""
    records = [by_doc[d.name].record for d in docs]
    chains = event_chains(docs, by_doc)
    evidence = PairEvidence.for_records(records, affiliations(records), model=load_model())
    assert evidence is not None, "the mention-pair model (mention_pairs.json) is needed"
    items = [i for r in records for i in event_items(r)
             if i.key in chains and i.wording and evidence.mention(i.key) is not None]  # fmt: skip
    columns = [FEATURES.index(name) for name in USED]
    rows, labels = [], []
    for n, a in enumerate(items):
        for b in items[n + 1 :]:
            if (a.article_id == b.article_id or a.wording != b.wording
                    or family_of(a.type) != family_of(b.type)):  # fmt: skip
                continue
            both = evidence.pair_rows(a.key, [b.key], USED)[:, columns]
            rows.append(both.mean(axis=0))
            labels.append(bool(chains[a.key] & chains[b.key]))
    return np.asarray(rows).reshape(-1, len(USED)), np.asarray(labels, dtype=float)


def fit_logistic(x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, float]:
    """L2-penalised logistic regression on standardised columns (Newton steps), returned as
    weights and intercept on the raw columns."""
    mean, scale = x.mean(axis=0), x.std(axis=0) + 1e-9
    z = np.c_[(x - mean) / scale, np.ones(len(x))]
    w = np.zeros(z.shape[1])
    penalty = np.diag([L2] * (z.shape[1] - 1) + [0.0])
    for _ in range(50):
        p = 1.0 / (1.0 + np.exp(-z @ w))
        step = np.linalg.solve((z * (p * (1 - p))[:, None]).T @ z + penalty,
                               z.T @ (p - y) + penalty @ w)  # fmt: skip
        w -= step
        if np.abs(step).max() < 1e-9:
            break
    weights = w[:-1] / scale
    return weights, float(w[-1] - weights @ mean)


def predict(weights: np.ndarray, intercept: float, x: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-(x @ weights + intercept)))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--cache", type=Path, help="pickle of the train topics' records")
    parser.add_argument("--out", type=Path, default=data_file("newsgraph.link", MERGE_MODEL_FILE))
    args = parser.parse_args(argv)
    topics, by_doc = load(args.cache)
    examples = {t: topic_examples(docs, by_doc) for t, docs in topics.items()}
    order = sorted(examples)
    fold = {t: n % FOLDS for n, t in enumerate(order)}  # fixed: topics in id order
    oof = {t: np.zeros(len(examples[t][1])) for t in order}
    for k in range(FOLDS):
        train = [t for t in order if fold[t] != k]
        weights, intercept = fit_logistic(
            np.concatenate([examples[t][0] for t in train]),
            np.concatenate([examples[t][1] for t in train]),
        )
        for t in order:
            if fold[t] == k:
                oof[t] = predict(weights, intercept, examples[t][0])
    p = np.concatenate([oof[t] for t in order])
    y = np.concatenate([examples[t][1] for t in order])
    table = {}
    for t in THRESHOLDS:
        chosen = p >= t
        precision = float(y[chosen].mean()) if chosen.any() else 0.0
        table[t] = (precision, float(y[chosen].sum() / y.sum()))
        print(
            f"threshold {t:.2f}: out-of-fold pairs {int(chosen.sum())}, "
            f"precision {precision:.3f}, recall {table[t][1]:.3f}",
            file=sys.stderr,
        )
    threshold = next(t for t in THRESHOLDS if table[t][0] >= PRECISION)
    x = np.concatenate([examples[t][0] for t in order])
    weights, intercept = fit_logistic(x, y)
    model = PairModel(weights, intercept, threshold, features=USED)
    info = {"fitted_on": "ECB+ train topics, same-worded pairs of newsgraph's own events",
            "pairs": len(y), "positives": int(y.sum()), "l2": L2,
            "out_of_fold_precision": round(table[threshold][0], 4),
            "out_of_fold_recall": round(table[threshold][1], 4)}  # fmt: skip
    args.out.write_text(json.dumps(model.to_json(**info), indent=1) + "\n", encoding="utf-8")
    print(f"wrote {args.out}: threshold {threshold}, {info}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
