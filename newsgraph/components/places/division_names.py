"""Towns named by the local division they head: "abducted eight farmers in Gwoza local
government area", "villages in the Maru Local Government Area of Zamfara State", "an airstrike
in Rakhine State's Kyauktaw Township", "a car in the Krasnopillia community".

News names a Nigerian LGA, a Burmese or American township and a Ukrainian community (hromada)
by its seat's name and the division's words (``division_tails`` in ``places_kind_words.yaml``).
The small model tags such names an organisation ("the Maru Local Government Area" ORG), a
place the gazetteer cannot resolve whole ("Kyauktaw Township" GPE), or nothing ("Gwoza local
government area"), so the town was lost. Where the one to three title-case words before the
division's words are the official name of a gazetteer place (not a country, a demonym or a
name the article gives a person), that name is a toponym, in place of any toponym that took it
in with the division's words. The counts are in the data file and docs/places.md (session 23).
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache

from spacy.tokens import Doc, Span

from ...extensions import token_lowers
from .gazetteer import CITY, COUNTRY, Entry, Gazetteer
from .local_names import LocalName, kind_words
from .person_names import named_a_person, surname_of_a_named_person
from .toponyms import LEADING_WORDS, Toponym, toponym_role

MAX_NAME_TOKENS = 3


TITLED_TOWNSHIP = ("township",)  # American civil townships bear their own names
# the division words that make a name the gazetteer lacks a district (``local_division_names``):
# not "community", which names a people as often as a village in the fit sentences ("the
# Fulani community", "an Eggon community", "Kenya's Turkana community" beside "Agasha
# community", "Baran-Goni community"), nor "township", which no such name precedes there
LOCAL_DIVISION_TAILS = frozenset({("local", "government", "area"), ("lga",)})


@lru_cache(maxsize=1)
def division_tails() -> tuple[tuple[tuple[str, ...], bool], ...]:
    """The division phrases, each as its lower-case words and whether it may be written in
    title or upper case, longest first."""
    words = kind_words()
    titled = {tuple(p.split()) for p in words.get("division_tails_titled", {})}
    phrases = {tuple(p.split()) for p in words.get("division_tails", {})} | titled
    return tuple(sorted(((p, p in titled) for p in phrases), key=lambda f: -len(f[0])))


def with_division_named_towns(doc: Doc, toponyms: list[Toponym], gaz: Gazetteer) -> list[Toponym]:
    """``toponyms`` with each town named before a division's words added (text order); a
    toponym that took in the name with the words, or read it inside an organisation's name,
    gives way to it."""
    names = [
        name
        for start, phrase in _tails(doc)
        if (name := _town_before(doc, start, gaz))
        and not (phrase == TITLED_TOWNSHIP and doc[start].is_title and _names_a_us_place(name, gaz))
    ]
    if not names:
        return toponyms
    kept = list(toponyms)
    for name in names:
        start, end = name.start_char, name.end_char
        overlapping = [t for t in kept if t.start < end and start < t.end]
        if any(t.start >= start and t.end <= end and t.role != "embedded" for t in overlapping):
            continue  # the name, or a part of it, is read already (not as part of an ORG's)
        kept = [t for t in kept if t not in overlapping]
        kept.append(Toponym(start, end, name.text, "gazetteer", toponym_role(name)))
    return sorted(kept, key=lambda t: t.start)


def _tails(doc: Doc) -> list[tuple[int, tuple[str, ...]]]:
    """The first word's index and the words of each division phrase in ``doc``: in lower
    case, or in title or upper case where the phrase may be so written."""
    lowers = token_lowers(doc)  # read once per doc, no Token built
    firsts = {phrase[0] for phrase, _ in division_tails()}
    found = []
    for i, lower in enumerate(lowers):
        if lower not in firsts:
            continue
        for phrase, titled in division_tails():
            if lower != phrase[0] or tuple(lowers[i : i + len(phrase)]) != phrase:
                continue
            words = doc[i : i + len(phrase)]
            if all(t.is_lower for t in words) or (
                titled and all(t.is_title or t.is_upper for t in words)
            ):
                found.append((i, phrase))
                break
    return found


def local_division_names(doc: Doc, gaz: Gazetteer) -> list[LocalName]:
    """ "Guma Local Government Area", "Guma LGA": the name before a local division's words that
    the gazetteer does not hold as a peopled place, for ``local_places`` to place as a district.
    Fit: each of the 20 title-case names before "local government area" or "LGA" in
    event-location's fit sentences is a place (session 26, docs/history/places.md)."""
    found = []
    for start, phrase in _tails(doc):
        if phrase not in LOCAL_DIVISION_TAILS:
            continue
        name = _name_before(doc, start, gaz)
        if name is None or _town_before(doc, start, gaz) is not None:
            continue
        found.append(LocalName(name, "district"))
    return found


def _title_runs(doc: Doc, tail: int) -> Iterator[Span]:
    """Runs of three, two, then one title-case words right before ``tail``, each a whole name
    ("Baran-Goni community": not "Goni", the end of a longer, joined name)."""
    for size in range(MAX_NAME_TOKENS, 0, -1):
        start = tail - size
        if start < 0:
            continue
        span = doc[start:tail]
        if start > 0 and not doc[start - 1].whitespace_ and doc[start - 1].text != "(":
            continue
        if span[0].text in LEADING_WORDS or not all(t.is_title and t.is_alpha for t in span):
            continue
        yield span


def _name_before(doc: Doc, tail: int, gaz: Gazetteer) -> Span | None:
    """The longest run of one to three title-case words right before ``tail`` that may name a
    place: no demonym or people, no person's name; None if there is none."""
    for span in _title_runs(doc, tail):
        if any(t.ent_type_ == "NORP" for t in span) or span.text in gaz.demonyms:
            return None  # "the Kurdish community"
        if surname_of_a_named_person(span) or named_a_person(span):
            return None
        return span
    return None


def _names_a_seat(entry: Entry) -> bool:
    """A division or a town with people (GeoNames gives some hamlets no population: "Guma",
    China, which the resolver would trade for another country's town "Goma")."""
    return entry.kind != COUNTRY and (entry.kind != CITY or entry.population > 0)


def _names_a_us_place(name: Span, gaz: Gazetteer) -> bool:
    return any(entry.cc == "US" for entry, _ in gaz.candidates(name.text))


def _town_before(doc: Doc, tail: int, gaz: Gazetteer) -> Span | None:
    """The longest run of one to three title-case words right before ``tail`` that is the
    official name of a gazetteer division or peopled town; None if there is none."""
    for span in _title_runs(doc, tail):
        if any(t.ent_type_ == "NORP" for t in span) or span.text in gaz.demonyms:
            continue  # "the Kurdish community"
        if surname_of_a_named_person(span) or named_a_person(span):
            continue
        if any(_names_a_seat(e) for e, primary in gaz.candidates(span.text) if primary):
            return span
    return None
