"""The filters of the web UI's lists (articles, statements, events) as SQL ``WHERE`` clauses.

Plain SQL that DuckDB and PostgreSQL both accept, with ``?`` parameters. Text filters that a
person types (outlet, event type) ignore case; ids are matched as given.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date
from typing import Any

# The PLOVER event types (DESIGN.md), offered in the events filter even when a store has none.
PLOVER_TYPES = (
    "AGREE",
    "CONSULT",
    "SUPPORT",
    "CONCEDE",
    "COOPERATE",
    "AID",
    "RETREAT",
    "REQUEST",
    "ACCUSE",
    "REJECT",
    "THREATEN",
    "PROTEST",
    "SANCTION",
    "MOBILIZE",
    "COERCE",
    "ASSAULT",
)
PROVENANCES = ("all", "asserted", "attributed")
EVENT_SORTS = ("newest", "oldest", "type")
ARTICLE_SORTS = ("newest", "oldest", "title", "outlet")
ROLES = ("any", "source", "target")
# Claim-link relations under which the target claim counts as disputed.
DISPUTING = ("disputes", "denies")
MAX_LIMIT = 500
# Paging stops here (DuckDB overflows at OFFSET 2^63; no reader pages a billion rows).
MAX_OFFSET = 1_000_000_000


def q(name: str) -> str:
    """A quoted identifier (``start``, ``end``, ``type``, ``text`` ... are SQL keywords)."""
    return '"' + name.replace('"', '""') + '"'


def like_pattern(text: str) -> str:
    """``%text%`` for a case-insensitive LIKE, with the user's wildcards taken literally."""
    escaped = text.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def iso(value: Any) -> str | None:
    return value.isoformat() if isinstance(value, date) else value


class Where:
    """``WHERE`` clauses with their parameters, joined by AND."""

    def __init__(self) -> None:
        self.clauses: list[str] = []
        self.params: list[Any] = []

    def add(self, clause: str, *params: Any) -> None:
        self.clauses.append(clause)
        self.params.extend(params)

    def sql(self) -> str:
        return " WHERE " + " AND ".join(self.clauses) if self.clauses else ""


@dataclass(frozen=True)
class ArticleFilter:
    q: str | None = None  # in title or outlet
    text: str | None = None  # in the article's text
    outlet: str | None = None
    sort: str = "newest"  # ARTICLE_SORTS
    date_from: date | None = None
    date_to: date | None = None

    def where(self, alias: str = "a") -> Where:
        where = Where()
        if self.q:
            pattern = like_pattern(self.q)
            where.add(
                f"(lower({alias}.title) LIKE ? ESCAPE '\\' "
                f"OR lower({alias}.outlet) LIKE ? ESCAPE '\\')",
                pattern,
                pattern,
            )
        if self.text:
            where.add(f"lower({alias}.{q('text')}) LIKE ? ESCAPE '\\'", like_pattern(self.text))
        _add_article_filters(where, alias, self.outlet, self.date_from, self.date_to)
        return where


@dataclass(frozen=True)
class StatementFilter:
    speaker: str | None = None  # actor id
    act: str | None = None
    kind: str | None = None
    article: str | None = None
    outlet: str | None = None
    date_from: date | None = None
    date_to: date | None = None
    q: str | None = None  # in the content
    disputed: bool | None = None
    speaker_ids: tuple[str, ...] = ()  # ``speaker`` as the store's ids (``lookup.actor_ids``)

    def where(self) -> Where:
        where = Where()
        if self.speaker:
            ids = list(self.speaker_ids or (self.speaker,))
            where.add(f"s.speaker_actor IN ({', '.join('?' * len(ids))})", *ids)
        for column, value in (
            ("act", self.act),
            ("kind", self.kind),
            ("article_id", self.article),
        ):
            if value:
                where.add(f"s.{column} = ?", value)
        if self.q:
            where.add("lower(s.content_text) LIKE ? ESCAPE '\\'", like_pattern(self.q))
        if self.disputed is not None:
            relations = ", ".join(f"'{r}'" for r in DISPUTING)
            exists = (
                "EXISTS (SELECT 1 FROM claim_links c WHERE c.to_article_id = s.article_id "
                f"AND c.to_id = s.id AND c.relation IN ({relations}))"
            )
            where.add(exists if self.disputed else f"NOT {exists}")
        _add_article_filters(where, "a", self.outlet, self.date_from, self.date_to)
        return where


