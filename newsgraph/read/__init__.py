"""read: files, directories, globs and stdin → ``Article`` records (or ``ArticleError``).

``read_inputs`` never raises on bad input: every problem becomes an ``ArticleError`` with a code
from ``docs/errors.md``, and the batch goes on. One module per format: ``seed``, ``text``,
``jsonl``, ``html``, ``rss``, ``telegram``, each registered in ``newsgraph.registry.readers``
(where plug-ins add theirs, docs/plugins.md); ``detect`` picks one for ``fmt="auto"`` and
``decode`` turns bytes into text.
"""

from __future__ import annotations

import glob
import logging
import os
import sys
from collections.abc import Iterator, Mapping, Sequence
from datetime import date
from pathlib import Path

from ..model import Article, ArticleError
from . import html, jsonl, rss, seed, telegram, text
from .base import ReadContext, ReadError, ReadLimits, article_id
from .decode import DecodeError, decode_bytes
from .detect import BY_EXTENSION, detect_format
from .formats import InputFormat, reader, register_format, registered_formats
from .lang import detect_language

__all__ = [
    "FORMATS",
    "InputFormat",
    "ReadContext",
    "ReadLimits",
    "ReadStream",
    "article_id",
    "available_formats",
    "detect_format",
    "detect_language",
    "is_article_file",
    "read_bytes",
    "read_inputs",
    "reader",
    "registered_formats",
]

log = logging.getLogger("newsgraph.read")

SINGLE_ARTICLE = frozenset({"text", "html"})
# the built-in formats, registered like a plug-in's (their extensions drive --format auto)
for _name, _module in (
    ("seed", seed),
    ("text", text),
    ("jsonl", jsonl),
    ("html", html),
    ("rss", rss),
    ("telegram", telegram),
):
    register_format(
        InputFormat(
            _name,
            _module.read,
            extensions=tuple(ext for ext, fmt in BY_EXTENSION.items() if fmt == _name),
            single_article=_name in SINGLE_ARTICLE,
        )
    )
FORMATS: tuple[str, ...] = ("seed", "text", "jsonl", "html", "rss", "telegram")  # built-in
AUTO = "auto"
STDIN = "-"
STDIN_SOURCE = "<stdin>"
GLOB_CHARS = frozenset("*?[")


def available_formats() -> tuple[str, ...]:
    """The built-in formats, then those registered by plug-ins."""
    return (*FORMATS, *(name for name in registered_formats() if name not in FORMATS))


class ReadStream(Iterator[Article | ArticleError]):
    """What ``read_inputs`` returns: the items, read lazily, and the fixed list of inputs.

    ``sources`` holds, in reading order, each file to read (``<stdin>`` for ``-``) or the
    ``ArticleError`` of an argument that names none, known before anything is read.
    """

    def __init__(
        self, sources: list[str | ArticleError], items: Iterator[Article | ArticleError]
    ) -> None:
        self.sources = sources
        self._items = items

    def __next__(self) -> Article | ArticleError:
        return next(self._items)


def read_inputs(
    paths: Sequence[str],
    fmt: str = AUTO,
    *,
    published: date | None = None,
    outlet: str | None = None,
    field_map: dict[str, str] | None = None,
    limits: ReadLimits | None = None,
) -> ReadStream:
    """Articles from files, directories (recursive, sorted), globs, or ``-`` (stdin bytes).

    ``fmt``: ``auto`` or a registered format (``available_formats()``). ``published`` and
    ``outlet`` fill in where an input has none; ``field_map`` renames JSON fields (ours →
    theirs). Yields in input order; a bad input yields an ``ArticleError`` and reading goes on.
    Raises ``ValueError`` only for an unknown ``fmt`` (a caller's mistake, caught before
    anything is read).
    """
    if isinstance(paths, str | bytes):
        paths = [os.fsdecode(paths)]  # one path, not a sequence of one-letter paths
    formats = registered_formats()
    if fmt != AUTO and fmt not in formats:
        raise ValueError(f"unknown format {fmt!r}; choose from auto, {', '.join(formats)}")
    ctx = ReadContext(
        published=published,
        outlet=outlet,
        field_map=dict(field_map or {}),
        limits=limits or ReadLimits(),
    )
    # The file list is fixed now, at the call (names only: cheap); the files are read lazily.
    # So a run that writes its output into an input folder never reads that output back.
    sources = [source for path in paths for source in _sources_of(path)]
    return ReadStream(sources, _read_all(sources, fmt, ctx, formats))


def _sources_of(path: str) -> list[str | ArticleError]:
    try:
        return list(_expand(os.fspath(path)))
    except Exception as exc:  # e.g. a path of the wrong type: report it, go on
        return [ArticleError("internal", f"{type(exc).__name__}: {exc}", source=str(path))]


