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
``DEMONYM``, ``DESC`` (a description resolved by context), or the NER label for unresolved actors.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token

from ... import extensions
from ...model import Actor, ActorMention
from ...model import Span as TextSpan
from .kb import (
    STATE_TYPE,
    ActorEntry,
    DescriptionHead,
    DescriptionRules,
    KnowledgeBase,
    SideAlias,
    load_description_rules,
)

log = logging.getLogger(__name__)

# Kinds of name, best first where one surface form has several readings.
ALIAS, SIDE, DEMONYM, PLURAL, METONYM, SURNAME, DESC, BLOCK = (
    "alias",
    "side",
    "demonym",
    "plural",
    "metonym",
    "surname",
    "desc",
    "block",
)
KIND_RANK = {ALIAS: 1, SIDE: 2, DEMONYM: 3, PLURAL: 4, METONYM: 5, BLOCK: 5, SURNAME: 6, DESC: 7}
LABELS = {
    ALIAS: "KB",
    SIDE: "SIDE",
    DEMONYM: "DEMONYM",
    PLURAL: "DEMONYM",
    METONYM: "KB",
    SURNAME: "KB",
    DESC: "DESC",
}
NER_LABELS = {"PERSON": "person", "ORG": "organisation", "NORP": "group"}
SUBJECT_DEPS = {"nsubj", "nsubjpass", "csubj", "poss", "agent"}
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
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "today",
        "yesterday",
        "tomorrow",
    )
)
UNRESOLVED_PREFIX = "unresolved:"
OFFICE_END = re.compile(r" (?:of|for|to|in|at) ")  # "Spokesperson for the UN Secretary-General"
DEPUTY_WORDS = frozenset(("vice", "deputy", "acting", "former", "assistant"))
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


@dataclass(frozen=True, slots=True)
class Reading:
    """One way to read a surface form: which actor, through which kind of name."""

    actor_id: str
    kind: str
    cased: tuple[str, ...]  # the name's tokens as written in the KB, for the case check
    side: SideAlias | None = None


@dataclass(slots=True)
class Hit:
    """A candidate mention over tokens [start, end)."""

    start: int
    end: int
    kind: str
    actor_ids: tuple[str, ...] = ()
    head: DescriptionHead | None = None
    country: str | None = None
    org: str | None = None  # "the Hezbollah leader": the organisation the person leads
    inner: list[Hit] = field(default_factory=list)  # KB hits a description covers

    @property
    def length(self) -> int:
        return self.end - self.start


# -- the lexicon: every surface form of every actor, compiled once --------------------------------
class ActorLexicon:
    def __init__(self, nlp: Language, kb: KnowledgeBase) -> None:
        self.kb = kb
        self.readings: dict[str, list[Reading]] = {}
        self.matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        patterns: dict[str, Doc] = {}
        for text, reading in surface_forms(kb):
            doc = nlp.make_doc(text)
            key = token_key(doc)
            if not key:
                continue
            cased = tuple(t.text for t in doc)
            self.readings.setdefault(key, []).append(
                Reading(reading.actor_id, reading.kind, cased, reading.side)
            )
            patterns.setdefault(key, doc)
        self.matcher.add("NG_ACTOR", list(patterns.values()))
        self.persons = [e for e in kb if e.is_person]

    def readings_for(self, span: Span) -> list[Reading]:
        return self.readings.get(token_key(span), [])


def surface_forms(kb: KnowledgeBase) -> Iterable[tuple[str, Reading]]:
    for entry in kb:
        names = entry.names()
        lowered = {n.lower() for n in names}
        for name in names:
            # "the US" adds nothing to "US" and would swallow "the US military"
            if name.lower().startswith("the ") and name[4:].lower() in lowered:
                continue
            yield name, Reading(entry.id, ALIAS, ())
        for side in entry.side_vocabulary:
            yield side.alias, Reading(entry.id, SIDE, (), side)
        for metonym in entry.metonyms:
            yield metonym, Reading(entry.id, METONYM, ())
        for demonym in entry.demonyms:
            yield demonym, Reading(entry.id, DEMONYM, ())
            if demonym[-1] in "in" and not demonym.isupper():  # Israelis, Palestinians, Iraqis
                yield demonym + "s", Reading(entry.id, PLURAL, ())
        for surname in entry.surnames:
            yield surname, Reading(entry.id, SURNAME, ())


