"""The target-miss tools measure the checkout beside them: ``tools/checkout.py`` is imported
before newsgraph or a sibling tool that imports it (run from a worktree's ``tools/``, they
otherwise read the installed newsgraph, main's, and count main's misses; session 25)."""

from __future__ import annotations

import ast

import pytest
from helpers import TOOLS

TARGET_TOOLS = ("conflibert_target_misses", "conflibert_no_target", "prep_target_counts")
# sibling tools these import, which import newsgraph themselves
SIBLINGS = frozenset(
    {"conflibert_fit", "gvdb_party_misses", "muc4_role_misses", "rams_argument_misses",
     "wrong_candidate_relations"}
)  # fmt: skip


def _imported_modules(name: str) -> list[str]:
    tree = ast.parse((TOOLS / f"{name}.py").read_text(encoding="utf-8"))
    out: list[str] = []
    for node in tree.body:
        if isinstance(node, ast.ImportFrom) and node.module:
            out.append(node.module)
        elif isinstance(node, ast.Import):
            out.extend(alias.name for alias in node.names)
    return out


@pytest.mark.parametrize("name", TARGET_TOOLS)
def test_checkout_comes_before_newsgraph(name: str) -> None:
    modules = _imported_modules(name)
    assert "checkout" in modules
    first = modules.index("checkout")
    later = [m for m in modules[:first] if m.split(".")[0] == "newsgraph" or m in SIBLINGS]
    assert later == []
