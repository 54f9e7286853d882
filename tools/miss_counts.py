"""Counting a miss tool's cases by role and kind, and printing the table of counts: shared by
``rams_argument_misses.py``, ``muc4_role_misses.py`` and ``gvdb_party_misses.py`` (each
yields its cases as ``(role, kind, line)``)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

Case = tuple[str, str, str]  # role, kind, the line that shows the case ("" for none)


def counted(cases: Iterable[Case], show: str | None) -> Counter[tuple[str, str]]:
    """How many cases of each (role, kind); prints each case with a line whose kind begins
    with ``show`` ("" every one; None none)."""
    counts: Counter[tuple[str, str]] = Counter()
    for role, kind, line in cases:
        counts[role, kind] += 1
        if show is not None and line and kind.startswith(show):
            print(f"[{role}] {kind}: {line}")
    return counts


def print_counts(counts: Counter[tuple[str, str]], roles: Iterable[str]) -> None:
    """Each role's total, then its kinds, most frequent first."""
    for role in roles:
        print(f"{role}: {sum(n for (r, _), n in counts.items() if r == role)}")
        for (r, kind), n in sorted(counts.items(), key=lambda item: -item[1]):
            if r == role:
                print(f"  {n:4d}  {kind}")
