"""Whom a statement about an act answers: a condemnation answers the act's doer, a denial the
accuser (CAMEO 111 "criticize or denounce" codes the criticised party as the target; 016 "deny
responsibility" is a response to whoever made the accusation).

The parse gives "condemned the attack" the act as its target and "Kigali denied sending troops"
none; news names the doer or the accuser elsewhere, often in an earlier sentence ("The rebels
shelled the town ... The ministry condemned the attack"; "Kinshasa accused Rwanda of ...
Kigali denied sending troops"). Support: ConfliBERT fit codes "rejected accusations by X"
with X as the target 5 times of 5 (the accuser named in the sentence); PLOVER GSR codes
"complained ... over two Israeli air raids" with the raids' doer as the target. ConfliBERT's
coders mark the condemned act's phrase as the target span ("condemned an anarchic protest by
white farmers"), so a condemnation keeps its span and only its actor becomes the doer's. A
threat is aimed at no one its own content names as the threatener's side ("warned that Israel
would act", said by Israel's defence minister).

Works on the drafts before repeats merge, so that a draft whose target changes can still join
its repeats."""

from __future__ import annotations

from spacy.tokens import Doc, Token

from ... import extensions
from ...model import ActorRef, Span
from ..actors.kb import STATE_TYPE
from ..actors.organs import kb_state_served, state_organ_types
from ..quotes.titles import titled_before
from .cameo_codes import load_frames
from .lexicon import Lexicon, load_lexicon
from .merge import Draft
from .references import RefKey
from .triggers import noun_sense

CONDEMNING_MODES = frozenset({"disapprove", "complain"})  # ACCUSE: CAMEO 111 and 11 complain
DENYING_MODES = frozenset({"deny", "refuse"})  # REJECT: deny, reject, dismiss, refute
DEFINITE_DETERMINERS = frozenset({"the", "this", "that", "these", "those"})
# verbal events whose content clause's subject is the speaker's own side, not their target: a
# threat ("warned that Israel would act") and a denial of one's own act ("said the army does
# not target civilians", CAMEO 016: the target is the accuser, never the denier's own troops)
OWN_SIDE_CLEARED = frozenset({"THREATEN", "REJECT"})
# the acts a denial of responsibility answers a report of (CAMEO 016: deny responsibility for
# an act; the fit denials deny attacks and coercion)
DENIED_ACTS = frozenset({"ASSAULT", "COERCE"})
DENIAL_ACTS = frozenset({"denial"})
# a state's organs (actors/data/en/state_organs.yaml): "the army", "the government" speak and
# act for the state they belong to
STATE_ORGAN_TYPES = state_organ_types()


def condemned_act(noun: Token, lex: Lexicon) -> bool:
    """A condemnation's object that is one act ("condemned the attack on Shag Alnom"): the
    target is the act (its doer, ``answer_statements``), not what it hit. ConfliBERT CAMEO fit:
    4 sentences condemn or protest an act noun with a prepositional phrase; gold marks the act's
    phrase in the 2 that have a target ("an anarchic protest by white farmers", "Mexican
    president's decision"), never the phrase's object. A phrase listing acts ("the detention of
    X and the threats by Hamas") keeps the rules' choice."""
    return noun_sense(noun, lex) is not None and not any(
        t.dep_ == "conj" and noun_sense(t, lex) is not None for t in noun.subtree
    )


def answer_statements(doc: Doc, drafts: list[Draft]) -> None:
    """Give condemnations their act's doer and denials their accuser as the target actor, where
    the target names no actor (``drafts`` are edited in place)."""
    ordered = sorted(drafts, key=lambda d: d.anchor)
    for draft in ordered:
        event = draft.event
        if event.negated:
            continue
        if event.type in OWN_SIDE_CLEARED:
            _no_own_side_threatened(doc, draft)
        if event.target.actor is not None:
            continue
        if event.type == "ACCUSE" and event.mode in CONDEMNING_MODES:
            doer = _act_doer(doc, draft, ordered)
            if doer is not None:
                _set_target(draft, ActorRef(doer.actor, event.target.span))
        elif _is_denial(doc, draft):
            accuser = _accuser(draft, ordered) or _reporter(doc, draft, ordered)
            accuser = None if accuser is None else answered_party(doc, accuser)
            if accuser is not None:
                _set_target(draft, _answered(accuser, event.target.span))


