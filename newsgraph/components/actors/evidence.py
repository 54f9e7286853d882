"""What an article's text is evidence of, for the parties it names.

- A state named as a neighbour ("near the border with Burkina Faso") or as a sponsor
  ("China-backed", "Iran-allied") is no owner of "the air force" or "the army" of its
  sentence (``neighbour_heads``, ``sponsor_participles`` in ``actor_descriptions.yaml``, with
  their fit counts).
- A KB person the KB does not mark ``known_by_surname`` (a name others share: Colombia's
  defence minister Pedro Sánchez is not Spain's prime minister) is that person only where the
  article fits them: another mention names their country or the body they serve, or no mention
  names any country at all (``drop_unfit_people``). Fit (ConfliBERT, PLOVER, RAMS, WikiEvents,
  MUC-4, GVDB): 4 names dropped, all someone else's ("Abu Hamza al-Masri" as the KB's Abu
  Hamza, "the Golan Heights" as Yair Golan, "Sheikh Shawki Allam" as Hussein al-Sheikh, a shop
  owner "Sanchez" as Pedro Sánchez); 0 right readings lost.
"""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Doc, Token

from .kb import MEDIA_TYPE, ActorEntry, DescriptionRules, KnowledgeBase
from .names import ALIAS, SURNAME, ArticleContext, Hit
from .unresolved import hyphenated


def names_a_neighbour(doc: Doc, start: int, end: int, rules: DescriptionRules) -> bool:
    """Whether the state name at tokens [start, end) names a neighbour or a sponsor."""
    if (
        end + 1 < len(doc)
        and hyphenated(doc[end - 1], doc[end])
        and doc[end + 1].lower_ in rules.sponsor_participles
    ):
        return True  # "China-backed group", "Iran-allied group"
    token = doc[start:end].root
    while token.dep_ == "conj" and token.head.i < token.i:
        token = token.head  # "its borders with Iran and Turkey": the first conjunct's place
    first = start if token.i >= start else token.left_edge.i
    return _after_border_with(token, rules) or _after_border_with_text(doc, first, rules)


def _after_border_with(token: Token, rules: DescriptionRules) -> bool:
    """ "the border with Chad" as the parse reads it."""
    preposition = token.head
    return (
        token.dep_ == "pobj"
        and preposition.lower_ == "with"
        and preposition.head.lower_ in rules.neighbour_heads
    )


def _after_border_with_text(doc: Doc, start: int, rules: DescriptionRules) -> bool:
    """The same read on the words where the parse hangs "with Chad" elsewhere."""
    i = start - 1 if start > 0 and doc[start - 1].lower_ == "the" else start
    return i >= 2 and doc[i - 1].lower_ == "with" and doc[i - 2].lower_ in rules.neighbour_heads


def drop_unfit_people(
    hits: list[Hit],
    kb: KnowledgeBase,
    context: ArticleContext,
    bare: frozenset[tuple[int, int]] = frozenset(),
) -> list[Hit]:
    """Drop the name and surname hits of each KB person not ``known_by_surname`` whose country
    and body no other hit (nor the outlet) names while some hit names another country: the
    name is someone else's ("Defence Minister Pedro Sánchez" in a story of Colombia's army),
    left to the unresolved names. A bare body name many states share (``bare`` spans: "The
    Foreign Office in Islamabad") names no country here: which state's body it is is decided
    later from the article's other names, so Britain's reading of it does not make a
    provincial police chief Karim Khan the ICC's British prosecutor."""
    hits_named = [h for h in hits if (h.start, h.end) not in bare]
    people = {
        hit.actor_ids[0]
        for hit in hits
        if hit.kind in (ALIAS, SURNAME)
        and hit.actor_ids
        and (entry := kb.get(hit.actor_ids[0])) is not None
        and entry.is_person
        and not entry.known_by_surname
    }
    unfit = {person for person in people if not _fits(person, hits_named, kb, context)}
    if not unfit:
        return hits
    kept = []
    for hit in hits:
        if hit.kind in (ALIAS, SURNAME) and hit.actor_ids and hit.actor_ids[0] in unfit:
            others = tuple(a for a in hit.actor_ids if a not in unfit)
            if hit.kind == ALIAS or not others:
                continue
            hit = Hit(hit.start, hit.end, hit.kind, others)
        kept.append(hit)
    return kept


def _fits(person: str, hits: list[Hit], kb: KnowledgeBase, context: ArticleContext) -> bool:
    entry = kb.get(person)
    if entry is None or not (entry.country or entry.affiliation):
        return True
    others = [
        kb.get(hit.actor_ids[0]) for hit in hits if hit.actor_ids and person not in hit.actor_ids
    ]
    known = [other for other in others if other is not None and other.type != MEDIA_TYPE]
    bodies = {b for other in known for b in (other.id, other.affiliation) if b}
    countries = countries_named(known, context)
    if not countries:
        return True  # nothing says whose story it is: the KB's person
    return entry.country in countries or (entry.affiliation or "") in bodies


def countries_named(entries: Iterable[ActorEntry | None], context: ArticleContext) -> set[str]:
    """The countries of the article's other KB actors (media left out: where an outlet a
    mention names is from says nothing of whose story it is) and of its own outlet."""
    countries = {
        entry.country
        for entry in entries
        if entry is not None and entry.country and entry.type != MEDIA_TYPE
    }
    if context.outlet is not None and context.outlet.country:
        countries.add(context.outlet.country)
    return countries
