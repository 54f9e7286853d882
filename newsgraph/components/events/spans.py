"""The text an event records for its source or target: the whole argument noun phrase.

CAMEO codes the actor noun phrase, and coders mark it whole (the ConfliBERT CAMEO token file's
``S``/``T`` spans, see docs/events.md): "A court in Bishkek", "Mohammad Radmanish, an Afghan
defence spokesperson", "Hackers linked to the Iranian government", "the Nigerian Air Force
(NAF)". ``phrase_bounds`` (roles) keeps the narrow phrase that names the actor; the actor, the
merge key and the place are read from it, so a longer recorded phrase never changes who acts.
"""

from __future__ import annotations

from spacy.tokens import Token

from ..quotes.spans import phrase_run
from ..tokens import has_head
from .lexicon import load_lexicon
from .roles import NOMINAL_POS, is_charge_phrase, main_verb_read_as_participle, phrase_bounds
from .triggers import PLACE_ENTITY_LABELS, lexicon_verb_keys, noun_sense

# a right-hand child that ends the phrase: a relative clause ("a businessman who lived in
# Boston" is coded "businessman"), a clause or adverbial of the verb the parser hung there
PHRASE_ENDS = frozenset({"relcl", "advcl", "ccomp", "parataxis", "mark", "dep", "npadvmod"})
# an owner read as the actor of the noun phrase it modifies ("rejected Trump's decision": the
# actor is Trump, the coded phrase "Trump's decision")
OWNER_DEPS = frozenset({"poss", "amod", "compound", "nmod"})
OPENING = {")": "(", "]": "["}
# prepositional tails kept in the phrase ("leader of X", "a court in Bishkek", "officials from
# Kansas", "ambassador to Bahrain"); not "on" ("sanctions on Iran": Iran is the target). Each
# choice by ConfliBERT CAMEO fit counts (docs/events.md)
PHRASE_PREPS = frozenset({"of", "in", "from", "at", "for", "with", "to", "against", "by"})


TIME_ENTS = frozenset({"DATE", "TIME"})
# the events lexicon's object classes that name groups of people (not bodies, places or
# things: "the government in a statement", "a target in X with artillery")
GROUP_CLASSES = ("people", "troops")
# prepositions that open an adjunct of the clause, not a part of the actor's phrase
ADJUNCT_PREPS = frozenset({"during", "including", "despite", "after", "before", "since"})


# names of things, places and bodies: what follows them after a comma describes them
# ("Haifa, Israel's third largest city"); a person's title stays ("Tantan, the Minister of
# Interior")
DESCRIBED_ENTS = frozenset({"GPE", "LOC", "FAC", "ORG", "NORP", "PRODUCT", "LAW", "EVENT"})
# a modifier that places a noun: a country, region or nationality ("the Chinese ambassador")
PLACING_ENTS = frozenset({"GPE", "NORP", "LOC"})


def _after_comma(c: Token) -> bool:
    first = c.left_edge
    return first.i > 0 and first.nbor(-1).text == ","


def _target_description(c: Token) -> bool:
    """A target's comma-set description, which CAMEO coders leave out of the target: a
    participle ("Razan Ghazzawi, arrested last week") or what a named place or body is
    ("the Iraq Humanitarian Fund, a pooled fund managed by ...")."""
    if not _after_comma(c):
        return False
    if c.dep_ == "acl":
        return True
    head = c.head
    return c.dep_ == "appos" and c.pos_ != "PROPN" and head.ent_type_ in DESCRIBED_ENTS


def _placed(noun: Token) -> bool:
    """The noun already says whose or where it is: an owner ("Germany's envoy") or a place or
    nationality before it ("the Chinese ambassador", "Ukrainian forces")."""
    return any(
        c.dep_ == "poss" or (c.dep_ in OWNER_DEPS and c.ent_type_ in PLACING_ENTS)
        for c in noun.lefts
    )


