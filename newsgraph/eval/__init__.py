"""Scorers for ``newsgraph eval NAME``: name → module path (each module follows eval/base.py)."""

SCORERS: dict[str, str] = {
    "polnear": "newsgraph.eval.polnear",
    "plover": "newsgraph.eval.plover",
    "geo": "newsgraph.eval.geo",
    "timeml": "newsgraph.eval.timeml",
    "ecbplus": "newsgraph.eval.ecbplus",
    "emergent": "newsgraph.eval.emergent",
    "fnc1": "newsgraph.eval.fnc1",
    "conflibert-cameo": "newsgraph.eval.conflibert",
    "rams": "newsgraph.eval.rams",
    "muc4": "newsgraph.eval.muc4",
    "wikievents": "newsgraph.eval.wikievents",
    "gvdb": "newsgraph.eval.gvdb",
    "factuality": "newsgraph.eval.factuality",
    "event-location": "newsgraph.eval.event_location",
    "meantime": "newsgraph.eval.meantime",
}
