"""Dependency walks for events: subjects, objects, actor phrases, clauses, negation, modality.

Small local walks over spaCy's parse (heads and children of one token), never over the whole
document, so the events component stays cheap.
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Token

from ..tokens import has_head
from .lexicon import Lexicon, load_lexicon
from .token_memo import remembered, remembered_token

CLAUSAL = frozenset({"ccomp", "advcl", "relcl", "parataxis", "csubj", "xcomp", "conj", "acl"})
RELATIVE_PRONOUNS = frozenset({"who", "which", "that", "whom"})
SUBJECT_DEPS = ("nsubj", "nsubjpass", "csubj")
NOMINAL_POS = frozenset({"NOUN", "PROPN", "PRON", "NUM"})
# a gerund after these prepositions is done by the clause's subject, never its object
# ("X threatened Y by vowing to ...", "X hit Y after warning ..."), unlike "accused Y of doing"
SUBJECT_CONTROL_PREPS = frozenset({"by", "after", "before", "while", "without", "despite"})


def is_verbal(token: Token) -> bool:
    return token.pos_ in ("VERB", "AUX") or token.tag_.startswith("VB")


def is_passive(verb: Token) -> bool:
    return remembered(_is_passive, verb)


def _is_passive(verb: Token) -> bool:
    return (
        any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)
        or participle_modifier(verb)
        or _has(verb, "agent")
        or _participle_complement(verb)
        or _passive_conjunct(verb)
        or gapped_passive_conjunct(verb)
        or _found_in_state(verb)
        or headline_passive(verb)
    )


def participle_modifier(verb: Token) -> bool:
    """ "the soldiers killed in the raid", "a police officer gunned down by the suspects": a
    past participle modifying a noun is passive, and so is one the tagger read as a past tense
    (VBD) there, which has no subject, object or auxiliary of its own."""
    if verb.dep_ not in ("acl", "relcl") or _has(verb, "aux"):
        return False
    if verb.tag_ == "VBN":
        return not main_verb_read_as_participle(verb)
    return (
        verb.tag_ == "VBD"
        and verb.head.pos_ in NOMINAL_POS
        and not any(c.dep_ in ("nsubj", "nsubjpass", "dobj") for c in verb.children)
    )


def _passive_conjunct(verb: Token) -> bool:
    """ "X was killed and decapitated", "can be jailed or exterminated": a bare past participle
    conjoined to a passive verb shares its voice (and its patient: ``passive_patient``)."""
    return (
        verb.tag_ == "VBN"
        and verb.dep_ == "conj"
        and has_head(verb)
        and not any(c.dep_ in ("aux", "nsubj", "nsubjpass", "dobj") for c in verb.children)
        and is_passive(verb.head)
    )


# subjects that count people: "eight others", "another", "more than 30"
COUNT_WORDS = frozenset({"others", "another"})


def gapped_passive_conjunct(verb: Token) -> bool:
    """ "nine were killed and 30 others wounded": a participle with a subject of its own,
    conjoined to a passive verb, shares its auxiliary, so its subject is its patient, not its
    doer (fit: 5 such casualty conjuncts in WikiEvents and MUC-4, each subject a victim; the
    tagger reads some as a past tense, taken then only when the subject is a count)."""
    subject = child(verb, "nsubj")
    if subject is None or verb.dep_ != "conj" or verb.head is verb:
        return False
    counted = subject.like_num or subject.lower_ in COUNT_WORDS or _has(subject, "nummod")
    return (
        (verb.tag_ == "VBN" or (verb.tag_ == "VBD" and counted))
        and not any(c.dep_ in ("aux", "auxpass", "dobj") for c in verb.children)
        and is_passive(verb.head)
    )


def _participle_complement(verb: Token) -> bool:
    """ "was found shot", "left wounded": a bare past participle completing another verb is
    passive (no auxiliary, no subject of its own)."""
    return (
        verb.tag_ == "VBN"
        and verb.dep_ in ("xcomp", "oprd")
        and not any(c.dep_ in ("aux", "nsubj", "dobj") for c in verb.children)
    )


# verbs whose object a bare participle after it describes ("found X shot", "left X wounded")
FINDING_VERBS = frozenset({"find", "discover", "leave"})
# acts whose bare past form has an object when done: "found X shot in the head" is X's state
# (GVDB fit: "found/find X shot" 4 times, each X the victim and read as the shooter before)
TRANSITIVE_HARM = frozenset({"shoot", "stab", "wound", "kill", "injure", "beat"})


def _found_in_state(verb: Token) -> bool:
    """ "they found X shot in the street": the parser makes X the subject of a clause "X shot";
    a past form of a harm with no object, auxiliary, "that" or "at" under a verb of finding
    is the state X was found in, passive, with X its patient."""
    return (
        verb.tag_ in ("VBD", "VBN")
        and verb.dep_ in ("ccomp", "xcomp", "oprd")
        and verb.lemma_.lower() in TRANSITIVE_HARM
        and verb.head.lemma_.lower() in FINDING_VERBS
        and _has(verb, "nsubj")
        and not any(
            c.dep_ in ("aux", "auxpass", "dobj", "mark", "nsubjpass", "dative")
            or (c.dep_ == "prep" and c.lower_ in ("at", "on"))
            for c in verb.children
        )
    )


def headline_passive(verb: Token) -> bool:
    """ "Man shot in leg outside bakery", "Teen shot, killed while walking home": a headline
    drops the auxiliary. A past form of a harm with no object, auxiliary or "at" next to it,
    whose subject is a bare word for one person (no article or possessive: ``one_person``), is
    passive, its subject the one hurt (GVDB fit: 32 such clauses, each naming the one shot, most
    read as the shooter before; "Suspect shot victim", "Man shoots wife" keep their doer)."""
    subject = child(verb, "nsubj")
    return (
        subject is not None
        and verb.tag_ in ("VBD", "VBN")
        and verb.lemma_.lower() in TRANSITIVE_HARM
        and not any(c.dep_ in ("det", "poss") for c in subject.children)
        and subject.lemma_.lower() in load_lexicon().magnitude.get("one_person", ())
        and not any(
            c.dep_ in ("aux", "auxpass", "dobj", "mark", "nsubjpass", "dative")
            or (c.dep_ == "prep" and c.lower_ == "at" and c.i == verb.i + 1)  # "shot at police"
            for c in verb.children
        )
    )


def controlled_patient(verb: Token) -> Token | None:
    """Who undergoes a subjectless passive clause: the subject of the verb it completes or
    modifies ("X died after being shot", "X was found shot", "X was hospitalized after being
    shot": X was shot)."""
    if any(c.dep_ in SUBJECT_DEPS for c in verb.children):
        return None
    head = verb.head
    if verb.dep_ == "pcomp" and head.dep_ == "prep":
        head = head.head
    elif verb.dep_ not in ("xcomp", "oprd", "advcl"):
        return None
    if head.i == verb.i or not is_verbal(head):
        return None
    return child(head, "nsubj", "nsubjpass")


def main_verb_read_as_participle(verb: Token) -> bool:
    """ "The Iraqi air force carried out strikes": the parser hung the sentence's verb on its
    subject as a participle (the noun is the sentence's root). A passive participle takes no
    direct object, so this one is active and the noun is its subject."""
    head = verb.head
    return (
        verb.dep_ == "acl"
        and head.dep_ == "ROOT"
        and head.pos_ in ("NOUN", "PROPN")
        and head.i < verb.i
        and _has(verb, "dobj")
    )


def _acronym(token: Token) -> bool:
    return token.is_alpha and token.is_upper and len(token) >= 2


def misparsed_subject(verb: Token, actor_tokens: set[int] | frozenset[int]) -> Token | None:
    """ "USAID provided shelter": a subjectless verb whose first left dependent the parser took
    for an adverb or adverbial noun, but which an actor mention covers (actors component):
    the subject the parser missed (an acronym is never an adverb)."""
    if any(c.dep_ in ("nsubj", "nsubjpass", "csubj") for c in verb.children):
        return None
    first = next(iter(verb.lefts), None)
    if (
        first is not None
        and first.dep_ in ("advmod", "npadvmod", "nmod", "dep")
        and (first.i in actor_tokens or _acronym(first))
        and (first.is_title or first.is_upper)
    ):
        return first
    return None


def _has(token: Token, dep: str) -> bool:
    return any(c.dep_ == dep for c in token.children)


def child(token: Token, *deps: str) -> Token | None:
    for c in token.children:
        if c.dep_ in deps:
            return c
    return None


def prep_objects(token: Token, preps: tuple[str, ...] | frozenset[str]) -> Iterator[Token]:
    """Objects of the prepositions ``preps`` attached to ``token``, in text order."""
    for c in token.children:
        # a particle with an object of its own is a preposition the parser misread ("was put
        # on heightened alert": "on" a particle, "alert" its object); ``particle_object``
        # takes the other misreading, where the verb got the object
        if c.dep_ in ("prep", "agent", "dative", "prt") and c.lower_ in preps:
            obj = child(c, "pobj", "pcomp")
            if obj is not None:
                yield obj
        elif c.dep_ == "prep" and c.lower_ == "out":  # "out of Syria": the object of "of"
            yield from prep_objects(c, tuple(p for p in preps if p == "of"))


def particle_object(verb: Token, prep: str) -> list[Token]:
    """The object of a preposition the parser read as the verb's particle and whose object it
    made the verb's ("was put on heightened alert": "on" a particle, "alert" the object). The
    other misreading, a particle keeping its object, is ``prep_objects``'; a phrase's object
    may come by either parse, so a caller asks both (``detect``)."""
    if not any(c.dep_ == "prt" and c.lower_ == prep for c in verb.children):
        return []
    obj = child(verb, "dobj")
    return [obj] if obj is not None else []


def agent_of(verb: Token) -> Token | None:
    """The ``by`` agent of a passive verb, or the one its passive conjuncts share ("were
    beaten and robbed by the militia": the parser hangs the agent on the last conjunct)."""
    for c in verb.children:
        if c.dep_ == "agent" or (c.dep_ == "prep" and c.lower_ == "by"):
            obj = child(c, "pobj")
            if obj is not None:
                return obj
    for c in verb.children:
        if c.dep_ == "conj" and _passive_conjunct(c):
            return agent_of(c)
    return None


def subject_of(verb: Token, depth: int = 0) -> Token | None:
    """The doer of ``verb``: its subject, the agent of a passive, or the subject it inherits
    from the verb it depends on ("threatened to strike", "attacked ..., killing")."""
    if depth == 0:  # a deeper call's answer may be cut short by the depth limit: not kept
        return remembered_token(_subject_of, verb)
    return _subject_of(verb, depth)


def _subject_of(verb: Token, depth: int = 0) -> Token | None:
    if depth > 4:
        return None
    if is_passive(verb):
        agent = agent_of(verb)
        if agent is not None:
            return agent
        if gapped_passive_conjunct(verb):
            return agent_of(verb.head)  # its subject is its patient
    if _found_in_state(verb) or headline_passive(verb):
        return None  # "found X shot", "Man shot in Y": X is the one shot
    subj = child(verb, "nsubj", "csubj")
    if subj is not None and subj.like_num and not _has(subj, "prep"):
        return None  # "two were killed and 18 wounded": a count of victims, not a doer
    if subj is not None:
        if subj.lower_ in RELATIVE_PRONOUNS and verb.dep_ == "relcl":
            return verb.head
        return subj
    if is_passive(verb):
        return None
    head = verb.head
    if verb.dep_ == "xcomp" and head.pos_ == "ADJ" and head.dep_ in ("acomp", "oprd"):
        # "Australia is willing to withdraw": the copula's subject controls the infinitive
        return subject_of(head.head, depth + 1) if is_verbal(head.head) else None
    if verb.dep_ in ("xcomp", "advcl", "conj", "pcomp") and has_head(verb):
        if verb.dep_ == "pcomp" and head.lower_ in SUBJECT_CONTROL_PREPS:
            # "threatened critics by vowing to ...": the means is the subject's act
            return subject_of(head.head, depth + 1) if is_verbal(head.head) else None
        if verb.dep_ == "pcomp":  # "accused X of committing": the accused commits
            if head.head.dep_ == "dobj" and head.head.pos_ in NOMINAL_POS:
                return head.head  # the parser hung "of" on the object itself
            obj = child(head.head, "dobj") if has_head(head) else None
            if obj is not None:
                return obj
            return subject_of(head.head, depth + 1) if is_verbal(head.head) else None
        if verb.dep_ in ("xcomp", "advcl") and is_verbal(head):
            controller = _object_controller(head, verb)
            if controller is not None:  # "urged Israel to halt", "called on Rwanda to withdraw"
                return controller
        if is_verbal(head):
            return subject_of(head, depth + 1)
    if verb.dep_ in ("acl", "relcl") and head.pos_ in NOMINAL_POS:
        # "a declaration demanding ...": the declarer, i.e. whoever issued the noun
        if head.dep_ in ("dobj", "pobj") and is_verbal(head.head) and head.dep_ == "dobj":
            return subject_of(head.head, depth + 1)
        return head
    return None


def _object_controller(head: Token, xcomp: Token) -> Token | None:
    """Who does what a verb asks of someone: its object before the complement ("urged
    Israel to halt"), or the object of "on" after an appeal ("called on Rwanda to withdraw")."""
    for c in head.children:
        if c.i > xcomp.i:
            break
        if c.dep_ == "dobj" and xcomp.dep_ == "xcomp":  # an advcl's object: "hit X to stop Y"
            return c
        if c.dep_ == "prep" and c.lower_ in ("on", "upon") and c.i == head.i + 1:
            pobj = child(c, "pobj")
            if pobj is not None:
                return pobj
    return None


def passive_patient(verb: Token) -> Token | None:
    subj = child(verb, "nsubjpass")
    if subj is not None:
        if subj.lower_ in RELATIVE_PRONOUNS and verb.dep_ == "relcl":
            return verb.head
        return subj
    if gapped_passive_conjunct(verb):
        return child(verb, "nsubj")
    if participle_modifier(verb) and verb.head.pos_ in NOMINAL_POS:
        return verb.head
    if _passive_conjunct(verb):
        return passive_patient(verb.head)
    if _found_in_state(verb) or headline_passive(verb):
        return child(verb, "nsubj")
    return controlled_patient(verb)


def counted_in_phrase(verb: Token, phrase_object: Token, where: str) -> Token | None:
    """The people a casualty phrase counts: the object of the preposition ``where`` on the
    phrase's object ("took the lives of 12 people"), or with ``where`` "subject" the verb's
    subject ("seven civilians lost their lives"; "people who lost their lives": the noun the
    relative clause hangs on); with ``where`` "of_or_object" the "of" object, else the phrase's
    object itself ("the bodies of eight people were found", "17 bodies were recovered")."""
    if where == "of_or_object":
        return next(prep_objects(phrase_object, ("of",)), phrase_object)
    if where != "subject":
        return next(prep_objects(phrase_object, (where,)), None)
    subj = child(verb, "nsubj")
    if subj is not None and subj.lower_ in RELATIVE_PRONOUNS and verb.dep_ == "relcl":
        return verb.head
    return subj


def direct_object(verb: Token) -> Token | None:
    """The verb's object: the thing given, not the recipient, when it has both ("gave the
    rebels an ultimatum" is a threat by what was given; the recipient is a target candidate
    of its own as the dative)."""
    return child(verb, "dobj") or child(verb, "dative", "iobj")


def names_a_proposition(token: Token) -> bool:
    """ "that means organizing", "said that plans to ...": a bare "that" or "this" outside a
    relative clause stands for what was said or done (or is a complementizer the parser took
    for a subject), never for an actor."""
    return (
        token.lower_ in ("that", "this")
        and not any(token.children)
        and not (token.head.dep_ == "relcl" and token.tag_ == "WDT")
    )


def coordinated(token: Token) -> list[Token]:
    """``token`` and its conjuncts ("Israel and the US")."""
    out = [token]
    for c in token.children:
        if c.dep_ == "conj" and c.pos_ in NOMINAL_POS:
            out.extend(coordinated(c))
    return out


def phrase_bounds(token: Token, with_conj: bool = False) -> tuple[int, int]:
    """Token range [start, end) of the noun phrase headed by ``token``: its left modifiers, the
    head, and an "of" phrase ("members of the group"); conjuncts only when asked."""
    start = token.left_edge.i
    end = token.i + 1
    for c in token.rights:
        if (
            # "members of the group", not "the junta of bombing a monastery" (an act) nor
            # "accused the diplomat of spying" (the charge)
            (
                c.dep_ == "prep"
                and c.lower_ == "of"
                and not _has(c, "pcomp")
                and not is_charge_phrase(c)
            )
            or c.dep_ in ("compound", "flat", "nummod", "case")
            or (c.dep_ == "punct" and c.text == "-")
        ):
            end = max(end, c.right_edge.i + 1)
        elif with_conj and c.dep_ == "conj":
            end = max(end, phrase_bounds(c, True)[1])
    doc = token.doc
    # a leading comma or quote never belongs to an actor phrase, nor a verb the parser took
    # for an adjective ("denied attacking civilians"); a conjunct read alone leaves out the
    # "both" / "either" of its coordination ("against both Libya and Iraq": Libya, Iraq;
    # ConfliBERT CAMEO fit gold: split conjuncts without it 2 of 2, a joined phrase keeps it 1)
    while start < token.i and (
        doc[start].is_punct
        or (doc[start].dep_ == "amod" and doc[start].tag_ == "VBG" and start == token.left_edge.i)
        or (not with_conj and _coordinating_word(doc[start], token))
    ):
        start += 1
    return start, end


COORDINATING_WORDS = frozenset({"both", "either", "neither"})


def _coordinating_word(word: Token, head: Token) -> bool:
    """ "both" in "both Libya and Iraq" (a preconj, or a det the parser hung on the first
    conjunct): it belongs to the coordination, not to the first conjunct alone."""
    return (
        word.lower_ in COORDINATING_WORDS
        and word.dep_ in ("preconj", "det")
        and any(c.dep_ == "conj" for c in head.children)
    )


def is_charge_phrase(prep: Token) -> bool:
    """The "of" phrase of an accusation that the parser hung on the accused ("accused the army
    of mass slaughter", "of spying"): the charge, no part of the accused's phrase (CAMEO 112
    accuse; ConfliBERT CAMEO fit: 2 such objects, and where the accusation is the coded event
    its target is the accused alone). Only under a verb that states a charge (an ACCUSE that
    embeds one: accuse, blame, charge, allege), and only when the phrase names no actor
    ("accused the leaders of the militia")."""
    accused, verb = prep.head, prep.head.head
    if prep.lower_ != "of" or accused.dep_ not in ("dobj", "nsubjpass") or verb.pos_ != "VERB":
        return False
    lex = load_lexicon()
    sense = lex.verbs.get(verb.lemma_.lower())
    if sense is None or sense.type != "ACCUSE" or not sense.embeds:
        return False
    named = next((c for c in prep.children if c.dep_ == "pobj"), None)
    return named is not None and not (
        named.pos_ in ("PROPN", "PRON")
        or named.ent_type_
        or {"people", "troops", "actors"} & lex.classes_of(named.lemma_.lower())
    )


def clause_tokens(anchor: Token, limit: int = 80) -> list[Token]:
    """Tokens of ``anchor``'s own clause: its subtree without nested clauses."""
    out: list[Token] = []
    stack = [anchor]
    while stack and len(out) < limit:
        tok = stack.pop()
        out.append(tok)
        for c in tok.children:
            if c.dep_ in CLAUSAL and is_verbal(c) and c.i != anchor.i:
                continue
            stack.append(c)
    return out


def verb_chain(token: Token) -> Iterator[Token]:
    """``token`` and the verbs whose tense/modality it shares (xcomp and conj heads)."""
    current = token
    for _ in range(5):
        yield current
        if current.dep_ in ("xcomp", "conj") and has_head(current):
            current = current.head
        else:
            return


def negated(token: Token, lex: Lexicon) -> bool:
    """ "did not strike", "no attack", "denied attacking", "failed to reach"."""
    return remembered(_negated, token, lex)


def _negated(token: Token, lex: Lexicon) -> bool:
    for tok in verb_chain(token):
        if any(c.dep_ == "neg" for c in tok.children):
            return True
        if any(c.dep_ == "det" and c.lower_ == "no" for c in tok.children):
            return True
        head = tok.head
        if (
            tok.dep_ in ("xcomp", "ccomp", "pcomp")
            and head.lemma_.lower() in lex.negating_verbs
            and has_head(tok)
        ):
            return True
        if (
            tok.dep_ in ("xcomp", "ccomp")
            and head.lemma_.lower() in lex.permission_verbs
            and negated(head, lex)
        ):
            return True  # "are not going to allow the city to be bombed"
    return deferred(token, lex)


def deferred(token: Token, lex: Lexicon) -> bool:
    """ "refrained from attacking", "hold off on issuing endorsements", "held off supporting",
    "put off deciding": the gerund under a verb of holding back (``deferring_verbs``, the verb's
    lemma, its particles and the preposition) is not done."""
    for tok in verb_chain(token):
        head = tok.head
        prep: tuple[str, ...] = ()
        if tok.dep_ == "pcomp" and head.dep_ == "prep" and has_head(head):
            prep, head = (head.lower_,), head.head
        elif tok.dep_ not in ("advcl", "xcomp", "ccomp") or tok.tag_ != "VBG" or not has_head(tok):
            continue
        particles = tuple(c.lower_ for c in head.children if c.dep_ == "prt")
        if (head.lemma_.lower(), *particles, *prep) in lex.deferring_verbs:
            return True
    return False


def denied_clause(token: Token, lex: Lexicon) -> bool:
    """ "Russia denied that it had struck the hospital": the clause a denial governs is what
    the denier says did not happen (CAMEO 016, deny responsibility), as "denied striking" is.
    Not a clause before the verb: "X accuse Israel of ..., a charge Israel denies" is read
    with the accusation as the complement of "denies", and the accusation was made."""
    return any(
        tok.dep_ == "ccomp" and tok.head.i < tok.i and tok.head.lemma_.lower() in lex.negating_verbs
        for tok in verb_chain(token)
    )


def _in_conditional_prep(token: Token, lex: Lexicon) -> bool:
    """The token sits under "in case of" / "in the event of"."""
    tok = token
    for _ in range(6):
        head = tok.head
        if not has_head(tok):
            return False
        if tok.dep_ == "pobj" and head.lower_ == "of":
            noun = head.head
            prep = noun.head
            words = (prep.lower_, noun.lower_, "of")
            for phrase in lex.hypothetical_preps:
                if tuple(w for w in words if w not in ("the",)) == tuple(
                    w for w in phrase if w != "the"
                ):
                    return True
        tok = head
    return False


def _embedding_adjective(token: Token, lex: Lexicon) -> bool:
    """ "is willing to withdraw", "is committed to opening", "is prepared to lift"; the word
    itself too, since the parser reads "is poised" as a passive verb of lemma "poise"."""
    head = token.head
    if head.lower_ == "to" and head.dep_ == "prep":
        head = head.head
    return (
        head.lemma_.lower() in lex.embedding_adjectives or head.lower_ in lex.embedding_adjectives
    )


def hypothetical(token: Token, lex: Lexicon) -> bool:
    """Future, conditional, modal or merely intended: "will have no tanks left in case of war",
    "could reach", "if it attacks", "plans to strike"."""
    return remembered(_hypothetical, token, lex)


def _hypothetical(token: Token, lex: Lexicon) -> bool:
    if _in_conditional_prep(token, lex):
        return True
    for tok in verb_chain(token):
        for c in tok.children:
            if c.dep_ in ("aux", "auxpass") and c.lower_ in lex.modals:
                return True
            if c.dep_ == "mark" and c.lower_ in lex.hypothetical_marks:
                return True
            if c.dep_ == "aux" and c.lower_ == "going":
                return True
        if tok.dep_ == "xcomp" and tok.head.lemma_.lower() in lex.embedding_verbs:
            return True
        if tok.dep_ in ("xcomp", "pcomp", "pobj") and _embedding_adjective(tok, lex):
            return True
        if (
            tok.dep_ in ("acl", "pobj", "pcomp")
            and tok.tag_ != "VBN"
            and (tok.head.lemma_.lower() in lex.hypothetical_nouns)
        ):
            return True
        if tok.dep_ == "pobj" and tok.head.head.lemma_.lower() in lex.hypothetical_nouns:
            return True  # "a justification for an attack", "the threat of war"
    return False
