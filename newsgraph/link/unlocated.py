"""Where a place without a point may lie, for clustering's place test (``Compatibility.places``).

The places component keeps a name it cannot locate as a place without a point: a landmark
("Nasser Hospital"), a ward or camp, a town written as a local area ("the Khan Younis area",
``newsgraph:local:xx:khan-younis``). Such a place is no evidence of distance, so it is read
through the gazetteer's towns: the town it is (its name), else a town its id begins or ends
with ("nablus-central-hospital"), in the other place's country. A town near the other place:
one place (its own name) or a place inside it; towns all far away: apart; none: unknown,
compatible but no anchor (session 20, story20; docs/link.md).
"""

from __future__ import annotations

from functools import cache, lru_cache
from pathlib import Path

from ..datafiles import data_file, load_yaml
from .event_items import COARSE_FEATURES, PlaceInfo

# The longest run of an id's words tried as a town's name ("nablus-central-hospital": "nablus
# central", "nablus"; and from the end).
MAX_WORDS = 3


def unlocated(place: PlaceInfo) -> bool:
    """The place has no point (a local name the gazetteer does not hold)."""
    return place.lat is None or place.lon is None


def same_or_unknown_country(a: PlaceInfo, b: PlaceInfo) -> bool:
    countries = {(p.country or "").lower() for p in (a, b)} - {"", "xx"}
    return len(countries) <= 1


def towns(place: PlaceInfo, country: str | None) -> tuple[bool, tuple[tuple[float, float], ...]]:
    """(whether it is the town itself, the points of the gazetteer's towns in ``country``) that
    ``place`` is by its name, else that its id begins or ends with."""
    return _towns(place.id, place.name or "", (country or "").upper())


@lru_cache(maxsize=8192)
def _towns(place_id: str, name: str, country: str) -> tuple[bool, tuple[tuple[float, float], ...]]:
    from ..components.places.gazetteer import get_gazetteer  # the link stage rarely needs it

    gazetteer = get_gazetteer()

    def points(key: str) -> tuple[tuple[float, float], ...]:
        return tuple(
            (e.lat, e.lon)
            for e, _ in gazetteer.candidates(key)
            if e.feature not in COARSE_FEATURES and (e.cc or "").upper() == country
        )

    own = points(name) if name else ()
    if own:
        return True, own
    words = place_id.rsplit(":", 1)[-1].split("-")
    for n in range(min(MAX_WORDS, len(words) - 1), 0, -1):
        for part in (words[:n], words[-n:]):
            found = points(" ".join(part))
            if found:
                return False, found
    return False, ()


@cache
def _levels(path: str | None = None) -> tuple[dict[str, int], dict[str, int]]:
    file = Path(path or data_file(__package__, "place_levels.yaml"))
    data = load_yaml(file.read_text(encoding="utf-8")) or {}
    return dict(data.get("prefix") or {}), dict(data.get("suffix") or {})


def stated_level(place: PlaceInfo) -> int | None:
    """The administrative level the place's name states by its first or last word ("Sitio
    Lapak" 1, "Barangay Carabalan" 2, "Himamaylan City" 3; ``data/en/place_levels.yaml``)."""
    words = (place.name or "").lower().split()
    if len(words) < 2:
        return None
    prefix, suffix = _levels()
    return prefix.get(words[0], suffix.get(words[-1]))


def other_levels(a: PlaceInfo, b: PlaceInfo) -> bool:
    """Both names state a level and the levels differ: the finer may lie in the coarser."""
    la, lb = stated_level(a), stated_level(b)
    return la is not None and lb is not None and la != lb
