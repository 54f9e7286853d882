"""Where a statement was made: the place its sentence states, outside what was said.

"During a visit to Majdal Shams, Netanyahu accused Hezbollah of ..." → Majdal Shams. Places
inside any statement's content are what was talked about, not where; nor is the target of
"a strike against Lebanon". A quote that says "here" without naming a place takes the place of
the same speaker's statement just before it (Netanyahu "said" the quote at that visit).
"""

from __future__ import annotations

import re

from spacy.tokens import Doc

from ...extensions import get_list, sentence_of
from ...model import Statement

# words before a place that make it a target or a topic, not where the speaker was
NOT_WHERE = re.compile(r"\b(?:against|on|toward|towards|at war with|about|over)\s+(?:the\s+)?$")
# a place inside a clause that describes a noun says where that thing was
NOUN_CLAUSES = frozenset({"acl", "relcl"})
# the cue's object or addressee: "sent a message to fighters in Lebanon" is not where from
RECIPIENT_DEPS = frozenset({"dobj", "dative", "iobj"})
HERE = re.compile(r"\bhere\b", re.IGNORECASE)
# how far back (characters) "here" may look for the same speaker's earlier statement
HERE_REACH = 600


def assign_places(doc: Doc, text: str, statements: list[Statement]) -> None:
    """Fill ``Statement.place`` where the text states it (in place)."""
    mentions = get_list(doc, "ng_place_mentions")
    if not mentions or not statements:
        return
    contents = [(c.start, c.end) for s in statements for c in s.content]
    for statement in statements:
        if statement.cue is None:
            continue
        sentence = _sentence_bounds(doc, statement.cue.start)
        excluded = contents + _recipients(doc, statement.cue.start)
        statement.place = _stated_place(doc, text, mentions, excluded, sentence)
    for statement in statements:
        if statement.place is None and _says_here(statement):
            statement.place = _earlier_place_of_speaker(statements, statement)


def _sentence_bounds(doc: Doc, char: int) -> tuple[int, int]:
    token = doc.char_span(char, char + 1, alignment_mode="expand")
    if token is None or len(token) == 0:
        return char, char
    sent = sentence_of(token[0])
    return sent.start_char, sent.end_char


def _recipients(doc: Doc, cue_start: int) -> list[tuple[int, int]]:
    """Character ranges of the cue's object and addressee phrases."""
    cue = doc.char_span(cue_start, cue_start + 1, alignment_mode="expand")
    if cue is None or len(cue) == 0:
        return []
    ranges = []
    for child in cue[0].children:
        if child.dep_ in RECIPIENT_DEPS or (child.dep_ == "prep" and child.lower_ == "to"):
            subtree = list(child.subtree)
            ranges.append((subtree[0].idx, subtree[-1].idx + len(subtree[-1])))
    return ranges


def _stated_place(
    doc: Doc,
    text: str,
    mentions: list[tuple[int, int, str]],
    contents: list[tuple[int, int]],
    sentence: tuple[int, int],
) -> str | None:
    """The first place of the sentence that is neither said nor a target."""
    for start, end, place_id in sorted(mentions):
        if not (sentence[0] <= start and end <= sentence[1]):
            continue
        if any(s <= start and end <= e for s, e in contents):
            continue
        if NOT_WHERE.search(text[max(sentence[0], start - 24) : start]):
            continue
        if _inside_noun_clause(doc, start, end):
            continue  # "vehicles destroyed in Rafah": where the vehicles were, not the speaker
        return place_id
    return None


def _inside_noun_clause(doc: Doc, start: int, end: int) -> bool:
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return False
    return any(token.dep_ in NOUN_CLAUSES for token in span.root.ancestors)


def _says_here(statement: Statement) -> bool:
    return any(HERE.search(piece.text) for piece in statement.content)


def _earlier_place_of_speaker(statements: list[Statement], statement: Statement) -> str | None:
    actor = statement.speaker.actor
    if actor is None or not statement.content:
        return None
    begins = statement.content[0].start
    for earlier in reversed(statements):
        if earlier is statement or not earlier.content:
            continue
        if earlier.content[0].start >= begins or begins - earlier.content[0].start > HERE_REACH:
            continue
        if earlier.speaker.actor == actor and earlier.place is not None:
            return earlier.place
    return None
