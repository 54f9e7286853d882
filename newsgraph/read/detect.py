"""``--format auto``: the format of an input from its file name and its first characters.

The extension names the family (``.html``, ``.jsonl``, ``.rss``); the content settles what the
name leaves open (``.txt``: seed or plain text; ``.json``: Telegram export or JSON records;
``.xml``: feed or XHTML; no extension, or stdin: anything). A plug-in format
(``newsgraph.registry.readers``) is chosen by its own extensions, or by its ``sniff`` test where
the extension settles nothing, before the built-in sniffing; it never takes a built-in extension.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import PurePath
from typing import TYPE_CHECKING

from .seed import looks_like_seed

if TYPE_CHECKING:
    from .formats import InputFormat

HEAD_CHARS = 4096
BY_EXTENSION = {
    ".jsonl": "jsonl", ".ndjson": "jsonl", ".html": "html", ".htm": "html", ".xhtml": "html",
    ".rss": "rss", ".atom": "rss",
}  # fmt: skip
BUILT_IN = frozenset(BY_EXTENSION.values()) | {"seed", "text", "telegram"}
SNIFFED_EXTENSIONS = {".json", ".xml", ".txt", ".text", ".seed", ".md", ""}
FEED_ROOT = re.compile(r"<(?:rss|feed|rdf:RDF)[\s>]", re.IGNORECASE)
HTML_START = re.compile(r"<(?:!doctype\s+html|html|head|body)[\s>]", re.IGNORECASE)
TELEGRAM_KEY = re.compile(r'"messages"\s*:\s*\[')


def detect_format(
    name: str | None, text: str, formats: Mapping[str, InputFormat] | None = None
) -> str:
    """The reader for an input called ``name`` (None for stdin) whose text starts with ``text``.

    ``formats``: the registered formats, where plug-ins may add theirs (default: built-ins).
    """
    extension = PurePath(name).suffix.lower() if name else ""
    if extension in BY_EXTENSION:
        return BY_EXTENSION[extension]
    head = text[:HEAD_CHARS].lstrip()
    plugins = [f for f in (formats or {}).values() if f.name not in BUILT_IN]
    for plugin in plugins:
        if extension and extension in plugin.extensions:
            return plugin.name
    for plugin in plugins:
        if plugin.sniff is not None and plugin.sniff(head):
            return plugin.name
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