def token_key(tokens: Iterable[Token]) -> str:
    return " ".join(t.lower_ for t in tokens)


_LEXICONS: dict[tuple[int, int], ActorLexicon] = {}
_RESOLVERS: dict[int, ActorResolver] = {}  # by id(vocab): the component of each pipeline


def _lexicon(nlp: Language, kb: KnowledgeBase) -> ActorLexicon:
    """One compiled lexicon per (vocabulary, knowledge base): built once per process."""
    key = (id(nlp.vocab), id(kb))
    if key not in _LEXICONS:
        _LEXICONS[key] = ActorLexicon(nlp, kb)
    return _LEXICONS[key]


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
        self.lexicon = _lexicon(nlp, kb)
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
        hits = self.kb_hits(doc, context)
        hits += self.description_hits(doc, hits)
        chosen = choose_longest(hits)
        chosen = drop_inside_person_names(doc, chosen, self.kb)
        mentions = self.resolve_in_order(doc, chosen, context)
        mentions += unresolved_mentions(doc, mentions, self.generic_words)
        return sorted(mentions, key=lambda m: (m.start, m.end))

    def kb_hits(self, doc: Doc, context: ArticleContext) -> list[Hit]:
        hits = []
        for _, start, end in self.lexicon.matcher(doc):
            span = doc[start:end]
            if in_acronym_compound(span) or self.modifies_other_noun(span):
                continue
            readings = [
                r
                for r in self.lexicon.readings_for(span)
                if case_fits(r.cased, span) and context.allows(r)
            ]
            if not readings:
                continue
            best = best_readings(readings)
            if best[0].kind == METONYM and not is_subject(span):
                # a capital as a place: it names no actor, and "Sudan" in "Port Sudan" neither
                hits.append(Hit(start, end, BLOCK))
                continue
            hits.append(
                Hit(start, end, best[0].kind, tuple(dict.fromkeys(r.actor_id for r in best)))
            )
        return hits

    def modifies_other_noun(self, span: Span) -> bool:
        """A name ending in a demonym head that modifies another noun: "Israeli military
        analysts" are not the Israeli military."""
        doc = span.doc
        if span.end >= len(doc) or doc[span.end].lower_ not in self.rules.head_blockers:
            return False
        words = tuple(t.lower_ for t in span)
        return any(words[-len(head) :] == head for head in self.rules.demonym_heads)

    def description_hits(self, doc: Doc, kb_hits: list[Hit]) -> list[Hit]:
        demonyms = {h.start: h for h in kb_hits if h.kind == DEMONYM}
        orgs = {h.start: h for h in kb_hits if h.kind == ALIAS and self.is_organisation(h)}
        starts: dict[int, list[Hit]] = {}
        for hit in kb_hits:
            starts.setdefault(hit.start, []).append(hit)
        found = []
        for token in doc:
            if token.lower_ == "the":
                hit = self.parse_description(doc, token.i, demonyms, orgs)
                if hit is None:
                    continue
                inner = [
                    h
                    for i in range(hit.start, hit.end)
                    for h in starts.get(i, [])
                    if h.end <= hit.end
                ]
                # a name inside wins over reading the phrase as a description ("the Sudanese
                # army", "the Hezbollah movement"), unless it names the person's organisation
                if all(h.kind != ALIAS or h.actor_ids[0] == hit.org for h in inner):
                    hit.inner = choose_longest(inner)
                    found.append(hit)
        return found

    def is_organisation(self, hit: Hit) -> bool:
        entry = self.kb.get(hit.actor_ids[0]) if hit.actor_ids else None
        return (
            entry is not None
            and not entry.is_person
            and entry.type not in (STATE_TYPE, "territory")
        )

    def parse_description(
        self, doc: Doc, start: int, demonyms: dict[int, Hit], orgs: dict[int, Hit] | None = None
    ) -> Hit | None:
        """ "the [modifiers] HEAD" at ``start`` as a description hit, or None."""
        position, country, org = start + 1, None, None
        for _ in range(4):
            head = self.head_at(doc, position)
            if head is not None:
                end = position + len(head.words)
                if ends_noun_phrase(doc, end) and (org is None or head.is_person):
                    return Hit(start, end, DESC, head=head, country=country, org=org)
            if position >= len(doc):
                return None
            word = doc[position].lower_
            if head is not None and word not in self.rules.modifiers:
                return None  # "the group leader": a head inside a longer noun phrase
            if word in self.rules.blockers:
                return None
            demonym = demonyms.get(position)
            organisation = orgs.get(position) if orgs and org is None else None
            if demonym is not None:
                country = self.country_of(demonym.actor_ids[0])
                position = demonym.end
            elif organisation is not None:
                org = organisation.actor_ids[0]
                position = organisation.end
            elif word in self.rules.modifiers or word == "-":
                position += 1
            else:
                return None
        return None

    def head_at(self, doc: Doc, position: int) -> DescriptionHead | None:
        for size in range(self.rules.longest_head, 0, -1):
            if position + size > len(doc):
                continue
            words = tuple(t.lower_ for t in doc[position : position + size])
            head = self.rules.heads.get(words)
            if head is not None and (not head.capitalized or doc[position].text[:1].isupper()):
                return head
        return None

    def country_of(self, actor_id: str) -> str | None:
        entry = self.kb.get(actor_id)
        return entry.country if entry else None

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
                if entry is not None:
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
            actor_id = self.resolve_description_hit(hit, history, context.published)
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
        if slot is None or slot == STATE_TYPE:
            return None
        target = self.kb.slot_actor(country, slot)
        return (target.id, head_end) if target is not None else None

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

    def resolve_description_hit(
        self, hit: Hit, history: list[ActorEntry], published: date | None
    ) -> str | None:
        head = hit.head
        if head is None:
            return None
        for entry in reversed(history):
            if head.national and entry.slot != "military":
                continue  # "at war with the army": the state's army, not the RSF named before
            if fits_description(entry, head, hit.country, published, hit.org):
                return entry.id
        if head.national:
            return self.national_force(history, hit.country)
        if not head.roles or not (hit.country or hit.org):
            return None
        # nobody named yet: the one KB person holding the office on the publication date
        candidates = [
            p
            for p in self.lexicon.persons
            if (not hit.country or p.country == hit.country)
            and (not hit.org or p.affiliation == hit.org)
        ]
        for role in head.roles:
            holders = [
                p.id
                for p in candidates
                if any(holds_role(r.title, role) for r in p.roles_on(published))
            ]
            if len(holders) == 1:
                return holders[0]
        return None

    def national_force(self, history: list[ActorEntry], country: str | None) -> str | None:
        """The military of the description's country, else of the last state named."""
        if country is None:
            country = next((e.country for e in reversed(history) if e.type == STATE_TYPE), None)
        force = self.kb.slot_actor(country, "military") if country else None
        return force.id if force is not None else None

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
            for h in self.kb_hits(doc, ArticleContext.of(doc, self.kb))
            if h.kind == DEMONYM
        }
        first = span.start if span[0].lower_ == "the" else span.start - 1
        hit = self.parse_description(doc, first, demonyms) if first >= 0 else None
        if hit is None and span[0].lower_ != "the":
            hit = self.parse_bare_description(doc, span, demonyms)
        if hit is None:
            return None
        history = [
            e
            for m in extensions.get_list(doc, "ng_actor_mentions")
            if m.end <= start and m.actor_id and (e := self.kb.get(m.actor_id))
        ]
        return self.resolve_description_hit(hit, history, extensions.publication_date(doc))

    def parse_bare_description(self, doc: Doc, span: Span, demonyms: dict[int, Hit]) -> Hit | None:
        """A description without "the" ("Israeli PM"): read it as if it had one."""
        country = None
        position = span.start
        demonym = demonyms.get(position)
        if demonym is not None:
            country = self.country_of(demonym.actor_ids[0])
            position = demonym.end
        head = self.head_at(doc, position)
        if head is None:
            return None
        return Hit(span.start, position + len(head.words), DESC, head=head, country=country)


