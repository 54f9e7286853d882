"""The queries behind the pictures (timeline, network, map): counts of the events a filter
keeps, grouped by day and type, by source, target and type, or by place. Part of ``Reader``."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from .filters import EventFilter, q


class PictureQueries:
    def _fetch(self, sql: str, params: Sequence[Any] = ()) -> list[tuple]:
        raise NotImplementedError

    def resolve_actor(self, flt: EventFilter) -> EventFilter:
        raise NotImplementedError

    def events_per_day(self, flt: EventFilter) -> list[tuple[date, str, int]]:
        """(publication day, event type, number of events) for the timeline."""
        where = self.resolve_actor(flt).where()
        return [
            (row[0], row[1], int(row[2]))
            for row in self._fetch(
                f"SELECT a.published, e.{q('type')}, count(*) FROM events e "
                f"JOIN articles a ON a.id = e.article_id{where.sql()}"
                f"{' AND ' if where.clauses else ' WHERE '}a.published IS NOT NULL "
                f"AND e.{q('type')} IS NOT NULL GROUP BY 1, 2 ORDER BY 1, 2",
                where.params,
            )
        ]

    def event_edges(self, flt: EventFilter, limit: int = 80) -> list[tuple[str, str, str, int]]:
        """(source id, target id, event type, number of events), the heaviest first."""
        where = self.resolve_actor(flt).where()
        joined = " JOIN articles a ON a.id = e.article_id" if flt.needs_articles else ""
        both = "e.source_actor IS NOT NULL AND e.target_actor IS NOT NULL"
        both += f" AND e.source_actor <> e.target_actor AND e.{q('type')} IS NOT NULL"
        return [
            (r[0], r[1], r[2], int(r[3]))
            for r in self._fetch(
                f"SELECT e.source_actor, e.target_actor, e.{q('type')}, count(*) AS n "
                f"FROM events e{joined}{where.sql()}{' AND ' if where.clauses else ' WHERE '}"
                f"{both} GROUP BY 1, 2, 3 ORDER BY n DESC, 1, 2, 3 LIMIT {int(limit)}",
                where.params,
            )
        ]

    def edge_coverage(self, flt: EventFilter) -> tuple[int, int]:
        """(events the filter keeps, those with a source and a target actor, not the same: the
        events the network can draw), in one pass."""
        where = self.resolve_actor(flt).where()
        joined = " JOIN articles a ON a.id = e.article_id" if flt.needs_articles else ""
        both = "e.source_actor IS NOT NULL AND e.target_actor IS NOT NULL"
        both += f" AND e.source_actor <> e.target_actor AND e.{q('type')} IS NOT NULL"
        row = self._fetch(
            f"SELECT count(*), count(*) FILTER (WHERE {both}) FROM events e{joined}{where.sql()}",
            where.params,
        )[0]
        return int(row[0]), int(row[1] or 0)

    def event_places(
        self, flt: EventFilter, limit: int = 300
    ) -> list[tuple[str, str, float, float, int, str | None]]:
        """(place id, name, lat, lon, number of events, feature) of the placed events, the most
        first; ``feature`` is the gazetteer's kind of place (city, country, region, ...)."""
        where = self.resolve_actor(flt).where()
        joined = " JOIN articles a ON a.id = e.article_id" if flt.needs_articles else ""
        rows = self._fetch(
            f"WITH n AS (SELECT e.place_id, count(*) AS n FROM events e{joined}{where.sql()}"
            f"{' AND ' if where.clauses else ' WHERE '}e.place_id IS NOT NULL GROUP BY 1) "
            "SELECT p.id, p.name, p.lat, p.lon, n.n, p.feature "
            "FROM n JOIN places p ON p.id = n.place_id "
            "WHERE p.lat IS NOT NULL AND p.lon IS NOT NULL "
            f"ORDER BY n.n DESC, p.id LIMIT {int(limit)}",
            where.params,
        )
        return [(r[0], r[1] or r[0], float(r[2]), float(r[3]), int(r[4]), r[5]) for r in rows]
