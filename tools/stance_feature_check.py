"""Does a change to the Emergent model's features help? Paired out-of-fold checks; ships nothing.

    PYTHONPATH=. python tools/stance_feature_check.py [--drop-dense NAME] [--drop-cues PREFIX]
        [--words "hedge words ..."] [--setting 5 0.02 balanced] [--cuts 16]

Prints the Emergent model's out-of-fold accuracy at the shipped setting over ``--cuts`` seeded
cuts of the fit claims (``stance_transfer_check.accuracies``), then each variant against the same
cuts: without one dense feature (``--drop-dense plain_statement``; ``all`` tries each in turn),
without a family of cues (``--drop-cues k:``: class bigrams; ``w:``, ``b:``, ``s:``, ``seg:``,
``q:``), with the count of a word list as one more dense feature (``--words``: a lexicon from the
literature, say), or at another grid setting (``--setting``). A difference is worth a look only
when it clears its standard error by far on most cuts (docs/link.md: most do not). Fit part only.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).parent))
import stance_transfer_check as check  # a script beside this one

from newsgraph.eval.base import FIT, shared_eval_dir
from newsgraph.eval.stance import load_emergent
from newsgraph.link import stance_cues as sc
from newsgraph.link.stance_lexicons import count_in, tokens, words


def without_cues(cues: list[set[str]], prefix: str) -> list[set[str]]:
    """Each headline's cues less those of one family (``k:``) or one cue (``q``)."""
    family = prefix.endswith(":")
    return [{c for c in row if not (c.startswith(prefix) if family else c == prefix)}
            for row in cues]  # fmt: skip


def without_dense(dense: np.ndarray, name: str) -> np.ndarray:
    """The dense features less the column ``name`` of ``sc.CUE_DENSE_NAMES``."""
    return np.delete(dense, sc.CUE_DENSE_NAMES.index(name), axis=1)


def word_counts(headlines: list[str], lexicon: frozenset[str]) -> np.ndarray:
    """How many of each headline's words are in ``lexicon``: one more dense column."""
    return np.array([[count_in(tokens(h), lexicon)] for h in headlines])


def report(name: str, base: np.ndarray, variant: np.ndarray) -> None:
    diff = variant - base
    print(f"  {name}: {variant.mean():.4f} ({diff.mean():+.4f} ± "
          f"{diff.std(ddof=1) / np.sqrt(len(diff)):.4f}, {int((diff > 0).sum())} of "
          f"{len(diff)} cuts up)")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--eval-dir", type=Path, default=shared_eval_dir())
    parser.add_argument("--drop-dense", action="append", default=[])
    parser.add_argument("--drop-cues", action="append", default=[])
    parser.add_argument("--words", action="append", default=[])
    parser.add_argument("--setting", nargs=3, action="append", default=[])
    parser.add_argument("--cuts", type=int, default=check.CUTS)
    args = parser.parse_args()
    fit = [p for p in load_emergent(args.eval_dir / "emergent") if p.split == FIT]
    labels = sorted({p.label for p in fit})
    y = np.array([labels.index(p.label) for p in fit])
    groups = [p.group for p in fit]
    cues = [sc.cue_strings(p.text, p.other) for p in fit]
    dense = np.array([sc.cue_dense(p.text, p.other) for p in fit])

    def accuracies(
        cues: list[set[str]], dense: np.ndarray, extra: np.ndarray | None = None,
        setting: tuple = check.SHIPPED_SETTING,
    ) -> np.ndarray:  # fmt: skip
        return check.accuracies(cues, dense, y, groups, labels, extra, setting=setting,
                                cuts=args.cuts)  # fmt: skip

    base = accuracies(cues, dense)
    print(f"emergent out of fold, {args.cuts} cuts, {check.SHIPPED_SETTING}: {base.mean():.4f}")
    dropped = sc.CUE_DENSE_NAMES if "all" in args.drop_dense else args.drop_dense
    for name in dropped:
        report(f"without {name}", base, accuracies(cues, without_dense(dense, name)))
    for prefix in args.drop_cues:
        report(f"without cues {prefix}", base, accuracies(without_cues(cues, prefix), dense))
    for text in args.words:
        extra = word_counts([p.text for p in fit], words(text))
        report(f"with a count of '{text[:30]}...'", base, accuracies(cues, dense, extra))
    for least, c, weights in args.setting:
        setting = (int(least), float(c), weights)
        report(f"setting {setting}", base, accuracies(cues, dense, setting=setting))


if __name__ == "__main__":
    main()
