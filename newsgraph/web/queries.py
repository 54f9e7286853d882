"""Read-only queries behind the web UI and the REST API.

Everything is plain SQL that DuckDB and PostgreSQL both accept (the store's own rule), run
through the store's connection under its lock, so one ``Store`` serves every request thread.
Lists are filtered, counted and paged in the database, never loaded whole into Python; a page
of statements or events is turned into the contract's shapes by the store's own row readers
(``newsgraph.store.rows``), so the API returns exactly what ``newsgraph annotate`` writes, plus
the names and article details a reader needs next to it.
"""

from __future__ import annotations

import threading
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from ..store import Store, actor_rows
from ..store.schema import get_table
from . import actorpages, lookup, paging
from .actorqueries import ActorQueries
from .figures import PictureQueries
from .filters import (  # noqa: F401 (the filters are part of this module's interface)
    ARTICLE_SORTS,
    DISPUTING,
    EVENT_SORTS,
    MAX_LIMIT,
    MAX_OFFSET,
    PLOVER_TYPES,
    PROVENANCES,
    ROLES,
    ArticleFilter,
    EventFilter,
    StatementFilter,
    Where,
    iso,
    like_pattern,
    q,
)
from .items import SNIPPET, event_item, snippet_of, statement_item
from .memo import unchanging
from .paging import (
    ARTICLE_ORDER_SQL,
    ARTICLE_REF,
    ArticleOrder,
    Page,
    chooses_articles_only,
    event_page,
    page_articles,
)

# A page is first looked for among the newest articles holding this many times its end in events
_WINDOW = 20
ARTICLE_ORDERS = {
    "newest": "{0}published DESC NULLS LAST, {0}title, {0}id",
    "oldest": "{0}published ASC NULLS LAST, {0}title, {0}id",
    "title": "lower({0}title) NULLS LAST, {0}id",
    "outlet": "lower({0}outlet) NULLS LAST, {0}published DESC NULLS LAST, {0}id",
}


@dataclass
class ArticleView:
    """What the article page needs beside the record: links to claims and clusters."""

    record: dict[str, Any]
    claim_links: list[dict[str, Any]] = field(default_factory=list)
    clusters: dict[str, list[dict[str, Any]]] = field(default_factory=dict)  # event id → others
    names: dict[str, str] = field(default_factory=dict)  # catalogue names of referenced actors


_STATEMENT_COLUMNS = get_table("statements").column_names
_EVENT_COLUMNS = get_table("events").column_names
_ARTICLE_REF = ARTICLE_REF
_STATEMENTS = "FROM statements s JOIN articles a ON a.id = s.article_id"


