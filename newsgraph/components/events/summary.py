"""Helpers for scorers and users: the main word of an event, and the events a one-line summary
of each sentence would give."""

from __future__ import annotations

from spacy.tokens import Doc, Token

from ...model import Event
from ..tokens import has_head
from .lexicon import load_lexicon


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
    while top.dep_ == "conj" and has_head(top):
        top = top.head
    return {t.i for t in top.ancestors}


def _permitted(token: Token, permission_lemmas: frozenset[str]) -> bool:
    """An act governed by a permission ("allowed the militia to shell the villages", "allows us
    to try them because they violate the law"): the sentence reports the permission, whether
    or not it is coded, as an event at the permission would dominate the act."""
    doc = token.doc
    return any(doc[i].lemma_.lower() in permission_lemmas for i in _dominating_ancestors(token))


def main_events(
    doc: Doc, events: list[Event], speech_lemmas: frozenset[str] | None = None
) -> list[Event]:
    """The events a one-line summary of each sentence would give: those whose trigger does not
    depend on another event's trigger (drops "after a demonstration" under "imposed a curfew").
    An event anchored on a reporting verb ("officials said") gives way to the events it
    reports."""
    lex = load_lexicon()
    speech_lemmas = speech_lemmas if speech_lemmas is not None else lex.speech_verbs
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
        if anchor is None or _permitted(anchor, lex.permission_verbs):
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
