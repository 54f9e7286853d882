"""Stop a private Ray instance when the process that started it dies, however it dies.

Why: ``--engine ray`` without an address starts a Ray instance of its own (``ray.init(address=
"local")``). Ray ties the processes it starts directly (GCS, raylet, monitors) to the driver
with the kernel's parent-death signal, and the workers follow the raylet; but its agents
(``ray::DashboardAgent``, ``ray::RuntimeEnvAgent``), children of the raylet, spend up to a
minute trying to report the raylet's death to a GCS that is gone. Measured after ``kill -9`` of
a ``newsgraph ingest --engine ray``: both agents still alive 30 s later.

So the driver starts a small **guard** process first (``python -m newsgraph.scale.ray_guard``),
in a session of its own so a Ctrl-C meant for the driver does not reach it, and starts Ray with a
marker in its environment (``NEWSGRAPH_RAY_OWNER``), which every Ray process inherits from the
driver or the raylet; once Ray is up, it also tells the guard the instance's session folder.
While it waits for the driver to end, the guard notes the driver's descendants every half
second (pid and start time). Then it SIGKILLs every noted descendant still running (the agents
are re-parented to init once the raylet dies, so only a list taken before can find them), and
every process whose environment holds the marker or whose stdout or stderr goes into that
session folder (for one started after the last note; the agents rewrite their process title
over their environment, so the marker alone misses them), and exits. A clean run
stops the guard after ``ray.shutdown()``. Nothing else is touched: not the driver's process
group, not a cluster that ``ray start`` started (only a private instance gets a guard; on a
cluster, the driver's own actors die with its job, and with
:func:`newsgraph.scale.lifeline.tie_to_driver` on the driver's machine).
"""

from __future__ import annotations

import os
import secrets
import select
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

from .lifeline import is_alive, open_pidfd

MARKER_VAR = "NEWSGRAPH_RAY_OWNER"
SWEEP_S = 3.0  # after the driver died, keep sweeping this long (a raylet may still be forking)
NOTE_S = 0.5  # how often the guard notes the driver's descendants


class RayGuard:
    """The guard process of one private Ray instance."""

    def __init__(self) -> None:
        self.token = f"{os.getpid()}-{secrets.token_hex(8)}"
        # the guard imports this package from where this process found it, installed or not
        package_root = str(Path(__file__).resolve().parents[2])
        python_path = os.pathsep.join(filter(None, [package_root, os.environ.get("PYTHONPATH")]))
        self.process = subprocess.Popen(
            [sys.executable, "-m", __name__, str(os.getpid()), self.token],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            start_new_session=True,
            env={**os.environ, "PYTHONPATH": python_path},
        )
        assert self.process.stdout is not None
        # it watches this process once it says so: only then may Ray start
        if self.process.stdout.readline() != b"watching\n":
            self.process.kill()
            raise RuntimeError("the guard of the Ray instance did not start")

    @contextmanager
    def marking(self) -> Iterator[None]:
        """Processes started inside (Ray's) carry this guard's marker in their environment."""
        previous = os.environ.get(MARKER_VAR)
        os.environ[MARKER_VAR] = self.token
        try:
            yield
        finally:
            if previous is None:
                os.environ.pop(MARKER_VAR, None)
            else:
                os.environ[MARKER_VAR] = previous

    def add_session(self, session_dir: str) -> None:
        """Ray's processes of this instance write their logs under ``session_dir``."""
        assert self.process.stdin is not None
        self.process.stdin.write(f"{session_dir}\n".encode())
        self.process.stdin.flush()

    def stop(self) -> None:
        """The run ended on its own terms: the guard goes, its marked processes are Ray's."""
        self.process.terminate()
        self.process.wait(timeout=30)
        for pipe in (self.process.stdin, self.process.stdout):
            if pipe is not None:
                pipe.close()


