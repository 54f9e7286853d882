"""Claim-independent cues of a headline's stance towards a short claim (the Emergent model).

A headline's words that also name the claim ("Macaulay Culkin", "dead") say what it is about,
not how it treats it; the rest ("hoax", "denies", "reportedly", "no,", a question mark) carry
the stance. So the claim's content words are masked as ``<c>`` before the headline's words and
bigrams become cues: "Culkin not dead" and "Tiger Woods not suspended" both give ``not_<c>``.
The cue vocabulary the model keeps is learned from the fit part (cues seen under at least a
cross-validated number of different claims, see tools/train_stance.py); the dense features are
claim coverage, negation scope and counts from general word lists.
"""

from __future__ import annotations

import itertools
import math
import re

import numpy as np

from .stance_lexicons import (
    CONFIRMING,
    HEDGING,
    NEGATION,
    REFUTING,
    STOPWORDS,
    count_in,
    softmax,
    tokens,
    words,
)

CLAIM_MARK = "<c>"
STEM_CHARS = 5  # "died"/"dies", "denies"/"denied" share a stem; short words match whole
NEGATION_SCOPE = 3  # tokens after a negation that it governs
# How a headline attributes the claim to someone else (general English reporting words).
REPORTING = words(
    "says say said claims claim claimed reports report reported reportedly allegedly alleged "
    "according sources rumor rumour rumors rumours rumored rumoured purportedly apparently "
    "believed suggests"
)
MODAL = words("may might could would possibly perhaps likely probably unconfirmed")
_QUOTE = re.compile("['\"\u2018\u2019\u201c\u201d]")

CUE_DENSE_NAMES = (
    "claim_coverage", "headline_precision", "negation_added", "negation_near_claim",
    "refuting", "hedging", "confirming", "reporting", "modal", "question", "log_length",
    "claim_mentions",
)  # fmt: skip


def _stem(token: str) -> str:
    return token[:STEM_CHARS]


def _is_content(token: str) -> bool:
    return token not in STOPWORDS and len(token) > 1


def masked_headline(headline: str, claim: str) -> list[str]:
    """The headline's tokens with the claim's content words (by stem) replaced by ``<c>``."""
    claim_stems = {_stem(t) for t in tokens(claim) if _is_content(t)}
    return [
        CLAIM_MARK if _is_content(t) and _stem(t) in claim_stems else t for t in tokens(headline)
    ]


def cue_strings(headline: str, claim: str) -> set[str]:
    """The headline's stance cues: masked words and bigrams, question mark, colon, quotes."""
    masked = masked_headline(headline, claim)
    cues = {f"w:{t}" for t in masked if t != CLAIM_MARK}
    cues |= {f"b:{a}_{b}" for a, b in itertools.pairwise(["<s>", *masked, "</s>"])}
    if "?" in headline:
        cues.add("q")
    if ":" in headline:
        cues.add("colon")
    if _QUOTE.search(headline):
        cues.add("quote")
    return cues


def cue_dense(headline: str, claim: str) -> np.ndarray:
    """Dense features in ``CUE_DENSE_NAMES`` order."""
    head, claim_toks = tokens(headline), tokens(claim)
    masked = masked_headline(headline, claim)
    claim_stems = {_stem(t) for t in claim_toks if _is_content(t)}
    head_stems = {_stem(t) for t in head if _is_content(t)}
    shared = len(claim_stems & head_stems)
    negation_near_claim = sum(
        1
        for i, t in enumerate(masked)
        if t in NEGATION and CLAIM_MARK in masked[i + 1 : i + 1 + NEGATION_SCOPE]
    )
    return np.array(
        [
            shared / max(len(claim_stems), 1),
            shared / max(len(head_stems), 1),
            count_in(head, NEGATION) - count_in(claim_toks, NEGATION),
            float(negation_near_claim),
            count_in(head, REFUTING),
            count_in(head, HEDGING),
            count_in(head, CONFIRMING),
            count_in(head, REPORTING),
            count_in(head, MODAL),
            float("?" in headline),
            math.log1p(len(head)),
            float(masked.count(CLAIM_MARK)),
        ],
        dtype=np.float64,
    )


class CueModel:
    """Multinomial logistic regression over learned cues and standardised dense features."""

    def __init__(self, arrays: dict[str, np.ndarray]) -> None:
        self.labels: list[str] = [str(x) for x in arrays["labels"]]
        self.cue_index = {str(c): i for i, c in enumerate(arrays["cues"])}
        self.coef = arrays["coef"]  # (classes, cues + dense)
        self.intercept = arrays["intercept"]
        self.mean = arrays["dense_mean"]
        self.scale = arrays["dense_scale"]
        self.out_of_fold = {"accuracy": float(arrays["oof_accuracy"])}

    def scores(self, pairs: list[tuple[str, str]]) -> np.ndarray:
        n_cues = len(self.cue_index)
        out = np.empty((len(pairs), len(self.labels)))
        for row, (headline, claim) in enumerate(pairs):
            hits = [self.cue_index[c] for c in cue_strings(headline, claim) if c in self.cue_index]
            dense = (cue_dense(headline, claim) - self.mean) / self.scale
            out[row] = self.coef[:, hits].sum(axis=1) + self.coef[:, n_cues:] @ dense
        return out + self.intercept

    def predict_proba(self, pairs: list[tuple[str, str]]) -> np.ndarray:
        if not pairs:
            return np.zeros((0, len(self.labels)))
        return softmax(self.scores(pairs))

    def predict(self, pairs: list[tuple[str, str]]) -> list[str]:
        proba = self.predict_proba(pairs)
        return [self.labels[i] for i in proba.argmax(axis=1)]
