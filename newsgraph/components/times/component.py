"""``newsgraph_times``: time expressions found and normalised against the publication date.

Recognition is a rule grammar in data files (``data/en/time_vocab.yaml`` and
``time_patterns.yaml``, HeidelTime style): each rule's regex runs over the stretches of
``doc.text`` near its trigger words, overlaps resolved longest-first. Normalisation
(``normalise.py``) anchors each expression on the article's publication date; the only use
of the parse is the tense of the verb governing a bare weekday or month ("met on Monday" → the
Monday before, "will meet on Monday" → the one after).

Writes ``doc._.ng_times`` (``model.Time``, ids ``t1``, ``t2``, ... in text order) and
``doc._.ng_time_details`` (one ``TimeDetail`` per time, same order): the TimeML value and mod,
and the interval an expression covers. Spans follow TimeML, so "since October 8, 2023" gives
the span "October 8, 2023" with value ``2023-10-08`` and the open interval
``2023-10-08/2024-07-29`` (to the publication date) in its detail; "early July" has the record
value ``2024-07-01/2024-07-10`` and the TimeML value ``2024-07`` with mod ``START``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import asdict, dataclass
from datetime import date
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from ... import extensions
from ...model import Span, Time
from .calendar_math import Tense, shift
from .grammar import Grammar, load_grammar
from .normalise import normalise
from .reading import Context, Norm

DETAILS_EXTENSION = "ng_time_details"
if not Doc.has_extension(DETAILS_EXTENSION):
    Doc.set_extension(DETAILS_EXTENSION, default=None)

# Words before an expression that open an interval from it to the publication date.
OPEN_INTERVAL_WORDS = ("since",)
# A whole number of calendar units: the durations an elapsed interval is counted from.
WHOLE_DURATION = re.compile(r"P(\d+)([DWMY])")


@dataclass(frozen=True, slots=True)
class TimeDetail:
    """What a ``model.Time`` does not hold: TimeML's own value and mod, and the interval."""

    id: str
    timeml_value: str | None
    timeml_type: str
    mod: str | None
    interval: str | None  # "start/end": a part-of period, or an open interval ("since ...")
    rule: str

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)  # the fields in declaration order; every value is a str or None


@dataclass(frozen=True, slots=True)
class FoundTime:
    """A time expression found in a text: the record and its detail."""

    time: Time
    detail: TimeDetail


def find_times(
    text: str,
    anchor: date | None,
    tense_of: Callable[[int, int], Tense] | None = None,
    grammar: Grammar | None = None,
    clause_tense_of: Callable[[int, int], Tense] | None = None,
) -> list[FoundTime]:
    """Time expressions of ``text`` normalised against ``anchor`` (the publication date).

    ``tense_of(start, end)`` gives the tense governing a span ("past", "present", "future" or
    None); without it bare weekdays resolve to the past and bare months to the anchor's year.
    ``clause_tense_of(start, end)`` gives the tense of the main clause that the word at the
    span ("after") attaches to; without it no elapsed interval is read.
    """
    grammar = grammar or load_grammar()
    ctx = Context(text, anchor, grammar, tense_of or _no_tense)
    found: list[FoundTime] = []
    for cand in grammar.scan(text):
        norm = normalise(cand, ctx)
        if norm is None:
            continue
        time_id = f"t{len(found) + 1}"
        interval = (
            norm.interval
            or _open_interval(text, cand.start, norm, anchor)
            or _elapsed_interval(text, cand.end, norm, anchor, clause_tense_of)
        )
        time = Time(
            time_id,
            Span.of(text, cand.start, cand.end),
            norm.value,
            norm.granularity,
            norm.type,
            interval,
        )
        detail = TimeDetail(time_id, norm.timeml, norm.type, norm.mod, interval, cand.rule.name)
        found.append(FoundTime(time, detail))
    return found


def _no_tense(start: int, end: int) -> Tense:
    return None


