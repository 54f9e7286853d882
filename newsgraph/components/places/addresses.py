"""Street addresses, blocks, intersections and numbered roads as places.

Local news says where a shooting happened by the street: "in the 8400 block of Stonewood
Drive", "officers were dispatched to 79 S. 5th Avenue", "near the intersection of Marques and
Grant Drive", "on Route 60". No gazetteer holds such places; this module reads them from the
words, with the USPS street-suffix list (``data/en/street_suffixes.yaml``, which users can
extend) as the codebook:

- a *street*: one to four title-case or ordinal words before a street suffix ("Stonewood
  Drive", "East Eighth Street", "S. 5th Avenue", "40th Avenue South"); a *weak* suffix (Drive,
  Court, Place, Way, ...) ends many other names ("the Supreme Court", "Dr. Smith"), so it makes
  a street only with a house number, a block, an intersection, a directional, or "on" or
  "along" before it ("on Abbot Court"; one is "at" a court of law);
- an *address*: a house number or "the N block of" before a street ("1415 5th Avenue", "the
  2800-block of North Grand": after "block of" no suffix is needed);
- an *intersection*: two streets joined by "and" ("Tallow Tree Lane and 21st Street", "Lakeview
  and Harrison streets"), or a street and a name or ordinal after "intersection of", "corner
  of", "near" or "at" ("near 84th and Glendale Ave.", "near 10th and Lincoln");
- a *numbered road*: "Route 60", "Highway 51", "Interstate 95", "County Road 43", "I-70".

The place is the street (each street of an intersection on its own, a house number or block
left out: they only tell that the name is a street), as geoparsing gold marks streets (LGL
marks "Harlow St." in "2517 Harlow St.", and "Elm" and "Oak" in "Elm and Oak streets"). It has
feature ``address`` and no point of its own, and lies inside the nearest town the article
names (the sentence's first, else the article's last before it, else its first): its country
and first-level division are the town's. Its id is
``newsgraph:address:<country>:<town>-<street>``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Doc, Span, Token

from ...datafiles import data_file, load_yaml
from ...extensions import doc_text, entities, sentences, token_lowers, token_texts
from .gazetteer import CITY, COUNTY, Entry, fold
from .toponyms import Toponym

ADDRESS_PREFIX = "newsgraph:address:"
ADDRESS_FEATURE = "address"
MAX_NAME_WORDS = 4
ORDINAL = re.compile(r"^\d+(st|nd|rd|th)$", re.IGNORECASE)
HOUSE_NUMBER = re.compile(r"^\d{1,6}(-\d{1,6})?[A-Z]?$")
ROAD_NUMBER = re.compile(r"^\d{1,4}[A-Z]?$")
# "I-70", "IH-35E", "I-45": one token or three
DASHED_ROAD = re.compile(r"\b(?:I|IH)-\s?\d{1,3}[A-Z]?\b")
ORDINAL_WORDS = frozenset(
    {"first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth",
     "tenth", "eleventh", "twelfth"}
)  # fmt: skip
# title-case words that open a sentence or a phrase, never a street's name
NOT_NAME_WORDS = frozenset(
    {"the", "a", "an", "on", "in", "at", "near", "of", "and", "to", "from", "police", "officers",
     "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january",
     "february", "march", "april", "may", "june", "july", "august", "september", "october",
     "november", "december", "he", "she", "they", "it", "when", "after", "before", "while",
     "block", "intersection", "corner"}
)  # fmt: skip
LOCATIVES = frozenset({"at", "near", "of", "on", "along", "off"})
# one is "on" or "along" a street, "at" a court or a place ("on Abbot Court", "along Mill Way")
STREET_PREPOSITIONS = frozenset({"on", "along"})
AND = frozenset({"and", "&"})
# entity labels whose longer name a street may open ("Wall Street Journal", "Abbey Road Studios")
NAME_LABELS = frozenset({"ORG", "PERSON", "WORK_OF_ART", "PRODUCT", "EVENT", "LAW"})


@dataclass(frozen=True, slots=True)
class Codebook:
    strong: frozenset[str]  # suffix words, as written without a full stop
    weak: frozenset[str]
    numbered: tuple[tuple[str, ...], ...]  # word sequences before a road's number
    directionals: frozenset[str]
    cues: frozenset[str]
    abbreviations: frozenset[str]
    articles: frozenset[str]  # lower-case articles hyphened inside a name ("Salah al-Din")
    particles: frozenset[str]  # lower-case patronymics inside a name ("Jamal bin Hamad")


@lru_cache(maxsize=1)
def codebook() -> Codebook:
    data = load_yaml(data_file(__package__, "street_suffixes.yaml").read_text("utf-8")) or {}

    groups = (data.get("strong") or {}, data.get("weak") or {})

    def words(group: dict) -> frozenset[str]:
        return frozenset(
            w for name, abbrevs in (group or {}).items() for w in (name, *(abbrevs or ()))
        )

    return Codebook(
        strong=words(data.get("strong")),
        weak=words(data.get("weak")),
        numbered=tuple(tuple(str(w).split()) for w in data.get("numbered") or ()),
        directionals=frozenset(str(w) for w in data.get("directionals") or ()),
        cues=frozenset(str(w) for w in data.get("intersection_cues") or ()),
        abbreviations=frozenset(a for g in groups for abbrevs in g.values() for a in abbrevs or ()),
        articles=frozenset(str(w) for w in data.get("name_articles") or ()),
        particles=frozenset(str(w) for w in data.get("name_particles") or ()),
    )


def _bare(token: Token) -> str:
    return token.text.rstrip(".")


def _is_directional(token: Token, book: Codebook) -> bool:
    return _bare(token) in book.directionals


def _is_name_word(token: Token) -> bool:
    """A word of a street's name: title case ("Stonewood", "Mt."), or an ordinal ("5th",
    "Eighth")."""
    text = _bare(token)
    if ORDINAL.match(text) or text.lower() in ORDINAL_WORDS:
        return True
    return (
        bool(text) and text[0].isupper() and text.isalpha() and text.lower() not in NOT_NAME_WORDS
    )


def _suffix_kind(word: str, book: Codebook) -> str | None:
    """ "strong", "weak", "plural" ("streets", "avenues" after two names) or None, for a
    token's text."""
    text = word.rstrip(".")
    if text in book.strong:
        return "strong"
    if text in book.weak:
        return "weak"
    if text.endswith("s") and text[:-1].title() in book.strong and text.islower():
        return "plural"
    return None


