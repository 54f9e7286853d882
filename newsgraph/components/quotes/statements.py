"""Drafts become Statements: the speaker resolved to an actor, kind from the quote overlap, act,
addressee, time and the statement a denial disputes."""

from __future__ import annotations

from spacy.tokens import Doc

from ... import extensions
from ...extensions import doc_text, sentence_of
from ...model import ActorRef, Span, Statement
from .acts import classify_act, disputed_statement
from .draft import Draft, Range
from .lexicon import QuoteKnowledge
from .places import assign_places
from .scan import Quote
from .spans import quote_containing, without_dateline
from .speakers import Speakers


def to_statements(
    doc: Doc, knowledge: QuoteKnowledge, quotes: list[Quote], drafts: list[Draft]
) -> list[Statement]:
    text = doc_text(doc)
    speakers = Speakers(doc)
    times = extensions.get_list(doc, "ng_times")
    statements: list[Statement] = []
    seen: set[tuple[Range | None, tuple[Range, ...]]] = set()
    for draft in drafts:
        key = (draft.cue, tuple(draft.content))
        if key in seen:
            continue
        seen.add(key)
        draft.source = without_dateline(text, draft.source)
        if draft.content:
            draft.content[0] = without_dateline(text, draft.content[0]) or draft.content[0]
        actor = speakers.resolve(draft.source, draft.source_token, draft.content)
        speakers.spoke(actor, max(e for _, e in [*draft.content, draft.cue or (0, 0)]))
        content = [Span.of(text, s, e) for s, e in draft.content]
        statement = Statement(
            id=f"s{len(statements) + 1}",
            speaker=ActorRef(actor, Span.of(text, *draft.source) if draft.source else None),
            cue=Span.of(text, *draft.cue) if draft.cue else None,
            cue_lemma=draft.lemma,
            content=content,
            kind=_kind(text, quotes, draft.content),
            act="claim",
            addressee=speakers.addressee(draft.addressee),
            time=_time_of(draft, times),
        )
        statement.act = classify_act(draft, statement, doc, knowledge)
        if statement.act == "denial":
            statement.disputes = disputed_statement(statement, statements, doc, knowledge)
        statements.append(statement)
    assign_places(doc, text, statements)
    return statements


def _kind(text: str, quotes: list[Quote], content: list[Range]) -> str:
    inside = 0
    touching = 0
    for start, end in content:
        trimmed = _trim_quote_marks(text, start, end)
        if quote_containing(quotes, *trimmed) is not None:
            inside += 1
        elif any(q.start < end and start < q.end for q in quotes):
            touching += 1
    if inside == len(content):
        return "direct"
    return "mixed" if inside or touching else "indirect"


def _trim_quote_marks(text: str, start: int, end: int) -> Range:
    marks = "\"“”„«»‘’'‚ .,;:!?"
    while start < end and text[start] in marks:
        start += 1
    while end > start and text[end - 1] in marks:
        end -= 1
    return start, end


def _time_of(draft: Draft, times: list) -> str | None:
    """The time expression of the cue's sentence, outside the content, nearest the cue."""
    if draft.token is None or not times:
        return None
    sent = sentence_of(draft.token)
    cue_at = draft.token.idx
    best: tuple[int, str] | None = None
    for time in times:
        span = time.span
        if not (sent.start_char <= span.start and span.end <= sent.end_char):
            continue
        if any(s <= span.start and span.end <= e for s, e in draft.content):
            continue
        distance = abs(span.start - cue_at)
        if best is None or distance < best[0]:
            best = (distance, time.id)
    return best[1] if best else None
