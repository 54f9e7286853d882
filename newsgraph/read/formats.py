"""Input formats as registry entries: a reader plus what ``--format auto`` needs to pick it.

A format is registered in ``newsgraph.registry.readers`` under its name, by the ``reader``
decorator, by ``registry.readers.register(name, func=InputFormat(...))``, or by an installed
package's ``newsgraph_readers`` entry point (docs/plugins.md). The built-in formats register
here too, first, so a plug-in can add extensions but never take a built-in one.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from .. import registry
from .base import Reader


@dataclass(frozen=True, slots=True)
class InputFormat:
    """A readable format.

    ``read(decoded, source, ctx)`` yields ``Article`` or ``ArticleError`` (``ctx.article(...)``
    builds an article with its id, language and checks). ``extensions`` (with the dot) choose
    it under ``--format auto``; ``sniff(head)`` may claim a file whose extension says nothing
    (``.txt``, none, stdin) from its first 4,096 characters. ``single_article``: one file is
    one article, so the per-article size limit applies to the whole file.
    """

    name: str
    read: Reader
    extensions: tuple[str, ...] = ()
    sniff: Callable[[str], bool] | None = None
    single_article: bool = False


def register_format(spec: InputFormat) -> InputFormat:
    registry.readers.register(spec.name, func=spec)
    return spec


def reader(
    name: str,
    *,
    extensions: tuple[str, ...] = (),
    sniff: Callable[[str], bool] | None = None,
    single_article: bool = False,
) -> Callable[[Reader], Reader]:
    """Decorator: register a reader function as the format ``name``."""

    def register(read: Reader) -> Reader:
        register_format(InputFormat(name, read, extensions, sniff, single_article))
        return read

    return register


def as_format(name: str, entry: object) -> InputFormat:
    """A registry entry as an ``InputFormat`` (an entry point may name a bare reader)."""
    if isinstance(entry, InputFormat):
        return entry
    if callable(entry):
        return InputFormat(name, entry)  # type: ignore[arg-type]
    raise TypeError(f"reader {name!r} is a {type(entry).__name__}, not an InputFormat")


def registered_formats() -> dict[str, InputFormat]:
    """Every registered format by name: the built-ins first, then plug-ins."""
    return {name: as_format(name, entry) for name, entry in registry.readers.get_all().items()}
