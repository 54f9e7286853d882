"""Where an event happened when its sentence names no place: the article's dateline city.

Local and wire news name the city once, in the dateline ("MILWAUKEE -- Multiple shootings
...", "BEECH GROVE, Ind. - Police are investigating"), and report the incident without it
("Officers were dispatched around 4:41 p.m."). An event whose sentence names no place at all
(the chooser had nothing to choose) takes the dateline's place when the dateline was
recognised as one. Such a place is the article's, not the sentence's: ``place_inferred`` says
so. An event reported as not done (negated, hypothetical, future) gets none.

The lead incident's place for the acts told right after it is ``incident_place.py``'s
(``incident_place`` on in pipeline.cfg since session 17, ``dateline_place`` off; both off in
the component's own defaults): ``carry_places`` applies those on, the incident's first.

Taken out again (fit figures in docs/events.md): the place of the nearest earlier event of the
same type ("the incident it follows") raised RAMS but lowered WikiEvents and GVDB, whose
long articles report several incidents in several places.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable

from spacy.tokens import Doc

from ... import extensions
from ...extensions import doc_text
from ...model import Event
from ..places.recognizer import dateline_name_starts
from .incident_place import calendar_days, carry_incident_place
from .options import EventOptions

Mention = tuple[int, int, str]  # (start, end, place_id) as ``doc._.ng_place_mentions``


def sentence_indexer(doc: Doc) -> Callable[[int], int]:
    """The index of the sentence holding a character offset."""
    starts = [sentence.start_char for sentence in doc.sents]
    return lambda char: bisect_right(starts, char) - 1


def carry_places(
    doc: Doc, place_mentions: list[Mention], events: list[Event], options: EventOptions
) -> None:
    """Give unplaced real events the place the settings allow (``events`` edited in place):
    the lead incident's (``incident_place``), then the dateline's (``dateline_place``)."""
    if options.incident_place:
        sentence_index = sentence_indexer(doc)
        told = [e for e in events if e.evidence]
        sentence_of = {e.id: sentence_index(e.evidence[0].start) for e in told}
        places: dict[int, set[str]] = {}
        for start, _, place in place_mentions:
            places.setdefault(sentence_index(start), set()).add(place)
        countries = {p.id for p in extensions.get_list(doc, "ng_places") if p.feature == "country"}
        days = calendar_days(extensions.get_list(doc, "ng_times"))
        carry_incident_place(told, sentence_of, places, countries, options.incident_chain, days)
    if options.dateline_place:
        carry_dateline_place(doc, place_mentions, events)


def dateline_place(doc: Doc, place_mentions: list[Mention]) -> str | None:
    """The place of the article's first dateline, when it was recognised as one."""
    starts = dateline_name_starts(doc_text(doc))
    return next((place for start, _, place in sorted(place_mentions) if start in starts), None)


def carry_dateline_place(doc: Doc, place_mentions: list[Mention], events: list[Event]) -> None:
    """Give each real event whose sentence names no place the dateline's place, marked as
    inferred (``events`` are edited in place)."""
    dateline = dateline_place(doc, place_mentions)
    if dateline is None:
        return
    sentence_index = sentence_indexer(doc)
    placed_sentences = {sentence_index(start) for start, _, _ in place_mentions}
    for event in events:
        if event.place is not None or event.negated or event.irrealis or not event.evidence:
            continue
        if sentence_index(event.evidence[0].start) not in placed_sentences:
            event.place = dateline
            event.place_inferred = True
