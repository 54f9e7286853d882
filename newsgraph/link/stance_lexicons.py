"""Word lists, the tokenizer and small helpers shared by the stance models (``stance.py``,
``stance_cues.py``).

General-purpose English lists (the FNC-1 baseline's refuting list, extended with common hedges
and confirmations); they are features, the models weigh them.
"""

from __future__ import annotations

import re

import numpy as np

_TOKEN = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")


def words(text: str) -> frozenset[str]:
    return frozenset(text.split())


REFUTING = words(
    "fake fraud hoax false deny denies denied denial refute refutes refuted not despite nope "
    "doubt doubts bogus debunk debunked debunks pranks retract retracts retracted untrue "
    "baseless fabricated fabrication rumour rumor myth misleading dismissed dismisses rejects "
    "rejected hoaxes satire satirical"
)
HEDGING = words(
    "reportedly allegedly alleged claims claim claimed purportedly apparently rumored rumoured "
    "unconfirmed unverified may might could possibly suggests suggest according sources "
    "believed appears seems report reports reported say says said"
)
CONFIRMING = words(
    "confirmed confirms confirm official officially proves proven true indeed verified "
    "announced announces revealed reveals"
)
NEGATION = words("no not never none nothing nor neither without n't cannot isn't")
STOPWORDS = words(
    "a an the of to in on at for by with from and or but is are was were be been being it its "
    "this that these those as he she they we you i his her their our your him them us me my "
    "has have had do does did will would shall should can about into over after before than "
    "then there here what which who whom whose when where why how all any each more most some "
    "such only own same so too very s just also up out if"
)


def tokens(text: str) -> list[str]:
    return _TOKEN.findall(text.lower())


def count_in(toks: list[str], vocabulary: frozenset[str]) -> float:
    """How many of ``toks`` are words of ``vocabulary``."""
    return float(sum(t in vocabulary for t in toks))


def softmax(scores: np.ndarray) -> np.ndarray:
    """Row-wise softmax of class scores."""
    e = np.exp(scores - scores.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)
