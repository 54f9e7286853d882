"""Fit the mention-pair scorer of ``newsgraph/link/mention_pairs.py`` on ECB+'s train topics.

    PYTHONPATH=. python tools/train_mention_pairs.py [--cache /tmp/ecb_train.pkl] [--limit N]

Only the train topics are read (ECB+'s fit part; the dev topics are held out). Every pair
of gold mentions of a topic is an example (coreferent or not); gradient-boosted trees
(scikit-learn's ``HistGradientBoostingClassifier``, the ``train`` extra; ``--model logistic``:
a logistic regression, numpy only) are fitted on them and exported as flat arrays. The clustering
threshold is chosen on out-of-fold probabilities (five folds of whole topics: a topic never
scores itself), by the CoNLL F1 of average-link clustering on the train topics; then the model
is refitted on every train topic. Writes ``newsgraph/link/data/en/mention_pairs.json``
(trees or weights, threshold, priors and the fit figures).

``--cross-topic``: only the leave-topics-out measure (the out-of-fold CoNLL F1 and its MUC /
B³ / CEAF-e parts at each threshold); nothing is written. Without ``--without`` every one of
``FEATURES`` is fitted: the shipped model leaves out the WordNet and argument features
(docs/link.md gives the command). ``OMP_NUM_THREADS=1`` on a shared machine: scikit-learn's
threads made one out-of-fold run 17 minutes instead of 2.
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
from newsgraph.eval.coref_scores import CorefScore, conll_f1, coref_scores
from newsgraph.link.events import affiliations
from newsgraph.link.mention_pairs import (
    FEATURES,
    MODEL_FILE,
    BoostedTrees,
    FamilyPriors,
    PairModel,
    average_link,
    pair_features,
    set_priors,
    topic_mentions,
)
from newsgraph.link.mentions import cluster_mentions

THRESHOLDS = [round(t, 2) for t in np.arange(0.20, 0.86, 0.05)]
FOLDS = 5
SEED = 0
# share of the topics each bag's trees see (``--bags``): out of fold, three bags of 80% gained
# +0.002 to +0.005, but MEANTIME fit fell 0.7982 → 0.7951 (docs/link.md, session 16; not shipped)
BAG_SHARE = 0.8


def load(cache: Path | None, limit: int | None) -> tuple[dict, list]:
    """ECB+ train topics and the pipeline's records of their documents."""
    if cache is not None and cache.is_file():
        topics, systems = pickle.loads(cache.read_bytes())
    else:
        data = shared_eval_dir() / ecbplus.DEFAULT_DATA
        topics = ecbplus.load_topics(data, "train")
        docs = [d for ds in topics.values() for d in ds]
        systems = list(ecbplus.run_system(docs))
        if cache is not None:
            cache.write_bytes(pickle.dumps((topics, systems)))
    names = [d.name for ds in topics.values() for d in ds]
    by_doc = dict(zip(names, systems, strict=True))
    chosen = list(topics)[:limit]
    return {t: topics[t] for t in chosen}, by_doc


def topic_examples(docs: list, by_doc: dict) -> tuple[list, Any, np.ndarray, dict]:
    """Mention keys, the topic's mentions and pair features without priors (each fold fills
    in its own family priors), the gold chain of each mention and the rule linker's partition
    (the baseline)."""
    systems = [by_doc[d.name] for d in docs]
    mentions = ecbplus.linker_mentions(docs, systems)
    records = [s.record for s in systems]
    topic = topic_mentions(records, mentions)
    chain = {m.key: m.chain for d in docs for m in d.mentions}
    rules = cluster_mentions(records, mentions)
    return (
        topic.keys,
        (topic, pair_features(topic, affiliations(records))),
        np.asarray([chain[k] for k in topic.keys]),
        rules,
    )


def family_pairs(example: tuple) -> list[tuple[str, str, bool]]:
    """(family, family, coreferent) of the topic's mention pairs within one document cluster
    (the priors' counts: out of fold, a sharper rate than counting across stories, 0.7839
    against 0.7793)."""
    keys, (topic, _), chains, _ = example
    upper = zip(*np.triu_indices(len(keys), k=1), strict=True)
    story = topic.doc_cluster[topic.doc]
    return [(topic.items[a].family, topic.items[b].family, bool(chains[a] == chains[b]))
            for a, b in upper if story[a] == story[b]]  # fmt: skip


def with_features(example: tuple, priors: FamilyPriors) -> tuple:
    keys, (topic, x), chains, rules = example
    x = x.copy()
    set_priors(x, topic, priors)
    return keys, x, chains, rules


