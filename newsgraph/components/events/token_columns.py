"""Which tokens of a sentence each detection pass looks at, read from the doc's columns.

``SentenceDetector.run`` makes three passes over a sentence's tokens (verbs, nouns, speech
verbs); testing ``pos_``, ``tag_`` and ``lemma_`` on a ``Token`` builds the token and looks up
each string again, for every token of every sentence. The doc's POS, TAG, LEMMA and LOWER
columns are read once per doc instead, each distinct tag, lemma and word is judged once, and
only the tokens a pass goes on with are built; each pass's token indices are found once per
doc, and a sentence takes its stretch of them. The noun pass gets only the nouns the noun
lexicon may hold (``triggers.noun_sense`` answers None for every other noun at once).
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from spacy.attrs import DEP, IS_ALPHA, IS_STOP, LEMMA, LOWER, POS, TAG
from spacy.strings import StringStore
from spacy.symbols import AUX, NOUN, PROPN, VERB
from spacy.tokens import Doc, Span

from ...extensions import hash_strings
from .lexicon import Lexicon


@dataclass(frozen=True, slots=True)
class SentenceColumns:
    verbal: list[int]  # token indices where ``roles.is_verbal`` holds
    nominal: list[int]  # pos_ NOUN or PROPN, of a lemma or word the noun lexicon may hold
    speech_verbal: list[int]  # verbal, and lemma_.lower() a speech verb of the lexicon
    amod: list[int]  # dep_ "amod": where an attributive killing may be ("the slain soldier")
    candidates: list[int]  # ``trigger_model.is_candidate``: what the learned detector judges


@dataclass(frozen=True, slots=True)
class _DocColumns:
    lexicon: Lexicon
    size: int
    verbal: list[int]  # the doc's token indices where each holds, in order
    nominal: list[int]
    speech_verbal: list[int]
    amod: list[int]
    candidates: list[int]


_KEY = ("newsgraph", "event_token_columns")


def sentence_columns(sent: Span, lex: Lexicon) -> SentenceColumns:
    columns = _doc_columns(sent.doc, lex)
    start, end = sent.start, sent.end

    def where(indices: list[int]) -> list[int]:
        return indices[bisect_left(indices, start) : bisect_left(indices, end)]

    return SentenceColumns(
        where(columns.verbal),
        where(columns.nominal),
        where(columns.speech_verbal),
        where(columns.amod),
        where(columns.candidates),
    )


def _doc_columns(doc: Doc, lex: Lexicon) -> _DocColumns:
    found = doc.user_data.get(_KEY)
    if found is not None and found.lexicon is lex and found.size == len(doc):
        return found
    strings = doc.vocab.strings
    rows = doc.to_array([POS, TAG, LEMMA, LOWER, DEP, IS_STOP, IS_ALPHA]).reshape(len(doc), 7)
    pos, tags, lemmas, lowers = rows[:, 0], rows[:, 1], rows[:, 2], rows[:, 3]
    deps, stops, alphas = rows[:, 4], rows[:, 5], rows[:, 6]
    verbal = (pos == VERB) | (pos == AUX) | _judged(tags, strings, _is_verb_tag)
    speech_verbs = lex.speech_verbs
    speech = _judged(lemmas, strings, lambda lemma: lemma.lower() in speech_verbs)
    noun_trigger = _judged(
        lemmas, strings, lambda lemma: lex.may_head_noun_trigger(lemma.lower())
    ) | _judged(lowers, strings, lambda word: word in lex.nouns)
    found = doc.user_data[_KEY] = _DocColumns(
        lex,
        len(doc),
        np.flatnonzero(verbal).tolist(),
        np.flatnonzero(((pos == NOUN) | (pos == PROPN)) & noun_trigger).tolist(),
        np.flatnonzero(verbal & speech).tolist(),
        np.flatnonzero(_judged(deps, strings, lambda dep: dep == "amod")).tolist(),
        # pos_ in CANDIDATE_POS (VERB, NOUN), not is_stop, is_alpha
        np.flatnonzero(((pos == VERB) | (pos == NOUN)) & (stops == 0) & (alphas != 0)).tolist(),
    )
    return found


def _is_verb_tag(tag: str) -> bool:
    return tag.startswith("VB")


def _judged(column: np.ndarray, strings: StringStore, judge: Callable[[str], bool]) -> np.ndarray:
    """Whether ``judge`` holds of each hash's string, judging each distinct hash once."""
    keys = np.unique(column).tolist()
    kept = [key for key, text in zip(keys, hash_strings(strings, keys), strict=True) if judge(text)]
    return np.isin(column, np.array(kept, dtype=column.dtype))
