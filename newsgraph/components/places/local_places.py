"""Places the gazetteer does not hold, read from the words around them.

GeoNames ``cities500`` has no villages, camps or city districts, and most event places the
small gazetteer misses are such names ("In the village of Jdeideh near Jenin", "in al-Tijara
neighbourhood in central Damascus", "Pooneryn, just 30 kilometres from Kilinochchi"). A proper
name that the gazetteer did not resolve becomes a *local place* when

- a settlement noun names it: "the village of X", "the towns of X and Y", "X district",
  "the Balata refugee camp", "X, a small town ..."; or a distance places it: "X, 60
  kilometres northeast of Y";
- and a place the gazetteer resolved stands next to it in the same sentence, its
  *container* ("near Jenin", "in central Damascus", "Baghdad's southern district of X").

The local place takes the container's country and first-level division, and a point: the
container's for a town container (a village near a town, a district of a city), the container's
shifted by the stated distance and bearing ("60 kilometres northeast of Monrovia"); a country
or region container only lends its point as a rough one (``approximate``: ``to_place`` writes no
coordinates then).

A landmark is read the same way: a proper name ending in a landmark noun ("Manger Square in
Bethlehem", "Mecca's Al-Nur hospital", "Kuweires Military Airport"). A name with no place in its
sentence takes the country of the place the article named last before it ("... in Aleppo.
Later, a shell hit the Kelmetiya neighbourhood"), with no point, when that place lies in the
article's country (``article_country``); with none at all it is a place
known by its name only (no country, no point): "the Aziziyah district" alone could be anywhere,
but it is still where the event happened.
"""

from __future__ import annotations

import math
import re
from collections import Counter

from spacy.tokens import Doc, Span

from ...extensions import entities
from ..actors.unresolved import UNRESOLVED_PREFIX
from ..times.calendar_words import WEEKDAY_NAMES
from .division_names import local_division_names
from .gazetteer import (
    ADMIN1,
    CITY,
    COUNTRY,
    STATE,
    SUPPLEMENT,
    Entry,
    Gazetteer,
    fold,
    haversine_km,
)
from .local_names import (
    LANDMARK_NOUNS,
    SETTLEMENT_NOUNS,
    LocalName,
    cued_names,
    lone_names_after_locative,
    names_after_bare_locative,
)
from .toponyms import Toponym

LOCAL_PREFIX = "newsgraph:local:"
# how far from its container a town of another country named like a local name may lie and
# still be the place meant: a border area's width (Kiryat Shmona lies 70 km from Lebanon's
# point, Qamishli's Nusaybin 5 km from its own)
ACROSS_BORDER_KM = 150.0
# An article "is in" a country when this share of its locating place mentions lie there (two of
# three: one foreign town beside two home ones does not move it).
ARTICLE_COUNTRY_SHARE = 2 / 3
UNKNOWN_COUNTRY = "xx"  # the id's country part for a place no other place locates
# nouns a town's name modifies when it locates a part of it ("Qamishli's southern suburbs")
PART_NOUNS = frozenset(
    {"city", "capital", "suburbs", "outskirts", "countryside", "neighbourhood", "outskirt"}
)
TYING_PREPOSITIONS = frozenset({"in", "near", "outside", "of", "inside", "at", "on"})
PARTY_PREPOSITIONS = frozenset({"by", "with", "against", "for"})
WEEKDAYS = frozenset(WEEKDAY_NAMES)
# names that are parts of a text's structure or time, not places
NOT_NAMES = WEEKDAYS | frozenset(
    {"north", "south", "east", "west", "central", "old", "new", "the", "a", "an"}
)


