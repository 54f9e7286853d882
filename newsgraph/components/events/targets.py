"""Sources and targets of event mentions: who did a nominal event ("Hezbollah's rocket fire",
"strikes by Hezbollah"), whom it hit, and the choice of a trigger's target among its object,
the prepositions the lexicon names and any other preposition (in that order of trust)."""

from __future__ import annotations

import re

from spacy.tokens import Token

from ..tokens import same_token
from .adjunct_places import SEIZING_MODES, event_noun, locative
from .cameo_codes import load_frames
from .lexicon import Lexicon, Sense
from .party_filter import struck_structure
from .roles import (
    SUBJECT_DEPS,
    child,
    direct_object,
    is_passive,
    is_verbal,
    participle_modifier,
    passive_patient,
    prep_objects,
)
from .triggers import verb_keys

DEFAULT_VERB_TARGET_PREPS = ("against",)
DEFAULT_NOUN_TARGET_PREPS = ("on", "against")
NATIONALITY_ENTS = frozenset({"NORP", "GPE", "ORG", "PERSON"})


def author_of(noun: Token) -> Token | None:
    """Whose proposal/call/offer: the possessor, a by/from phrase, or a nationality adjective."""
    for c in noun.children:
        if c.dep_ == "poss":
            return c
    for obj in prep_objects(noun, ("by", "from")):
        return obj
    for c in noun.children:
        if c.dep_ in ("amod", "compound") and (
            c.ent_type_ in NATIONALITY_ENTS or (c.pos_ == "PROPN")
        ):
            return c
    return None


def noun_source(noun: Token, sense: Sense) -> Token | None:
    """The doer of a nominal event: "Hezbollah's rocket fire", "the Israeli strike",
    "strikes by Hezbollah", "strikes conducted by Hezbollah fighters"."""
    for c in noun.children:
        if c.dep_ == "poss":
            return c
    for obj in prep_objects(noun, sense.source_preps):
        return obj
    for c in noun.children:
        if c.dep_ == "acl" and participle_modifier(c):
            agent = next(prep_objects(c, ("by",)), None)
            if agent is not None:
                return agent
    for c in noun.children:
        if (
            c.i < noun.i
            and c.dep_ in ("amod", "compound")
            and (c.ent_type_ in NATIONALITY_ENTS or c.pos_ == "PROPN")
        ):
            return c
    return None


def noun_target(noun: Token, sense: Sense, source: Token | None) -> Token | None:
    """The target of a nominal event: "strike on Rafah", "demand that Israel ease ..."."""
    preps = sense.target_preps or DEFAULT_NOUN_TARGET_PREPS
    holders = [noun, *(c for c in noun.children if c.dep_ == "acl")]
    if source is not None:
        holders.append(source)  # "strikes by fighters against vehicles" often attaches there
    for holder in holders:
        for obj in prep_objects(holder, preps):
            if not same_token(obj, source):
                return obj
    for c in noun.children:
        if c.dep_ in ("acl", "ccomp") and is_verbal(c) and child(c, "mark") is not None:
            subj = child(c, "nsubj", "nsubjpass")
            if subj is not None:
                return subj
    return None


# how a target candidate was found: an object or a preposition the lexicon names; a phrase
# attached to the object ("sanctions on X"); any preposition of the verb ("in X")
STRICT, LINKED, GENERIC = 0, 1, 2
GENERIC_TARGET_PREPS = (
    "to",
    "against",
    "on",
    "with",
    "into",
    "at",
    "toward",
    "towards",
    "in",
    "for",
    "from",
)
OBJECT_LINK_PREPS = (
    "with",
    "against",
    "on",
    "to",
    "into",
    "of",
    "for",
    "in",
    "at",
    "toward",
    "towards",
    "by",
)
AIMED_PREPS = ("against", "on", "to", "with")
# a thing returned or released that was taken from someone is aimed at them (CAMEO codes the
# party it goes back to; ConfliBERT fit: 3 "return weapons ... seized from X", target X)
TAKEN_VERBS = frozenset({"seize", "take", "capture", "confiscate", "steal", "loot"})
# the lexicon's classes of nouns that can name a party; ``military`` not for an act of another
# type than an attack, a coercion or a protest. It lists what an attack hits (base, position,
# depot, vehicle, convoy, target, ...) beside the armed men, who are also in ``troops`` and
# ``combatants``: the attack sets code what was hit as the target (MUC-4 fit: "bombs were thrown
# at *a ussr embassy vehicle*"), but a base or a depot given back, threatened or asked for is no
# party (CAMEO codes actors). ConfliBERT CAMEO fit: with it for every type, 2 targets wrong
# ("return weapons depots and military bases it has seized from *the government*", "threatened
# to shell *positions of ... Hezbollah ... in Lebanon*"), none right that is wrong without it
# (docs/events.md, session 27)
ACTOR_CLASSES = ("people", "troops", "place", "inspectors", "actors", "combatants")
STRUCK_CLASS = "military"
STRUCK_TYPES = frozenset({"ASSAULT", "COERCE", "PROTEST"})
CLOCK = re.compile(r"\d{1,2}:\d{2}")
NOT_ACTOR_ENTS = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "QUANTITY", "MONEY", "PERCENT"})
PERSONAL_PRONOUNS = frozenset({"it", "they", "he", "she", "we", "them", "him", "her", "us"})


