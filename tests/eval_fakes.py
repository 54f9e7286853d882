"""Hand-made pipeline output for the scorers' unit tests: events placed on words of a text."""

from __future__ import annotations

from newsgraph.eval.annotate import Annotation
from newsgraph.model import ActorRef, Event, Place, Span


def span(text: str, words: str | None) -> Span | None:
    if words is None:
        return None
    start = text.index(words)
    return Span(start, start + len(words), words)


def annotation(text: str, *events: dict, places: dict[str, str] | None = None) -> Annotation:
    """``events``: dicts with ``type``, ``trigger`` (a word of ``text``) and optionally
    ``mode``, ``source``, ``target``, ``place`` (place id), ``quad``, ``negated``, ``hypothetical``,
    ``future``, ``factuality``, ``main`` (default True); ``places``: place id -> the words
    naming it."""
    found = Annotation(text, sentences=[(0, len(text))])
    for id_, words in (places or {}).items():
        found.places[id_] = Place(id_, words, mentions=[span(text, words)])
    for number, spec in enumerate(events):
        trigger = span(text, spec["trigger"])
        event = Event(
            f"e{number}",
            spec["type"],
            spec.get("mode"),
            None,
            spec.get("quad", "material_conflict"),
            ActorRef(None, span(text, spec.get("source"))),
            ActorRef(None, span(text, spec.get("target"))),
            [trigger],
            place=spec.get("place"),
            negated=spec.get("negated", False),
            hypothetical=spec.get("hypothetical", False),
            future=spec.get("future", False),
            factuality=spec.get("factuality", "asserted"),
        )
        found.events.append(event)
        found.triggers[event.id] = (trigger.start, trigger.end)
        if spec.get("main", True):
            found.main_ids.add(event.id)
    return found


def fake_annotate(by_text: dict[str, Annotation]):
    """A stand-in for ``annotate``: the hand-made annotation of each text (none: no events)."""

    def annotate(texts, nlp=None, dates=None, read_spans=None):
        return [by_text.get(t) or Annotation(t, sentences=[(0, len(t))]) for t in texts]

    return annotate