def _target_place_tail(c: Token) -> bool:
    """An "in" place after a target noun that already says whose or where it is, which CAMEO
    coders leave out ("the Chinese ambassador *in Berlin*", "Ukrainian forces *in the
    Crimea*"); they keep it after a bare noun ("a police headquarters in eastern X").
    ConfliBERT CAMEO fit targets with an "in" tail: placed head 8 left out / 1 kept, other
    heads 1 / 12 (docs/events.md)."""
    return c.dep_ == "prep" and c.lower_ == "in" and _placed(c.head)


# participles that name, place or affiliate a body rather than tell what was done to it ("the
# group known as X", "forces based in Y", "ships linked to X": CAMEO codes an actor by its
# affiliation): kept in a target's phrase without an agent
DESCRIBING_PARTICIPLES = frozenset(
    {"know", "base", "call", "name", "dub", "locate", "station", "link", "affiliate"}
)


def _agentless_participle(c: Token) -> bool:
    """A participle after a target's head that names no agent, which CAMEO coders leave out
    ("Utah man *held in jail*", "asylum seekers *registered with the UN*", "the offer
    *proposed in late February*"); with its agent they keep it ("the proposal *submitted by
    X*"). ConfliBERT CAMEO fit targets, a past participle after the top word: with an agent
    kept 5 / left out 0; without one 2 / 5, the 2 naming or placing the body ("known as",
    "based in"; docs/events.md)."""
    return (
        c.dep_ == "acl"
        and c.tag_ == "VBN"
        and c.head.pos_ != "NUM"  # "received 56 wounded": the participle is the noun
        and not any(g.dep_ == "agent" for g in c.children)
        and c.lemma_.lower() not in DESCRIBING_PARTICIPLES
    )


def _coded_target_cut(c: Token) -> bool:
    """A right-hand child where the coders end a target's phrase though its reach goes on."""
    return _target_place_tail(c) or _agentless_participle(c)


def _message_content(c: Token) -> bool:
    """What a call, request or offer is for: its content, which CAMEO coders leave out of the
    phrase as they do a "to" or "that" clause ("U.S. calls *for a ceasefire*", "the
    government's request *for revocation of* ..."; ConfliBERT fit targets: left out 2 of 2)."""
    return (
        c.dep_ == "prep"
        and c.lower_ == "for"
        and c.head.lemma_.lower() in load_lexicon().message_nouns
    )


def _ends_phrase(c: Token, with_conj: bool, target: bool = False, coded: bool = True) -> bool:
    if c.dep_ in PHRASE_ENDS or c.dep_ == "advmod":
        return True
    if target and (_target_description(c) or (coded and _coded_target_cut(c))):
        return True
    if main_verb_read_as_participle(c):
        return True  # "Trump called Erdogan": the sentence's verb, not a participle
    if c.dep_ not in ("acl", "conj") and c.pos_ in ("VERB", "AUX"):
        return True  # a verb the parser hung on the noun ("Trump called Erdogan and urged")
    if c.dep_ == "prep" and (
        c.lower_ in ADJUNCT_PREPS
        or c.lower_ not in PHRASE_PREPS
        or any(g.ent_type_ in TIME_ENTS for g in c.children)
    ):
        return True  # "on Monday", "during a briefing", "including ..."
    if c.dep_ in ("conj", "cc", "preconj") and not with_conj:
        return True
    if c.dep_ == "acl" and (c.tag_ == "VB" or any(g.dep_ == "mark" for g in c.children)):
        return True  # "Trump's decision to recognise ...", "the claim that ...": its content
    if _message_content(c):
        return True
    # "the junta of bombing a monastery", "accused X of committing": an act, not a phrase
    return c.dep_ == "prep" and (any(g.dep_ == "pcomp" for g in c.children) or is_charge_phrase(c))


