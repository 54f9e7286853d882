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
Later, a shell hit the Kelmetiya neighbourhood"), with no point; with none at all it is a place
known by its name only (no country, no point): "the Aziziyah district" alone could be anywhere,
but it is still where the event happened.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from ...extensions import entities, token_lowers
from ..actors.unresolved import UNRESOLVED_PREFIX
from .gazetteer import ADMIN1, CITY, COUNTRY, Entry, Gazetteer, fold
from .recognizer import NAME_JOINERS, PLACE_LABELS, Toponym, _after_locative, _trim

LOCAL_PREFIX = "newsgraph:local:"
UNKNOWN_COUNTRY = "xx"  # the id's country part for a place no other place locates
# nouns that name a settlement or a part of one, as the feature they give the place
SETTLEMENT_NOUNS = {
    "village": "village",
    "villages": "village",
    "town": "town",
    "towns": "town",
    "district": "district",
    "districts": "district",
    "neighbourhood": "neighbourhood",
    "neighbourhoods": "neighbourhood",
    "neighborhood": "neighbourhood",
    "neighborhoods": "neighbourhood",
    "suburb": "neighbourhood",
    "quarter": "neighbourhood",
    "settlement": "village",
    "settlements": "village",
    "camp": "camp",
    "crossing": "crossing",
    "island": "island",
    "area": "area",
    "province": "region",
    "governorate": "region",
}
# nouns that end a landmark's name ("Manger Square", "al-Shaab Stadium", "Kuweires Military
# Airport"): in the fit part of eval/event-location (hand-checked and silver sentences), a name
# ending in one of these overlaps the event's gold place at least 40 % of the time (square 12 of
# 14, palace 5 of 6, hospital 16 of 31, airport 23 of 53, ...; docs/places.md); not embassy (0
# of 36), mosque (1 of 14), base (8 of 21), prison (4 of 11), market (1 of 3), church (0 of 1);
# nor museum (session 9: with the fit parts of GeoWebNews, LGL and RAMS, 2 of 6: "Fitzwilliam
# Museum", "Bradbury Science Museum" are no gold places); fort and dam stay on thin support (2 of
# 3, 2 of 2), no other fit part names one
LANDMARK_NOUNS = frozenset(
    {"square", "palace", "hospital", "airport", "stadium", "street", "hill", "station", "bridge",
     "dam", "fort"}
)  # fmt: skip
# the last word of a name NER tags a place (GPE, LOC, FAC) that the gazetteer cannot resolve,
# as the feature it gives the local place ("Jobar District", "the Qalamoun Mountains", "Aleppo
# City"): in the fit parts of event-location (hand-checked and silver) and RAMS, such a name
# overlaps the event's gold place in at least 40 % of sentences (district 18 of 22, mountains 7
# of 12, island 4 of 5, plains 2 of 3, city 10 of 23, river 2 of 5; GeoWebNews/LGL: rivers 10 of
# 10 gold toponyms); not state (0 of 10), valley (0 of 4), highway (1 of 7)
NAMED_PLACE_TAILS = {
    "district": "district",
    "districts": "district",
    "mountains": "area",
    "island": "island",
    "plains": "area",
    "city": "town",
    "river": "river",
}
# what a lone unresolved NER place after a locative preposition is called (GPE: a town or
# village the gazetteer lacks; LOC: a region, a mountain, a bay)
LONE_PLACE_FEATURES = {"GPE": "town", "LOC": "area"}
# "the X area" names a place; "the area of X" rarely does a different job, but "area" after a
# name needs a determiner or preposition before the name ("the Markab area", "in Radhwaniyah
# area"), not a modifier noun ("the Police Academy area" is an organisation's)
LEAD_WORDS = frozenset({"the", "in", "at", "near", "on", "of", "from", "to", "into", "outside"})
DISTANCE_UNITS = {"km": 1.0, "kilometres": 1.0, "kilometers": 1.0, "miles": 1.609, "mi": 1.609}
BEARINGS = {
    "north": 0.0,
    "northeast": 45.0,
    "east": 90.0,
    "southeast": 135.0,
    "south": 180.0,
    "southwest": 225.0,
    "west": 270.0,
    "northwest": 315.0,
}
# entities whose words are never a local place's name ("Kurdish", "Thursday", "30 km")
NOT_PLACE_LABELS = frozenset(
    {"NORP", "DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY"}
)
# nouns a town's name modifies when it locates a part of it ("Qamishli's southern suburbs")
PART_NOUNS = frozenset(
    {"city", "capital", "suburbs", "outskirts", "countryside", "neighbourhood", "outskirt"}
)
TYING_PREPOSITIONS = frozenset({"in", "near", "outside", "of", "inside", "at", "on"})
PARTY_PREPOSITIONS = frozenset({"by", "with", "against", "for"})
CITY_NOUNS = frozenset({"city", "capital"})  # "the city of X": a name, but a known city's
# every word _cued_names looks further at
CUE_WORDS = frozenset({*SETTLEMENT_NOUNS, *CITY_NOUNS, *LANDMARK_NOUNS, *DISTANCE_UNITS, *BEARINGS})
MAX_NAME_TOKENS = 6
TIME_WORDS = frozenset(
    {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january",
     "february", "march", "april", "june", "july", "august", "september", "october",
     "november", "december"}
)  # fmt: skip
# names that are parts of a text's structure or time, not places
NOT_NAMES = frozenset(
    {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "north",
     "south", "east", "west", "central", "old", "new", "the", "a", "an"}
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class LocalName:
    span: Span  # the name
    feature: str  # what the cue calls it: village, town, district, ...
    offset_km: float = 0.0  # "60 kilometres northeast of Y": distance and bearing from Y
    bearing: float | None = None
    beside: bool = False  # "X, north of Y": near Y, at no stated distance


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
        for name in [*_cued_names(doc), *_lone_names_after_locative(doc, toponyms, resolved)]
        if not any(i in taken or i in actor_tokens for i in range(name.span.start, name.span.end))
        and name.span.text not in demonyms
        and name.span[0].lower_ not in NOT_NAMES
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
    a person (the one division of that name, by its official name)."""
    if name.feature != "region":
        return None
    found = [e for e, primary in gaz.candidates(name.span.text) if primary and e.kind == ADMIN1]
    return found[0] if len(found) == 1 else None


def _spelled_otherwise(gaz: Gazetteer, name: LocalName, container: Entry) -> Entry | None:
    """ "the port city of Hodeidah" in Yemen: a town of the container's country that has the
    name as another spelling ("Al Hudaydah"); the largest, when several do."""
    if container.cc is None:
        return None
    towns = [
        entry
        for entry, _ in gaz.candidates(name.span.text)
        if entry.kind == CITY and entry.cc == container.cc
    ]
    return max(towns, key=lambda e: e.population) if towns else None


def _shifted(lat: float, lon: float, km: float, bearing: float) -> tuple[float, float]:
    """The point ``km`` away from (lat, lon) on ``bearing`` degrees (flat-earth is close
    enough at news distances)."""
    rad = math.radians(bearing)
    dlat = km * math.cos(rad) / 111.2
    dlon = km * math.sin(rad) / (111.2 * max(0.1, math.cos(math.radians(lat))))
    return round(lat + dlat, 4), round(lon + dlon, 4)


def _cued_names(doc: Doc) -> list[LocalName]:
    found: list[LocalName] = []
    for i, lower in enumerate(token_lowers(doc)):
        if lower not in CUE_WORDS:
            continue  # no cue: spares building a Token for every word of the article
        token = doc[i]
        feature = SETTLEMENT_NOUNS.get(token.lower_)
        if feature is not None and token.is_lower and not _opens_a_name(doc, token.i + 1):
            found += _names_after_of(doc, token, feature)
            found += _names_before(doc, token, feature)
        elif token.lower_ in CITY_NOUNS and token.is_lower:  # not "the City of Seekers"
            found += _names_after_of(doc, token, "town")
        if token.lower_ in LANDMARK_NOUNS and not _opens_a_name(doc, token.i + 1):
            found += _landmark(doc, token)
        if token.lower_ in DISTANCE_UNITS:
            found += _name_at_distance(doc, token)
        if token.lower_ in BEARINGS:
            found += _name_by_bearing(doc, token)
    found += _appositions(doc)
    found += _named_places_by_tail(doc)
    return found


def _named_places_by_tail(doc: Doc) -> list[LocalName]:
    """ "Jobar District", "the Qalamoun Mountains": a name NER tags a place whose last word
    says what kind of place it is (kept only where the gazetteer cannot resolve it)."""
    found = []
    for ent in entities(doc):
        if ent.label_ not in PLACE_LABELS or len(ent) < 2:
            continue
        feature = NAMED_PLACE_TAILS.get(ent[-1].lower_)
        name = _trim(ent)
        if feature is not None and name is not None and len(name) > 1:
            found.append(LocalName(name, feature))
    return found


def _lone_names_after_locative(
    doc: Doc, toponyms: list[Toponym], resolved: list[Toponym]
) -> list[LocalName]:
    """ "Clashes broke out in Batrah on Monday": a name NER tags GPE or LOC that the gazetteer
    cannot resolve, right after a locative preposition, in a sentence where no place resolved.
    In event-location's fit sentences that have a gold place (hand-checked and silver) such a
    name is it in 52 of 70 (GPE one word 25 of 29, GPE longer 17 of 29, LOC 10 of 12); with a
    resolved place in the sentence only in 46 of 102, so those stay unresolved. Event place F1
    on the 4,361 silver fit sentences 0.647 -> 0.655 (docs/places.md)."""
    found = []
    for toponym in toponyms:
        if toponym.source != "ner" or toponym.entry is not None or toponym.role != "place":
            continue
        span = doc.char_span(toponym.start, toponym.end, alignment_mode="expand")
        if span is None or span[0].ent_type_ not in LONE_PLACE_FEATURES:
            continue
        sent = span.sent
        if not _after_locative(doc, span.start) or any(
            sent.start_char <= place.start < sent.end_char for place in resolved
        ):
            continue
        found.append(LocalName(span, LONE_PLACE_FEATURES[span[0].ent_type_]))
    return found


def _names_after_of(doc: Doc, noun: Token, feature: str) -> list[LocalName]:
    """ "the village of X", "the towns of X and Y", "Baghdad's southern district of X"."""
    i = noun.i + 1
    if i >= len(doc) or doc[i].lower_ != "of" or noun.lower_ == "area":
        return []
    names = []
    start = i + 1
    while start < len(doc):
        end = _name_end(doc, start)
        if end == start:
            break
        names.append(LocalName(doc[start:end], feature))
        if end + 1 < len(doc) and doc[end].lower_ in ("and", ",") and noun.lower_.endswith("s"):
            start = end + 1
            continue
        break
    return names


def _names_before(doc: Doc, noun: Token, feature: str) -> list[LocalName]:
    """ "X district", "the Balata refugee camp", "the Jumla and Diwan villages", "the Kissufim
    crossing point"."""
    end = noun.i
    if end > 0 and doc[end - 1].lower_ in ("refugee", "border"):
        end -= 1
    elif feature == "camp":
        return []  # "the Scout camp": only a refugee camp is a place by that word
    start = _name_start(doc, end)
    if start == end:
        return []
    lead = start - 1
    while lead > 0 and doc[lead].is_space:
        lead -= 1
    before = doc[lead].lower_ if lead >= 0 else ""
    if noun.lower_ == "area" and before not in LEAD_WORDS and doc[lead].dep_ != "amod":
        return []
    names = [LocalName(doc[start:end], feature)]
    if noun.lower_.endswith("s") and before == "and" and start >= 2:
        first_end = start - 1
        first_start = _name_start(doc, first_end)
        if first_start < first_end:
            names.append(LocalName(doc[first_start:first_end], feature))
    return names


def _landmark(doc: Doc, noun: Token) -> list[LocalName]:
    """ "Manger Square", "the Tishreen Dam", "Kuweires Military Airport": a proper name and the
    landmark noun that ends it, the noun included (no lower-case word between: "Deir ez-Zor
    military airport" is the only such landmark in the fit parts)."""
    end = noun.i
    start = _name_start(doc, end)
    if start == end or any(doc[k].lower_ in LANDMARK_NOUNS for k in range(start, end)):
        return []
    if doc[start:end].text.isupper():
        return []  # "a TV station": an acronym names no landmark
    return [LocalName(doc[start : noun.i + 1], "landmark")]


def _appositions(doc: Doc) -> list[LocalName]:
    """ "Dunya Pur, a small town about 100 kilometers ..."."""
    found = []
    lowers = token_lowers(doc)  # a comma's lower-case form is its text
    for comma, lower in enumerate(lowers):
        if lower != "," or comma + 2 >= len(doc):
            continue
        j = comma + 1
        if lowers[j] not in ("a", "the"):
            continue
        j += 1
        while j < len(doc) and doc[j].pos_ == "ADJ":
            j += 1
        feature = SETTLEMENT_NOUNS.get(lowers[j]) if j < len(doc) else None
        if feature is None or feature == "region":
            continue
        start = _name_start(doc, comma)
        if start < comma:
            found.append(LocalName(doc[start:comma], feature))
    return found


def _name_at_distance(doc: Doc, unit: Token) -> list[LocalName]:
    """ "Kakata, 60 kilometers (40 miles) northeast of Monrovia", "Pooneryn, just 30
    kilometres from Kilinochchi": the name before the comma, shifted from the place after."""
    number = unit.i - 1
    if number < 0 or not doc[number].like_num:
        return []
    comma = number - 1
    while comma >= 0 and doc[comma].lower_ in ("just", "about", "some", "around", "nearly"):
        comma -= 1
    if comma < 1 or doc[comma].text != ",":
        return []
    j = unit.i + 1
    if j < len(doc) and doc[j].text == "(":  # "(40 miles)"
        while j < len(doc) and doc[j].text != ")":
            j += 1
        j += 1
    bearing = BEARINGS.get(doc[j].lower_) if j < len(doc) else None
    if bearing is not None:
        j += 1
    if j >= len(doc) or doc[j].lower_ not in ("of", "from"):
        return []
    start = _name_start(doc, comma)
    if start == comma:
        return []
    try:
        km = float(doc[number].text.replace(",", "")) * DISTANCE_UNITS[unit.lower_]
    except ValueError:
        return []
    return [LocalName(doc[start:comma], "town", km, bearing)]


def _name_by_bearing(doc: Doc, direction: Token) -> list[LocalName]:
    """ "in Taji, just north of Baghdad", "at Todee, northeast of Monrovia"."""
    after = direction.i + 1
    if after >= len(doc) or doc[after].lower_ != "of":
        return []
    comma = direction.i - 1
    while comma >= 0 and doc[comma].lower_ in ("just", "about", "some", "slightly", "due"):
        comma -= 1
    if comma < 1 or doc[comma].text != ",":
        return []
    start = _name_start(doc, comma)
    if start == comma or start == 0 or doc[start - 1].lower_ not in LEAD_WORDS:
        return []
    return [LocalName(doc[start:comma], "town", beside=True)]


def _is_name_token(token: Token) -> bool:
    return ((token.is_title or token.text[:1].isupper()) and token.is_alpha) or token.like_num


def _name_end(doc: Doc, start: int) -> int:
    """The end of a proper name opening at ``start`` ("al-Tijara", "Sheikh Najjar", "Tel
    Birak"), or ``start`` when none opens there."""
    end = start
    while end < len(doc) and end - start < MAX_NAME_TOKENS:
        token = doc[end]
        if token.lower_ in TIME_WORDS:
            break  # "Leskovac Tuesday"
        if _is_name_token(token) and not token.like_num:
            end += 1
        elif token.text in NAME_JOINERS and _joins(doc, end + 1):
            end += 1  # "al - Tijara", "Deir ez - Zor", "Mais al - Jabal"
        else:
            break
    while end > start and doc[end - 1].text in NAME_JOINERS:
        end -= 1
    if end > start and not any(doc[k].text[:1].isupper() for k in range(start, end)):
        return start
    return end


def _joins(doc: Doc, i: int) -> bool:
    """Whether a joiner before token ``i`` goes on into a name ("al - Jabal")."""
    while i < len(doc) and doc[i].text in NAME_JOINERS:
        i += 1
    return i < len(doc) and doc[i].is_alpha and doc[i].text[:1].isupper()


def _opens_a_name(doc: Doc, i: int) -> bool:
    """ "Cavan Town Hall", "Cottenham Village College": the noun is part of a longer name."""
    return i < len(doc) and doc[i].is_alpha and doc[i].text[:1].isupper()


def _name_start(doc: Doc, end: int) -> int:
    """The start of a proper name ending right before ``end``."""
    start = end
    while start > 0 and end - start < MAX_NAME_TOKENS:
        token = doc[start - 1]
        if (_is_name_token(token) and not token.like_num and token.i != token.sent.start) or (
            token.text in NAME_JOINERS and start - 2 >= 0 and doc[start - 2].is_alpha
        ):
            start -= 1
        elif token.i == token.sent.start and token.text[:1].isupper() and token.pos_ == "PROPN":
            start -= 1
            break
        else:
            break
    while start < end and doc[start].text in NAME_JOINERS and doc[start].text[:1].islower():
        if doc[start].text == "-":
            start += 1
            continue
        break
    while start < end and doc[start].text == "-":
        start += 1
    if start < end and not doc[start].text[:1].isupper() and doc[start].text not in ("al", "el"):
        return end
    return start


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
    party ("clashes with Turkey") nor a noun's modifier ("a U.S. patrol"). The words do not tie
    them, so the place lends its country and division but no point."""
    sent_start = local.span.sent.start_char
    best: tuple[int, Entry] | None = None
    for toponym in resolved:
        if toponym.entry is None or toponym.start >= sent_start:
            continue
        span = doc.char_span(toponym.start, toponym.end, alignment_mode="expand")
        if span is None or _modifies_a_thing(span) or _names_a_party(span):
            continue
        if best is None or toponym.start > best[0]:
            best = (toponym.start, toponym.entry)
    return best[1] if best is not None else None


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
