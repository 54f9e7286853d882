"""newsgraph's spaCy components, one package each.

datelines, actors, places, times, quotes, events, framing (see docs/architecture.md).
"""
