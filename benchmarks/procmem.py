"""Peak resident memory (RSS) of other processes, sampled from /proc while a run goes on.

A worker's own peak is ``VmHWM`` in ``/proc/PID/status`` (kept by the kernel, exact); it is read
at every sample, so a worker that exits between samples keeps the peak last read.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from pathlib import Path

Matcher = Callable[[int, str], bool]  # (pid, command line) -> whether to watch it


def _status_kb(pid: int, field: str) -> int | None:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1])
    except (OSError, ValueError, IndexError):
        return None
    return None


def _cmdline(pid: int) -> str:
    try:
        return (
            Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        )
    except OSError:
        return ""


def _parent(pid: int) -> int | None:
    value = _status_kb(pid, "PPid")
    return value


def forked_children_of(parent: int) -> Matcher:
    """Watch the direct children of ``parent`` that run its own command line: a forked process
    pool's workers, not other programs it started (Ray's daemons)."""
    own = _cmdline(parent)
    return lambda pid, cmd: cmd == own and _parent(pid) == parent


def command_contains(*words: str) -> Matcher:
    """Watch processes whose command line (or title: Ray names its actors so) has all ``words``."""
    return lambda _pid, cmd: all(w in cmd for w in words)


class PeakMemory:
    """``with PeakMemory(matcher) as peaks:`` then ``peaks.mb`` maps pid -> peak RSS in MB."""

    def __init__(self, matcher: Matcher, interval_s: float = 0.2) -> None:
        self.matcher = matcher
        self.interval_s = interval_s
        self.mb: dict[int, float] = {}
        self.titles: dict[int, str] = {}
        self._done = threading.Event()
        self._thread = threading.Thread(target=self._run, name="peak-memory", daemon=True)

    def __enter__(self) -> PeakMemory:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._done.set()
        self._thread.join()

    def _run(self) -> None:
        me = os.getpid()
        while True:
            self.sample(me)
            if self._done.wait(self.interval_s):
                return

    def sample(self, me: int) -> None:
        for entry in os.scandir("/proc"):
            if not entry.name.isdigit() or int(entry.name) == me:
                continue
            pid = int(entry.name)
            cmd = _cmdline(pid)
            if not cmd or not self.matcher(pid, cmd):
                continue
            peak_kb = _status_kb(pid, "VmHWM") or _status_kb(pid, "VmRSS")
            if peak_kb is not None:
                self.mb[pid] = max(self.mb.get(pid, 0.0), peak_kb / 1024)
                self.titles.setdefault(pid, cmd[:60])

    def worst(self) -> float:
        """The largest peak of any watched process (0 when none was seen)."""
        return round(max(self.mb.values(), default=0.0), 1)
