"""Where an article names a place the gazetteer may lack: the cue words around a proper name
that say it is one ("the village of X", "X district", "Manger Square", "X, 60 kilometres
northeast of Y", "in X" for a place NER tags). ``local_places`` decides which of these names
become places and where they lie."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Doc, Span, Token

from ...datafiles import data_file, load_yaml
from ...extensions import entities, sentence_of, token_lowers
from ..times.calendar_words import WEEKDAY_NAMES
from .person_names import surname_of_a_named_person
from .recognizer import NAME_JOINERS, locative_before, preposition_before
from .toponyms import PLACE_LABELS, Toponym, trimmed_name, word_set

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
    # the local words for a district or a ward below the town's level (knowledge, not counts:
    # Ethiopia's woreda and kebele, Indonesia's kabupaten "regency"; the fit parts of geo,
    # event-location, GVDB, RAMS and WikiEvents hold none, so they ride on "X district", read
    # 70 times there, 51 the event place; session 25, docs/history/places.md)
    "woreda": "district",
    "woredas": "district",
    "kebele": "village",
    "kebeles": "village",
    "regency": "district",
    "regencies": "district",
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
# what a lone unresolved NER place after a locative preposition is called (GPE: a town or
# village the gazetteer lacks; LOC: a region, a mountain, a bay)
LONE_PLACE_FEATURES = {"GPE": "town", "LOC": "area"}
# ... and where a place of its sentence resolved, the words that set it as the site ("in", "at")
SITE_PREPOSITIONS = frozenset({"in", "at"})
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
# the nouns of an apposition that says what a name is ("X, a small town ..."): the settlement
# nouns (not province, governorate) and a few more
APPOSITION_NOUNS = {
    **{word: feature for word, feature in SETTLEMENT_NOUNS.items() if feature != "region"},
    "city": "town",
    "community": "village",
    "shantytown": "neighbourhood",
    "hamlet": "village",
}
CITY_NOUNS = frozenset({"city", "capital"})  # "the city of X": a name, but a known city's
# every word cued_names looks further at
CUE_WORDS = frozenset({*SETTLEMENT_NOUNS, *CITY_NOUNS, *LANDMARK_NOUNS, *DISTANCE_UNITS, *BEARINGS})
MAX_NAME_TOKENS = 6
# verbs of taking or holding ground whose direct object, a proper name, is a place the gazetteer
# may lack ("troops stormed Qabasin", "the army entered Rityan", "police patrolled Korangi"). In
# event-location's fit sentences (hand-checked and silver) such an object that we did not read
# as a place overlaps the event's gold place 19 times in 23 (storm 9 of 10, enter 4 of 5,
# liberate 2 of 3, seize 2 of 2, retake 1 of 1, patrol 1 of 1, overrun 0 of 1; the others are
# places too: "Quraytayn" where the silver label gives none, "Aabed", "Hawadles"; and "the
# Syrian Arab Army", an actor, dropped). Not "capture": its proper-noun objects are people as
# often as places (9 of 24 not tagged PERSON, 3 of 19 tagged PERSON: "captured Saddam"); the
# recognizer reads a captured town the gazetteer holds (``recognizer.CAPTURE_VERBS``).
TAKING_VERBS = frozenset({"storm", "enter", "seize", "retake", "liberate", "overrun", "besiege",
                          "patrol"})  # fmt: skip
TIME_WORDS = frozenset(
    {*WEEKDAY_NAMES, "january", "february", "march", "april", "june", "july", "august",
     "september", "october", "november", "december"}
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class LocalName:
    span: Span  # the name
    feature: str  # what the cue calls it: village, town, district, ...
    offset_km: float = 0.0  # "60 kilometres northeast of Y": distance and bearing from Y
    bearing: float | None = None
    beside: bool = False  # "X, north of Y": near Y, at no stated distance


def cued_names(doc: Doc) -> list[LocalName]:
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
    found += _named_places_by_head(doc)
    return found + [
        name
        for name in _objects_of_taking(doc)
        if not any(f.span.start < name.span.end and name.span.start < f.span.end for f in found)
    ]


@lru_cache(maxsize=1)
def kind_words() -> dict[str, dict[str, str]]:
    """``places_kind_words.yaml``: the words that close (``named_place_tails``) or open
    (``name_head_words``) a place's name, each with the feature it gives the local place; a
    list (``not_bare_place_words``) maps each word to itself."""
    text = data_file(__package__, "places_kind_words.yaml").read_text("utf-8")
    data = load_yaml(text) or {}
    return {key: _word_map(data.get(key)) for key in data}


def _word_map(value: object) -> dict[str, str]:
    if isinstance(value, dict):
        return {str(w).lower(): str(f) for w, f in value.items()}
    return {str(w).lower(): str(w).lower() for w in value or ()}  # type: ignore[attr-defined]


def _objects_of_taking(doc: Doc) -> list[LocalName]:
    """ "Government troops stormed Qabasin", "the rebels entered Rityan": a proper name that
    is the direct object of a verb of taking ground (``TAKING_VERBS``), not the surname of a
    person the article names."""
    found = []
    for token in doc:
        if token.dep_ != "dobj" or token.pos_ != "PROPN" or not token.text[:1].isupper():
            continue
        if token.head.lemma_.lower() not in TAKING_VERBS:
            continue
        start = min(_name_start(doc, token.i + 1), _compounds_start(token))
        end = token.i + 1
        if start > token.i or _split_word_before(doc, start):
            continue
        between = doc[min(token.head.i, start) : start]
        if any("\n" in t.text or "\n" in t.whitespace_ for t in between):
            continue  # "... from entering the U.S.\nZach Carter is ...": a missed sentence end
        span = doc[start:end]
        if not surname_of_a_named_person(span):
            found.append(LocalName(span, "area"))
    return found


def _compounds_start(token: Token) -> int:
    """The first word of the proper nouns that modify ``token`` right before it ("Ja’ouneh
    Street", "Yong'an Dike": words the name-token test refuses for their apostrophe)."""
    start = token.i
    while start > 0:
        before = token.doc[start - 1]
        if before.dep_ != "compound" or before.pos_ != "PROPN" or not before.text[:1].isupper():
            break
        start -= 1
    return start


def _split_word_before(doc: Doc, start: int) -> bool:
    """ "Nan'ao Island", "Ja’ouneh Street": the name begins inside a word the tokenizer split
    ("#Qabasin" begins after a hashtag's mark)."""
    if start == 0 or doc[start - 1].whitespace_:
        return False
    before = doc[start - 1].text
    return before.isalpha() or before[-1:] in "'’`-"


def _named_places_by_tail(doc: Doc) -> list[LocalName]:
    """ "Jobar District", "the Qalamoun Mountains": a name NER tags a place whose last word
    says what kind of place it is (kept only where the gazetteer cannot resolve it)."""
    tails = kind_words().get("named_place_tails", {})
    found = []
    for ent in entities(doc):
        if ent.label_ not in PLACE_LABELS or len(ent) < 2:
            continue
        feature = tails.get(ent[-1].lower_)
        name = trimmed_name(ent)
        if feature is not None and name is not None and len(name) > 1:
            found.append(LocalName(name, feature))
    return found


def _named_places_by_head(doc: Doc) -> list[LocalName]:
    """ "Kafr Sousah", "Jabal al-Sayyid", "Tal Al-Bardah": a title-case name of two or more
    words opening with a generic term of Arabic place names, whatever NER tagged it (kept only
    where the gazetteer cannot resolve it; "Tel Aviv" resolves)."""
    heads = kind_words().get("name_head_words", {})
    found = []
    for i, lower in enumerate(token_lowers(doc)):
        feature = heads.get(lower)
        if feature is None or not doc[i].is_title:
            continue
        end = _name_end(doc, i)
        inside_a_name = i > 0 and doc[i - 1].pos_ == "PROPN" and doc[i - 1].is_title
        if end - i > 1 and not inside_a_name:
            found.append(LocalName(doc[i:end], feature))
    return found


def lone_names_after_locative(
    doc: Doc, toponyms: list[Toponym], resolved: list[Toponym]
) -> list[LocalName]:
    """ "Clashes broke out in Batrah on Monday": a name NER tags GPE or LOC that the gazetteer
    cannot resolve, right after a locative preposition. In event-location's fit sentences that
    have a gold place (hand-checked and silver) such a name is it in 52 of 70 where no place of
    the sentence resolved (GPE one word 25 of 29, GPE longer 17 of 29, LOC 10 of 12; event place
    F1 on the silver fit sentences 0.647 -> 0.655, session 11). Where one did ("in Gursai near
    Jenin"), only after "in" or "at" (``SITE_PREPOSITIONS``): on the silver fit sentences such
    a name is a gold place 30 times in 49, after the other locative words 10 in 52 ("of" 8 in
    35: "a barrage of Katyusha rockets"; "near" 2 in 8; "on", "from", "to" ... 0 in 9)
    (session 16; docs/places.md)."""
    found = []
    for toponym in toponyms:
        if toponym.source != "ner" or toponym.entry is not None or toponym.role != "place":
            continue
        span = doc.char_span(toponym.start, toponym.end, alignment_mode="expand")
        if span is None or span[0].ent_type_ not in LONE_PLACE_FEATURES:
            continue
        if not locative_before(doc, span.start):
            continue
        sent = span.sent
        beside_resolved = any(sent.start_char <= place.start < sent.end_char for place in resolved)
        if beside_resolved and preposition_before(doc, span.start) not in SITE_PREPOSITIONS:
            continue
        found.append(LocalName(span, LONE_PLACE_FEATURES[span[0].ent_type_]))
    return found


# what the small model calls a village or district it does not know, right after "in",
# "near" or "at" ("positions in Kalembe" PERSON, "ambushed near Takanamat" ORG, "in Ecatepec"
# PRODUCT); see ``names_after_bare_locative``
OTHER_LABELS = frozenset({"PERSON", "ORG", "PRODUCT"})
BARE_LOCATIVES = frozenset({"in", "near", "at"})
# verbs that aim "at" someone ("shot at Mengistu", "the vitriol he has directed at Latinos"):
# a person or group, not a place
AIMED_AT = frozenset({"shoot", "fire", "aim", "point", "throw", "hurl", "look", "direct"})
MAX_OTHER_NAME_TOKENS = 3
ROMAN_NUMERAL = re.compile(r"[IVX]{2,}")


def names_after_bare_locative(doc: Doc) -> list[LocalName]:
    """ "M23 fighters attacked army positions in Kalembe", "ambushed near Takanamat": a name
    of one to three proper-noun words that NER tags PERSON, ORG or PRODUCT, right after "in",
    "near" or "at" with no determiner between; not possessive ("in Blake's car"), not the
    surname of a person the article names nor a full name it shortens ("Corey Lewandowski ...
    Mr. Lewandowski"), not aimed at ("shot at X", "directed at X"), no institution's or unit's
    word ("Ball State University", "III Corps"). ``local_places`` drops names the gazetteer
    read, actors the knowledge base knows, acronyms and demonyms. In event-location's silver
    fit sentences such names overlap the event's gold place 18 times in 30, and the other 12
    are places too (docs/places.md, session 21)."""
    found = []
    for ent in entities(doc):
        if ent.label_ not in OTHER_LABELS or ent.start == 0 or len(ent) > MAX_OTHER_NAME_TOKENS:
            continue
        prep = doc[ent.start - 1]
        if prep.lower_ not in BARE_LOCATIVES or not all(_is_name_token(t) for t in ent):
            continue
        if ent[-1].head.i != prep.i or (prep.lower_ == "at" and ent.label_ == "ORG"):
            continue  # "in Marathon bombings": a modifier; "a principal at Maniv Capital": a firm
        if not (prep.is_lower or prep.is_sent_start):
            continue  # "Victim Of Shooting In Aurora Identified": a headline's title case
        if any(t.like_num for t in ent) or (ent.end < len(doc) and doc[ent.end].tag_ == "POS"):
            continue
        if _names_an_institution(ent) or _named_again_alone(ent):
            continue
        if prep.lower_ == "at" and prep.head.lemma_.lower() in AIMED_AT:
            continue
        if not surname_of_a_named_person(ent):
            found.append(LocalName(ent, "town"))
    return found


def _named_again_alone(ent: Span) -> bool:
    """ "the fighter he had in Corey Lewandowski ... Mr. Lewandowski": a person's name of two
    words or more whose last word the article uses without the first."""
    if ent.label_ != "PERSON" or len(ent) < 2:
        return False
    last, first = ent[-1].text, ent[0].text
    return any(
        t.text == last and not (ent.start <= t.i < ent.end) and doc_word(t, -len(ent) + 1) != first
        for t in ent.doc
    )


def doc_word(token: Token, offset: int) -> str:
    i = token.i + offset
    return token.doc[i].text if 0 <= i < len(token.doc) else ""


def _names_an_institution(ent: Span) -> bool:
    """ "Ball State University", "III Corps": a word of an institution's or a unit's name, or a
    roman numeral (a unit's number)."""
    words = set(kind_words().get("not_bare_place_words", {}))
    words |= word_set("institution_words") | word_set("military_unit_nouns")
    return any(t.lower_ in words or ROMAN_NUMERAL.fullmatch(t.text) for t in ent)


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


def _describes(token: Token, lower: str) -> bool:
    """A word between "a" and the noun of "X, a strategic city", "X, a border town", "X, a
    Gonaives shantytown", "X, an Albanian-populated village"."""
    if lower in APPOSITION_NOUNS:
        return False
    return token.pos_ in ("ADJ", "NOUN", "PROPN", "ADV") or token.tag_ in ("VBN", "HYPH")


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
        while j < len(doc) and j - comma < 7 and _describes(doc[j], lowers[j]):
            j += 1
        feature = APPOSITION_NOUNS.get(lowers[j]) if j < len(doc) else None
        if feature is None or doc[j].dep_ in ("compound", "poss"):
            continue  # "Eric Garner, a Staten Island man", "Sam Porvik, the city's mayor"
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


_JOINED_WORD = re.compile(r"[^\W\d_]+(?:['’\-][^\W\d_]+)+")


def _is_name_token(token: Token) -> bool:
    if token.text[:1].isupper() and _JOINED_WORD.fullmatch(token.text):
        return True  # "Al-Iman", "Ja’ouneh", "Nan'ao": one token with a hyphen or apostrophe
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
        starts_sentence = token.i == sentence_of(token).start
        if (_is_name_token(token) and not token.like_num and not starts_sentence) or (
            token.text in NAME_JOINERS and start - 2 >= 0 and doc[start - 2].is_alpha
        ):
            start -= 1
        elif starts_sentence and token.text[:1].isupper() and token.pos_ == "PROPN":
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
