"""Ctrl-C in a long command: one line saying how far it got, exit 130, never a traceback."""

from __future__ import annotations

import signal
from collections.abc import Iterator

import pytest
import typer

from newsgraph.cli_support import INTERRUPTED, debug_mode, interrupt_in_one_line


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
