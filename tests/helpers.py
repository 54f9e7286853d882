"""Small helpers shared by test modules: stopping real processes, loading a script of tools/,
the character range of words in a test sentence."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path
from types import ModuleType

TOOLS = Path(__file__).resolve().parents[1] / "tools"


def load_tool(name: str) -> ModuleType:
    """The script ``tools/<name>.py`` as a module (the tools are scripts, not a package)."""
    if str(TOOLS) not in sys.path:  # a tool imports its siblings, as it does run as a script
        sys.path.append(str(TOOLS))
    spec = importlib.util.spec_from_file_location(name, TOOLS / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses in a tool look their module up
    spec.loader.exec_module(module)
    return module


def stop_process(process: subprocess.Popen, timeout: float) -> None:
    """Ask ``process`` to stop, and kill it if it has not within ``timeout`` seconds."""
    process.terminate()
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def char_range(text: str, words: str) -> tuple[int, int]:
    """The character range of the first occurrence of ``words`` in ``text``."""
    start = text.index(words)
    return start, start + len(words)
