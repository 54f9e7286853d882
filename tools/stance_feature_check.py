"""Does a change to the Emergent model's features help? Paired out-of-fold checks; ships nothing.

    PYTHONPATH=. python tools/stance_feature_check.py [--drop-dense NAME] [--drop-cues PREFIX]
        [--words "hedge words ..."] [--setting 5 0.02 balanced] [--cuts 16] [--parse]
        [--char-ensemble] [--bootstrap] [--errors]

Prints the Emergent model's out-of-fold accuracy at the shipped setting over ``--cuts`` seeded
cuts of the fit claims (``stance_transfer_check.accuracies``), then each variant against the same
cuts: without one dense feature (``--drop-dense plain_statement``; ``all`` tries each in turn),
without a family of cues (``--drop-cues k:``: class bigrams; ``w:``, ``b:``, ``s:``, ``seg:``,
``q:``), with the count of a word list as one more dense feature (``--words``: a lexicon from the
literature, say), at another grid setting (``--setting``), with flags from the headline's and
the claim's spaCy parse (``--parse``: does the headline's subject hold a claim word, do the two
share a subject or a root, is the claim's main verb negated in the headline; the headline root's
tense as a cue), or averaged with a character n-gram model (``--char-ensemble``). A difference
is worth a look only when it clears its standard error by far on most cuts (docs/link.md: most
do not). ``--bootstrap`` prints how far the accuracy of a part as big as the held-out one moves
with the claims it happens to hold (``claim_bootstrap``, on the first cut's out-of-fold
predictions): the noise of the held-out figure itself. ``--errors`` counts the kinds of headline
(``HEADLINE_KINDS``: a hedge word, a question, a plain statement, how much of the claim's names
and predicate it repeats) in each cell of the first cut's out-of-fold confusion matrix: which
kinds the errors are. Fit part only.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

sys.path.insert(0, str(Path(__file__).parent))
import stance_transfer_check as check  # a script beside this one
import train_stance as ts

from newsgraph.eval.base import FIT, shared_eval_dir
from newsgraph.eval.stance import StancePair, load_emergent
from newsgraph.link import stance_cues as sc
from newsgraph.link.stance_lexicons import count_in, tokens, words

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

SUBJECTS = frozenset(("nsubj", "nsubjpass", "csubj"))
PARSE_FLAGS = ("subject_is_claim", "same_subject", "claim_verb_negated", "same_root")
CHAR_GRAMS = (2, 5)  # character n-gram lengths of the char model
CHAR_C = 1.0  # its regression's C (0.3 and 3 did no better in scratch runs)
CHAR_SHARES = (0.2, 0.35, 0.5)  # its share when the two models' probabilities are averaged
BOOTSTRAP_DRAWS = 4000
TARGET = 0.80  # issue 14's held-out target
# Issue 14's hedges (general English: reportedly, claims, according to, unconfirmed, rumour).
BRIEF_HEDGES = words(
    "reportedly claims claim claimed unconfirmed rumour rumor rumours rumors rumoured rumored"
)
HEADLINE_KINDS = ("hedge", "question", "plain", "predicate none", "predicate half+", "names none")


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


def content_stems(parsed_tokens: list[Token]) -> set[str]:
    return {sc.word_stem(t.lower_) for t in parsed_tokens if sc.is_content_word(t.lower_)}


def parse_flags(headline: Doc, claim: Doc) -> tuple[list[float], str]:
    """``PARSE_FLAGS`` of one (headline, claim) pair and the headline root's tense (its tag,
    ``+md`` with a modal)."""
    claim_stems = content_stems(list(claim))
    root, claim_root = headline[:].root, claim[:].root
    subject = [w for t in root.children if t.dep_ in SUBJECTS for w in t.subtree]
    claim_subject = [w for t in claim_root.children if t.dep_ in SUBJECTS for w in t.subtree]
    verb = sc.word_stem(claim_root.lower_)
    negated = any(
        sc.word_stem(t.lower_) == verb
        and any(c.dep_ == "neg" for c in (*t.children, *t.head.children))
        for t in headline
    )
    tense = root.tag_ if root.pos_ in ("VERB", "AUX") else "none"
    tense += "+md" if any(c.tag_ == "MD" for c in root.children) else ""
    flags = [bool(content_stems(subject) & claim_stems),
             bool(content_stems(subject) & content_stems(claim_subject)), negated,
             sc.word_stem(root.lower_) == verb]  # fmt: skip
    return [float(f) for f in flags], tense


def parsed(fit: list[StancePair]) -> tuple[np.ndarray, list[str]]:
    """``parse_flags`` of every fit pair (en_core_web_sm; a check, nothing ships a parse)."""
    from newsgraph.nlp import load_spacy_model

    nlp = load_spacy_model()
    claims = sorted({p.other for p in fit})
    claim_docs = dict(zip(claims, nlp.pipe(claims), strict=True))
    rows = [parse_flags(doc, claim_docs[p.other])
            for doc, p in zip(nlp.pipe(p.text for p in fit), fit, strict=True)]  # fmt: skip
    return np.array([flags for flags, _ in rows]), [tense for _, tense in rows]


def char_grams(fit: list[StancePair]) -> list[set[str]]:
    """Character n-grams of each class-masked headline (claim words as ``#``)."""
    out = []
    for p in fit:
        classed = sc.class_masked(sc.masked_headline(p.text, p.other))
        text = " " + " ".join("#" if t == sc.CLAIM_MARK else t.strip("<>") for t in classed)
        text += " ?" if "?" in p.text else " "
        low, high = CHAR_GRAMS
        lengths = range(low, high + 1)
        out.append({text[i : i + n] for n in lengths for i in range(len(text) - n + 1)})
    return out


def char_proba(grams: list[set[str]], y: np.ndarray, groups: list[str], tr: np.ndarray,
               te: np.ndarray) -> np.ndarray:  # fmt: skip
    """The char model's probabilities for ``te``, fitted on ``tr`` (n-grams under at least as
    many claims as the shipped cue threshold; rows scaled to unit length)."""
    vocab = ts.cue_vocabulary(grams, groups, tr, check.SHIPPED_SETTING[0])
    x = ts.cue_design(grams, np.zeros((len(grams), 0)), vocab, np.zeros(0), np.ones(0))
    x /= np.maximum(np.linalg.norm(x, axis=1, keepdims=True), 1.0)
    return ts.SoftmaxRegression(CHAR_C, balanced=True).fit(x[tr], y[tr]).predict_proba(x[te])


def char_ensemble(fit: list[StancePair], cues: list[set[str]], dense: np.ndarray, y: np.ndarray,
                  labels: list[str], cuts: int) -> dict[float, np.ndarray]:  # fmt: skip
    """Out-of-fold accuracy on each cut with the char model's probabilities averaged in at
    each of ``CHAR_SHARES`` (share 0: the cue model alone)."""
    grams, groups = char_grams(fit), [p.group for p in fit]
    out: dict[float, list[float]] = {share: [] for share in (0.0, *CHAR_SHARES)}
    for seed in range(cuts):
        cue_p, char_p = np.zeros((len(y), len(labels))), np.zeros((len(y), len(labels)))
        for tr, te in ts.seeded_group_folds(groups, seed):
            stages = ts.fit_stages(cues, dense, y, groups, tr, check.SHIPPED_SETTING, labels)
            cue_p[te] = ts.stages_proba(stages, te, labels)
            char_p[te] = char_proba(grams, y, groups, tr, te)
        for share, accuracy in out.items():
            accuracy.append(float((((1 - share) * cue_p + share * char_p).argmax(1) == y).mean()))
    return {share: np.array(accuracy) for share, accuracy in out.items()}


def claim_bootstrap(
    correct: np.ndarray, groups: list[str], claims: int, draws: int = BOOTSTRAP_DRAWS, seed: int = 0
) -> np.ndarray:
    """The accuracy of ``draws`` sets of ``claims`` claims drawn with replacement, each with all
    its headlines (``correct``: 1 where a headline's prediction is right): how much a part of
    that many claims moves with which claims it holds, labels clustered by claim as they are."""
    names, group_of_row = np.unique(groups, return_inverse=True)
    right = np.bincount(group_of_row, weights=correct, minlength=len(names))
    sizes = np.bincount(group_of_row, minlength=len(names))
    picks = np.random.default_rng(seed).integers(0, len(names), size=(draws, claims))
    return right[picks].sum(axis=1) / sizes[picks].sum(axis=1)


def bootstrap(fit: list[StancePair], cues: list[set[str]], dense: np.ndarray, y: np.ndarray,
              labels: list[str]) -> None:  # fmt: skip
    """``claim_bootstrap`` of the shipped setting's first-cut out-of-fold predictions, for as
    many claims as the fit part has (the held-out part has about as many)."""
    groups, predicted = [p.group for p in fit], np.zeros(len(y), dtype=int)
    for tr, te in ts.seeded_group_folds(groups, 0):
        stages = ts.fit_stages(cues, dense, y, groups, tr, check.SHIPPED_SETTING, labels)
        predicted[te] = ts.stages_proba(stages, te, labels).argmax(axis=1)
    correct = (predicted == y).astype(float)
    claims = len(set(groups))
    accuracy = claim_bootstrap(correct, groups, claims)
    print(f"  first cut out of fold {correct.mean():.4f}; over {len(accuracy)} draws of {claims} "
          f"claims: sd {accuracy.std():.4f}, 90% within {np.quantile(accuracy, 0.05):.4f}–"
          f"{np.quantile(accuracy, 0.95):.4f}, {(accuracy >= TARGET).mean():.2f} at or above "
          f"{TARGET}")  # fmt: skip


def headline_kinds(headline: str, claim: str) -> set[str]:
    """Which of ``HEADLINE_KINDS`` a headline is, against its claim."""
    toks, dense = tokens(headline), sc.cue_dense(headline, claim)
    value = dict(zip(sc.CUE_DENSE_NAMES, dense.tolist(), strict=True))
    kinds = {
        "hedge": bool(BRIEF_HEDGES.intersection(toks)) or "according to" in " ".join(toks),
        "question": "?" in headline,
        "plain": bool(value["plain_statement"]),
        "predicate none": value["predicate_coverage"] == 0,
        "predicate half+": value["predicate_coverage"] >= 0.5,
        "names none": value["name_coverage"] == 0,
    }
    return {kind for kind in HEADLINE_KINDS if kinds[kind]}


def error_kinds(
    fit: list[StancePair], y: np.ndarray, predicted: np.ndarray, labels: list[str]
) -> dict[tuple[str, str], tuple[int, int, dict[str, int]]]:
    """For each (gold, predicted) cell: its headlines, their claims and how many are of each
    of ``HEADLINE_KINDS``."""
    out = {}
    for g, gold in enumerate(labels):
        for q, guess in enumerate(labels):
            rows = np.flatnonzero((y == g) & (predicted == q))
            kinds = [headline_kinds(fit[i].text, fit[i].other) for i in rows]
            counts = {kind: sum(kind in k for k in kinds) for kind in HEADLINE_KINDS}
            out[(gold, guess)] = (len(rows), len({fit[i].group for i in rows}), counts)
    return out


def errors(fit: list[StancePair], cues: list[set[str]], dense: np.ndarray, y: np.ndarray,
           labels: list[str]) -> None:  # fmt: skip
    """``error_kinds`` of the shipped setting's first-cut out-of-fold predictions."""
    groups, predicted = [p.group for p in fit], np.zeros(len(y), dtype=int)
    for tr, te in ts.seeded_group_folds(groups, 0):
        stages = ts.fit_stages(cues, dense, y, groups, tr, check.SHIPPED_SETTING, labels)
        predicted[te] = ts.stages_proba(stages, te, labels).argmax(axis=1)
    print("  gold -> predicted: headlines (claims); " + ", ".join(HEADLINE_KINDS))
    for (gold, guess), (n, claims, counts) in error_kinds(fit, y, predicted, labels).items():
        print(f"  {gold} -> {guess}: {n} ({claims}); "
              + ", ".join(str(counts[kind]) for kind in HEADLINE_KINDS))  # fmt: skip


def report(name: str, base: np.ndarray, variant: np.ndarray) -> None:
    """The variant's mean, its paired difference from ``base`` with the standard error, and the
    spread of its first four cuts (the trainer's ``EMERGENT_REPEATS``): a change is kept only
    when it rises by more than that spread."""
    diff = variant - base
    print(f"  {name}: {variant.mean():.4f} ({diff.mean():+.4f} ± "
          f"{diff.std(ddof=1) / np.sqrt(len(diff)):.4f}, {int((diff > 0).sum())} of "
          f"{len(diff)} cuts up; first four cuts {variant[:4].mean():.4f}, spread "
          f"{np.ptp(variant[:4]):.4f})")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--eval-dir", type=Path, default=shared_eval_dir())
    parser.add_argument("--drop-dense", action="append", default=[])
    parser.add_argument("--drop-cues", action="append", default=[])
    parser.add_argument("--words", action="append", default=[])
    parser.add_argument("--setting", nargs=3, action="append", default=[])
    parser.add_argument("--cuts", type=int, default=check.CUTS)
    parser.add_argument("--parse", action="store_true", help="flags from the spaCy parse")
    parser.add_argument("--char-ensemble", action="store_true", help="average a char model in")
    parser.add_argument("--bootstrap", action="store_true", help="the held-out figure's noise")
    parser.add_argument("--errors", action="store_true", help="kinds of headline per error")
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
    if args.parse:
        flags, tenses = parsed(fit)
        for k, name in enumerate(PARSE_FLAGS):
            report(f"with {name}", base, accuracies(cues, dense, flags[:, [k]]))
        report("with all parse flags", base, accuracies(cues, dense, flags))
        with_tense = [row | {f"t:{tense}"} for row, tense in zip(cues, tenses, strict=True)]
        report("with the root's tense as a cue", base, accuracies(with_tense, dense))
    if args.bootstrap:
        bootstrap(fit, cues, dense, y, labels)
    if args.errors:
        errors(fit, cues, dense, y, labels)
    if args.char_ensemble:
        shares = char_ensemble(fit, cues, dense, y, labels, args.cuts)
        for share in CHAR_SHARES:
            report(f"char model at share {share}", shares[0.0], shares[share])


if __name__ == "__main__":
    main()
