"""Whether a sentence says that the event a bare nominal trigger names happened.

A nominal trigger whose source, target and count were not found is usually no event record:
"the war", "a political attack ad", "the homicide rate". But "the counter-assault began", "the
blast on August 6" or "Monday's attack in Kabul" report an occurrence: the noun is the subject
of a verb of happening, or the text places or dates it. Such a mention stays an event with no
party (``component.has_arguments``)."""

from __future__ import annotations

from spacy.tokens import Token

from .lexicon import Lexicon
from .triggers import verb_keys

PLACE_TIME_ENTITIES = frozenset({"GPE", "LOC", "FAC", "DATE", "TIME"})
PLACE_TIME_PREPS = frozenset({"in", "at", "near", "on", "outside", "inside", "across"})
# a name that holds the trigger word is a name, not a report ("World War II", "the Holocaust")
NAME_ENTITIES = frozenset({"EVENT", "WORK_OF_ART", "LAW", "ORG", "PERSON", "NORP"})


def says_it_happened(noun: Token, lex: Lexicon) -> bool:
    """The noun reports an occurrence: subject of a verb of happening ("erupted", "took
    place"), or placed or dated by its own modifiers ("in Kabul", "on Monday", "Monday's").
    Not the subject of a trigger verb: "the strike hit eight buildings" is the verb's event."""
    if noun.dep_ == "compound" or noun.ent_type_ in NAME_ENTITIES | PLACE_TIME_ENTITIES:
        return False  # a name, or a date read as a noun ("in early March")
    head = noun.head
    if noun.dep_ == "pobj" and head.lower_ == "for":
        return False  # a purpose: "prepared for talks", "pushing for a ceasefire"
    if noun.dep_ in ("nsubj", "nsubjpass") and any(k in lex.verbs for k in verb_keys(head)):
        return False
    subject = noun.dep_ in ("nsubj", "nsubjpass") and head.pos_ == "VERB"
    if subject and _reported(head) and _happening(head, lex):
        return True
    return any(_places_or_dates(c, noun) for c in noun.children)


def _happening(verb: Token, lex: Lexicon) -> bool:
    """A verb of happening of the lexicon (``happening_verbs``): "erupted", or with its
    particle or object, "broke out", "took place"."""
    lemma = verb.lemma_.lower()
    children = {c.lemma_.lower() for c in verb.children} | {c.lower_ for c in verb.children}
    return any(
        words[0] == lemma and all(w in children for w in words[1:]) for words in lex.happening_verbs
    )


def _places_or_dates(modifier: Token, noun: Token) -> bool:
    """ "in Kabul", "on Monday" after the noun; "Monday's", "yesterday's" before it."""
    if modifier.dep_ == "prep" and modifier.lower_ in PLACE_TIME_PREPS:
        return any(
            g.dep_ == "pobj" and g.ent_type_ in PLACE_TIME_ENTITIES for g in modifier.children
        )
    before = modifier.i < noun.i and modifier.dep_ in ("poss", "npadvmod", "nmod", "amod")
    return before and modifier.ent_type_ in ("DATE", "TIME")


def _reported(verb: Token) -> bool:
    """The verb asserts: no infinitive marker or modal ("allows the genocide to resume",
    "skirmishes could trigger wars")."""
    return not any(c.dep_ == "aux" and (c.tag_ == "MD" or c.lower_ == "to") for c in verb.children)
