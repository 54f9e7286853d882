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


# Word classes of the Emergent cue model (``stance_cues.py``): general English words by the
# stance they mark. A headline word of a class becomes ``<class>`` in the model's class bigrams
# and scope cues, so "denies" and "rejects" before a claim word share one cue. Order matters: a
# word is given the first class that holds it.
CUE_CLASSES: dict[str, frozenset[str]] = {
    # Someone denies or rebuts the claim.
    "deny": words(
        "deny denies denied denial denials refute refutes refuted reject rejects rejected "
        "dismiss dismisses dismissed debunk debunks debunked retract retracts retracted slams "
        "slammed blasts rebuts rebuffs contradicts dispels disputes disputed"
    ),
    # The claim is called false.
    "false": words(
        "false fake faked fakes hoax hoaxes hoaxer untrue incorrect wrong myth bogus lie lies "
        "lying fabricated fabrication prank pranks satire satirical phony baseless misleading "
        "exaggerated staged"
    ),
    # The claim's status is uncertain.
    "hedge": words(
        "reportedly allegedly alleged purportedly apparently supposedly rumor rumors rumored "
        "rumour rumours rumoured unconfirmed unverified speculation possibly perhaps likely "
        "probably maybe"
    ),
    "modal": words("may might could would can"),
    # Who the headline attributes the claim to.
    "source": words(
        "source sources report reports official officials media paper newspaper analyst "
        "analysts insider insiders witness witnesses spokesman spokeswoman spokesperson"
    ),
    "say": words("says say said claims claim claimed according suggests suggest told tells"),
    # A forecast, not an event.
    "predict": words(
        "predict predicts predicted prediction forecast forecasts expect expects expected "
        "estimate estimates plan plans planned tipped"
    ),
    # The opposite of a death, capture or injury claim.
    "alive": words("alive safe unharmed"),
    "confirm": words(
        "confirmed confirms confirm confirmation officially verified proves proven proof true "
        "indeed"
    ),
}
