"""JSON Lines: one article object per line (a JSON array or a single object works too).

Fields: ``id``, ``text``, ``title``, ``published``, ``outlet``, ``url``. Other names map through
``field_map`` (ours → theirs, e.g. ``{"text": "body"}``). The output keeps the input ``id``; the
``text`` is kept unchanged. A broken line yields an ``ArticleError``; the other lines still count.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from ..model import Article, ArticleError
from .base import ReadContext, ReadError, load_json, parse_iso_date
from .decode import Decoded

FORMAT = "jsonl"
FIELDS = ("id", "text", "title", "published", "outlet", "url")


def read(decoded: Decoded, source: str, ctx: ReadContext) -> Iterator[Article | ArticleError]:
    whole = parse_whole(decoded.text)
    if whole is not None:
        yield from read_records(whole, decoded, source, ctx)
        return
    pos = 0
    text = decoded.text
    for number, line in enumerate(text.split("\n"), start=1):
        start, pos = pos, pos + len(line) + 1
        if not line.strip():
            continue
        raw = decoded.raw_of(start, min(pos, len(text)))
        yield read_line(line, raw, f"{source}#{number}", ctx)


def parse_whole(text: str) -> list[Any] | None:
    """The records of a file that is one JSON value (array or object), else None."""
    stripped = text.lstrip()
    if not stripped.startswith(("[", "{")):
        return None
    try:
        value = json.loads(text)
    except (ValueError, RecursionError):
        return None
    return value if isinstance(value, list) else [value]


def read_records(
    records: list[Any], decoded: Decoded, source: str, ctx: ReadContext
) -> Iterator[Article | ArticleError]:
    for number, record in enumerate(records, start=1):
        # Records inside one JSON document have no bytes of their own that are cheap to find.
        item_source = f"{source}#{number}"
        try:
            yield from_record(record, decoded.data, item_source, ctx, shared_raw=True)
        except ReadError as exc:
            yield ArticleError(exc.code, exc.message, source=item_source, raw=decoded.data)


def read_line(line: str, raw: bytes, source: str, ctx: ReadContext) -> Article | ArticleError:
    try:
        if len(raw) > ctx.limits.max_line:
            raise ReadError(
                "too_large",
                f"a record line of {len(raw)} bytes; the limit is {ctx.limits.max_line}",
            )
        record = load_json(line, "bad_json")
        return from_record(record, raw, source, ctx)
    except ReadError as exc:
        return ArticleError(exc.code, exc.message, source=source, raw=raw)


def from_record(
    record: Any, raw: bytes, source: str, ctx: ReadContext, *, shared_raw: bool = False
) -> Article | ArticleError:
    if not isinstance(record, dict):
        raise ReadError(
            "bad_record", f"a record must be a JSON object, not {type(record).__name__}"
        )
    fields = {ours: record.get(ctx.field_map.get(ours, ours)) for ours in FIELDS}
    text = fields["text"]
    text_name = ctx.field_map.get("text", "text")
    if text is None:
        raise ReadError("bad_record", f"the record has no {text_name!r} field")
    if not isinstance(text, str):
        raise ReadError("bad_record", f"the {text_name!r} field is not a string")
    return ctx.article(
        text=text,
        raw=raw,
        source=source,
        fmt=FORMAT,
        title=fields["title"],
        outlet=fields["outlet"],
        published=record_date(fields["published"]),
        url=fields["url"],
        id=record_id(fields["id"]),
        shared_raw=shared_raw,
    )


def record_date(value: Any) -> Any:
    if value is None or value == "":
        return None
    try:
        return parse_iso_date(value)
    except ValueError as exc:
        raise ReadError("bad_date", f"published: {exc}") from None


def record_id(value: Any) -> str | None:
    if value is None or isinstance(value, str):
        return value or None
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    raise ReadError("bad_record", f"the id must be a string or an integer, not {value!r}")
