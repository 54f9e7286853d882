"""Background mentions: events a sentence names but does not report as happening.

Event coders (PETRARCH-2, the PLOVER gold records) code what a sentence reports as happening
now, not the history it recalls, the wishes it relays or a private incident. A trigger found by
``event_detect`` is dropped as background when one of these rules holds (the word lists and the
number of years are in the ``background`` section of ``data/en/event_triggers.yaml``):

- **history**: a verbal event (an accusation, a denial, a demand, ...) whose *matter* holds a
  time ``history_years`` or more before the publication date ("France accused Rwanda of
  alleging that Paris played a role in the 1994 genocide"), or any event whose *own* time is
  that old ("In 1994, militias massacred ...", "the 1994 genocide"). The matter is the
  trigger's dependency subtree less its subject, its adverbial clauses and conjuncts, and less
  any clause describing a participant ("nationals suspected of a 1988 bombing" says who, not
  what). A time after "since" is an open period reaching today. Without a publication date the
  rule does not apply.
- **back-reference**: a nominal event with a retrospective modifier ("ties frayed by an initial
  threat to boycott", "on probation for a previous arrest") refers back to an event reported
  before, unless it is the subject of a clause ("An initial investigation found ...").
- **wish**: an act in the clause of a wish verb whose subject is another party, or a passive
  ("she hoped French officials would be indicted"): nobody acts, commits or is asked. (A
  statement whose content is such a wish yields no verbal event: see ``wish_statement``.)
- **incident**: a lone unnamed private person (``individuals``) acting on a thing (a noun of
  the ``thing_classes``: a building, a road, supplies), with no resolved actor, no name or
  nationality and no place in the event ("A man demolished the shed."): an incident, not an
  event between political actors.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from spacy.tokens import Doc, Token

from ... import extensions
from ...model import ActorRef, Event, Time
from ..tokens import has_head
from .lexicon import Background, Lexicon
from .roles import child, is_verbal
from .targets import NATIONALITY_ENTS, actor_like
from .triggers import lemma_candidates, noun_sense

NAMED_ENTS = NATIONALITY_ENTS | {"LOC", "FAC"}
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj", "csubjpass", "expl", "agent"})
# edges that leave what an event is about: circumstances, peers, asides
NOT_MATTER = frozenset({"advcl", "conj", "cc", "preconj", "parataxis", "punct", "appos", "mark"})
DESCRIPTIONS = frozenset({"acl", "relcl"})
_VALUE = re.compile(r"^(\d{2,4})(?:-(\d{2}))?(?:-(\d{2}))?")


# ---- historical times -----------------------------------------------------------------------


def value_end(value: str | None) -> date | None:
    """The last day a TimeML-style value can mean: ``1994`` → 1994-12-31, ``199`` (the 1990s)
    → 1999-12-31, ``1994-05`` → 1994-05-28 (close enough for years), an interval's end; None
    for durations, unresolved and relative values."""
    if not value:
        return None
    if "/" in value:
        return value_end(value.split("/")[-1])
    match = _VALUE.match(value)
    if match is None:
        return None
    digits, month, day = match.groups()
    try:
        if len(digits) == 2:  # century
            return date(int(digits) * 100 + 99, 12, 31)
        if len(digits) == 3:  # decade
            return date(int(digits) * 10 + 9, 12, 31)
        year = int(digits)
        if month is None:
            return date(year, 12, 31)  # a year, or a week / quarter / season of it
        if day is None:
            return date(year, int(month), 28)
        return date(year, int(month), int(day))
    except ValueError:  # "0000", "1994-13"
        return None


def is_historical(time: Time, published: date, years: int) -> bool:
    """A time that ended ``years`` or more before the publication date."""
    end = value_end(time.interval or time.value)
    if end is None:
        return False
    try:
        limit = published.replace(year=published.year - years)
    except ValueError:  # 29 February
        limit = published.replace(year=published.year - years, day=28)
    return end <= limit


def historical_tokens(doc: Doc, rules: Background) -> set[int]:
    """Indices of the tokens of times far before the publication date (none without one)."""
    published = extensions.publication_date(doc)
    if published is None or not rules.history_years:
        return set()
    out: set[int] = set()
    for time in extensions.get_list(doc, "ng_times"):
        if time.span is None or not is_historical(time, published, rules.history_years):
            continue
        span = doc.char_span(time.span.start, time.span.end, alignment_mode="expand")
        if span is None or _ongoing(span.root, rules):
            continue
        out.update(range(span.start, span.end))
    return out


def _ongoing(token: Token, rules: Background) -> bool:
    """ "since 1967": the period runs to today."""
    head = token.head
    if token.dep_ == "pobj" and head.lower_ in rules.ongoing_preps:
        return True
    return token.i > 0 and token.doc[token.i - 1].lower_ in rules.ongoing_preps


# ---- what an event is about -------------------------------------------------------------------


def matter(
    anchor: Token,
    lex: Lexicon,
    actor_tokens: set[int],
    own: bool = False,
    evidence: frozenset[int] = frozenset(),
) -> set[int]:
    """The tokens an event is about (see the module docstring). ``own``: only the modifiers of
    the event's own trigger words (``evidence``), not reaching into another verb or event noun
    ("arrested a man over the 1994 bombing": the bombing's time, not the arrest's)."""
    out: set[int] = set()
    stack = [c for c in anchor.children if c.dep_ not in NOT_MATTER | SUBJECT_DEPS]
    while stack:
        token = stack.pop()
        out.add(token.i)
        if (
            own
            and token.i not in evidence
            and (is_verbal(token) or (token.pos_ == "NOUN" and noun_sense(token, lex) is not None))
        ):
            continue
        describes_participant = actor_like(token, lex, actor_tokens)
        for c in token.children:
            if c.dep_ in NOT_MATTER:
                continue
            if c.dep_ in DESCRIPTIONS and describes_participant:
                continue  # "nationals suspected of a 1988 bombing": who, not what
            stack.append(c)
    return out


def evidence_tokens(doc: Doc, event: Event) -> frozenset[int]:
    out: set[int] = set()
    for piece in event.evidence:
        span = doc.char_span(piece.start, piece.end, alignment_mode="expand")
        if span is not None:
            out.update(range(span.start, span.end))
    return frozenset(out)


def recalls_history(
    event: Event, anchor: Token, lex: Lexicon, actor_tokens: set[int], historical: set[int]
) -> bool:
    """A verbal event whose matter, or any event whose own time, is historical."""
    if not historical:
        return False
    verbal = bool(event.quad and event.quad.startswith("verbal"))
    own = evidence_tokens(anchor.doc, event)
    return bool(matter(anchor, lex, actor_tokens, not verbal, own) & historical)


def refers_back(anchor: Token, rules: Background) -> bool:
    """ "frayed by an initial threat to boycott", "on probation for a previous arrest"; not the
    subject of a clause, which is what the clause reports ("An initial investigation revealed
    ...")."""
    if anchor.pos_ not in ("NOUN", "PROPN") or anchor.dep_ in ("nsubj", "nsubjpass"):
        return False
    return any(
        c.dep_ in ("amod", "advmod") and c.lower_ in rules.retrospective_modifiers
        for c in anchor.children
    )


# ---- wishes -----------------------------------------------------------------------------------


def _is_wish_verb(token: Token, rules: Background) -> bool:
    return is_verbal(token) and any(k in rules.wish_verbs for k in lemma_candidates(token))


def wished(anchor: Token, rules: Background) -> bool:
    """An act in a wish clause with another party (or nobody named) as its doer: "hoped French
    officials would be indicted", not "hoped to reach a deal" nor "hopes it will win"."""
    if not is_verbal(anchor):
        return False
    clause = anchor
    while clause.dep_ == "conj" and has_head(clause):
        clause = clause.head
    if clause.dep_ not in ("ccomp", "xcomp") or not _is_wish_verb(clause.head, rules):
        return False
    subject = child(clause, "nsubj", "nsubjpass")
    if subject is None:
        return False  # "hoped to reach a deal": the wisher's own intent
    if subject.dep_ == "nsubjpass":
        return True
    if subject.pos_ == "PRON":
        return False
    wisher = child(clause.head, "nsubj")
    return wisher is None or wisher.lemma_.lower() != subject.lemma_.lower()


def wish_statement(doc: Doc, content_start: int, content_end: int, rules: Background) -> bool:
    """A statement whose content is a wish ("said she hoped ...") is no speech act."""
    span = doc.char_span(content_start, content_end, alignment_mode="expand")
    return span is not None and len(span) > 0 and _is_wish_verb(span.root, rules)


# ---- incidents --------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Phrase:
    root: Token | None
    named: bool


def _phrase(doc: Doc, ref: ActorRef) -> _Phrase:
    if ref.span is None:
        return _Phrase(None, ref.actor is not None)
    span = doc.char_span(ref.span.start, ref.span.end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return _Phrase(None, ref.actor is not None)
    named = ref.actor is not None or any(
        t.ent_type_ in NAMED_ENTS or t.pos_ == "PROPN" for t in span
    )
    return _Phrase(span.root, named)


def incident(doc: Doc, event: Event, lex: Lexicon) -> bool:
    """A lone unnamed private person acting on a thing, nowhere named: "A man demolished the
    shed." (not "A man shot a policeman", "A man opened fire", "Protesters demolished the
    shed", "A man demolished the shed in Kyiv")."""
    rules = lex.background
    if event.place is not None:
        return False
    source, target = _phrase(doc, event.source), _phrase(doc, event.target)
    if source.root is None or target.root is None or source.named or target.named:
        return False
    person, thing = source.root, target.root
    if person.tag_ != "NN" or person.lemma_.lower() not in rules.individuals:
        return False
    # only a known kind of thing: a building, a road, supplies; never a person or a group
    classes = lex.classes_of(thing.lemma_.lower())
    return thing.pos_ == "NOUN" and bool(classes) and classes <= rules.thing_classes


# ---- the test ---------------------------------------------------------------------------------


@dataclass(slots=True)
class BackgroundTest:
    """Built once per document: which tokens are historical times, which are actors."""

    doc: Doc
    lex: Lexicon
    actor_tokens: set[int]
    historical: set[int]

    @classmethod
    def of(cls, doc: Doc, lex: Lexicon, actor_tokens: set[int]) -> BackgroundTest:
        return cls(doc, lex, actor_tokens, historical_tokens(doc, lex.background))

    def reason(self, event: Event, anchor: Token | None) -> str | None:
        """Why the event is background ("history", "back-reference", "wish", "incident"), or
        None when it is an event the text reports."""
        rules = self.lex.background
        if anchor is not None:
            if recalls_history(event, anchor, self.lex, self.actor_tokens, self.historical):
                return "history"
            if refers_back(anchor, rules):
                return "back-reference"
            if wished(anchor, rules):
                return "wish"
        if incident(self.doc, event, self.lex):
            return "incident"
        return None
