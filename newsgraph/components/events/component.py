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
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from spacy.attrs import IDX
from spacy.language import Language
from spacy.tokens import Doc, Token

from ... import extensions
from ...model import ActorRef, Event, Span, Statement
from ..quotes.lexicon import load_knowledge
from ..quotes.speakers import SpeakerResolver
from .background import BackgroundTest, wish_statement
from .detect import Mention, SentenceDetector
from .lexicon import Lexicon, load_lexicon
from .roles import RELATIVE_PRONOUNS, coordinated, phrase_bounds

log = logging.getLogger(__name__)

NAME_ENTS = frozenset({"NORP", "GPE", "ORG", "PERSON", "LOC", "FAC"})
MERGE_FLAGS = ("negated", "hypothetical", "attributed_to")


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
    default_config={"extra_lexicons": []},
)
def make_component(nlp: Language, name: str, extra_lexicons: list[str]) -> EventsComponent:
    return EventsComponent(extra_lexicons)


class EventsComponent:
    """Finds PLOVER events; never raises on any text (a failure yields no events, logged)."""

    def __init__(self, extra_lexicons: Iterable[str] = ()) -> None:
        self.lexicon = load_lexicon(tuple(str(p) for p in extra_lexicons))

    def __call__(self, doc: Doc) -> Doc:
        try:
            doc._.ng_events = extract_events(doc, self.lexicon)
        except Exception:  # a component must not stop the batch; the article keeps its text
            log.exception("newsgraph_events failed on a document of %d tokens", len(doc))
            doc._.ng_events = []
        return doc


# ---- references to actors -----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class RefKey:
    """What identifies a participant for merging: the actor id, else its words."""

    actor: str | None
    heads: frozenset[str]
    names: frozenset[str]

    def compatible(self, other: RefKey | None) -> bool:
        if other is None:
            return True
        if self.actor and other.actor:
            return self.actor == other.actor
        if self.names and other.names and not (self.names & other.names):
            return False
        return bool(self.heads & other.heads) or bool(self.names & other.names)

    def same(self, other: RefKey | None) -> bool:
        return other is not None and self.compatible(other)


@dataclass(slots=True)
class Participant:
    ref: ActorRef
    key: RefKey | None


NO_ONE = Participant(ActorRef(None, None), None)


def _char_range(doc: Doc, start: int, end: int) -> tuple[int, int]:
    last = doc[end - 1]
    return doc[start].idx, last.idx + len(last.text)


_SPEAKERS_KEY = "newsgraph_event_pronouns"


def _speakers(doc: Doc) -> SpeakerResolver:
    """The quote extractor's pronoun resolver for this doc, built once."""
    resolver = doc.user_data.get(_SPEAKERS_KEY)
    if resolver is None:
        resolver = doc.user_data[_SPEAKERS_KEY] = SpeakerResolver(doc, load_knowledge())
    return resolver


def participants(doc: Doc, token: Token | None, with_conj: bool = True) -> list[Participant]:
    """The actor(s) a head token refers to. Conjuncts that are distinct known actors become
    separate participants ("Hezbollah and Hamas"); otherwise one span covers them."""
    if token is None:
        return [NO_ONE]
    parts = coordinated(token) if with_conj else [token]
    if len(parts) > 1:
        single = [participants(doc, part, with_conj=False)[0] for part in parts]
        actors = {p.ref.actor for p in single}
        if None not in actors and len(actors) == len(single):
            return single
    start, end = phrase_bounds(token, with_conj=with_conj and len(parts) > 1)
    start_char, end_char = _char_range(doc, start, end)
    mention = extensions.actor_mention_at(doc, start_char, end_char)
    actor = mention.actor_id if mention is not None else None
    if actor is None and end - start == 1 and token.pos_ == "PRON":
        # "Israeli officials persist in their threats": the pronoun's antecedent acts
        actor = _speakers(doc).resolve((start_char, end_char), token)
    heads = frozenset(p.lemma_.lower() for p in parts)
    names = frozenset(
        t.lemma_.lower()
        for t in doc[start:end]
        if t.pos_ == "PROPN" or (t.ent_type_ in NAME_ENTS and not t.is_stop)
    )
    # doc[a:b].text is the text slice, without rebuilding doc.text (linear in the article)
    return [
        Participant(
            ActorRef(actor, Span(start_char, end_char, doc[start:end].text)),
            RefKey(actor, heads, names),
        )
    ]


