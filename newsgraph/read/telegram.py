"""Telegram Desktop channel exports (``result.json``): each text message is an article.

A message's source is ``path#n`` for the n-th entry of the export's ``messages`` list.
The channel's ``name`` is the outlet. A message's ``text`` is a string or a list of strings and
entity objects (``{"type": "bold", "text": "..."}``); the pieces are joined in order. Service
messages and messages without text (a photo alone) are skipped; fields the reader does not know
are ignored, so newer exports still read.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

from ..model import Article, ArticleError
from .base import ReadContext, ReadError, load_json, parse_iso_date
from .decode import Decoded

FORMAT = "telegram"


def read(decoded: Decoded, source: str, ctx: ReadContext) -> Iterator[Article | ArticleError]:
    export = load_export(decoded.text)
    outlet = export.get("name") if isinstance(export.get("name"), str) else None
    for n, message in enumerate(export["messages"], start=1):
        if not is_text_message(message):
            continue
        # n counts every entry of the export's list, so skipped ones do not shift the numbers
        item_source = f"{source}#{n}"
        try:
            yield from_message(message, outlet, decoded.data, item_source, ctx)
        except ReadError as exc:
            yield ArticleError(exc.code, exc.message, source=item_source, raw=decoded.data)


def load_export(text: str) -> dict[str, Any]:
    export = load_json(text, "bad_telegram", what="the export is")
    if not isinstance(export, dict) or not isinstance(export.get("messages"), list):
        raise ReadError("bad_telegram", "not a Telegram export: no 'messages' list")
    return export


def is_text_message(message: Any) -> bool:
    return (
        isinstance(message, dict)
        and message.get("type", "message") == "message"
        and bool(message_text(message).strip())
    )


def message_text(message: dict[str, Any]) -> str:
    text = message.get("text")
    if isinstance(text, str):
        return text
    if not isinstance(text, list):
        return ""
    pieces = []
    for piece in text:
        if isinstance(piece, str):
            pieces.append(piece)
        elif isinstance(piece, dict) and isinstance(piece.get("text"), str):
            pieces.append(piece["text"])
    return "".join(pieces)


def from_message(
    message: dict[str, Any], outlet: str | None, raw: bytes, source: str, ctx: ReadContext
) -> Article | ArticleError:
    return ctx.article(
        text=message_text(message),
        raw=raw,
        source=source,
        fmt=FORMAT,
        outlet=outlet,
        published=message_date(message),
        shared_raw=True,
    )


def message_date(message: dict[str, Any]) -> date | None:
    value = message.get("date")
    if value in (None, ""):
        return None
    try:
        return parse_iso_date(value)
    except ValueError as exc:
        raise ReadError("bad_date", f"message date: {exc}") from None
