"""``newsgraph story``: one real-world event across outlets, or the list of them."""

from __future__ import annotations

import json
from typing import Annotated, Any

import typer

from .cli_options import DbOpt
from .cli_support import fail, out, user_errors
from .ingestion import DEFAULT_STORE
from .store import Store, open_store

# ids listed when a prefix fits several stories
_SHOWN_IDS = 10


def resolve_story_id(store: Store, ref: str, db: str) -> str:
    """The full id of the story ``ref`` names (the id or a unique prefix of it), else the one
    line that says why not: no such story, several stories, or no link run yet."""
    if store.query("SELECT 1 FROM event_clusters WHERE id = ?", [ref]):
        return ref
    found = [
        row[0]
        for row in store.query(
            "SELECT id FROM event_clusters WHERE starts_with(id, ?) ORDER BY id LIMIT ?",
            [ref, _SHOWN_IDS + 1],
        )
    ]
    if len(found) == 1:
        return found[0]
    if found:
        shown = ", ".join(found[:_SHOWN_IDS]) + (", ..." if len(found) > _SHOWN_IDS else "")
        raise fail(f"story id prefix {ref!r} matches several stories: {shown}")
    linked = bool(store.query("SELECT 1 FROM event_clusters LIMIT 1"))
    hint = "`newsgraph story` lists them" if linked else "run `newsgraph link` first"
    raise fail(f"no story {ref!r} in {db} ({hint})")


def with_place_names(store: Store, stories: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The listed stories with ``place_name``: a reader wants "Gaza Strip", not its id."""
    ids = sorted({s["place"] for s in stories if s.get("place")})
    if not ids:
        return stories
    marks = ", ".join("?" for _ in ids)
    names = dict(store.query(f"SELECT id, name FROM places WHERE id IN ({marks})", ids))
    return [s | {"place_name": names.get(s["place"])} for s in stories]


def story(
    story_id: Annotated[
        str | None,
        typer.Argument(help="Event cluster id (ec-..., or a unique prefix); none: list them."),
    ] = None,
    db: DbOpt = DEFAULT_STORE,
    as_json: Annotated[bool, typer.Option("--json", help="Print the story as JSON.")] = False,
) -> None:
    """One real-world event: its reports over time, who says what, who disputes whom, and each
    outlet's wording (run `newsgraph link` first)."""
    from .link.stories import list_stories, story_record
    from .link.story_view import render_stories, render_story
    from .story_accounts import story_additions

    with user_errors(), open_store(db, read_only=True) as store:
        if story_id:
            found: Any = story_record(store, resolve_story_id(store, story_id, db))
            found |= story_additions(store, found)  # as /api/stories/{id} gives it
        else:
            found = with_place_names(store, list_stories(store))
    if as_json:
        print(json.dumps(found, indent=2, ensure_ascii=False, default=str))
    elif story_id:
        render_story(found, out)
    else:
        render_stories(found, out)