def span_key(doc: Doc, ref: ActorRef) -> RefKey | None:
    """The merge key of a reference given by span (statements' speakers)."""
    if ref.span is None:
        return RefKey(ref.actor, frozenset(), frozenset()) if ref.actor else None
    span = doc.char_span(ref.span.start, ref.span.end, alignment_mode="expand")
    if span is None:
        return RefKey(ref.actor, frozenset(), frozenset()) if ref.actor else None
    root = span.root
    if root.lower_ in RELATIVE_PRONOUNS and root.head.dep_ == "relcl":
        # "Nasrallah, who said": the speaker is the antecedent
        start, end = phrase_bounds(root.head.head)
        span = doc[start:end]
        root = span.root
    names = frozenset(
        t.lemma_.lower()
        for t in span
        if t.pos_ == "PROPN" or (t.ent_type_ in NAME_ENTS and not t.is_stop)
    )
    return RefKey(ref.actor, frozenset({root.lemma_.lower()}), names)


# ---- drafts and merging -------------------------------------------------------------------


@dataclass(slots=True)
class Draft:
    """An event being assembled, with what merging compares."""

    event: Event
    source_key: RefKey | None
    target_key: RefKey | None
    anchor: int  # character offset of the main trigger

    @property
    def start(self) -> int:
        return min([e.start for e in self.event.evidence] or [self.anchor])


def _token_span(doc: Doc, token: Token) -> Span:
    return Span(token.idx, token.idx + len(token.text), token.text)


def _statement_holding(statements: list[Statement], offset: int) -> Statement | None:
    for statement in statements:
        if any(piece.start <= offset < piece.end for piece in statement.content):
            return statement
    return None


def _disputed_ids(statements: list[Statement]) -> set[str]:
    return {s.disputes for s in statements if s.disputes}


def _nearest(items: list[tuple[int, str]], anchor: int) -> str | None:
    if not items:
        return None
    return min(items, key=lambda item: abs(item[0] - anchor))[1]


