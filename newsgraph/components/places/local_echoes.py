"""A local place named again, without the words that first made it one.

An article places a village once with a cue ("an army base on the island of Barkaram", "the
village of Tole") and names it bare after that ("the toll at Barkaram could be higher", "the
massacre in Tole"); the bare name the gazetteer does not hold, and with no cue of its own it
was no place, so the events told there had none. One sense per discourse, as for the
gazetteer's names (``echoes.py``): each later or earlier standalone mention of a local place's
name is that place. Standalone: the whole of an entity, or words NER left untagged, not a
part of a longer name ("the Barkaram Battalion", "the Komanda-Luna road"), title case, three
letters or more, not an acronym.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span

from ...extensions import doc_text
from .local_places import LOCAL_PREFIX
from .toponyms import Toponym, toponym_role


def local_names_again(doc: Doc, toponyms: list[Toponym]) -> list[Toponym]:
    """``toponyms`` with each standalone mention of a local place's name added (text order)."""
    local = {
        t.text: t.entry
        for t in toponyms
        if t.source == "local"
        and t.role == "place"
        and t.entry is not None
        and t.entry.id.startswith(LOCAL_PREFIX)
        and _plain_name(t.text)
    }
    if not local:
        return toponyms
    text = doc_text(doc)
    taken = [(t.start, t.end) for t in toponyms]
    added = []
    for name, entry in local.items():
        for match in re.finditer(re.escape(name), text):
            start, end = match.span()
            if any(a < end and start < b for a, b in taken):
                continue
            span = doc.char_span(start, end)
            if span is None or not _standalone(span):
                continue
            added.append(Toponym(start, end, name, "local", toponym_role(span), entry))
            taken.append((start, end))
    if not added:
        return toponyms
    return sorted([*toponyms, *added], key=lambda t: t.start)


def _plain_name(name: str) -> bool:
    words = name.split()
    return (
        len(name) >= 3
        and not name.isupper()
        and all(w[:1].isupper() or w.lower() in ("al", "el", "de") for w in words)
    )


def _standalone(span: Span) -> bool:
    """The whole of an entity, or untagged words, with no name word joined on either side."""
    doc = span.doc
    if any(t.ent_type_ for t in span):
        ent = next((e for e in doc.ents if e.start <= span.start < e.end), None)
        first = ent.start + 1 if ent is not None and doc[ent.start].lower_ == "the" else None
        if ent is None or ent.end != span.end or span.start not in (ent.start, first):
            return False  # a part of a longer name ("the Barkaram Battalion")
    before = doc[span.start - 1] if span.start > 0 else None
    after = doc[span.end] if span.end < len(doc) else None
    for token in (before, after):
        if token is None:
            continue
        if token.text in ("-", "–") or (token.is_title and token.pos_ == "PROPN"):
            return False
    if before is not None and not before.whitespace_:
        return False
    return not (after is not None and not span[-1].whitespace_ and after.is_alpha)
