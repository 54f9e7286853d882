"""What a recognised toponym is and which role it plays in its sentence: the ``Toponym`` record,
the entity labels and dependencies the rules read, and the metonymy data ("Moscow said": a
government, not a place). Split from ``recognizer.py``, which finds the names."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache, lru_cache

from spacy.tokens import Span, Token

from ...datafiles import data_file, load_yaml
from ..tokens import has_head
from .gazetteer import Entry

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
DEMONYM_LABELS = frozenset({"NORP"})
# A gazetteer name inside one of these entities is part of a name, not a place ("Jordan" the
# person, "Georgia Tech" the university).
BLOCKING_LABELS = frozenset({"PERSON", "ORG", "WORK_OF_ART", "PRODUCT", "EVENT", "LAW", "LANGUAGE"})
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj"})
MODIFIER_DEPS = frozenset({"amod", "compound", "nmod", "npadvmod", "poss"})
LEADING_WORDS = frozenset({"the", "The", "THE"})


@dataclass(slots=True)
class Toponym:
    start: int  # character offsets into doc.text
    end: int
    text: str
    source: str  # "ner", "gazetteer", "demonym" or "embedded"
    role: str = "place"  # "place", "metonym", "demonym" or "embedded"
    entry: Entry | None = None


@lru_cache(maxsize=1)
def metonymy_data() -> dict:
    text = data_file(__package__, "places_metonymy.yaml").read_text("utf-8")
    return load_yaml(text) or {}


@lru_cache(maxsize=1)
def speech_verbs() -> frozenset[str]:
    return frozenset(metonymy_data().get("speech_cognition_verbs") or ())


@cache  # a few keys, read in turn per toponym: one slot made each a re-read
def word_set(key: str) -> frozenset[str]:
    return frozenset(str(word) for word in metonymy_data().get(key) or ())


def outlet_country(outlet: str | None) -> str | None:
    if not outlet:
        return None
    return (metonymy_data().get("outlet_countries") or {}).get(outlet.strip().lower())


def trimmed_name(span: Span) -> Span | None:
    """Drop a leading "the" and a trailing possessive: the toponym is the name itself."""
    start, end = span.start, span.end
    doc = span.doc
    while start < end and (doc[start].text in LEADING_WORDS or doc[start].is_punct):
        start += 1
    while end > start and (
        doc[end - 1].text in ("'s", "’s", "'", "’")
        or (doc[end - 1].is_punct and doc[end - 1].text not in (".",))
    ):
        end -= 1
    if start >= end:
        return None
    return doc[start:end]


def modifies_a_noun(span: Span) -> bool:
    """A demonym used as a modifier ("Russian troops") or a people ("the Russians")."""
    root = span.root
    return root.dep_ in MODIFIER_DEPS or root.tag_ in ("NNPS", "NNS") or root.pos_ == "ADJ"


def toponym_role(span: Span) -> str:
    """ "metonym" for a place name that speaks or thinks ("Moscow said"), else "place"."""
    return "metonym" if _is_speaking_subject(span.root) else "place"


def _is_speaking_subject(token: Token) -> bool:
    """Subject (or the possessor/compound of the subject) of a speech or cognition verb; not
    the town of a local force that speaks ("Milwaukee police said": the police of a place)."""
    local_forces = word_set("local_force_nouns")
    while token.dep_ in ("compound", "poss", "conj") and has_head(token):
        token = token.head
        if token.lemma_.lower() in local_forces:
            return False
    if token.dep_ not in SUBJECT_DEPS:
        return False
    verb = token.head
    return verb.lemma_.lower() in speech_verbs()