def no_self_as_own_party(doc: Doc, drafts: list[Draft]) -> None:
    """A party read as acting on itself through a personal pronoun ("Braga fired him", "they
    accused them", "the Taliban said it was striking it"): a pronoun other than a reflexive one
    never refers to the other party of its own event (binding), and a CAMEO/PLOVER event is a
    dyad of two parties, so the pronoun's actor is the wrong one: the pronoun keeps its words
    and loses the actor (the object's pronoun where both are: the subject's is the more
    reliable; a target owned by a pronoun, "she shot her daughter", loses the owner's actor
    before a subject pronoun does). Fit readings: the events of the fit texts whose source and
    target share an actor through a pronoun (``docs/events.md``, session 18 probe H)."""
    for draft in drafts:
        event = draft.event
        if event.source.actor is None or event.source.actor != event.target.actor:
            continue
        if _bare_pronoun(doc, event.target.span) or _owned_by_pronoun(doc, event.target.span):
            _set_target(draft, ActorRef(None, event.target.span))
        elif _bare_pronoun(doc, event.source.span):
            _set_source(draft, ActorRef(None, event.source.span))


def _bare_pronoun(doc: Doc, span: Span | None) -> bool:
    """A personal pronoun alone ("him", "they", "it"), not a reflexive ("himself")."""
    if span is None:
        return False
    words = doc.char_span(span.start, span.end, alignment_mode="expand")
    return (
        words is not None
        and len(words) == 1
        and words[0].tag_ == "PRP"
        and not words[0].lower_.endswith(("self", "selves"))
    )


def _owned_by_pronoun(doc: Doc, span: Span | None) -> bool:
    """A phrase owned by a possessive pronoun ("her daughter", "his wife"): its actor, where it
    is the other party's, is the owner's, read for the phrase."""
    if span is None:
        return False
    words = doc.char_span(span.start, span.end, alignment_mode="expand")
    return words is not None and any(
        c.dep_ == "poss" and c.tag_ == "PRP$" for c in words.root.children
    )


def _no_own_side_threatened(doc: Doc, draft: Draft) -> None:
    """ "Katz warned that Israel would act", "warned it will retaliate": the subject of the
    threat's content clause is the threatener's own side, who would act, not whom the threat
    is aimed at (CAMEO 13 codes the threatened party); the target is left empty. Fit: the
    threats of the fit texts whose content subject is the threatener's own are pronouns of it
    ("warned it will retaliate"), none coded as a target; written probes E and G: "Gallant
    warned that Israel would ...", "Katz warned that Israel would act". The same for a denial
    of the speaker's own act (probe H: "It said the Azerbaijan Army does not target civilian
    objects", said by Azerbaijan's forces) and for an organ of the speaker's state (probe H:
    "Salam said the army would take all measures")."""
    event = draft.event
    target = event.target
    if target.span is None or not _same_side(doc, event.source.actor, target.actor):
        return
    words = doc.char_span(target.span.start, target.span.end, alignment_mode="expand")
    anchor = doc.char_span(draft.anchor, draft.anchor + 1, alignment_mode="expand")
    if words is None or anchor is None:
        return
    subject = words.root
    clause = subject.head
    if (
        subject.dep_ in ("nsubj", "nsubjpass")
        and clause.dep_ in ("ccomp", "xcomp")
        and clause.head.i == anchor[0].i
    ):
        _set_target(draft, ActorRef(None, None))


def _same_side(doc: Doc, one: str | None, other: str | None) -> bool:
    """The same actor, or ``other`` is the state ``one`` serves ("Israel Katz" and Israel): a
    person or body of the state, not a rival of the same country ("Trump is warning voters that
    a Hillary Clinton victory would ..."), or the body ``one`` is affiliated with in the
    knowledge base ("Zabihullah Mujahid" and the Taliban)."""
    if one is None or other is None:
        return False
    if one == other:
        return True
    actors = {a.id: a for a in extensions.get_list(doc, "ng_actors")}
    speaker, state = actors.get(one), actors.get(other)
    if speaker is None or state is None:
        return False
    if state.type in STATE_ORGAN_TYPES:
        # an organ of a state stands for that state, to that state and to whoever serves it
        # ("Salam said the army would ...", "Baku said the Azerbaijani army does not ..."); not
        # to another body of its country ("Hezbollah warned that the Lebanese army would ...")
        served = kb_state_served(other)
        return served is not None and kb_state_served(one) == served
    if speaker.affiliation == other:
        return True  # a body's spokesman and the body ("Zabihullah Mujahid" and the Taliban)
    if state.type != STATE_TYPE:
        return False
    return speaker.country is not None and speaker.country == state.country


