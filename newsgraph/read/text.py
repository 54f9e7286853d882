"""Plain text: the whole file is one article's body, exactly as decoded.

No whitespace, line-break or quote normalisation, so an offset into ``Article.text`` is an offset
into the file's decoded text.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..model import Article, ArticleError
from .base import ReadContext, ReadError
from .decode import Decoded

FORMAT = "text"


def read(decoded: Decoded, source: str, ctx: ReadContext) -> Iterator[Article | ArticleError]:
    check_lines(decoded.data, ctx)
    yield ctx.article(text=decoded.text, raw=decoded.data, source=source, fmt=FORMAT)


def check_lines(data: bytes, ctx: ReadContext) -> None:
    """A line longer than ``max_line`` bytes is not prose (minified code, a dump, an attack)."""
    longest = max(map(len, data.split(b"\n")))
    if longest > ctx.limits.max_line:
        raise ReadError(
            "too_large", f"a line of {longest} bytes; the limit is {ctx.limits.max_line}"
        )
