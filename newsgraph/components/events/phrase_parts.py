"""The parts of a verb phrase the lexicon's phrases match (``detect.SentenceDetector._phrase``):
the names its object answers to and the predicative complement that completes it."""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Token

from .lexicon import Phrase
from .roles import direct_object, is_passive, particle_object, passive_patient, prep_objects


def object_names(obj: Token) -> set[str]:
    """The names a phrase's object answers to: its lemma, with its compound or adjective
    ("mediation effort", "alert level": the parser reads "alert" as either) and with its "of"
    complement ("state of siege")."""
    lemma = obj.lemma_.lower()
    names = {lemma}
    names |= {f"{c.lemma_.lower()} {lemma}" for c in obj.children if c.dep_ in ("compound", "amod")}
    names |= {f"{lemma} of {o.lemma_.lower()}" for o in prep_objects(obj, ("of",))}
    return names


# how the parser attaches "guilty" in "was found guilty" (oprd), "found him guilty" (ccomp with
# "him" its subject), "found the general guilty" (dobj, "general" read as its adjective),
# "was set ablaze" (advmod)
PREDICATIVE_DEPS = frozenset({"oprd", "acomp", "ccomp", "xcomp", "dobj", "npadvmod", "advmod"})


def predicative_complement(verb: Token, lemmas: frozenset[str]) -> Token | None:
    """The verb's complement with one of ``lemmas``; none when negated ("found him not guilty"
    is an acquittal, not the finding the phrase names)."""
    for c in verb.children:
        if c.dep_ in PREDICATIVE_DEPS and c.lemma_.lower() in lemmas:
            return None if any(n.dep_ == "neg" for n in c.children) else c
    return None


ADDED = frozenset({"more", "other", "further", "additional"})


def told_before(noun: Token) -> bool:
    """Found dead that the text told before: no count, no "of" phrase, no possessor and no
    "a" ("the bodies", "both bodies", "all the bodies": killedP's fit count, 7 of 7 such found
    bodies refer back), or dead added to those ("six more bodies were found", "recovered more
    bodies": 0 in the fit texts; in written stories B and C such a record split its incident's
    cluster)."""
    if any(t.lower_ in ADDED for c in noun.lefts for t in c.subtree):
        return True
    return (
        not any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in noun.children)
        and not any(c.dep_ in ("nummod", "poss") for c in noun.children)
        and not any(c.dep_ == "prep" and c.lower_ == "of" for c in noun.children)
    )


def phrase_objects(holder: Token, phrase: Phrase) -> Iterator[Token]:
    """The words of ``holder``'s clause that complete ``phrase``: its object (or passive
    subject) or the object of its preposition, answering to one of the phrase's names. The
    parser may hang a part of the phrase on the verb's object: "setting fields *on fire*"
    (the preposition), "used mortars and *a drone* against the posts" (a conjunct, for a phrase
    that needs its target preposition, which may hang there too)."""
    obj = direct_object(holder)
    if phrase.prep:
        objs = [
            *prep_objects(holder, (phrase.prep,)),
            *particle_object(holder, phrase.prep),
            *(prep_objects(obj, (phrase.prep,)) if obj is not None else ()),
        ]
    else:
        obj = obj or (passive_patient(holder) if is_passive(holder) else None)
        objs = [obj] if obj is not None else []
        if obj is not None and phrase.needs_target_prep:
            objs += obj.conjuncts
        objs += list(prep_objects(holder, ("to", "in")))  # "resort to", "engage in"
    preps = phrase.sense.target_preps
    for found in objs:
        if not phrase.objects & object_names(found):
            continue
        if phrase.needs_target_prep and not any(
            any(prep_objects(h, preps)) for h in (holder, found)
        ):
            continue  # "used mortars during an attack", not "used mortars against the posts"
        yield found


def conditioned(holder: Token, obj: Token, prep: str | None) -> Token | None:
    """The party a phrase's ``needs_object_class`` is about: its object, or for a phrase of a
    preposition the verb's own object or passive subject ("the villagers were taken *from their
    homes*": the villagers)."""
    if not prep:
        return obj
    return passive_patient(holder) if is_passive(holder) else direct_object(holder)
