"""Whom a statement's speaker speaks for when its act is read.

The actor component leaves a person it does not know unresolved ("M23 spokesman Lawrence
Kanyuka"), so the act rules that compare the content's subjects with the speaker's side (a
report of its own act, a denial of its own act, a threat) see no side. The speaker phrase
says more: the person is introduced with a title after an organisation's name, the form the
link stage reads too (``titles.py``, titles in ``data/en/speaker_titles.yaml``).
"""

from __future__ import annotations

from spacy.tokens import Doc

from ... import extensions
from ...model import UNRESOLVED_PREFIX, Statement
from .titles import titled_organisation


def speaking_for(doc: Doc, statement: Statement) -> str | None:
    """The speaker's actor, or for an unresolved one introduced in the speaker phrase as
    "<organisation> <title> <Name>" ("M23 spokesman Lawrence Kanyuka": M23) or "<state>'s
    <cabinet office> <Name>", the organisation or the state."""
    actor = statement.speaker.actor
    span = statement.speaker.span
    if actor is None or not actor.startswith(UNRESOLVED_PREFIX) or span is None:
        return actor
    actors = extensions.get_list(doc, "ng_actors")
    own = [
        m.start
        for a in actors
        if a.id == actor
        for m in a.mentions
        if span.start <= m.start < span.end
    ]
    if not own:
        return actor
    name_start = min(own)
    known_ends = {
        m.end: a.id
        for a in actors
        if not a.id.startswith(UNRESOLVED_PREFIX)
        for m in a.mentions
        if span.start <= m.start and m.end <= name_start
    }
    before = extensions.doc_text(doc)[span.start : name_start]
    return titled_organisation(before, span.start, known_ends) or actor