def _read_all(
    sources: list[str | ArticleError],
    fmt: str,
    ctx: ReadContext,
    formats: Mapping[str, InputFormat],
) -> Iterator[Article | ArticleError]:
    for source in sources:
        if isinstance(source, ArticleError):
            yield source
        else:
            yield from _read_source(source, fmt, ctx, formats)


def read_bytes(
    data: bytes,
    source: str,
    fmt: str = AUTO,
    ctx: ReadContext | None = None,
    formats: Mapping[str, InputFormat] | None = None,
) -> Iterator[Article | ArticleError]:
    """The articles of one input already in memory (what every path comes down to).

    ``formats``: the registered formats to choose from (default: looked up now).
    """
    ctx = ctx or ReadContext()
    try:
        yield from _read_data(data, source, fmt, ctx, formats or registered_formats())
    except Exception as exc:  # the promise: nothing escapes; the message says what broke
        yield ArticleError("internal", f"{type(exc).__name__}: {exc}", source=source, raw=data)


def _read_source(
    source: str, fmt: str, ctx: ReadContext, formats: Mapping[str, InputFormat]
) -> Iterator[Article | ArticleError]:
    try:
        data = _load(source, ctx.limits)
    except ReadError as exc:
        yield ArticleError(exc.code, exc.message, source=source)
        return
    except Exception as exc:
        yield ArticleError("internal", f"{type(exc).__name__}: {exc}", source=source)
        return
    yield from read_bytes(data, source, fmt, ctx, formats)


def _read_data(
    data: bytes, source: str, fmt: str, ctx: ReadContext, formats: Mapping[str, InputFormat]
) -> Iterator[Article | ArticleError]:
    try:
        decoded = decode_bytes(data)
        if decoded.note:
            log.warning("%s: %s", source, decoded.note)
        if not decoded.text.strip():
            raise ReadError("empty", "the input holds only whitespace")
        name = None if source == STDIN_SOURCE else source
        chosen = formats[detect_format(name, decoded.text, formats) if fmt == AUTO else fmt]
        if chosen.single_article and len(data) > ctx.limits.max_bytes:
            raise ReadError(
                "too_large", f"input is {len(data)} bytes; the limit is {ctx.limits.max_bytes}"
            )
        yield from chosen.read(decoded, source, ctx)
    except (ReadError, DecodeError) as exc:
        yield ArticleError(exc.code, exc.message, source=source, raw=data)


def _load(source: str, limits: ReadLimits) -> bytes:
    """The bytes of a file or of stdin, refusing more than ``max_file_bytes``."""
    cap = max(limits.max_file_bytes, limits.max_bytes)
    try:
        if source == STDIN_SOURCE:
            data = sys.stdin.buffer.read(cap + 1)
        else:
            with open(source, "rb") as handle:
                data = handle.read(cap + 1)
    except OSError as exc:
        raise ReadError("unreadable", f"cannot read: {exc.strerror or exc}") from None
    if len(data) > cap:
        raise ReadError("too_large", f"input is over {cap} bytes")
    return data


def _expand(path: str) -> Iterator[str | ArticleError]:
    """The files behind one argument: itself, a directory's files, or a glob's matches."""
    if path == STDIN:
        yield STDIN_SOURCE
    elif os.path.isdir(path):
        yield from _directory_files(path)
    elif os.path.lexists(path) or not GLOB_CHARS.intersection(path):
        yield path  # a missing or unreadable file is reported when it is opened
    else:
        matches = sorted(glob.glob(path, recursive=True))
        if not matches:
            yield ArticleError("unreadable", "no file matches this pattern", source=path)
        for match in matches:
            if os.path.isdir(match):
                yield from _directory_files(match)
            else:
                yield match


# a corpus folder's own documentation, not articles: skipped when a directory is read (a file
# named on the command line is still read)
_FOLDER_DOCS = frozenset({"readme", "license", "licence", "copying", "notice", "changelog"})


def is_article_file(name: str) -> bool:
    return not name.startswith(".") and name.split(".")[0].lower() not in _FOLDER_DOCS


def _directory_files(directory: str) -> Iterator[str | ArticleError]:
    """Every file under ``directory``, hidden ones and the folder's own documentation (README,
    LICENSE ...) excepted, in a stable sorted order."""
    files = []
    for root, dirs, names in os.walk(directory):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        files.extend(os.path.join(root, n) for n in names if is_article_file(n))
    if not files:
        yield ArticleError("unreadable", "the directory holds no files", source=directory)
    yield from sorted(files, key=lambda f: Path(f).parts)
