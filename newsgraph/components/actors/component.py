"""The ``newsgraph_actors`` component: find every mention of an actor and resolve it to the KB.

One PhraseMatcher pass (lowercase, built once per process from the knowledge base) finds names,
aliases, side vocabulary, capital metonyms, demonyms and surnames; the longest match wins. A
linear walk in text order then resolves what needs the article's history:

- later surnames ("Gallant") → the person named earlier, or a KB person ``known_by_surname``;
- descriptions ("the faction", "the Palestinian Resistance faction", "the Lebanese party",
  "the Israeli PM") → the most recent earlier actor of a compatible type and country (heads and
  modifiers in ``actor_descriptions.yaml``), or for a role with a nationality ("the Ukrainian
  president") the KB person holding that role on the publication date;
- demonym phrases: "Israeli troops" → the state's military (``slot: military``), "Palestinian
  civilians" → its civilians actor, "Israeli officials" or a bare "Israeli" → the state;
- capital metonyms ("Moscow", "Washington") count only as a clause subject, possessive or agent
  ("Moscow said", "Washington's position"), never as a place ("a strike on Kyiv");
- side vocabulary resolves to the neutral actor; outlet-conditioned items ("the enemy") resolve
  only in articles from outlets of the listed countries (an Al Mayadeen article: Israel; a
  Ukrainian outlet: the Russian forces) and otherwise stay unresolved.

NER entities (PERSON, ORG, NORP) that no KB mention covers are kept as ``unresolved:<slug>``
actors; a later single surname joins an earlier unresolved person with that last name.

Mention labels: ``KB`` (name/alias/metonym/surname), ``SIDE`` (side vocabulary: a loaded name),
``DEMONYM``, ``DESC`` (a description resolved by context), ``CONTEXT`` (a generic party,
"Security forces", given the one state its context names: ``generic_parties.py``), or the NER
label for unresolved actors.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

from spacy.language import Language
from spacy.tokens import Doc, Token

from ... import extensions
from ...model import CONTEXT_LABEL, Actor, ActorMention
from ...model import Span as TextSpan
from .descriptions import DescriptionReader
from .evidence import countries_named, drop_unfit_people, names_a_neighbour
from .generic_parties import GenericParties
from .kb import (
    STATE_TYPE,
    ActorEntry,
    DescriptionRules,
    KnowledgeBase,
    load_description_rules,
)
from .named_bodies import drop_names_inside_bodies
from .names import (
    ALIAS,
    BLOCK,
    DEMONYM,
    DESC,
    LABELS,
    PLURAL,
    SURNAME,
    ArticleContext,
    Hit,
    NameMatcher,
    choose_longest,
    drop_inside_person_names,
    drop_other_states_bodies,
    lexicon_for,
)
from .unresolved import NER_LABELS, unresolved_mentions

log = logging.getLogger(__name__)


_RESOLVERS: dict[int, ActorResolver] = {}  # by id(vocab): the component of each pipeline


# -- the component --------------------------------------------------------------------------------
@Language.factory(
    "newsgraph_actors",
    assigns=["doc._.ng_actor_mentions", "doc._.ng_actors"],
    requires=["doc.ents", "token.dep", "token.lemma"],
    default_config={"extra_paths": []},
)
def make_component(nlp: Language, name: str, extra_paths: list[str]) -> ActorResolver:
    return ActorResolver(nlp, KnowledgeBase.load(tuple(extra_paths)))


class ActorResolver:
    def __init__(
        self, nlp: Language, kb: KnowledgeBase, rules: DescriptionRules | None = None
    ) -> None:
        self.kb = kb
        self.rules = rules or load_description_rules()
        self.lexicon = lexicon_for(nlp, kb)
        self.names = NameMatcher(self.lexicon, self.rules)
        self.descriptions = DescriptionReader(kb, self.rules, self.lexicon)
        self.generic_parties = GenericParties(kb, self.rules, self.lexicon, self.possessed_slot)
        self.generic_words = (
            frozenset(
                word for words in (*self.rules.heads, *self.rules.demonym_heads) for word in words
            )
            | self.rules.honorifics
        )
        _RESOLVERS.setdefault(id(nlp.vocab), self)

    def __call__(self, doc: Doc) -> Doc:
        try:
            mentions = self.find_mentions(doc)
        except Exception:  # never crash a batch over one odd text: leave the lists empty
            log.exception("newsgraph_actors failed on a document; no actors recorded for it")
            mentions = []
        doc._.ng_actor_mentions = mentions
        doc._.ng_actors = self.actors_from(doc, mentions)
        return doc

    # -- mentions ---------------------------------------------------------------------------------
    def find_mentions(self, doc: Doc) -> list[ActorMention]:
        context = ArticleContext.of(doc, self.kb)
        matches = self.lexicon.matcher(doc)  # read by the KB names and the generic parties
        hits = self.names.kb_hits(doc, context, matches)
        hits += self.descriptions.description_hits(doc, hits)
        chosen = choose_longest(hits)
        chosen = drop_inside_person_names(doc, chosen, self.kb)
        chosen = drop_other_states_bodies(doc, chosen, self.kb)
        chosen = drop_unfit_people(chosen, self.kb, context, self.bare_hits(doc, chosen))
        mentions = self.resolve_in_order(doc, chosen, context)
        mentions = self.bare_bodies(doc, mentions, matches, context)
        # "The Ethiopian Human Rights Commission" is no state (named_bodies.py)
        mentions = drop_names_inside_bodies(doc, mentions, self.kb, self.rules)
        mentions += self.generic_parties.mentions(doc, mentions, matches)
        mentions += unresolved_mentions(
            doc, mentions, self.generic_words, self.rules.maker_participles
        )
        return sorted(mentions, key=lambda m: (m.start, m.end))

    def bare_bodies(
        self,
        doc: Doc,
        mentions: list[ActorMention],
        matches: list | None,
        context: ArticleContext,
    ) -> list[ActorMention]:
        """A body's bare name that many states' bodies share ("Foreign Office", "Senate",
        "Congress": ``bare_body_names``) is another state's body where an "in <place>" phrase
        of its own names that state ("the Congress in Japan": Japan, as "Turkey's Defense
        Ministry" is Turkey), and no KB actor before "party" ("the Congress party"); otherwise
        the KB's body where the article fits it (``body_fits``: another mention names its
        state, or none names any), else unresolved ("The Foreign Office" of a story of
        Pakistan and India; fit: 6 bare names moved, all other states' bodies). (The states
        named elsewhere in its sentence were tried as its owner and dropped: in fit text they
        are more often the body's object than its owner, docs/quotes.md.)"""
        bare = [m for m in mentions if self.is_bare_body(m)]
        if not bare:
            return mentions
        others = [m for m in mentions if m not in bare]
        states = self.generic_parties.state_names(doc, others, matches)
        text = extensions.doc_text(doc)
        kept = []
        for m in mentions:
            span = doc.char_span(m.start, m.end, alignment_mode="expand") if m in bare else None
            if span is None:
                kept.append(m)
                continue
            if span.end < len(doc) and doc[span.end].lower_ == "party":
                continue  # "the Congress party": a party's name
            entry = self.kb.get(m.actor_id or "")
            country = self.generic_parties.own_place(span.root, states)
            state = self.kb.state_of(country) if country else None
            if state is None and not self.body_fits(entry, others, states, context):
                continue  # "The Foreign Office" of a story that never names Britain: unresolved
            if state is None or entry is None or entry.country == country:
                kept.append(m)
                continue
            kept.append(
                ActorMention(m.start, m.end, text[m.start : m.end], state.id, CONTEXT_LABEL)
            )
        return kept

    def body_fits(
        self,
        entry: ActorEntry | None,
        others: list[ActorMention],
        states: list[tuple[int, str]],
        context: ArticleContext,
    ) -> bool:
        """Whether a bare body name can be the KB's body: another mention names its country
        (a state, its capital, a party of it: "Republicans in Congress"), or the outlet is
        of it, or nothing names any country."""
        named = (self.kb.get(m.actor_id) for m in others if m.actor_id)
        countries = {country for _, country in states} | countries_named(named, context)
        return entry is None or not countries or entry.country in countries

    def bare_hits(self, doc: Doc, hits: list[Hit]) -> frozenset[tuple[int, int]]:
        """The spans of the KB-name hits that are a bare body name (``is_bare_body``)."""
        return frozenset(
            (h.start, h.end)
            for h in hits
            if h.kind == ALIAS and self._bare_words(doc[h.start : h.end].text)
        )

    def _bare_words(self, text: str) -> bool:
        words = text.lower().split()
        if words and words[0] == "the":
            words = words[1:]
        return " ".join(words) in self.rules.bare_body_names

    def is_bare_body(self, m: ActorMention) -> bool:
        return m.label == LABELS[ALIAS] and self._bare_words(m.text)

    # -- resolution in text order -----------------------------------------------------------------
    def resolve_in_order(
        self, doc: Doc, hits: list[Hit], context: ArticleContext
    ) -> list[ActorMention]:
        history: list[ActorEntry] = []
        mentions = []
        text = extensions.doc_text(doc)
        taken = {i for hit in hits for i in range(hit.start, hit.end)}
        for hit in sorted(hits, key=lambda h: h.start):
            resolved = self.resolve_hit(doc, hit, history, context, taken)
            for start, end, actor_id, kind in resolved:
                entry = self.kb.get(actor_id)
                if entry is not None and not (
                    entry.type == STATE_TYPE and names_a_neighbour(doc, start, end, self.rules)
                ):  # "the border with Chad" is no state "the army" can be of
                    history.append(entry)
                mentions.append(mention(doc, text, start, end, actor_id, LABELS[kind]))
        return mentions

    def resolve_hit(
        self,
        doc: Doc,
        hit: Hit,
        history: list[ActorEntry],
        context: ArticleContext,
        taken: set[int],
    ) -> list[tuple[int, int, str, str]]:
        if hit.kind == BLOCK:
            return []
        if hit.kind == DESC:
            actor_id = self.descriptions.resolve_description_hit(hit, history, context.published)
            if actor_id is not None:
                organisation = self.kb.get(hit.org) if hit.org else None
                if organisation is not None:  # "the Hezbollah leader ... the group"
                    history.append(organisation)
                return [(hit.start, hit.end, actor_id, DESC)]
            # an unresolved description still names what its inner words name ("Lebanese")
            return [
                r
                for inner in hit.inner
                for r in self.resolve_hit(doc, inner, history, context, taken)
            ]
        if hit.kind == SURNAME:
            actor_id = self.resolve_surname(hit.actor_ids, history)
            if actor_id is None:
                return []
            return [(self.with_honorifics(doc, hit.start, taken), hit.end, actor_id, SURNAME)]
        if hit.kind in (DEMONYM, PLURAL):
            return [self.resolve_demonym(doc, hit, taken)]
        actor_id = hit.actor_ids[0]
        start = hit.start
        entry = self.kb.get(actor_id)
        if entry is not None and entry.is_person:
            start = self.with_honorifics(doc, hit.start, taken)
        if entry is not None and entry.type == STATE_TYPE and entry.country:
            possessed = self.possessed_slot(doc, hit.end, entry.country, taken)
            if possessed is not None:  # "Mali's armed forces": the state's military
                return [(start, possessed[1], possessed[0], hit.kind)]
        return [(start, hit.end, actor_id, hit.kind)]

    def possessed_slot(
        self, doc: Doc, end: int, country: str, taken: set[int]
    ) -> tuple[str, int] | None:
        """The actor "<state>'s HEAD" names when HEAD is a demonym head ("Israel's army",
        "Sudan's civilians"), with the phrase's end; None for other possessions."""
        if end >= len(doc) or doc[end].tag_ != "POS":
            return None
        slot, head_end = self.demonym_head(doc, end + 1, taken)
        if slot is None:
            return self.possessed_body(doc, end + 1, country, taken)
        if slot == STATE_TYPE:
            return None
        target = self.kb.slot_actor(country, slot)
        return (target.id, head_end) if target is not None else None

    def possessed_body(
        self, doc: Doc, start: int, country: str, taken: set[int]
    ) -> tuple[str, int] | None:
        """The state for a named body of its own after "<state>'s" that the KB does not know
        ("Turkey's Defense Ministry", "Kenya's Ministry of Foreign Affairs"): the state speaks
        through it, as "Israel's government" is Israel; None for other possessions."""
        if start >= len(doc) or doc[start].ent_iob_ != "B" or doc[start].ent_type_ != "ORG":
            return None
        end = start + 1
        while end < len(doc) and doc[end].ent_iob_ == "I":
            end += 1
        if any(i in taken for i in range(start, end)):
            return None  # a body the KB knows keeps its own actor
        if not any(t.lower_ in self.rules.state_body_heads for t in doc[start:end]):
            return None
        state = self.kb.state_of(country)
        return (state.id, end) if state is not None else None

    def resolve_surname(self, person_ids: Sequence[str], history: list[ActorEntry]) -> str | None:
        for entry in reversed(history):
            if entry.id in person_ids:
                return entry.id
        known = [pid for pid in person_ids if (e := self.kb.get(pid)) and e.known_by_surname]
        return known[0] if len(known) == 1 else None

    def resolve_demonym(self, doc: Doc, hit: Hit, taken: set[int]) -> tuple[int, int, str, str]:
        state_id = hit.actor_ids[0]
        state = self.kb.get(state_id)
        if hit.kind == PLURAL:
            civilians = self.kb.slot_actor(state.country, "civilians") if state else None
            return (hit.start, hit.end, civilians.id if civilians else state_id, PLURAL)
        slot, end = self.demonym_head(doc, hit.end, taken)
        if slot is None or state is None or not state.country:
            return (hit.start, hit.end, state_id, DEMONYM)
        target = self.kb.slot_actor(state.country, slot) if slot != STATE_TYPE else None
        return (hit.start, end, target.id if target else state_id, DEMONYM)

    def demonym_head(self, doc: Doc, position: int, taken: set[int]) -> tuple[str | None, int]:
        """What follows a demonym: ("military", end) for "troops", ... or (None, position)."""
        for skip in (0, 1):
            if skip and (position >= len(doc) or not is_modifier_word(doc[position])):
                break
            first = position + skip
            for size in range(self.rules.longest_head, 0, -1):
                end = first + size
                if end > len(doc) or any(i in taken for i in range(position, end)):
                    continue
                slot = self.rules.demonym_heads.get(tuple(t.lower_ for t in doc[first:end]))
                if slot is not None:
                    if end < len(doc) and doc[end].lower_ in self.rules.head_blockers:
                        return None, position
                    return slot, end
        return None, position

    def with_honorifics(self, doc: Doc, start: int, taken: set[int]) -> int:
        while (
            start > 0
            and start - 1 not in taken
            and doc[start - 1].lower_ in self.rules.honorifics
            and doc[start - 1].text[:1].isupper()
        ):
            start -= 1
        return start

    # -- actors -----------------------------------------------------------------------------------
    def actors_from(self, doc: Doc, mentions: list[ActorMention]) -> list[Actor]:
        actors: dict[str, Actor] = {}
        text = extensions.doc_text(doc)
        for m in mentions:
            if m.actor_id is None:
                continue
            actor = actors.get(m.actor_id)
            if actor is None:
                entry = self.kb.get(m.actor_id)
                actor = (
                    entry.to_actor()
                    if entry
                    else Actor(id=m.actor_id, name=m.text, type=NER_LABELS.get(m.label or ""))
                )
                actors[m.actor_id] = actor
            actor.mentions.append(TextSpan.of(text, m.start, m.end))
        return list(actors.values())

    # -- the helper for other components ----------------------------------------------------------
    def resolve_description(self, doc: Doc, start: int, end: int) -> str | None:
        """The actor a phrase at characters [start, end) refers to, from the article so far."""
        for m in extensions.get_list(doc, "ng_actor_mentions"):
            if m.start < end and start < m.end and m.actor_id:
                return m.actor_id
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None or len(span) == 0:
            return None
        demonyms = {
            h.start: h
            for h in self.names.kb_hits(doc, ArticleContext.of(doc, self.kb))
            if h.kind == DEMONYM
        }
        first = span.start if span[0].lower_ == "the" else span.start - 1
        hit = self.descriptions.parse_description(doc, first, demonyms) if first >= 0 else None
        if hit is None and span[0].lower_ != "the":
            hit = self.descriptions.parse_bare_description(doc, span, demonyms)
        if hit is None:
            return None
        history = [
            e
            for m in extensions.get_list(doc, "ng_actor_mentions")
            if m.end <= start and m.actor_id and (e := self.kb.get(m.actor_id))
        ]
        return self.descriptions.resolve_description_hit(
            hit, history, extensions.publication_date(doc)
        )


def is_modifier_word(token: Token) -> bool:
    return token.pos_ == "ADJ" or (token.pos_ == "NOUN" and token.dep_ == "compound")


def mention(
    doc: Doc, text: str, start: int, end: int, actor_id: str | None, label: str
) -> ActorMention:
    char_start = doc[start].idx
    char_end = doc[end - 1].idx + len(doc[end - 1].text)
    return ActorMention(char_start, char_end, text[char_start:char_end], actor_id, label)


def resolve_description(doc: Doc, start: int, end: int) -> str | None:
    """The actor id a description at characters [start, end) refers to, or None.

    For other components (e.g. quotes resolving "the movement said"): reads the mentions the
    ``newsgraph_actors`` component wrote and the article so far.
    """
    return _default_resolver(doc.vocab).resolve_description(doc, start, end)


def _default_resolver(vocab: object) -> ActorResolver:
    resolver = _RESOLVERS.get(id(vocab))
    if resolver is None:
        from ...nlp import get_pipeline

        resolver = ActorResolver(get_pipeline(), KnowledgeBase.load())
    return resolver