def actor_like(
    token: Token, lex: Lexicon, actor_tokens: set[int], event_type: str | None = None
) -> bool:
    """Could this noun be a participant (an actor, a group of people, a place)? What an attack
    can hit (``STRUCK_CLASS``) too, unless ``event_type`` names an act of another kind."""
    if token.ent_type_ in NOT_ACTOR_ENTS:
        return False
    if token.i in actor_tokens or token.ent_type_ in NATIONALITY_ENTS | {"LOC", "FAC"}:
        return True
    if token.pos_ == "PROPN" or (token.pos_ == "PRON" and token.lower_ in PERSONAL_PRONOUNS):
        return True
    if _names_a_measure(token, lex):
        return False
    lemma = token.lemma_.lower()
    struck = event_type is None or event_type in STRUCK_TYPES
    classes = (*ACTOR_CLASSES, STRUCK_CLASS) if struck else ACTOR_CLASSES
    return any(lemma in lex.object_class_sets.get(cls, ()) for cls in classes)


def _names_a_measure(token: Token, lex: Lexicon) -> bool:
    """A common noun whose "of" object is a restriction names that measure, not an actor: "a
    *state* of emergency", "a *state* of siege" (CAMEO 1724 codes the place it is declared in
    as the target; ConfliBERT fit: 3 sentences, docs/events.md). A name keeps its sense ("the
    Ministry of Law")."""
    if token.pos_ == "PROPN" or token.ent_type_:
        return False
    restrictions = lex.object_class_sets.get("restriction", frozenset())
    return any(o.lemma_.lower() in restrictions for o in prep_objects(token, ("of",)))


def _message_target(target: Token | None, lex: Lexicon) -> Token | None:
    if target is not None and target.lemma_.lower() in lex.message_nouns:
        return author_of(target) or target
    return target


def beneficiaries(holder: Token, lex: Lexicon) -> list[Token]:
    """Whom an act is for: the object of a purpose clause of ``holder`` whose verb is a
    beneficiary verb ("sent aid to help the flood victims", "an appeal for funds to help
    people in need")."""
    return [
        obj
        for c in holder.children
        if c.dep_ in ("advcl", "xcomp", "acl")
        and c.lemma_.lower() in lex.beneficiary_verbs
        and any(a.tag_ == "TO" for a in c.children)
        and (obj := child(c, "dobj")) is not None
    ]


def _is_beneficiary(token: Token, lex: Lexicon) -> bool:
    return token.dep_ == "dobj" and token in beneficiaries(token.head.head, lex)


def _act_noun(noun: Token | None, lex: Lexicon) -> bool:
    """ "lodged a protest", "opened fire": the phrase's own object names the act itself."""
    from .triggers import noun_sense

    return noun is not None and noun_sense(noun, lex) is not None


def _verb_sense(verb: Token, lex: Lexicon) -> Sense | None:
    return next((s for k in verb_keys(verb) if (s := lex.verbs.get(k)) is not None), None)


