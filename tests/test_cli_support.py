"""What every command shares: Ctrl-C in a long command gives one line saying how far it got
(exit 130, never a traceback); help texts are whole paragraphs, rewrapped to the terminal; a
usage mistake is one line."""

from __future__ import annotations

import json
import signal
import socket
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
import typer

from newsgraph.cli import app
from newsgraph.cli_serve import listen_refused
from newsgraph.cli_support import (
    INTERRUPTED,
    debug_mode,
    interrupt_in_one_line,
    one_line,
    run_in_one_line,
    unwrap_help,
)


@pytest.fixture(autouse=True)
def python_default_ctrl_c() -> Iterator[None]:
    """Python's own SIGINT handling, whatever the test runner's process had (a pytest-xdist
    worker may ignore SIGINT), put back afterwards."""
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    yield
    signal.signal(signal.SIGINT, previous)


def stopped_by_ctrl_c(capsys: pytest.CaptureFixture[str], failure: Exception | None) -> str:
    """The one stderr line of a block that gets SIGINT, then (``failure``) raises what DuckDB
    raises in place of the KeyboardInterrupt when the signal lands inside a query."""
    with pytest.raises(typer.Exit) as stop, interrupt_in_one_line(lambda: "3 stored"):
        try:
            signal.raise_signal(signal.SIGINT)
        except KeyboardInterrupt:
            if failure is None:
                raise
            raise failure from None
    assert stop.value.exit_code == INTERRUPTED
    lines = capsys.readouterr().err.splitlines()
    assert len(lines) == 1
    return lines[0]


@pytest.mark.parametrize("failure", [None, RuntimeError("Query interrupted")])
def test_ctrl_c_gives_one_line_with_the_progress(
    capsys: pytest.CaptureFixture[str], failure: Exception | None
) -> None:
    assert stopped_by_ctrl_c(capsys, failure) == "error: interrupted: 3 stored"
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler  # put back


def test_other_failures_and_debug_mode_keep_their_traceback(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    with pytest.raises(RuntimeError, match="a bug"), interrupt_in_one_line(lambda: ""):
        raise RuntimeError("a bug")
    monkeypatch.setitem(debug_mode, "on", True)
    with pytest.raises(KeyboardInterrupt), interrupt_in_one_line(lambda: ""):
        signal.raise_signal(signal.SIGINT)


def test_a_run_started_with_ctrl_c_ignored_keeps_ignoring_it() -> None:
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        with interrupt_in_one_line(lambda: ""):
            assert signal.getsignal(signal.SIGINT) is signal.SIG_IGN
            signal.raise_signal(signal.SIGINT)  # ignored: the block goes on
        assert signal.getsignal(signal.SIGINT) is signal.SIG_IGN
    finally:
        signal.signal(signal.SIGINT, previous)


def test_help_paragraphs_are_joined_and_kept_apart() -> None:
    doc = """Read articles and store
    them.

    A run that is killed
    leaves whole articles.
    """
    assert (
        unwrap_help(doc)
        == "Read articles and store them.\n\nA run that is killed leaves whole articles."
    )


def test_every_command_help_is_made_of_whole_paragraphs() -> None:
    for command in app.registered_commands:
        paragraphs = (command.help or "").split("\n\n")
        assert command.help and all("\n" not in p for p in paragraphs), command.callback


def test_a_port_in_use_is_refused_before_the_server_starts() -> None:
    with socket.socket() as holder:
        holder.bind(("127.0.0.1", 0))
        holder.listen()
        port = holder.getsockname()[1]
        refused = listen_refused("127.0.0.1", port)
        assert refused and "--port" in refused
    # a port the system picks is free: the port just closed may already be another process's
    assert listen_refused("127.0.0.1", 0) is None


def test_a_message_of_several_lines_becomes_one_line_of_sentences() -> None:
    driver = "port 1 failed: Connection refused\n\tIs the server running?\n"
    assert one_line(driver) == "port 1 failed: Connection refused. Is the server running?"
    assert one_line("cannot open x:\n  no such file") == "cannot open x: no such file"
    assert one_line("one   spaced\tline") == "one spaced line"


def test_annotate_stopped_by_ctrl_c_counts_the_records_it_wrote(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Ctrl-C landing while the third record is written: two whole lines in the file, and the
    one line on stderr says two (records made up here; the pipeline is not run)."""
    from typer.testing import CliRunner

    import newsgraph.cli as cli
    import newsgraph.ingestion as ingestion

    def made_up(items: Any, **_: Any) -> Any:
        for n, item in enumerate(items):
            yield item, {"id": f"r{n}", "text": "Rebels shelled a village."}

    calls = {"n": 0}

    def dumps_then_ctrl_c(record: Any, **kwargs: Any) -> str:
        calls["n"] += 1
        if calls["n"] == 3:
            signal.raise_signal(signal.SIGINT)
        return json.dumps(record, **kwargs)

    monkeypatch.setattr(ingestion, "annotate_items", made_up)
    monkeypatch.setattr(cli, "json", SimpleNamespace(dumps=dumps_then_ctrl_c))
    inputs = [tmp_path / f"{n}.txt" for n in range(4)]
    for path in inputs:
        path.write_text("Rebels shelled a village on Friday.\n")
    output = tmp_path / "out.jsonl"
    args = ["annotate", *map(str, inputs), "-o", str(output)]
    result = CliRunner().invoke(cli.app, args)
    assert result.exit_code == INTERRUPTED
    assert len(output.read_text().splitlines()) == 2
    assert f"interrupted: 2 whole records written to {output}" in " ".join(result.output.split())


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["export", "--format", "xls"], "--format must be parquet, csv or jsonl"),
        (["ingest", "--no-such-option"], "No such option: --no-such-option"),
        (["eval"], "Missing argument 'name'"),
        (["no-such-command"], "No such command 'no-such-command'"),
    ],
)
def test_a_usage_mistake_is_one_line_naming_the_help(
    args: list[str], says: str, capsys: pytest.CaptureFixture[str]
) -> None:
    status = run_in_one_line(app, args)
    said = capsys.readouterr().err
    assert status == 2
    assert said.count("\n") == 1 and said.startswith("error: ") and says in said
    command = "newsgraph " + args[0] if args[0] != "no-such-command" else "newsgraph"
    assert f"(see '{command} --help')" in said


def test_no_arguments_still_print_the_help(capsys: pytest.CaptureFixture[str]) -> None:
    status = run_in_one_line(app, [])
    assert status == 2 and "Commands" in capsys.readouterr().out


def test_help_and_version_exit_zero(capsys: pytest.CaptureFixture[str]) -> None:
    assert run_in_one_line(app, ["export", "--help"]) == 0
    assert "--format" in capsys.readouterr().out
    assert run_in_one_line(app, ["--version"]) == 0
