"""Plug-in registries, the spaCy way: input readers and store backends.

Each is a ``catalogue`` registry filled two ways: by a call or decorator inside Python
(``newsgraph.registry.readers.register("news", func=...)``) and by the entry points of an
installed package (groups ``newsgraph_readers`` and ``newsgraph_stores``). The built-in readers
and backends register through the same registries. See docs/plugins.md for a worked example.

- ``readers``: name → ``newsgraph.read.InputFormat`` (or a bare reader function).
- ``stores``: URL scheme → an opener ``(target, *, read_only, create) -> Store``; a target
  without ``scheme://`` is a DuckDB file.
"""

from __future__ import annotations

import catalogue

readers = catalogue.create("newsgraph", "readers", entry_points=True)
stores = catalogue.create("newsgraph", "stores", entry_points=True)

__all__ = ["readers", "stores"]