def find_local_places(doc: Doc, toponyms: list[Toponym], gaz: Gazetteer) -> list[Toponym]:
    """``toponyms`` with the unresolved names that the words around make places resolved to a
    local place (and such names NER missed added)."""
    resolved = [t for t in toponyms if t.entry is not None and t.role == "place"]
    taken = {
        i
        for t in toponyms
        if t.entry is not None or t.role != "place"
        for i in _token_range(doc, t.start, t.end)
    }
    actor_tokens = _known_actor_tokens(doc)
    demonyms = gaz.demonyms
    names = [
        name
        for name in [
            *cued_names(doc),
            *lone_names_after_locative(doc, toponyms, resolved),
            *local_division_names(doc, gaz),
            *[n for n in names_after_bare_locative(doc) if not _official_name(gaz, n)],
        ]
        if not any(i in taken or i in actor_tokens for i in range(name.span.start, name.span.end))
        and name.span.text not in demonyms
        and name.span[0].lower_ not in NOT_NAMES
        # "Palm Sunday", "Super Tuesday": a day's name (PolNeAR train, GVDB, GeoWebNews, LGL:
        # every capitalised "X <weekday>" is a day or a name before a date, none a place)
        and name.span[-1].lower_ not in WEEKDAYS
        and not name.span.text.isupper()  # "TIF districts": an acronym names a scheme
    ]
    added: dict[tuple[int, int], Toponym] = {}
    # a local place may locate the next ("Rawiya village near the city of Sere Kaniye in
    # Hsakah province"): a few rounds, each using the places found before
    for _ in range(3):
        found_now = False
        for name in names:
            key = (name.span.start_char, name.span.end_char)
            if key in added:
                continue
            entry = _known_division(gaz, name)
            container, close = _container(doc, name, [*resolved, *added.values()])
            if (
                container is not None
                and not close
                and not _in_article_country(doc, name, resolved, container)
            ):
                container = None  # only shares the sentence, in another country than the article's
            if entry is None and container is None:
                continue
            if entry is None and container is not None:
                entry = _spelled_otherwise(gaz, name, container) or local_entry(
                    name, container, close
                )
            added[key] = Toponym(key[0], key[1], name.span.text, "local", "place", entry)
            found_now = True
        if not found_now:
            break
    for name in names:  # no container in its sentence: the article's, else none at all
        key = (name.span.start_char, name.span.end_char)
        if key in added:
            continue
        container = _article_container(doc, name, resolved)
        if container is None:
            entry = unplaced_entry(name)
        else:
            entry = _spelled_otherwise(gaz, name, container) or local_entry(
                name, container, close=False
            )
        added[key] = Toponym(key[0], key[1], name.span.text, "local", "place", entry)
    if not added:
        return toponyms
    kept = [t for t in toponyms if not any(_overlap(t, a) for a in added.values())]
    return sorted([*kept, *added.values()], key=lambda t: t.start)


def _official_name(gaz: Gazetteer, name: LocalName) -> bool:
    """The gazetteer holds the name as an official one: the recognizer's size and cue rules
    have judged it already ("living in Burns" is no town of Oregon read under another name)."""
    return any(primary for _, primary in gaz.candidates(name.span.text))


def local_entry(name: LocalName, container: Entry, close: bool = True) -> Entry:
    """The local place of ``name`` inside or near ``container`` (``close``: the words tie them,
    "X neighbourhood in central Y"; else the container only shares the sentence)."""
    lat, lon = container.lat, container.lon
    if name.bearing is not None and name.offset_km:
        lat, lon = _shifted(lat, lon, name.offset_km, name.bearing)
    approximate = (
        not close
        or name.beside
        or container.approximate
        or (container.kind != CITY and name.bearing is None)
    )
    code = container.cc or UNKNOWN_COUNTRY
    return Entry(
        index=-1,
        id=f"{LOCAL_PREFIX}{code.lower()}:{_slug(name)}",
        name=name.span.text,
        kind=CITY,
        feature=name.feature,
        cc=container.cc,
        country=container.country,
        admin1=container.admin1 if container.kind != COUNTRY else None,
        lat=lat,
        lon=lon,
        population=0,
        codes=container.codes,
        approximate=approximate,
    )


def unplaced_entry(name: LocalName) -> Entry:
    """A settlement or landmark that no place of the article locates ("the towns of X and Y"
    in a lone sentence, "outside Ciragan Palace"): a place known by its name only, with no
    country and no point (``approximate``)."""
    return Entry(
        index=-1,
        id=f"{LOCAL_PREFIX}{UNKNOWN_COUNTRY}:{_slug(name)}",
        name=name.span.text,
        kind=CITY,
        feature=name.feature,
        cc=None,
        country=None,
        admin1=None,
        lat=0.0,
        lon=0.0,
        population=0,
        approximate=True,
    )


def _slug(name: LocalName) -> str:
    return re.sub(r"[^a-z0-9]+", "-", fold(name.span.text)).strip("-")


def _known_division(gaz: Gazetteer, name: LocalName) -> Entry | None:
    """ "the southern province of Muthanna": a division the gazetteer holds, which NER read as
    a person (the one division of that name, by its official name). After another cue word the
    name must be a first-level division by name alone: "Bannu district of Khyber-Pakhtunkhwa"
    names the district Bannu in the province, not a district named Khyber-Pakhtunkhwa."""
    found = [
        e
        for e, primary in gaz.candidates(name.span.text)
        if primary and (e.kind == ADMIN1 or (name.feature != "region" and _first_level(e)))
    ]
    if name.feature != "region" and (len(found) != 1 or _other_reading(gaz, name)):
        return None
    return found[0] if len(found) == 1 else None