def _object_candidates(
    first: Token | None, lex: Lexicon, verb: Token | None = None
) -> list[tuple[Token, int]]:
    """The verb's object as a strict candidate, after the author of a message it names. A
    charge denied with no author named ("denied such accusations") is no candidate: CAMEO 016
    aims a denial at the accuser, and ConfliBERT's fit gold never codes the charge itself (9
    sentences "rejected/denied/dismissed ... accusations/allegations/claims": 6 name the
    accuser, the gold target 5 times; of 3 with none, 2 have no gold target)."""
    if first is None:
        return []
    if verb is not None and _denied_charge(verb, first):
        return []
    author = _message_target(first, lex)
    if author is not None and not same_token(author, first):
        return [(author, STRICT), (first, STRICT)]
    return [(first, STRICT)]


def _denied_charge(verb: Token, noun: Token) -> bool:
    frames = load_frames()
    return (
        verb.lemma_.lower() in frames.words("deny_responsibility", "triggers")
        and noun.lemma_.lower() in frames.words("deny_responsibility", "objects")
        and author_of(noun) is None
        and not any(t.dep_ == "agent" for t in noun.subtree)  # "the claims made by X"
    )


def verb_target_candidates(
    verb: Token, sense: Sense, phrase_object: Token | None, lex: Lexicon, depth: int = 0
) -> list[tuple[Token, int]]:
    """Possible targets in order of preference, each flagged strict (an object or a
    preposition the lexicon names) or loose (any preposition, tried for actors only)."""
    out: list[tuple[Token, int]] = []
    first = passive_patient(verb) if is_passive(verb) else direct_object(verb)
    if sense.prefer_preps:  # "withdrew its troops from Lebanon": Lebanon
        out.extend((o, STRICT) for o in prep_objects(verb, sense.target_preps))
    # "gave the rebels weapons": the recipient before the thing given
    dative = child(verb, "dative")
    if dative is not None:
        out.append((dative, STRICT))
    # a phrase's own object ("opened *fire* on X", "lifted *restrictions* on X") comes after
    # the objects of the prepositions its sense names, an ordinary object before them
    object_is_phrase = same_token(first, phrase_object) or (
        first is not None and any(same_token(c, phrase_object) for c in first.conjuncts)
    )  # "used rockets and a drone against the post": both are the phrase's weapons
    if not object_is_phrase:
        out.extend(_object_candidates(first, lex, verb))
    if phrase_object is not None:
        # "found the officer guilty": the subject of the small clause is whom it is about
        subject = child(phrase_object, "nsubj")
        if subject is not None:
            out.append((subject, STRICT))
    for preps in (sense.target_preps or DEFAULT_VERB_TARGET_PREPS,):
        out.extend((o, STRICT) for o in prep_objects(verb, preps))
        if phrase_object is not None:
            out.extend((o, STRICT) for o in prep_objects(phrase_object, preps))
    if object_is_phrase and not _act_noun(first, lex):
        out.extend(_object_candidates(first, lex))
    for obj in (first, phrase_object):
        if obj is None:
            continue
        for c in obj.children:
            if c.dep_ in ("acl", "relcl") and c.lemma_.lower() in TAKEN_VERBS:
                # "return weapons they seized from the Iraqi army": whom it was taken from
                out.extend((o, LINKED) for o in prep_objects(c, ("from",)))
        for o in prep_objects(obj, OBJECT_LINK_PREPS):
            out.append((o, LINKED))
            out.extend((o2, LINKED) for o2 in prep_objects(o, OBJECT_LINK_PREPS))
    for holder in (verb, first, phrase_object):
        if holder is not None:
            out.extend((o, LINKED) for o in beneficiaries(holder, lex))
    if sense.embeds and depth == 0:
        for c in verb.children:
            if c.dep_ == "ccomp":
                subj = child(c, "nsubj", "nsubjpass")
                if subj is not None:
                    out.append((subj, STRICT))
            if c.dep_ in ("xcomp", "ccomp") and is_verbal(c):
                # the embedded act's own sense: "offered to send troops to Uganda" is aimed
                # at Uganda (``send`` prefers its "to"), not at the troops
                embedded = _verb_sense(c, lex) or Sense(None)
                out.extend(
                    (tok, max(LINKED, tier))
                    for tok, tier in verb_target_candidates(c, embedded, None, lex, 1)
                )
    for o in prep_objects(verb, GENERIC_TARGET_PREPS):
        out.append((o, GENERIC))
        # "called for sanctions against Turkey": whom the thing asked for is aimed at
        out.extend((o2, GENERIC) for o2 in prep_objects(o, AIMED_PREPS))
    if phrase_object is not None and phrase_object.dep_ == "pobj":  # "taken *from their homes*"
        holder = phrase_object.head.head  # the verb, or its object ("set fields on fire")
        if same_token(holder, verb) or same_token(holder, first):
            out = [c for c in out if not same_token(c[0], phrase_object)]
    return out