Range = tuple[int, int]  # token start, end


def _name_start(doc: Doc, end: int, sent_start: int) -> int:
    """The first token of the name words that end before token ``end`` (``end`` when none);
    a hyphen joins two name words ("Hyland-Croy Road"), and a lower-case particle between two
    name words belongs to the name ("Salah al-Din Street")."""
    book = codebook()
    start = end
    while start > sent_start and end - start < MAX_NAME_WORDS:
        previous = doc[start - 1]
        if _is_name_word(previous):
            start -= 1
        elif start == end:
            break
        elif (
            previous.text == "-"
            and start - 2 >= sent_start
            and (
                _is_name_word(doc[start - 2])
                or _inner_particle(doc, start - 2, sent_start, book.articles)
            )
        ):
            start -= 2
        elif _inner_particle(doc, start - 1, sent_start, book.particles):
            start -= 1
        else:
            break
    return start


def _inner_particle(doc: Doc, i: int, sent_start: int, particles: frozenset[str]) -> bool:
    """Token ``i`` is one of ``particles`` with a name word before it ("Salah" before "al")."""
    return doc[i].text in particles and i - 1 >= sent_start and _is_name_word(doc[i - 1])


def _before_name(doc: Doc, start: int, sent_start: int, book: Codebook) -> int:
    """Take in a directional before a street's name ("S. 5th Avenue")."""
    if start > sent_start and _is_directional(doc[start - 1], book):
        return start - 1
    return start


def _address_prefix(doc: Doc, start: int, sent_start: int) -> bool:
    """A house number or "N block of" stands before token ``start``."""
    if start - 1 >= sent_start and HOUSE_NUMBER.match(doc[start - 1].text):
        return True
    if start - 3 >= sent_start and doc[start - 1].lower_ == "of":
        block = doc[start - 2]
        if block.lower_ in ("block", "blocks"):
            first = start - 3
            if doc[first].text == "-" and first - 1 >= sent_start:
                first -= 1
            return bool(HOUSE_NUMBER.match(doc[first].text.rstrip("-")))
        return block.lower_.endswith("-block") and bool(HOUSE_NUMBER.match(block.text[:-6]))
    return False


def _opens_longer_name(doc: Doc, end: int, sent_end: int, book: Codebook) -> bool:
    """ "Wall Street Journal", "St. Louis", "Dr. Smith": a title-case word follows."""
    if end >= sent_end:
        return False
    nxt = doc[end]
    return nxt.text[:1].isupper() and nxt.is_alpha and not _is_directional(nxt, book)


