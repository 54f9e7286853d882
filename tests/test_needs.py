"""A test that lacks PostgreSQL, a browser or the base map skips on a developer's machine and
fails in CI (``tests/needs.py``)."""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

import pytest
from needs import in_ci, need_module, skip_or_fail

SKIPPED = pytest.skip.Exception
FAILED = pytest.fail.Exception


@pytest.mark.parametrize("value", ["true", "1", "True", "yes"])
def test_in_ci_a_missing_resource_is_a_failure(
    monkeypatch: pytest.MonkeyPatch, value: str | None
) -> None:
    monkeypatch.setenv("CI", value)

    assert in_ci()
    with pytest.raises(FAILED, match="no PostgreSQL here"):
        skip_or_fail("no PostgreSQL here")


@pytest.mark.parametrize("value", [None, "", "false", "0", "no"])
def test_elsewhere_a_missing_resource_is_a_skip(
    monkeypatch: pytest.MonkeyPatch, value: str | None
) -> None:
    if value is None:
        monkeypatch.delenv("CI", raising=False)
    else:
        monkeypatch.setenv("CI", value)

    assert not in_ci()
    with pytest.raises(SKIPPED, match="no PostgreSQL here"):
        skip_or_fail("no PostgreSQL here")


def test_a_missing_module_skips_or_fails_with_its_reason(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CI", "false")
    with pytest.raises(SKIPPED, match="the browser tests need playwright"):
        need_module("no_such_module_for_newsgraph", "the browser tests need playwright")

    monkeypatch.setenv("CI", "true")
    with pytest.raises(FAILED, match="No module named 'no_such_module_for_newsgraph'"):
        need_module("no_such_module_for_newsgraph", "the browser tests need playwright")


def test_a_present_module_is_returned(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CI", "true")

    assert need_module("json", "never missing").dumps([]) == "[]"


# --- scripts/test.sh: the same rule before pytest starts ------------------------------------


def run_missing(ci: str | None) -> subprocess.CompletedProcess[str]:
    """Run test.sh's ``missing`` (with ``in_ci``) alone, as the script calls it."""
    script = (Path(__file__).parents[1] / "scripts" / "test.sh").read_text()
    functions = re.findall(r"^(?:in_ci|missing)\(\) \{\n.*?^\}\n", script, re.M | re.S)
    assert len(functions) == 2
    env = {k: v for k, v in os.environ.items() if k != "CI"} | ({"CI": ci} if ci else {})
    command = "".join(functions) + 'missing "no PostgreSQL server could start" "its tests"\n'
    command += "echo carried on\n"
    return subprocess.run(["bash", "-c", command], env=env, capture_output=True, text=True)


def test_test_sh_stops_in_ci_with_one_line_on_what_is_missing() -> None:
    done = run_missing("true")

    assert done.returncode == 1
    assert done.stdout == ""
    assert done.stderr.count("\n") == 1
    assert done.stderr.startswith("error: CI=true and no PostgreSQL server could start")


@pytest.mark.parametrize("ci", [None, "false", "0"])
def test_test_sh_notes_a_missing_resource_elsewhere_and_goes_on(ci: str | None) -> None:
    done = run_missing(ci)

    assert done.returncode == 0
    assert (
        done.stdout == "note: no PostgreSQL server could start; its tests will skip\ncarried on\n"
    )
