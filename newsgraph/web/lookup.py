"""Finding actors by what a person types: an id, a name, an alias, any case.

Aliases come from two places: the knowledge base (``Islamic Resistance`` is Hezbollah's alias
there) and the store itself (the words articles used for an actor, ``mentions.text``), so an
actor found by the pipeline without a knowledge-base entry is found by its own names too.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from functools import lru_cache
from typing import Any

from .filters import like_pattern

Fetch = Callable[[str, Sequence[Any]], list[tuple]]
SUGGESTIONS = 10
_text = '"text"'  # a keyword in SQL


_LOADING = threading.Lock()


def _kb_names() -> tuple[tuple[str, tuple[str, ...]], ...]:
    """(actor id, its lower-cased id, name and aliases) for every knowledge-base entry.
    Loading takes seconds: one thread loads it while the others wait for that one."""
    with _LOADING:
        return _load_kb_names()


def warm() -> None:
    """Load the knowledge base now (``create_app`` calls it in a thread at start-up)."""
    _kb_names()


@lru_cache(maxsize=1)
def _load_kb_names() -> tuple[tuple[str, tuple[str, ...]], ...]:
    from ..components.actors.kb import KnowledgeBase  # the pipeline's knowledge base

    return tuple(
        (entry.id, tuple(dict.fromkeys(t.lower() for t in (entry.id, *entry.names()))))
        for entry in KnowledgeBase.load()
    )


def kb_ids(text: str, *, exact: bool) -> list[str]:
    """Knowledge-base ids whose id, name or an alias is ``text`` (``exact``) or contains it."""
    needle = text.strip().lower()
    if not needle:
        return []
    if exact:
        return [actor_id for actor_id, names in _kb_names() if needle in names]
    return [actor_id for actor_id, names in _kb_names() if any(needle in n for n in names)]


MEMO_SIZE = 4096  # texts whose actor ids a read-only store keeps


def actor_ids(
    fetch: Fetch, text: str, memo: dict[str, tuple[str, ...]] | None = None
) -> tuple[str, ...]:
    """The store's actor ids that ``text`` names exactly (any case): id, name, knowledge-base
    alias, or the words an article used for the actor. ``memo``: answers kept by text (a store
    that cannot change; a look-up reads every mention, about 5 ms on 100,000 articles)."""
    needle = text.strip().lower()
    if not needle:
        return ()
    if memo is not None:
        if needle not in memo:
            if len(memo) >= MEMO_SIZE:
                memo.clear()
            memo[needle] = actor_ids(fetch, needle)
        return memo[needle]
    found = [
        r[0]
        for r in fetch(
            "SELECT id FROM actors WHERE lower(id) = ? OR lower(name) = ? "
            "UNION SELECT DISTINCT actor_id FROM mentions WHERE label = 'actor' "
            f"AND actor_id IS NOT NULL AND lower({_text}) = ?",
            [needle, needle, needle],
        )
    ]
    found += _stored(fetch, kb_ids(needle, exact=True))
    if not found:  # "Islamic Resistance": part of one actor's alias only
        partial = _stored(fetch, kb_ids(needle, exact=False)[:500])
        found = partial if len(partial) == 1 else []
    return tuple(sorted(set(found)))


def _stored(fetch: Fetch, ids: list[str]) -> list[str]:
    """Those of ``ids`` that the store has actors for."""
    if not ids:
        return []
    marks = ", ".join("?" * len(ids))
    return [r[0] for r in fetch(f"SELECT id FROM actors WHERE id IN ({marks})", ids)]


def search_clause(text: str, alias: str = "a") -> tuple[str, list[Any]]:
    """A ``WHERE`` clause for actors whose id or name contains ``text``, or a knowledge-base
    alias of which does (any case)."""
    pattern = like_pattern(text)
    clause = f"(lower({alias}.name) LIKE ? ESCAPE '\\' OR lower({alias}.id) LIKE ? ESCAPE '\\'"
    params: list[Any] = [pattern, pattern]
    aliased = kb_ids(text, exact=False)[:500]
    if aliased:
        clause += f" OR {alias}.id IN ({', '.join('?' * len(aliased))})"
        params += aliased
    return clause + ")", params


def suggest(fetch: Fetch, text: str, limit: int = SUGGESTIONS) -> list[dict[str, Any]]:
    """Actors for an autocomplete box: those whose name or id starts with ``text`` first,
    then those containing it or having an alias that does; most mentioned first."""
    needle = text.strip().lower()
    if not needle:
        return []
    clause, params = search_clause(needle)
    rows = fetch(
        'SELECT a.id, a.name, a."type", '
        "CASE WHEN lower(a.name) LIKE ? ESCAPE '\\' OR lower(a.id) LIKE ? ESCAPE '\\' "
        "THEN 0 ELSE 1 END AS rank, "
        "(SELECT count(*) FROM mentions m WHERE m.label = 'actor' AND m.actor_id = a.id) AS n "
        f"FROM actors a WHERE {clause} ORDER BY rank, n DESC, a.name, a.id LIMIT {int(limit)}",
        [like_pattern(needle)[1:], like_pattern(needle)[1:], *params],
    )
    return [{"id": r[0], "name": r[1], "type": r[2], "mentions": int(r[4])} for r in rows]
