"""``actor_rows``: each actor's statements and events in list order, written by ``link``.

The web's actor page and its statements-by-speaker and events-by-actor lists show an actor's
rows newest article first (then each article's reading order). Finding such a page on a big
store meant counting the actor's rows per article and sorting those articles (15–50 ms for an
actor in tens of thousands of articles). This table holds, per actor, its statements (as
speaker) and its events (as source or target, once each) with ``pos``, their place in that
order, so a page is the rows with ``pos`` in a range.

``link`` keeps it: a full run (or a store without it) writes it whole; an incremental run
rewrites the rows of the actors that the new, rewritten or deleted articles touch (an actor's
positions change only when its own rows do). ``schema_info`` then records the store's counts
at that moment: a reader uses the table only while those counts hold and no article waits for
``link`` (``is_current``).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from typing import Any

from .schema import Table, columns_from

ACTOR_ROWS = Table(
    "actor_rows",
    columns_from(
        """
        actor_id TEXT!
        kind TEXT!
        pos INTEGER!
        article_id TEXT!
        row_id TEXT!
        type TEXT
        as_source BOOLEAN!
        as_target BOOLEAN!
        """
    ),
    indexes=(("actor_id", "kind", "pos"),),
    order_by=("actor_id", "kind", "pos"),
)
STATE_KEY = "actor_rows"  # its row in schema_info: the counts the table was written for
_CHUNK = 500
_ORDER = "published DESC NULLS LAST, article_id, ord"
Fetch = Callable[[str, Sequence[Any]], list[tuple]]


def _rows_sql(actor_filter: Callable[[str], str]) -> str:
    """The table's rows (``actor_filter(column)``: an extra condition on an actor column)."""
    source = actor_filter("e.source_actor")
    target = actor_filter("e.target_actor")
    speaker = actor_filter("s.speaker_actor")
    events = (
        "SELECT e.source_actor AS actor_id, e.article_id, e.id AS row_id, e.ord, "
        'e."type" AS kind_type, a.published, TRUE AS as_source, '
        "COALESCE(e.target_actor = e.source_actor, FALSE) AS as_target "
        "FROM events e JOIN articles a ON a.id = e.article_id "
        f"WHERE e.source_actor IS NOT NULL{source} "
        'UNION ALL SELECT e.target_actor, e.article_id, e.id, e.ord, e."type", a.published, '
        "FALSE, TRUE FROM events e JOIN articles a ON a.id = e.article_id "
        "WHERE e.target_actor IS NOT NULL "
        f"AND e.target_actor IS DISTINCT FROM e.source_actor{target}"
    )
    statements = (
        "SELECT s.speaker_actor AS actor_id, s.article_id, s.id AS row_id, s.ord, "
        "CAST(NULL AS TEXT) AS kind_type, a.published, FALSE AS as_source, FALSE AS as_target "
        "FROM statements s JOIN articles a ON a.id = s.article_id "
        f"WHERE s.speaker_actor IS NOT NULL{speaker}"
    )
    ranked = (
        "SELECT actor_id, '{kind}', CAST(row_number() OVER (PARTITION BY actor_id "
        f"ORDER BY {_ORDER}) - 1 AS INTEGER), article_id, row_id, kind_type, as_source, "
        "as_target FROM ({rows}) x"
    )
    columns = ", ".join(c.quoted for c in ACTOR_ROWS.columns)
    return (
        f"INSERT INTO {ACTOR_ROWS.name} ({columns}) SELECT * FROM ("
        + ranked.format(kind="event", rows=events)
        + " UNION ALL "
        + ranked.format(kind="statement", rows=statements)
        + ") r ORDER BY 1, 2, 3"
    )


def store_counts(fetch: Fetch) -> dict[str, int]:
    """What the table's rows depend on, as counts (cheap on both databases' small tables;
    a rewritten article shows as unlinked instead)."""
    return {
        table: int(fetch(f"SELECT count(*) FROM {table}", [])[0][0])
        for table in ("articles", "events", "statements")
    }


def refresh(store: Any, article_ids: Sequence[str] | None) -> None:
    """Rewrite the table after a link run: whole (``article_ids`` None, or never written), or
    for the actors of these (new or rewritten) articles and of deleted ones."""
    fetch = store._fetchall
    with store._lock, store._transaction():
        store._execute(ACTOR_ROWS.create_sql())
        for statement in ACTOR_ROWS.index_sql():
            store._execute(statement)
        written = fetch("SELECT value FROM schema_info WHERE key = ?", [STATE_KEY])
        if article_ids is None or not written:
            store._execute(f"DELETE FROM {ACTOR_ROWS.name}")
            store._execute(_rows_sql(lambda column: ""))
        else:
            actors = _touched_actors(fetch, article_ids)
            for i in range(0, len(actors), _CHUNK):
                chunk = actors[i : i + _CHUNK]
                marks = ", ".join("?" * len(chunk))
                store._execute(f"DELETE FROM {ACTOR_ROWS.name} WHERE actor_id IN ({marks})", chunk)
                store._execute(_rows_sql(_among(marks)), chunk * 3)
        store._execute("DELETE FROM schema_info WHERE key = ?", [STATE_KEY])
        store._execute(
            "INSERT INTO schema_info (key, value) VALUES (?, ?)",
            [STATE_KEY, json.dumps(store_counts(fetch))],
        )


def _among(marks: str) -> Callable[[str], str]:
    return lambda column: f" AND {column} IN ({marks})"


def _touched_actors(fetch: Fetch, article_ids: Sequence[str]) -> list[str]:
    """Actors with rows in these articles now or in the table (before a rewrite), and those
    with rows of articles no longer stored."""
    found: set[str] = set()
    for (actor_id,) in fetch(
        f"SELECT DISTINCT actor_id FROM {ACTOR_ROWS.name} r WHERE NOT EXISTS "
        "(SELECT 1 FROM articles a WHERE a.id = r.article_id)",
        [],
    ):
        found.add(actor_id)
    ids = sorted(set(article_ids))
    for i in range(0, len(ids), _CHUNK):
        chunk = ids[i : i + _CHUNK]
        marks = ", ".join("?" * len(chunk))
        for sql in (
            f"SELECT actor_id FROM {ACTOR_ROWS.name} WHERE article_id IN ({marks})",
            f"SELECT speaker_actor FROM statements WHERE article_id IN ({marks})",
            f"SELECT source_actor FROM events WHERE article_id IN ({marks})",
            f"SELECT target_actor FROM events WHERE article_id IN ({marks})",
        ):
            found.update(actor_id for (actor_id,) in fetch(sql, chunk) if actor_id)
    return sorted(found)


def is_current(fetch: Fetch) -> bool:
    """Whether the table holds what the store holds: written, for these counts, and no
    article stored or rewritten since the last link run."""
    written = fetch("SELECT value FROM schema_info WHERE key = ?", [STATE_KEY])
    if not written or json.loads(written[0][0]) != store_counts(fetch):
        return False
    unlinked = fetch(
        "SELECT 1 FROM articles a WHERE NOT EXISTS "
        "(SELECT 1 FROM linked_articles l WHERE l.article_id = a.id) LIMIT 1",
        [],
    )
    return not unlinked
