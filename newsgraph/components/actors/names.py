"""Name matching for ``newsgraph_actors``: every surface form of every KB actor compiled into
one PhraseMatcher (``ActorLexicon``, built once per process), the readings of a match, and the
choice among overlapping hits (longest first, then the better kind of name)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token

from ... import extensions
from ..tokens import has_head
from .kb import (
    STATE_TYPE,
    ActorEntry,
    DescriptionHead,
    DescriptionRules,
    KnowledgeBase,
    SideAlias,
)
from .unresolved import hyphenated, names_a_maker, trim_entity

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

SUBJECT_DEPS = {"nsubj", "nsubjpass", "csubj", "poss", "agent"}
# verbs whose object is a party, never a place: a capital there is its government (CAMEO's actor
# dictionaries code capitals as governments; fit: "asked Moscow to", "urged Washington to")
PARTY_OBJECT_VERBS = frozenset(
    {
        "accuse",
        "urge",
        "warn",
        "blame",
        "criticize",
        "criticise",
        "condemn",
        "ask",
        "press",
        "thank",
    }
)
# words of a state body's name that news styles write in lower case after the state's name
# ("Russia's defence ministry", "the Ukrainian foreign ministry"; Reuters lower-cases them, AP
# capitalises them); "forces" is not one: "Lebanese Forces" is a party, "Lebanese forces" the army
OFFICE_WORDS = frozenset(
    {
        "ministry",
        "defence",
        "defense",
        "foreign",
        "interior",
        "health",
        "justice",
        "finance",
        "affairs",
        "office",
        "general",
        "staff",
    }
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
    words: tuple[str, ...] = ()  # a description's modifier words ("defense", "regional")
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


def lexicon_for(nlp: Language, kb: KnowledgeBase) -> ActorLexicon:
    """One compiled lexicon per (vocabulary, knowledge base): built once per process."""
    key = (id(nlp.vocab), id(kb))
    if key not in _LEXICONS:
        _LEXICONS[key] = ActorLexicon(nlp, kb)
    return _LEXICONS[key]


Matches = list[tuple[int, int, int]]  # a spaCy Matcher's (match id, start, end) on a doc


class NameMatcher:
    """The KB names in a text, as hits of the best kind of name each."""

    def __init__(self, lexicon: ActorLexicon, rules: DescriptionRules) -> None:
        self.lexicon = lexicon
        self.rules = rules

    def kb_hits(
        self, doc: Doc, context: ArticleContext, matches: Matches | None = None
    ) -> list[Hit]:
        """``matches``: the lexicon matcher's matches on ``doc``, where the caller has them."""
        hits = []
        for _, start, end in self.lexicon.matcher(doc) if matches is None else matches:
            span = doc[start:end]
            if in_acronym_compound(span) or self.modifies_other_noun(span):
                continue
            if names_a_maker(span, self.rules.maker_participles):  # no party, and no other name
                hits.append(Hit(start, end, BLOCK))
                continue
            readings = [
                r
                for r in self.lexicon.readings_for(span)
                if case_fits(r.cased, span) and context.allows(r)
            ]
            if not readings:
                continue
            best = best_readings(readings)
            if best[0].kind == DEMONYM and self.opens_institution_name(span):
                hits.append(Hit(start, end, BLOCK))  # "the Saudi Hospital": the name's word
                continue
            if best[0].kind == METONYM and not is_subject(span):
                # a capital as a place: it names no actor, and "Sudan" in "Port Sudan" neither
                hits.append(Hit(start, end, BLOCK))
                continue
            hits.append(
                Hit(start, end, best[0].kind, tuple(dict.fromkeys(r.actor_id for r in best)))
            )
        return hits

    def opens_institution_name(self, span: Span) -> bool:
        """A demonym before a capitalised institution head: "the Saudi Hospital", "American
        Airlines" (``institution_heads``) name a hospital, a company, not the state."""
        doc = span.doc
        if span.end >= len(doc):
            return False
        after = doc[span.end]
        return after.text[:1].isupper() and after.lower_ in self.rules.institution_heads

    def modifies_other_noun(self, span: Span) -> bool:
        """A name ending in a demonym head that modifies another noun: "Israeli military
        analysts" are not the Israeli military."""
        doc = span.doc
        if span.end >= len(doc) or doc[span.end].lower_ not in self.rules.head_blockers:
            return False
        words = tuple(t.lower_ for t in span)
        return any(words[-len(head) :] == head for head in self.rules.demonym_heads)


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
    capitals ("US", "LeT") must be written exactly so ("us" and "Let" are words). After the
    first word, the words of a state body's title may be lower case ("Russia's defence
    ministry")."""
    if len(cased) != len(span):
        return True  # tokenised differently: trust the lowercase match
    for written, token in zip(cased, span, strict=True):
        letters = [c for c in written if c.isalpha()]
        if len(letters) > 1 and any(c.isupper() for c in letters[1:]):
            if token.text != written:
                return False
        elif (
            written[:1].isupper()
            and not token.text[:1].isupper()
            and (token.i == span.start or written.lower() not in OFFICE_WORDS)
        ):
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


def is_acronym(token: Token) -> bool:
    return len(token.text) >= 2 and token.text.isupper() and token.text.isalpha()


def is_subject(span: Span) -> bool:
    """Whether a capital-city name acts as a government: subject, possessor, agent, partner."""
    token = span.root
    while token.dep_ == "conj" and has_head(token):
        token = token.head
    if token.dep_ in SUBJECT_DEPS:
        return True
    if party_object(token):
        return True
    # "attacked by Moscow", "cut ties with Kigali", "talks with Washington": the government
    return token.dep_ == "pobj" and token.head.lower_ in ("by", "with")


def party_object(token: Token) -> bool:
    """The object of a verb whose object is a party ("accused Kinshasa of ...", "urged
    Washington to ..."), in the same paragraph: a title's verb parsed with the next line's
    dateline ("Trump urges supporters ...\n\nWASHINGTON (AP)") is no such object."""
    verb = token.head
    between = token.doc[verb.i : token.i]
    return (
        token.dep_ == "dobj"
        and verb.lemma_.lower() in PARTY_OBJECT_VERBS
        and verb.i < token.i
        and not any("\n" in t.text for t in between)
    )


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
    people = [
        span
        for ent in extensions.entities(doc)
        if ent.label_ == "PERSON" and (span := trim_entity(ent))
    ]
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


def drop_other_states_bodies(doc: Doc, hits: list[Hit], kb: KnowledgeBase) -> list[Hit]:
    """Drop a state body's bare name right after another state's name or demonym: in
    "Pakistan's Foreign Office" the office is Pakistan's, not the British one that "Foreign
    Office" names alone. The phrase is left to the unresolved names, like "Kenya's Foreign
    Ministry" (no KB entry)."""
    states = {
        hit.end: entry.country
        for hit in hits
        if hit.actor_ids
        and (entry := kb.get(hit.actor_ids[0])) is not None
        and entry.type == STATE_TYPE
    }
    kept = []
    for hit in hits:
        owner = states.get(hit.start)
        if owner is None and hit.start > 0 and doc[hit.start - 1].tag_ == "POS":
            owner = states.get(hit.start - 1)
        entry = kb.get(hit.actor_ids[0]) if hit.actor_ids else None
        foreign = (
            owner is not None
            and entry is not None
            and entry.type != STATE_TYPE
            and entry.country is not None
            and entry.country != owner
        )
        if not foreign:
            kept.append(hit)
    return kept