@dataclass(slots=True)
class Context:
    """What other components wrote, read once per document."""

    doc: Doc
    lexicon: Lexicon
    statements: list[Statement] = field(default_factory=list)
    place_mentions: list[tuple[int, int, str]] = field(default_factory=list)
    times: list[Any] = field(default_factory=list)
    disputed: set[str] = field(default_factory=set)

    @classmethod
    def of(cls, doc: Doc, lexicon: Lexicon) -> Context:
        statements = extensions.get_list(doc, "ng_statements")
        return cls(
            doc,
            lexicon,
            statements,
            list(extensions.get_list(doc, "ng_place_mentions")),
            list(extensions.get_list(doc, "ng_times")),
            _disputed_ids(statements),
        )

    def place_for(
        self,
        mention: Mention,
        target: Span | None,
        attributed: Statement | None,
        verbal: bool = False,
    ) -> str | None:
        """Where it happened: the target when it is a place ("the strike on Rafah"), else a
        place in the event's clause. A verbal act ("threatened Lebanon") does not happen at
        its target."""

        def in_target(start: int, end: int) -> bool:
            return target is not None and start < target.end and target.start < end

        if not verbal:
            for start, end, place_id in self.place_mentions:
                if in_target(start, end):
                    return place_id
        ranges = [(t.idx, t.idx + len(t.text)) for t in mention.clause()]
        found = [
            (start, end, place_id)
            for start, end, place_id in self.place_mentions
            if any(a <= start < b for a, b in ranges) and not (verbal and in_target(start, end))
        ]
        # "the southernmost city of the Gaza Strip, Rafah": the apposition names the spot
        specific = [
            place_id
            for start, end, place_id in found
            if (tok := self._token_at(start, end)) is not None and tok.dep_ == "appos"
        ]
        place = specific[0] if specific else self._outermost(found, mention.anchor.idx)
        if (
            place is None
            and attributed is not None
            and attributed.place
            and any(t.lower_ == "here" for t in mention.clause())
        ):
            place = attributed.place  # "launched a rocket here": where the speaker stood
        return place

    def _outermost(self, found: list[tuple[int, int, str]], anchor: int) -> str | None:
        """Of several places, the one highest in the parse: "Majdal Shams in the Golan" is
        Majdal Shams; ties go to the first named (the wider area usually follows)."""

        def rank(item: tuple[int, int, str]) -> tuple[int, int]:
            tok = self._token_at(item[0], item[1])
            depth = sum(1 for _ in tok.ancestors) if tok is not None else 99
            return depth, item[0]

        return min(found, key=rank)[2] if found else None

    def _token_at(self, start: int, end: int) -> Token | None:
        """The head token of a character range."""
        span = self.doc.char_span(start, end, alignment_mode="expand")
        return span.root if span is not None else None

    def time_for(self, mention: Mention) -> str | None:
        ranges = [(t.idx, t.idx + len(t.text)) for t in mention.clause()]
        found = [
            (time.span.start, time.id)
            for time in self.times
            if time.span is not None and any(a <= time.span.start < b for a, b in ranges)
        ]
        return _nearest(found, mention.anchor.idx)


def _acts_at_a_distance(event_type: str | None) -> bool:
    """Verbal acts aimed at a target that is not where they happen ("threatened Lebanon");
    a visit (CONSULT) happens at its target."""
    info = load_lexicon().types.get(event_type or "")
    return bool(info and info.quad.startswith("verbal") and event_type != "CONSULT")


def _drafts_of(ctx: Context, mention: Mention) -> list[Draft]:
    doc, lex = ctx.doc, ctx.lexicon
    sources = participants(doc, mention.source, with_conj=not mention.reciprocal_split)
    targets = participants(doc, mention.target, with_conj=not mention.reciprocal_split)
    info = lex.types.get(mention.type or "")
    evidence = [_token_span(doc, t) for t in sorted(mention.tokens, key=lambda t: t.i)]
    attributed = _statement_holding(ctx.statements, mention.anchor.idx)
    drafts = []
    for source in sources:
        for target in targets:
            event = Event(
                id="",
                type=mention.type or "",
                mode=mention.mode,
                cameo=info.cameo if info else None,
                quad=info.quad if info else None,
                source=source.ref,
                target=target.ref,
                evidence=list(evidence),
                place=ctx.place_for(
                    mention, target.ref.span, attributed, verbal=_acts_at_a_distance(mention.type)
                ),
                time=ctx.time_for(mention),
                magnitude={k: dict(v) for k, v in mention.magnitude.items()},
                attributed_to=attributed.id if attributed else None,
                negated=mention.negated,
                hypothetical=mention.hypothetical,
                disputed=bool(attributed and attributed.id in ctx.disputed),
            )
            drafts.append(Draft(event, source.key, target.key, mention.anchor.idx))
    return drafts