def _trailing_directional(doc: Doc, end: int, sent_end: int, book: Codebook) -> int:
    """ "Martin Luther King Boulevard SE", "40th Avenue South", "Interstate 64 West"."""
    if end < sent_end and _is_directional(doc[end], book):
        word = _bare(doc[end])
        if word.isupper() or word in ("North", "South", "East", "West"):
            return end + 1
    return end


def _streets(doc: Doc, sent: Span, book: Codebook, texts: list[str]) -> list[Range]:
    """The streets of ``sent``: name words before a suffix (a weak suffix only with a cue:
    a house number, a block, a directional, "on", an intersection), each street of an
    intersection on its own ("Lakeview and Harrison streets": Lakeview, Harrison)."""
    found: list[Range] = []
    for i in range(sent.start, sent.end):
        kind = _suffix_kind(texts[i], book)
        if kind is None:
            continue
        token = doc[i]
        if kind != "plural" and _opens_longer_name(doc, token.i + 1, sent.end, book):
            continue
        name = _name_start(doc, token.i, sent.start)
        if name == token.i:
            continue
        start = _before_name(doc, name, sent.start, book)
        other = _other_street(doc, sent, start, book)
        if kind == "plural":  # "Hampden and Center streets": two names, one plural suffix
            if other is not None:
                found += [other, (start, token.i)]
            continue
        cued = (
            _address_prefix(doc, start, sent.start)
            or start < name
            or (_is_directional(doc[name], book) and name < token.i - 1)  # "South Taft Court"
            or (start > sent.start and doc[start - 1].lower_ in STREET_PREPOSITIONS)
            or other is not None
            or (bool(found) and found[-1][1] == start - 1 and doc[start - 1].lower_ in AND)
        )
        if kind == "weak" and not cued:
            continue
        if other is not None:
            found.append(other)
        found.append(
            (start, _trailing_directional(doc, _abbreviation_end(doc, token), sent.end, book))
        )
    return found


def _abbreviation_end(doc: Doc, suffix: Token) -> int:
    """The token after a suffix, and after the full stop of an abbreviated one that the
    tokenizer split off ("Orlebar Ave." before "on")."""
    end = suffix.i + 1
    abbreviated = suffix.text in codebook().abbreviations
    if abbreviated and end < len(doc) and doc[end].text == "." and not suffix.whitespace_:
        return end + 1
    return end


def _other_street(doc: Doc, sent: Span, start: int, book: Codebook) -> Range | None:
    """The other street of an intersection, before "and" ("84th and Glendale Ave.", "the
    intersection of Marques and Grant Drive"): name words after a locative or an
    intersection cue ("the corner of"), or an ordinal."""
    if start - 2 < sent.start or doc[start - 1].lower_ not in AND:
        return None
    other = _name_start(doc, start - 1, sent.start)
    if other == start - 1:
        return None
    before = doc[other - 1].lower_ if other > sent.start else ""
    cue = before == "of" and other - 2 >= sent.start and doc[other - 2].lower_ in book.cues
    ordinal = all(ORDINAL.match(t.text) for t in doc[other : start - 1])
    if ordinal or cue or (before in LOCATIVES and before != "of"):
        return (_before_name(doc, other, sent.start, book), start - 1)
    return None


def _block_without_suffix(doc: Doc, sent: Span, book: Codebook, lowers: list[str]) -> list[Range]:
    """ "the 2800-block of North Grand": after "block of", name words need no suffix."""
    found = []
    for i in range(sent.start, sent.end):
        start = i + 1
        if lowers[i] != "of" or start >= sent.end or not _address_prefix(doc, start, sent.start):
            continue
        name = start + 1 if _is_directional(doc[start], book) else start
        end = name
        while end < sent.end and end - name < MAX_NAME_WORDS and _is_name_word(doc[end]):
            end += 1
        if end > name:
            found.append((start, end))
    return found


def _numbered_roads(doc: Doc, sent: Span, book: Codebook, texts: list[str]) -> list[Range]:
    """ "Route 60", "County Road 43", "Interstate 95", "I-70"."""
    found = []
    for i in range(sent.start + 1, sent.end):
        if not ROAD_NUMBER.match(texts[i]):
            continue
        for words in book.numbered:
            start = i - len(words)
            if start >= sent.start and tuple(texts[start:i]) == words:
                found.append((start, _trailing_directional(doc, i + 1, sent.end, book)))
                break
    text = doc_text(doc)
    for match in DASHED_ROAD.finditer(text, sent.start_char, sent.end_char):
        span = doc.char_span(match.start(), match.end(), alignment_mode="expand")
        if span is not None:
            found.append((span.start, span.end))
    return found


