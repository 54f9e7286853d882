"""What every reader shares: limits, the read context, stable ids and the error type.

Readers are plain generators ``read(decoded, source, ctx) -> Iterator[Article | ArticleError]``;
they raise :class:`ReadError` for a problem with the whole input and yield an
:class:`~newsgraph.model.ArticleError` for a problem with one item of a multi-article input.
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from ..model import Article, ArticleError
from .decode import Decoded
from .lang import detect_language

MiB = 1024 * 1024
ID_LENGTH = 16
# Separates the parts that make up an id, so ("ab", "c") and ("a", "bc") never collide.
ID_SEPARATOR = "\x1f"
ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")


@dataclass(frozen=True, slots=True)
class ReadLimits:
    """Bounds that keep one hostile or mistaken input from eating the machine.

    ``max_bytes``: one article (and one single-article file: text, HTML) in bytes.
    ``max_line``: one line of a line-based input (seed, text, one JSON Lines record).
    ``max_file_bytes``: one multi-article file (JSON Lines, feed, Telegram export, seed file).
    ``max_future_days``: how far after today a publication date may lie (time zones, embargoes).
    """

    max_bytes: int = 20 * MiB
    max_line: int = 1 * MiB
    max_file_bytes: int = 256 * MiB
    max_future_days: int = 1


class ReadError(Exception):
    """A problem with a whole input; becomes an ``ArticleError`` with this code."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


def load_json(text: str | bytes, code: str, what: str = "JSON") -> Any:
    """Parse JSON, turning any failure into a ``ReadError`` with ``code``."""
    try:
        return json.loads(text)
    except RecursionError:
        raise ReadError(code, f"{what} nested too deeply") from None
    except ValueError as exc:
        raise ReadError(code, f"not valid JSON: {exc}") from None


@dataclass(slots=True)
class ReadContext:
    """The options of one ``read_inputs`` call, as every reader sees them."""

    published: date | None = None
    outlet: str | None = None
    field_map: dict[str, str] = field(default_factory=dict)
    limits: ReadLimits = field(default_factory=ReadLimits)
    today: Callable[[], date] = date.today

    def latest_date(self) -> date:
        return self.today() + timedelta(days=self.limits.max_future_days)

    def article(
        self,
        *,
        text: str,
        raw: bytes,
        source: str,
        fmt: str,
        title: str | None = None,
        outlet: str | None = None,
        published: date | None = None,
        url: str | None = None,
        id: str | None = None,
        shared_raw: bool = False,
    ) -> Article | ArticleError:
        """Build an article, filling in the options and checking what every format must meet.

        ``shared_raw``: ``raw`` is the whole multi-article input (the item's own bytes are not
        cheap to find), so the size limit applies to the article's text instead.
        """
        outlet = clean_meta(outlet) or self.outlet
        title = clean_meta(title)
        url = clean_meta(url)
        published = published or self.published
        size = len(text.encode("utf-8", "surrogatepass")) if shared_raw else len(raw)
        problem = self.check(text, size, published)
        if problem is not None:
            code, message = problem
            return ArticleError(code, message, source=source, id=id, raw=raw)
        text = replace_lone_surrogates(text)
        return Article(
            id=id or article_id(outlet, url or title, text),
            text=text,
            title=title,
            outlet=outlet,
            published=published,
            url=url,
            language=detect_language(text),
            raw=raw,
            source=source,
            format=fmt,
        )

    def check(self, text: str, size: int, published: date | None) -> tuple[str, str] | None:
        if not text.strip():
            return "no_text", "the input has no article text"
        if "\x00" in text:
            return "binary", "the article text contains NUL characters"
        if size > self.limits.max_bytes:
            return "too_large", f"article is {size} bytes; the limit is {self.limits.max_bytes}"
        if published is not None and published > self.latest_date():
            return (
                "future_date",
                f"publication date {published.isoformat()} lies more than "
                f"{self.limits.max_future_days} day(s) after today",
            )
        return None


Reader = Callable[[Decoded, str, ReadContext], Iterator[Article | ArticleError]]


def normalise_for_id(value: str | None) -> str:
    """NFC, whitespace collapsed, casefolded: the same article re-saved gets the same id."""
    if not value:
        return ""
    return " ".join(unicodedata.normalize("NFC", value).split()).casefold()


def article_id(outlet: str | None, url_or_title: str | None, text: str) -> str:
    """Stable id: sha256 of normalised outlet, url-or-title and text; 16 hex characters.

    The path an article was read from plays no part, so the same article read from two places
    (or re-read later) gets the same id.
    """
    key = ID_SEPARATOR.join(normalise_for_id(part) for part in (outlet, url_or_title, text))
    digest = hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()
    return digest[:ID_LENGTH]


def clean_meta(value: object) -> str | None:
    """A metadata string with surrounding whitespace removed; None where there is nothing."""
    if value is None:
        return None
    text = replace_lone_surrogates(" ".join(str(value).split()))
    return text.replace("\x00", "") or None


_SURROGATE = re.compile("[\ud800-\udfff]")


def replace_lone_surrogates(text: str) -> str:
    """Unpaired surrogates (from JSON escapes) cannot be written as UTF-8: one U+FFFD each.

    One character for one keeps every offset into the text valid.
    """
    return _SURROGATE.sub("\ufffd", text) if _SURROGATE.search(text) else text


def parse_iso_date(value: object) -> date:
    """``YYYY-MM-DD`` or an ISO datetime starting with one; ValueError when it is neither."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if not isinstance(value, str):
        raise ValueError(f"{value!r} is not a date")
    match = ISO_DATE.match(value.strip())
    if not match:
        raise ValueError(f"{value!r} is not a YYYY-MM-DD date")
    year, month, day = (int(part) for part in match.groups())
    try:
        return date(year, month, day)
    except ValueError:
        raise ValueError(f"{value!r} is not a real date") from None