def marked_processes(token: str, session_dirs: list[str]) -> set[int]:
    """Pids of this user's processes that carry ``MARKER_VAR=token`` in their environment or
    write their stdout or stderr under one of ``session_dirs``."""
    needle = f"{MARKER_VAR}={token}".encode()
    folders = tuple(os.path.join(folder, "") for folder in session_dirs)
    found = set()
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit() or int(entry.name) == os.getpid():
            continue
        try:
            environment = (entry / "environ").read_bytes()
        except OSError:  # gone, or another user's
            continue
        if needle in environment.split(b"\0") or _writes_under(entry, folders):
            found.add(int(entry.name))
    return found


def _writes_under(process: Path, folders: tuple[str, ...]) -> bool:
    if not folders:
        return False
    for fd in ("1", "2"):
        try:
            if os.readlink(process / "fd" / fd).startswith(folders):
                return True
        except OSError:
            continue
    return False


def start_time(pid: int) -> bytes | None:
    """``pid``'s start time (in clock ticks since boot): with the pid, a process's identity."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as stat:
            # fields after the command name (in parentheses, may hold spaces): state is 3rd, the
            # start time 22nd, so index 19 of what follows the name
            return stat.read().rsplit(b")", 1)[1].split()[19]
    except (OSError, IndexError):
        return None


def descendants(pid: int) -> dict[int, bytes]:
    """The live descendants of ``pid``, each with its start time."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_bytes().rsplit(b")", 1)[1].split()
        except (OSError, IndexError):
            continue
        children.setdefault(int(fields[1]), []).append(int(entry.name))
    found: dict[int, bytes] = {}
    frontier = list(children.get(pid, ()))
    while frontier:
        child = frontier.pop()
        if child in found or child == os.getpid():
            continue
        if (started := start_time(child)) is not None:
            found[child] = started
        frontier.extend(children.get(child, ()))
    return found


def watch(driver_pid: int, pidfd: int | None) -> dict[int, bytes]:
    """Wait for the driver to end, noting its descendants meanwhile; the last note."""
    noted: dict[int, bytes] = {}
    while True:
        if pidfd is not None:
            ended = bool(select.select([pidfd], [], [], NOTE_S)[0])
        else:
            ended = not is_alive(driver_pid)
            if not ended:
                time.sleep(NOTE_S)
        if ended:
            return noted
        noted.update(descendants(driver_pid))


def still_same(pid: int, started: bytes) -> bool:
    """``pid`` still names the process noted with ``started`` (not a new one given its pid)."""
    return start_time(pid) == started and is_alive(pid)


def sweep(token: str, session_dirs: list[str], noted: dict[int, bytes] | None = None) -> int:
    """SIGKILL the noted descendants and the marked processes until none is left (or
    ``SWEEP_S``); how many were killed."""
    noted = noted or {}
    killed: set[int] = set()
    deadline = time.monotonic() + SWEEP_S
    while time.monotonic() < deadline:
        alive = {pid for pid in marked_processes(token, session_dirs) if is_alive(pid)}
        alive |= {pid for pid, started in noted.items() if still_same(pid, started)}
        if not alive:
            break
        for pid in alive:
            with suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        killed |= alive
        time.sleep(0.1)
    return len(killed)


def _read_sessions(into: list[str]) -> None:
    for line in sys.stdin:
        if line.strip():
            into.append(line.strip())


def main(argv: list[str]) -> int:
    driver_pid, token = int(argv[0]), argv[1]
    for signum in (signal.SIGINT, signal.SIGHUP):  # only the driver's end counts
        signal.signal(signum, signal.SIG_IGN)
    pidfd = open_pidfd(driver_pid)  # before saying so, or a quick death could go unseen
    if os.getppid() != driver_pid:  # gone already, before it could start anything marked
        return 0
    print("watching", flush=True)
    session_dirs: list[str] = []
    threading.Thread(target=_read_sessions, args=(session_dirs,), daemon=True).start()
    noted = watch(driver_pid, pidfd)
    time.sleep(0.1)  # let a session folder the driver sent just before it died be read
    sweep(token, session_dirs, noted)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
