"""NER entities the knowledge base does not know, kept as ``unresolved:<slug>`` actors for
``newsgraph_actors``; a later single surname joins an earlier unresolved person (a name NER
tags PERSON, or any name of proper nouns only)."""

from __future__ import annotations

import re
import unicodedata

from spacy.tokens import Doc, Span, Token

from ... import extensions
from ...model import UNRESOLVED_PREFIX, ActorMention
from ..times.calendar_words import WEEKDAY_NAMES

NER_LABELS = {"PERSON": "person", "ORG": "organisation", "NORP": "group"}

NON_NAMES = frozenset(
    (
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
        *WEEKDAY_NAMES,
        "today",
        "yesterday",
        "tomorrow",
    )
)

PLACE_LABELS = frozenset(("GPE", "LOC", "FAC"))
LOCATIVES = frozenset(
    (
        "in",
        "near",
        "into",
        "toward",
        "towards",
        "outside",
        "inside",
        "around",
        "throughout",
        "across",
    )
)


def unresolved_mentions(
    doc: Doc,
    known: list[ActorMention],
    generic: frozenset[str] = frozenset(),
    makers: frozenset[str] = frozenset(),
) -> list[ActorMention]:
    """NER's PERSON, ORG and NORP entities that no KB mention covers, as unresolved actors.

    ``generic``: words that are no name alone ("Army chief", "Secretary of State");
    ``makers``: participles that make a hyphenated name a weapon's maker ("Soviet-made").
    """
    taken = [(m.start, m.end) for m in known]
    text = extensions.doc_text(doc)
    # a name NER also tags as a place elsewhere in the article is a place ("Rafah")
    places = {ent.text.lower() for ent in extensions.entities(doc) if ent.label_ in PLACE_LABELS}
    surnames: dict[str, str] = {}  # last name → id of an earlier unresolved person
    found = []
    for ent in extensions.entities(doc):
        if ent.label_ not in NER_LABELS:
            continue
        span = trim_entity(ent)
        if (
            span is None
            or is_junk(span, generic)
            or follows_locative(span)
            or span.text.lower() in places
            or names_a_maker(span, makers)
        ):
            continue
        start, end = span.start_char, span.end_char
        if any(start < e and s < end for s, e in taken):
            continue
        actor_id = unresolved_id(span, surnames)
        found.append(ActorMention(start, end, text[start:end], actor_id, ent.label_))
    return found


def trim_entity(ent: Span) -> Span | None:
    start, end = ent.start, ent.end
    while start < end and ent.doc[start].lower_ in ("the", "a", "an"):
        start += 1
    while end > start and ent.doc[end - 1].text in ("'s", "'", "’s", "’", "-", "."):
        end -= 1
    if start >= end:
        return None
    span = ent.doc[start:end]
    span.label_ = ent.label_
    return span


def hyphenated(left: Token, hyphen: Token) -> bool:
    """``hyphen`` is a hyphen written tight between ``left`` and the next word."""
    return hyphen.text == "-" and not left.whitespace_ and not hyphen.whitespace_


def names_a_maker(span: Span, participles: frozenset[str]) -> bool:
    """A name hyphenated to a maker's participle ("Turkish-made drones", "Soviet-made rifles")
    names who made or supplied a weapon, not a party of the text."""
    doc = span.doc
    return (
        span.end + 1 < len(doc)
        and hyphenated(doc[span.end - 1], doc[span.end])
        and doc[span.end + 1].lower_ in participles
    )


def is_junk(span: Span, generic: frozenset[str]) -> bool:
    text = span.text
    if len(text) < 2 or not any(c.isalpha() for c in text) or any(c.isdigit() for c in text):
        return True
    if len(span) == 1 and (
        text.islower() or span[0].lower_ in NON_NAMES or span[0].lower_ in generic
    ):
        return True
    # a common noun capitalised only because it opens a sentence ("Strikes were declared")
    if len(span) == 1 and span[0].is_sent_start and span[0].pos_ == "NOUN":
        return True
    # adjectival NORP ("Western backing", "Shiite militias") names no one by itself
    return span.label_ == "NORP" and span.root.pos_ == "ADJ"


def follows_locative(span: Span) -> bool:
    """NER often labels a town PERSON or ORG ("fighters in Rafah"): a name after a place
    preposition is left to the places component."""
    before = span.start - 1
    while before >= 0 and span.doc[before].lower_ == "the":
        before -= 1
    return before >= 0 and span.doc[before].lower_ in LOCATIVES


def unresolved_id(span: Span, surnames: dict[str, str]) -> str:
    last = span[-1].text.lower()
    if len(span) == 1 and last in surnames:  # NER may call a later "Khalil" an ORG
        return surnames[last]
    actor_id = UNRESOLVED_PREFIX + slug(span.text)
    if len(span) > 1 and (span.label_ == "PERSON" or _all_proper(span)):
        surnames.setdefault(surname(span), actor_id)
    return actor_id


# generational suffixes: "John Doe Jr." is "Doe" later
NAME_SUFFIXES = frozenset(("jr", "jr.", "sr", "sr.", "ii", "iii", "iv"))


def surname(span: Span) -> str:
    """The last word of a full name that is no generational suffix, lower-cased."""
    words = [t.text.lower() for t in span]
    while len(words) > 1 and words[-1] in NAME_SUFFIXES:
        words.pop()
    return words[-1]


def _all_proper(span: Span) -> bool:
    """A name of proper nouns only: NER calls many a full personal name an ORG ("Constable
    Jane Roe", a rare first name), and a later "Roe" is still that person."""
    return all(t.pos_ == "PROPN" for t in span)


def slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-") or "unnamed"
