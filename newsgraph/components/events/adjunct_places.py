"""Where an act happened, told in an adjunct, as against whom it hit: a named place or an area
after "in" ("bombs had gone off in Belfast", "kidnapped in Sao Paulo") is an attack's or a
kidnapping's place, not its target (``targets._without_places``)."""

from __future__ import annotations

from spacy.tokens import Token

from .lexicon import Lexicon, Sense
from .party_filter import areas
from .roles import prep_objects

# coercions that seize a person: where ("kidnapped in Sao Paulo") is not whom, as for an attack
# (``targets._without_places``); a curfew keeps its place. MUC-4 fit: 2 towns over the person taken
SEIZING_MODES = frozenset({"abduct"})
# where a nominal attack or kidnapping happened (``site_of_act``)
SITE_PREPS = ("in", "at")


def event_noun(token: Token, lex: Lexicon) -> bool:
    """ "the war in Iraq", "attacks in Oklahoma City": an act, never whom it hit."""
    return token.lemma_.lower() in lex.nouns or token.lower_ in lex.nouns


def locative(token: Token) -> bool:
    """A named place after "in", found as an adjunct, not through a preposition the verb's
    sense names ("interfere in Venezuela" stays strict), or an area so named ("in Sukma
    district", "in the Malvo neighbourhood", "in the same district": ``party_nouns.yaml``'s
    ``areas``)."""
    return named_place(token) and _after(token, ("in",))


def site_of_act(token: Token, sense: Sense) -> bool:
    """Where a nominal attack or kidnapping happened, not whom it hit or seized: a named place
    or an area after "in" or "at" of the noun ("a Taliban attack in Helmand", "carried out
    strikes in western Mosul", "explosions at Oxford Street"), as for a verb (``locative``).
    "on" keeps its place: what an attack is made on is struck ("a raid on Juba"); a building or
    a landmark (FAC) is no area and stays ("a shooting at the school"). Fit counts
    (``tools/noun_place_targets.py``, the fit parts of ConfliBERT, PLOVER, RAMS, WikiEvents,
    MUC-4 and GVDB): 12 such places were our targets; the gold target in 1, another gold
    target in 6, no gold target in 5 (docs/history/events.md, session 27 "placeT")."""
    seizing = sense.type == "COERCE" and sense.mode in SEIZING_MODES
    return (sense.type == "ASSAULT" or seizing) and named_place(token) and _after(token, SITE_PREPS)


def named_place(token: Token) -> bool:
    """A GPE, an area word (``party_nouns.yaml``'s ``areas``) or a place the places component
    found."""
    return token.ent_type_ == "GPE" or token.lemma_.lower() in areas() or recognised_place(token)


def _after(token: Token, preps: tuple[str, ...]) -> bool:
    return token.dep_ == "pobj" and token.head.dep_ == "prep" and token.head.lower_ in preps


def recognised_place(token: Token) -> bool:
    """A place the places component found at ``token`` or a compound of it, where the tagger
    gives no GPE (lower-cased wire text: "in sao paulo", found as "sao")."""
    places = token.doc._.ng_places if token.doc.has_extension("ng_places") else None
    mentions = [m for p in places or () for m in p.mentions]
    words = (token, *(c for c in token.children if c.dep_ == "compound"))
    return any(m.start <= t.idx < m.end for t in words for m in mentions)


def names_site(anchor: Token, sense: Sense) -> bool:
    """Whether a nominal attack or kidnapping names where it happened (``site_of_act``): such
    a mention ("the two worst explosions at Oxford Street") is no bare nominal, as it was when
    its site was taken for its target."""
    return any(site_of_act(o, sense) for o in prep_objects(anchor, SITE_PREPS))
