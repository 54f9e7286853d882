"""Where an event happened when its sentence names no place: the article's dateline city.

Local and wire news name the city once, in the dateline ("MILWAUKEE -- Multiple shootings
...", "BEECH GROVE, Ind. - Police are investigating"), and report the incident without it
("Officers were dispatched around 4:41 p.m."). An event whose sentence names no place at all
(the chooser had nothing to choose) takes the dateline's place when the dateline was
recognised as one. Such a place is the article's, not the sentence's: ``place_inferred`` says
so. An event reported as not done (negated, hypothetical, future) gets none.

Taken out again (fit figures in docs/events.md): the place of the nearest earlier event of the
same type ("the incident it follows") raised RAMS but lowered WikiEvents and GVDB, whose
long articles report several incidents in several places.
"""

from __future__ import annotations

from bisect import bisect_right

from spacy.tokens import Doc

from ...extensions import doc_text
from ...model import Event
from ..places.recognizer import dateline_name_starts


def dateline_place(doc: Doc, place_mentions: list[tuple[int, int, str]]) -> str | None:
    """The place of the article's first dateline, when it was recognised as one."""
    starts = dateline_name_starts(doc_text(doc))
    return next((place for start, _, place in sorted(place_mentions) if start in starts), None)


def carry_dateline_place(
    doc: Doc, place_mentions: list[tuple[int, int, str]], events: list[Event]
) -> None:
    """Give each real event whose sentence names no place the dateline's place, marked as
    inferred (``events`` are edited in place)."""
    dateline = dateline_place(doc, place_mentions)
    if dateline is None:
        return
    starts = [sentence.start_char for sentence in doc.sents]

    def sentence_index(char: int) -> int:
        return bisect_right(starts, char) - 1

    placed_sentences = {sentence_index(start) for start, _, _ in place_mentions}
    for event in events:
        if event.place is not None or event.negated or event.irrealis or not event.evidence:
            continue
        if sentence_index(event.evidence[0].start) not in placed_sentences:
            event.place = dateline
            event.place_inferred = True
