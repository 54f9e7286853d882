"""Repeated reporting verbs in one article: each "said" is its own speech act.

A news article repeats a plain reporting verb ("said", "stated", "told") for distinct
statements, often of distinct speakers; the pair scorer, trained on ECB+ where such verbs are
rare, rates two uses of one word in one article alike. The verbs are the quotes component's
plain reporting cues (``speech_cues.yaml`` read by ``quotes.lexicon.load_knowledge``: kind
``verb``, act ``claim``). Across articles a repeated "said" may be one statement reported
twice, so the rule is for one article only.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache

import numpy as np

from ..components.quotes.lexicon import load_knowledge


@cache
def reporting_verbs() -> frozenset[str]:
    """Lemmas of the plain reporting verbs (the quotes lexicon's verb cues of act claim),
    leaving out those with another, non-speech sense ("found the bodies", "observed the
    rite": events)."""
    verbs = load_knowledge().verbs
    return frozenset(lemma for lemma, cue in verbs.items() if cue.act == "claim" and not cue.sense)


def repeated_reports(lemmas: Sequence[str], article_ids: Sequence[str]) -> np.ndarray:
    """(n, n) True where two mentions (``lemmas``, ``article_ids``: one a mention) of one
    article have the same reporting-verb lemma: two statements, never one event."""
    lemma = np.asarray(lemmas, dtype=object)
    article = np.asarray(article_ids, dtype=object)
    reporting = np.isin(lemma, list(reporting_verbs()))
    apart = (lemma[:, None] == lemma[None, :]) & (article[:, None] == article[None, :])
    apart &= reporting[:, None] & reporting[None, :]
    np.fill_diagonal(apart, False)
    return apart
