"""What every ``newsgraph`` command shares besides its options: the consoles, parsing of option
values, and turning a user's mistake into one clear line instead of a traceback."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from datetime import date

import typer
from rich.console import Console
from rich.markup import escape

out = Console()
err = Console(stderr=True)

# exit status of a command that found no store to read
NO_STORE = 2
debug_mode = {"on": bool(os.environ.get("NEWSGRAPH_DEBUG"))}


def parse_date(value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"{value!r} is not a date in YYYY-MM-DD form") from None


def parse_fields(pairs: list[str] | None) -> dict[str, str] | None:
    if not pairs:
        return None
    mapping = {}
    for pair in pairs:
        ours, sep, theirs = pair.partition("=")
        if not sep or not ours or not theirs:
            raise typer.BadParameter(f"--field takes OURS=THEIRS, got {pair!r}")
        mapping[ours] = theirs
    return mapping


def check_format(fmt: str) -> str:
    from .read import available_formats

    formats = ("auto", *available_formats())
    if fmt not in formats:
        raise typer.BadParameter(f"unknown format {fmt!r}; choose from {', '.join(formats)}")
    return fmt


def fail(message: str, code: int = 1) -> typer.Exit:
    """Print one line saying what went wrong (never wrapped), and the exit to raise."""
    one_line = " ".join(message.split())
    err.print(f"[red]error:[/] {escape(one_line)}", soft_wrap=True, highlight=False)
    return typer.Exit(code)


@contextlib.contextmanager
def user_errors() -> Iterator[None]:
    """A store that cannot be opened, an ambiguous id, a file that cannot be written, Ray
    missing or failing, a shards folder that holds none, an object store that refuses (no
    such bucket, bad credentials): one line and a non-zero exit, no
    traceback (``--debug`` shows it)."""
    from .scale.ray_data import ScaleRunError
    from .scale.ray_runner import RayNotInstalled, RayRunFailed
    from .scale.shards import ShardError
    from .scale.storage import StorageError
    from .store import StoreError, StoreNotFound

    try:
        yield
    except (
        StoreError,
        RayNotInstalled,
        RayRunFailed,
        ScaleRunError,
        ShardError,
        StorageError,
        OSError,
    ) as exc:
        if debug_mode["on"]:
            raise
        no_store = isinstance(exc, StoreNotFound | RayNotInstalled | ShardError)
        raise fail(str(exc), NO_STORE if no_store else 1) from None
