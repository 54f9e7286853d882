"""newsgraph: an evidence-linked record of who did what to whom, where and when, in the news."""

from __future__ import annotations

from datetime import date
from typing import Any

__version__ = "0.1.0"

__all__ = ["__version__", "annotate"]


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
