"""References to actors in events: the key that decides whether two mentions name the same
participant when an article's repeated event mentions are merged."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc

from ...model import ActorRef, Span
from .roles import RELATIVE_PRONOUNS, phrase_bounds

# entity labels that name an actor: a person, group, organisation or polity. The party filter's
# owner feature (party_filter.names_owner) was trained on exactly these four: keep them so
ACTOR_NAME_ENTS = frozenset({"PERSON", "ORG", "GPE", "NORP"})
# a mention's words, when merging repeated mentions, are a name with places as well ("in Gaza")
NAME_ENTS = ACTOR_NAME_ENTS | {"LOC", "FAC"}


@dataclass(frozen=True, slots=True)
class RefKey:
    """What identifies a participant for merging: the actor id, else its words."""

    actor: str | None
    heads: frozenset[str]
    names: frozenset[str]

    def compatible(self, other: RefKey | None) -> bool:
        if other is None:
            return True
        if self.actor and other.actor:
            return self.actor == other.actor
        if self.names and other.names and not (self.names & other.names):
            return False
        return bool(self.heads & other.heads) or bool(self.names & other.names)

    def same(self, other: RefKey | None) -> bool:
        return other is not None and self.compatible(other)


@dataclass(slots=True)
class Participant:
    ref: ActorRef  # its span: the whole argument phrase the event records (``spans``)
    key: RefKey | None
    core: Span | None = None  # the narrow phrase naming the actor, where places are read

    @property
    def core_ref(self) -> ActorRef:
        """The reference with the narrow phrase (what place choice reads)."""
        return ActorRef(self.ref.actor, self.core or self.ref.span)


NO_ONE = Participant(ActorRef(None, None), None)


def span_key(doc: Doc, ref: ActorRef) -> RefKey | None:
    """The merge key of a reference given by span (statements' speakers)."""
    if ref.span is None:
        return RefKey(ref.actor, frozenset(), frozenset()) if ref.actor else None
    span = doc.char_span(ref.span.start, ref.span.end, alignment_mode="expand")
    if span is None:
        return RefKey(ref.actor, frozenset(), frozenset()) if ref.actor else None
    root = span.root
    if root.lower_ in RELATIVE_PRONOUNS and root.head.dep_ == "relcl":
        # "Nasrallah, who said": the speaker is the antecedent
        start, end = phrase_bounds(root.head.head)
        span = doc[start:end]
        root = span.root
    names = frozenset(
        t.lemma_.lower()
        for t in span
        if t.pos_ == "PROPN" or (t.ent_type_ in NAME_ENTS and not t.is_stop)
    )
    return RefKey(ref.actor, frozenset({root.lemma_.lower()}), names)
