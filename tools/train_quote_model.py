"""Train newsgraph's quote models (quotes' ``data/en/quote_model.npz``) on the PolNeAR train split.

    python tools/train_quote_model.py [--data ../shared/eval/polnear] [--docs /tmp/train.spacy]

Reads only ``<data>/train``. Two models, both logistic regressions over hashed features fitted
with mini-batch AdaGrad and a small L2 penalty (a fixed seed makes runs reproducible):

1. the cue tagger: each token is labelled 1 when it lies inside a gold ``Cue`` span (first
   annotator file, as the scorer reads it), features ``quote_model.token_features``;
2. the draft judge: every draft the pipeline proposes (``drafts.candidate_drafts``) is
   labelled 1 when the scorer would pair its cue with a gold cue (lenient match), features
   ``quote_rerank.draft_features``. Its drafts come out of fold: the train articles are cut
   into ``--folds`` parts and each part's drafts are proposed by a cue tagger fitted on the
   other parts, so the judge learns from the tagger's errors as they are on unseen text.
 ``--docs`` caches the
parsed articles (spaCy DocBin) so later runs skip the parse. ``--holdout N`` keeps the last N
train articles out of the fit and prints token-level precision/recall on them (for choosing the
thresholds without touching dev).
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import replace
from pathlib import Path

import numpy as np
from spacy.tokens import DocBin

from newsgraph.components.quotes.draft import Draft
from newsgraph.components.quotes.drafts import candidate_drafts
from newsgraph.components.quotes.judge import DraftModel, draft_features
from newsgraph.components.quotes.lexicon import load_knowledge
from newsgraph.components.quotes.scan import find_quotes
from newsgraph.components.quotes.tagger import MODEL_FILE, CueModel, save_model, token_features
from newsgraph.datafiles import data_file
from newsgraph.eval.base import shared_eval_dir
from newsgraph.eval.polnear import Attribution, articles, normalised_attribution, pair_on_cues
from newsgraph.nlp import load_spacy_model

ROOT = Path(__file__).resolve().parent.parent
MODEL_PATH = data_file("newsgraph.components.quotes", MODEL_FILE)


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


def judge_matrix(items: list, docs: list, model: CueModel) -> tuple[np.ndarray, np.ndarray]:
    """Draft features and 0/1 labels (cue paired with a gold cue) for the drafts ``model``
    proposes on these articles."""
    knowledge = load_knowledge()
    features, labels = [], []
    for (article, gold), doc in zip(items, docs, strict=True):
        found = find_quotes(article.text)
        drafts, probs = candidate_drafts(doc, knowledge, found, model)
        if not drafts:
            continue
        predicted = [normalised_attribution(article.text, _draft_attribution(d)) for d in drafts]
        gold_norm = [normalised_attribution(article.text, g) for g in gold]
        paired = {p for _, p in pair_on_cues(gold_norm, predicted, "lenient")}
        features.append(draft_features(doc, article.text, found, drafts, probs))
        labels.append(np.array([float(i in paired) for i in range(len(drafts))], np.float32))
    return np.concatenate(features), np.concatenate(labels)


def _draft_attribution(draft: Draft) -> Attribution:
    return Attribution(
        (draft.cue,) if draft.cue else (),
        (draft.source,) if draft.source else (),
        tuple(draft.content),
    )


def out_of_fold_judge_data(
    items: list, docs: list, folds: int, args: argparse.Namespace
) -> tuple[np.ndarray, np.ndarray]:
    """Judge training data: each fold's drafts proposed by a tagger fitted without it."""
    parts = [list(range(k, len(items), folds)) for k in range(folds)]
    features, labels = [], []
    for k, held in enumerate(parts):
        rest = [i for i in range(len(items)) if i % folds != k]
        f, y = labelled_matrix([items[i] for i in rest], [docs[i] for i in rest])
        weights, bias = fit(f, y, args.bits, args.epochs, args.l2, args.seed)
        tagger = CueModel(
            weights, bias, args.bits, args.add_threshold, args.drop_threshold, args.span_threshold
        )
        f, y = judge_matrix([items[i] for i in held], [docs[i] for i in held], tagger)
        features.append(f)
        labels.append(y)
        print(f"fold {k + 1}/{folds}: {len(y)} drafts, {int(y.sum())} paired", file=sys.stderr)
    return np.concatenate(features), np.concatenate(labels)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=shared_eval_dir() / "polnear")
    parser.add_argument("--docs", type=Path, default=None, help="DocBin cache of train docs")
    parser.add_argument("--out", type=Path, default=MODEL_PATH)
    parser.add_argument("--bits", type=int, default=19)
    parser.add_argument("--epochs", type=int, default=4)
    parser.add_argument("--l2", type=float, default=1e-6)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--holdout", type=int, default=0)
    parser.add_argument("--add-threshold", type=float, default=0.5)
    parser.add_argument("--drop-threshold", type=float, default=0.3)
    parser.add_argument("--folds", type=int, default=4, help="0: no draft judge")
    parser.add_argument("--judge-bits", type=int, default=18)
    parser.add_argument("--judge-epochs", type=int, default=8)
    parser.add_argument("--judge-threshold", type=float, default=0.35)
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
    if args.folds > 1:
        f, y = out_of_fold_judge_data(items[:cut], docs[:cut], args.folds, args)
        judge_weights, judge_bias = fit(
            f, y, args.judge_bits, args.judge_epochs, args.l2, args.seed
        )
        model = replace(
            model,
            judge=DraftModel(judge_weights, judge_bias, args.judge_bits, args.judge_threshold),
        )
    # the weights keep the lexicon they were trained with (CueModel.feature_lexicon)
    save_model(args.out, replace(model, lexicon_hashes=load_knowledge().lemma_hashes))
    print(f"wrote {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