def flatten(
    x: np.ndarray, chains: np.ndarray, features: tuple[str, ...] = FEATURES
) -> tuple[np.ndarray, np.ndarray]:
    """The upper-triangle pairs' rows (the ``features`` columns) and coreference labels."""
    n = len(chains)
    upper = np.triu_indices(n, k=1)
    columns = [FEATURES.index(name) for name in features]
    return x[upper][:, columns], (chains[:, None] == chains[None, :])[upper].astype(int)


def fit(
    xs: list[np.ndarray],
    ys: list[np.ndarray],
    kind: str = "trees",
    features: tuple[str, ...] = FEATURES,
    views: tuple[tuple[str, ...], ...] = (),
    bags: int = 0,
) -> PairModel:
    """Boosted trees (scikit-learn; out of fold CoNLL 0.7896 against the logistic
    regression's 0.7861 with the same 27 features) or a logistic regression (numpy only).
    ``views``: subsets of ``features``, one set of trees fitted on each and their scores
    averaged (``BoostedTrees.averaged``); none: one set on all ``features``. ``bags``: that
    many sets on all ``features`` instead, each fitted on a seeded random ``BAG_SHARE`` of the
    topics (``xs``/``ys`` hold one array a topic), their scores averaged."""
    x, y = np.concatenate(xs), np.concatenate(ys)
    if kind == "logistic":
        weights, intercept = fit_logistic(x, y)
        return PairModel(weights, intercept, 0.5, features=features)
    if bags:
        every = list(range(len(features)))
        members = [fit_trees(np.concatenate([xs[t] for t in chosen]),
                             np.concatenate([ys[t] for t in chosen]), every)
                   for chosen in topic_bags(len(xs), bags)]  # fmt: skip
    else:
        members = [fit_trees(x, y, [features.index(name) for name in view])
                   for view in views or (features,)]  # fmt: skip
    trees = BoostedTrees.averaged(members) if len(members) > 1 else members[0]
    return PairModel(np.zeros(x.shape[1]), 0.0, 0.5, features=features, trees=trees)


def topic_bags(topics: int, bags: int) -> list[np.ndarray]:
    """``bags`` seeded random subsets of ``range(topics)``, each ``BAG_SHARE`` of them (sorted;
    at least one topic)."""
    rng = np.random.default_rng(SEED)
    size = max(1, round(BAG_SHARE * topics))
    return [np.sort(rng.choice(topics, size, replace=False)) for _ in range(bags)]


