"""Claim-independent cues of a headline's stance towards a short claim (the Emergent model).

A headline's words that also name the claim ("Macaulay Culkin", "dead") say what it is about,
not how it treats it; the rest ("hoax", "denies", "reportedly", "no,", a question mark) carry
the stance. So the claim's content words are masked as ``<c>`` before the headline's words and
bigrams become cues: "Culkin not dead" and "Tiger Woods not suspended" both give ``not_<c>``.
Stance words are then replaced by their class (``CUE_CLASSES``: ``<deny>``, ``<false>``,
``<hedge>``, ``<source>``, ``<neg>`` ...), so "Army denies troops shelled ..." and "Ministry
rejects claim troops shelled ..." share ``<deny>_<c>`` and the scope cue ``<deny>><c>`` (a
denial within ``SCOPE`` tokens before the claim's words). A short segment after a colon or dash
that names no claim word is who says it ("...: report", "Analyst: ..."). The cue vocabulary the
model keeps is learned from the fit part (cues seen under at least a cross-validated number of
different claims, see tools/train_stance.py); the dense features are claim coverage (of its
names and of the rest, its predicate), negation scope, counts of each word class and whether the
headline states the claim plainly (no stance-taking word, no question). The model has two
stages: a three-class regression whose disputes probability is kept, and a binary one fitted on
the headlines that do not dispute that splits the rest between reports and supports.
"""

from __future__ import annotations

import itertools
import math
import re

import numpy as np

from .stance_lexicons import (
    CONFIRMING,
    CUE_CLASSES,
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

SCOPE = 4  # tokens between a stance word and the claim word it governs
SOURCE_TOKENS = 4  # at most this many tokens in a ": Source" tail or a "Source:" head
QUESTION_OPENERS = words("is are was were did does do will can could should has have")
_SEGMENT = re.compile(r":|\s[-\u2013\u2014]\s")

CUE_DENSE_NAMES = (
    "claim_coverage", "headline_precision", "negation_added", "negation_near_claim",
    "refuting", "hedging", "confirming", "reporting", "modal", "question", "log_length",
    "claim_mentions", *(f"class_{name}" for name in CUE_CLASSES), "negation",
    "predicate_coverage", "name_coverage", "plain_statement",
)  # fmt: skip
# Word classes that take a side on the claim or attribute it; a headline with none of them and no
# question mark states the claim in its own voice (fit: such headlines mostly support it).
STANCE_TAKING_CLASSES = frozenset(
    ("hedge", "modal", "source", "say", "predict", "deny", "false", "neg")
)


def word_stem(token: str) -> str:
    return token[:STEM_CHARS]


def is_content_word(token: str) -> bool:
    return token not in STOPWORDS and len(token) > 1


def masked_headline(headline: str, claim: str) -> list[str]:
    """The headline's tokens with the claim's content words (by stem) replaced by ``<c>``."""
    claim_stems = {word_stem(t) for t in tokens(claim) if is_content_word(t)}
    return [
        CLAIM_MARK if is_content_word(t) and word_stem(t) in claim_stems else t
        for t in tokens(headline)
    ]


def is_negation(token: str) -> bool:
    return token in NEGATION or token.endswith("n't")


def word_class(token: str) -> str | None:
    """The stance class of a headline word (``CUE_CLASSES``, or ``neg``), if any."""
    if is_negation(token):
        return "neg"
    return next((name for name, members in CUE_CLASSES.items() if token in members), None)


def class_masked(masked: list[str]) -> list[str]:
    """``masked_headline`` with stance words replaced by their class: ``<deny>``, ``<neg>``."""
    out = []
    for token in masked:
        cls = None if token == CLAIM_MARK else word_class(token)
        out.append(f"<{cls}>" if cls else token)
    return out


def scope_cues(classed: list[str]) -> set[str]:
    """Which stance classes stand before (``<deny>><c>``) or after (``<c>><false>``) a claim
    word within ``SCOPE`` tokens: a denial or negation governing the claim's words."""
    cues = set()
    for i, token in enumerate(classed):
        if not token.startswith("<") or token == CLAIM_MARK:
            continue
        if CLAIM_MARK in classed[i + 1 : i + 1 + SCOPE]:
            cues.add(f"s:{token}>{CLAIM_MARK}")
        if CLAIM_MARK in classed[max(0, i - SCOPE) : i]:
            cues.add(f"s:{CLAIM_MARK}>{token}")
    return cues


def segment_cues(headline: str, claim_stems: set[str]) -> set[str]:
    """A short ``Source:`` head or ``: Source`` / ``- Source`` tail that names no claim word
    (who says it), or a head that does ("Culkin dead: ..."), and how a question is asked."""
    cues = set()
    parts = _SEGMENT.split(headline)
    if len(parts) > 1:
        for name, part in (("head", parts[0]), ("tail", parts[-1])):
            toks = tokens(part)
            names_claim = any(is_content_word(t) and word_stem(t) in claim_stems for t in toks)
            if names_claim:
                cues.add(f"seg:{name}_claim")
            elif 0 < len(toks) <= SOURCE_TOKENS:
                cues.add(f"seg:{name}_source")
    if "?" in headline:
        head = tokens(headline)
        if head and head[0] in QUESTION_OPENERS:
            cues.add("q:opener")
        before = tokens(headline[: headline.index("?")])
        if before and is_content_word(before[-1]) and word_stem(before[-1]) in claim_stems:
            cues.add("q:after_claim")
        if not headline.rstrip().endswith("?"):
            cues.add("q:inside")
    return cues


def cue_strings(headline: str, claim: str) -> set[str]:
    """The headline's stance cues: masked words and bigrams, class bigrams and scopes, its
    segments and question form, question mark, colon, quotes."""
    masked = masked_headline(headline, claim)
    classed = class_masked(masked)
    cues = {f"w:{t}" for t in masked if t != CLAIM_MARK}
    cues |= {f"b:{a}_{b}" for a, b in itertools.pairwise(["<s>", *masked, "</s>"])}
    cues |= {f"k:{a}_{b}" for a, b in itertools.pairwise(["<s>", *classed, "</s>"])}
    cues |= scope_cues(classed)
    claim_stems = {word_stem(t) for t in tokens(claim) if is_content_word(t)}
    cues |= segment_cues(headline, claim_stems)
    if "?" in headline:
        cues.add("q")
    if ":" in headline:
        cues.add("colon")
    if _QUOTE.search(headline):
        cues.add("quote")
    return cues


def claim_parts(claim: str) -> tuple[set[str], set[str]]:
    """The claim's content stems split into names (capitalised words: who and where) and the
    rest (what happened: the predicate and its common nouns)."""
    names, predicate = set(), set()
    for word in re.findall(r"[A-Za-z0-9]+(?:'[a-z]+)?", claim):
        token = word.lower()
        if not is_content_word(token):
            continue
        (names if word[0].isupper() or word[0].isdigit() else predicate).add(word_stem(token))
    return names, predicate


def cue_dense(headline: str, claim: str) -> np.ndarray:
    """Dense features in ``CUE_DENSE_NAMES`` order."""
    head, claim_toks = tokens(headline), tokens(claim)
    masked = masked_headline(headline, claim)
    claim_stems = {word_stem(t) for t in claim_toks if is_content_word(t)}
    head_stems = {word_stem(t) for t in head if is_content_word(t)}
    shared = len(claim_stems & head_stems)
    negation_near_claim = sum(
        1
        for i, t in enumerate(masked)
        if t in NEGATION and CLAIM_MARK in masked[i + 1 : i + 1 + NEGATION_SCOPE]
    )
    classes = [word_class(t) for t in masked if t != CLAIM_MARK]
    plain = "?" not in headline and STANCE_TAKING_CLASSES.isdisjoint(classes)
    names, predicate = claim_parts(claim)
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
            *(float(classes.count(name)) for name in CUE_CLASSES),
            float(classes.count("neg")),
            len(predicate & head_stems) / max(len(predicate), 1),
            len(names & head_stems) / max(len(names), 1),
            float(plain),
        ],
        dtype=np.float64,
    )


