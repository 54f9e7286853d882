"""A state's or an outlet's name inside the name of a body of its own ("The Ethiopian Human
Rights Commission", "the Libyan Red Crescent", "The Miyetti Allah Cattle Breeders Association
of Nigeria", "The National Commission on Human Rights" beside the outlet The National) names
that body, not the state or the outlet.

The name matcher finds the demonym, the country or the outlet's alias inside the NER entity and,
the longest match winning, nothing else covers the entity: the whole body was read as the
state (a party "ethiopia" for a rights commission that accuses the government) or as the
outlet. Such a hit is dropped when the ORG entity around it is longer, has a name of its own
(two or more capitalised words the hit does not cover) and holds no word that makes it the
state's organ (its army, police, ministry or government: ``demonym_heads``, ``body_heads``,
``state_body_heads`` of ``actor_descriptions.yaml``); the entity is then kept as an unresolved
actor of its own name (``unresolved.unresolved_mentions``), unless the KB knows it.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span

from ... import extensions
from ...model import ActorMention
from .kb import MEDIA_TYPE, STATE_TYPE, DescriptionRules, KnowledgeBase

CONTAINED_LABELS = frozenset({"KB", "DEMONYM"})
LEADING = frozenset({"the", "a", "an"})


def organ_words(rules: DescriptionRules) -> frozenset[str]:
    """Words that make a body the state's own organ ("army", "police", "ministry")."""
    heads = {word for key in rules.demonym_heads for word in key}
    return frozenset(heads | rules.body_heads | rules.state_body_heads | rules.state_organ_words)


def _entity_around(doc: Doc, start: int, end: int) -> Span | None:
    """The ORG entity holding the characters [start, end), when it is longer."""
    for ent in extensions.entities(doc):
        if ent.label_ != "ORG" or ent.start_char > start or ent.end_char < end:
            continue
        if (ent.start_char, ent.end_char) != (start, end):
            return ent
    return None


def names_own_body(ent: Span, start: int, end: int, organs: frozenset[str]) -> bool:
    """Whether ``ent`` is a body's own name around the hit at characters [start, end), with
    no word of ``organs`` (a state's: an outlet has no organs)."""
    words = [t for t in ent if t.lower_ not in LEADING]
    rest = [t for t in words if t.idx + len(t.text) <= start or t.idx >= end]
    if any(t.lower_ in organs or t.lemma_.lower() in organs for t in words):
        return False
    return sum(1 for t in rest if t.text[:1].isupper() and t.is_alpha) >= 2


def _contained(m: ActorMention, entry_type: str) -> bool:
    """Whether the hit can stand inside another body's name: a state's name or demonym, or an
    outlet named with "The" and a common word ("The National" in "The National Commission on
    Human Rights"; "BBC Radio WM", "NBC Nightly News" are the outlet's own)."""
    if m.label not in CONTAINED_LABELS:
        return False
    return entry_type == STATE_TYPE or (
        entry_type == MEDIA_TYPE and m.text.lower().startswith("the ")
    )


def drop_names_inside_bodies(
    doc: Doc, mentions: list[ActorMention], kb: KnowledgeBase, rules: DescriptionRules
) -> list[ActorMention]:
    """``mentions`` less the state and outlet hits that stand inside a body's own name."""
    organs = organ_words(rules)
    kept = []
    for m in mentions:
        entry = kb.get(m.actor_id) if m.actor_id else None
        if entry is not None and _contained(m, entry.type):
            ent = _entity_around(doc, m.start, m.end)
            if (
                ent is not None
                and names_own_body(
                    ent, m.start, m.end, organs if entry.type == STATE_TYPE else frozenset()
                )
                and not any(
                    o is not m and o.start < ent.end_char and ent.start_char < o.end
                    for o in mentions
                )
            ):
                continue
        kept.append(m)
    return kept