def _ordinal_intersections(
    doc: Doc, sent: Span, texts: list[str], lowers: list[str]
) -> list[Range]:
    """ "near 10th and Lincoln", "at 7th and Chambers": an ordinal street and a name after a
    locative, with no suffix on either; each street on its own."""
    found = []
    for i in range(sent.start + 1, sent.end):
        if not ORDINAL.match(texts[i]):
            continue
        if lowers[i - 1] not in LOCATIVES or i + 2 >= sent.end:
            continue
        if lowers[i + 1] not in AND or not _is_name_word(doc[i + 2]):
            continue
        end = i + 3
        while end < sent.end and end - i < 5 and _is_name_word(doc[end]):
            end += 1
        found += [(i, i + 1), (i + 2, end)]
    return found


def _inside_a_name(doc: Doc, start: int, end: int) -> bool:
    """The street is part of an organisation's or person's longer name ("Wall Street Journal")."""
    return any(
        ent.label_ in NAME_LABELS and ent.start <= start and end < ent.end for ent in entities(doc)
    )


def address_spans(doc: Doc) -> list[Range]:
    """Token ranges of the streets and numbered roads of ``doc`` (an address's street, each
    street of an intersection), in text order, none overlapping (the longest wins)."""
    book = codebook()
    # each token's text and lower case read once per doc: the scans below build a Token only
    # where a word may open an address
    texts, lowers = token_texts(doc), token_lowers(doc)
    spans: list[Range] = []
    for sent in sentences(doc):
        spans += _streets(doc, sent, book, texts)
        spans += _block_without_suffix(doc, sent, book, lowers)
        spans += _numbered_roads(doc, sent, book, texts)
        spans += _ordinal_intersections(doc, sent, texts, lowers)
    kept: list[Range] = []
    for start, end in sorted(set(spans), key=lambda s: (s[0], -(s[1] - s[0]))):
        if kept and start < kept[-1][1]:
            continue
        if not _inside_a_name(doc, start, end):
            kept.append((start, end))
    return kept


def with_addresses(doc: Doc, toponyms: list[Toponym]) -> list[Toponym]:
    """``toponyms`` with the article's streets added as places (each inside the town the
    article places it in); a toponym inside a street ("Glendale" in "Glendale Ave.") is
    part of the street and goes."""
    spans = address_spans(doc)
    if not spans:
        return toponyms
    towns = [
        t
        for t in toponyms
        # gazetteer rows only: a local place ("Paxon Street" read as a landmark) is no town
        if t.role == "place"
        and t.entry is not None
        and t.entry.kind in (CITY, COUNTY)
        and t.entry.index >= 0
    ]
    text = doc_text(doc)
    chars = [(doc[s].idx, doc[e - 1].idx + len(doc[e - 1])) for s, e in spans]
    towns = [t for t in towns if not any(t.start < e and s < t.end for s, e in chars)]
    added = []
    for start, end in spans:
        span = doc[start:end]
        town = _container(span, towns)
        surface = text[span.start_char : span.end_char]
        added.append(
            Toponym(span.start_char, span.end_char, surface, "address", "place",
                    address_entry(surface, town))
        )  # fmt: skip
    kept = [t for t in toponyms if not any(t.start < a.end and a.start < t.end for a in added)]
    return sorted([*kept, *added], key=lambda t: t.start)


def _container(address: Span, towns: list[Toponym]) -> Entry | None:
    """The town of the address's sentence (the first), else the last before it, else the
    article's first."""
    sent = address.sent
    inside = [t for t in towns if sent.start_char <= t.start < sent.end_char]
    if inside:
        return inside[0].entry
    before = [t for t in towns if t.end <= address.start_char]
    if before:
        return before[-1].entry
    return towns[0].entry if towns else None


def address_entry(surface: str, town: Entry | None) -> Entry:
    """The place of an address: the town's country and division, no point of its own."""
    name = " ".join(surface.split())
    slug = re.sub(r"[^a-z0-9]+", "-", fold(f"{town.name if town else ''} {name}")).strip("-")
    code = (town.cc or "xx").lower() if town is not None else "xx"
    return Entry(
        index=-1,
        id=f"{ADDRESS_PREFIX}{code}:{slug}",
        name=name,
        kind=CITY,
        feature=ADDRESS_FEATURE,
        cc=town.cc if town else None,
        country=town.country if town else None,
        admin1=town.admin1 if town else None,
        lat=town.lat if town else 0.0,
        lon=town.lon if town else 0.0,
        population=0,
        codes=town.codes if town else (),
        approximate=True,
    )
