"""The actor queries behind the web UI and the REST API: the actors list, one actor with the
wordings that name it and its affiliates, catalogue names for ids. Part of ``queries.Reader``."""

from __future__ import annotations

import copy
from collections.abc import Iterable, Sequence
from typing import Any

from . import lookup, wordings
from .filters import MAX_LIMIT, Where, q
from .items import actor_summary
from .memo import unchanging
from .paging import Page

_ID_CHUNK = 500
_KEPT_ACTORS = 4096  # actors whose wordings a read-only store keeps in memory


class ActorQueries:
    frozen: bool
    _memo: dict[str, Any]

    def _fetch(self, sql: str, params: Sequence[Any] = ()) -> list[tuple]:
        raise NotImplementedError

    def _count(self, rest: str, params: Sequence[Any]) -> int:
        raise NotImplementedError

    @staticmethod
    def _page_sql(limit: int, offset: int) -> str:
        raise NotImplementedError

    def actor_names(self, ids: Iterable[str]) -> dict[str, str]:
        wanted = sorted(set(ids))
        names: dict[str, str] = {}
        for i in range(0, len(wanted), _ID_CHUNK):
            chunk = wanted[i : i + _ID_CHUNK]
            marks = ", ".join("?" * len(chunk))
            for actor_id, name in self._fetch(
                f"SELECT id, name FROM actors WHERE id IN ({marks})", chunk
            ):
                names[actor_id] = name or actor_id
        return names

    @unchanging
    def actor_types(self) -> list[tuple[str, int]]:
        rows = self._fetch(
            f"SELECT {q('type')}, count(*) FROM actors WHERE {q('type')} IS NOT NULL "
            f"GROUP BY {q('type')} ORDER BY {q('type')}"
        )
        return [(r[0], int(r[1])) for r in rows]

    def actors(
        self, text: str | None = None, type_: str | None = None, limit: int = 50, offset: int = 0
    ) -> Page:
        where = Where()
        if text:
            clause, params = lookup.search_clause(text)
            where.add(clause, *params)
        if type_:
            where.add(f"lower(a.{q('type')}) = ?", type_.lower())
        if self.frozen:
            return self._ranked_actors(where, limit, offset)
        total = self._count(f"FROM actors a{where.sql()}", where.params)
        rows = self._fetch(
            "WITH m AS (SELECT actor_id, count(*) AS n_mentions, "
            "count(DISTINCT article_id) AS n_articles FROM mentions "
            "WHERE label = 'actor' AND actor_id IS NOT NULL GROUP BY actor_id), "
            f"page AS (SELECT a.id, a.name, a.{q('type')} AS kind, a.country, a.affiliation, "
            "COALESCE(m.n_mentions, 0) AS n_mentions, COALESCE(m.n_articles, 0) AS n_articles "
            f"FROM actors a LEFT JOIN m ON m.actor_id = a.id{where.sql()} "
            f"ORDER BY n_mentions DESC, a.name, a.id{self._page_sql(limit, offset)}) "
            "SELECT page.*, "
            "(SELECT count(*) FROM statements s WHERE s.speaker_actor = page.id), "
            "(SELECT count(*) FROM events e "
            "WHERE e.source_actor = page.id OR e.target_actor = page.id) "
            "FROM page ORDER BY n_mentions DESC, name, id",
            where.params,
        )
        return Page(total, limit, offset, [actor_summary(row) for row in rows])

    @unchanging
    def _actor_stats(self) -> dict[str, tuple[int, int, int, int]]:
        """Actor id → (mentions, articles, statements, events), for the whole store."""
        rows = self._fetch(
            "SELECT a.id, COALESCE(m.n, 0), COALESCE(m.na, 0), COALESCE(s.n, 0), "
            "COALESCE(ev.n, 0) FROM actors a "
            "LEFT JOIN (SELECT actor_id, count(*) AS n, count(DISTINCT article_id) AS na "
            "FROM mentions WHERE label = 'actor' AND actor_id IS NOT NULL GROUP BY 1) m "
            "ON m.actor_id = a.id "
            "LEFT JOIN (SELECT speaker_actor AS id, count(*) AS n FROM statements "
            "GROUP BY 1) s ON s.id = a.id "
            "LEFT JOIN (SELECT id, count(*) AS n FROM (SELECT source_actor AS id FROM events "
            "WHERE source_actor IS NOT NULL UNION ALL SELECT target_actor FROM events "
            "WHERE target_actor IS NOT NULL AND target_actor <> COALESCE(source_actor, '')) "
            "GROUP BY 1) ev ON ev.id = a.id"
        )
        return {r[0]: (int(r[1]), int(r[2]), int(r[3]), int(r[4])) for r in rows}

    def _ranked_actors(self, where: Where, limit: int, offset: int) -> Page:
        """``actors`` from the memoised counts: the same order, without counting every
        mention of the store on each request."""
        stats = self._actor_stats()
        found = self._fetch(
            f"SELECT a.id, a.name, a.{q('type')}, a.country, a.affiliation "
            f"FROM actors a{where.sql()}",
            where.params,
        )
        found.sort(key=lambda r: (-stats.get(r[0], (0,))[0], r[1] is None, r[1] or "", r[0]))
        page = found[max(0, offset) : max(0, offset) + max(0, min(limit, MAX_LIMIT))]
        items = [actor_summary((*row, *stats.get(row[0], (0, 0, 0, 0)))) for row in page]
        return Page(len(found), limit, offset, items)

    def actor(self, actor_id: str) -> dict[str, Any] | None:
        if self.frozen:
            rows = [
                (*row, *self._actor_stats().get(actor_id, (0, 0, 0, 0)))
                for row in self._fetch(
                    f"SELECT id, name, {q('type')}, country, affiliation FROM actors WHERE id = ?",
                    [actor_id],
                )
            ]
        else:
            rows = self._actor_rows(actor_id)
        if not rows:
            return None
        return self._actor_detail(actor_summary(rows[0]), actor_id)

    def _actor_rows(self, actor_id: str) -> list[tuple]:
        return self._fetch(
            f"SELECT id, name, {q('type')}, country, affiliation, "
            "(SELECT count(*) FROM mentions m WHERE m.label = 'actor' AND m.actor_id = a.id), "
            "(SELECT count(DISTINCT m.article_id) FROM mentions m "
            "WHERE m.label = 'actor' AND m.actor_id = a.id), "
            "(SELECT count(*) FROM statements s WHERE s.speaker_actor = a.id), "
            "(SELECT count(*) FROM events e WHERE e.source_actor = a.id OR e.target_actor = a.id) "
            "FROM actors a WHERE a.id = ?",
            [actor_id],
        )

    def keep_wordings(self) -> None:
        """Count the most mentioned actors' wordings now, in one query (``wordings``)."""
        if self.frozen:
            self._memo["busiest_wordings"] = wordings.of_busiest(self._fetch, _KEPT_ACTORS)

    def _actor_detail(self, actor: dict[str, Any], actor_id: str) -> dict[str, Any]:
        kept = self._memo.get("busiest_wordings", {}).get(actor_id)
        others = self._memo.setdefault("wordings", {}) if self.frozen else {}
        kept = kept if kept is not None else others.get(actor_id)
        if kept is None:  # a read-only store's wordings never change: kept (other threads too)
            kept = wordings.of_actor(self._fetch, actor_id)
            if len(others) >= _KEPT_ACTORS:
                others.clear()
            others[actor_id] = kept
        actor["names"] = copy.deepcopy(kept)
        affiliation = actor["affiliation"]
        actor["affiliation_name"] = (
            self.actor_names([affiliation]).get(affiliation) if affiliation else None
        )
        actor["affiliates"] = [
            {"id": r[0], "name": r[1]}
            for r in self._fetch(
                "SELECT id, name FROM actors WHERE affiliation = ? ORDER BY name, id", [actor_id]
            )
        ]
        return actor