def support_target_candidates(
    verb: Token, noun: Token, sense: Sense, source: Token | None, lex: Lexicon
) -> list[tuple[Token, int]]:
    """Targets of "imposed sanctions on X", "granted asylum to X", "reiterated its demand
    that X ..."."""
    out: list[tuple[Token, int]] = []
    strict = noun_target(noun, sense, source)
    if strict is not None:
        out.append((strict, STRICT))
    preps = sense.target_preps or ("on", "against", "with")
    out.extend((o, STRICT) for o in prep_objects(verb, preps))
    dative = child(verb, "dative")
    if dative is not None:
        out.append((dative, STRICT))
    if sense.type in ("REQUEST", "THREATEN", "ACCUSE"):
        for c in verb.children:
            if c.dep_ == "ccomp":
                subj = child(c, "nsubj", "nsubjpass")
                if subj is not None:
                    out.append((subj, STRICT))
    for o in prep_objects(noun, OBJECT_LINK_PREPS):
        if same_token(o, source):
            continue
        out.append((o, LINKED))
        out.extend((o2, LINKED) for o2 in prep_objects(o, OBJECT_LINK_PREPS))
    out.extend((o, LINKED) for holder in (verb, noun) for o in beneficiaries(holder, lex))
    out.extend((o, GENERIC) for o in prep_objects(verb, GENERIC_TARGET_PREPS))
    return out


# PLOVER types whose object is a thing given, returned, lifted, imposed or sent: CAMEO codes
# the party it goes to or weighs on as the target ("returned 12 skulls to Peru", "lifted
# restrictions on Cuba", "UN sanctions against Iran were lifted")
TRANSFER_TYPES = frozenset({"AID", "RETREAT", "CONCEDE", "SANCTION", "MOBILIZE"})
VIOLENT_TYPES = frozenset({"ASSAULT", "COERCE"})
RECIPIENT_PREPS = frozenset({"to", "on", "against", "with", "from", "in", "for", "into"})


def recipient(
    thing: Token,
    candidates: list[tuple[Token, int]],
    lex: Lexicon,
    actor_tokens: set[int],
    event_type: str | None = None,
) -> Token | None:
    """Where a thing given or lifted goes: the first actor or place after it in a
    prepositional phrase of the verb or of the thing (not its author: "UN sanctions")."""
    later = [t for t, tier in candidates if tier > STRICT] + _phrase_tokens(thing)
    for token in later:
        if (
            token.i > thing.i
            and _in_recipient_phrase(token)
            and actor_like(token, lex, actor_tokens, event_type)
        ):
            return token
    return None


def _phrase_tokens(head: Token) -> list[Token]:
    """``head``'s subtree without relative clauses ("hostages they are holding as chips with
    the government": the government is not where the hostages go)."""
    out, stack = [], [head]
    while stack:
        token = stack.pop()
        out.append(token)
        stack.extend(c for c in token.children if c.dep_ != "relcl")
    return sorted(out, key=lambda t: t.i)


def _in_recipient_phrase(token: Token) -> bool:
    return token.dep_ == "pobj" and token.head.lower_ in RECIPIENT_PREPS


def _transfer_target(
    first: Token | None,
    candidates: list[tuple[Token, int]],
    source: Token | None,
    lex: Lexicon,
    actor_tokens: set[int],
    event_type: str | None = None,
) -> Token | None:
    """The target of a thing given, lifted or imposed: an actor a purpose clause says it is for
    ("sent troops to help the army"); where the object names no actor, the party it goes to
    (``recipient``), else whoever the purpose clause names ("sent aid to help the victims")."""
    others = [t for t, _ in candidates if source is None or t.i != source.i]
    helped = next((t for t in others if _is_beneficiary(t, lex)), None)
    if helped is not None and actor_like(helped, lex, actor_tokens, event_type):
        return helped
    if (
        first is None
        or (source is not None and first.i == source.i)
        or _in_recipient_phrase(first)  # "sanctions on an entity": already whom
        or actor_like(first, lex, actor_tokens, event_type)
    ):
        return None
    found = recipient(first, candidates, lex, actor_tokens, event_type)
    if found is not None and (source is None or found.i != source.i):
        return found
    return helped


