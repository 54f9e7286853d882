"""The parties of an event: the actor(s) a head token refers to, with the span recorded.

A head's conjuncts that can each act are parties of their own; the actor is read from the
narrow phrase (a backer's name, an owning pronoun and a weapon's user included), the span
recorded is the whole argument phrase."""

from __future__ import annotations

from spacy.tokens import Doc, Token

from ... import extensions
from ...model import CONTEXT_LABEL, ActorRef, Span
from ..coref.resolver import coref_of
from .doers import after_backer, owning_pronoun, weapon_user
from .lexicon import load_lexicon
from .party_filter import PARTY_CLASSES
from .references import NAME_ENTS, NO_ONE, Participant, RefKey
from .roles import coordinated, names_a_proposition, phrase_bounds
from .spans import recorded_bounds


def char_range(doc: Doc, start: int, end: int) -> tuple[int, int]:
    last = doc[end - 1]
    return doc[start].idx, last.idx + len(last.text)


def can_name(token: Token) -> bool:
    """Whether ``token`` is (part of) a name."""
    return token.pos_ == "PROPN" or token.ent_type_ in NAME_ENTS


def _can_act(token: Token) -> bool:
    """Whether ``token`` can be a party of its own: a name, or a noun of people, troops or
    bodies (not weapons)."""
    if can_name(token):
        return True
    return bool(load_lexicon().classes_of(token.lemma_.lower()) & PARTY_CLASSES)


def _owner_actor(doc: Doc, token: Token) -> str | None:
    """Whose forces or weapon a doer's phrase names: "its forces shelled" (whom "its" stands
    for), "a drone launched by Ukrainian forces hit" (the forces; the phrase stays the span,
    as ConfliBERT's coders mark "The missiles fired by the Israeli military")."""
    lex = load_lexicon()
    owner = owning_pronoun(token, lex)
    if owner is not None:
        return coref_of(doc).resolve(char_range(doc, owner.i, owner.i + 1), owner)
    user = weapon_user(token, lex)
    if user is None:
        return None
    mention = extensions.actor_mention_at(doc, *char_range(doc, *phrase_bounds(user)))
    return mention.actor_id if mention is not None else None


def participants(
    doc: Doc,
    token: Token | None,
    with_conj: bool = True,
    anchor: Token | None = None,
    target: bool = False,
    role_nouns: frozenset[str] = frozenset(),
) -> list[Participant]:
    """The actor(s) a head token refers to. Conjuncts that can each be a party become separate
    participants ("Hezbollah and Hamas") unless two name the same known actor; otherwise one
    span covers them. The actor
    is read from the narrow phrase; the span recorded is the whole argument phrase (``spans``;
    never one holding the trigger ``anchor``). An unnamed description is the person the
    article equates it with, or equates one of ``role_nouns`` with ("the victim")."""
    if token is None or names_a_proposition(token):
        return [NO_ONE]
    parts = coordinated(token) if with_conj else [token]
    if len(parts) > 1:
        # CAMEO codes each of coordinated actors as its own event ("Germany and UNICEF hand
        # over ..."); one span covers them only when two name the same known actor
        single = [participants(doc, part, False, anchor, target, role_nouns)[0] for part in parts]
        known = [p.ref.actor for p in single if p.ref.actor is not None]
        parties = all(
            p.ref.actor is not None or _can_act(part) for part, p in zip(parts, single, strict=True)
        )  # "Russian drones and missiles", "roads and the grid" stay one phrase
        if parties and len(set(known)) == len(known):
            return single
    start, end = phrase_bounds(token, with_conj=with_conj and len(parts) > 1)
    start_char, end_char = char_range(doc, start, end)
    named_from = char_range(doc, after_backer(token, start, load_lexicon()), end)[0]
    mention = extensions.actor_mention_at(doc, named_from, end_char)
    actor = mention.actor_id if mention is not None else None
    inferred = actor is not None and mention is not None and mention.label == CONTEXT_LABEL
    if actor is None and end - start == 1 and token.pos_ == "PRON":
        # "Israeli officials persist in their threats": the pronoun's antecedent acts
        actor = coref_of(doc).resolve((start_char, end_char), token)
    if actor is None and not target:
        actor = _owner_actor(doc, token)
    if actor is None:
        # "One suspect, identified as John Doe", "the victim" the article names elsewhere
        actor = coref_of(doc).named_as((start_char, end_char), token, role_nouns)
    heads = frozenset(p.lemma_.lower() for p in parts)
    names = frozenset(
        t.lemma_.lower()
        for t in doc[start:end]
        if t.pos_ == "PROPN" or (t.ent_type_ in NAME_ENTS and not t.is_stop)
    )
    # doc[a:b].text is the text slice, without rebuilding doc.text (linear in the article)
    core = Span(start_char, end_char, doc[start:end].text)
    whole_start, whole_end = recorded_bounds(token, with_conj and len(parts) > 1, anchor, target)
    whole = core
    if (whole_start, whole_end) != (start, end):
        whole = Span(*char_range(doc, whole_start, whole_end), doc[whole_start:whole_end].text)
    return [Participant(ActorRef(actor, whole, inferred), RefKey(actor, heads, names), core)]
