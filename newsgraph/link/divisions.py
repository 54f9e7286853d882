"""The first-level division (admin1) a place is or lies in, for clustering's place test
(``Compatibility.places``): a first-level division holds only the places inside it, so the
Kharkiv region and the city of Sumy are two places, not a region and a place inside it
(session 22, region22; docs/link.md).

A place record carries ``admin1`` as the places component gives it: a division's own name for
a row of ``places_admin1.csv`` or a US state, the state's name for a US town, a GeoNames admin1
*code* for any other town. Codes are read through ``places_admin1_codes.csv`` (built by
``components/places/build.py``); a curated region of one country (``places_regions.yaml``,
"Kharkiv region") is the division its name is without its type word; the division table's
hand-set counties are none. A place whose division is not known this way (a country, an area,
a town whose code names no division) has none, and the place test stays as it was: compatible
with every place of its country.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..components.places.gazetteer import _csv_rows, fold
from .event_items import COARSE_FEATURES, PlaceInfo

# Type words a curated region's name carries after its division's name ("Kharkiv region",
# "Belgorod Oblast", "Idlib Governorate"); build.py's list for the division table, plus "region".
_TYPE_WORD = re.compile(
    r"\s+(region|oblast'?|province|governorate|state|territory|krai|kray|republic|prefecture)$",
    re.IGNORECASE,
)
# the id prefix of the division table's rows (``gazetteer._load_admin1``)
_ADMIN1_ID = "newsgraph:admin1-"


def division(place: PlaceInfo | None) -> tuple[str, str] | None:
    """(country code, folded division name) of the first-level division ``place`` is or lies
    in, or None where that is not known."""
    if place is None or not place.country or len(place.country) != 2:
        return None
    cc = place.country.upper()
    names, codes = _tables()
    if place.feature in ("region", "state"):
        if place.id.startswith(_ADMIN1_ID) or cc == "US":
            name = place.admin1 or place.name
        else:  # a curated region: the division its name is, without the type word
            name = _TYPE_WORD.sub("", place.name or "")
        return _known(names, cc, name)
    if place.coarse or not place.admin1:
        return None
    return _known(names, cc, codes.get((cc, place.admin1), place.admin1))


def _known(names: dict[tuple[str, str], str], cc: str, name: str | None) -> tuple[str, str] | None:
    canonical = names.get((cc, fold(name or "")))
    return (cc, canonical) if canonical else None


def other_divisions(a: PlaceInfo, b: PlaceInfo) -> bool:
    """One of ``a`` and ``b`` is a first-level division and the other a place in another one
    (both known), and neither's name also names a town of the gazetteer in the other's
    division: a town read as its namesake elsewhere ("Palmer", Massachusetts, beside Alaska;
    ECB+) may be the region's own town, so it stays compatible. Two regions keep the old test
    (compatible within a country): in ECB+ they are mostly teams read as states ("Florida"
    beat "Tennessee"), and splitting them cost its fit part 0.2959 -> 0.2953."""
    if a.coarse == b.coarse:
        return False  # two regions, or two towns (their points decide)
    mine, theirs = division(a), division(b)
    if mine is None or theirs is None or mine == theirs:
        return False
    return not (
        theirs in _town_divisions(a.name, mine[0]) or mine in _town_divisions(b.name, theirs[0])
    )


@lru_cache(maxsize=8192)
def _town_divisions(name: str | None, cc: str) -> frozenset[tuple[str, str]]:
    """The divisions of the gazetteer's towns (not regions) in country ``cc`` named ``name``."""
    if not name:
        return frozenset()
    from ..components.places.gazetteer import get_gazetteer  # the link stage rarely needs it

    gazetteer = get_gazetteer()
    names, codes = _tables()
    found = set()
    for entry, _ in gazetteer.candidates(name):
        if (entry.cc or "").upper() != cc or entry.feature in COARSE_FEATURES or not entry.admin1:
            continue
        code = entry.admin1
        named = gazetteer.state_names.get(code, code) if cc == "US" else codes.get((cc, code), code)
        known = _known(names, cc, named)
        if known:
            found.add(known)
    return frozenset(found)


@lru_cache(maxsize=1)
def _tables() -> tuple[dict[tuple[str, str], str], dict[tuple[str, str], str]]:
    """The known first-level divisions, (country, folded name or alias) → folded name (US
    states included), and the admin1 codes, (country, code) → name."""
    codes = {(r["cc"], r["code"]): r["name"] for r in _csv_rows("places_admin1_codes.csv")}
    # first-level only: the table also holds hand-set counties (England's; GeoNames admin2)
    first = {(cc, name) for (cc, _), name in codes.items()}
    names: dict[tuple[str, str], str] = {}
    for r in _csv_rows("places_admin1.csv"):
        if (r["cc"], r["name"]) not in first:
            continue
        for name in (r["name"], r["alias"]):
            if name:
                names.setdefault((r["cc"], fold(name)), fold(r["name"]))
    for r in _csv_rows("places_us_states.csv"):
        names[("US", fold(r["name"]))] = fold(r["name"])
    return names, codes
