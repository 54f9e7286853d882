"""Towns the small model tags as organisations, in local news above all.

- **A town or US county opening an institution's name** ("the Athens Police Department",
  "the Levy County Sheriff's Office"): GeoWebNews and LGL mark the town as a toponym embedded
  in the name, which was found only where the article placed the town elsewhere
  (``echoes.py``). An official GeoNames town or a US county, of any size, opening an
  organisation's name that holds an institution word (``institution_words`` in
  ``places_metonymy.yaml``: department, court, police, office, board ...) is read so.
- **A town opening an NER place the gazetteer lacks that names an institution or public
  building** ("the Anderson County Sheriff's Office", "Greer City Hall", "the Titus County Jail"
  tagged GPE or FAC): the town, embedded, in place of an institution's name and beside a
  building's (GeoWebNews marks "Cavan Town Hall" whole, LGL "Greer" in "Greer City Hall").
- **A town as a whole "ORG" modifying a common noun** ("a Gainesville man", "Hanover police",
  "the Buford home"): the town the person or thing is from, a place.

The counts behind them are in the data file and in docs/places.md (session 11).
"""

from __future__ import annotations

from spacy.tokens import Doc, Span

from ...extensions import entities
from .gazetteer import CITY, COUNTY, Gazetteer
from .person_names import named_a_person, surname_of_a_named_person
from .recognizer import DIRECTION_WORDS, Recognizer
from .toponyms import LEADING_WORDS, Toponym, toponym_role, trimmed_name, word_set

MAX_NAME_TOKENS = 3  # "North Las Vegas", "Henderson County"
# a division word right after the opening: the toponym is the longer name the gazetteer lacks
# ("Mayo County Council", "the Osun State Police Command"), not the town of that name
DIVISION_WORDS = frozenset({"county", "state", "parish", "province"})
TOWN_KINDS = frozenset({CITY, COUNTY})
# a whole "ORG" modifying a common noun is a town only if it is this large: in LGL's and
# GeoWebNews's fit parts such towns of 10,000 or more are gold toponyms 34 times in 38
MIN_POPULATION_MODIFIER = 10_000


def with_towns_in_organisations(
    doc: Doc, toponyms: list[Toponym], recognizer: Recognizer
) -> list[Toponym]:
    """``toponyms`` with the towns the small model tagged as (part of) organisations added
    (text order), to be resolved with the others; an unknown institution's name tagged as a
    place gives way to the town opening it, an unknown building's is kept beside it."""
    kept, towns = [], []
    for toponym in toponyms:
        town, building = _town_opening_an_unknown_name(doc, toponym, recognizer.gaz)
        if town is not None:
            towns.append(town)
        if town is None or building:
            kept.append(toponym)
    taken = [(t.start, t.end) for t in toponyms]
    towns += [
        Toponym(name.start_char, name.end_char, name.text, source, role)
        for name, source, role in _towns_in_organisations(doc, recognizer)
        if not any(start < name.end_char and name.start_char < end for start, end in taken)
    ]
    if not towns:
        return toponyms
    return sorted([*kept, *towns], key=lambda t: t.start)


def _towns_in_organisations(doc: Doc, recognizer: Recognizer) -> list[tuple[Span, str, str]]:
    """(name, source, role) of each town an "ORG" entity opens or is."""
    found = []
    for ent in entities(doc):
        if ent.label_ != "ORG":
            continue
        if _names_an_institution(ent):
            name = _opening_town(ent, recognizer.gaz)
            if name is not None:
                found.append((name, "embedded", "embedded"))
                continue
        name = _town_modifying_a_noun(ent, recognizer)
        if name is not None:
            found.append((name, "ner", toponym_role(name)))
    return found


def _town_opening_an_unknown_name(
    doc: Doc, toponym: Toponym, gazetteer: Gazetteer
) -> tuple[Toponym | None, bool]:
    """The town, embedded, opening an NER place the gazetteer does not know that is an
    institution or public building ("the Anderson County Sheriff's Office", "Greer City Hall"
    tagged GPE or FAC), and whether the name is a building's."""
    if toponym.source != "ner" or any(True for _ in gazetteer.candidates(toponym.text)):
        return None, False
    span = doc.char_span(toponym.start, toponym.end)
    if span is None:
        return None, False
    building = any(token.lower_ in word_set("building_words") for token in span)
    if not building and not _names_an_institution(span):
        return None, False
    name = _opening_town(span, gazetteer)
    if name is None:
        return None, False
    return Toponym(name.start_char, name.end_char, name.text, "embedded", "embedded"), building


def _names_an_institution(ent: Span) -> bool:
    words = word_set("institution_words")
    return any(token.lower_ in words for token in ent)


def _opening_town(ent: Span, gazetteer: Gazetteer) -> Span | None:
    """The longest official town or county name opening ``ent`` (after "the") and followed
    by a title-case word of the organisation's own ("Athens" in "the Athens Police
    Department"; not "Parks" in "the Parks and Recreation Commission")."""
    first = ent.start + (1 if ent[0].text in LEADING_WORDS else 0)
    doc = ent.doc
    for size in range(MAX_NAME_TOKENS, 0, -1):
        stop = first + size
        if stop >= ent.end:
            continue
        name, after = doc[first:stop], doc[stop]
        if not after.is_title or not after.is_alpha or after.lower_ in DIVISION_WORDS:
            continue
        if not all(t.is_title for t in name if t.is_alpha) or not name[-1].is_alpha:
            continue
        if name.text.lower() in word_set("institution_level_words") | DIRECTION_WORDS:
            continue
        candidates = gazetteer.candidates(name.text)
        if any(primary and entry.kind in TOWN_KINDS for entry, primary in candidates):
            return name
    return None


def _town_modifying_a_noun(ent: Span, recognizer: Recognizer) -> Span | None:
    """A whole "ORG" that is the official name of a town of some size and modifies a common
    noun ("a Gainesville man"); not an acronym ("NATO bases") nor a name the article gives
    a person."""
    name = trimmed_name(ent)
    if name is None:
        return None
    root = name.root
    if root.dep_ != "compound" or root.head.pos_ != "NOUN" or root.head.i < name.end:
        return None
    return name if names_a_sized_town(name, recognizer) else None


def names_a_sized_town(name: Span, recognizer: Recognizer) -> bool:
    """Whether a name NER did not call a place is the official name of a town of
    ``MIN_POPULATION_MODIFIER`` or more: a short title-case name, not an acronym, not a name
    the article gives a person."""
    if len(name) > MAX_NAME_TOKENS:
        return False
    if not all(t.text[0].isupper() and not t.is_upper for t in name if t.is_alpha):
        return False  # "DeKalb" is a name, "NATO" an acronym
    if surname_of_a_named_person(name) or named_a_person(name):
        return False
    return recognizer.is_city(name.text, MIN_POPULATION_MODIFIER)
