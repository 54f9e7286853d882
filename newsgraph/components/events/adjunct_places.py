"""Where an act happened, told in an adjunct, as against whom it hit: a named place or an area
after "in" ("bombs had gone off in Belfast", "kidnapped in Sao Paulo") is an attack's or a
kidnapping's place, not its target (``targets._without_places``)."""

from __future__ import annotations

from spacy.tokens import Token

from .lexicon import Lexicon
from .party_filter import areas

# coercions that seize a person: where ("kidnapped in Sao Paulo") is not whom, as for an attack
# (``targets._without_places``); a curfew keeps its place. MUC-4 fit: 2 towns over the person taken
SEIZING_MODES = frozenset({"abduct"})


def event_noun(token: Token, lex: Lexicon) -> bool:
    """ "the war in Iraq", "attacks in Oklahoma City": an act, never whom it hit."""
    return token.lemma_.lower() in lex.nouns or token.lower_ in lex.nouns


def locative(token: Token) -> bool:
    """A named place after "in", found as an adjunct, not through a preposition the verb's
    sense names ("interfere in Venezuela" stays strict), or an area so named ("in Sukma
    district", "in the Malvo neighbourhood", "in the same district": ``party_nouns.yaml``'s
    ``areas``)."""
    return (
        (token.ent_type_ == "GPE" or token.lemma_.lower() in areas() or recognised_place(token))
        and token.dep_ == "pobj"
        and token.head.dep_ == "prep"
        and token.head.lower_ == "in"
    )


def recognised_place(token: Token) -> bool:
    """A place the places component found at ``token`` or a compound of it, where the tagger
    gives no GPE (lower-cased wire text: "in sao paulo", found as "sao")."""
    places = token.doc._.ng_places if token.doc.has_extension("ng_places") else None
    mentions = [m for p in places or () for m in p.mentions]
    words = (token, *(c for c in token.children if c.dep_ == "compound"))
    return any(m.start <= t.idx < m.end for t in words for m in mentions)
