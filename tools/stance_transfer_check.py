"""Would an FNC-1 model's scores help the Emergent model? The check behind docs/link.md's
"FNC-1 transfer" paragraph; it ships nothing.

    PYTHONPATH=. python tools/stance_transfer_check.py [--eval-dir ../shared/eval] [--every-claim]

Fits an FNC-1 model at its shipped setting on FNC-1's fit pairs without Emergent's held-out
claims (``transfer_pairs``; ``--every-claim`` leaves out Emergent's fit claims too, so that the
claims of each Emergent test fold are unseen by it as well), then prints the Emergent model's
out-of-fold accuracy over ``CUTS`` seeded cuts of the fit claims with that model's disputes /
reports / supports probabilities as three more dense features (both ways round: the claim as
FNC-1's headline and the Emergent headline as its body, or the reverse) or averaged into its
probabilities, each against the same cuts without them. Seeded; needs scikit-learn.
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).parent))
import train_stance as ts  # a script beside this one

from newsgraph.eval.base import FIT, shared_eval_dir
from newsgraph.eval.stance import StancePair, load_emergent, load_fnc1
from newsgraph.link import stance as st
from newsgraph.link import stance_cues as sc

CUTS = 16
STANCES = ("disputes", "reports", "supports")  # Emergent's classes, sorted as the trainer does
SHIPPED_SETTING = (5, 0.02, "balanced")  # the Emergent grid's pick (docs/link.md)
NEAR_MATCH = 0.6  # token-set Jaccard at which an FNC-1 headline counts as an Emergent text
ENSEMBLE_WEIGHTS = (0.1, 0.2)  # the FNC-1 model's share when probabilities are averaged


def normalised(text: str) -> str:
    """Lower-cased words and numbers, one space apart: how FNC-1 and Emergent texts are matched."""
    return " ".join(re.findall(r"[a-z0-9]+", text.lower()))


def matches_any(headline: str, texts: list[frozenset[str]]) -> bool:
    """The headline's words equal, or nearly equal (``NEAR_MATCH``), one of the texts' words:
    FNC-1 rewrote some of Emergent's headlines (reordered, shortened, punctuated)."""
    words = frozenset(normalised(headline).split())
    return any(len(words & text) >= NEAR_MATCH * len(words | text) for text in texts)


def transfer_pairs(
    fnc1: list[StancePair], emergent: list[StancePair], every_claim: bool = False
) -> list[StancePair]:
    """FNC-1's fit pairs with every trace of Emergent's held-out claims (``every_claim``: of all
    its claims) taken out. FNC-1 is built from Emergent's articles and cut by body, so its fit
    part holds held-out claims' headlines: a pair goes when its headline matches
    (``matches_any``) such a claim or headline, and so does every pair of a body that such a
    headline is *related* to (the body is an article of that claim)."""
    left_out = [frozenset(normalised(t).split()) for p in emergent
                if every_claim or p.split != FIT for t in (p.text, p.other)]  # fmt: skip
    fit = [p for p in fnc1 if p.split == FIT]
    matched = {h: matches_any(h, left_out) for h in {p.text for p in fit}}
    exact = {h for h in matched if frozenset(normalised(h).split()) in set(left_out)}
    bodies = {p.group for p in fit if matched[p.text] and p.label != st.UNRELATED}
    kept = [p for p in fit if not matched[p.text] and p.group not in bodies]
    print(f"fnc1 fit: {len(fit)} pairs, {len(matched)} headlines; {sum(matched.values())} "
          f"headlines match a left-out Emergent claim or headline ({len(exact)} exactly), "
          f"{sum(matched[p.text] for p in fit)} pairs; {len(bodies)} of "
          f"{len({p.group for p in fit})} bodies related to one; {len(kept)} pairs kept "
          f"({sum(p.label != st.UNRELATED for p in kept)} related)")  # fmt: skip
    return kept


