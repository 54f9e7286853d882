"""Make a worker process exit when the process it works for dies, however that one dies.

Why: a worker holds a whole pipeline (about 0.5 GB). When the main process of a run is killed
with SIGKILL (the OOM killer, ``kill -9``, a container stop), it runs no clean-up, and its pool
workers are re-parented to init and wait forever on a task queue that nobody will write to
again: measured, two workers per killed ``newsgraph ingest`` were still alive ten minutes later.
A job that crash-loops would fill memory with them.

Two independent guards, because each one alone has a gap:

* **the kernel's parent-death signal** (Linux ``prctl(PR_SET_PDEATHSIG, SIGKILL)``): the kernel
  kills the worker the moment its parent dies, with no polling. It only knows the *direct*
  parent, and strictly the parent *thread* that forked it, so it misses a worker started by a
  fork server or by a Ray raylet, and it is not armed when the parent died before ``prctl`` ran.
  It is only set where the caller says the forking thread lives as long as the pool (the main
  thread); a pool created from a short-lived thread would otherwise lose its workers early.
* **a watchdog thread** that waits for the watched process to end (on a Linux pidfd, which a
  recycled pid cannot fool; without one it looks every ``POLL_S`` seconds) and then ends the
  worker with ``os._exit``. It watches any process, not only the parent, and it covers the race
  above: the worker looks once at the start, before the first wait.

``os._exit`` is on purpose: there is no one left to report to, and the exit must not wait on
queue feeder threads or ``atexit`` hooks that could block on the dead parent.
"""

from __future__ import annotations

import ctypes
import os
import select
import signal
import sys
import threading
from pathlib import Path

POLL_S = 0.5  # how often the watchdog looks, without a pidfd to wait on
ORPHAN_EXIT_CODE = 70  # EX_SOFTWARE: visible in logs as "stopped because its parent died"
PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>


def tie_to(watched_pid: int, *, death_signal: bool = True) -> None:
    """End this process soon after ``watched_pid`` dies; call it first thing in a worker.

    ``death_signal`` also asks the kernel to SIGKILL this process when its direct parent dies
    (Linux only); pass ``False`` when the thread that forked this process may end before the
    work does. It is ignored when the direct parent is not ``watched_pid``.
    """
    is_parent = watched_pid == os.getppid()
    if death_signal and is_parent:
        set_parent_death_signal(signal.SIGKILL)
    pidfd = open_pidfd(watched_pid)
    # the process may have died before the guards were armed (its pid then maybe reused by
    # another process, which a parent's pid cannot be while we are its child): look once now
    if not is_alive(watched_pid) or (is_parent and os.getppid() != watched_pid):
        os._exit(ORPHAN_EXIT_CODE)
    watchdog = threading.Thread(
        target=_watch, args=(watched_pid, pidfd), name=f"lifeline-{watched_pid}", daemon=True
    )
    watchdog.start()


def pid_view() -> str:
    """Where a pid names the same process: this kernel boot and pid namespace ("" if unknown).

    A worker on another machine, or in another container, must not watch a pid of the driver's.
    """
    try:
        boot = Path("/proc/sys/kernel/random/boot_id").read_text().strip()
        return f"{boot} {os.readlink('/proc/self/ns/pid')}"
    except OSError:
        return ""


def tie_to_driver(driver: tuple[str, int] | None) -> bool:
    """``tie_to`` the driver ``(pid_view(), pid)`` if it runs where this process does."""
    if driver is None or not driver[0] or driver[0] != pid_view():
        return False
    tie_to(driver[1], death_signal=False)
    return True


def set_parent_death_signal(signum: int) -> bool:
    """Ask Linux to send ``signum`` to this process when its parent dies; False elsewhere."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        return libc.prctl(PR_SET_PDEATHSIG, ctypes.c_ulong(signum), 0, 0, 0) == 0
    except (OSError, AttributeError):
        return False


def is_alive(pid: int) -> bool:
    """Whether ``pid`` runs: a zombie (dead, not yet reaped by its own parent) does not."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        pass  # it exists, under another user
    try:
        with open(f"/proc/{pid}/stat", "rb") as stat:
            # the state follows the command name, which is in parentheses and may hold spaces
            state = stat.read().rsplit(b")", 1)[1].split()[0]
    except (OSError, IndexError):
        return True  # no /proc to ask (not Linux): os.kill said it exists
    return state not in (b"Z", b"X")


def _watch(pid: int, pidfd: int | None) -> None:
    wait_for_exit(pid, pidfd)
    os._exit(ORPHAN_EXIT_CODE)


def wait_for_exit(pid: int, pidfd: int | None = None) -> None:
    """Block until ``pid`` has ended (on ``pidfd`` when given or possible, else by polling)."""
    pidfd = pidfd if pidfd is not None else open_pidfd(pid)
    if pidfd is not None:
        select.select([pidfd], [], [])  # a pidfd turns readable when its process exits
        return
    while is_alive(pid):
        threading.Event().wait(POLL_S)


def open_pidfd(pid: int) -> int | None:
    """A pidfd for ``pid`` (Linux 5.3+), or None: an old kernel, a sandbox, a gone process."""
    pidfd_open = getattr(os, "pidfd_open", None)
    if pidfd_open is None:
        return None
    try:
        return pidfd_open(pid)
    except OSError:
        return None
