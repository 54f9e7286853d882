"""Trigger lookup for event detection: the lemma keys a verb or noun is looked up by in the
event lexicon, and the sense its modifiers or object select ("air strike", "deployed troops")."""

from __future__ import annotations

from functools import lru_cache

from spacy.tokens import Token

from ..actors.names import hyphenated
from .irregular import irregular_lemmas
from .lexicon import Lexicon, Sense
from .roles import child, coordinated, prep_objects


def in_hyphen_compound(token: Token) -> bool:
    """The second half of a hyphenated modifier ("Pakistan-occupied Kashmir", "Iran-backed
    groups"): part of a name or description, not a reported act."""
    doc = token.doc
    return token.i >= 2 and hyphenated(doc[token.i - 2], doc[token.i - 1])


# particles the parser reads as adverbs right after an intransitive verb ("pulled back")
ADVERB_PARTICLES = frozenset({"back", "down", "off", "out", "up", "over", "away"})


def _particle(token: Token) -> str | None:
    prt = child(token, "prt")
    if prt is not None:
        return prt.lower_
    # "forced the agency out of the country", "pulled its troops out of Syria": the parser
    # reads the particle of a particle verb as the preposition of "out of"
    for c in token.children:
        if c.dep_ == "prep" and c.lower_ == "out" and any(g.lower_ == "of" for g in c.children):
            return "out"
        # "the rebels pulled back from the front line", "backed down on the tax": the parser
        # reads a particle right after an intransitive verb as an adverb
        if c.dep_ == "advmod" and c.i == token.i + 1 and c.lower_ in ADVERB_PARTICLES:
            return c.lower_
        if _clause_appeal_preposition(token, c):
            return c.lower_
    return None


# the prepositions of the appeal verbs "call on", "call for" (the parser reads them as a
# preposition, not a particle)
APPEAL_PREPOSITIONS = frozenset({"on", "for"})


def _clause_appeal_preposition(token: Token, c: Token) -> bool:
    """ "issued a statement calling on X to ...", "a report that calls on X": in a clause on a
    noun the appeal is the verb's own (the quotes component gives such a sentence the issuing
    verb as its cue, so no statement makes the appeal); a main-clause "called on X" is the
    statement's cue and stays with it."""
    if not (
        token.dep_ in ("acl", "relcl")
        and token.head.dep_ != "ROOT"  # "The envoy called on X", misparsed: a main clause
        and c.dep_ == "prep"
        and c.i == token.i + 1
        and c.lower_ in APPEAL_PREPOSITIONS
    ):
        return False
    pobj = child(c, "pobj")  # "a statement calling on Friday for calm": a date, no addressee
    return pobj is not None and pobj.ent_type_ not in ("DATE", "TIME")


def lemma_candidates(token: Token) -> list[str]:
    """The lemma, then guesses from the word itself: the small model sometimes lemmatizes
    in context to a wrong word ("staged" -> "stag"); for a verb it left as itself, the
    lemmatizer's own exception table ("retook" tagged as a present: "retake")."""
    lemma, word = token.lemma_.lower(), token.lower_
    guesses = _lemma_guesses(lemma, word)
    if lemma == word and token.pos_ == "VERB":
        return [*guesses, *irregular_lemmas(word)]
    return list(guesses)


_SUFFIX_GUESSES = (
    ("ied", "y"),
    ("ed", ""),
    ("d", ""),
    ("ing", ""),
    ("ing", "e"),
    ("s", ""),
    ("es", ""),
)


@lru_cache(maxsize=65536)
def _lemma_guesses(lemma: str, word: str) -> tuple[str, ...]:
    out = [lemma]
    for suffix, repl in _SUFFIX_GUESSES:
        if word.endswith(suffix) and len(word) > len(suffix) + 2:
            out.append(word[: -len(suffix)] + repl)
    return tuple(out)


def verb_keys(token: Token) -> list[str]:
    prt = _particle(token)
    candidates = lemma_candidates(token)
    keys = [f"{lemma} {prt}" for lemma in candidates] if prt else []
    keys.extend(candidates)
    return keys


def lexicon_verb_keys(token: Token, lex: Lexicon) -> list[str]:
    """The keys of :func:`verb_keys` that can be in ``lex``'s verbs or support verbs: the
    particle keys only when some lemma guess begins a multiword key (finding the particle
    walks the verb's children, and most verbs have no particle sense)."""
    candidates = lemma_candidates(token)
    if any(lemma.partition(" ")[0] in lex.particle_heads for lemma in candidates):
        prt = _particle(token)
        if prt:
            return [*(f"{lemma} {prt}" for lemma in candidates), *candidates]
    return candidates