# -- small pieces ---------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class ArticleContext:
    outlet: ActorEntry | None
    published: date | None

    @classmethod
    def of(cls, doc: Doc, kb: KnowledgeBase) -> ArticleContext:
        article = doc._.ng_article
        outlet = kb.outlet(article.outlet) if article is not None else None
        return cls(outlet, extensions.publication_date(doc))

    def allows(self, reading: Reading) -> bool:
        return reading.side is None or reading.side.applies_to(self.outlet)


def case_fits(cased: tuple[str, ...], span: Span) -> bool:
    """Capitalised name words must be capitalised in the text; acronyms and words with inner
    capitals ("US", "LeT") must be written exactly so ("us" and "Let" are words)."""
    if len(cased) != len(span):
        return True  # tokenised differently: trust the lowercase match
    for written, token in zip(cased, span, strict=True):
        letters = [c for c in written if c.isalpha()]
        if len(letters) > 1 and any(c.isupper() for c in letters[1:]):
            if token.text != written:
                return False
        elif written[:1].isupper() and not token.text[:1].isupper():
            return False
    return True


def best_readings(readings: list[Reading]) -> list[Reading]:
    """The readings of the best kind; a satisfied outlet condition beats an unconditional name."""
    conditional = [r for r in readings if r.side is not None and r.side.conditional]
    if conditional:
        return conditional[:1]
    rank = min(KIND_RANK[r.kind] for r in readings)
    best = [r for r in readings if KIND_RANK[r.kind] == rank]
    return best if rank == KIND_RANK[SURNAME] else best[:1]


