"""Readings the article's other places contradict (issue 13, session 24)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from .gazetteer import ADMIN1, COUNTRY, COUNTY, STATE, SUPPLEMENT, Entry
from .weights import ResolverWeights

# the United States' insular areas (ISO 3166-1 codes of their own): "Saipan" in a US story
TERRITORIES = {"AS": "US", "GU": "US", "MP": "US", "PR": "US", "VI": "US", "UM": "US"}


def drop_strays(
    mentions: Sequence[Any],
    entries: list[Entry | None],
    context: Any,
    w: ResolverWeights,
    preferred: Mapping[str, int],
) -> list[Entry | None]:
    """No reading for a name whose only standing is weak (a GeoNames alternate name, or a
    first-level division, or a second-level one outside the US, ``gazetteer._load_admin2``; not a
    curated region such as Sicily or the Thames) in a country
    none of the article's other names points to, while they point to one country clearly:
    "al-Thawra" (an alternate name of Syria's Al-Tabqa) in a Yemeni article, "North West"
    (Botswana's) in a Cameroonian one, "Hurum" (a Norwegian municipality) in a Nigerian one.
    A wrong country is worse than none. A name's default
    reading (``places_preferred.yaml``: "New York" the city) stays."""
    out = list(entries)
    for i, (mention, entry) in enumerate(zip(mentions, entries, strict=True)):
        if entry is None or entry.kind in (COUNTRY, STATE, SUPPLEMENT) or not entry.codes:
            continue
        if preferred.get(mention.key) == entry.index:
            continue
        primary = mention.candidates[mention.best][1]
        if primary and entry.kind != ADMIN1 and not (entry.kind == COUNTY and entry.cc != "US"):
            continue
        codes = {*entry.codes, *(TERRITORIES[c] for c in entry.codes if c in TERRITORIES)}
        if any(context.country_weight(mention.key, c) > 0 for c in codes):
            continue
        others = [
            context.country_weight(mention.key, c) for c in context.countries if c not in codes
        ]
        if max(others, default=0.0) >= w.stray_country_weight:
            out[i] = None
    return out
