"""What every ``newsgraph`` command shares besides its options: the consoles, parsing of option
values, and turning a user's mistake into one clear line instead of a traceback."""

from __future__ import annotations

import contextlib
import inspect
import json
import os
import signal
import sys
import threading
from collections.abc import Callable, Iterator
from datetime import date
from typing import Any

import typer
from rich.console import Console
from rich.markup import escape

try:  # typer 0.2x vendors click under its own name; earlier releases use click itself
    from typer._click import exceptions as usage_errors
except ImportError:  # pragma: no cover - depends on the installed typer
    from click import exceptions as usage_errors

# a table written to a file or a pipe has no terminal to fit: rich would lay it out for 80
# columns and cut its cells ("Glob… Wire Serv…"), so it gets room enough to keep them whole;
# COLUMNS, where set, still decides (as on a terminal)
PIPED_WIDTH = 200
out = Console(width=None if sys.stdout.isatty() or os.environ.get("COLUMNS") else PIPED_WIDTH)
err = Console(stderr=True)

# exit status of a command that found no store to read
NO_STORE = 2
# exit status of a run stopped by Ctrl-C (128 + SIGINT, as shells report it)
INTERRUPTED = 130
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


def unwrap_help(text: str) -> str:
    """A docstring as ``--help`` should show it: each paragraph one line, rewrapped to the
    terminal (typer's rich mode keeps the source's line breaks, which then break mid-line)."""
    paragraphs = inspect.cleandoc(text).split("\n\n")
    return "\n\n".join(" ".join(p.split()) for p in paragraphs)


def unwrap_command_help(app: typer.Typer) -> None:
    """Every registered command's help (its docstring unless given) made of whole paragraphs."""
    for command in app.registered_commands:
        text = command.help or inspect.getdoc(command.callback)
        if text:
            command.help = unwrap_help(text)


def one_line(message: str) -> str:
    """A message of several lines (a database driver's, say) as one line, each line still a
    sentence: "Connection refused" and "Is the server running?" become "Connection refused.
    Is the server running?", not one run-on sentence."""
    lines = [" ".join(line.split()) for line in message.splitlines()]
    joined = ""
    for line in filter(None, lines):
        if joined:
            joined += " " if joined.endswith((".", ":", ";", ",", "!", "?")) else ". "
        joined += line
    return joined


def fail(message: str, code: int = 1) -> typer.Exit:
    """Print one line saying what went wrong (never wrapped), and the exit to raise."""
    err.print(f"[red]error:[/] {escape(one_line(message))}", soft_wrap=True, highlight=False)
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


def print_rows(
    rows: list[dict[str, Any]],
    total: int,
    as_json: bool,
    table: Callable[[list[dict[str, Any]]], Any],
    noun: str,
) -> None:
    """Listed rows as JSON Lines, or as a terminal table and a count ("27 article(s), first
    5 shown")."""
    if as_json:
        for row in rows:
            print(json.dumps(row, ensure_ascii=False))
        return
    if rows:
        out.print(table(rows))
    shown = f", first {len(rows)} shown" if total > len(rows) else ""
    out.print(f"{total} {noun}{shown}")


def resume_line(status: str, db: str) -> str:
    """What an interrupted ``ingest`` or ``load`` says: how far it got and how to go on."""
    return (
        f"{status}; {db} holds whole articles only: run the same command again to go on "
        "(stored articles are skipped)"
    )


@contextlib.contextmanager
def interrupt_in_one_line(so_far: Callable[[], str]) -> Iterator[None]:
    """Ctrl-C: one line saying how far the run got and how to go on, exit 130, no traceback.

    DuckDB turns a Ctrl-C that lands during a query into its own error ("Query interrupted"),
    so any failure after a Ctrl-C counts as the interruption. A run that was started with
    Ctrl-C ignored (``nohup``, a background job) keeps it ignored.
    """
    interrupted = threading.Event()

    def on_interrupt(signum: int, frame: Any) -> None:
        interrupted.set()
        signal.default_int_handler(signum, frame)

    ours = (
        threading.current_thread() is threading.main_thread()
        and signal.getsignal(signal.SIGINT) is signal.default_int_handler
    )
    if ours:
        signal.signal(signal.SIGINT, on_interrupt)
    try:
        yield
    except BaseException as exc:
        stopped = isinstance(exc, KeyboardInterrupt) or interrupted.is_set()
        if not stopped or debug_mode["on"]:
            raise
        raise fail(f"interrupted: {so_far()}", INTERRUPTED) from None
    finally:
        if ours:
            signal.signal(signal.SIGINT, signal.default_int_handler)


def run_in_one_line(app: typer.Typer, args: list[str] | None = None) -> int:
    """Run the command line as the ``newsgraph`` script does and return its exit status. A
    usage mistake (an unknown command or option, a bad value, a missing argument) is one
    ``error:`` line naming the command's ``--help``, not typer's boxed panel of usage, hint
    and message; the status stays click's 2. No arguments at all still print the help."""
    try:
        status = app(args=args, prog_name="newsgraph", standalone_mode=False)
    except usage_errors.NoArgsIsHelpError:
        return _standalone_status(app, args)
    except usage_errors.UsageError as exc:
        where = exc.ctx.command_path if exc.ctx is not None else "newsgraph"
        fail(f"{exc.format_message().rstrip('.')} (see '{where} --help')")
        return exc.exit_code
    except usage_errors.ClickException as exc:
        fail(exc.format_message())
        return exc.exit_code
    except typer.Abort:
        return 1
    return status if isinstance(status, int) else 0


def _standalone_status(app: typer.Typer, args: list[str] | None) -> int:
    """typer's own run, which prints the help for a command given no arguments."""
    try:
        app(args=args, prog_name="newsgraph")
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else 0
    return 0