def fit_transfer_model(pairs: list[StancePair], out: Path) -> st.StanceModel:
    labels = sorted({p.label for p in pairs})
    y = np.array([labels.index(p.label) for p in pairs])
    idf = ts.hashed_idf(pairs)
    hand = np.array([st.pair_features(p.text, p.other, idf) for p in pairs])
    groups = [p.group for p in pairs]
    arrays, x, trees = ts.fit_fnc1(hand, ts.bow_matrix(pairs), y, groups, ts.FNC1_GRID[0])
    ts.write_fnc1(arrays | {"labels": np.array(labels), "idf": idf}, out, x, trees)
    return st.StanceModel(out)


def related_proba(model: st.StanceModel, pairs: list[tuple[str, str]]) -> np.ndarray:
    """Disputes / reports / supports probabilities, renormalised without unrelated."""
    proba = model.predict_proba(pairs)[:, [model.labels.index(k) for k in STANCES]]
    return proba / proba.sum(axis=1, keepdims=True)


def accuracies(
    cues: list[set[str]], dense: np.ndarray, y: np.ndarray, groups: list[str],
    labels: list[str], extra: np.ndarray | None = None, share: float = 0.0,
    setting: tuple = SHIPPED_SETTING, cuts: int = CUTS,
) -> np.ndarray:  # fmt: skip
    """Out-of-fold accuracy on each of ``cuts`` cuts at ``setting``: ``extra`` as more dense
    features, or ``share`` of the probabilities taken from ``extra`` instead."""
    features = dense if extra is None or share else np.hstack([dense, extra])
    out = []
    for seed in range(cuts):
        predicted = np.zeros(len(y), dtype=int)
        for tr, te in ts.seeded_group_folds(groups, seed):
            stages = ts.fit_stages(cues, features, y, groups, tr, setting, labels)
            proba = ts.stages_proba(stages, te, labels)
            if share:
                proba = (1 - share) * proba + share * extra[te]
            predicted[te] = proba.argmax(axis=1)
        out.append(float((predicted == y).mean()))
    return np.array(out)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--eval-dir", type=Path, default=shared_eval_dir())
    parser.add_argument("--every-claim", action="store_true")
    args = parser.parse_args()
    emergent = load_emergent(args.eval_dir / "emergent")
    kept = transfer_pairs(load_fnc1(args.eval_dir / "fnc1"), emergent, args.every_claim)
    with tempfile.TemporaryDirectory() as tmp:
        model = fit_transfer_model(kept, Path(tmp) / "stance_fnc1_transfer.npz")
    fit = [p for p in emergent if p.split == FIT]
    labels = sorted({p.label for p in fit})
    assert tuple(labels) == STANCES
    y = np.array([labels.index(p.label) for p in fit])
    groups = [p.group for p in fit]
    cues = [sc.cue_strings(p.text, p.other) for p in fit]
    dense = np.array([sc.cue_dense(p.text, p.other) for p in fit])
    base = accuracies(cues, dense, y, groups, labels)
    print(f"emergent out of fold, {CUTS} cuts, {SHIPPED_SETTING}: {base.mean():.4f}")
    ways = {
        "claim as FNC-1 headline": [(p.other, p.text) for p in fit],
        "headline as FNC-1 headline": [(p.text, p.other) for p in fit],
    }
    for way, rows in ways.items():
        proba = related_proba(model, rows)
        print(f"  {way}: the FNC-1 model alone {(proba.argmax(axis=1) == y).mean():.4f}")
        variants = {"features": (proba, 0.0), "log features": (np.log(proba + 1e-3), 0.0)}
        variants |= {f"share {s}": (proba, s) for s in ENSEMBLE_WEIGHTS}
        for name, (extra, share) in variants.items():
            diff = accuracies(cues, dense, y, groups, labels, extra, share) - base
            print(f"    {name}: {base.mean() + diff.mean():.4f} ({diff.mean():+.4f} ± "
                  f"{diff.std(ddof=1) / np.sqrt(CUTS):.4f}, {int((diff > 0).sum())} of {CUTS} "
                  "cuts up)")  # fmt: skip


if __name__ == "__main__":
    main()
