"""A killing's participle before the person it names reports that killing: "the slain
soldier", "a murdered journalist", "the assassinated minister" are the killing of that person
(CAMEO 1823 kill by physical assault; the verb dictionary's KILL, SLAY, MURDER, ASSASSINATE),
an ASSAULT whose target is the noun and whose doer the phrase does not name.

The parser reads such a participle as an adjective (``amod``, tagged JJ or VBN) of its noun,
so the verb pass takes it for a description ("the occupied Golan"). Only verbs whose sense
counts the killed (``casualty: killed``) qualify, and only before a noun that names a person
or group (an actor, a person or group name, or a noun of the ``people``, ``troops``,
``military`` or ``actors`` object classes). Fit support (session 19, "rams19"): "slain" before
such a noun in 7 fit sentences (RAMS 3, WikiEvents 2, MUC-4 2), a killing of that person in
all 7; RAMS marks 2 of its 3 (one trigger a document), WikiEvents 1 of its 2."""

from __future__ import annotations

from spacy.tokens import Token

from .irregular import irregular_lemmas
from .lexicon import Lexicon, Sense
from .triggers import heads_of_classes, lemma_candidates, noun_sense

PERSON_CLASSES = frozenset({"people", "troops", "military", "actors"})
PERSON_ENTITIES = frozenset({"PERSON", "NORP"})


def attributive_killing(
    tok: Token, lex: Lexicon, actor_tokens: set[int]
) -> tuple[Sense, Token] | None:
    """The killing sense of ``tok`` and the noun it kills, when ``tok`` is a participle before
    that noun (through adjectives the parser stacked on one another: "the slain military
    officials" with "slain" hung on "military")."""
    noun = tok.head
    while noun.dep_ == "amod" and noun.pos_ == "ADJ" and noun.head.i > noun.i:
        noun = noun.head
    if tok.dep_ != "amod" or tok.tag_ not in ("JJ", "VBN") or tok.i > noun.i:
        return None
    if noun.pos_ not in ("NOUN", "PROPN") or noun_sense(noun, lex) is not None:
        return None
    keys = [*lemma_candidates(tok), *irregular_lemmas(tok.lower_)]
    sense = next((lex.verbs[k] for k in keys if k in lex.verbs), None)
    if sense is None or sense.type != "ASSAULT" or sense.casualty != "killed":
        return None
    if sense.needs_object_class and not heads_of_classes(noun, sense.needs_object_class, lex):
        return None  # "the eliminated defense forces" (disbanded): only armed men, as a verb
    person = (
        noun.i in actor_tokens
        or noun.ent_type_ in PERSON_ENTITIES
        or bool(lex.classes_of(noun.lemma_.lower()) & PERSON_CLASSES)
    )
    return (sense, noun) if person else None
