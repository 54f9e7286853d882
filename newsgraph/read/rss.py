"""RSS and Atom feed files (feedparser): each entry is an article.

The entry's text is its content (or, lacking that, its summary) with the HTML stripped; the
feed's title is the outlet. feedparser gets the original bytes so it can honour the feed's own
encoding declaration; it is never given a string, which it could take for a URL to fetch.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import date
from typing import Any

from ..model import Article, ArticleError
from .base import ReadContext, ReadError
from .decode import Decoded
from .html import html_to_text

FORMAT = "rss"


def read(decoded: Decoded, source: str, ctx: ReadContext) -> Iterator[Article | ArticleError]:
    import feedparser  # only pay for the import when a feed is read

    feed = feedparser.parse(decoded.data)
    entries = feed.get("entries") or []
    if not entries:
        problem = feed.get("bozo_exception")
        reason = f"not a well-formed feed: {problem}" if problem else "the feed has no entries"
        raise ReadError("bad_feed", reason)
    outlet = html_to_text(feed.get("feed", {}).get("title") or "") or None
    for n, entry in enumerate(entries, start=1):
        item_source = f"{source}#{n}"
        try:
            yield from_entry(entry, outlet, decoded.data, item_source, ctx)
        except ReadError as exc:
            yield ArticleError(exc.code, exc.message, source=item_source, raw=decoded.data)


def from_entry(
    entry: Any, outlet: str | None, raw: bytes, source: str, ctx: ReadContext
) -> Article | ArticleError:
    return ctx.article(
        text=entry_text(entry),
        raw=raw,
        source=source,
        fmt=FORMAT,
        title=html_to_text(entry.get("title") or ""),
        outlet=outlet,
        published=entry_date(entry),
        url=entry.get("link"),
        shared_raw=True,
    )


def entry_text(entry: Any) -> str:
    """The longest content block, else the summary, as plain text."""
    contents = [c.get("value") or "" for c in entry.get("content") or []]
    best = max(contents, key=len, default="")
    return html_to_text(best or entry.get("summary") or "")


def entry_date(entry: Any) -> date | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        parsed = entry.get(key)
        if isinstance(parsed, time.struct_time):
            try:
                return date(parsed.tm_year, parsed.tm_mon, parsed.tm_mday)
            except ValueError:
                continue
    return None
