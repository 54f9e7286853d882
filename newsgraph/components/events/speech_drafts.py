"""Verbal events of statements: a statement with a speech act (accusation, denial, threat,
demand, ...) is an event of its speaker, aimed at its addressee, the speaker it disputes or
the subject of its content; a statement whose cue is already a trigger completes that event."""

from __future__ import annotations

from spacy.tokens import Token

from ...model import ActorRef, Event, Statement
from .article_context import Context
from .background import wish_statement
from .merge import Draft
from .participants import can_name, participants
from .references import NO_ONE, Participant, RefKey, span_key
from .responses import answered_party
from .roles import prep_objects
from .triggers import verb_keys


def _speech_target(ctx: Context, statement: Statement) -> Participant:
    """Whom a statement's act is aimed at: the addressee, else (for a denial) the speaker of
    the statement it disputes, else the subject of its content ("Hezbollah ... launched")."""
    asked = _appeal_addressee(ctx, statement)
    if asked is not None:
        found = participants(ctx.doc, asked, with_conj=False)[0]
        if not statement.addressee or found.ref.actor in (None, statement.addressee):
            # the addressee as the text names it (its span), the quotes component's actor; a
            # description ("the government") names no actor of its own here: a wrong addressee
            # is worse than none
            named = found.ref.actor if can_name(asked) else None
            actor = statement.addressee or named
            # "urged soldiers in Kampala": the actor the context gave the span stays marked
            inferred = found.ref.inferred and actor == found.ref.actor
            return Participant(ActorRef(actor, found.ref.span, inferred), found.key, found.core)
    if statement.addressee:
        return Participant(
            ActorRef(statement.addressee, None),
            RefKey(statement.addressee, frozenset(), frozenset()),
        )
    if statement.disputes:
        disputed = next((s for s in ctx.statements if s.id == statement.disputes), None)
        if disputed is not None and disputed.speaker.actor:
            # an unknown speaker stands for the side their title names, else for no one
            actor = getattr(answered_party(ctx.doc, disputed.speaker), "actor", None)
            if actor is None:
                return NO_ONE
            return Participant(ActorRef(actor, None), RefKey(actor, frozenset(), frozenset()))
    if statement.act == "denial":  # CAMEO 016 answers the accuser (responses.py), not the
        return NO_ONE  # denied clause's subject, the side defended ("denied that the NPA ...")
    doc = ctx.doc
    for piece in statement.content:
        span = doc.char_span(piece.start, piece.end, alignment_mode="expand")
        if span is None:
            continue
        root = span.root
        subject = next((c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is None and root.pos_ in ("NOUN", "PROPN") and statement.act != "condemnation":
            # "called for sanctions against Turkey"; not what a condemned act hit (CAMEO 111)
            subject = next(prep_objects(root, ("against", "on")), None)
        if subject is not None and subject.pos_ != "PRON":
            found = participants(doc, subject, with_conj=False)[0]
            if found.ref.actor is None or found.ref.actor != statement.speaker.actor:
                return found
    return NO_ONE


def _appeal_addressee(ctx: Context, statement: Statement) -> Token | None:
    """Whom an appeal is addressed to when the quotes component names no addressee: the
    object of the cue's "on" ("called on Rwanda to withdraw", CAMEO 02 codes the party
    appealed to as the target), or the cue verb's direct object ("urged Israel to halt")."""
    if ctx.lexicon.speech_acts.get(statement.act) != "REQUEST" or statement.cue is None:
        return None
    span = ctx.doc.char_span(statement.cue.start, statement.cue.end, alignment_mode="expand")
    if span is None:
        return None
    verb = span.root
    for c in verb.children:
        if c.dep_ in ("prep", "prt") and c.lower_ in ("on", "upon"):
            found = next((g for g in c.children if g.dep_ == "pobj"), None)
            if found is not None and found.ent_type_ not in ("DATE", "TIME"):
                return found  # not "called on Friday for ..."
        if c.dep_ == "dobj" and c.pos_ in ("PROPN", "NOUN", "PRON"):
            return c
    return None


def _cue_mode(ctx: Context, statement: Statement, event_type: str) -> str | None:
    """The mode the trigger lexicon gives the statement's cue verb as this type ("urged",
    "called on" → appeal), so a statement's verbal event carries the verb's CAMEO root."""
    if statement.cue is None:
        return None
    span = ctx.doc.char_span(statement.cue.start, statement.cue.end, alignment_mode="expand")
    if span is None:
        return None
    # the cue as the quotes component drew it ("called on": "on" parsed as a preposition),
    # then the trigger lookup's own keys (lemma with particle, lemma guesses)
    phrase = " ".join([span.root.lemma_.lower()] + [t.lower_ for t in span if t.i > span.root.i])
    for key in (phrase, *verb_keys(span.root)):
        sense = ctx.lexicon.verbs.get(key)
        if sense is not None:
            return sense.mode if sense.type == event_type else None
    return None


def speech_drafts(ctx: Context, drafts: list[Draft]) -> list[Draft]:
    """Verbal events of statements; a statement whose cue is already a trigger completes that
    event (source = speaker) instead of adding one."""
    out: list[Draft] = []
    for statement in ctx.statements:
        event_type = ctx.lexicon.speech_acts.get(statement.act)
        cue_lemma = statement.cue_lemma or ""
        if event_type is None or cue_lemma in ctx.lexicon.not_speech_cues:
            continue
        if event_type == "ACCUSE" and (
            cue_lemma in ctx.lexicon.speech_verbs or cue_lemma in ctx.lexicon.report_cues
        ):
            # "the ministry said forces shelled the town": a report (CAMEO 01, a statement),
            # not an accusation (112), which needs a verb that accuses; the shelling is the
            # event, attributed to the statement; so is "according to the ministry"
            continue
        if statement.content and wish_statement(
            ctx.doc,
            statement.content[0].start,
            statement.content[0].end,
            ctx.lexicon.background,
        ):
            continue  # "said she hoped officials would be indicted": a wish, not a speech act
        cue = statement.cue
        speaker_key = span_key(ctx.doc, statement.speaker)
        target = _speech_target(ctx, statement)
        at_cue = [
            d
            for d in drafts
            if cue is not None
            and any(e.start < cue.end and cue.start < e.end for e in d.event.evidence)
        ]
        existing = next((d for d in at_cue if d.event.type == event_type), None)
        if existing is None and event_type == "THREATEN":
            existing = _intent_as_threat(ctx, at_cue)
        if existing is None and at_cue:
            continue  # the cue word is already an event of its own ("ordered patrols")
        if existing is not None:
            if existing.event.source.actor is None and statement.speaker.actor:
                existing.event.source = statement.speaker
                existing.source_key = speaker_key
            if existing.event.target.actor is None and target.ref.actor:
                existing.event.target = target.ref
                existing.target_key = target.key
            existing.event.place = existing.event.place or statement.place
            existing.event.time = existing.event.time or statement.time
            continue
        info = ctx.lexicon.types.get(event_type)
        evidence = [cue] if cue is not None else list(statement.content[:1])
        mode = _cue_mode(ctx, statement, event_type)
        event = Event(
            id="",
            type=event_type,
            mode=mode,
            cameo=info.codes(mode)[0] if info else None,
            quad=info.codes(mode)[1] if info else None,
            source=statement.speaker,
            target=target.ref,
            evidence=evidence,
            place=statement.place,
            time=statement.time,
        )
        anchor = evidence[0].start if evidence else 0
        out.append(Draft(event, speaker_key, target.key, anchor))
    return out


def _intent_as_threat(ctx: Context, at_cue: list[Draft]) -> Draft | None:
    """A vow or pledge at the cue of a statement the quotes component reads as a threat ("vowed
    to retaliate": a harm as its complement) is CAMEO 13 THREATEN, not 03 intent to
    cooperate; ``folds.fold_embedded`` does the same when the complement is itself an event."""
    intent = next((d for d in at_cue if d.event.type == "AGREE"), None)
    if intent is None:
        return None
    info = ctx.lexicon.types.get("THREATEN")
    intent.event.type, intent.event.mode = "THREATEN", "violence"
    if info is not None:
        intent.event.cameo, intent.event.quad = info.codes("violence")
    return intent