def noun_sense(token: Token, lex: Lexicon) -> Sense | None:
    """The event sense of a noun, with modifiers ("air strike", "hunger strike") applied."""
    lemma = token.lemma_.lower()
    # most nouns are no trigger: look at their modifiers only when some compound ends in them
    if not lex.may_head_noun_trigger(lemma) and token.lower_ not in lex.nouns:
        return None
    for c in token.children:
        if lemma in lex.compound_tails and c.dep_ in ("compound", "amod") and c.i < token.i:
            compound = f"{c.lemma_.lower()} {lemma}"
            if compound in lex.nouns:
                return lex.nouns[compound]
    sense = lex.nouns.get(lemma) or lex.nouns.get(token.lower_)
    if sense is None:
        return None
    for c in token.children:
        if c.dep_ in ("compound", "amod", "nmod") and c.i < token.i:
            override = sense.by_modifier.get(c.lemma_.lower())
            if override is not None:
                return sense.with_override(override)
    return sense


def kind_lemmas(noun: Token, with_of: bool = False) -> list[str]:
    """The lemmas that say what a noun phrase is: its head's and its conjuncts', and its
    modifiers' ("peacekeeping force", "aid workers"); with ``with_of``, also the noun a
    collective head is "of" ("a column of fighters"). In that order, each once: a reading that
    takes the first lemma of a class ("police inspectors": the head, ``object_sense``) must not
    hang on a set's order, which changes with the process's string hashes."""
    words = [t.lemma_.lower() for t in coordinated(noun)]
    words += [c.lemma_.lower() for c in noun.children if c.dep_ in ("compound", "amod")]
    if with_of:
        words += [o.lemma_.lower() for o in prep_objects(noun, ("of",))]
    return list(dict.fromkeys(words))


def of_classes(noun: Token, classes: tuple[str, ...], lex: Lexicon) -> bool:
    """Whether a noun phrase, or the noun a collective head is "of", is of one of the object
    ``classes`` ("fighters", "a column of troops": military)."""
    lemmas = kind_lemmas(noun, with_of=True)
    return any(set(classes) & lex.condition_classes_of(lemma) for lemma in lemmas)


def heads_of_classes(noun: Token, classes: tuple[str, ...], lex: Lexicon) -> bool:
    """Whether the head nouns of a phrase (with its conjuncts, and the noun a collective head
    is "of": "the bands of armed assailants") are of one of ``classes``; a modifier does not
    count: "41 terrorists", not "terrorist attempts" or "terrorist actions"."""
    heads = [*coordinated(noun), *prep_objects(noun, ("of",))]
    return any(set(classes) & lex.condition_classes_of(t.lemma_.lower()) for t in heads)


# entity labels of a named place ("entered Syria", "crossed into Lebanon")
PLACE_ENTITY_LABELS = frozenset({"GPE", "LOC", "FAC"})


def is_place(noun: Token, lex: Lexicon) -> bool:
    """A noun of the class ``place`` ("the border", "the town") or a named place."""
    if noun.ent_type_ in PLACE_ENTITY_LABELS:
        return True
    return any("place" in lex.classes_of(lemma) for lemma in kind_lemmas(noun))


def meets_party_conditions(
    sense: Sense, subject: Token | None, obj: Token | None, verb: Token, lex: Lexicon
) -> bool:
    """Whether a verb sense's conditions on its parties hold: a movement is an incursion only
    when armed forces make it into a place ("troops crossed the border", not "the trains"), a
    neutralising an attack only on armed opponents ("neutralised 41 terrorists")."""
    if sense.needs_subject and not (
        subject is not None and of_classes(subject, sense.needs_subject, lex)
    ):
        return False
    if sense.not_subject and subject is not None and of_classes(subject, sense.not_subject, lex):
        return False
    if sense.needs_object_class and not (
        obj is not None and heads_of_classes(obj, sense.needs_object_class, lex)
    ):
        return False
    if sense.needs_place:
        places = [*([obj] if obj is not None else []), *prep_objects(verb, sense.target_preps)]
        return any(is_place(p, lex) for p in places)
    return True


# heads of a count that names what is counted with "of" ("sent thousands of troops": troops)
COUNT_HEADS = frozenset({"hundred", "thousand", "dozen", "million", "score", "number"})