def _trim(token: Token, start: int, end: int) -> tuple[int, int]:
    """Edge punctuation off, unless it closes a bracket the phrase opened ("(NAF)"), which is
    taken in where the parse hung it on another word."""
    doc = token.doc
    while end - 1 > token.i and doc[end - 1].is_punct:
        last = doc[end - 1].text
        if last in OPENING and any(t.text == OPENING[last] for t in doc[start : end - 1]):
            break
        end -= 1
    if end < len(doc) and doc[end].text in OPENING:
        inside = [t.text for t in doc[start:end]]
        if inside.count(OPENING[doc[end].text]) > inside.count(doc[end].text):
            end += 1  # a bracket the phrase opened, hung on another word: "(NCR)"
    while start < token.i and doc[start].is_punct:
        start += 1
    return start, end


def full_phrase_bounds(
    token: Token, with_conj: bool = False, target: bool = False, coded: bool = True
) -> tuple[int, int]:
    """Token range [start, end) of the whole noun phrase headed by ``token``: the narrow phrase,
    then its right-hand modifiers (appositions, bracketed abbreviations, prepositional and
    participial phrases) up to a relative clause or (without ``with_conj``) a conjunct. With
    ``coded`` (the recorded phrase) the coders' further cuts apply: a placed target's "in"
    place, a relative clause at any depth, a word outside the subtree; without it the reach of
    the phrase, which decides whose phrase is recorded (``recorded_bounds``)."""
    start, reach_end, coded_end = _walk_rights(token, with_conj, target)
    return _coded_bounds(token, start, coded_end) if coded else _trim(token, start, reach_end)


def _walk_rights(token: Token, with_conj: bool, target: bool) -> tuple[int, int, int]:
    """The narrow phrase's start, and its end after the right-hand modifiers without and with
    the coders' cuts, from one walk: the coded phrase stops where the reach does, and also at
    a placed target's "in" place or an agentless participle (``_coded_target_cut``), after
    which only the reach grows."""
    start, end = phrase_bounds(token, with_conj)
    reach_end = coded_end = end
    coding = True
    for c in token.rights:
        if _ends_phrase(c, with_conj, target, coded=False):
            break
        coding = coding and not (target and _coded_target_cut(c))
        reach_end = max(reach_end, c.right_edge.i + 1)
        if coding:
            coded_end = reach_end
    return start, reach_end, coded_end


def _coded_bounds(token: Token, start: int, end: int) -> tuple[int, int]:
    """The coders' further cuts of a walked phrase: a word outside the subtree, a relative
    clause at any depth, edge punctuation."""
    low, high = phrase_run(token)  # a phrase never runs across a word outside its subtree
    end = min(_before_relative_clause(token, end), _before_aside(token, end), high + 1)
    return _trim(token, max(start, low), end)


def _before_aside(token: Token, end: int) -> int:
    """The phrase's end cut before an aside at any depth that the coders leave out of a
    party's phrase: an "including" list ("proposals laid out ... as part of a new
    Constitution*, including clauses ...*"), a speech participle ("defended Colombia's actions
    *saying the rebels ...*") and a name the parser hung in apposition that is the subject of
    a following speech verb ("troops from Syria*, Defence Minister Sergei Shoigu* said").
    ConfliBERT CAMEO fit gold sources and targets followed by such a word: "including" left
    out 4 of 4, "saying" / "arguing" 6 of 6, ", <name> said" 2 of 2; none kept
    (docs/events.md, session 22)."""
    doc = token.doc
    cuts = [t.i for t in doc[token.i + 1 : end] if t.lower_ == "including" and t.dep_ == "prep"]
    cuts += [t.left_edge.i for t in doc[token.i + 1 : end] if _speech_participle(t)]
    cuts += [cut for t in doc[token.i + 1 : end] if (cut := _speaker_start(t)) is not None]
    return min([end, *cuts])


def _speech_participle(t: Token) -> bool:
    """ "defended Colombia's actions *saying* the rebels ...": what is said, not the party."""
    return (
        t.dep_ in ("acl", "advcl")
        and t.tag_ == "VBG"
        and t.lemma_.lower() in load_lexicon().speech_verbs
    )