def _open_interval(text: str, start: int, norm: Norm, anchor: date | None) -> str | None:
    """``since X`` → ``X/anchor`` for a resolved calendar value."""
    before = text[max(0, start - 12) : start].lower().split()
    if not before or before[-1] not in OPEN_INTERVAL_WORDS or anchor is None:
        return None
    value = norm.timeml or ""
    if norm.type != "DATE" or not value[:4].isdigit() or "/" in value:
        return None
    return f"{value}/{anchor.isoformat()}"


def _elapsed_interval(
    text: str,
    end: int,
    norm: Norm,
    anchor: date | None,
    clause_tense_of: Callable[[int, int], Tense] | None,
) -> str | None:
    """``A week after the strike, residents are still repairing`` → ``anchor − P1W/anchor``.

    A duration before "after" whose main clause is in the present is the time elapsed from the
    event after "after" up to publication, so it covers the days from that event to the anchor.
    The TimeML value stays the duration (TimeBank writes "twenty years after ..." as P20Y); in
    the past tense ("Two days after the strike, officials said") the reference is not known.
    """
    found = re.match(r"\s*(after)\b", text[end : end + 12], re.IGNORECASE)
    duration = WHOLE_DURATION.fullmatch(norm.timeml or "")
    if not found or duration is None or anchor is None or clause_tense_of is None:
        return None
    word_start = end + found.start(1)
    if clause_tense_of(word_start, word_start + len("after")) != "present":
        return None
    start = shift(anchor, -int(duration.group(1)), duration.group(2))
    return f"{start.isoformat()}/{anchor.isoformat()}"


@dataclass(frozen=True, slots=True)
class TenseWords:
    """Lemmas and auxiliaries that make a verb point to the future (from time_vocab.yaml)."""

    future_verbs: frozenset[str]
    future_auxiliaries: frozenset[str]
    deferral_verbs: frozenset[str] = frozenset()

    @classmethod
    def of(cls, grammar: Grammar) -> TenseWords:
        return cls(grammar.future_verbs, grammar.future_auxiliaries, grammar.deferral_verbs)


def tense_at(doc: Doc, start: int, end: int, words: TenseWords | None = None) -> Tense:
    """The tense of the verb that governs the tokens at [start, end) (None without a parse)."""
    if not doc.has_annotation("DEP"):
        return None
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    words = words or TenseWords.of(load_grammar())
    if span.end < len(doc) and doc[span.end].tag_ == "POS":
        return "past"  # "Wednesday's ruling": a possessive date names a known, past event
    token = span.root
    until = False  # "until Tuesday", "till Friday": a deadline
    for _ in range(6):
        if token.lower_ == "soon" and token.i not in range(span.start, span.end):
            return "future"  # "as soon as Tuesday": the earliest day still to come
        if token.pos_ in ("VERB", "AUX") and token.i not in range(span.start, span.end):
            tense = _verb_tense(token, words)
            if until and tense == "past" and token.lemma_.lower() in words.deferral_verbs:
                return "future"  # "postponed the vote until Tuesday"
            return tense
        if token.head.i == token.i:
            break
        until = until or token.lower_ in ("until", "till")
        token = token.head
    return _verb_tense(token, words) if token.pos_ in ("VERB", "AUX") else None