def _answered(accuser: ActorRef, denied: Span | None) -> ActorRef:
    """The denial's target: the accuser's actor, on the denied phrase ("rejected the
    allegations") or, where the denial names none, on the accuser's own span, which keeps its
    ``actor_inferred`` mark ("Soldiers in Kampala accused ... Kigali denied ...")."""
    if denied is not None:
        return ActorRef(accuser.actor, denied)
    return ActorRef(accuser.actor, accuser.span, accuser.inferred)


def answered_party(doc: Doc, accuser: ActorRef) -> ActorRef | None:
    """The accuser as the party a denial answers: a person the knowledge base does not know
    stands for the organisation or state their title names ("RSF spokesman Al-Fatih Qurashi":
    the RSF, as ``link/speakers.py`` reads a claim's speaker); one whose title names none is
    no party a denial can be coded against (CAMEO and PLOVER code a denial between sides, and
    "The army's spokesman, Brigadier Nabil Abdallah ... The RSF denied attacking the camp"
    would otherwise be aimed at an unresolved "He"), so the denial keeps no actor."""
    if accuser.actor is None or not accuser.actor.startswith("unresolved:"):
        return accuser
    actor = next((a for a in extensions.get_list(doc, "ng_actors") if a.id == accuser.actor), None)
    if actor is None or actor.type != "person":
        return accuser
    side = _titled_side(doc, actor.mentions)
    return None if side is None else ActorRef(side, accuser.span, True)


def _titled_side(doc: Doc, mentions: list[Span]) -> str | None:
    """The known actor a title before one of ``mentions`` names (``titled_before``)."""
    known_ends = {
        m.end: m.actor_id
        for m in extensions.get_list(doc, "ng_actor_mentions")
        if m.actor_id is not None
    }
    return titled_before(extensions.doc_text(doc), (m.start for m in mentions), known_ends)


def _set_target(draft: Draft, ref: ActorRef) -> None:
    draft.event.target = ref
    draft.target_key = _rekeyed(draft.target_key, ref.actor)


def _set_source(draft: Draft, ref: ActorRef) -> None:
    draft.event.source = ref
    draft.source_key = _rekeyed(draft.source_key, ref.actor)


def _rekeyed(key: RefKey | None, actor: str | None) -> RefKey:
    """A party's merge key with its new actor, keeping its heads and names."""
    heads, names = (key.heads, key.names) if key else (frozenset(), frozenset())
    return RefKey(actor, heads, names)


def _act_doer(doc: Doc, condemnation: Draft, drafts: list[Draft]) -> ActorRef | None:
    """The known doer of the act the condemnation's target phrase names: the act's own
    ("condemned Israel's strike"), else, for a definite act that names no doer ("condemned
    the attack"), that of the latest earlier event of its type with a known doer."""
    span = condemnation.event.target.span
    phrase = None if span is None else doc.char_span(span.start, span.end, alignment_mode="expand")
    if span is None or phrase is None:
        return None
    # the phrase's head is the act: "the kidnapping of X and the threats against Y" is not
    # the threats'
    act = next((d for d in drafts if d.anchor == phrase.root.idx), None)
    if act is not None and act.event.source.span is not None:
        return act.event.source if act.event.source.actor is not None else None
    if not _definite(phrase.root):
        return None
    act_type = act.event.type if act is not None else _noun_act_type(phrase.root)
    earlier = None if act_type is None else _earlier_act(doc, drafts, phrase.root, act_type)
    return earlier.event.source if earlier is not None else None


def _is_denial(doc: Doc, draft: Draft) -> bool:
    """A denial with no target ("Kigali denied sending troops"; a refusal with none, "refused
    to disclose the records", answers no accuser) or a rejection of an accusation ("rejected
    the allegations")."""
    event = draft.event
    if event.type != "REJECT" or event.mode not in DENYING_MODES:
        return False
    if event.target.span is None:
        return event.mode == "deny"
    return _names_accusation(doc, event.target.span)


def _names_accusation(doc: Doc, span: Span) -> bool:
    """ "rejected the accusations", "dismissed the claim": the thing denied is an accusation
    (``cameo_statements.yaml``, 016 deny responsibility)."""
    phrase = doc.char_span(span.start, span.end, alignment_mode="expand")
    words = load_frames().words("deny_responsibility", "objects")
    return phrase is not None and phrase.root.lemma_.lower() in words


