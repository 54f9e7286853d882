"""Train newsgraph's cue tagger (``newsgraph/data/quote_model.npz``) on the PolNeAR train split.

    python tools/train_quote_model.py [--data ../shared/eval/polnear] [--docs /tmp/train.spacy]

Reads only ``<data>/train``. Each token is labelled 1 when it lies inside a gold ``Cue`` span
(first annotator file, as the scorer reads it). The model is a logistic regression over the
hashed features of ``newsgraph.extract.quote_model.token_features``, fitted with mini-batch
AdaGrad and a small L2 penalty; a fixed seed makes runs reproducible. ``--docs`` caches the
parsed articles (spaCy DocBin) so later runs skip the parse. ``--holdout N`` keeps the last N
train articles out of the fit and prints token-level precision/recall on them (for choosing the
thresholds without touching dev).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np
from spacy.tokens import DocBin

from newsgraph.eval.base import shared_eval_dir
from newsgraph.eval.polnear import articles
from newsgraph.extract.quote_lexicon import load_knowledge
from newsgraph.extract.quote_model import MODEL_FILE, CueModel, save_model, token_features
from newsgraph.extract.quote_scan import find_quotes
from newsgraph.nlp import load_spacy_model

ROOT = Path(__file__).resolve().parent.parent


def parsed_docs(texts: list[str], cache: Path | None) -> list:
    """The parsed articles, from ``cache`` when it holds them, else parsed (and cached)."""
    nlp = load_spacy_model()
    if cache is not None and cache.exists():
        docs = list(DocBin().from_disk(cache).get_docs(nlp.vocab))
        if len(docs) == len(texts):
            return docs
    docs = list(nlp.pipe(texts, batch_size=32))
    if cache is not None:
        bin_ = DocBin(store_user_data=False)
        for doc in docs:
            bin_.add(doc)
        bin_.to_disk(cache)
    return docs


def labelled_matrix(items: list, docs: list) -> tuple[np.ndarray, np.ndarray]:
    """Feature hashes and 0/1 cue labels for every token of every article."""
    lexicon = load_knowledge().lemma_hashes
    features, labels = [], []
    for (article, gold), doc in zip(items, docs, strict=True):
        if len(doc) == 0:
            continue
        features.append(token_features(doc, find_quotes(article.text), lexicon))
        starts = np.array([t.idx for t in doc])
        ends = starts + np.array([len(t) for t in doc])
        label = np.zeros(len(doc), dtype=np.float32)
        for attribution in gold:
            for start, end in attribution.cue:
                label[(starts < end) & (ends > start) & (ends > starts)] = 1.0
        labels.append(label)
    return np.concatenate(features), np.concatenate(labels)


def fit(
    features: np.ndarray, labels: np.ndarray, bits: int, epochs: int, l2: float, seed: int
) -> tuple[np.ndarray, float]:
    """Mini-batch AdaGrad on the logistic loss over hashed buckets."""
    size = 1 << bits
    buckets = (features & np.uint64(size - 1)).astype(np.int64)
    weights = np.zeros(size, dtype=np.float64)
    squares = np.full(size, 1e-6)
    bias, bias_square = 0.0, 1e-6
    rate = 0.3
    rng = np.random.default_rng(seed)
    n, width = buckets.shape
    for epoch in range(epochs):
        order = rng.permutation(n)
        for batch in np.array_split(order, max(1, n // 4096)):
            rows = buckets[batch]
            scores = weights[rows].sum(axis=1) + bias
            error = 1.0 / (1.0 + np.exp(-np.clip(scores, -30, 30))) - labels[batch]
            grad = np.bincount(rows.ravel(), weights=np.repeat(error, width), minlength=size)
            touched = np.unique(rows)
            grad[touched] += l2 * weights[touched] * len(batch)
            grad /= len(batch)
            squares += grad * grad
            weights -= rate * grad / np.sqrt(squares)
            bias_grad = float(error.mean())
            bias_square += bias_grad * bias_grad
            bias -= rate * bias_grad / np.sqrt(bias_square)
        print(f"epoch {epoch + 1}/{epochs}", file=sys.stderr)
    return weights.astype(np.float32), bias


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=shared_eval_dir() / "polnear")
    parser.add_argument("--docs", type=Path, default=None, help="DocBin cache of train docs")
    parser.add_argument("--out", type=Path, default=ROOT / "newsgraph" / "data" / MODEL_FILE)
    parser.add_argument("--bits", type=int, default=19)
    parser.add_argument("--epochs", type=int, default=4)
    parser.add_argument("--l2", type=float, default=1e-6)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--holdout", type=int, default=0)
    parser.add_argument("--add-threshold", type=float, default=0.5)
    parser.add_argument("--drop-threshold", type=float, default=0.3)
    parser.add_argument("--span-threshold", type=float, default=0.4)
    args = parser.parse_args(argv)

    items = list(articles(args.data, "train"))
    docs = parsed_docs([a.text for a, _ in items], args.docs)
    cut = len(items) - args.holdout
    features, labels = labelled_matrix(items[:cut], docs[:cut])
    print(f"{len(labels)} tokens, {int(labels.sum())} in cues", file=sys.stderr)
    weights, bias = fit(features, labels, args.bits, args.epochs, args.l2, args.seed)
    model = CueModel(
        weights, bias, args.bits, args.add_threshold, args.drop_threshold, args.span_threshold
    )
    for name, (f, y) in {
        "train": (features, labels),
        **({"holdout": labelled_matrix(items[cut:], docs[cut:])} if args.holdout else {}),
    }.items():
        predicted = model.probabilities(f) >= args.add_threshold
        tp = float((predicted & (y == 1)).sum())
        precision, recall = tp / max(1, predicted.sum()), tp / max(1, (y == 1).sum())
        print(f"{name}: token P {precision:.3f} R {recall:.3f}", file=sys.stderr)
    save_model(args.out, model)
    print(f"wrote {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
