"""The records newsgraph produces, shared by every stage.

Each stage reads and writes these plain dataclasses; ``to_dict`` gives the JSON shape of the
public ``newsgraph annotate`` contract (see ``docs/contract.md``). Offsets are Python character
offsets into ``Article.text`` and every span satisfies ``text[start:end] == span.text``.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from datetime import date
from typing import Any, ClassVar

from . import schema
from .schema import Field, RecordSchema


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


class _Record:
    """A record whose contract shape is its ``SCHEMA`` (``newsgraph/schema.py``)."""

    __slots__ = ()
    SCHEMA: ClassVar[RecordSchema]

    def to_dict(self) -> dict[str, Any]:
        return {spec.name: _contract_value(self, spec) for spec in self.SCHEMA.fields}


def _contract_value(record: Any, spec: Field) -> Any:
    value = getattr(record, spec.attribute_name)
    if spec.kind == "span":
        return value.to_dict() if value is not None else None
    if spec.kind in ("spans", "mentions"):
        return [span.to_dict() for span in value]
    if spec.kind == "ref":
        return value.to_dict()
    if spec.kind == "cue":
        lemma = getattr(record, f"{spec.attribute_name}_lemma")
        return {"lemma": lemma, "span": value.to_dict() if value is not None else None}
    if spec.kind == "magnitude":
        return dict(value)
    return value


@dataclass(slots=True)
class ActorRef:
    """A reference from a statement or event to an actor: resolved id (or None) and its span."""

    actor: str | None
    span: Span | None
    # the actor is the state the context names, not the span ("Security forces" in an article
    # about Somalia; docs/contract.md): written only when true
    inferred: bool = False

    def to_dict(self) -> dict[str, Any]:
        out = {"actor": self.actor, "span": self.span.to_dict() if self.span else None}
        if self.inferred:
            out["actor_inferred"] = True
        return out


@dataclass(slots=True)
class Actor(_Record):
    SCHEMA: ClassVar[RecordSchema] = schema.ACTORS
    id: str  # KB id ("hezbollah", "israel") or "unresolved:<slug>" for NER-only actors
    name: str
    type: str | None = None
    country: str | None = None
    affiliation: str | None = None
    mentions: list[Span] = field(default_factory=list)


@dataclass(slots=True)
class Statement(_Record):
    SCHEMA: ClassVar[RecordSchema] = schema.STATEMENTS
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


@dataclass(slots=True)
class Event(_Record):
    SCHEMA: ClassVar[RecordSchema] = schema.EVENTS
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
    hypothetical: bool = False  # conditional or uncertain ("if they attack", "could strike")
    disputed: bool = False
    future: bool = False  # planned, promised or threatened ("will strike", "plans to meet")
    # the place is the article's (the incident's earlier place, the dateline), not stated with it
    place_inferred: bool = False
    # asserted | negated | uncertain: the outlet's commitment that it happens or happened (the
    # learned reading, events/factuality.py); in memory only (the contract's flags carry it)
    factuality: str = "asserted"

    @property
    def irrealis(self) -> bool:
        """Not reported as done: conditional, uncertain, asked for or yet to come. PLOVER codes
        such a material event as the intent it states ("will give aid" is AGREE)."""
        return self.hypothetical or self.future


@dataclass(slots=True)
class Place(_Record):
    SCHEMA: ClassVar[RecordSchema] = schema.PLACES
    id: str  # "geonames:<id>" or "newsgraph:<slug>"
    name: str
    feature: str | None = None
    country: str | None = None
    lat: float | None = None
    lon: float | None = None
    admin1: str | None = None
    mentions: list[Span] = field(default_factory=list)


@dataclass(slots=True)
class Time(_Record):
    SCHEMA: ClassVar[RecordSchema] = schema.TIMES
    id: str
    span: Span
    value: str | None  # ISO date, week, duration, or "start/end" interval (TimeML conventions)
    granularity: str | None = None  # day | week | month | quarter | year | decade | interval | ...
    type: str = "DATE"  # TimeML TIMEX3 type: DATE | TIME | DURATION | SET
    interval: str | None = None  # "start/end" the expression covers ("since X" → X/publication)


@dataclass(slots=True)
class Framing(_Record):
    SCHEMA: ClassVar[RecordSchema] = schema.FRAMING
    span: Span
    term: str
    category: str
    speaker: str  # "outlet" or the actor id of the quoted speaker


def as_dict(record: Any) -> dict[str, Any]:
    """The contract dictionary of any record above."""
    if hasattr(record, "to_dict"):
        return record.to_dict()
    return dataclasses.asdict(record)


# the label of a mention whose actor the context names, not the phrase ("Security forces")
CONTEXT_LABEL = "CONTEXT"
# the id prefix of a name the knowledge base does not know ("unresolved:ahmed-saleh")
UNRESOLVED_PREFIX = "unresolved:"


@dataclass(frozen=True, slots=True)
class ActorMention:
    """One place in the text that names or refers to an actor (``actor_id`` None: unresolved)."""

    start: int
    end: int
    text: str
    actor_id: str | None
    # how it was found (actors component): "KB", "SIDE", "DEMONYM", "DESC", "CONTEXT", or the
    # NER label of an unresolved name
    label: str | None = None