def clause_tense_at(doc: Doc, start: int, end: int, words: TenseWords | None = None) -> Tense:
    """The tense of the main clause that the word at [start, end) attaches to: for "after" as a
    subordinator ("A week after a missile killed 12, residents are ...") the clause above the
    subordinate verb, else the clause that governs the word."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    word = span.root
    if word.dep_ == "mark" and word.head.i != word.i:
        verb = word.head  # tense_at steps over a verb inside its span to the one above
        return tense_at(doc, verb.idx, verb.idx + len(verb.text), words)
    return tense_at(doc, start, end, words)


def _verb_tense(verb: Any, words: TenseWords) -> Tense:
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    aux_words = {a.lower_ for a in auxes}
    aux_tags = {a.tag_ for a in auxes}
    if aux_words & words.future_auxiliaries:
        return "future"
    lemma = verb.lemma_.lower()
    if lemma in words.future_verbs and verb.tag_ != "VBD" and "VBD" not in aux_tags:
        return "future"
    if verb.tag_ == "VBD" or "VBD" in aux_tags:
        return "past"
    if verb.tag_ == "VBN":
        if aux_words & {"has", "have", "had", "'ve"}:
            return "past"
        if aux_tags & {"VBZ", "VBP"}:
            return "present"  # "the case is heard in May"
        return "past"  # "was killed Friday", "the decision, announced Wednesday"
    if verb.tag_ in ("VBZ", "VBP") or (verb.tag_ == "VBG" and auxes):
        return "present"  # "meets Monday", "is meeting Monday": news present is scheduled
    if verb.tag_ == "VBG":
        return "past"  # "closing unchanged Friday"
    if verb.tag_ == "VB":
        head = verb.head
        if "to" in aux_words:
            # an infinitive happens after its governor: "plans to meet", "agreed to buy"
            if head.lemma_.lower() in words.future_verbs:
                # ... unless the plan itself is past perfect: "had been due to expire Friday"
                return "past" if _past_perfect(head) else "future"
            if head.lemma_.lower() == "be" and head.tag_ in ("VBZ", "VBP") and verb.dep_ == "xcomp":
                return "future"  # "is to resume trading Tuesday": a schedule
            return None
        if head.i != verb.i and head.pos_ in ("VERB", "AUX"):
            return _verb_tense(head, words)
        return "future"
    return None


def _past_perfect(verb: Any) -> bool:
    """Whether ``verb`` (or the copula it hangs from: "had been due") has the auxiliary "had"."""
    for token in (verb, verb.head):
        if any(c.dep_ in ("aux", "auxpass") and c.lower_ in ("had", "'d") for c in token.children):
            return True
        if token.head.i == token.i:
            break
    return False


@Language.factory(
    "newsgraph_times",
    assigns=["doc._.ng_times", f"doc._.{DETAILS_EXTENSION}"],
    # doc._.ng_article (the publication date) is set by the caller, not by a component
    requires=["token.dep", "token.tag"],
)
def make_component(nlp: Language, name: str) -> TimesComponent:
    return TimesComponent()


class TimesComponent:
    """Finds and normalises the time expressions of a ``Doc`` (see the module docstring)."""

    def __init__(self, grammar: Grammar | None = None) -> None:
        self.grammar = grammar or load_grammar()
        self.tense_words = TenseWords.of(self.grammar)

    def __call__(self, doc: Doc) -> Doc:
        anchor = extensions.publication_date(doc)
        found = find_times(
            extensions.doc_text(doc),
            anchor,
            lambda s, e: tense_at(doc, s, e, self.tense_words),
            self.grammar,
            lambda s, e: clause_tense_at(doc, s, e, self.tense_words),
        )
        doc._.ng_times = [f.time for f in found]
        setattr(doc._, DETAILS_EXTENSION, [f.detail for f in found])
        return doc


# Kept for code that imports the stub's name.
Component = TimesComponent


def time_details(doc: Doc) -> list[TimeDetail]:
    """The ``TimeDetail`` list of a processed doc (empty when the component did not run)."""
    return extensions.get_list(doc, DETAILS_EXTENSION)


def interval_of(doc: Doc, time_id: str) -> str | None:
    """The interval a time covers ("2023-10-08/2024-07-29" for "since October 8, 2023"), or its
    value when it has none."""
    for time, detail in zip(doc._.ng_times or [], time_details(doc), strict=False):
        if time.id == time_id:
            return detail.interval or time.value
    return None


def timex_pipeline(model: str | None = None) -> Language:
    """The spaCy model plus ``newsgraph_times`` only (what the TimeML scorer needs)."""
    from ...nlp import add_components, load_spacy_model

    nlp = load_spacy_model(model)
    if "ner" in nlp.pipe_names:
        nlp.disable_pipe("ner")  # tense needs the tagger and parser, not entities
    return add_components(nlp, ("newsgraph_times",))