class Reader(PictureQueries, ActorQueries):
    """The queries of the web UI and API over one open (read-only) store.

    On DuckDB each request thread reads through a cursor of its own on the store's one
    connection (DuckDB runs cursors in parallel and lets go of the GIL while it works), so
    requests no longer queue behind the store's lock; PostgreSQL keeps the store's connection.
    """

    def __init__(self, store: Store) -> None:
        self._shared = store
        self._local = threading.local()
        self._opening = threading.Lock()
        self._per_thread = store.dialect == "duckdb" and hasattr(store, "thread_view")
        self.frozen = self._per_thread and store.read_only  # cannot change while read
        self._memo: dict[str, Any] = {}
        self._looked_up: dict[str, tuple[str, ...]] | None = {} if self.frozen else None

    @property
    def store(self) -> Store:
        """This thread's view of the store (the shared store where there is none)."""
        if not self._per_thread:
            return self._shared
        mine = getattr(self._local, "store", None)
        if mine is None:
            with self._opening:
                mine = self._shared.thread_view()  # type: ignore[attr-defined]
            self._local.store = mine
        return mine

    # --- plumbing ---------------------------------------------------------------------

    def _fetch(self, sql: str, params: Sequence[Any] = ()) -> list[tuple]:
        return self.store.query(sql, params)

    def _dicts(
        self, columns: Sequence[tuple[str, str]], rest: str, params: Sequence[Any] = ()
    ) -> list[dict[str, Any]]:
        select = ", ".join(f"{expr} AS {q(alias)}" for expr, alias in columns)
        names = [alias for _, alias in columns]
        return [
            dict(zip(names, row, strict=True))
            for row in self._fetch(f"SELECT {select} {rest}", params)
        ]

    def _count(self, rest: str, params: Sequence[Any]) -> int:
        return int(self._fetch(f"SELECT count(*) {rest}", params)[0][0])

    def _in(self, sql: str, column: str, ids: Sequence[str], rest: str = "") -> list[tuple]:
        """``sql`` for the rows whose ``column`` is one of ``ids`` (none when there are none)."""
        if not ids:
            return []
        where = " AND " if " WHERE " in sql else " WHERE "
        marks = ", ".join("?" * len(ids))
        return self._fetch(f"{sql}{where}{column} IN ({marks}){rest}", list(ids))

    def _per_article(self, table: str, ids: Sequence[str]) -> dict[str, int]:
        counts = f"SELECT article_id, count(*) FROM {table}"
        rows = self._in(counts, "article_id", ids, " GROUP BY 1")
        return {row[0]: int(row[1]) for row in rows}

    @staticmethod
    def _page_sql(limit: int, offset: int) -> str:
        return f" LIMIT {max(0, min(int(limit), MAX_LIMIT))} OFFSET {max(0, int(offset))}"

    # --- store --------------------------------------------------------------------------

    def health(self) -> dict[str, Any]:
        return {"articles": self._count("FROM articles", [])}

    def resolve_article_id(self, ref: str) -> str | None:
        return self.store.resolve_article_id(ref)

    # --- articles -----------------------------------------------------------------------

    def articles(self, flt: ArticleFilter, limit: int = 50, offset: int = 0) -> Page:
        where = flt.where("a")
        base = f"FROM articles a{where.sql()}"
        total = self._count(base, where.params)
        order = ARTICLE_ORDERS.get(flt.sort, ARTICLE_ORDERS["newest"])
        columns = ("id", "title", "outlet", "published", "url", "language")
        page = self._fetch(
            f"SELECT {', '.join('a.' + c for c in columns)} {base} "
            f"ORDER BY {order.format('a.')}{self._page_sql(limit, offset)}",
            where.params,
        )
        # counted for the page's ids alone: a count per row in the same query made DuckDB count
        # every article's statements and events
        ids = [row[0] for row in page]
        statements = self._per_article("statements", ids)
        events = self._per_article("events", ids)
        items = [
            {
                "id": row[0],
                "title": row[1],
                "outlet": row[2],
                "published": iso(row[3]),
                "url": row[4],
                "language": row[5],
                "statements": statements.get(row[0], 0),
                "events": events.get(row[0], 0),
            }
            for row in page
        ]
        self.add_snippets(items)
        return Page(total, limit, offset, items)

    def add_snippets(self, articles: Sequence[dict[str, Any]], key: str = "id") -> None:
        """Gives each untitled article of a page (its id under ``key``) its first words
        (``snippet``), the label the pages show for it in every list; one query for the page's
        untitled ids alone."""
        untitled = sorted({a[key] for a in articles if not a.get("title")})
        first_words = f"SELECT id, substr({q('text')}, 1, {SNIPPET + 1}) FROM articles"
        snippets = {i: snippet_of(t) for i, t in self._in(first_words, "id", untitled) if t}
        for article in articles:
            if snippets.get(article[key]) and not article.get("title"):
                article["snippet"] = snippets[article[key]]

    @unchanging
    def outlets(self) -> list[tuple[str, int]]:
        rows = self._fetch(
            "SELECT outlet, count(*) FROM articles WHERE outlet IS NOT NULL "
            "GROUP BY outlet ORDER BY outlet"
        )
        return [(r[0], int(r[1])) for r in rows]

    def article_view(self, article_id: str) -> ArticleView | None:
        record = self.store.get_record(article_id)
        if record is None:
            return None
        full_id = record["article"]["id"]
        links = self._dicts(
            [(c, c) for c in ("article_id", "from_id", "to_article_id", "to_id", "relation")]
            + [("o.title", "other_title"), ("o.outlet", "other_outlet")],
            "FROM claim_links c LEFT JOIN articles o ON o.id = CASE WHEN c.article_id = ? "
            "THEN c.to_article_id ELSE c.article_id END "
            "WHERE c.article_id = ? OR c.to_article_id = ? "
            "ORDER BY c.article_id, c.from_id, c.to_article_id, c.to_id",
            [full_id, full_id, full_id],
        )
        # the article's own clusters first (by its indexed id), then their other members: one
        # self-join made DuckDB pair up every member of every cluster
        mine: dict[str, list[str]] = defaultdict(list)  # cluster id → this article's events
        for cluster_id, event_id in self._fetch(
            "SELECT cluster_id, event_id FROM event_cluster_members WHERE article_id = ?",
            [full_id],
        ):
            mine[cluster_id].append(event_id)
        clusters: dict[str, list[dict[str, Any]]] = defaultdict(list)
        members = self._in(
            "SELECT cluster_id, article_id, event_id FROM event_cluster_members",
            "cluster_id",
            sorted(mine),
        )
        about = {
            r[0]: r[1:]
            for r in paging.lookup(
                self._fetch,
                "SELECT id, title, outlet, published FROM articles",
                "id",
                {m[1] for m in members},
            )
        }
        members = [m for m in members if m[1] in about]  # as the join did: stored articles
        members.sort(key=lambda m: (about[m[1]][2] is None, about[m[1]][2] or 0, m[1], m[2]))
        for cluster_id, article_id, event_id in members:
            title, outlet, published = about[article_id]
            for own in mine[cluster_id]:
                if (article_id, event_id) != (full_id, own):
                    clusters[own].append(
                        {
                            "cluster_id": cluster_id,
                            "article_id": article_id,
                            "other_event_id": event_id,
                            "title": title,
                            "outlet": outlet,
                            "published": iso(published),
                        }
                    )
        self.add_snippets([o for others in clusters.values() for o in others], "article_id")
        known = {a["id"] for a in record.get("actors", [])}
        wanted = {s.get("addressee") for s in record.get("statements", [])}
        wanted |= {a.get("affiliation") for a in record.get("actors", [])}
        names = self.actor_names(w for w in wanted if w and w not in known)
        return ArticleView(record, links, dict(clusters), names)

    # --- statements ---------------------------------------------------------------------

    def statements(
        self, flt: StatementFilter, limit: int = 50, offset: int = 0, total: int | None = None
    ) -> Page:
        """A page of statements; ``total``: their number where the caller knows it already."""
        if flt.speaker and not flt.speaker_ids:
            ids = lookup.actor_ids(self._fetch, flt.speaker, self._looked_up) or (flt.speaker,)
            flt = replace(flt, speaker_ids=ids)
        where = flt.where()
        base = f"{_STATEMENTS}{where.sql()}"
        # counted without the articles unless the filter reads them (a join reads them all)
        needs_articles = bool(flt.outlet or flt.date_from or flt.date_to)
        counted = base if needs_articles else f"FROM statements s{where.sql()}"
        span = self._actor_range(actorpages.ActorRange.of_statements(flt))
        if total is None:
            total = span.total(self._fetch) if span else self._count(counted, where.params)
        columns = [(f"s.{q(c)}", c) for c in _STATEMENT_COLUMNS] + list(_ARTICLE_REF)
        order = " ORDER BY a.published DESC NULLS LAST, s.article_id, s.ord"

        def run(near: Where, skip: int, source: tuple[str, list] | None) -> list[dict[str, Any]]:
            tables, params = source or paging.whole("statements", "s")
            sql = f"FROM {tables}{near.sql()}{order}{self._page_sql(limit, skip)}"
            return self._dicts(columns, sql, [*params, *near.params])

        if span:
            rows = actorpages.page_rows(span, self._fetch, "statements", where, limit, offset, run)
        else:
            rows = self._newest_page(
                "statements s", where, needs_articles, total, limit, offset, run
            )
            rows = run(where, offset, None) if rows is None else rows
        paging.add_statement_details(self._fetch, rows)
        disputed_by = paging.disputed_by(self._fetch, {(r["article_id"], r["id"]) for r in rows})
        items = [statement_item(row, disputed_by) for row in rows]
        self.add_snippets([item["article"] for item in items])
        return Page(total, limit, offset, items)

    @unchanging
    def statement_facets(self) -> dict[str, list[tuple[str, int]]]:
        facets = {}
        for column in ("act", "kind"):
            rows = self._fetch(
                f"SELECT {column}, count(*) FROM statements WHERE {column} IS NOT NULL "
                f"GROUP BY {column} ORDER BY {column}"
            )
            facets[column] = [(r[0], int(r[1])) for r in rows]
        return facets

    # --- events -------------------------------------------------------------------------

    def _event_sql(
        self, flt: EventFilter, where: Where, page_sql: str = ""
    ) -> tuple[list[str], str]:
        """The column names and the query of the events ``where`` keeps. The page is chosen
        first and only its rows are joined to names, places, times and statements: the joins
        then cost the page, not the store."""
        page_columns = ", ".join(f"e.{q(c)}" for c in _EVENT_COLUMNS)
        article_ref = ", ".join(f"{expr} AS {alias}" for expr, alias in _ARTICLE_REF)
        columns = [(f"e.{q(c)}", c) for c in _EVENT_COLUMNS] + [
            *((f"e.{alias}", alias) for _, alias in _ARTICLE_REF),
            ("sn.name", "source_name"),
            ("tn.name", "target_name"),
            ("p.name", "place_name"),
            ("t.value", "time_value"),
            ("st.speaker_actor", "attr_actor"),
            ("st.speaker_start", "attr_start"),
            ("st.speaker_end", "attr_end"),
            ("st.speaker_text", "attr_text"),
            ("stn.name", "attr_name"),
        ]
        sql = (
            f"WITH e AS (SELECT {page_columns}, {article_ref} "
            f"FROM events e JOIN articles a ON a.id = e.article_id{where.sql()} "
            f"{flt.order_sql('a.published', 'e.')}{page_sql}) "
            f"SELECT {', '.join(f'{expr} AS {q(alias)}' for expr, alias in columns)} FROM e "
            "LEFT JOIN actors sn ON sn.id = e.source_actor "
            "LEFT JOIN actors tn ON tn.id = e.target_actor "
            "LEFT JOIN places p ON p.id = e.place_id "
            "LEFT JOIN times t ON t.article_id = e.article_id AND t.id = e.time_id "
            "LEFT JOIN statements st ON st.article_id = e.article_id AND st.id = e.attributed_to "
            "LEFT JOIN actors stn ON stn.id = st.speaker_actor "
            f"{flt.order_sql('e.article_published', 'e.')}"
        )
        return [alias for _, alias in columns], sql

    def resolve_actor(self, flt: EventFilter) -> EventFilter:
        """``flt`` with its actor as the store's ids (a name, an alias, any case)."""
        if not flt.actor or flt.actor_ids:
            return flt
        ids = lookup.actor_ids(self._fetch, flt.actor, self._looked_up)
        return replace(flt, actor_ids=ids or (flt.actor,))

    def suggest_actors(self, text: str, limit: int = lookup.SUGGESTIONS) -> list[dict[str, Any]]:
        return lookup.suggest(self._fetch, text, limit)

    @unchanging
    def article_order(self) -> ArticleOrder:
        return ArticleOrder.from_rows(self._fetch(ARTICLE_ORDER_SQL))

    def _actor_range(self, span: actorpages.ActorRange | None) -> actorpages.ActorRange | None:
        """``span`` where ``actor_rows`` serves it: read-only DuckDB, the table current."""
        if span and self.frozen and "actor_rows" not in self._memo:
            self._memo["actor_rows"] = actor_rows.is_current(self._fetch)
        return span if span and self.frozen and self._memo["actor_rows"] else None

    def _newest_page(self, table: str, where: Where, *args: Any) -> list[dict[str, Any]] | None:
        """``paging.newest_page`` on a read-only DuckDB store (None elsewhere)."""
        if not self.frozen:
            return None
        return paging.newest_page(self._fetch, self.article_order(), table, where, *args, _WINDOW)

    def events(
        self, flt: EventFilter, limit: int = 50, offset: int = 0, total: int | None = None
    ) -> Page:
        """A page of events; ``total``: their number where the caller knows it already."""
        flt = self.resolve_actor(flt)
        if self.frozen and chooses_articles_only(flt):
            total, ids, inner = page_articles(self.article_order(), flt, limit, offset)
            source = paging.chosen_articles("events", "e", ids)
            page = self._page_sql(limit, inner)
            rows = event_page(self._fetch, flt, Where(), page, source) if ids else []
            return self._event_list(total, limit, offset, rows)
        where = flt.where()
        span = self._actor_range(actorpages.ActorRange.of_events(flt))
        joined = " JOIN articles a ON a.id = e.article_id" if flt.needs_articles else ""
        if total is None:
            counted = f"FROM events e{joined}{where.sql()}"
            total = span.total(self._fetch) if span else self._count(counted, where.params)

        def run(near: Where, skip: int, source: tuple[str, list] | None) -> list[dict[str, Any]]:
            return event_page(self._fetch, flt, near, self._page_sql(limit, skip), source)

        rows = None
        if span:
            rows = actorpages.page_rows(span, self._fetch, "events", where, limit, offset, run)
        elif flt.sort == "newest":
            rows = self._newest_page("events e", where, bool(joined), total, limit, offset, run)
        rows = run(where, offset, None) if rows is None else rows
        return self._event_list(total, limit, offset, rows)

    def _event_list(self, total: int, limit: int, offset: int, rows: list[dict]) -> Page:
        items = [event_item(row) for row in rows]
        self.add_snippets([item["article"] for item in items])
        return Page(total, limit, offset, items)

    def iter_events(self, flt: EventFilter, batch: int = 2000) -> Iterator[dict[str, Any]]:
        """Every event the filter keeps, fetched a batch at a time from one query."""
        flt = self.resolve_actor(flt)
        where = flt.where()
        names, sql = self._event_sql(flt, where)
        for rows in self._stream(sql, where.params, batch):
            items = [event_item(dict(zip(names, row, strict=True))) for row in rows]
            self.add_snippets([item["article"] for item in items])  # as the list's items
            yield from items

    def _stream(self, sql: str, params: Sequence[Any], batch: int) -> Iterator[list[tuple]]:
        """The rows of one query in batches. On DuckDB it runs on a cursor of its own, so a
        long download holds up no other request; elsewhere a page per query, the store lock
        let go between pages."""
        if not self._per_thread:
            offset = 0
            while True:
                rows = self._fetch(f"{sql} LIMIT {batch} OFFSET {offset}", params)
                yield rows
                if len(rows) < batch:
                    return
                offset += batch
        with self._opening:
            cursor = self._shared.cursor()  # type: ignore[attr-defined]
        try:
            cursor.execute(sql, list(params))
            while rows := cursor.fetchmany(batch):
                yield rows
        finally:
            cursor.close()

    @unchanging
    def event_types(self) -> list[tuple[str, int]]:
        rows = self._fetch(
            f"SELECT {q('type')}, count(*) FROM events WHERE {q('type')} IS NOT NULL "
            f"GROUP BY {q('type')} ORDER BY {q('type')}"
        )
        return [(r[0], int(r[1])) for r in rows]
