"""The parts of a verb phrase the lexicon's phrases match (``detect.SentenceDetector._phrase``):
the names its object answers to and the predicative complement that completes it."""

from __future__ import annotations

from spacy.tokens import Token

from .roles import prep_objects


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
# "him" its subject), "found the general guilty" (dobj, "general" read as its adjective)
PREDICATIVE_DEPS = frozenset({"oprd", "acomp", "ccomp", "xcomp", "dobj", "npadvmod"})


def predicative_complement(verb: Token, lemmas: frozenset[str]) -> Token | None:
    """The verb's complement with one of ``lemmas``; none when negated ("found him not guilty"
    is an acquittal, not the finding the phrase names)."""
    for c in verb.children:
        if c.dep_ in PREDICATIVE_DEPS and c.lemma_.lower() in lemmas:
            return None if any(n.dep_ == "neg" for n in c.children) else c
    return None


DEFINITE = frozenset({"the", "these", "those", "this", "that"})


def told_before(noun: Token) -> bool:
    """A bare definite noun ("the bodies", "the unidentified body", "all the bodies"): no
    count, no "of" phrase and no possessor of its own, so it refers back to what the text told
    before (killedP's fit count: 6 of 6 such found bodies, docs/history/events.md)."""
    return (
        any(c.dep_ == "det" and c.lower_ in DEFINITE for c in noun.children)
        and not any(c.dep_ in ("nummod", "poss") for c in noun.children)
        and not any(c.dep_ == "prep" and c.lower_ == "of" for c in noun.children)
    )
