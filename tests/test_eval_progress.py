"""The eval scorers' shared progress line (newsgraph.eval.progress)."""

from __future__ import annotations

import io
import sys

import pytest

from newsgraph.eval.progress import eval_progress


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def _run(label: str, total: int, enabled: bool = True) -> None:
    with eval_progress(label, total, enabled=enabled) as step:
        for _ in range(total):
            step()


def test_progress_names_the_set_and_counts_on_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    terminal = _Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    _run("toyset: documents", 3)
    shown = terminal.getvalue()
    assert "toyset: documents" in shown
    assert "3/3" in shown


@pytest.mark.parametrize("stream, enabled", [(_Terminal(), False), (io.StringIO(), True)])
def test_progress_is_silent_when_off_or_redirected(
    monkeypatch: pytest.MonkeyPatch, stream: io.StringIO, enabled: bool
) -> None:
    monkeypatch.setattr(sys, "stderr", stream)
    _run("toyset", 3, enabled=enabled)
    assert stream.getvalue() == ""