def sense_object(verb: Token, obj: Token | None, sense: Sense) -> Token | None:
    """The noun ``by_object`` reads: the object, or for a ``clause_object`` verb with none the
    subject of its clausal complement ("allowed [observers to monitor the vote]")."""
    if obj is not None or not sense.clause_object:
        return obj
    for c in verb.children:
        if c.dep_ in ("ccomp", "xcomp"):
            subject = child(c, "nsubj")
            if subject is not None:
                return subject
    return None


def object_kind_lemmas(obj: Token, lex: Lexicon) -> list[str]:
    """What an object is, for ``by_object``: its kind lemmas, those of what a count counts
    ("thousands of troops") and of whom an ``access`` noun is for ("access for relief
    workers"), in that order (``kind_lemmas``)."""
    counted = obj.lemma_.lower() in COUNT_HEADS or obj.like_num
    lemmas = kind_lemmas(obj, with_of=counted)
    if "access" in lex.classes_of(obj.lemma_.lower()):
        lemmas += [lemma for o in prep_objects(obj, ("for",)) for lemma in kind_lemmas(o)]
    return list(dict.fromkeys(lemmas))


def object_sense(sense: Sense, obj: Token | None, lex: Lexicon) -> Sense:
    if obj is None or not sense.by_object:
        return sense
    for lemma in object_kind_lemmas(obj, lex):
        classes = lex.classes_of(lemma)
        # the entry's order decides between two classes of one word ("peacekeepers" are troops
        # and observers: `send` lists observers first)
        for cls, override in sense.by_object.items():
            if cls in classes:
                return sense.with_override(override)
    return sense


def subject_sense(sense: Sense, subject: Token | None, obj: Token | None, lex: Lexicon) -> Sense:
    """A verb with no object read by its subject's class (``by_subject``): "a car bomb blew up
    near the market" is a bombing, "rebels blew up the bridge" a destruction (``by_object``)."""
    if obj is not None or subject is None or not sense.by_subject:
        return sense
    for cls, override in sense.by_subject.items():
        if of_classes(subject, (cls,), lex):
            return sense.with_override(override)
    return sense


# heads of an amount that names what it measures with "in" ("$33 million in assistance", "an
# increase in funding"): CAMEO 071 codes the aid announced, whatever its size (only aid: "an
# increase in attacks" announced is no attack by the announcer)
AMOUNT_HEADS = frozenset({"million", "billion", "thousand", "increase", "sum", "amount"})


def measured_noun(obj: Token) -> Token | None:
    """The noun an amount object measures ("announced $33 million in assistance": assistance)."""
    if obj.lemma_.lower() not in AMOUNT_HEADS and not obj.like_num:
        return None
    for prep in obj.children:
        if prep.dep_ == "prep" and prep.lower_ == "in":
            return next((c for c in prep.children if c.dep_ == "pobj"), None)
    return None


def carries_noun(verb_key: str | None, noun: Sense, lex: Lexicon) -> bool:
    """Whether a support verb that is an attack verb too carries this noun's event: "struck a
    deal" is an AGREE, "struck a meeting of commanders" the verb's own attack
    (``support_verb_types``); any other support verb carries every event noun."""
    allowed = lex.support_verb_types.get(verb_key or "")
    return allowed is None or noun.type in allowed


ATTACK_OBJECT_PREPS = ("on", "at", "against")
NOT_STRUCK_TYPES = frozenset({"ASSAULT", "COERCE"})


def struck_occasions(head: Token, lex: Lexicon) -> list[Token]:
    """The event nouns an attack hit: the object of an attack verb, or the object of "on",
    "at", "against" after an attack verb or noun, when that noun names a non-violent act
    ("shelled a funeral", "bombed a meeting of Hamas leaders", "a strike on a meeting of
    commanders", "fired at a rally"). The gathering is what was attacked, not an event the
    sentence reports (fit: attack verbs with such an object 4 times, each what was attacked:
    "ambushed the patrol" 2, "attacked the patrol", "attacking an M-19 march")."""
    nouns = list(prep_objects(head, ATTACK_OBJECT_PREPS))
    if head.pos_ in ("VERB", "AUX"):
        nouns += [c for c in head.children if c.dep_ in ("dobj", "nsubjpass")]
    out = []
    for noun in nouns:
        sense = noun_sense(noun, lex)
        if sense is not None and sense.type and sense.type not in NOT_STRUCK_TYPES:
            out.append(noun)
    return out