def _speaker_start(appos: Token) -> int | None:
    """Where a speaker the parser hung on a noun as its apposition starts: a named person (no
    list of its own) right before a speech verb that has no subject of its own ("from
    Syria*, Defence Minister Sergei Shoigu* said"), with the appositions of the same noun that
    run on to it ("*, the spokesman of the Armed Forces, Brigadier General X,* said"); None for
    any other word."""
    if (
        appos.dep_ != "appos"
        or appos.ent_type_ != "PERSON"
        or any(c.dep_ in ("conj", "appos") for c in appos.children)  # a list runs on past it
    ):
        return None
    doc = appos.doc
    after = appos.right_edge.i + 1
    while after < len(doc) and doc[after].is_punct:
        after += 1
    verb = doc[after] if after < len(doc) else None
    if (
        verb is None
        or verb.pos_ != "VERB"
        or verb.lemma_.lower() not in load_lexicon().speech_verbs
        or any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children)
    ):
        return None
    start = appos.left_edge.i
    earlier = [c for c in appos.head.children if c.dep_ == "appos" and appos.head.i < c.i < appos.i]
    for c in reversed(earlier):
        if not all(t.is_punct for t in doc[c.right_edge.i + 1 : start]):
            break
        start = c.left_edge.i
    return start


def _before_relative_clause(token: Token, end: int) -> int:
    """The phrase's end cut before a relative clause at any depth, which the coders leave out
    as they do after the head ("the head of the council *who told ...*", "a unit of the
    company *that was accused ...*"; ConfliBERT CAMEO fit: relative clauses kept 0 / left out
    13, docs/events.md)."""
    doc = token.doc
    return min([end, *(t.left_edge.i for t in doc[token.i + 1 : end] if t.dep_ == "relcl")])


def _with_place_after(head: Token, end: int) -> int:
    """A target phrase taken on through an "in" place right after it that the parser hung on
    the verb or the event noun ("stormed a police headquarters *in eastern X*", "strikes
    against Islamic State *in Syria*"): the coders keep it as they keep such a place hung on
    the noun (ConfliBERT CAMEO fit targets, an adjacent "in" place hung elsewhere: kept 9,
    left out 1, the one a person's meeting place; docs/events.md); after a group of people
    also an "in" phrase naming no place entity (``_locates_group``). Not after a person or a
    head already placed (``_target_place_tail``)."""
    doc = head.doc
    if end >= len(doc) or head.ent_type_ == "PERSON" or _placed(head):
        return end
    prep = doc[end]
    if prep.lower_ != "in" or prep.dep_ != "prep" or prep.head.i == head.i:
        return end
    if prep.i in {t.i for t in head.subtree} or prep.head.i in range(head.left_edge.i, end):
        return end  # hung inside the phrase: the walk already decided it
    place = next((c for c in prep.children if c.dep_ == "pobj"), None)
    if place is None or not (place.ent_type_ in PLACE_ENTITY_LABELS or _locates_group(head, place)):
        return end
    return _before_relative_clause(place, place.right_edge.i + 1)


def _locates_group(head: Token, obj: Token) -> bool:
    """An "in" phrase hung on the verb that says where or which a group of people is, after a
    bare common noun naming one ("to help people *in need of assistance*", "the demands by
    protesters *in the southeast of the country*", "the police *in X*" with X no entity): the
    coders keep it (ConfliBERT CAMEO fit targets, a bare group noun with an adjacent "in"
    phrase hung elsewhere that is no time and no act: kept 5, left out 0; docs/events.md,
    session 16). Not a time ("in recent weeks"), an act or message ("in the march", "in a
    statement"), nor an indefinite thing, which tells the occasion, not the place ("convicted
    45 members *in a mass trial*", "*in an attempt to*": every such phrase in the fit count is
    left out)."""
    lex = load_lexicon()
    lemma = head.lemma_.lower()
    return (
        head.pos_ == "NOUN"
        and any(lemma in lex.object_class_sets.get(cls, ()) for cls in GROUP_CLASSES)
        and not any(t.ent_type_ in TIME_ENTS for t in obj.subtree)
        and not any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in obj.children)
        and not _acts(obj)
    )


