"""newsgraph: an evidence-linked record of who did what to whom, where and when, in the news."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .ingestion import IngestResult, ingest
    from .pipeline import annotate_text as annotate

__version__ = "0.1.0"

__all__ = ["IngestResult", "__version__", "annotate", "ingest"]

# imported on first use, so that `import newsgraph` stays cheap (the module is
# newsgraph.ingestion: a submodule called `ingest` would shadow the function once imported)
# (attribute name → module, attribute there); `annotate` is the pipeline's annotate_text
_LAZY = {
    "ingest": ("ingestion", "ingest"),
    "IngestResult": ("ingestion", "IngestResult"),
    "annotate": ("pipeline", "annotate_text"),
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        from importlib import import_module

        module, attribute = _LAZY[name]
        return getattr(import_module(f".{module}", __name__), attribute)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