# a thing given, returned, lifted or mobilised: where it goes (not SANCTION: "expelled
# peacekeepers ... with Ethiopia", whose place is no destination; docs/events.md, session 18)
DESTINATION_TYPES = frozenset({"AID", "RETREAT", "CONCEDE", "MOBILIZE"})
DESTINATION_ENTS = frozenset({"GPE", "LOC"})


def destination_place(
    anchor: Token,
    thing: Token | None,
    source: Token | None,
    event_type: str | None,
    lex: Lexicon,
    actor_tokens: set[int],
) -> Token | None:
    """Where a thing given, returned, lifted or mobilised goes or is for, when the chosen
    target is the thing itself, or when a verb names no target at all: the place (GPE, LOC)
    nearest the trigger in its clause, as a prepositional or direct object, outside the
    subject, the source, the thing's own phrase and any clause with a subject of its own
    ("authorized the release of $1.2 billion in assistance *to Egypt*", "is mobilising funds
    to support peace building *in Colombia*", "announced an increase in funding to fight the
    epidemic *in West Africa*"). CAMEO codes whom the act serves, and a country stands for its
    people. ConfliBERT CAMEO fit main events of these types (docs/events.md, session 18): with
    a thing as target, such a place is the gold target in 7 and not in 0 (a possessive or
    compound place, left out: 0 and 3); with no target, the place is the gold target in 5 of
    5 sentences with a gold target."""
    if event_type not in DESTINATION_TYPES:
        return None
    if thing is None and anchor.pos_ not in ("VERB", "AUX"):
        return None  # a bare event noun stays bare ("pushing for a ceasefire in X")
    if thing is not None and (
        thing.ent_type_ in DESTINATION_ENTS or actor_like(thing, lex, actor_tokens, event_type)
    ):
        return None
    left_out = {t.i for t in thing.subtree} if thing is not None else set()
    if source is not None:
        left_out |= {t.i for t in source.subtree}
    best: tuple[int, int, Token] | None = None
    stack = [(c, 1) for c in anchor.children if c.dep_ not in SUBJECT_DEPS]
    while stack:
        token, depth = stack.pop()
        if token.i in left_out or any(c.dep_ in SUBJECT_DEPS for c in token.children):
            continue  # a clause with a subject of its own is another act ("..., which in X")
        if (
            token.ent_type_ in DESTINATION_ENTS
            and token.dep_ in ("pobj", "dobj")
            and (best is None or (depth, token.i) < best[:2])
        ):
            best = (depth, token.i, token)
        stack.extend((c, depth + 1) for c in token.children)
    return best[2] if best is not None else None


def _struck_object(first: Token | None, source: Token | None, event_type: str | None) -> bool:
    """Whether the object of a violent act is a building or installation it hit ("bombed a
    drugstore in the port city"): that is its target, before an actor or place in an adjunct
    (``party_filter.struck_structure``)."""
    return (
        event_type in VIOLENT_TYPES
        and first is not None
        and (source is None or first.i != source.i)
        and struck_structure(first, "target")
    )


def _origin(token: Token) -> bool:
    """ "rockets fired from Gaza", "a drone launched from Lebanon": where an attack comes from,
    never whom it hits (an ASSAULT's "from" object was a gold target 0 times in 4 on the fit
    parts of RAMS, WikiEvents, MUC-4 and GVDB: ``tools/prep_target_counts.py``)."""
    return token.dep_ == "pobj" and token.head.dep_ == "prep" and token.head.lower_ == "from"


