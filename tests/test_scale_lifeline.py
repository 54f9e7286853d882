"""No worker outlives the run that started it: SIGKILL the main process, and within 5 s none of
its workers is left, whether it was loading its pipeline or annotating.

The processes are found through ``/proc`` (Linux): each run starts in a session of its own, its
workers are recorded before the kill (they are re-parented to init after it), and a test that
fails still kills the whole session on its way out.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

import pytest

from newsgraph.scale.lifeline import ORPHAN_EXIT_CODE, is_alive

pytestmark = pytest.mark.skipif(
    not Path("/proc/self/stat").exists(), reason="finds processes through Linux's /proc"
)

GRACE_S = 5.0  # the promise: no worker alive this long after its parent was killed
REPO = Path(__file__).resolve().parent.parent
ENV = {**os.environ, "PYTHONPATH": os.pathsep.join([str(REPO), os.environ.get("PYTHONPATH", "")])}


# ---------------------------------------------------------------------------------------------
# processes through /proc


def stat_fields(pid: int) -> list[str] | None:
    """The fields of /proc/PID/stat after the command name (state first), or None if gone."""
    try:
        raw = Path(f"/proc/{pid}/stat").read_bytes()
    except OSError:
        return None
    return raw.rsplit(b")", 1)[1].decode().split()


def children_of(pid: int) -> set[int]:
    kids = set()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            fields = stat_fields(int(entry.name))
            if fields and int(fields[1]) == pid:
                kids.add(int(entry.name))
    return kids


def descendants_of(pid: int) -> set[int]:
    found, frontier = set(), {pid}
    while frontier:
        frontier = set().union(*(children_of(p) for p in frontier)) - found
        found |= frontier
    return found


def session_members(sid: int) -> set[int]:
    """Every live process of session ``sid``, whoever its parent is now."""
    members = set()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            fields = stat_fields(int(entry.name))
            if fields and int(fields[3]) == sid and fields[0] not in ("Z", "X"):
                members.add(int(entry.name))
    return members


def wait_for(condition, timeout: float, step: float = 0.05) -> bool:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(step)
    return bool(condition())


def survivors_after_kill(parent: subprocess.Popen, watched: set[int]) -> tuple[set[int], float]:
    """SIGKILL ``parent``; the processes of ``watched`` still alive after GRACE_S, and how long
    the last one took to go."""
    os.kill(parent.pid, signal.SIGKILL)
    killed = time.monotonic()
    parent.wait(timeout=30)
    wait_for(lambda: not any(is_alive(pid) for pid in watched), GRACE_S)
    return {pid for pid in watched if is_alive(pid)}, time.monotonic() - killed


@contextmanager
def own_session(command: list[str], **kwargs) -> Iterator[subprocess.Popen]:  # type: ignore[no-untyped-def]
    """Run ``command`` in a new session; on the way out, SIGKILL whatever of it is left."""
    process = subprocess.Popen(command, start_new_session=True, env=ENV, **kwargs)
    try:
        yield process
    finally:
        for pid in session_members(process.pid):
            with suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        process.kill()
        process.wait(timeout=30)


# ---------------------------------------------------------------------------------------------
# the lifeline alone, on bare Python processes (no pipeline: fast)

# a parent that starts one child tied to it (or to the pid given), then sleeps
PARENT = textwrap.dedent(
    """
    import os, subprocess, sys, time
    watched = int(sys.argv[2]) if len(sys.argv) > 2 else os.getpid()
    child = (
        "import sys, time; from newsgraph.scale.lifeline import tie_to; "
        f"tie_to({watched}, death_signal={sys.argv[1]}); print('tied', flush=True); time.sleep(120)"
    )
    proc = subprocess.Popen([sys.executable, "-c", child], stdout=subprocess.PIPE, text=True)
    assert proc.stdout.readline() == "tied\\n"
    print(proc.pid, flush=True)
    time.sleep(120)
    """
)


def start_tied_child(death_signal: bool, watched: int | None = None):  # type: ignore[no-untyped-def]
    args = [sys.executable, "-c", PARENT, str(death_signal)]
    return own_session([*args, *([str(watched)] if watched else [])], stdout=subprocess.PIPE)


@pytest.mark.parametrize("death_signal", [True, False], ids=["kernel-signal", "watchdog-only"])
def test_a_tied_child_dies_with_its_parent(death_signal: bool) -> None:
    with start_tied_child(death_signal) as parent:
        assert parent.stdout is not None
        child = int(parent.stdout.readline())
        assert is_alive(child)

        survivors, _ = survivors_after_kill(parent, {child})

    assert survivors == set()


def test_the_watchdog_follows_a_process_that_is_not_the_parent() -> None:
    """A Ray worker's parent is the raylet, not the driver it works for."""
    sleeper = [sys.executable, "-c", "import time; time.sleep(120)"]
    with (
        own_session(sleeper) as driver,
        start_tied_child(death_signal=True, watched=driver.pid) as middle,
    ):
        assert middle.stdout is not None
        child = int(middle.stdout.readline())

        survivors, _ = survivors_after_kill(driver, {child})

        assert survivors == set()
        assert middle.poll() is None  # its real parent lives on: only the driver counted


