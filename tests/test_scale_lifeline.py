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

from newsgraph.scale.lifeline import ORPHAN_EXIT_CODE, is_alive, pid_view, tie_to_driver
from newsgraph.scale.ray_guard import MARKER_VAR, RayGuard

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


def command_of(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()[:80]
    except OSError:
        return ""


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
    wait_for(lambda: not any(still_running(pid) for pid in watched), GRACE_S)
    return {pid for pid in watched if still_running(pid)}, time.monotonic() - killed


def still_running(pid: int) -> bool:
    """Alive and not already exiting: a killed process of 500 MB on a busy machine can take
    seconds to be torn down after its memory is released (an empty command line)."""
    return is_alive(pid) and command_of(pid).strip() != ""


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


# ---------------------------------------------------------------------------------------------
# Ray: an actor on the driver's machine, and the guard of a private instance


def test_an_actor_ties_itself_only_to_a_driver_on_its_own_machine() -> None:
    assert not tie_to_driver(None)
    assert not tie_to_driver(("another machine's boot and pid namespace", os.getpid()))
    assert pid_view()  # Linux: a real view, so the same-machine case below is tested

    sleeper = [sys.executable, "-c", "import time; time.sleep(120)"]
    tied = "from newsgraph.scale.lifeline import pid_view, tie_to_driver; import time; "
    with own_session(sleeper) as driver:
        actor_code = (
            f"{tied}print(tie_to_driver((pid_view(), {driver.pid})), flush=True); time.sleep(120)"
        )
        with own_session([sys.executable, "-c", actor_code], stdout=subprocess.PIPE) as actor:
            assert actor.stdout is not None
            assert actor.stdout.readline() == b"True\n"

            survivors, _ = survivors_after_kill(driver, {actor.pid})

    assert survivors == set()


# a driver that guards and starts two processes that leave its tree (as Ray's agents do when the
# raylet dies), re-parented to init: one carries the marker, the other (its environment wiped,
# as an agent's process title can wipe it) only writes its output into the session folder
GUARDED_DRIVER = textwrap.dedent(
    """
    import os, subprocess, sys, time
    from newsgraph.scale.ray_guard import RayGuard
    guard = RayGuard()
    session = sys.argv[2]
    os.makedirs(os.path.join(session, "logs"))
    sleeper = "import time; time.sleep(120)"
    def leave_tree(env, log):
        starter = (  # start the sleeper, say its pid, exit
            "import subprocess, sys; "
            f"out = open({log!r}, 'w') if {log!r} else None; "
            f"print(subprocess.Popen([sys.executable, '-c', {sleeper!r}], stdout=out).pid)"
        )
        middle = subprocess.Popen(
            [sys.executable, "-c", starter], stdout=subprocess.PIPE, env=env
        )
        pid = int(middle.stdout.readline())
        middle.wait()
        return pid
    with guard.marking():
        marked = leave_tree(dict(os.environ), "")
    guard.add_session(session)
    bare_env = {"PATH": os.environ["PATH"]}
    logging = leave_tree(bare_env, os.path.join(session, "logs", "agent.out"))
    print(guard.process.pid, marked, logging, flush=True)
    if sys.argv[1] == "stop":
        guard.stop()
        print("stopped", flush=True)
    time.sleep(120)
    """
)


def test_the_guard_kills_marked_processes_when_its_driver_is_killed(tmp_path: Path) -> None:
    driver_code = [sys.executable, "-c", GUARDED_DRIVER, "run", str(tmp_path / "session")]
    with own_session(driver_code, stdout=subprocess.PIPE) as driver:
        assert driver.stdout is not None
        guard, marked, logging = (int(pid) for pid in driver.stdout.readline().split())
        strays = {marked, logging}
        assert all(is_alive(pid) for pid in strays)
        assert not strays & descendants_of(driver.pid)  # only the guard can find them

        survivors, _ = survivors_after_kill(driver, {guard, *strays})

        assert survivors == set()


def test_a_stopped_guard_kills_nothing(tmp_path: Path) -> None:
    driver_code = [sys.executable, "-c", GUARDED_DRIVER, "stop", str(tmp_path / "session")]
    with own_session(driver_code, stdout=subprocess.PIPE) as driver:
        assert driver.stdout is not None
        guard, *strays = (int(pid) for pid in driver.stdout.readline().split())
        assert driver.stdout.readline() == b"stopped\n"

        assert not is_alive(guard)  # gone before its driver: a clean run leaves Ray to Ray
        assert all(is_alive(pid) for pid in strays)
        for pid in strays:
            os.kill(pid, signal.SIGKILL)


def test_marking_is_undone_after_the_start(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(MARKER_VAR, raising=False)
    guard = RayGuard()
    try:
        with guard.marking():
            assert os.environ[MARKER_VAR] == guard.token
        assert MARKER_VAR not in os.environ
    finally:
        guard.stop()


@pytest.mark.slow
def test_a_private_ray_instance_dies_with_a_killed_ingest(tmp_path: Path) -> None:
    pytest.importorskip("ray")
    corpus = write_corpus(tmp_path / "corpus", n_articles=12)
    command = ingest_command(corpus, tmp_path / "news.duckdb", 2, "--verbose", "--engine", "ray")
    with own_session(
        command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True
    ) as ingest:
        assert ingest.stderr is not None
        for line in ingest.stderr:  # the actors are annotating
            if line.startswith("stored\t"):
                break
        ray_processes = descendants_of(ingest.pid)  # GCS, raylet, agents, workers, the guard
        assert len(ray_processes) >= 5

        survivors, took = survivors_after_kill(ingest, ray_processes)

    assert survivors == set(), f"Ray processes alive {took:.1f} s after the driver was killed"


@pytest.mark.slow
def test_a_private_ray_instance_dies_with_a_killed_scale_run(tmp_path: Path) -> None:
    pytest.importorskip("ray")
    corpus = write_corpus(tmp_path / "corpus", n_articles=12)
    shards = tmp_path / "shards"
    command = [
        *(sys.executable, "-m", "newsgraph", "scale-run", str(corpus), "--out", str(shards)),
        *("--format", "seed", "--workers", "2", "--inputs-per-shard", "1"),
    ]
    with own_session(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL) as run:
        # the actors are writing shards
        assert wait_for(lambda: any(shards.glob("shard-*.parquet")), 240)
        ray_processes = descendants_of(run.pid)  # GCS, raylet, agents, workers, the guard
        assert len(ray_processes) >= 5

        survivors, took = survivors_after_kill(run, ray_processes)

    alive = ", ".join(command_of(pid) for pid in survivors)
    assert survivors == set(), f"alive {took:.1f} s after the driver was killed: {alive}"