def _instrument(token: Token, lex: Lexicon) -> bool:
    """ "delivered a strike with two Iskander missiles on ...": the weapon an attack is made
    with, never whom it hits (RAMS's attack frame gives it the role instrument, apart from the
    target). Fit (``tools/prep_target_counts.py``): no verbal ASSAULT with such an object; the
    nominal "Assault with a Deadly Weapon" (GVDB, 2) took the weapon as its wrong target."""
    return (
        token.dep_ == "pobj"
        and token.head.dep_ == "prep"
        and token.head.lower_ == "with"
        and token.lemma_.lower() in lex.object_class_sets.get("arms", frozenset())
    )


def _without_places(
    candidates: list[tuple[Token, int]], lex: Lexicon
) -> tuple[list[tuple[Token, int]], set[int]]:
    """An attack's place is not whom it hit: a named place after "in"
    (``adjunct_places.locative``), as an adjunct of the verb ("bombs had gone off in Belfast")
    or of its object ("killed 40 insurgents in Ann Township", "bombed markets in Nyala"), is
    left out, and the object it is attached to takes its place (the object's span holds the
    place) unless it is an act itself ("the war in Iraq"). RAMS and WikiEvents code an attack's
    place and its target apart, and an ASSAULT keeps the rules' target
    (``target_choice.RULES_ONLY_TYPES``). A restriction's place stays its target ("ban voting
    in East Jerusalem": PLOVER's target). Returns the candidates and where in them an object
    was put (chosen there as a linked actor would be)."""
    out: list[tuple[Token, int]] = []
    placed: set[int] = set()
    for token, tier in candidates:
        if tier >= LINKED and locative(token):
            host = token.head.head
            if tier == LINKED and host.pos_ in ("NOUN", "PROPN") and not event_noun(host, lex):
                placed.add(len(out))
                out.append((host, LINKED))
            continue
        out.append((token, tier))
    return out, placed


def _clock_time(token: Token) -> bool:
    """ "opened fire at 22:40": a time of day, which the small model may tag a number, is
    never whom an act is aimed at (a CAMEO or PLOVER party is an actor)."""
    return CLOCK.fullmatch(token.text) is not None


def choose_target(
    candidates: list[tuple[Token, int]],
    source: Token | None,
    lex: Lexicon,
    actor_tokens: set[int],
    event_type: str | None = None,
    mode: str | None = None,
) -> Token | None:
    """The first object or object-linked candidate that can be an actor (a candidate's
    author, "Israeli air raids", right after it), else an actor in any prepositional phrase of
    the verb ("suspended military aid to Mali", "lifted restrictions on travel to Cuba": CAMEO
    codes whom the act is aimed at, not the thing moved), else the first strict candidate.
    For a thing given, lifted or imposed (``TRANSFER_TYPES``) the party it is for or goes to
    comes first (``_transfer_target``)."""
    candidates = [(t, tier) for t, tier in candidates if not _clock_time(t)]
    if event_type == "ASSAULT":
        candidates = [
            (t, tier) for t, tier in candidates if not _origin(t) and not _instrument(t, lex)
        ]
    first = next((t for t, tier in candidates if tier == STRICT), None)
    if event_type in TRANSFER_TYPES:
        found = _transfer_target(first, candidates, source, lex, actor_tokens, event_type)
        if found is not None:
            return found
    if _struck_object(first, source, event_type):
        return first
    expanded: list[tuple[Token, int]] = []
    for token, tier in candidates:
        expanded.append((token, tier))
        if not actor_like(token, lex, actor_tokens, event_type):
            author = author_of(token)
            if author is not None:
                expanded.append((author, LINKED))
    placed: set[int] = set()
    if event_type == "ASSAULT" or (event_type == "COERCE" and mode in SEIZING_MODES):
        expanded, placed = _without_places(expanded, lex)
    usable = [(t, tier) for t, tier in expanded if not same_token(t, source)]
    for i, (token, tier) in enumerate(expanded):
        if same_token(token, source):
            continue
        if tier <= LINKED and (actor_like(token, lex, actor_tokens, event_type) or i in placed):
            return token
    for token, tier in usable:
        # a bare place in an adjunct ("in the Jordan Valley") does not outrank the object
        if actor_like(token, lex, actor_tokens, event_type) and not (
            tier == GENERIC and token.ent_type_ in ("LOC", "FAC")
        ):
            return token
    for token, tier in usable:
        if tier == STRICT:
            return token
    for token, _tier in usable:
        if actor_like(token, lex, actor_tokens, event_type):
            return token
    return None
