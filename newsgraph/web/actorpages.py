"""Pages of one actor's statements and events, found in ``actor_rows`` (written by ``link``).

The table holds each actor's statements (as speaker) and events (as source or target) in the
lists' order with their position, so the page's rows are a range of positions (a type or a
role: the positions that match, in order) and only the page's articles are read. Used for a
filter naming exactly one actor and nothing else but an event type and role (the actor page,
statements by speaker, events by type and actor) on a read-only DuckDB store whose table is
current (``store.actor_rows.is_current``); anything else takes the general queries.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, fields
from typing import Any

from ..store.actor_rows import ACTOR_ROWS
from .filters import MAX_LIMIT, EventFilter, StatementFilter, Where
from .paging import chosen_articles

Fetch = Callable[[str, Sequence[Any]], list[tuple]]
_EVENT_FREE = {"type", "actor", "role", "actor_ids", "sort"}
_STATEMENT_FREE = {"speaker", "speaker_ids"}


def _only(flt: Any, free: set[str]) -> bool:
    """Whether every field of ``flt`` outside ``free`` has its default."""
    return all(getattr(flt, f.name) == f.default for f in fields(flt) if f.name not in free)


@dataclass(frozen=True)
class ActorRange:
    """The rows of one actor's list that a filter keeps: kind, type and role conditions."""

    actor_id: str
    kind: str  # "event" or "statement"
    type: str | None = None
    role: str = "any"

    @classmethod
    def of_events(cls, flt: EventFilter) -> ActorRange | None:
        if flt.sort != "newest" or len(flt.actor_ids) != 1 or not _only(flt, _EVENT_FREE):
            return None
        return cls(flt.actor_ids[0], "event", flt.type.upper() if flt.type else None, flt.role)

    @classmethod
    def of_statements(cls, flt: StatementFilter) -> ActorRange | None:
        if len(flt.speaker_ids) != 1 or not _only(flt, _STATEMENT_FREE):
            return None
        return cls(flt.speaker_ids[0], "statement")

    def where(self) -> tuple[str, list[Any]]:
        sql = f"FROM {ACTOR_ROWS.name} WHERE actor_id = ? AND kind = ?"
        params: list[Any] = [self.actor_id, self.kind]
        if self.type:
            sql += ' AND "type" = ?'
            params.append(self.type)
        if self.role in ("source", "target"):
            sql += f" AND as_{self.role}"
        return sql, params

    @property
    def contiguous(self) -> bool:
        """Whether the kept rows are every row of the actor's list (positions 0, 1, 2 ...)."""
        return self.type is None and self.role not in ("source", "target")

    def total(self, fetch: Fetch) -> int:
        sql, params = self.where()
        return int(fetch(f"SELECT count(*) {sql}", params)[0][0])

    def page(self, fetch: Fetch, limit: int, offset: int) -> tuple[list[str], int]:
        """The articles (in list order) holding the page's rows, and the page's offset within
        those articles' kept rows."""
        sql, params = self.where()
        if self.contiguous:  # a range read of the positions
            rows = fetch(
                f"SELECT article_id, pos {sql} AND pos >= ? AND pos < ? ORDER BY pos",
                [*params, offset, offset + limit],
            )
        else:
            page = f" LIMIT {int(limit)} OFFSET {int(offset)}"
            rows = fetch(f"SELECT article_id, pos {sql} ORDER BY pos{page}", params)
        if not rows:
            return [], 0
        first_article, first_pos = rows[0]
        before = fetch(
            f"SELECT count(*) {sql} AND article_id = ? AND pos < ?",
            [*params, first_article, first_pos],
        )
        return list(dict.fromkeys(article_id for article_id, _ in rows)), int(before[0][0])


def page_rows(
    span: ActorRange,
    fetch: Fetch,
    table: str,
    where: Where,
    limit: int,
    offset: int,
    run: Callable[[Where, int, tuple[str, list]], list[dict[str, Any]]],
) -> list[dict[str, Any]]:
    """The page's rows of ``table`` (events, statements): its articles from ``actor_rows``,
    then ``run(where, offset within their rows, FROM clause of those articles)``."""
    limit, offset = max(0, min(int(limit), MAX_LIMIT)), max(0, int(offset))
    ids, inner = span.page(fetch, limit, offset) if limit else ([], 0)
    return run(where, inner, chosen_articles(table, table[0], ids)) if ids else []
