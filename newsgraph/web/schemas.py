"""Response shapes of the REST API, for its OpenAPI schema (``/openapi.json``).

Statements and events are the objects of the public contract (docs/contract.md) with a few
keys added for reading them out of their article: ``article`` (id, title, outlet, date, url),
``name`` in each actor reference, and the names and values behind place and time ids. Models
allow extra keys, so whatever a later contract version adds passes through unchanged.
"""

from __future__ import annotations

from typing import Any, Generic, TypeVar

from pydantic import BaseModel, ConfigDict, Field

T = TypeVar("T")


class Open(BaseModel):
    model_config = ConfigDict(extra="allow")


class Span(Open):
    start: int = Field(description="Python character offset into article.text")
    end: int
    text: str


class ActorRef(Open):
    actor: str | None = Field(description="actor id, or null when the mention is unresolved")
    span: Span | None
    name: str | None = Field(None, description="the actor's canonical name")


class Cue(Open):
    lemma: str | None
    span: Span | None


class ArticleRef(Open):
    id: str
    title: str | None
    outlet: str | None
    published: str | None = Field(description="publication date, YYYY-MM-DD")
    url: str | None


class ClaimRef(Open):
    article_id: str
    id: str = Field(description="the statement that disputes or denies this one")
    relation: str


class Statement(Open):
    id: str
    speaker: ActorRef
    cue: Cue
    content: list[Span] = Field(description="several pieces for a split quote")
    kind: str | None = Field(description="direct, indirect or mixed")
    act: str | None = Field(description="claim, threat, accusation, denial, demand, ...")
    addressee: str | None
    time: str | None = Field(description="time id within the article")
    place: str | None
    disputes: str | None = Field(description="id of the statement this one disputes")
    article: ArticleRef
    addressee_name: str | None
    time_value: str | None = Field(description="normalised value of the statement's time")
    place_name: str | None
    disputed_by: list[ClaimRef] = Field(
        description="the first 10 statements that dispute or deny this one"
    )
    disputed_by_more: int = Field(description="how many more dispute or deny it")


class Event(Open):
    id: str
    type: str | None = Field(description="PLOVER event type, e.g. ASSAULT")
    mode: str | None
    cameo: str | None
    quad: str | None
    source: ActorRef
    target: ActorRef
    place: str | None
    time: str | None
    magnitude: dict[str, Any]
    evidence: list[Span]
    attributed_to: str | None = Field(
        description="id of the statement that reports it; null: the outlet asserts it"
    )
    negated: bool
    hypothetical: bool = Field(description="conditional or uncertain: not reported as done")
    disputed: bool
    future: bool = Field(default=False, description="planned, promised or threatened: not done yet")
    place_inferred: bool = Field(
        default=False, description="its place is the article's (the dateline's), not stated with it"
    )
    article: ArticleRef
    place_name: str | None
    time_value: str | None
    attributed_speaker: ActorRef | None = Field(
        description="who the outlet attributes the event to (the statement's speaker)"
    )


class ArticleSummary(Open):
    id: str
    title: str | None
    outlet: str | None
    published: str | None
    url: str | None
    language: str | None
    statements: int
    events: int


class ActorSummary(Open):
    id: str
    name: str | None
    type: str | None
    country: str | None
    affiliation: str | None
    mentions: int = Field(description="mentions across all articles")
    articles: int = Field(description="articles that mention the actor")
    statements: int = Field(description="statements with the actor as speaker")
    events: int = Field(description="events with the actor as source or target")


class Name(Open):
    text: str
    count: int
    outlets: list[str]


class ActorLink(Open):
    id: str
    name: str | None


class Page(BaseModel, Generic[T]):
    total: int = Field(description="items that match the filters, on all pages")
    limit: int
    offset: int
    items: list[T]


class ActorDetail(ActorSummary):
    affiliation_name: str | None
    affiliates: list[ActorLink]
    names: list[Name] = Field(description="how the articles name the actor, with their outlets")
    statement_page: Page[Statement] = Field(description="the actor's statements, as speaker")
    event_page: Page[Event] = Field(description="events with the actor as source or target")


class Health(Open):
    status: str
    newsgraph: str
    backend: str
    schema_version: int
    articles: int


class Problem(BaseModel):
    detail: str


class ActorSuggestion(BaseModel):
    id: str
    name: str | None
    type: str | None
    mentions: int


class NetworkEdge(BaseModel):
    source: str = Field(description="source actor id")
    source_name: str | None = Field(description="the source's canonical name")
    target: str = Field(description="target actor id")
    target_name: str | None
    type: str = Field(description="PLOVER event type")
    events: int = Field(description="number of matching events from source to target of type")
