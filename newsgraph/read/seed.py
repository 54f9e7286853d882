"""The seed corpus format: ``date YYYY-MM-DD Title`` / ``By Outlet`` / body, repeatable.

A file may hold several articles one after another. An article's text is everything after its
``By Outlet`` line up to the next header line, with the trailing line breaks removed and
nothing else touched, so offsets into ``Article.text`` are offsets into that stretch of the file.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..model import Article, ArticleError
from .base import ReadContext, ReadError, parse_iso_date
from .decode import Decoded

FORMAT = "seed"
# Whitespace (or a stray BOM from concatenated files) may precede a header.
LEAD = r"[ \t\ufeff]*"
# A header line: what splits one article from the next. Only a well-shaped date counts, so a
# body line that happens to start with "date" does not cut an article in two.
HEADER = re.compile(rf"^{LEAD}date[ \t]+\d{{4}}-\d{{2}}-\d{{2}}(?=[ \t\r\n]|$)", re.MULTILINE)
HEADER_LINE = re.compile(rf"{LEAD}date(?:[ \t]+(?P<date>\S+))?(?:[ \t]+(?P<title>.*?))?[ \t\r]*")
BYLINE = re.compile(r"[ \t\ufeff]*By[ \t]+(?P<outlet>\S.*?)[ \t\r]*")
STARTS_LIKE_SEED = re.compile(rf"\A\s*{LEAD}date[ \t]")
LINE_BREAKS = "\r\n"


def looks_like_seed(head: str) -> bool:
    return bool(STARTS_LIKE_SEED.match(head))


def read(decoded: Decoded, source: str, ctx: ReadContext) -> Iterator[Article | ArticleError]:
    text = decoded.text
    headers = [m.start() for m in HEADER.finditer(text)]
    first = len(text) - len(text.lstrip())
    if not headers or text[: headers[0]].strip():
        # Text before the first well-formed header: a malformed header or no header at all.
        headers.insert(0, first)
    # The first article's bytes include what precedes its header (BOM, blank lines).
    raw_starts = [0, *headers[1:]]
    ends = [*headers[1:], len(text)]
    for n, (raw_start, start, end) in enumerate(zip(raw_starts, headers, ends, strict=True), 1):
        item_source = f"{source}#{n}" if len(headers) > 1 else source
        raw = decoded.raw_of(raw_start, end)
        try:
            yield read_part(text, start, end, raw, item_source, ctx)
        except ReadError as exc:
            yield ArticleError(exc.code, exc.message, source=item_source, raw=raw)


def read_part(
    text: str, start: int, end: int, raw: bytes, source: str, ctx: ReadContext
) -> Article | ArticleError:
    """One article from ``text[start:end]``, which begins at its header line."""
    if len(raw) > ctx.limits.max_bytes:
        # before any parsing: a huge part costs nothing more than its length
        raise ReadError(
            "too_large", f"article is {len(raw)} bytes; the limit is {ctx.limits.max_bytes}"
        )
    header_end = line_end(text, start, end)
    header = HEADER_LINE.fullmatch(text, start, header_end)
    if header is None:
        raise ReadError("bad_header", "expected a 'date YYYY-MM-DD Title' line")
    if header["date"] is None:
        raise ReadError("bad_date", "the header line has no date")
    try:
        published = parse_iso_date(header["date"])
    except ValueError as exc:
        raise ReadError("bad_date", f"header date: {exc}") from None
    byline_start = skip_blank_lines(text, header_end, end)
    byline_end = line_end(text, byline_start, end)
    byline = BYLINE.fullmatch(text, byline_start, byline_end)
    if byline is None:
        raise ReadError("bad_header", "expected a 'By Outlet' line after the date line")
    body_start = min(byline_end + 1, end)
    body_end = body_start + len(text[body_start:end].rstrip(LINE_BREAKS))
    check_lines(text, body_start, body_end, ctx)
    return ctx.article(
        text=text[body_start:body_end],
        raw=raw,
        source=source,
        fmt=FORMAT,
        title=header["title"],
        outlet=byline["outlet"],
        published=published,
    )


def line_end(text: str, start: int, end: int) -> int:
    """Index of the newline ending the line at ``start`` (or ``end``)."""
    newline = text.find("\n", start, end)
    return end if newline < 0 else newline


def skip_blank_lines(text: str, pos: int, end: int) -> int:
    """Start of the first non-blank line after the line break at ``pos``."""
    while pos < end:
        line_start = pos + 1
        next_end = line_end(text, line_start, end)
        if text[line_start:next_end].strip():
            return line_start
        pos = next_end
    return end


def check_lines(text: str, start: int, end: int, ctx: ReadContext) -> None:
    longest = max(map(len, text[start:end].split("\n")), default=0)
    if longest > ctx.limits.max_line:
        raise ReadError(
            "too_large", f"a line of {longest} characters; the limit is {ctx.limits.max_line}"
        )
