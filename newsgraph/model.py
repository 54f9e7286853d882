"""The records newsgraph produces, shared by every stage.

Each stage reads and writes these plain dataclasses; ``to_dict`` gives the JSON shape of the
public ``newsgraph annotate`` contract (see ``docs/contract.md``). Offsets are Python character
offsets into ``Article.text`` and every span satisfies ``text[start:end] == span.text``.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from datetime import date
from typing import Any


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int
    text: str

    @classmethod
    def of(cls, text: str, start: int, end: int) -> Span:
        """A span cut from ``text`` so that its ``text`` always matches the offsets."""
        return cls(start, end, text[start:end])

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text}


@dataclass(slots=True)
class Article:
    """One input article. ``text`` is the body every span points into."""

    id: str
    text: str
    title: str | None = None
    outlet: str | None = None
    published: date | None = None
    url: str | None = None
    language: str | None = None
    raw: bytes = b""
    source: str | None = None  # file path (and position) the article was read from
    format: str | None = None

    def meta(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "outlet": self.outlet,
            "title": self.title,
            "published": self.published.isoformat() if self.published else None,
            "url": self.url,
            "language": self.language,
            "text": self.text,
        }


@dataclass(slots=True)
class ArticleError:
    """An input that could not become an article; the batch goes on without it."""

    code: str  # machine-readable, e.g. "empty", "binary", "bad_date" (see docs/errors.md)
    message: str
    source: str | None = None
    id: str | None = None
    raw: bytes = b""

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "error": {"code": self.code, "message": self.message}}


@dataclass(slots=True)
class ActorRef:
    """A reference from a statement or event to an actor: resolved id (or None) and its span."""

    actor: str | None
    span: Span | None

    def to_dict(self) -> dict[str, Any]:
        return {"actor": self.actor, "span": self.span.to_dict() if self.span else None}


@dataclass(slots=True)
class Actor:
    id: str  # KB id ("hezbollah", "israel") or "unresolved:<slug>" for NER-only actors
    name: str
    type: str | None = None
    country: str | None = None
    affiliation: str | None = None
    mentions: list[Span] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "type": self.type,
            "country": self.country,
            "affiliation": self.affiliation,
            "mentions": [m.to_dict() for m in self.mentions],
        }


@dataclass(slots=True)
class Statement:
    id: str
    speaker: ActorRef
    cue: Span | None
    cue_lemma: str | None
    content: list[Span]
    kind: str  # direct | indirect | mixed
    act: str  # claim | threat | accusation | denial | demand | message | warning | ...
    addressee: str | None = None
    time: str | None = None
    place: str | None = None
    disputes: str | None = None  # id of an earlier statement this one denies or rejects

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "speaker": self.speaker.to_dict(),
            "cue": {"lemma": self.cue_lemma, "span": self.cue.to_dict() if self.cue else None},
            "content": [c.to_dict() for c in self.content],
            "kind": self.kind,
            "act": self.act,
            "addressee": self.addressee,
            "time": self.time,
            "place": self.place,
            "disputes": self.disputes,
        }


@dataclass(slots=True)
class Event:
    id: str
    type: str  # PLOVER type, e.g. ASSAULT
    mode: str | None
    cameo: str | None
    quad: str | None
    source: ActorRef
    target: ActorRef
    evidence: list[Span]
    place: str | None = None
    time: str | None = None
    magnitude: dict[str, Any] = field(default_factory=dict)
    attributed_to: str | None = None
    negated: bool = False
    hypothetical: bool = False
    disputed: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "type": self.type,
            "mode": self.mode,
            "cameo": self.cameo,
            "quad": self.quad,
            "source": self.source.to_dict(),
            "target": self.target.to_dict(),
            "place": self.place,
            "time": self.time,
            "magnitude": dict(self.magnitude),
            "evidence": [e.to_dict() for e in self.evidence],
            "attributed_to": self.attributed_to,
            "negated": self.negated,
            "hypothetical": self.hypothetical,
            "disputed": self.disputed,
        }


@dataclass(slots=True)
class Place:
    id: str  # "geonames:<id>" or "newsgraph:<slug>"
    name: str
    feature: str | None = None
    country: str | None = None
    lat: float | None = None
    lon: float | None = None
    admin1: str | None = None
    mentions: list[Span] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "feature": self.feature,
            "country": self.country,
            "admin1": self.admin1,
            "lat": self.lat,
            "lon": self.lon,
            "mentions": [m.to_dict() for m in self.mentions],
        }


@dataclass(slots=True)
class Time:
    id: str
    span: Span
    value: str | None  # ISO date, week, duration, or "start/end" interval (TimeML conventions)
    granularity: str | None = None  # day | week | month | quarter | year | decade | interval | ...
    type: str = "DATE"  # TimeML TIMEX3 type: DATE | TIME | DURATION | SET
    interval: str | None = None  # "start/end" the expression covers ("since X" → X/publication)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "span": self.span.to_dict(),
            "value": self.value,
            "granularity": self.granularity,
            "type": self.type,
            "interval": self.interval,
        }


@dataclass(slots=True)
class Framing:
    span: Span
    term: str
    category: str
    speaker: str  # "outlet" or the actor id of the quoted speaker

    def to_dict(self) -> dict[str, Any]:
        return {
            "span": self.span.to_dict(),
            "term": self.term,
            "category": self.category,
            "speaker": self.speaker,
        }


def as_dict(record: Any) -> dict[str, Any]:
    """The contract dictionary of any record above."""
    if hasattr(record, "to_dict"):
        return record.to_dict()
    return dataclasses.asdict(record)


@dataclass(frozen=True, slots=True)
class ActorMention:
    """One place in the text that names or refers to an actor (``actor_id`` None: unresolved)."""

    start: int
    end: int
    text: str
    actor_id: str | None
    label: str | None = None  # NER label or "KB" / "DESC" / "PRON" for how it was found
