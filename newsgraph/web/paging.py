"""Pages of the events and statements lists, found without sorting or joining whole tables.

The events list is ordered newest article first, then by each article's reading order. On a big
store, sorting a million events by their article's date for each page costs hundreds of
milliseconds. Where the filter only chooses articles (outlet, publication dates, or nothing) the
page can be found from the articles alone: the store's articles in that order with their number
of events are read once (a read-only DuckDB store cannot change while it is served), the page's
few articles are picked from them, and only their events are read and sorted.
"""

from __future__ import annotations

import bisect
import math
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, fields
from datetime import date
from typing import Any

from ..store.schema import get_table
from .filters import DISPUTING, MAX_LIMIT, EventFilter, Where, q
from .items import DISPUTED_BY_CAP

# EventFilter fields that choose articles, not events; any other set field needs the events.
_ARTICLE_FIELDS = {"outlet", "date_from", "date_to", "sort", "actor_ids"}
_DEFAULTS = {f.name: f.default for f in fields(EventFilter)}

ARTICLE_ORDER_SQL = (
    "SELECT a.id, a.published, lower(a.outlet), COALESCE(n.n, 0) FROM articles a "
    "LEFT JOIN (SELECT article_id, count(*) AS n FROM events GROUP BY 1) n "
    "ON n.article_id = a.id ORDER BY a.published DESC NULLS LAST, a.id"
)


@dataclass
class Page:
    """One page of a list (articles, actors, statements, events) and the list's whole length."""

    total: int
    limit: int
    offset: int
    items: list[dict[str, Any]]

    def to_dict(self) -> dict[str, Any]:  # the items are this request's own: no deep copy
        return dict(vars(self))

    @property
    def has_next(self) -> bool:
        return self.offset + len(self.items) < self.total


def paged(fetch: Callable[[int, int], Page]) -> Iterator[dict[str, Any]]:
    """Every item of a list, fetched ``MAX_LIMIT`` at a time (``fetch(limit, offset)``)."""
    offset = 0
    while True:
        page = fetch(MAX_LIMIT, offset)
        yield from page.items
        if not page.has_next or not page.items:
            return
        offset += len(page.items)


@dataclass(frozen=True)
class ArticleRun:
    """The articles of one outlet (or all) that hold events, in list order: their ids, their
    days as sort keys (minus the ordinal, ascending; no day last) and ``starts``, the number of
    events before each (one more entry: the total)."""

    ids: list[str]
    keys: list[float]
    starts: list[int]


