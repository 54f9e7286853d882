"""Rows of the web queries turned into the API's items: the contract's objects, through the
store's own row readers, with the names and article details a reader needs beside them."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ..schema import EVENTS, STATEMENTS
from ..store import rows as R
from .filters import iso

# "Disputed by" lists stop here; the rest is a count (a claim repeated across a big store can be
# disputed by hundreds of statements).
DISPUTED_BY_CAP = 10
# An untitled article is labelled by its first words: about this many characters.
SNIPPET = 100


def snippet_of(head: str) -> str:
    """An untitled article's label from the start of its text (``SNIPPET`` + 1 characters):
    its first whole words on one line, with "…" where the text goes on."""
    if len(head) <= SNIPPET:
        return " ".join(head.split())
    cut = head[:SNIPPET]
    if not (head[SNIPPET].isspace() or cut[-1].isspace()) and len(cut.split()) > 1:
        cut = cut.rsplit(None, 1)[0]  # no word cut in half
    return " ".join(cut.split()) + "…"


def actor_summary(row: Sequence[Any]) -> dict[str, Any]:
    """An actor list row (id, name, type, country, affiliation and four counts) as JSON."""
    return {
        "id": row[0],
        "name": row[1],
        "type": row[2],
        "country": row[3],
        "affiliation": row[4],
        "mentions": int(row[5]),
        "articles": int(row[6]),
        "statements": int(row[7]),
        "events": int(row[8]),
    }


def _article_ref(row: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": row["article_id"],
        "title": row["article_title"],
        "outlet": row["article_outlet"],
        "published": iso(row["article_published"]),
        "url": row["article_url"],
    }


def statement_item(
    row: dict[str, Any], disputed_by: dict[tuple[str, str], tuple[list[dict], int]]
) -> dict[str, Any]:
    """A statement row with its names, article and the statements disputing it, as JSON."""
    item = R.item_from_row(STATEMENTS, row)
    item["speaker"]["name"] = row["speaker_name"]
    item["addressee_name"] = row["addressee_name"]
    item["time_value"] = row["time_value"]
    item["place_name"] = row["place_name"]
    shown, more = disputed_by.get((row["article_id"], row["id"]), ([], 0))
    item["disputed_by"] = shown
    item["disputed_by_more"] = more
    item["article"] = _article_ref(row)
    return item


def event_item(row: dict[str, Any]) -> dict[str, Any]:
    """An event row with its actor, place and time names and its article, as JSON."""
    item = R.item_from_row(EVENTS, row)
    item["source"]["name"] = row["source_name"]
    item["target"]["name"] = row["target_name"]
    item["place_name"] = row["place_name"]
    item["time_value"] = row["time_value"]
    item["attributed_speaker"] = (
        {
            "actor": row["attr_actor"],
            "name": row["attr_name"],
            "span": R.span_from(
                {"start": row["attr_start"], "end": row["attr_end"], "text": row["attr_text"]}
            ),
        }
        if row["attributed_to"]
        else None
    )
    item["article"] = _article_ref(row)
    return item