def _first_level(entry: Entry) -> bool:
    """A first-level division: a division's row, or a curated region the supplement holds."""
    return entry.kind in (ADMIN1, STATE) or (entry.kind == SUPPLEMENT and entry.feature == "region")


def _other_reading(gaz: Gazetteer, name: LocalName) -> bool:
    """The name is also a town's, by any of its names ("the district of Bannu": a district
    named after its town)."""
    return any(e.kind == CITY for e, _ in gaz.candidates(name.span.text))


def _spelled_otherwise(gaz: Gazetteer, name: LocalName, container: Entry) -> Entry | None:
    """ "the port city of Hodeidah" in Yemen: a town of the container's country that has the
    name as another spelling ("Al Hudaydah"); the largest, when several do. Failing that, the
    nearest town of that name across a border, within ``ACROSS_BORDER_KM`` of the container:
    reports from a border area name the other side's towns ("barracks in Kiryat Shmona" in a
    report from Lebanon is Israel's Qiryat Shmona, not an unknown Lebanese place)."""
    if container.cc is None:
        return None
    towns = [entry for entry, _ in gaz.candidates(name.span.text) if entry.kind == CITY]
    same_country = [entry for entry in towns if entry.cc == container.cc]
    if same_country:
        return max(same_country, key=lambda e: e.population)
    if container.lat is None or container.lon is None:
        return None
    near = [
        (haversine_km(container.lat, container.lon, e.lat, e.lon), e)
        for e in towns
        if e.lat is not None and e.lon is not None
    ]
    near = [(km, e) for km, e in near if km <= ACROSS_BORDER_KM]
    return min(near, key=lambda pair: pair[0])[1] if near else None


def _shifted(lat: float, lon: float, km: float, bearing: float) -> tuple[float, float]:
    """The point ``km`` away from (lat, lon) on ``bearing`` degrees (flat-earth is close
    enough at news distances)."""
    rad = math.radians(bearing)
    dlat = km * math.cos(rad) / 111.2
    dlon = km * math.sin(rad) / (111.2 * max(0.1, math.cos(math.radians(lat))))
    return round(lat + dlat, 4), round(lon + dlon, 4)


def _container(doc: Doc, local: LocalName, resolved: list[Toponym]) -> tuple[Entry | None, bool]:
    """The resolved place of the same sentence nearest the name, and whether the words tie it
    to the name (``_ties``)."""
    name = local.span
    sent = name.sent
    best: tuple[int, Entry, Span] | None = None
    for toponym in resolved:
        if not (sent.start_char <= toponym.start < sent.end_char) or toponym.entry is None:
            continue
        span = doc.char_span(toponym.start, toponym.end, alignment_mode="expand")
        if span is None:
            continue
        gap = span.start - name.end if span.start >= name.end else name.start - span.end
        if gap < 0 or _modifies_a_thing(span) or _names_a_party(span):
            continue
        if best is None or gap < best[0]:
            best = (gap, toponym.entry, span)
    if best is None:
        return None, False
    entry, span = best[1], best[2]
    siblings = entry.id.startswith(LOCAL_PREFIX) and _only_joined(doc, name, span)
    return entry, siblings or _ties(local, span)


def _article_container(doc: Doc, local: LocalName, resolved: list[Toponym]) -> Entry | None:
    """A name with no place beside it in its sentence ("the city's Aziziyah district") lies
    where the article was last: the nearest place named in an earlier sentence that is not a
    party ("clashes with Turkey") nor a noun's modifier ("a U.S. patrol") and lies in the
    article's country (``article_country``). The words do not tie them, so the place lends its
    country and division but no point."""
    sent_start = local.span.sent.start_char
    country = article_country(doc, local, resolved)
    best: Toponym | None = None
    for toponym in _locating(doc, resolved, sent_start):
        if toponym.entry.cc == country and (best is None or toponym.start > best.start):
            best = toponym
    return best.entry if best is not None else None


def _in_article_country(doc: Doc, local: LocalName, resolved: list[Toponym], entry: Entry) -> bool:
    return entry.cc is not None and entry.cc == article_country(doc, local, resolved)


