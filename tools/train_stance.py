"""Train the stance models on the FIT parts of FNC-1 and Emergent; write their npz weights.

    PYTHONPATH=. python tools/train_stance.py [--eval-dir ../shared/eval] [--only fnc1|emergent]

Deterministic (fixed seeds, fixed hash split). Writes ``newsgraph/link/data/stance_<name>.npz``
and prints fit and held-out figures. See newsgraph/link/stance.py for the model.
"""

from __future__ import annotations

import argparse
import time
from collections import Counter
from pathlib import Path

import numpy as np
from scipy.sparse import csr_matrix
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GroupKFold

from newsgraph.eval.base import FIT, HELDOUT, shared_eval_dir
from newsgraph.eval.stance import StancePair, evaluate_pairs, load_emergent, load_fnc1
from newsgraph.link import stance as st

SETTINGS = {
    # name: (loader, LR C, boosting iterations, learning rate, leaves)
    "fnc1": (load_fnc1, 1.0, 300, 0.1, 31),
    "emergent": (load_emergent, 1.0, 200, 0.05, 15),
}


def hashed_idf(pairs: list[StancePair]) -> np.ndarray:
    docs = {p.text for p in pairs} | {p.other for p in pairs}
    df = np.zeros(1 << st.HASH_BITS, dtype=np.float64)
    for doc in docs:
        for h in {st._hash(t, st.HASH_BITS) for t in st.content(st.tokens(doc))}:
            df[h] += 1
    return np.log((1 + len(docs)) / (1 + df)).astype(np.float32) + 1


def bow_matrix(pairs: list[StancePair]) -> csr_matrix:
    rows = [st.bow_indices(p.text, p.other) for p in pairs]
    indptr = np.cumsum([0] + [len(r) for r in rows])
    indices = np.array([i for r in rows for i in r], dtype=np.int64)
    data = np.ones(len(indices))
    return csr_matrix((data, indices, indptr), shape=(len(rows), 1 << st.BOW_BITS))


def export_trees(gbdt: HistGradientBoostingClassifier) -> dict[str, np.ndarray]:
    """The boosted trees as flat arrays (node indices relative to each tree's start)."""
    feature, threshold, left, right, is_leaf, value, starts, classes = (
        [],
        [],
        [],
        [],
        [],
        [],
        [],
        [],
    )
    offset, depth = 0, 0
    for iteration in gbdt._predictors:
        for k, tree in enumerate(iteration):
            nodes = tree.nodes
            starts.append(offset)
            classes.append(k)
            feature.append(nodes["feature_idx"].astype(np.int32))
            threshold.append(nodes["num_threshold"].astype(np.float64))
            left.append(nodes["left"].astype(np.int32))
            right.append(nodes["right"].astype(np.int32))
            is_leaf.append(nodes["is_leaf"].astype(np.uint8))
            value.append(nodes["value"].astype(np.float64))
            depth = max(depth, int(nodes["depth"].max()))
            offset += len(nodes)
    return {
        "feature": np.concatenate(feature),
        "threshold": np.concatenate(threshold),
        "left": np.concatenate(left),
        "right": np.concatenate(right),
        "is_leaf": np.concatenate(is_leaf),
        "value": np.concatenate(value),
        "tree_start": np.array(starts, dtype=np.int64),
        "tree_class": np.array(classes, dtype=np.int32),
        "baseline": np.asarray(gbdt._baseline_prediction, dtype=np.float64).ravel(),
        "max_depth": np.array(depth),
    }


def train(name: str, eval_dir: Path) -> None:
    loader, c, iterations, rate, leaves = SETTINGS[name]
    started = time.perf_counter()
    pairs = loader(eval_dir / name)
    fit = [p for p in pairs if p.split == FIT]
    labels = sorted({p.label for p in fit})
    y = np.array([labels.index(p.label) for p in fit])
    groups = [p.group for p in fit]
    print(f"{name}: {len(fit)} fit pairs of {len(pairs)}; {dict(Counter(p.label for p in fit))}")

    idf = hashed_idf(fit)
    bow = bow_matrix(fit)
    # Out-of-fold LR probabilities, so the trees see LR outputs as they are on unseen stories.
    oof = np.zeros((len(fit), len(labels)))
    for train_idx, test_idx in GroupKFold(n_splits=5).split(bow, y, groups):
        lr = LogisticRegression(C=c, max_iter=2000, random_state=0)
        lr.fit(bow[train_idx], y[train_idx])
        oof[test_idx] = lr.predict_proba(bow[test_idx])
    lr = LogisticRegression(C=c, max_iter=2000, random_state=0).fit(bow, y)
    hand = np.array([st.pair_features(p.text, p.other, idf) for p in fit])
    x = np.hstack([hand, oof])
    print(f"  features {x.shape} in {time.perf_counter() - started:.0f}s")

    gbdt = HistGradientBoostingClassifier(
        max_iter=iterations, learning_rate=rate, max_leaf_nodes=leaves, early_stopping=False,
        random_state=0,
    )  # fmt: skip
    gbdt.fit(x, y)
    arrays = export_trees(gbdt) | {
        "labels": np.array(labels),
        "idf": idf,
        "lr_coef": lr.coef_.astype(np.float32),
        "lr_intercept": lr.intercept_.astype(np.float64),
    }
    out = st.DATA_DIR / f"stance_{name}.npz"
    np.savez_compressed(out, **arrays)
    st.load_model.cache_clear()
    model = st.load_model(name)
    check = x[:500]
    ours = model.tree_scores(check)
    theirs = gbdt._raw_predict(check)
    assert np.allclose(ours, theirs, atol=1e-6), "exported trees disagree with sklearn"
    print(f"  wrote {out} ({out.stat().st_size / 1e6:.1f} MB) in "
          f"{time.perf_counter() - started:.0f}s")  # fmt: skip
    report = evaluate_pairs(name, eval_dir / name, pairs, name, None)
    for row in report.rows:
        if row.value is not None or row.measure.startswith(HELDOUT):
            print(f"  {row.measure}: {row.to_dict()}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--eval-dir", type=Path, default=shared_eval_dir())
    parser.add_argument("--only", choices=sorted(SETTINGS))
    args = parser.parse_args()
    for name in [args.only] if args.only else list(SETTINGS):
        train(name, args.eval_dir)


if __name__ == "__main__":
    main()
