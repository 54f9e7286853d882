"""How many items reading a fixed list of inputs will yield, counted cheaply up front.

A progress bar needs a total before the run starts. One-article files (HTML, plain text) count
one without being opened; JSON Lines count their non-blank lines, seed files their header
lines, feeds their entries and Telegram exports their messages, by a byte scan with no parsing.
The figure is an estimate (a broken record is still one item; a message without text is
skipped), and stdin makes it unknown.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import PurePath

from ..model import ArticleError

STDIN_SOURCE = "<stdin>"
_LINE_FORMATS = {".jsonl", ".ndjson"}
_ITEM_PATTERNS = {
    # a seed header at a line start (with an optional byte-order mark before it)
    ".txt": re.compile(rb"^(?:\xef\xbb\xbf)?[ \t]*date[ \t]+\d{4}-\d{2}-\d{2}", re.MULTILINE),
    ".rss": re.compile(rb"<(?:item|entry)[\s>]"),
    ".json": re.compile(rb'"type"\s*:\s*"message"'),
}
_PATTERN_OF = {
    ".txt": ".txt", ".text": ".txt", ".seed": ".txt", ".md": ".txt", "": ".txt",
    ".rss": ".rss", ".atom": ".rss", ".xml": ".rss", ".json": ".json",
}  # fmt: skip


def estimate_items(sources: Sequence[str | ArticleError]) -> int | None:
    """About how many items ``sources`` (``ReadStream.sources``) yield; None with stdin."""
    total = 0
    for source in sources:
        if isinstance(source, ArticleError):
            total += 1
        elif source == STDIN_SOURCE:
            return None
        else:
            total += _items_in(source)
    return total


def _items_in(path: str) -> int:
    extension = PurePath(path).suffix.lower()
    try:
        if extension in _LINE_FORMATS:
            with open(path, "rb") as handle:
                return max(1, sum(1 for line in handle if line.strip()))
        if extension in _PATTERN_OF:
            with open(path, "rb") as handle:
                data = handle.read()
            return max(1, len(_ITEM_PATTERNS[_PATTERN_OF[extension]].findall(data)))
    except OSError:
        return 1  # reading it will report the problem: one error item
    return 1
