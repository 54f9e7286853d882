"""newsgraph: an evidence-linked record of who did what to whom, where and when, in the news."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .ingestion import IngestResult, ingest

__version__ = "0.1.0"

__all__ = ["IngestResult", "__version__", "annotate", "ingest"]

# imported on first use, so that `import newsgraph` stays cheap (the module is
# newsgraph.ingestion: a submodule called `ingest` would shadow the function once imported)
_LAZY = {"ingest": "ingestion", "IngestResult": "ingestion"}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        from importlib import import_module

        return getattr(import_module(f".{_LAZY[name]}", __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def annotate(
    text: str,
    *,
    published: date | str | None = None,
    outlet: str | None = None,
    title: str | None = None,
    url: str | None = None,
    model: str | None = None,
) -> dict[str, Any]:
    """Annotate one article's text; returns the contract dictionary (see docs/contract.md)."""
    from .pipeline import annotate_text

    return annotate_text(
        text, published=published, outlet=outlet, title=title, url=url, model=model
    )
