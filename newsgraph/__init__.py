"""newsgraph: an evidence-linked record of who did what to whom, where and when, in the news."""

from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["__version__", "annotate"]


def annotate(text: str, **kwargs):  # noqa: ANN003 - forwarded to pipeline.annotate_text
    """Annotate one article's text; returns the contract dictionary (see docs/contract.md)."""
    from .pipeline import annotate_text

    return annotate_text(text, **kwargs)
