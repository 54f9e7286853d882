"""The place a deployed body or a truce covers is the target (session 24, "target24").

CAMEO codes whom an act is aimed at; where a force or mission is sent, strengthened or
contributed to, or a ceasefire agreed, the ConfliBERT CAMEO coders mark the place it is in
("deploying 300 troops to the UN peacekeeping mission *in Mali*", "contribute troops to the
NATO-led security force *in Afghanistan*", "strengthened its forces *in Europe*", "agreed to a
ceasefire *in eastern Ukraine*"), not the body or the truce. Fit counts and the rule's scope are
in docs/events.md (session 24).
"""

from __future__ import annotations

from spacy.tokens import Token

from .lexicon import Lexicon

PLACE_ENTS = frozenset({"GPE", "LOC"})
COVER_PREPS = frozenset({"in", "across", "throughout"})
# a thing moved or mobilised (``targets.DESTINATION_TYPES``): its body's place is where it goes
BODY_TYPES = frozenset({"AID", "RETREAT", "CONCEDE", "MOBILIZE"})
# acts whose truce is no target of its own: a violent act breaks one ("violated the ceasefire
# in X": gold codes the ceasefire), a protest defies one
TRUCE_EXCLUDED = frozenset({"ASSAULT", "COERCE", "PROTEST"})


def placed_in(noun: Token) -> Token | None:
    """The named place of an "in" / "across" / "throughout" phrase hung on ``noun`` ("the
    mission in Mali")."""
    for prep in noun.children:
        if prep.dep_ == "prep" and prep.lower_ in COVER_PREPS:
            for obj in prep.children:
                if obj.dep_ == "pobj" and obj.ent_type_ in PLACE_ENTS:
                    return obj
    return None


def _truce_of(anchor: Token, lex: Lexicon) -> Token | None:
    """A truce the trigger takes as its object or a prepositional object ("agreed to a
    ceasefire", "declared a truce"), or inside an "extension of" one."""
    truces = lex.object_class_sets.get("truces", frozenset())
    nouns = [c for c in anchor.children if c.dep_ == "dobj"]
    preps = [p for p in anchor.children if p.dep_ == "prep"]
    nouns += [o for p in preps for o in p.children if o.dep_ == "pobj"]
    for noun in nouns:
        if noun.lemma_.lower() in truces:
            return noun
    return None


def covered_place(
    anchor: Token, chosen: Token | None, event_type: str | None, lex: Lexicon
) -> Token | None:
    """The place the chosen target (a force, a mission, a contingent sent or mobilised) is
    in, or the place of the truce the trigger names, when the text names one; else None."""
    bodies = lex.object_class_sets.get("deployed_bodies", frozenset())
    if (
        event_type in BODY_TYPES
        and chosen is not None
        and chosen.lemma_.lower() in bodies
        and (place := placed_in(chosen)) is not None
    ):
        return place
    if event_type in TRUCE_EXCLUDED or anchor.pos_ not in ("VERB", "AUX"):
        return None
    truce = _truce_of(anchor, lex)
    if truce is not None and (chosen is None or chosen.i == truce.i):
        return placed_in(truce)
    return None
