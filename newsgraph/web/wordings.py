"""How the articles name an actor: each wording, how often, and the outlets that use it.

The actor page shows them; on 100,000 articles one actor's wordings take 80 ms to count (its
mentions joined to their articles' outlets), so a read-only store counts those of its most
mentioned actors in one query before the first request (``newsgraph serve``) and keeps them.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from .filters import q

Fetch = Callable[[str, Sequence[Any]], list[tuple]]
Wordings = list[dict[str, Any]]

_SQL = (
    f"SELECT m.actor_id, m.{q('text')}, a.outlet, count(*) FROM mentions m "
    "JOIN articles a ON a.id = m.article_id WHERE m.label = 'actor' AND {chosen} "
    f"GROUP BY m.actor_id, m.{q('text')}, a.outlet"
)
_BUSIEST = (
    "m.actor_id IN (SELECT actor_id FROM mentions WHERE label = 'actor' "
    "AND actor_id IS NOT NULL GROUP BY actor_id ORDER BY count(*) DESC, actor_id LIMIT {n})"
)


def of_actor(fetch: Fetch, actor_id: str) -> Wordings:
    """One actor's wordings, most used first."""
    return _grouped(fetch(_SQL.format(chosen="m.actor_id = ?"), [actor_id])).get(actor_id, [])


def of_busiest(fetch: Fetch, actors: int) -> dict[str, Wordings]:
    """The wordings of the ``actors`` most mentioned actors, by actor id, in one query."""
    return _grouped(fetch(_SQL.format(chosen=_BUSIEST.format(n=int(actors))), []))


def _grouped(rows: list[tuple]) -> dict[str, Wordings]:
    by_actor: dict[str, dict[str, dict[str, Any]]] = {}
    for actor_id, text, outlet, count in rows:
        names = by_actor.setdefault(actor_id, {})
        entry = names.setdefault(text, {"text": text, "count": 0, "outlets": []})
        entry["count"] += int(count)
        if outlet:
            entry["outlets"].append(outlet)
    result = {}
    for actor_id, names in by_actor.items():
        for entry in names.values():
            entry["outlets"].sort()
        result[actor_id] = sorted(names.values(), key=lambda n: (-n["count"], n["text"]))
    return result