DISPUTES = "disputes"
# The second stage's classes, in the order of its probability columns.
SPLIT_LABELS = ("reports", "supports")
SPLIT_PREFIX = "split_"  # npz keys of the second stage


def two_stage_proba(first: np.ndarray, split: np.ndarray, labels: list[str]) -> np.ndarray:
    """The first stage's disputes probability; the rest shared out between reports and supports
    as the second stage (fitted on the headlines that do not dispute) says."""
    out = np.empty_like(first)
    disputes = labels.index(DISPUTES)
    out[:, disputes] = first[:, disputes]
    for k, label in enumerate(SPLIT_LABELS):
        out[:, labels.index(label)] = (1.0 - first[:, disputes]) * split[:, k]
    return out


class LinearCues:
    """One logistic regression's weights over its cue vocabulary then standardised dense
    features; ``prefix`` picks its arrays in the npz."""

    def __init__(self, arrays: dict[str, np.ndarray], prefix: str = "") -> None:
        self.cue_index = {str(c): i for i, c in enumerate(arrays[f"{prefix}cues"])}
        self.coef = arrays[f"{prefix}coef"]  # (classes, cues + dense)
        self.intercept = arrays[f"{prefix}intercept"]
        self.mean = arrays[f"{prefix}dense_mean"]
        self.scale = arrays[f"{prefix}dense_scale"]

    def scores(self, cues: set[str], dense: np.ndarray) -> np.ndarray:
        hits = [self.cue_index[c] for c in cues if c in self.cue_index]
        standard = (dense - self.mean) / self.scale
        n_cues = len(self.cue_index)
        return self.coef[:, hits].sum(axis=1) + self.coef[:, n_cues:] @ standard + self.intercept

    def proba(self, features: list[tuple[set[str], np.ndarray]]) -> np.ndarray:
        return softmax(np.array([self.scores(cues, dense) for cues, dense in features]))


class CueModel:
    """Multinomial logistic regression over learned cues and standardised dense features; with a
    second stage in the npz (``split_*``), that regression gives only the disputes probability
    and a binary one splits the rest between reports and supports (``two_stage_proba``)."""

    def __init__(self, arrays: dict[str, np.ndarray]) -> None:
        self.labels: list[str] = [str(x) for x in arrays["labels"]]
        self.first = LinearCues(arrays)
        self.split = LinearCues(arrays, SPLIT_PREFIX) if f"{SPLIT_PREFIX}coef" in arrays else None
        self.out_of_fold = {"accuracy": float(arrays["oof_accuracy"])}

    def predict_proba(self, pairs: list[tuple[str, str]]) -> np.ndarray:
        if not pairs:
            return np.zeros((0, len(self.labels)))
        features = [(cue_strings(h, c), cue_dense(h, c)) for h, c in pairs]
        first = self.first.proba(features)
        if self.split is None:
            return first
        return two_stage_proba(first, self.split.proba(features), self.labels)

    def predict(self, pairs: list[tuple[str, str]]) -> list[str]:
        proba = self.predict_proba(pairs)
        return [self.labels[i] for i in proba.argmax(axis=1)]