def in_acronym_compound(span: Span) -> bool:
    """An acronym hyphenated to another into one name ("CSP-DPA" is not dpa)."""
    if not all(is_acronym(t) for t in span):
        return False
    doc = span.doc
    before = span.start >= 2 and hyphenated(doc[span.start - 2], doc[span.start - 1])
    after = span.end + 1 < len(doc) and hyphenated(doc[span.end - 1], doc[span.end])
    return (before and is_acronym(doc[span.start - 2])) or (after and is_acronym(doc[span.end + 1]))


def hyphenated(left: Token, hyphen: Token) -> bool:
    """``hyphen`` is a hyphen written tight between ``left`` and the next word."""
    return hyphen.text == "-" and not left.whitespace_ and not hyphen.whitespace_


def is_acronym(token: Token) -> bool:
    return len(token.text) >= 2 and token.text.isupper() and token.text.isalpha()


def is_subject(span: Span) -> bool:
    """Whether a capital-city name acts as a government: subject, possessor, agent, partner."""
    token = span.root
    while token.dep_ == "conj" and token.head is not token:
        token = token.head
    if token.dep_ in SUBJECT_DEPS:
        return True
    # "attacked by Moscow", "cut ties with Kigali", "talks with Washington": the government
    return token.dep_ == "pobj" and token.head.lower_ in ("by", "with")


def is_modifier_word(token: Token) -> bool:
    return token.pos_ == "ADJ" or (token.pos_ == "NOUN" and token.dep_ == "compound")


def ends_noun_phrase(doc: Doc, end: int) -> bool:
    """A description head must end its noun phrase ("the group", not "the group leader")."""
    if end >= len(doc):
        return True
    after = doc[end]
    return after.pos_ not in ("NOUN", "PROPN") and after.lower_ != "of"