@dataclass(frozen=True)
class ArticleOrder:
    """Every article, newest first as the events list orders them, with its event count."""

    ids: Sequence[str]
    published: Sequence[date | None]
    outlets: Sequence[str | None]  # lower case
    events: Sequence[int]
    _runs: dict[str | None, ArticleRun] = field(default_factory=dict, compare=False, repr=False)
    _ranks: dict[str, int] = field(default_factory=dict, compare=False, repr=False)

    @classmethod
    def from_rows(cls, rows: list[tuple[Any, ...]]) -> ArticleOrder:
        return cls(
            ids=[r[0] for r in rows],
            published=[r[1] for r in rows],
            outlets=[r[2] for r in rows],
            events=[int(r[3]) for r in rows],
        )

    def run(self, outlet: str | None) -> ArticleRun:
        """``outlet``'s articles (lower case; None: every outlet's), built on first use."""
        found = self._runs.get(outlet)
        if found is None:
            ids: list[str] = []
            keys: list[float] = []
            starts = [0]
            for article_id, published, article_outlet, n in zip(
                self.ids, self.published, self.outlets, self.events, strict=True
            ):
                if n and (outlet is None or article_outlet == outlet):
                    ids.append(article_id)
                    keys.append(-published.toordinal() if published else math.inf)
                    starts.append(starts[-1] + n)
            found = self._runs[outlet] = ArticleRun(ids, keys, starts)
        return found

    def rank(self, article_id: str) -> int:
        """The article's place in the list (built on first use)."""
        if len(self._ranks) != len(self.ids):
            self._ranks.update({article_id: i for i, article_id in enumerate(self.ids)})
        return self._ranks.get(article_id, len(self.ids))


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
    within those articles' events). The outlet's articles are a run of the list and the dates a
    stretch of that run, so both ends and the page are found by bisection, not by a walk over
    every article (30 ms a page on 100,000 articles)."""
    run = order.run(flt.outlet.lower() if flt.outlet else None)
    lo, hi = 0, len(run.ids)
    if flt.date_to:
        lo = bisect.bisect_left(run.keys, -flt.date_to.toordinal())
    if flt.date_from:
        hi = bisect.bisect_right(run.keys, -flt.date_from.toordinal())
    if flt.date_from or flt.date_to:
        hi = min(hi, bisect.bisect_left(run.keys, math.inf))  # no day: outside any range
    if lo >= hi:
        return 0, [], 0
    base = run.starts[lo]
    total = run.starts[hi] - base
    if offset >= total:
        return total, [], 0
    first = bisect.bisect_right(run.starts, base + offset, lo, hi) - 1
    last = bisect.bisect_left(run.starts, base + min(offset + limit, total), lo, hi + 1)
    if last <= first:
        return total, [], 0
    return total, run.ids[first:last], base + offset - run.starts[first]


# --- one page of events -----------------------------------------------------------------------

EVENT_COLUMNS = get_table("events").column_names
ARTICLE_REF = (
    ("a.title", "article_title"),
    ("a.outlet", "article_outlet"),
    ("a.published", "article_published"),
    ("a.url", "article_url"),
)
_CHUNK = 500
# A filter keeping at most 1/RARE of the store's events has its page picked per article
RARE = 50
Fetch = Callable[[str, Sequence[Any]], list[tuple]]


def lookup(fetch: Fetch, sql: str, column: str, ids: Iterable[Any]) -> list[tuple]:
    """``sql`` for the rows whose ``column`` is one of ``ids``, a chunk of ids at a time."""
    wanted = sorted({i for i in ids if i is not None})
    rows: list[tuple] = []
    for i in range(0, len(wanted), _CHUNK):
        chunk = wanted[i : i + _CHUNK]
        rows += fetch(f"{sql} WHERE {column} IN ({', '.join('?' * len(chunk))})", chunk)
    return rows


def event_page(
    fetch: Fetch,
    flt: EventFilter,
    where: Where,
    page_sql: str,
    source: tuple[str, list] | None = None,
) -> list[dict]:
    """The page's events with their article's details, then the names, places, times and
    speakers of that page alone. Joining those tables in the page's query made DuckDB read each
    whole table (every time, every statement) into a hash table for fifty rows."""
    columns = [(f"e.{q(c)}", c) for c in EVENT_COLUMNS] + list(ARTICLE_REF)
    select = ", ".join(f"{expr} AS {q(alias)}" for expr, alias in columns)
    tables, params = source or whole("events", "e")  # ``source``: from ``chosen_articles``
    rows = [
        dict(zip([alias for _, alias in columns], row, strict=True))
        for row in fetch(
            f"SELECT {select} FROM {tables}{where.sql()} "
            f"{flt.order_sql('a.published', 'e.')}{page_sql}",
            [*params, *where.params],
        )
    ]
    if not rows:
        return rows
    articles = {r["article_id"] for r in rows}
    times = {
        (a, i): v
        for a, i, v in lookup(
            fetch, "SELECT article_id, id, value FROM times", "article_id", articles
        )
    }
    speakers = {
        (r[0], r[1]): r[2:]
        for r in lookup(
            fetch,
            "SELECT article_id, id, speaker_actor, speaker_start, speaker_end, speaker_text "
            "FROM statements",
            "article_id",
            {r["article_id"] for r in rows if r["attributed_to"]},
        )
    }
    actors = {r[k] for r in rows for k in ("source_actor", "target_actor")}
    actors |= {s[0] for s in speakers.values()}
    names = dict(lookup(fetch, "SELECT id, name FROM actors", "id", actors))
    places = dict(lookup(fetch, "SELECT id, name FROM places", "id", {r["place_id"] for r in rows}))
    for row in rows:
        row["source_name"] = names.get(row["source_actor"])
        row["target_name"] = names.get(row["target_actor"])
        row["place_name"] = places.get(row["place_id"])
        row["time_value"] = times.get((row["article_id"], row["time_id"]))
        speaker = speakers.get((row["article_id"], row["attributed_to"]), (None,) * 4)
        row["attr_actor"], row["attr_start"], row["attr_end"], row["attr_text"] = speaker
        row["attr_name"] = names.get(speaker[0])
    return rows


def window_since(order: ArticleOrder, events: int) -> date | None:
    """The publication day from which the newest articles hold at least ``events`` events:
    those articles come first in the list's order, so a page that lies among their events is
    found by sorting them alone. None when the window would be (nearly) the whole store."""
    seen = 0
    for published, n in zip(order.published, order.events, strict=True):
        seen += n
        if seen >= events:
            return published
    return None


def windows(
    order: ArticleOrder, total: int, end: int, size: int, grows: Sequence[int] = (1, 8, 64)
) -> list[date]:
    """Where a newest-first page ending at ``end`` of a filter keeping ``total`` rows is first
    looked for: the newest articles holding ``size`` times ``end`` in events, then 8 and 64
    times as many, each only if the filter's share of the store's events would fill the page
    there; then the whole store (a sort of every match)."""
    store = order.run(None).starts[-1]
    sizes = [size * end * grow for grow in grows]
    days = [window_since(order, n) for n in sizes if n * total >= end * store]
    return list(dict.fromkeys(day for day in days if day is not None))


def pick_articles(
    order: ArticleOrder, counts: list[tuple[str, int]], limit: int, offset: int
) -> tuple[list[str], int]:
    """From each article's number of matching rows: the articles, in list order, that hold the
    page's rows, and the page's offset within their rows. A rare filter's page is found so
    without sorting every match by its article's date (a join of the whole articles table)."""
    seen, chosen, inner = 0, [], 0
    for article_id, n in sorted(counts, key=lambda c: (order.rank(c[0]), c[0])):
        if seen + n > offset and seen < offset + limit:
            inner = inner if chosen else offset - seen
            chosen.append(article_id)
        seen += n
        if seen >= offset + limit:
            break
    return chosen, inner


