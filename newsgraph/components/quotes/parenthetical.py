"""A reporting clause set off by commas inside an unquoted sentence reports the words on both
sides of it: "Though that transition was seamless, he said, replacing her would be harder." and
"This campaign, he says, is different." say one thing in two pieces.

PolNeAR's annotators (the 420 train articles and the fit part of dev; the clause is the cue and
its source, a comma on each side, words on both sides, no double quote mark in the sentence)
mark both sides in 105 of 139 such sentences, the words before only in 21, after only in 13.
So the words before are added to a content that is the whole of the words after (gold holds
them in 122 of 131), unless they are a connective alone ("So, you might be asking, ...":
both 4, after only 4). The words after are added where they hold the sentence's clause or the
words before hold none: gold holds them in 85 of the 87 sentences of that shape. An adjunct
after a whole clause (a phrase, a participle, a clause hanging on the words before or an
adverbial clause: "X struck the port, officials said, as the war entered its third year"), a
side opening with a conjunction or a wh-word, a side another statement holds ("..., Cruz
explained, recalling ...") and a side next to a content that is not the whole other side are
left out: where the words after are left out gold holds them in 33 of 52 and leaves them out
in 19, too split to take."""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from ...extensions import doc_text
from .draft import Draft, Range
from .scan import Quote, trim_range

_SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj", "csubjpass", "expl"})
_CONNECTIVE_POS = frozenset({"ADV", "CCONJ", "INTJ", "SCONJ", "PART"})
_WH_TAGS = frozenset({"WP", "WDT", "WRB", "WP$"})


def join_parenthetical_hosts(doc: Doc, drafts: list[Draft], quotes: list[Quote]) -> None:
    """Give a draft whose cue is a comma-bounded reporting clause in the middle of an unquoted
    sentence, and whose content lies on one side of it, the words on the other side too."""
    text = doc_text(doc)
    for draft in drafts:
        if draft.cue is None or draft.token is None or not draft.content:
            continue
        sent = draft.token.sent
        clause = _clause(draft, sent)
        if clause is None or any(
            q.start < sent.end_char and sent.start_char < q.end for q in quotes
        ):
            continue
        before, after = _sides(text, sent, clause)
        if before is None or after is None:
            continue
        if not all(sent.start_char <= s and e <= sent.end_char for s, e in draft.content):
            continue
        taken = [r for other in drafts if other is not draft for r in _ranges(other)]
        # our content is the whole of one side: it ends where the clause's comma is, or starts
        # right after the other one ("On the other hand, X has reiterated, through ..., its
        # readiness": the content after the clause is no host of it)
        if draft.content[-1][1] == before[1] and _takes_after(doc, before, after):
            side = after
        elif draft.content[0][0] == after[0] and not _connective_only(doc, before):
            side = before
        else:
            continue
        if not any(s < side[1] and side[0] < e for s, e in taken):  # one attribution a word
            draft.content = sorted([*draft.content, side])


def _clause(draft: Draft, sent: Span) -> Range | None:
    """The reporting clause: the cue and, when it lies in the same sentence, the source."""
    pieces = [draft.cue]
    if draft.source is not None and sent.start_char <= draft.source[0] < sent.end_char:
        pieces.append(draft.source)
    start, end = min(s for s, _ in pieces), max(e for _, e in pieces)
    if text_between_is_long(draft, start, end):
        return None
    return (start, end)


def text_between_is_long(draft: Draft, start: int, end: int) -> bool:
    """A clause of more than a dozen words is no aside."""
    return len(draft.token.doc.char_span(start, end, alignment_mode="expand") or ()) > 12


def _sides(text: str, sent: Span, clause: Range) -> tuple[Range | None, Range | None]:
    """The words before and after the clause, each when a comma separates it from the clause."""
    cs, ce = clause
    left, right = text[sent.start_char : cs].rstrip(), text[ce : sent.end_char].lstrip()
    if not left.endswith(",") or not right.startswith(","):
        return None, None
    before = trim_range(text, sent.start_char, sent.start_char + len(left) - 1)
    after_start = sent.end_char - len(right) + 1
    after = trim_range(text, after_start, sent.end_char, tail=".")
    if after is not None and sum(ch.isalnum() for ch in text[after[0] : after[1]]) < 3:
        after = None
    return before, after


def _takes_after(doc: Doc, before: Range, after: Range) -> bool:
    """The words after the clause continue the host: they hold the sentence's clause ("...,
    he said, replacing her would be harder"), or the words before hold none ("This campaign,
    he says, is different"); an adjunct after a whole clause, a phrase or a clause hanging on
    the words before ("X struck the port, officials said, in response to ...", "..., as the
    war entered its third year"), is left out."""
    words = _words(doc, after)
    if not words or words[0].pos_ == "CCONJ" or words[0].tag_ in _WH_TAGS:
        return False
    before_words = _words(doc, before)
    if not _has_clause(before_words):
        return True
    inside = {t.i for t in before_words}
    return _has_clause(words) and not any(
        t.head.i in inside or t.dep_ == "advcl" for t in _roots(words)
    )


def _connective_only(doc: Doc, before: Range) -> bool:
    """ "So, you might be asking, ...", "Still, he said, ...": a fronted connective alone
    (gold: both sides 4, the words after only 4)."""
    return all(t.pos_ in _CONNECTIVE_POS for t in _words(doc, before))


def _words(doc: Doc, side: Range) -> list[Token]:
    return [t for t in doc.char_span(*side, alignment_mode="expand") or () if not t.is_punct]


def _roots(words: list[Token]) -> list[Token]:
    """The words' own heads: those hanging outside them (or the sentence's root)."""
    inside = {t.i for t in words}
    return [t for t in words if t.head.i not in inside or t.head == t]


def _has_clause(words: list[Token]) -> bool:
    """Whether the words' own head is a verb with a subject; a relative clause inside a phrase
    ("including a provision that could ...") is none."""
    return any(
        t.pos_ in ("VERB", "AUX") and any(c.dep_ in _SUBJECTS for c in t.children)
        for t in _roots(words)
    )


def _ranges(draft: Draft) -> list[Range]:
    return [r for r in (draft.cue, *draft.content) if r is not None]
