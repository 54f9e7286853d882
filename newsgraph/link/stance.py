"""Stance of a text towards a claim: supports, disputes, reports (discusses) or unrelated.

Two learned models. ``fnc1`` (headline against an article body, four classes, trained on FNC-1):
a logistic regression over hashed words (its out-of-fold probabilities are features) followed by
gradient-boosted trees over hand features (``pair_features``: word and n-gram overlap, hashed
TF-IDF cosine, refuting / hedging / confirming / negation word counts, question marks) plus
those probabilities. ``emergent`` (a headline or statement against a short claim, three classes,
trained on Emergent): a logistic regression over claim-independent cues (``stance_cues.py``).
Weights are plain arrays in ``newsgraph/link/data/stance_*.npz``; inference needs numpy only.
Training: ``tools/train_stance.py``; scores: ``newsgraph eval fnc1`` / ``newsgraph eval emergent``.
"""

from __future__ import annotations

import itertools
import math
import zlib
from collections import Counter
from functools import cache, lru_cache
from pathlib import Path

import numpy as np

from .flat_trees import leaves_reached
from .stance_cues import CueModel
from .stance_lexicons import (
    CONFIRMING,
    HEDGING,
    NEGATION,
    REFUTING,
    STOPWORDS,
    count_in,
    softmax,
    tokens,
)

SUPPORTS = "supports"
DISPUTES = "disputes"
REPORTS = "reports"
UNRELATED = "unrelated"

DATA_DIR = Path(__file__).parent / "data"
HASH_BITS = 18  # TF-IDF cosine space
BOW_BITS = 16  # logistic-regression word space

LEAD_CHARS = 400


def content(toks: list[str]) -> list[str]:
    return [t for t in toks if t not in STOPWORDS and len(t) > 1]


def feature_hash(token: str, bits: int) -> int:
    return zlib.crc32(token.encode("utf-8")) & ((1 << bits) - 1)


def _ngrams(toks: list[str], n: int) -> set[tuple[str, ...]]:
    return {tuple(toks[i : i + n]) for i in range(len(toks) - n + 1)}


def _tfidf(toks: list[str], idf: np.ndarray) -> dict[int, float]:
    counts = Counter(feature_hash(t, HASH_BITS) for t in toks)
    vec = {h: (1 + math.log(c)) * float(idf[h]) for h, c in counts.items()}
    norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
    return {h: v / norm for h, v in vec.items()}


