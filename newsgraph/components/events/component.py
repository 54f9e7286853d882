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
from ...model import Event
from ..coref.lexicon import load_knowledge
from .accused import accused_doer, load_frames
from .arguments import ArgumentContext, load_argument_model
from .article_context import Context, statement_holding, token_span
from .background import BackgroundTest
from .cameo_codes import refine_cameo
from .decision import load_event_decision
from .detect import Mention, SentenceDetector
from .factuality import settled as settled_factuality
from .irregular import read_lemma_exceptions, use_lemma_exceptions
from .lexicon import Lexicon, load_lexicon
from .merge import Draft, merge_repeats
from .occurrence import says_it_happened
from .options import DEFAULT_OPTIONS, EventOptions
from .participants import participants
from .party_filter import filter_parties, names_actor
from .place_carry import carry_places
from .responses import answer_statements, no_self_as_own_party
from .sentence_tolls import add_sentence_counts, conflict_mentions, running_toll
from .speech_drafts import speech_drafts
from .target_choice import load_target_choice
from .token_memo import remembering
from .trigger_model import TriggerModel, load_trigger_model

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
    drafts.extend(speech_drafts(ctx, drafts))
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