def _a_meeting(anchor: Token | None) -> bool:
    """The trigger, or the noun a support verb takes, is a meeting or visit (CONSULT): an "in"
    place after whom one meets is where they meet ("met the envoy *in Paris*", "held talks
    with the envoy *in Paris*")."""
    if anchor is None:
        return False
    lex = load_lexicon()
    senses = [lex.verbs.get(key) for key in lexicon_verb_keys(anchor, lex)]
    nouns = [anchor, *(c for c in anchor.children if c.dep_ == "dobj")]
    senses += [noun_sense(noun, lex) for noun in nouns]
    return any(s is not None and s.type == "CONSULT" for s in senses)


def owner_head(token: Token) -> Token | None:
    """The noun whose phrase an owner token belongs to ("Trump" in "Trump's decision",
    "Egyptian" in "Egyptian agricultural products", "the peacekeepers" in "some of the
    peacekeepers", "Georgia" in "the government websites of Georgia"); None for a head noun."""
    head = token.head
    if token.dep_ in OWNER_DEPS and has_head(token) and head.pos_ in NOMINAL_POS:
        return head
    if token.dep_ == "pobj" and head.lower_ == "of" and head.dep_ == "prep":
        noun = head.head
        if noun.i != head.i and noun.pos_ in NOMINAL_POS | {"DET", "ADJ"} and not _acts(noun):
            return noun
    return None


def _acts(noun: Token) -> bool:
    """An event or message noun: in "the blockade of Qatar", "accusations of X" the coder
    marks X alone."""
    lex = load_lexicon()
    return noun_sense(noun, lex) is not None or noun.lemma_.lower() in lex.message_nouns


def recorded_bounds(
    token: Token, with_conj: bool = False, anchor: Token | None = None, target: bool = False
) -> tuple[int, int]:
    """The phrase an event records for the argument ``token``: the whole phrase of the noun it
    heads, or of the noun it owns; never one holding the event's trigger ``anchor``
    ("Hezbollah's rocket fire": the source stays "Hezbollah's")."""
    for head in (*_owners(token), token):
        start, reach_end, coded_end = _walk_rights(head, with_conj, target)
        reach = _trim(head, start, reach_end)
        if anchor is None or not reach[0] <= anchor.i < reach[1]:
            start, end = _coded_bounds(head, start, coded_end)
            if target:
                # the meeting test reads the lexicon: only where a place would join
                placed_end = _with_place_after(head, end)
                if placed_end != end and not _a_meeting(anchor):
                    end = placed_end
            return _without_edge_space(token, start, end)
    return _without_edge_space(token, *phrase_bounds(token, with_conj))


def _owners(token: Token) -> list[Token]:
    """The nouns whose phrases ``token`` belongs to, outermost first: its owner
    (``owner_head``), and where that owner is itself a possessor, the noun it owns ("Afghan"
    in "the Afghan government's dialogue offer": the offer, then the government), so that
    a phrase never ends on a possessive ending while the noun it owns is no part of the
    event. ConfliBERT CAMEO fit: gold targets ending in a possessive 1 of 464 sentences;
    a message noun with a possessor coded whole 11, the possessor alone 1 (docs/events.md,
    session 22)."""
    owners: list[Token] = []
    owner = owner_head(token)
    while owner is not None and len(owners) < 3:
        owners.insert(0, owner)
        owner = owner_head(owner) if owner.dep_ == "poss" else None
    return owners


def _without_edge_space(token: Token, start: int, end: int) -> tuple[int, int]:
    """The range without the whitespace tokens spaCy hangs on a phrase's word (a paragraph
    break before a sentence's subject, a no-break space after a noun): an evidence span
    starts and ends on words."""
    doc = token.doc
    while start < token.i and doc[start].is_space:
        start += 1
    while end - 1 > token.i and (doc[end - 1].is_space or doc[end - 1].text == ","):
        end -= 1
    return start, end