def test_a_child_tied_to_a_process_already_gone_exits_at_once() -> None:
    gone = subprocess.Popen([sys.executable, "-c", "pass"])
    gone.wait()
    child = subprocess.run(
        [sys.executable, "-c", f"from newsgraph.scale.lifeline import tie_to; tie_to({gone.pid})"],
        env=ENV,
        timeout=60,
    )
    assert child.returncode == ORPHAN_EXIT_CODE


# ---------------------------------------------------------------------------------------------
# a real `newsgraph ingest --workers 2`


def write_corpus(folder: Path, n_articles: int = 40) -> Path:
    """Enough short articles for two workers (a run under 32 articles uses one process)."""
    folder.mkdir()
    for i in range(n_articles):
        (folder / f"wire-{i:03d}.txt").write_text(
            f"date 2024-06-{1 + i % 28:02d} Shelling reported near Kharkiv ({i})\n"
            f"By Test Wire\n"
            f"Ukraine's military said on Monday that Russian forces had shelled a depot near "
            f"Kharkiv, wounding {i + 1} people.\n"
            f'"We will answer," a spokesman told reporters, report {i}.\n',
            encoding="utf-8",
        )
    return folder


def ingest_command(corpus: Path, db: Path, workers: int = 2, *extra: str) -> list[str]:
    return [
        *(sys.executable, "-m", "newsgraph", "ingest", str(corpus)),
        *("--db", str(db), "--format", "seed", "--workers", str(workers), "--batch-size", "2"),
        *extra,
    ]


def test_pool_workers_die_with_a_killed_ingest_while_loading(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "corpus")
    command = ingest_command(corpus, tmp_path / "news.duckdb")
    with own_session(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL) as ingest:
        assert wait_for(lambda: len(children_of(ingest.pid)) >= 2, timeout=120), "no workers"
        workers = descendants_of(ingest.pid)  # they are loading their pipelines now

        survivors, took = survivors_after_kill(ingest, workers)

    assert survivors == set(), f"workers alive {took:.1f} s after their parent was killed"


@pytest.mark.slow
def test_pool_workers_die_with_a_killed_ingest_mid_run(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "corpus")
    command = ingest_command(corpus, tmp_path / "news.duckdb", 2, "--verbose")
    with own_session(
        command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True
    ) as ingest:
        assert ingest.stderr is not None
        stored = 0
        for line in ingest.stderr:  # annotating: the workers have records in flight
            stored += line.startswith("stored\t")
            if stored == 3:
                break
        assert stored == 3, "the run ended before it stored three articles"
        workers = descendants_of(ingest.pid)
        assert len(workers) >= 2

        survivors, took = survivors_after_kill(ingest, workers)

    assert survivors == set(), f"workers alive {took:.1f} s after their parent was killed"
