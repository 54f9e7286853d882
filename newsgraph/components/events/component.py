"""The ``newsgraph_events`` spaCy component: PLOVER events with actors, place, time, magnitude
and provenance.

Writes ``doc._.ng_events`` (list of :class:`newsgraph.model.Event`, ids ``e1, e2, ...`` in
text order). For each sentence, triggers from ``data/en/event_triggers.yaml`` are found by lemma
(``event_detect``), their source and target read from the dependency parse (passives, nominal
events, coordination), then linked to what earlier components wrote:

- actors: ``doc._.ng_actor_mentions`` (an unresolved actor keeps its span, actor null);
- places: ``doc._.ng_place_mentions`` and times: ``doc._.ng_times`` in the event's clause;
- statements: ``doc._.ng_statements``: an event inside a statement's content is
  ``attributed_to`` it (the outlet does not assert it) and ``disputed`` when another statement
  disputes that one; statements with a speech act (accusation, denial, threat, demand, ...)
  are verbal events themselves.

Repeated mentions of one occurrence in an article are merged; their evidence accumulates.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable

import numpy as np
from spacy.attrs import IDX
from spacy.language import Language
from spacy.tokens import Doc, Token

from ... import extensions
from ...model import CONTEXT_LABEL, ActorRef, Event, Span, Statement
from ..coref.lexicon import load_knowledge
from ..coref.resolver import coref_of
from .accused import accused_doer, load_frames
from .arguments import ArgumentContext, load_argument_model
from .article_context import Context, statement_holding, token_span
from .background import BackgroundTest, wish_statement
from .cameo_codes import refine_cameo
from .decision import load_event_decision
from .detect import Mention, SentenceDetector
from .doers import after_backer, owning_pronoun, weapon_user
from .factuality import settled as settled_factuality
from .irregular import read_lemma_exceptions, use_lemma_exceptions
from .lexicon import Lexicon, load_lexicon
from .merge import Draft, merge_repeats
from .occurrence import says_it_happened
from .options import DEFAULT_OPTIONS, EventOptions
from .party_filter import PARTY_CLASSES, filter_parties, names_actor
from .place_carry import carry_places
from .references import NAME_ENTS, NO_ONE, Participant, RefKey, span_key
from .responses import answer_statements, answered_party, no_self_as_own_party
from .roles import coordinated, names_a_proposition, phrase_bounds, prep_objects
from .sentence_tolls import add_sentence_counts, conflict_mentions, running_toll
from .spans import recorded_bounds
from .target_choice import load_target_choice
from .token_memo import remembering
from .trigger_model import TriggerModel, load_trigger_model
from .triggers import verb_keys

log = logging.getLogger(__name__)


@Language.factory(
    "newsgraph_events",
    assigns=["doc._.ng_events"],
    requires=[
        "token.dep",
        "doc._.ng_actor_mentions",
        "doc._.ng_actors",
        "doc._.ng_place_mentions",
        "doc._.ng_times",
        "doc._.ng_statements",
    ],
    default_config={
        "extra_lexicons": [],
        "wordnet_triggers": False,
        "argument_model": False,
        "event_decision": False,
        "trigger_model": False,
        "party_filter": False,
        "target_choice": False,
        "dateline_place": False,
        "incident_place": False,
        "incident_chain": False,
    },
)
def make_component(
    nlp: Language,
    name: str,
    extra_lexicons: list[str],
    wordnet_triggers: bool,
    argument_model: bool,
    event_decision: bool,
    trigger_model: bool,
    party_filter: bool,
    target_choice: bool,
    dateline_place: bool,
    incident_place: bool,
    incident_chain: bool,
) -> EventsComponent:
    use_lemma_exceptions(read_lemma_exceptions(nlp))
    return EventsComponent(
        extra_lexicons,
        argument_model=argument_model,
        event_decision=event_decision,
        trigger_model=trigger_model,
        party_filter=party_filter,
        wordnet_triggers=wordnet_triggers,
        target_choice=target_choice,
        dateline_place=dateline_place,
        incident_place=incident_place,
        incident_chain=incident_chain,
    )


class EventsComponent:
    """Finds PLOVER events; never raises on any text (a failure yields no events, logged)."""

    def __init__(
        self,
        extra_lexicons: Iterable[str] = (),
        argument_model: bool = False,
        event_decision: bool = False,
        trigger_model: bool = False,
        party_filter: bool = False,
        wordnet_triggers: bool = False,
        target_choice: bool = False,
        dateline_place: bool = False,
        incident_place: bool = False,
        incident_chain: bool = False,
    ) -> None:
        self.options = EventOptions(
            lexicon=load_lexicon(tuple(str(p) for p in extra_lexicons), wordnet_triggers),
            arguments=load_argument_model() if argument_model else None,
            decision=load_event_decision() if event_decision else None,
            triggers=load_trigger_model() if trigger_model else None,
            party_filter=party_filter,
            target_choice=load_target_choice() if target_choice else None,
            dateline_place=dateline_place,
            incident_place=incident_place,
            incident_chain=incident_chain,
        )

    def __call__(self, doc: Doc) -> Doc:
        try:
            doc._.ng_events = extract_events(doc, options=self.options)
        except Exception:  # a component must not stop the batch; the article keeps its text
            log.exception("newsgraph_events failed on a document of %d tokens", len(doc))
            doc._.ng_events = []
        return doc


# ---- references to actors ---------------------------------------------------------------


def _char_range(doc: Doc, start: int, end: int) -> tuple[int, int]:
    last = doc[end - 1]
    return doc[start].idx, last.idx + len(last.text)


def _can_name(token: Token) -> bool:
    """Whether ``token`` is (part of) a name."""
    return token.pos_ == "PROPN" or token.ent_type_ in NAME_ENTS


def _can_act(token: Token) -> bool:
    """Whether ``token`` can be a party of its own: a name, or a noun of people, troops or
    bodies (not weapons)."""
    if _can_name(token):
        return True
    return bool(load_lexicon().classes_of(token.lemma_.lower()) & PARTY_CLASSES)


def _owner_actor(doc: Doc, token: Token) -> str | None:
    """Whose forces or weapon a doer's phrase names: "its forces shelled" (whom "its" stands
    for), "a drone launched by Ukrainian forces hit" (the forces; the phrase stays the span,
    as ConfliBERT's coders mark "The missiles fired by the Israeli military")."""
    lex = load_lexicon()
    owner = owning_pronoun(token, lex)
    if owner is not None:
        return coref_of(doc).resolve(_char_range(doc, owner.i, owner.i + 1), owner)
    user = weapon_user(token, lex)
    if user is None:
        return None
    mention = extensions.actor_mention_at(doc, *_char_range(doc, *phrase_bounds(user)))
    return mention.actor_id if mention is not None else None


def participants(
    doc: Doc,
    token: Token | None,
    with_conj: bool = True,
    anchor: Token | None = None,
    target: bool = False,
    role_nouns: frozenset[str] = frozenset(),
) -> list[Participant]:
    """The actor(s) a head token refers to. Conjuncts that can each be a party become separate
    participants ("Hezbollah and Hamas") unless two name the same known actor; otherwise one
    span covers them. The actor
    is read from the narrow phrase; the span recorded is the whole argument phrase (``spans``;
    never one holding the trigger ``anchor``). An unnamed description is the person the
    article equates it with, or equates one of ``role_nouns`` with ("the victim")."""
    if token is None or names_a_proposition(token):
        return [NO_ONE]
    parts = coordinated(token) if with_conj else [token]
    if len(parts) > 1:
        # CAMEO codes each of coordinated actors as its own event ("Germany and UNICEF hand
        # over ..."); one span covers them only when two name the same known actor
        single = [participants(doc, part, False, anchor, target, role_nouns)[0] for part in parts]
        known = [p.ref.actor for p in single if p.ref.actor is not None]
        parties = all(
            p.ref.actor is not None or _can_act(part) for part, p in zip(parts, single, strict=True)
        )  # "Russian drones and missiles", "roads and the grid" stay one phrase
        if parties and len(set(known)) == len(known):
            return single
    start, end = phrase_bounds(token, with_conj=with_conj and len(parts) > 1)
    start_char, end_char = _char_range(doc, start, end)
    named_from = _char_range(doc, after_backer(token, start, load_lexicon()), end)[0]
    mention = extensions.actor_mention_at(doc, named_from, end_char)
    actor = mention.actor_id if mention is not None else None
    inferred = actor is not None and mention is not None and mention.label == CONTEXT_LABEL
    if actor is None and end - start == 1 and token.pos_ == "PRON":
        # "Israeli officials persist in their threats": the pronoun's antecedent acts
        actor = coref_of(doc).resolve((start_char, end_char), token)
    if actor is None and not target:
        actor = _owner_actor(doc, token)
    if actor is None:
        # "One suspect, identified as John Doe", "the victim" the article names elsewhere
        actor = coref_of(doc).named_as((start_char, end_char), token, role_nouns)
    heads = frozenset(p.lemma_.lower() for p in parts)
    names = frozenset(
        t.lemma_.lower()
        for t in doc[start:end]
        if t.pos_ == "PROPN" or (t.ent_type_ in NAME_ENTS and not t.is_stop)
    )
    # doc[a:b].text is the text slice, without rebuilding doc.text (linear in the article)
    core = Span(start_char, end_char, doc[start:end].text)
    whole_start, whole_end = recorded_bounds(token, with_conj and len(parts) > 1, anchor, target)
    whole = core
    if (whole_start, whole_end) != (start, end):
        whole = Span(*_char_range(doc, whole_start, whole_end), doc[whole_start:whole_end].text)
    return [Participant(ActorRef(actor, whole, inferred), RefKey(actor, heads, names), core)]


# ---- drafts --------------------------------------------------------------------------------


def _acts_at_a_distance(event_type: str | None) -> bool:
    """Verbal acts aimed at a target that is not where they happen ("threatened Lebanon");
    a visit (CONSULT) happens at its target."""
    info = load_lexicon().types.get(event_type or "")
    return bool(info and info.quad.startswith("verbal") and event_type != "CONSULT")


def _drafts_of(ctx: Context, mention: Mention) -> list[Draft]:
    doc, lex = ctx.doc, ctx.lexicon
    joined = not mention.reciprocal_split
    roles = load_knowledge().role_nouns.get(mention.type or "", {})
    sources = participants(
        doc, mention.source, joined, mention.anchor, role_nouns=roles.get("source", frozenset())
    )
    targets = participants(
        doc, mention.target, joined, mention.anchor, True, roles.get("target", frozenset())
    )
    info = lex.types.get(mention.type or "")
    evidence = [token_span(doc, t) for t in sorted(mention.tokens, key=lambda t: t.i)]
    attributed = statement_holding(ctx.statements, mention.anchor.idx)
    bare = not _names_party(mention, lex)  # kept because its sentence says it happened
    drafts = []
    for source in sources:
        for target in targets:
            event = Event(
                id="",
                type=mention.type or "",
                mode=mention.mode,
                cameo=info.codes(mention.mode)[0] if info else None,
                quad=info.codes(mention.mode)[1] if info else None,
                source=source.ref,
                target=target.ref,
                evidence=list(evidence),
                place=ctx.place_for(
                    mention,
                    target.core_ref.span,
                    attributed,
                    verbal=_acts_at_a_distance(mention.type),
                    source=source.core_ref,
                ),
                time=ctx.time_for(mention),
                magnitude={k: dict(v) for k, v in mention.magnitude.items()},
                attributed_to=attributed.id if attributed else None,
                negated=mention.negated,
                hypothetical=mention.hypothetical,
                future=mention.future,
                factuality=settled_factuality(mention.negated, mention.factuality),
                disputed=bool(attributed and attributed.id in ctx.disputed),
            )
            defence = mention.sense.defence
            apart_in = mention.anchor.sent.start if mention.apart else None
            drafts.append(
                Draft(event, source.key, target.key, mention.anchor.idx, bare, defence, apart_in)
            )
    return drafts


def _charged_doer(ctx: Context, mention: Mention, actor_tokens: set[int]) -> Token | None:
    """Whom the accusation holding the act charges with it ("X was charged with murder"):
    only inside an accusation or a statement reporting it, so the event stays that statement's
    claim (``attributed_to``), and only an actor ("blamed on the storm" names a cause)."""
    frames = load_frames()
    if mention.source is not None or not frames.configured or mention.type not in frames.types:
        return mention.source
    attributed = statement_holding(ctx.statements, mention.anchor.idx)
    accused = accused_doer(mention.anchor, frames) if attributed is not None else None
    if attributed is None or accused is None or not names_actor(accused, actor_tokens):
        return None
    # the accusation itself, or a statement that reports it whole ("police said the attack was
    # blamed on X", "according to reports"): the event stays that statement's claim
    if attributed.act == "accusation" or statement_holding([attributed], accused.idx):
        return accused
    return None


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
            named = found.ref.actor if _can_name(asked) else None
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


def _speech_drafts(ctx: Context, drafts: list[Draft]) -> list[Draft]:
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


def _names_party(mention: Mention, lexicon: Lexicon) -> bool:
    """A verbal mention, a nominal one with a source, target or count, or of the types the
    lexicon's ``bare_nominal_types`` keeps ("the embargo")."""
    if mention.anchor.pos_ not in ("NOUN", "PROPN") or mention.type in lexicon.bare_nominal_types:
        return True
    if mention.parties_filtered:  # its party named no actor: the event stays, with no party
        return True
    return bool(mention.source or mention.target or mention.magnitude)


def has_arguments(mention: Mention, lexicon: Lexicon) -> bool:
    """A bare nominal mention ("the war", "a political attack ad") is not an event record,
    unless it is a material conflict its sentence says happened ("the clashes broke out",
    "the attack in Kabul on Monday": ``occurrence.says_it_happened``)."""
    if _names_party(mention, lexicon):
        return True
    info = lexicon.types.get(mention.type or "")
    if info is None or info.quad != "material_conflict":
        return False  # a meeting or a deal between no one named is no record
    if mention.negated or mention.hypothetical:
        return False
    return says_it_happened(mention.anchor, lexicon)


def _is_record(
    mention: Mention, lexicon: Lexicon, triggers: TriggerModel | None, actor_tokens: set[int]
) -> bool:
    """A mention with its arguments (``has_arguments``), or a bare nominal the learned trigger
    model keeps (``TriggerModel.keeps_bare``), never a negated or hypothetical one."""
    if has_arguments(mention, lexicon):
        return True
    if triggers is None or mention.type is None or mention.negated or mention.hypothetical:
        return False
    return triggers.keeps_bare(mention.anchor, mention.type, lexicon, actor_tokens)


def actor_token_indices(doc: Doc) -> set[int]:
    """Indices of tokens inside an actor mention (what the actors component found)."""
    return extensions.mention_tokens(doc, extensions.get_list(doc, "ng_actor_mentions"))


def drop_background(
    doc: Doc, drafts: list[Draft], lexicon: Lexicon, actor_tokens: set[int]
) -> list[Draft]:
    """The drafts that are events the text reports: not history it recalls, a wish it relays,
    a back-reference or a private incident (``event_background``)."""
    if not drafts:
        return drafts
    test = BackgroundTest.of(doc, lexicon, actor_tokens)
    starts = doc.to_array(IDX)  # token lookup by offset without building every Token
    kept = []
    for draft in drafts:
        i = int(np.searchsorted(starts, draft.anchor))
        anchor = doc[i] if i < len(doc) and starts[i] == draft.anchor else None
        reason = test.reason(draft.event, anchor)
        if reason is None:
            kept.append(draft)
        else:
            log.debug("background (%s): %s at %d", reason, draft.event.type, draft.anchor)
    return kept


def extract_events(doc: Doc, *, options: EventOptions = DEFAULT_OPTIONS) -> list[Event]:
    """The article's events, merged and numbered ``e1, e2, ...`` in text order, read as
    ``options`` say (learned models, filters: ``EventOptions``)."""
    lexicon = options.lexicon or load_lexicon()
    with remembering(doc):  # the rules' per-token answers, for this run only (token_memo)
        return _events_of(doc, lexicon, options)


def _events_of(doc: Doc, lexicon: Lexicon, options: EventOptions) -> list[Event]:
    ctx = Context.of(doc, lexicon)
    drafts: list[Draft] = []
    actor_tokens = actor_token_indices(doc)
    arguments, triggers = options.arguments, options.triggers
    argument_ctx = ArgumentContext.of(doc) if arguments is not None else None
    told: tuple[int, list[Draft]] = (-1, [])  # the last sentence's conflict events
    for number, sent in enumerate(doc.sents):
        detector = SentenceDetector(sent, lexicon, actor_tokens, triggers, options.target_choice)
        mentions = list(detector.run())
        if arguments is not None and argument_ctx is not None:
            arguments.rerank(sent, mentions, argument_ctx, actor_tokens)
        if options.party_filter:  # no weapon, act or date as a party (party_filter.py)
            filter_parties(mentions, actor_tokens)
        for mention in mentions:  # "X was charged with murder": X, as the charge alleges
            mention.source = _charged_doer(ctx, mention, actor_tokens)
        kept = [m for m in mentions if _is_record(m, lexicon, triggers, actor_tokens)]
        add_sentence_counts(sent, kept, lexicon, number - told[0] if told[1] else None)
        conflict: list[Draft] = []
        for mention in kept:
            made = _drafts_of(ctx, mention)
            drafts.extend(made)
            if conflict_mentions([mention], lexicon):
                conflict.extend(made)
        told = running_toll(sent, number, conflict, told, lexicon)
    drafts.extend(_speech_drafts(ctx, drafts))
    drafts = drop_background(doc, drafts, lexicon, actor_tokens)
    answer_statements(doc, drafts)  # a condemnation's doer, a denial's accuser (responses)
    no_self_as_own_party(doc, drafts)  # "Braga fired him": not Braga (responses)
    merged = merge_repeats(drafts)
    merged.sort(key=lambda d: d.start)
    events = _numbered([draft.event for draft in merged])
    refine_cameo(doc, events)
    if options.decision is not None:
        events = _numbered(options.decision.decide(doc, events, lexicon))
    carry_places(doc, ctx.place_mentions, events, options)
    return events


def _numbered(events: list[Event]) -> list[Event]:
    for number, event in enumerate(events, start=1):
        event.id = f"e{number}"
    return events