def article_country(doc: Doc, local: LocalName, resolved: list[Toponym]) -> str | None:
    """The country that at least ``ARTICLE_COUNTRY_SHARE`` of the locating place mentions up to
    the end of the name's sentence lie in, else None. A place the words do not tie to a name
    ("... in retaliation for a strike on X"; X in a later sentence) tells X's country only
    through the article's own: an article on shelling across a border, or a local paper's story
    that names a foreign town once, names places of two countries, and a wrong country is
    worse than none."""
    countries = Counter(t.entry.cc for t in _locating(doc, resolved, local.span.sent.end_char))
    if not countries:
        return None
    country, count = countries.most_common(1)[0]
    return country if count >= ARTICLE_COUNTRY_SHARE * sum(countries.values()) else None


def _locating(doc: Doc, resolved: list[Toponym], before: int) -> list[Toponym]:
    """The resolved places that start before character ``before`` and locate: with a country,
    not a party, not a noun's modifier."""
    places = []
    for toponym in resolved:
        if toponym.entry is None or toponym.entry.cc is None or toponym.start >= before:
            continue
        span = doc.char_span(toponym.start, toponym.end, alignment_mode="expand")
        if span is not None and not _modifies_a_thing(span) and not _names_a_party(span):
            places.append(toponym)
    return places


def _only_joined(doc: Doc, a: Span, b: Span) -> bool:
    """ "Kelmet and Zorvani (districts)": two names joined only by "and" or a comma share their
    holder, and the local place found first lends its point."""
    between = doc[a.end : b.start] if b.start >= a.end else doc[b.end : a.start]
    return len(between) > 0 and all(t.lower_ in ("and", ",") for t in between)


def _ties(local: LocalName, container: Span) -> bool:
    """Whether the words make ``container`` hold the name: a locative preposition between
    them, no comma or "and" ("al-Tijara neighbourhood in central Damascus", "the village of
    Jdeideh near Jenin"); a possessive or modifier right before the name's noun ("Baghdad's
    southern district of X"); the place a distance is measured from. A place listed beside it
    ("Sanaa, the port city of Hodeidah") does not hold it."""
    name, doc = local.span, local.span.doc
    if container.start >= name.end:
        if local.bearing is not None or local.offset_km or local.beside:
            return True
        between = doc[name.end : container.start]
        words = {t.lower_ for t in between}
        # "the Kuibyshevsky and Kievsky districts of Donetsk": one noun holds both names
        shared_noun = any(w.endswith("s") and w in SETTLEMENT_NOUNS for w in words)
        return (
            len(between) <= 7
            and bool(words & TYING_PREPOSITIONS)
            and not words & {",", ";"}
            and (shared_noun or not words & {"and", "or"})
        )
    return name.start - container.end <= 4 and container.root.dep_ in ("poss", "compound", "amod")


def _modifies_a_thing(span: Span) -> bool:
    """ "a U.S. patrol", "Iraqi army": a place name modifying a noun that is no settlement
    locates nothing ("Baghdad's southern district of X", "the south Baghdad neighbourhood of X",
    "Mecca's Al-Nur hospital" do)."""
    root = span.root
    if root.dep_ not in ("compound", "amod", "poss", "nmod"):
        return False
    head = root.head
    while head.dep_ == "compound" and head.head.i != head.i:
        head = head.head
    return not any(head.lower_ in nouns for nouns in (SETTLEMENT_NOUNS, PART_NOUNS, LANDMARK_NOUNS))


def _names_a_party(span: Span) -> bool:
    """ "controlled by the US", "clashes with Turkey": a place standing for a party locates
    nothing."""
    root = span.root
    return root.dep_ == "pobj" and root.head.lower_ in PARTY_PREPOSITIONS


def _known_actor_tokens(doc: Doc) -> set[int]:
    """Tokens of actors the knowledge base knows (an armed group is no village)."""
    out: set[int] = set()
    for mention in getattr(doc._, "ng_actor_mentions", None) or ():
        if mention.actor_id and not mention.actor_id.startswith(UNRESOLVED_PREFIX):
            out.update(_token_range(doc, mention.start, mention.end))
    for ent in entities(doc):
        if ent.label_ in (
            "NORP",
            "DATE",
            "TIME",
            "CARDINAL",
            "ORDINAL",
            "MONEY",
            "PERCENT",
            "QUANTITY",
        ):
            out.update(range(ent.start, ent.end))
    return out


def _token_range(doc: Doc, start: int, end: int) -> range:
    span = doc.char_span(start, end, alignment_mode="expand")
    return range(span.start, span.end) if span is not None else range(0)


def _overlap(a: Toponym, b: Toponym) -> bool:
    return a.start < b.end and b.start < a.end
