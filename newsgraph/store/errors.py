"""The store's exceptions."""

from __future__ import annotations


class StoreError(RuntimeError):
    """The store cannot be opened or used as asked."""


class StoreLocked(StoreError):
    """Another process is writing the DuckDB file."""


class AmbiguousArticleId(StoreError, LookupError):
    """An id prefix that matches more than one article."""

    def __init__(self, prefix: str, candidates: list[str]) -> None:
        shown = ", ".join(candidates[:10]) + (", ..." if len(candidates) > 10 else "")
        super().__init__(f"article id prefix {prefix!r} matches several articles: {shown}")
        self.prefix = prefix
        self.candidates = candidates