def _cosine(a: dict[int, float], b: dict[int, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(v * b.get(h, 0.0) for h, v in a.items())


def _rate(toks: list[str], words: frozenset[str]) -> float:
    return sum(t in words for t in toks) / max(len(toks), 1) * 100


FEATURE_NAMES = (
    "jaccard", "head_in_body", "head_in_lead", "cos_body", "cos_lead", "bigram_hits",
    "trigram_hits", "bigram_hits_lead", "head_refute", "head_hedge", "head_confirm",
    "head_negation", "head_question", "body_refute", "body_hedge", "body_confirm",
    "body_negation", "lead_refute", "lead_hedge", "lead_negation", "near_refute",
    "near_hedge", "log_head_len", "log_body_len",
)  # fmt: skip


# Features that describe the body alone (the same for every headline paired with it): the trees
# can use them to recognise a fit body rather than to judge a pair; training may leave them out.
BODY_ONLY = frozenset(
    ("body_refute", "body_hedge", "body_confirm", "body_negation", "lead_refute", "lead_hedge",
     "lead_negation", "log_body_len")
)  # fmt: skip


@lru_cache(maxsize=4096)
def _body_parts(body: str) -> tuple:
    """The body side's tokens and n-grams (cached: one body is paired with many headlines)."""
    text, lead = tokens(body), tokens(body[:LEAD_CHARS])
    return (text, lead, content(text), content(lead), _ngrams(text, 2), _ngrams(text, 3),
            _ngrams(lead, 2))  # fmt: skip


def pair_features(headline: str, body: str, idf: np.ndarray) -> np.ndarray:
    """Dense hand features of (headline, body); ``idf`` is a model's hashed IDF array."""
    head = tokens(headline)
    head_c = content(head)
    text, lead, body_c, lead_c, body_bi, body_tri, lead_bi = _body_parts(body)
    head_set, body_set, lead_set = set(head_c), set(body_c), set(lead_c)
    n_head = max(len(head_set), 1)
    head_vec = _tfidf(head_c, idf)
    bi, tri = _ngrams(head, 2), _ngrams(head, 3)
    # Refuting/hedging words within 8 tokens of a headline word: the body's stance *on it*.
    near: list[str] = []
    for i, tok in enumerate(text):
        if tok in head_set:
            near.extend(text[max(0, i - 8) : i + 9])
    return np.array(
        [
            len(head_set & body_set) / max(len(head_set | body_set), 1),
            len(head_set & body_set) / n_head,
            len(head_set & lead_set) / n_head,
            _cosine(head_vec, _tfidf(body_c, idf)),
            _cosine(head_vec, _tfidf(lead_c, idf)),
            len(bi & body_bi) / max(len(bi), 1),
            len(tri & body_tri) / max(len(tri), 1),
            len(bi & lead_bi) / max(len(bi), 1),
            count_in(head, REFUTING),
            count_in(head, HEDGING),
            count_in(head, CONFIRMING),
            count_in(head, NEGATION),
            float("?" in headline),
            _rate(text, REFUTING),
            _rate(text, HEDGING),
            _rate(text, CONFIRMING),
            _rate(text, NEGATION),
            count_in(lead, REFUTING),
            count_in(lead, HEDGING),
            count_in(lead, NEGATION),
            _rate(near, REFUTING),
            _rate(near, HEDGING),
            math.log1p(len(head)),
            math.log1p(len(text)),
        ],
        dtype=np.float64,
    )


def bow_indices(headline: str, body: str) -> list[int]:
    """Hashed word features for the logistic regression: headline words and bigrams, and the
    body lead's words (prefixed so the two texts do not share weights)."""
    head = tokens(headline)
    feats = [f"h:{t}" for t in head] + [f"h:{a}_{b}" for a, b in itertools.pairwise(head)]
    feats += [f"b:{t}" for t in content(tokens(body[:LEAD_CHARS]))]
    if "?" in headline:
        feats.append("h:?")
    return sorted({feature_hash(f, BOW_BITS) for f in feats})


class StanceModel:
    """A trained stance model loaded from its npz (see tools/train_stance.py)."""

    def __init__(self, path: Path) -> None:
        with np.load(path, allow_pickle=False) as z:
            arrays = {k: z[k] for k in z.files}
        self.labels: list[str] = [str(x) for x in arrays["labels"]]
        self.idf = arrays["idf"]
        self.lr_coef = arrays["lr_coef"]  # (classes, 2**BOW_BITS)
        self.lr_intercept = arrays["lr_intercept"]
        self.baseline = arrays["baseline"]  # (classes,)
        self.tree_class = arrays["tree_class"]
        self.tree_start = arrays["tree_start"]
        self.feature = arrays["feature"]
        self.threshold = arrays["threshold"]
        self.left = arrays["left"]
        self.right = arrays["right"]
        self.is_leaf = arrays["is_leaf"].astype(bool)
        self.value = arrays["value"]
        self.max_depth = int(arrays["max_depth"])
        self.out_of_fold = out_of_fold(arrays)
        # The hand features the trees were trained on (all of FEATURE_NAMES in older files).
        self.columns = arrays.get("columns", np.arange(len(FEATURE_NAMES)))

    def lr_proba(self, rows: list[list[int]]) -> np.ndarray:
        scores = np.array([self.lr_coef[:, idx].sum(axis=1) for idx in rows]).reshape(len(rows), -1)
        return softmax(scores + self.lr_intercept)

    def tree_scores(self, x: np.ndarray) -> np.ndarray:
        """Raw class scores of the boosted trees (equal to sklearn's decision_function)."""
        n = len(x)
        out = np.tile(self.baseline, (n, 1)).astype(np.float64)
        for t, start in enumerate(self.tree_start):
            node = leaves_reached(
                x, int(start), self.max_depth, self.feature, self.threshold, self.left,
                self.right, self.is_leaf,
            )  # fmt: skip
            out[:, self.tree_class[t]] += self.value[node]
        return out

    def features(self, pairs: list[tuple[str, str]]) -> np.ndarray:
        hand = np.array([pair_features(h, b, self.idf) for h, b in pairs]).reshape(len(pairs), -1)
        lr = self.lr_proba([bow_indices(h, b) for h, b in pairs])
        return np.hstack([hand[:, self.columns], lr])

    def predict_proba(self, pairs: list[tuple[str, str]]) -> np.ndarray:
        if not pairs:
            return np.zeros((0, len(self.labels)))
        scores = self.tree_scores(self.features(pairs))
        if scores.shape[1] == 1:  # binary: one score column
            p = 1 / (1 + np.exp(-scores[:, 0]))
            return np.stack([1 - p, p], axis=1)
        return softmax(scores)

    def predict(self, pairs: list[tuple[str, str]]) -> list[str]:
        proba = self.predict_proba(pairs)
        return [self.labels[i] for i in proba.argmax(axis=1)]


def out_of_fold(arrays: dict[str, np.ndarray]) -> dict[str, float]:
    """The training script's out-of-fold fit figures (``oof_accuracy`` -> ``accuracy``)."""
    return {k.removeprefix("oof_").replace("_", " "): float(v) for k, v in arrays.items()
            if k.startswith("oof_")}  # fmt: skip


@cache
def load_model(name: str) -> StanceModel | CueModel:
    """``"fnc1"`` (headline vs body) or ``"emergent"`` (statement vs claim)."""
    path = DATA_DIR / f"stance_{name}.npz"
    with np.load(path, allow_pickle=False) as z:
        if "cues" in z.files:
            return CueModel({k: z[k] for k in z.files})
    return StanceModel(path)


def stance(text: str, claim: str, model: str = "emergent") -> str:
    """The stance of ``text`` towards ``claim``: supports, disputes, reports or unrelated."""
    return load_model(model).predict([(text, claim)])[0]
