"""Which tokens of a sentence each detection pass looks at, read from the doc's columns.

``SentenceDetector.run`` makes three passes over a sentence's tokens (verbs, nouns, speech
verbs); testing ``pos_``, ``tag_`` and ``lemma_`` on a ``Token`` builds the token and looks up
each string again, for every token of every sentence. The doc's POS, TAG and LEMMA columns are
read once per doc instead, and each hash is judged once per process.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.attrs import LEMMA, POS, TAG
from spacy.strings import StringStore
from spacy.symbols import AUX, NOUN, PROPN, VERB
from spacy.tokens import Doc, Span

from .lexicon import Lexicon

# hash -> judgement; a vocabulary's tags and lemmas are a bounded set, but a long run over
# many articles meets new lemmas: the tables start again past this size
MAX_REMEMBERED = 200_000
_VERB_TAGS: dict[int, bool] = {}  # TAG hash -> tag_.startswith("VB")
_LOWER_LEMMAS: dict[int, str] = {}  # LEMMA hash -> lemma_.lower()


@dataclass(frozen=True, slots=True)
class SentenceColumns:
    verbal: list[int]  # token indices where ``roles.is_verbal`` holds
    nominal: list[int]  # pos_ NOUN or PROPN
    speech_verbal: list[int]  # lemma_.lower() a speech verb of the lexicon, and verbal


@dataclass(frozen=True, slots=True)
class _DocColumns:
    lexicon: Lexicon
    size: int
    verbal: list[bool]
    nominal: list[bool]
    speech: list[bool]


_KEY = ("newsgraph", "event_token_columns")


def sentence_columns(sent: Span, lex: Lexicon) -> SentenceColumns:
    columns = _doc_columns(sent.doc, lex)
    span = range(sent.start, sent.end)
    verbal = [i for i in span if columns.verbal[i]]
    return SentenceColumns(
        verbal=verbal,
        nominal=[i for i in span if columns.nominal[i]],
        speech_verbal=[i for i in verbal if columns.speech[i]],
    )


def _doc_columns(doc: Doc, lex: Lexicon) -> _DocColumns:
    found = doc.user_data.get(_KEY)
    if found is not None and found.lexicon is lex and found.size == len(doc):
        return found
    strings = doc.vocab.strings
    rows = doc.to_array([POS, TAG, LEMMA]).tolist() if len(doc) else []
    verbal, nominal, speech = [], [], []
    speech_verbs = lex.speech_verbs
    for pos, tag, lemma in rows:
        verbal.append(pos in (VERB, AUX) or _is_verb_tag(tag, strings))
        nominal.append(pos in (NOUN, PROPN))
        speech.append(_lower_lemma(lemma, strings) in speech_verbs)
    found = doc.user_data[_KEY] = _DocColumns(lex, len(doc), verbal, nominal, speech)
    return found


def _is_verb_tag(tag: int, strings: StringStore) -> bool:
    judged = _VERB_TAGS.get(tag)
    if judged is None:
        if len(_VERB_TAGS) >= MAX_REMEMBERED:
            _VERB_TAGS.clear()
        judged = _VERB_TAGS[tag] = strings[tag].startswith("VB")
    return judged


def _lower_lemma(lemma: int, strings: StringStore) -> str:
    lower = _LOWER_LEMMAS.get(lemma)
    if lower is None:
        if len(_LOWER_LEMMAS) >= MAX_REMEMBERED:
            _LOWER_LEMMAS.clear()
        lower = _LOWER_LEMMAS[lemma] = strings[lemma].lower()
    return lower
