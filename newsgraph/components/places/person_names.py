"""The article's person names, read once per doc: a name the article gives a person elsewhere
("Andrew Jackson" ... "Jackson") is no place where the small model tags it one."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Span

from ...extensions import entities


def surname_of_a_named_person(ent: Span) -> bool:
    """ "Jackson" after "Andrew Jackson": the article has named a person ending in it."""
    return ent.text in _person_names(ent.doc).last_words


def named_a_person(span: Span) -> bool:
    """The article tags the same name a person elsewhere."""
    return span.text in _person_names(span.doc).names


@dataclass(frozen=True, slots=True)
class _PersonNames:
    ents: tuple[Span, ...]  # the doc's entities they were read from: new entities, new sets
    names: frozenset[str]  # each PERSON entity's text
    last_words: frozenset[str]  # the last token of each PERSON entity of two tokens or more


_PERSON_NAMES_KEY = ("newsgraph", "places_person_names")


def _person_names(doc: Doc) -> _PersonNames:
    """The texts of the doc's PERSON entities, read once per doc: the recognizer asks about
    them for every entity it checks, and scanning the entities each time cost more than the
    rest of the recognizer."""
    ents = entities(doc)
    found = doc.user_data.get(_PERSON_NAMES_KEY)
    if found is None or found.ents is not ents:
        people = [ent for ent in ents if ent.label_ == "PERSON"]
        found = doc.user_data[_PERSON_NAMES_KEY] = _PersonNames(
            ents,
            frozenset(ent.text for ent in people),
            frozenset(ent[-1].text for ent in people if len(ent) > 1),
        )
    return found
