"""Towns and US counties that open an institution's name: "the Athens Police Department".

The small model tags such names ORG as a whole, so the town in them was found only where the
article placed it elsewhere (``echoes.py``). GeoWebNews and LGL mark it as a toponym embedded in
the name. An official GeoNames town or a US county opening an organisation's name that holds an
institution word (``institution_words`` in ``places_metonymy.yaml``: department, court, police,
office, board ...) is read so, of any size; the counts behind the list are in the data file and
in docs/places.md (session 11).
"""

from __future__ import annotations

from spacy.tokens import Doc, Span

from ...extensions import entities
from .gazetteer import CITY, COUNTY, Gazetteer
from .recognizer import DIRECTION_WORDS, LEADING_WORDS, Toponym, word_set

MAX_NAME_TOKENS = 3  # "North Las Vegas", "Henderson County"
# a division word right after the opening: the toponym is the longer name the gazetteer lacks
# ("Mayo County Council", "the Osun State Police Command"), not the town of that name
DIVISION_WORDS = frozenset({"county", "state", "parish", "province"})
TOWN_KINDS = frozenset({CITY, COUNTY})


def with_institution_towns(
    doc: Doc, toponyms: list[Toponym], gazetteer: Gazetteer
) -> list[Toponym]:
    """``toponyms`` with the towns opening institutions' names that none of them overlaps
    added as embedded toponyms (text order), to be resolved with the others."""
    taken = [(t.start, t.end) for t in toponyms]
    added = [
        Toponym(name.start_char, name.end_char, name.text, "embedded", "embedded")
        for name in institution_towns(doc, gazetteer)
        if not any(start < name.end_char and name.start_char < end for start, end in taken)
    ]
    if not added:
        return toponyms
    return sorted([*toponyms, *added], key=lambda t: t.start)


def institution_towns(doc: Doc, gazetteer: Gazetteer) -> list[Span]:
    """The towns and counties opening organisations' names that name an institution."""
    found = []
    for ent in entities(doc):
        if ent.label_ != "ORG" or not _names_an_institution(ent):
            continue
        name = _opening_town(ent, gazetteer)
        if name is not None:
            found.append(name)
    return found


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