def chosen_articles(table: str, alias: str, article_ids: Sequence[str]) -> tuple[str, list]:
    """A ``FROM`` clause (and its parameters) of these articles' rows of ``table`` joined to
    the articles: both read by article id first. ``OFFSET 0`` keeps DuckDB from merging the
    page's filter into those reads, which makes it scan the whole table instead of the index
    (40 ms instead of 3 on 100,000 articles)."""
    marks = ", ".join("?" * len(article_ids)) or "NULL"
    sql = (
        f"(SELECT * FROM {table} WHERE article_id IN ({marks}) OFFSET 0) {alias} "
        f"JOIN (SELECT * FROM articles WHERE id IN ({marks}) OFFSET 0) a "
        f"ON a.id = {alias}.article_id"
    )
    return sql, [*article_ids, *article_ids]


def whole(table: str, alias: str) -> tuple[str, list]:
    """The ``FROM`` clause of every row of ``table`` joined to its article."""
    return f"{table} {alias} JOIN articles a ON a.id = {alias}.article_id", []


def newest_page(
    fetch: Fetch,
    order: ArticleOrder,
    table: str,
    where: Where,
    needs_articles: bool,
    total: int,
    limit: int,
    offset: int,
    run: Callable[[Where, int, tuple[str, list] | None], list[dict]],
    window: int,
) -> list[dict] | None:
    """A newest-first page of a read-only store found without sorting every match (``table``:
    ``events e`` or ``statements s``; ``run(where, offset, source)``: the page's query, from
    ``source`` or the whole table): a rare events filter's (``RARE``: a fiftieth of the
    events or less) from its rows per article (``pick_articles``), any other's among the
    newest articles (``windows``; statements: the first window alone, as measured cheapest).
    None where neither finds it: the caller asks the whole store."""
    if not (limit > 0 and offset < total):
        return None
    name, alias = table.split()
    events = name == "events"
    if events and not needs_articles and total * RARE <= order.run(None).starts[-1]:
        counts = fetch(
            f"SELECT {alias}.article_id, count(*) FROM {table}{where.sql()} GROUP BY 1",
            where.params,
        )
        ids, inner = pick_articles(order, counts, limit, offset)
        return run(where, inner, chosen_articles(name, alias, ids))
    for since in windows(order, total, offset + limit, window, (1, 8, 64) if events else (1,)):
        rows = run(within(where, since), offset, None)
        if len(rows) == min(limit, total - offset):
            return rows
    return None


