"""CPU seconds spent by this process's threads and by every process it started, during a block.

As a command, it runs another command and prints its wall time and the CPU seconds of its
whole process tree by kind of process (Ray's, newsgraph's driver), e.g. a whole
``newsgraph annotate --engine ray`` with its private Ray instance:

    PYTHONPATH=. python benchmarks/proccpu.py python -m newsgraph annotate examples/ \
        --engine ray --workers 2 -o /tmp/records.jsonl

On a shared machine wall time mostly measures the neighbours; CPU seconds per process do not:
they say which of Ray's processes (raylet, GCS, agents, idle workers), which actor, and which of
the driver's threads (the main thread, Ray Data's executor) used the cores during a run.
Sampled from ``/proc`` (``utime + stime`` of each descendant of this process, and of each of its
threads) every ``interval_s``; a process that ends between samples keeps its last sample (what
it spent after it is lost: short-lived processes are undercounted).
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

TICK_S = 1 / os.sysconf("SC_CLK_TCK")
# (words of the command line or title, group): the first whose words all occur names the group
RAY_GROUPS = (
    (("ray::IDLE",), "ray idle workers"),
    (("ray::", "Annotator"), "annotator actors"),
    (("ray::", "ShardActor"), "annotator actors"),
    (("ray::DashboardAgent",), "ray agents"),
    (("ray::RuntimeEnvAgent",), "ray agents"),
    (("dashboard/agent.py",), "ray agents"),
    (("runtime_env/agent",), "ray agents"),
    (("dashboard.py",), "ray dashboard, monitors"),
    (("log_monitor.py",), "ray dashboard, monitors"),
    (("monitor.py",), "ray dashboard, monitors"),
    (("ray::",), "ray other workers"),
)


def ray_group(command: str) -> str:
    program = command.split(" ", 1)[0]
    # the raylet's command line names the agents' scripts: a binary is known by its own name
    if program.endswith("/raylet"):
        return "ray raylet"
    if program.endswith("/gcs_server"):
        return "ray gcs"
    for words, group in RAY_GROUPS:
        if all(word in command for word in words):
            return group
    return "other children"


def _ticks(stat_path: str) -> int | None:
    try:
        with open(stat_path, "rb") as stat:
            fields = stat.read().rsplit(b")", 1)[1].split()
        return int(fields[11]) + int(fields[12])  # utime, stime
    except (OSError, IndexError, ValueError):
        return None


def _command(pid: int) -> str:
    try:
        raw = Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return ""
    return raw.replace(b"\0", b" ").decode(errors="replace")


def _descendants(root: int) -> list[int]:
    children: dict[int, list[int]] = defaultdict(list)
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat", "rb") as stat:
                parent = int(stat.read().rsplit(b")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue
        children[parent].append(int(entry.name))
    found, frontier = [], list(children.get(root, ()))
    while frontier:
        pid = frontier.pop()
        found.append(pid)
        frontier.extend(children.get(pid, ()))
    return found


class CpuAccount:
    """``with CpuAccount() as cpu:`` then ``cpu.seconds()``: group -> CPU seconds in the block.

    Groups: ``driver: <thread name>`` for this process's threads, and ``group(command)`` for each
    descendant process (by default Ray's kinds of process, see ``RAY_GROUPS``).
    """

    def __init__(self, group: Callable[[str], str] = ray_group, interval_s: float = 0.5) -> None:
        self.group = group
        self.interval_s = interval_s
        self.root = os.getpid()
        self._base: dict[str, int] = {}  # key (pid or thread) -> ticks when the block began
        self._last: dict[str, tuple[str, int]] = {}  # key -> (group, ticks last seen)
        self.titles: dict[str, str] = {}  # key -> command line or title last seen
        self._done = threading.Event()
        self._thread = threading.Thread(target=self._run, name="cpu-account", daemon=True)

    def __enter__(self) -> CpuAccount:
        self._sample()
        self._base = {key: ticks for key, (_, ticks) in self._last.items()}
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._done.set()
        self._thread.join()
        self._sample()

    def _run(self) -> None:
        while not self._done.wait(self.interval_s):
            self._sample()

    def _sample(self) -> None:
        names = {t.native_id: t.name for t in threading.enumerate()}
        for task in os.scandir(f"/proc/{self.root}/task"):
            ticks = _ticks(f"/proc/{self.root}/task/{task.name}/stat")
            if ticks is not None:
                name = names.get(int(task.name), "other threads")
                self._last[f"t{task.name}"] = (f"driver: {_thread_kind(name)}", ticks)
        for pid in _descendants(self.root):
            ticks = _ticks(f"/proc/{pid}/stat")
            command = _command(pid)
            if ticks is not None and command:
                self._last[f"p{pid}"] = (self.group(command), ticks)
                self.titles[f"p{pid}"] = command[:80]

    def seconds(self) -> dict[str, float]:
        totals: dict[str, float] = defaultdict(float)
        for key, (group, ticks) in self._last.items():
            totals[group] += (ticks - self._base.get(key, 0)) * TICK_S
        return {group: round(s, 2) for group, s in sorted(totals.items()) if s > 0}

    def by_process(self) -> list[tuple[str, float]]:
        """(title, CPU seconds) of each descendant process that used the CPU in the block."""
        rows = []
        for key, (_, ticks) in self._last.items():
            spent = (ticks - self._base.get(key, 0)) * TICK_S
            if key.startswith("p") and spent > 0:
                rows.append((f"{key[1:]} {self.titles.get(key, '')}", round(spent, 2)))
        return sorted(rows, key=lambda row: -row[1])


def _thread_kind(name: str) -> str:
    """Thread names without their numbers: one group per kind of thread."""
    return name.rstrip("0123456789-_ ") or name


def command_group(command: str) -> str:
    """Ray's kinds of process, and newsgraph's own driver."""
    group = ray_group(command)
    if group == "other children" and "newsgraph" in command and "ray_guard" not in command:
        return "newsgraph driver"
    return group


def main(command: list[str]) -> None:
    with CpuAccount(group=command_group, interval_s=0.2) as cpu:
        started = time.perf_counter()
        done = subprocess.run(command, stdout=subprocess.DEVNULL, check=False)
        wall = time.perf_counter() - started
    # this process's own threads (the sampler) are not the command's
    groups = {k: v for k, v in cpu.seconds().items() if not k.startswith("driver: ")}
    total = sum(groups.values())
    print(f"exit {done.returncode}, wall {wall:.1f} s, CPU of the tree {total:.1f} s")
    for group, seconds in sorted(groups.items(), key=lambda item: -item[1]):
        print(f"  {group:28s} {seconds:7.2f}")


if __name__ == "__main__":
    main(sys.argv[1:])