def fits_description(
    entry: ActorEntry,
    head: DescriptionHead,
    country: str | None,
    published: date | None,
    org: str | None = None,
) -> bool:
    """Whether an earlier actor can be what a description names (a role must be held on the
    publication date: "the president" in 2016 is not Trump)."""
    if not entry.types & head.types:
        return False
    if country and entry.country != country:
        return False
    if org and entry.affiliation != org:
        return False
    roles = entry.roles_on(published) if published else entry.roles
    return not head.roles or any(holds_role(r.title, w) for r in roles for w in head.roles)


def holds_role(title: str, role: str) -> bool:
    """Whether a role title is that office: "Prime Minister of Israel" for "prime minister",
    but neither "Head of the Office of the President" nor "Vice President" for "president"."""
    office = OFFICE_END.split(title.lower(), 1)[0]
    if role not in office:
        return False
    rank = office.split(role, 1)[0].split()
    return not (rank and rank[-1] in DEPUTY_WORDS)


def choose_longest(hits: list[Hit]) -> list[Hit]:
    """Non-overlapping hits: longest first, then the better kind, then the earlier."""
    chosen, taken = [], set()
    for hit in sorted(hits, key=lambda h: (-h.length, KIND_RANK[h.kind], h.start)):
        tokens = range(hit.start, hit.end)
        if not any(i in taken for i in tokens):
            chosen.append(hit)
            taken.update(tokens)
    return sorted(chosen, key=lambda h: h.start)


def drop_inside_person_names(doc: Doc, hits: list[Hit], kb: KnowledgeBase) -> list[Hit]:
    """Drop a place-like or surname hit inside a longer PERSON name ("Chad" in "Chad Smith")."""
    people = [span for ent in doc.ents if ent.label_ == "PERSON" and (span := trim_entity(ent))]
    if not people:
        return hits
    kept = []
    for hit in hits:
        entry = kb.get(hit.actor_ids[0]) if hit.actor_ids else None
        personal = entry is not None and entry.is_person and hit.kind != SURNAME
        inside = any(
            ent.start <= hit.start and hit.end <= ent.end and len(ent) > hit.length
            for ent in people
        )
        if personal or hit.kind == DESC or not inside:
            kept.append(hit)
    return kept


def mention(
    doc: Doc, text: str, start: int, end: int, actor_id: str | None, label: str
) -> ActorMention:
    char_start = doc[start].idx
    char_end = doc[end - 1].idx + len(doc[end - 1].text)
    return ActorMention(char_start, char_end, text[char_start:char_end], actor_id, label)


# -- NER entities the KB does not know ------------------------------------------------------------
def unresolved_mentions(
    doc: Doc, known: list[ActorMention], generic: frozenset[str] = frozenset()
) -> list[ActorMention]:
    """NER's PERSON, ORG and NORP entities that no KB mention covers, as unresolved actors.

    ``generic``: words that are no name alone ("Army chief", "Secretary of State").
    """
    taken = [(m.start, m.end) for m in known]
    text = extensions.doc_text(doc)
    # a name NER also tags as a place elsewhere in the article is a place ("Rafah")
    places = {ent.text.lower() for ent in doc.ents if ent.label_ in PLACE_LABELS}
    surnames: dict[str, str] = {}  # last name → id of an earlier unresolved person
    found = []
    for ent in doc.ents:
        if ent.label_ not in NER_LABELS:
            continue
        span = trim_entity(ent)
        if (
            span is None
            or is_junk(span, generic)
            or follows_locative(span)
            or span.text.lower() in places
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
    if span.label_ == "PERSON":
        actor_id = UNRESOLVED_PREFIX + slug(span.text)
        if len(span) > 1:
            surnames.setdefault(last, actor_id)
        return actor_id
    return UNRESOLVED_PREFIX + slug(span.text)


def slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-") or "unnamed"


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