def within(where: Where, since: date) -> Where:
    """``where`` and articles published on ``since`` or later."""
    windowed = Where()
    windowed.clauses = [*where.clauses, "a.published >= ?"]
    windowed.params = [*where.params, since]
    return windowed


def add_statement_details(fetch: Fetch, rows: list[dict]) -> None:
    """Speaker and addressee names, time values and place names of a page of statements,
    looked up for that page alone (as in ``event_page``)."""
    ids = {r[k] for r in rows for k in ("speaker_actor", "addressee")}
    names = dict(lookup(fetch, "SELECT id, name FROM actors", "id", ids))
    places = {r["place_id"] for r in rows}
    place_names = dict(lookup(fetch, "SELECT id, name FROM places", "id", places))
    articles = {r["article_id"] for r in rows if r["time_id"]}
    times_sql = "SELECT article_id, id, value FROM times"
    times = {(a, i): v for a, i, v in lookup(fetch, times_sql, "article_id", articles)}
    for row in rows:
        row["speaker_name"] = names.get(row["speaker_actor"])
        row["addressee_name"] = names.get(row["addressee"])
        row["time_value"] = times.get((row["article_id"], row["time_id"]))
        row["place_name"] = place_names.get(row["place_id"])


def disputed_by(
    fetch: Fetch, keys: set[tuple[str, str]]
) -> dict[tuple[str, str], tuple[list[dict], int]]:
    """Claims that dispute or deny each (article id, statement id), from ``claim_links``:
    the first ``DISPUTED_BY_CAP`` and how many more (a claim repeated across a big store
    can be disputed by hundreds)."""
    found: dict[tuple[str, str], tuple[list[dict], int]] = {}
    articles = sorted({a for a, _ in keys})
    relations = ", ".join(f"'{r}'" for r in DISPUTING)
    per_claim = "PARTITION BY to_article_id, to_id"
    for i in range(0, len(articles), _CHUNK):
        chunk = articles[i : i + _CHUNK]
        marks = ", ".join("?" * len(chunk))
        for article_id, from_id, to_article_id, to_id, relation, total in fetch(
            "SELECT article_id, from_id, to_article_id, to_id, relation, n FROM ("
            "SELECT article_id, from_id, to_article_id, to_id, relation, "
            f"row_number() OVER ({per_claim} ORDER BY article_id, from_id) AS k, "
            f"count(*) OVER ({per_claim}) AS n FROM claim_links "
            f"WHERE to_article_id IN ({marks}) AND relation IN ({relations})) c "
            f"WHERE k <= {DISPUTED_BY_CAP} ORDER BY article_id, from_id",
            chunk,
        ):
            key = (to_article_id, to_id)
            if key in keys:
                shown, _ = found.get(key, ([], 0))
                shown.append({"article_id": article_id, "id": from_id, "relation": relation})
                found[key] = (shown, int(total) - len(shown))
    return found
