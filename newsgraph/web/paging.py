"""Pages of the events list without sorting every event in the store.

The events list is ordered newest article first, then by each article's reading order. On a big
store, sorting a million events by their article's date for each page costs hundreds of
milliseconds. Where the filter only chooses articles (outlet, publication dates, or nothing) the
page can be found from the articles alone: the store's articles in that order with their number
of events are read once (a read-only DuckDB store cannot change while it is served), the page's
few articles are picked from them, and only their events are read and sorted.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, fields
from datetime import date
from typing import Any

from .filters import EventFilter

# EventFilter fields that choose articles, not events; any other set field needs the events.
_ARTICLE_FIELDS = {"outlet", "date_from", "date_to", "sort", "actor_ids"}
_DEFAULTS = {f.name: f.default for f in fields(EventFilter)}

ARTICLE_ORDER_SQL = (
    "SELECT a.id, a.published, lower(a.outlet), COALESCE(n.n, 0) FROM articles a "
    "LEFT JOIN (SELECT article_id, count(*) AS n FROM events GROUP BY 1) n "
    "ON n.article_id = a.id ORDER BY a.published DESC NULLS LAST, a.id"
)


@dataclass(frozen=True)
class ArticleOrder:
    """Every article, newest first as the events list orders them, with its event count."""

    ids: Sequence[str]
    published: Sequence[date | None]
    outlets: Sequence[str | None]  # lower case
    events: Sequence[int]

    @classmethod
    def from_rows(cls, rows: list[tuple[Any, ...]]) -> ArticleOrder:
        return cls(
            ids=[r[0] for r in rows],
            published=[r[1] for r in rows],
            outlets=[r[2] for r in rows],
            events=[int(r[3]) for r in rows],
        )


def chooses_articles_only(flt: EventFilter) -> bool:
    """Whether the filter keeps whole articles' events, newest first."""
    if flt.sort != "newest":
        return False
    return all(
        getattr(flt, name) == default
        for name, default in _DEFAULTS.items()
        if name not in _ARTICLE_FIELDS
    )


def page_articles(
    order: ArticleOrder, flt: EventFilter, limit: int, offset: int
) -> tuple[int, list[str], int]:
    """(events the filter keeps, the articles that hold the page's events, the page's offset
    within those articles' events)."""
    outlet = flt.outlet.lower() if flt.outlet else None
    total, chosen, inner = 0, [], 0
    for article_id, published, article_outlet, n in zip(
        order.ids, order.published, order.outlets, order.events, strict=True
    ):
        if not n or (outlet and article_outlet != outlet):
            continue
        if flt.date_from and (published is None or published < flt.date_from):
            continue
        if flt.date_to and (published is None or published > flt.date_to):
            continue
        if total + n > offset and total < offset + limit:
            if not chosen:
                inner = offset - total
            chosen.append(article_id)
        total += n
    return total, chosen, inner
