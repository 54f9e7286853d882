"""Whole-store summaries kept on a read-only store (used by ``queries.Reader`` and its parts)."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, Protocol, TypeVar


class Memoising(Protocol):
    frozen: bool  # a read-only DuckDB store: cannot change while it is read
    _memo: dict[str, Any]


M = TypeVar("M", bound=Memoising)
T = TypeVar("T")


def unchanging(method: Callable[[M], T]) -> Callable[[M], T]:
    """Memoise a whole-store summary (facet counts every list page shows) on a read-only
    DuckDB store, which no one can write while it is served; elsewhere ask each time."""

    @functools.wraps(method)
    def memoised(self: M) -> T:
        if not self.frozen:
            return method(self)
        if method.__name__ not in self._memo:
            self._memo[method.__name__] = method(self)
        return self._memo[method.__name__]

    return memoised
