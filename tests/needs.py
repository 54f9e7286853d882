"""Resources that some tests need and a machine may lack: a PostgreSQL database, Playwright and
Chromium for the browser tests, the world-atlas base map from npm.

On a developer's machine such a test skips, with its reason. In CI (``CI`` set to anything but
``""``, ``0``, ``false`` or ``no``, as CI services set it) it fails instead: CI exists to run
them, and a skip there would pass a run that tested nothing of PostgreSQL or the browser.
Skips by design (root reads any file; DuckDB has one writer per file) are not resources and do
not come here.
"""

from __future__ import annotations

import importlib
import os
from types import ModuleType
from typing import NoReturn

import pytest

NOT_CI = {"", "0", "false", "no"}


def in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() not in NOT_CI


def skip_or_fail(reason: str, *, module_level: bool = False) -> NoReturn:
    """Skip the test (the module, with ``module_level``) for ``reason``; fail it in CI."""
    __tracebackhide__ = True  # reports name the test's line, not this one
    if in_ci():
        pytest.fail(f"CI={os.environ['CI']} and {reason}", pytrace=False)
    pytest.skip(reason, allow_module_level=module_level)


def need_module(name: str, reason: str) -> ModuleType:
    """Import ``name`` for a resource test; missing, it skips (fails in CI) like ``skip_or_fail``.

    Call it at module level or in a test or fixture; at module level the whole module skips.
    """
    __tracebackhide__ = True
    try:
        return importlib.import_module(name)
    except ImportError as exc:
        skip_or_fail(f"{reason} ({exc})", module_level=True)
