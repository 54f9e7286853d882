"""``--format auto``: the format of an input from its file name and its first characters.

The extension names the family (``.html``, ``.jsonl``, ``.rss``); the content settles what the
name leaves open (``.txt``: seed or plain text; ``.json``: Telegram export or JSON records;
``.xml``: feed or XHTML; no extension, or stdin: anything).
"""

from __future__ import annotations

import re
from pathlib import PurePath

from .seed import looks_like_seed

HEAD_CHARS = 4096
BY_EXTENSION = {
    ".jsonl": "jsonl", ".ndjson": "jsonl", ".html": "html", ".htm": "html", ".xhtml": "html",
    ".rss": "rss", ".atom": "rss",
}  # fmt: skip
SNIFFED_EXTENSIONS = {".json", ".xml", ".txt", ".text", ".seed", ".md", ""}
FEED_ROOT = re.compile(r"<(?:rss|feed|rdf:RDF)[\s>]", re.IGNORECASE)
HTML_START = re.compile(r"<(?:!doctype\s+html|html|head|body)[\s>]", re.IGNORECASE)
TELEGRAM_KEY = re.compile(r'"messages"\s*:\s*\[')


def detect_format(name: str | None, text: str) -> str:
    """The reader for an input called ``name`` (None for stdin) whose text starts with ``text``."""
    extension = PurePath(name).suffix.lower() if name else ""
    if extension in BY_EXTENSION:
        return BY_EXTENSION[extension]
    head = text[:HEAD_CHARS].lstrip()
    if extension not in SNIFFED_EXTENSIONS:
        # An unknown extension (.log, .csv): only the two text formats are plausible.
        return "seed" if looks_like_seed(head) else "text"
    return sniff(head, extension)


def sniff(head: str, extension: str) -> str:
    if looks_like_seed(head):
        return "seed"
    if extension in {".txt", ".text", ".md"}:
        return "text"
    if head.startswith(("{", "[")):
        return "telegram" if head.startswith("{") and TELEGRAM_KEY.search(head) else "jsonl"
    if head.startswith("<"):
        if FEED_ROOT.search(head):
            return "rss"
        if HTML_START.search(head) or extension != ".xml":
            return "html"
        return "rss"
    return "text"