def fit_trees(x: np.ndarray, y: np.ndarray, columns: list[int]) -> BoostedTrees:
    """Boosted trees on ``columns`` of ``x``, exported with their feature indices pointing at
    ``x``'s columns."""
    from sklearn.ensemble import HistGradientBoostingClassifier

    gbdt = HistGradientBoostingClassifier(max_iter=150, learning_rate=0.1, max_leaf_nodes=15,
                                          min_samples_leaf=100, l2_regularization=1.0,
                                          random_state=SEED).fit(x[:, columns], y)  # fmt: skip
    trees = export_trees(gbdt)
    trees.feature = np.asarray(columns)[trees.feature]
    check = x[:: max(1, len(x) // 5000)]
    assert np.allclose(trees.scores(check), gbdt.decision_function(check[:, columns])), "export"
    return trees


def fit_logistic(
    x: np.ndarray, y: np.ndarray, l2: float = 1.0, steps: int = 25
) -> tuple[np.ndarray, float]:
    """L2-regularised logistic regression by Newton steps on standardised columns (so one
    penalty suits binary and graded features alike); weights returned for the raw columns."""
    mean, scale = x.mean(axis=0), x.std(axis=0) + 1e-9
    z = np.hstack([(x - mean) / scale, np.ones((len(x), 1))])
    w = np.zeros(z.shape[1])
    penalty = l2 * np.eye(len(w))
    penalty[-1, -1] = 0.0  # the intercept goes free
    for _ in range(steps):
        p = 1.0 / (1.0 + np.exp(-(z @ w)))
        gradient = z.T @ (p - y) + penalty @ w
        hessian = (z * (p * (1 - p))[:, None]).T @ z + penalty
        w -= np.linalg.solve(hessian, gradient)
    weights = w[:-1] / scale
    return weights, float(w[-1] - weights @ mean)


def export_trees(gbdt: Any) -> BoostedTrees:
    """The fitted trees as flat arrays (child indices relative to each tree's start)."""
    nodes = [tree.nodes for iteration in gbdt._predictors for tree in iteration]
    starts = np.cumsum([0] + [len(n) for n in nodes[:-1]])

    def flat(field: str, kind: type) -> np.ndarray:
        return np.concatenate([n[field] for n in nodes]).astype(kind)

    return BoostedTrees(
        baseline=float(np.ravel(gbdt._baseline_prediction)[0]),
        start=starts.astype(int),
        feature=flat("feature_idx", int),
        threshold=flat("num_threshold", float),
        left=flat("left", int),
        right=flat("right", int),
        is_leaf=flat("is_leaf", bool),
        value=flat("value", float),
        depth=max(int(n["depth"].max()) for n in nodes),
    )


def conll_at(scored: list[tuple[PairModel, list[tuple]]], threshold: float) -> float:
    """CoNLL F1 over every topic of ``scored``, each (model, topics) clustered by its model."""
    return conll_f1(scores_at(scored, threshold))


def scores_at(scored: list[tuple[PairModel, list[tuple]]], threshold: float
              ) -> dict[str, CorefScore]:  # fmt: skip
    """MUC, B³ and CEAF-e totals over every topic of ``scored`` (see ``conll_at``)."""
    totals = {m: CorefScore() for m in ("muc", "b3", "ceafe")}
    for model, topics in scored:
        for keys, x, chains, _ in topics:
            p = model.probabilities(x)
            labels = average_link((p + p.T) / 2, threshold)
            scores = coref_scores(dict(zip(keys, chains, strict=True)),
                                  dict(zip(keys, labels.tolist(), strict=True)))  # fmt: skip
            for name in totals:
                totals[name].add(scores[name])
    return totals


def fit_on_topics(
    examples: dict[Any, tuple],
    topics: list[Any],
    kind: str,
    features: tuple[str, ...] = FEATURES,
    views: tuple[tuple[str, ...], ...] = (),
    bags: int = 0,
) -> tuple[PairModel, list[tuple[np.ndarray, np.ndarray]]]:
    """A model fitted on ``topics`` (and its training pairs). The priors of a topic's own pairs
    come from the other topics, so a feature never reports the topic's own answers; the model
    keeps the priors of all ``topics`` for scoring unseen ones."""
    pairs_of = {t: family_pairs(examples[t]) for t in topics}  # each topic's, read once
    featured = {}
    for t in topics:
        others = [p for o in topics if o != t for p in pairs_of[o]]
        featured[t] = with_features(examples[t], FamilyPriors.count(others))
    pairs = [flatten(featured[t][1], featured[t][2], features) for t in topics]
    model = fit([p[0] for p in pairs], [p[1] for p in pairs], kind, features, views, bags)
    model.priors = FamilyPriors.count([p for t in topics for p in pairs_of[t]])
    return model, pairs


def fold_models(
    examples: dict[Any, tuple],
    names: list[Any],
    kind: str = "trees",
    features: tuple[str, ...] = FEATURES,
    views: tuple[tuple[str, ...], ...] = (),
    bags: int = 0,
) -> list[tuple[PairModel, list[Any]]]:
    """For each of ``FOLDS`` folds of whole topics (seeded): the model fitted on the other
    folds' topics, and the fold's topic names."""
    rng = np.random.default_rng(SEED)
    held = []
    for fold in np.array_split(rng.permutation(names), FOLDS):
        train = [t for t in names if t not in set(fold.tolist())]
        model, _ = fit_on_topics(examples, train, kind, features, views, bags)
        held.append((model, fold.tolist()))
    return held


def out_of_fold(
    examples: dict[Any, tuple],
    names: list[Any],
    kind: str,
    features: tuple[str, ...],
    views: tuple[tuple[str, ...], ...],
    bags: int = 0,
) -> dict[float, float]:
    """CoNLL F1 at each of ``THRESHOLDS``, each fold's topics scored by a model fitted on the
    other folds."""
    models = fold_models(examples, names, kind, features, views, bags)
    held = [(model, [with_features(examples[t], model.priors) for t in fold])
            for model, fold in models]  # fmt: skip
    per_threshold = {}
    for threshold in THRESHOLDS:
        totals = scores_at(held, threshold)
        per_threshold[threshold] = conll_f1(totals)
        print(f"threshold {threshold:.2f}: out-of-fold CoNLL F1 {per_threshold[threshold]:.4f} "
              + describe(totals), file=sys.stderr)  # fmt: skip
    return per_threshold


def describe(totals: dict[str, CorefScore]) -> str:
    """Each measure's precision / recall / F1, as 'muc 0.891/0.882/0.887 ...'."""
    return " ".join(f"{name} {score.precision:.3f}/{score.recall:.3f}/{score.f1:.3f}"
                    for name, score in totals.items())  # fmt: skip


def compact_json(data: dict[str, Any]) -> str:
    """One line per top-level field (the priors table on one line)."""
    lines = [f" {json.dumps(k)}: {json.dumps(v, separators=(',', ':'))}" for k, v in data.items()]
    return "{\n" + ",\n".join(lines) + "\n}\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--cache", type=Path, help="pickle of the pipeline's train records")
    parser.add_argument("--limit", type=int, help="the first N train topics only")
    parser.add_argument("--model", choices=("trees", "logistic"), default="trees")
    parser.add_argument("--without", default="", help="comma-separated FEATURES to leave out")
    parser.add_argument("--view-without", default="",
                        help="comma-separated features: trees fitted without them too, the two "
                        "sets' scores averaged (an ensemble of two views)")  # fmt: skip
    parser.add_argument("--threshold", type=float,
                        help="use this clustering threshold, skipping the out-of-fold search "
                        "(a threshold that search chose before: saves five fits)")  # fmt: skip
    parser.add_argument("--bags", type=int, default=0,
                        help="fit N sets of trees, each on a random BAG_SHARE of the topics, "
                        "their scores averaged (not with --view-without)")  # fmt: skip
    parser.add_argument("--cross-topic", action="store_true",
                        help="only the leave-topics-out measure: out-of-fold CoNLL F1 at each "
                        "threshold (five folds of topics), no final fit, no file")  # fmt: skip
    parser.add_argument("--out", type=Path, default=data_file("newsgraph.link", MODEL_FILE))
    args = parser.parse_args(argv)
    left_out = {name for name in args.without.split(",") if name}
    if left_out - set(FEATURES):
        parser.error(f"unknown features {sorted(left_out - set(FEATURES))}")
    features = tuple(name for name in FEATURES if name not in left_out)
    unseen = {name for name in args.view_without.split(",") if name}
    if unseen - set(features):
        parser.error(f"--view-without {sorted(unseen - set(features))}: not among the features")
    views = (features, tuple(f for f in features if f not in unseen)) if unseen else ()
    if views and args.bags:
        parser.error("--bags and --view-without: one ensemble at a time")
    topics, by_doc = load(args.cache, args.limit)
    examples = {t: topic_examples(docs, by_doc) for t, docs in topics.items()}
    names = sorted(examples)
    if args.threshold is None or args.cross_topic:
        per_threshold = out_of_fold(examples, names, args.model, features, views, args.bags)
        best = max(THRESHOLDS, key=lambda t: (per_threshold[t], -t))
        if args.cross_topic:
            print(f"out-of-fold CoNLL F1 {per_threshold[best]:.4f} at threshold {best}")
            return 0
    else:  # chosen before, by this search: only the final fit is run
        per_threshold, best = {args.threshold: None}, args.threshold
    model, pairs = fit_on_topics(examples, names, args.model, features, views, args.bags)
    model.threshold = best
    # in sample: the shipped priors include each topic's own pairs
    in_sample = conll_at([(model, [with_features(examples[t], model.priors) for t in names])], best)
    rule_totals = {m: CorefScore() for m in ("muc", "b3", "ceafe")}
    for keys, _, chains, rules in examples.values():
        scores = coref_scores(dict(zip(keys, chains, strict=True)), rules)
        for name in rule_totals:
            rule_totals[name].add(scores[name])
    info = {
        "fitted_on": "ECB+ train topics (gold mentions), " + ", ".join(map(str, names)),
        "pairs": int(sum(len(p[1]) for p in pairs)),
        "coreferent_pairs": int(sum(p[1].sum() for p in pairs)),
        "out_of_fold_conll": per_threshold[best] and round(per_threshold[best], 4),
        "in_sample_conll": round(in_sample, 4),
        "rule_linker_conll": round(conll_f1(rule_totals), 4),
    }
    args.out.write_text(compact_json(model.to_json(**info)), encoding="utf-8")
    print(json.dumps(info, indent=1))
    if model.trees is None:
        for name, weight in zip(features, model.weights, strict=True):
            print(f"{name:28s} {weight:+.3f}")
        print(f"{'intercept':28s} {model.intercept:+.3f}")
    print(f"threshold {best}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