def _accuser(denial: Draft, drafts: list[Draft]) -> ActorRef | None:
    """Who last accused the denier, earlier in the article: the source of the latest earlier
    accusation whose target is the denier's actor."""
    denier = denial.event.source.actor
    if denier is None:
        return None
    accusations = [
        d
        for d in drafts
        if d.anchor < denial.anchor
        and d.event.type == "ACCUSE"
        and d.event.target.actor == denier
        and d.event.source.actor not in (None, denier)
    ]
    return accusations[-1].event.source if accusations else None


def _reporter(doc: Doc, denial: Draft, drafts: list[Draft]) -> ActorRef | None:
    """Who last told, earlier in the article, of an act by the denier's side, where no
    accusation record names the denier: the speaker of the statement holding the latest
    earlier act whose doer is the denier or its side ("The Indian Army said Pakistani troops
    opened fire ... Pakistan's military denied starting the exchange"; CAMEO 016 "deny
    responsibility" answers an allegation, and news tells the allegation as a report more
    often than as an accusation). A statement by the denier's own side is no allegation to
    answer, nor one whose speaker names no actor ("residents said")."""
    denier = denial.event.source.actor
    if denier is None:
        return None
    statements = {s.id: s for s in extensions.get_list(doc, "ng_statements")}
    for act in reversed(drafts):
        event = act.event
        if act.anchor >= denial.anchor or event.type not in DENIED_ACTS:
            continue
        if event.negated or event.irrealis:
            continue  # a plan or a denied act is no act put on the denier
        told = statements.get(event.attributed_to or "")
        if told is None or told.act in DENIAL_ACTS:
            continue
        speaker = told.speaker
        doer = event.source.actor
        if doer is None or speaker.actor is None or not _one_side(doc, denier, doer):
            continue
        if _one_side(doc, denier, speaker.actor):
            continue  # the denier's own side's report: nothing to deny
        return ActorRef(speaker.actor, speaker.span, speaker.inferred)
    return None


def _one_side(doc: Doc, one: str, other: str) -> bool:
    """The same actor, or one serves the other or both serve the same state."""
    if _same_side(doc, one, other) or _same_side(doc, other, one):
        return True
    served = kb_state_served(one)
    return served is not None and served == kb_state_served(other)


def _definite(noun: Token) -> bool:
    """ "the attack", "these strikes", "Monday's attack": an act the article has told of."""
    return any(
        (c.dep_ == "det" and c.lower_ in DEFINITE_DETERMINERS)
        or (c.dep_ == "poss" and c.ent_type_ in ("DATE", "TIME"))
        for c in noun.children
    )


def _noun_act_type(noun: Token) -> str | None:
    """The event type of an act noun ("the attack": ASSAULT), else None."""
    sense = noun_sense(noun, load_lexicon())
    return sense.type if sense is not None else None


def _earlier_act(doc: Doc, drafts: list[Draft], noun: Token, act_type: str) -> Draft | None:
    """The earlier event of ``act_type`` (before ``noun``) that happened, names a doer with a
    known actor and that ``noun`` names again: the latest one told with the noun's word ("the
    strikes" after "jets struck"), else the latest one where every such event has the same
    doer (a long article tells of several acts by several parties; "Yemen's war" is not "the
    strikes"). A doer named but unknown ("Bandits killed 16 ... the air force killed scores
    ... condemned the killings") is a doer too: the act told with the word may be its, and it
    is another doer, so the known one is not the only one."""
    acts = [
        d
        for d in drafts
        if d.anchor < noun.idx
        and d.event.type == act_type
        and (d.event.source.span is not None or d.event.source.actor is not None)
        and not (d.bare or d.event.negated or d.event.irrealis)
    ]
    # an unknown conjoined doer of a known one's trigger is no other doer ("U.S. and British
    # warplanes and warships struck": the warships' act is the same strike)
    known = {d.anchor for d in acts if d.event.source.actor is not None}
    acts = [d for d in acts if d.event.source.actor is not None or d.anchor not in known]
    lemma = noun.lemma_.lower()
    same_word = [d for d in acts if lemma in _evidence_lemmas(doc, d)]
    if same_word:
        latest = same_word[-1]
        return latest if latest.event.source.actor is not None else None
    doers = {d.event.source.actor for d in acts}
    return acts[-1] if len(doers) == 1 and None not in doers else None


def _evidence_lemmas(doc: Doc, draft: Draft) -> set[str]:
    lemmas = set()
    for piece in draft.event.evidence:
        words = doc.char_span(piece.start, piece.end, alignment_mode="expand")
        lemmas.update(t.lemma_.lower() for t in words or ())
    return lemmas