@dataclass(frozen=True)
class EventFilter:
    type: str | None = None
    actor: str | None = None
    role: str = "any"  # where ``actor`` stands: source, target or either
    article: str | None = None
    outlet: str | None = None
    date_from: date | None = None
    date_to: date | None = None
    provenance: str = "all"  # asserted by the outlet, attributed to a statement, or both
    negated: bool | None = None
    hypothetical: bool | None = None
    disputed: bool | None = None
    future: bool | None = None
    place: str | None = None
    event_from: date | None = None  # the event's own day (its time expression), not publication
    event_to: date | None = None
    sort: str = "newest"  # EVENT_SORTS
    source: str | None = None  # exact actor ids at either end (the network's edges)
    target: str | None = None
    # ``actor`` as the store's ids (its name, an alias, any case: ``lookup.actor_ids``)
    actor_ids: tuple[str, ...] = ()

    def where(self) -> Where:
        where = Where()
        if self.type:
            where.add(f"e.{q('type')} = ?", self.type.upper())  # PLOVER types are upper case
        if self.actor:
            ids = list(self.actor_ids or (self.actor,))
            marks = ", ".join("?" * len(ids))
            if self.role == "source":
                where.add(f"e.source_actor IN ({marks})", *ids)
            elif self.role == "target":
                where.add(f"e.target_actor IN ({marks})", *ids)
            else:
                where.add(
                    f"(e.source_actor IN ({marks}) OR e.target_actor IN ({marks}))", *ids, *ids
                )
        if self.event_from or self.event_to:
            # only full days count: "2024-08-04TMO" is 4 August, "2024-W31" is no day
            day = "substr(t.value, 1, 10)"
            clause = (
                "EXISTS (SELECT 1 FROM times t WHERE t.article_id = e.article_id "
                "AND t.id = e.time_id AND t.value LIKE '____-__-__%'"
            )
            params: list[Any] = []
            for bound, op in ((self.event_from, ">="), (self.event_to, "<=")):
                if bound:
                    clause += f" AND {day} {op} ?"
                    params.append(bound.isoformat())
            where.add(clause + ")", *params)
        if self.source:
            where.add("e.source_actor = ?", self.source)
        if self.target:
            where.add("e.target_actor = ?", self.target)
        if self.article:
            where.add("e.article_id = ?", self.article)
        if self.place:
            where.add("e.place_id = ?", self.place)
        if self.provenance == "asserted":
            where.add("e.attributed_to IS NULL")
        elif self.provenance == "attributed":
            where.add("e.attributed_to IS NOT NULL")
        for column in ("negated", "hypothetical", "disputed", "future"):
            value = getattr(self, column)
            if value is not None:
                where.add(f"COALESCE(e.{column}, FALSE) = ?", value)
        _add_article_filters(where, "a", self.outlet, self.date_from, self.date_to)
        return where

    def order_sql(self, published: str, e: str) -> str:
        """``ORDER BY`` for ``sort``, with ``published`` and the events' alias prefix ``e``."""
        newest = f"{published} DESC NULLS LAST, {e}article_id, {e}ord"
        if self.sort == "oldest":
            return f"ORDER BY {published} ASC NULLS LAST, {e}article_id, {e}ord"
        if self.sort == "type":
            return f"ORDER BY {e}{q('type')}, {newest}"
        return f"ORDER BY {newest}"

    @property
    def needs_articles(self) -> bool:
        """Whether the filter reads the articles table (outlet, publication dates)."""
        return bool(self.outlet or self.date_from or self.date_to)

    def query(self) -> dict[str, str]:
        """The filter as query parameters (only those set), for links and the CSV download."""
        params = {}
        for key, value in asdict(self).items():
            if key == "actor_ids":
                continue
            if (
                value is None
                or value == ""
                or (key, value) in (("role", "any"), ("provenance", "all"), ("sort", "newest"))
            ):
                continue
            params[key] = str(value).lower() if isinstance(value, bool) else str(value)
        return params


def _add_article_filters(
    where: Where, alias: str, outlet: str | None, date_from: date | None, date_to: date | None
) -> None:
    if outlet:
        where.add(f"lower({alias}.outlet) = ?", outlet.lower())
    if date_from:
        where.add(f"{alias}.published >= ?", date_from)
    if date_to:
        where.add(f"{alias}.published <= ?", date_to)
