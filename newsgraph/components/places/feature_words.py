"""The words around a place name that tell what kind of place it is ("the Litani river",
"Idlib province", "the city of Homs"), and the words that are no place on their own."""

from __future__ import annotations

import re

from .gazetteer import CITY, Entry

# words that are no place on their own when a longer name is not found
PART_STOPWORDS = frozenset(
    {
        "the",
        "of",
        "and",
        "new",
        "old",
        "north",
        "south",
        "east",
        "west",
        "central",
        "upper",
        "lower",
        "great",
        "little",
        "saint",
        "st.",
        "mount",
        "lake",
        "river",
        "street",
        "road",
        "city",
        "county",
        "state",
        "university",
        "college",
        "school",
        "house",
        "center",
        "centre",
        "hall",
        "park",
        "airport",
        "station",
        "hospital",
        "church",
        "world",
        "cup",
        "club",
    }
)

FEATURE_AFTER = re.compile(
    r"^\s+(?P<word>river|county|parish|province|governorate|region|oblast|state|district|"
    r"sea|strait|camp|refugee camp|crossing|valley|lake)\b",
    re.IGNORECASE,
)
FEATURE_BEFORE = re.compile(
    r"\b(?P<word>river|city|town|village|province|county|lake|sea|camp)\s+(of\s+)?$",
    re.IGNORECASE,
)
# "central Washington", "southern Lebanon": a part of a region or country, not of a town
DIRECTION_BEFORE = re.compile(
    r"\b(?:(?:north|south)[\s-]?(?:east|west)ern|northern|southern|eastern|western|central|"
    r"upstate|downstate)\s+$"
)
FEATURES_FOR_WORD = {
    "river": {"river"},
    "county": {"county"},
    "parish": {"county"},
    "province": {"region", "county"},  # a Philippine or Spanish province is second-level
    "governorate": {"region"},
    "region": {"region", "territory"},
    "oblast": {"region"},
    "state": {"region"},
    "district": {"region", "county"},
    "sea": {"sea", "gulf"},
    "strait": {"strait"},
    "camp": {"camp"},
    "refugee camp": {"camp"},
    "crossing": {"crossing"},
    "valley": {"region", "area"},
    "lake": {"lake"},
    "city": {"city", "town"},
    "town": {"city", "town"},
    "village": {"city", "town"},
}
# a name with its kind of place inside the span: "Diyala province", "the Jaffna Peninsula"
# (not "city" or "town": "Harbor City" is a name of its own)
FEATURE_TAIL = re.compile(
    r"^(?P<name>.+?)\s+(?P<word>province|governorate|region|district|area|peninsula|"
    r"countryside|village|oblast|prefecture|municipality)$",
    re.IGNORECASE,
)
# "Borno State", "Jonglei State": the division's official name, then the ISO 3166-2 category
# (Nigeria, Sudan, South Sudan, India ...); title case only ("the Islamic state"), and no
# direction alone ("Central State", "Western State": LGL's Botswana and Fiji namesakes)
STATE_TAIL = re.compile(
    r"^(?!(?i:north|south|east|west|central)(?:ern)?\s+State$)(?P<name>[A-Z].*?)\s+State$"
)
# a direction inside the span before a known name ("west Baghdad", "South Los Angeles",
# "Eastern Qalamoun"): a part of that place, which the gazetteer does not list on its own
DIRECTION_HEAD = re.compile(
    r"^(?:north|south|east|west|(?:north|south)[\s-]?(?:east|west)(?:ern)?|northern|southern|"
    r"eastern|western|central)\s+(?P<name>.+)$",
    re.IGNORECASE,
)

# English names a river with the article ("the Dnipro", "the Litani") or the word "river"; a bare
# name is the town or region that shares it ("a factory in Dnipro", "Jordan's king")
ARTICLE_FEATURES = frozenset({"river"})
MAJOR_TOWN = 100_000
_ARTICLE_BEFORE = re.compile(r"\bthe\s+$", re.IGNORECASE)
# "the" opening a name's span (stripped from a surface; a river's article)
THE_PREFIX = re.compile(r"^(the|The|THE)\s+")


def without_river_reading(
    candidates: list[tuple[Entry, bool]],
) -> list[tuple[Entry, bool]]:
    """A bare name shared by a river and a major town or a division is the latter ("a factory
    in Dnipro"); a village's namesake does not outweigh a river ("Ganga" in Indian English)."""
    rival = any(
        primary
        and entry.feature not in ARTICLE_FEATURES
        and (entry.kind != CITY or entry.population >= MAJOR_TOWN)
        for entry, primary in candidates
    )
    if not rival:
        return candidates
    return [c for c in candidates if c[0].feature not in ARTICLE_FEATURES]


def with_article(text: str, start: int) -> bool:
    """Whether "the" opens the name's span or comes right before it."""
    return bool(THE_PREFIX.match(text[start : start + 4])) or bool(
        _ARTICLE_BEFORE.search(text[max(0, start - 6) : start])
    )
