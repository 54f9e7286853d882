"""Build the actors' ``data/en/states.csv``: one actor row per pycountry country (plus Kosovo).

Run after updating pycountry or ``demonyms.csv`` (the hand-kept table of short
common names, demonyms, capital metonyms and extra aliases)::

    python tools/build_states.py

The output is checked in, so loading the knowledge base never depends on pycountry's version.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from pathlib import Path

import pycountry

DATA = Path(__file__).resolve().parents[1] / "newsgraph/components/actors/data/en"
FIELDS = ("id", "name", "kind", "alpha2", "alpha3", "aliases", "demonyms", "metonyms")


def slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def split(cell: str) -> list[str]:
    return [part.strip() for part in cell.split("|") if part.strip()]


def pycountry_names(country: object) -> list[str]:
    names = [getattr(country, key, "") for key in ("name", "common_name", "official_name")]
    # "Iran, Islamic Republic of" style names are catalogue forms, never written in news text
    return [n for n in names if n and "," not in n and "(" not in n]


def build_rows(hand_rows: dict[str, dict[str, str]]) -> list[dict[str, str]]:
    rows = []
    codes = {c.alpha_2: c for c in pycountry.countries}
    # a name the hand table gives one country is taken from the others' catalogue names: news
    # writes "Congo" for DR Congo, pycountry names the Republic of the Congo so
    claimed = {
        alias: alpha2
        for alpha2, row in hand_rows.items()
        for alias in split(row.get("aliases", ""))
    }
    for alpha2 in sorted(set(codes) | set(hand_rows)):
        hand = hand_rows.get(alpha2, {})
        country = codes.get(alpha2)
        name = hand.get("short_name") or getattr(country, "common_name", None) or country.name
        catalogue = [
            n
            for n in (pycountry_names(country) if country else [])
            if claimed.get(n, alpha2) == alpha2
        ]
        aliases = [*catalogue, *split(hand.get("aliases", ""))]
        aliases = [a for a in dict.fromkeys(aliases) if a != name]
        rows.append(
            {
                "id": slug(name),
                "name": name,
                "kind": hand.get("kind") or "state",
                "alpha2": alpha2,
                "alpha3": country.alpha_3 if country else hand.get("alpha3", ""),
                "aliases": "|".join(aliases),
                "demonyms": hand.get("demonyms", ""),
                "metonyms": hand.get("metonyms", ""),
            }
        )
    return rows


def main() -> None:
    with open(DATA / "demonyms.csv", encoding="utf-8", newline="") as handle:
        hand_rows = {row["alpha2"]: row for row in csv.DictReader(handle)}
    rows = build_rows(hand_rows)
    with open(DATA / "states.csv", "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=FIELDS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    print(f"wrote {len(rows)} states to {DATA / 'states.csv'}")


if __name__ == "__main__":
    main()
