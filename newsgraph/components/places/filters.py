"""Toponyms that are names after all: unknown words named elsewhere, people after a title,
seats of government standing for their staff, military units named after a direction."""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from ...extensions import entities, get_list, token_lowers
from ..actors.kb import MEDIA_TYPE
from ..tokens import has_head
from .toponyms import (
    BLOCKING_LABELS,
    DEMONYM_LABELS,
    MODIFIER_DEPS,
    SUBJECT_DEPS,
    Toponym,
    word_set,
)

# entities whose words are no place of their own when the gazetteer does not know the word
NAME_LABELS = BLOCKING_LABELS | DEMONYM_LABELS


def drop_unknown_names(doc: Doc, toponyms: list[Toponym]) -> list[Toponym]:
    """Drop one-word NER "places" the gazetteer could not resolve that are names elsewhere.

    The small model tags people's and firms' names GPE ("Buhari", "Dropbox", "Yulia"), mostly
    where the article also names them in full ("Muhammadu Buhari", "Dropbox Inc"). A word the
    gazetteer does not know that is part of a person's, organisation's or work's name elsewhere
    in the article is that name, not a place; so is an unknown lower-case word ("veranda").
    """
    names: dict[str, list[tuple[int, int]]] = {}
    for ent in entities(doc):
        if ent.label_ in NAME_LABELS:
            for token in ent:
                names.setdefault(token.text, []).append((ent.start_char, ent.end_char))
    kept = []
    for toponym in toponyms:
        if toponym.source == "ner" and toponym.entry is None and " " not in toponym.text:
            if toponym.text[:1].islower():
                continue
            spans = names.get(toponym.text, ())
            if any(not (start <= toponym.start < end) for start, end in spans):
                continue
        kept.append(toponym)
    return kept


def drop_names_in_outlets(doc: Doc, toponyms: list[Toponym]) -> list[Toponym]:
    """Drop the names inside a media outlet's mention ("Myanmar" in "told Myanmar Now",
    "Kabul" in "according to Kabul Now"): the outlet is a media actor, no place of the story.
    The small model tags such a state's word GPE; only an outlet the actor KB knows is read."""
    outlets = [
        (mention.start, mention.end)
        for actor in get_list(doc, "ng_actors")
        if actor.type == MEDIA_TYPE
        for mention in actor.mentions
    ]
    return [
        toponym
        for toponym in toponyms
        if not any(start <= toponym.start and toponym.end <= end for start, end in outlets)
    ]


def drop_persons_and_institutions(doc: Doc, toponyms: list[Toponym]) -> list[Toponym]:
    """Drop names that are people or institutions rather than places.

    - a name after a person's title ("Mr. Heiden", "Sen. Warren") is a person;
    - a seat of government ("White House", "Kremlin") stands for the institution when it is a
      subject ("the Kremlin said"), the object of "of", "by", "with" ... or modifies a
      person's role ("White House aides"); "at the White House", "a White House dinner" keep
      it as a building;
    - a name next to a military unit noun ("the North battle group", "Task Force South") names
      the unit.
    """
    titles = word_set("person_titles")
    features = word_set("institution_features")
    prepositions = word_set("institution_prepositions")
    roles = word_set("institution_role_nouns")
    kept = []
    for toponym in toponyms:
        span = doc.char_span(toponym.start, toponym.end, alignment_mode="expand")
        if span is not None and span.start > 0 and doc[span.start - 1].text in titles:
            continue
        if span is not None and _names_a_military_unit(span):
            continue
        if (
            span is not None
            and toponym.entry is not None
            and toponym.entry.feature in features
            and _stands_for_institution(span.root, prepositions, roles)
        ):
            continue
        kept.append(toponym)
    return kept


def _names_a_military_unit(span: Span) -> bool:
    """ "North battle group", "Battle Group North": a unit noun right after or before it."""
    units = word_set("military_unit_nouns")
    lowers = token_lowers(span.doc)
    after = " ".join(lowers[span.end : span.end + 4])
    before = " ".join(lowers[max(0, span.start - 4) : span.start])
    return any(
        (after + " ").startswith(unit + " ") or (" " + before).endswith(" " + unit)
        for unit in units
    )


def _stands_for_institution(
    root: Token, prepositions: frozenset[str], roles: frozenset[str]
) -> bool:
    if root.dep_ in SUBJECT_DEPS:
        return True
    head = root.head
    if root.dep_ == "pobj" and head.lower_ in prepositions:
        return True
    if root.dep_ in MODIFIER_DEPS:
        while head.dep_ == "compound" and has_head(head):
            if head.lemma_.lower() in roles:
                return True
            head = head.head
        return head.lemma_.lower() in roles
    return False