def _speech_target(ctx: Context, statement: Statement) -> Participant:
    """Whom a statement's act is aimed at: the addressee, else (for a denial) the speaker of
    the statement it disputes, else the subject of its content ("Hezbollah ... launched")."""
    if statement.addressee:
        return Participant(
            ActorRef(statement.addressee, None),
            RefKey(statement.addressee, frozenset(), frozenset()),
        )
    if statement.disputes:
        disputed = next((s for s in ctx.statements if s.id == statement.disputes), None)
        if disputed is not None and disputed.speaker.actor:
            actor = disputed.speaker.actor
            return Participant(ActorRef(actor, None), RefKey(actor, frozenset(), frozenset()))
    doc = ctx.doc
    for piece in statement.content:
        span = doc.char_span(piece.start, piece.end, alignment_mode="expand")
        if span is None:
            continue
        root = span.root
        subject = next((c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is not None and subject.pos_ != "PRON":
            found = participants(doc, subject, with_conj=False)[0]
            if found.ref.actor is None or found.ref.actor != statement.speaker.actor:
                return found
    return NO_ONE


def _speech_drafts(ctx: Context, drafts: list[Draft]) -> list[Draft]:
    """Verbal events of statements; a statement whose cue is already a trigger completes that
    event (source = speaker) instead of adding one."""
    out: list[Draft] = []
    for statement in ctx.statements:
        event_type = ctx.lexicon.speech_acts.get(statement.act)
        if event_type is None or (statement.cue_lemma or "") in ctx.lexicon.not_speech_cues:
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
        event = Event(
            id="",
            type=event_type,
            mode=None,
            cameo=info.cameo if info else None,
            quad=info.quad if info else None,
            source=statement.speaker,
            target=target.ref,
            evidence=evidence,
            place=statement.place,
            time=statement.time,
        )
        anchor = evidence[0].start if evidence else 0
        out.append(Draft(event, speaker_key, target.key, anchor))
    return out


def _compatible_values(a: Any, b: Any) -> bool:
    return a is None or b is None or a == b


def _mergeable(a: Draft, b: Draft) -> bool:
    ea, eb = a.event, b.event
    if ea.type != eb.type or any(getattr(ea, f) != getattr(eb, f) for f in MERGE_FLAGS):
        return False
    if not (_compatible_values(ea.place, eb.place) and _compatible_values(ea.time, eb.time)):
        return False
    for key in set(ea.magnitude) & set(eb.magnitude):
        if ea.magnitude[key].get("min") != eb.magnitude[key].get("min"):
            return False
    source_ok = a.source_key is None or a.source_key.compatible(b.source_key)
    target_ok = a.target_key is None or a.target_key.compatible(b.target_key)
    if not (source_ok and target_ok):
        return False
    # the same occurrence needs something in common besides the type
    shared_source = a.source_key is not None and a.source_key.same(b.source_key)
    shared_target = a.target_key is not None and a.target_key.same(b.target_key)
    shared_place = ea.place is not None and ea.place == eb.place
    return shared_source or shared_target or shared_place


def _absorb(into: Draft, other: Draft) -> None:
    event, extra = into.event, other.event
    for span in extra.evidence:
        if span not in event.evidence:
            event.evidence.append(span)
    event.evidence.sort(key=lambda s: s.start)
    # a known actor, or any span, beats nothing
    if event.source.actor is None and (event.source.span is None or extra.source.actor):
        event.source, into.source_key = extra.source, other.source_key
    if event.target.actor is None and (event.target.span is None or extra.target.actor):
        event.target, into.target_key = extra.target, other.target_key
    event.place = event.place or extra.place
    event.time = event.time or extra.time
    event.mode = event.mode or extra.mode
    for key, value in extra.magnitude.items():
        event.magnitude.setdefault(key, value)
    event.disputed = event.disputed or extra.disputed


def merge_repeats(drafts: list[Draft]) -> list[Draft]:
    """One event per occurrence: later mentions compatible with an earlier one join it."""
    kept: list[Draft] = []
    by_type: dict[str, list[Draft]] = {}  # only events of one type can merge
    for draft in sorted(drafts, key=lambda d: d.start):
        peers = by_type.setdefault(draft.event.type, [])
        home = next((k for k in peers if _mergeable(k, draft)), None)
        if home is None:
            kept.append(draft)
            peers.append(draft)
        else:
            _absorb(home, draft)
    return kept


def _has_arguments(mention: Mention) -> bool:
    """A bare nominal mention ("the war", "the massacre occurred") is not an event record."""
    if mention.anchor.pos_ not in ("NOUN", "PROPN"):
        return True
    return bool(mention.source or mention.target or mention.magnitude)


def _actor_tokens(doc: Doc) -> set[int]:
    """Indices of tokens inside an actor mention (what the actors component found)."""
    out: set[int] = set()
    for mention in extensions.get_list(doc, "ng_actor_mentions"):
        span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
        if span is not None:
            out.update(range(span.start, span.end))
    return out


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


def extract_events(doc: Doc, lexicon: Lexicon | None = None) -> list[Event]:
    """The article's events, merged and numbered ``e1, e2, ...`` in text order."""
    lexicon = lexicon or load_lexicon()
    ctx = Context.of(doc, lexicon)
    drafts: list[Draft] = []
    actor_tokens = _actor_tokens(doc)
    for sent in doc.sents:
        for mention in SentenceDetector(sent, lexicon, actor_tokens).run():
            if _has_arguments(mention):
                drafts.extend(_drafts_of(ctx, mention))
    drafts.extend(_speech_drafts(ctx, drafts))
    drafts = drop_background(doc, drafts, lexicon, actor_tokens)
    merged = merge_repeats(drafts)
    merged.sort(key=lambda d: d.start)
    events = []
    for number, draft in enumerate(merged, start=1):
        draft.event.id = f"e{number}"
        events.append(draft.event)
    return events


# ---- helpers for scorers and users --------------------------------------------------------


def anchor_token(doc: Doc, event: Event) -> Token | None:
    """The trigger token of an event that stands highest in the parse (its main word)."""
    best: Token | None = None
    best_depth = 10**6
    for span in event.evidence:
        char = doc.char_span(span.start, span.end, alignment_mode="expand")
        if char is None:
            continue
        for token in char:
            depth = sum(1 for _ in token.ancestors)
            if depth < best_depth:
                best, best_depth = token, depth
    return best


def _dominating_ancestors(token: Token) -> set[int]:
    """Ancestors that govern ``token``'s event: not the heads of a coordination it is part of
    ("kidnapped ... and exploded"), which are its peers."""
    top = token
    while top.dep_ == "conj" and top.head is not top:
        top = top.head
    return {t.i for t in top.ancestors}


def main_events(
    doc: Doc, events: list[Event], speech_lemmas: frozenset[str] | None = None
) -> list[Event]:
    """The events a one-line summary of each sentence would give: those whose trigger does not
    depend on another event's trigger (drops "after a demonstration" under "imposed a curfew").
    An event anchored on a reporting verb ("officials said") gives way to the events it
    reports."""
    speech_lemmas = speech_lemmas if speech_lemmas is not None else load_lexicon().speech_verbs
    anchors = {event.id: anchor_token(doc, event) for event in events}
    evidence_tokens: dict[str, set[int]] = {}
    for event in events:
        ids: set[int] = set()
        for span in event.evidence:
            char = doc.char_span(span.start, span.end, alignment_mode="expand")
            if char is not None:
                ids.update(t.i for t in char)
        evidence_tokens[event.id] = ids
    reporting = {  # a bare report ("officials said"), not a demand read from it
        event.id
        for event in events
        if (a := anchors[event.id]) is not None
        and a.lemma_.lower() in speech_lemmas
        and len(event.evidence) == 1
    }
    dominated: set[str] = set()
    for event in events:
        anchor = anchors[event.id]
        if anchor is None:
            dominated.add(event.id)
            continue
        ancestors = _dominating_ancestors(anchor)
        for other in events:
            if other.id == event.id or evidence_tokens[other.id] & evidence_tokens[event.id]:
                continue
            if ancestors & evidence_tokens[other.id]:
                if other.id in reporting:
                    dominated.add(other.id)  # the report gives way to what it reports
                else:
                    dominated.add(event.id)
    return [event for event in events if event.id not in dominated]
