"""Resolve a mention to an actor id, cheaply, within one article.

Names go through ``extensions.actor_mention_at`` (the actor resolver's mentions). Pronouns
("he", "it", "they"), relative words ("who") and descriptions ("the faction", "the Israeli PM")
that the resolver left unresolved take the most recent compatible actor mention before them.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence

import numpy as np
from spacy.attrs import DEP, POS
from spacy.symbols import PROPN
from spacy.tokens import Doc, Token

from ... import extensions
from ...model import ActorMention
from ..actors.kb import MEDIA_TYPE, KnowledgeBase, load_description_rules
from ..actors.unresolved import UNRESOLVED_PREFIX
from .gender import GenderCues, article_genders, load_cues
from .lexicon import CorefKnowledge, load_knowledge

Range = tuple[int, int]
# (mention start, mention end, actor id): a pronoun or description and the actor it stands for
Chain = tuple[int, int, str]
PERSON = "person"
# whether a group's or thing's pronoun is plural: it stands for a subject of its number only
PRONOUN_NUMBER = {"it": False, "its": False, "they": True, "them": True, "their": True}
PLURAL_TAGS = frozenset({"NNS", "NNPS"})
# what separates a web page's headline from its site's name ("Man shot in Quincy - WGEM.com:
# Quincy News, Weather"; "... | Colorado Springs Gazette, News"; "... « CBS Detroit")
SITE_SEPARATOR = re.compile(r" (?:-|\||«|::|—) ")


def coref_of(doc: Doc) -> Coreference:
    """The article's resolver: the one newsgraph_coref wrote, or one built now when that
    component did not run (so each consumer also runs alone)."""
    coref = doc._.ng_coref
    if coref is None:
        coref = doc._.ng_coref = Coreference(doc)
    return coref


class Coreference:
    def __init__(self, doc: Doc, knowledge: CorefKnowledge | None = None) -> None:
        self.doc = doc
        self.text = extensions.doc_text(doc)
        self.knowledge = knowledge or load_knowledge()
        mentions = [m for m in extensions.get_list(doc, "ng_actor_mentions") if m.actor_id]
        self.mentions: list[ActorMention] = sorted(mentions, key=lambda m: m.start)
        self.starts = [m.start for m in self.mentions]
        self.types = {a.id: a.type for a in extensions.get_list(doc, "ng_actors")}
        self.kb = KnowledgeBase.load()
        self.rules = load_description_rules()
        self.heads = self.rules.heads
        # the pronouns and descriptions resolved so far, in the order consumers asked
        self.chains: list[Chain] = []
        self._chained: set[Chain] = set()
        self._identifications: dict[str, list[tuple[int, str]]] | None = None
        self.cues: GenderCues = load_cues()
        self._genders: dict[str, str] | None = None
        self.site = site_range(doc)

    def pronoun_class(self, source: Range) -> str | None:
        """ "person", "group", "thing" or "relative" when the span is one pronoun, else None."""
        words = self.text[source[0] : source[1]].lower().split()
        return self.knowledge.pronoun_class.get(words[0]) if len(words) == 1 else None

    def link(self, source: Range, actor: str | None) -> str | None:
        """Record that the pronoun or description at ``source`` stands for ``actor``."""
        if actor is not None:
            chain = (source[0], source[1], actor)
            if chain not in self._chained:
                self._chained.add(chain)
                self.chains.append(chain)
        return actor

    def resolve(
        self, source: Range | None, token: Token | None, content: Sequence[Range] = ()
    ) -> str | None:
        """The actor id of a mention (a speaker, an event's participant) whose head word is
        ``token``, or None when none is known. A pronoun or description never points into
        ``content``, the words the mention itself says ("“No Pakistani military sites were
        hit,” the ministry said" is not the military speaking)."""
        if source is None:
            return None
        words = self.text[source[0] : source[1]].lower().split()
        if len(words) == 1 and words[0] in self.knowledge.pronoun_class:
            return self.link(source, self._pronoun(words[0], source, token, content))
        # the mention at the phrase's head speaks: "the Russian private military group Wagner"
        # is Wagner, though "Russian" is the longer name in it
        if token is not None and source[0] <= token.idx < source[1]:
            mention = extensions.actor_mention_at(self.doc, token.idx, token.idx + len(token))
            if mention is not None and mention.actor_id:
                return mention.actor_id
        mention = extensions.actor_mention_at(self.doc, *source)
        if mention is not None and mention.actor_id and not self._named_after(mention, token):
            return mention.actor_id
        head = token.lemma_.lower() if token is not None else words[-1] if words else ""
        description = self.knowledge.description_class.get(head)
        # a capitalised head is a name ("the Sudanese Doctors Network"), not a description
        if description is not None and (
            token is None or (_definite(token) and token.pos_ != "PROPN")
        ):
            # "the military" points back to a military, not to the ambulance service named last
            rule = self.heads.get((head,))
            types = rule.types if rule is not None and not rule.is_person else None
            national = rule is not None and rule.national
            words = self._body_words(source, token)
            person = description == PERSON
            return self.link(
                source,
                self._antecedent(
                    source[0],
                    person,
                    content,
                    types,
                    national,
                    body=(head, words),
                    gender=self.cues.nouns.get(head) if person else None,
                ),
            )
        return None

    def named_as(
        self, source: Range | None, token: Token | None, role_nouns: frozenset[str] = frozenset()
    ) -> str | None:
        """The named person a description stands for where the article equates the two: in
        its own phrase ("his passenger, John Doe"; "a man, later identified as John Doe"), as a
        copula's other side ("The victim is John Doe"), else where the article equates a
        description with the same head word ("Police identified the victim as John Doe"; the
        nearest such) or with one of ``role_nouns``, the nouns of the party's role in its event
        ("a man was shot" is the victim). None for a name or a pronoun (``resolve`` reads
        those)."""
        if source is None or token is None or token.pos_ not in ("NOUN", "NUM"):
            return None
        actor = self._equated_actor(token)
        for heads in ({token.lemma_.lower()}, role_nouns):
            if actor is None:
                actor = self._nearest_identified(heads, token.i)
        return self.link(source, actor)

    def _nearest_identified(self, heads: set[str] | frozenset[str], index: int) -> str | None:
        found = [seen for head in heads for seen in self._identified().get(head, ())]
        nearest = min(found, key=lambda seen: abs(seen[0] - index), default=None)
        return nearest[1] if nearest is not None else None

    def _equated_actor(self, description: Token) -> str | None:
        for name in _equated_words(description, self.knowledge.equating_verbs):
            if name.pos_ != "PROPN":
                continue
            mention = extensions.actor_mention_at(
                self.doc, name.left_edge.idx, name.idx + len(name)
            )
            actor = mention.actor_id if mention is not None else None
            if actor is not None and self._may_be_person(actor):
                return actor
        return None

    def _may_be_person(self, actor: str) -> bool:
        """A person, an actor of unknown type, or a name the knowledge base lacks: NER calls
        many a full personal name an ORG ("The suspect, later identified as Jane Q. Roe"; GVDB
        fit: 3 gold shooters' full names), while a known organisation is none."""
        return self.types.get(actor) in (None, PERSON) or actor.startswith(UNRESOLVED_PREFIX)

    def _identified(self) -> dict[str, list[tuple[int, str]]]:
        """Description head lemma -> (token index, actor) of each description the article
        equates with a named person (built once, on first use)."""
        if self._identifications is None:
            self._identifications = {}
            for index in equatable_descriptions(self.doc, self.knowledge.equating_verbs):
                token = self.doc[index]
                if token.pos_ == "NOUN" and (actor := self._equated_actor(token)) is not None:
                    self._identifications.setdefault(token.lemma_.lower(), []).append(
                        (token.i, actor)
                    )
        return self._identifications

    def _named_after(self, mention: ActorMention, token: Token | None) -> bool:
        """An organisation's name that holds another actor's name as a compound ("The Kenya
        Medical Association"): the named actor is not the speaker. "Lebanon's health ministry"
        and "the Lebanese health ministry" still speak for Lebanon."""
        if token is None or token.pos_ != "PROPN":
            return False
        inner = self.doc.char_span(mention.start, mention.end, alignment_mode="expand")
        return inner is not None and inner.root.dep_ == "compound" and inner.root.pos_ == "PROPN"

    def actor_at(self, span: Range | None) -> str | None:
        """The actor named in ``span`` (no pronoun or description resolution)."""
        if span is None:
            return None
        mention = extensions.actor_mention_at(self.doc, *span)
        return mention.actor_id if mention is not None else None

    def _pronoun(
        self, word: str, source: Range, token: Token | None, content: Sequence[Range]
    ) -> str | None:
        pronoun_class = self.knowledge.pronoun_class[word]
        if pronoun_class == "relative" and token is not None:
            # "Nasrallah, who said ...": the noun the relative clause hangs on
            clause = token.head
            noun = clause.head if clause.dep_ in ("relcl", "acl") else None
            if noun is not None and noun.i != clause.i:
                # the noun itself, or what it refers to: "the 33rd Front, which the ELN
                # accused" is the Front (no actor), never the ELN named last
                return self.resolve((noun.left_edge.idx, noun.idx + len(noun)), noun, content)
            return self._antecedent(source[0], None, content)
        # a thing's pronoun object is not its own clause's subject ("the NUG accused it of
        # killing": "it" is not the NUG; binding principle B). Person and group pronouns keep
        # their reading: with no person checked, the next antecedent back was more often wrong
        # than right (PolNeAR fit)
        skip = self._co_subjects(token) if pronoun_class == "thing" else frozenset()
        if pronoun_class == "person":
            # "she" never stands for a person the article calls "Mr." or "her husband"
            gender = self.cues.pronouns.get(word)
            return self._subject_antecedent(
                source[0], True, content, gender=gender
            ) or self._antecedent(source[0], True, content, gender=gender)
        if token is not None and self._unknown_subject_before(token):
            return None
        return self._subject_antecedent(source[0], False, content, skip) or self._antecedent(
            source[0], False, content, skip=skip
        )

    def _co_subjects(self, pronoun: Token | None) -> frozenset[str]:
        """The actors named as the subject of the verb a pronoun is the object of."""
        if pronoun is None or pronoun.dep_ not in ("dobj", "dative"):
            return frozenset()
        verb = pronoun.head
        out = set()
        for subject in verb.children:
            if subject.dep_ != "nsubj":
                continue
            # the subject's head names the actor ("Hillary Clinton's wins" is no Clinton)
            mention = extensions.actor_mention_at(self.doc, subject.idx, subject.idx + len(subject))
            if mention is not None and mention.actor_id and mention.start <= subject.idx:
                out.add(mention.actor_id)
        return frozenset(out)

    def _unknown_subject_before(self, pronoun: Token) -> bool:
        """Whether the last clause subject before a group's or thing's pronoun in its sentence
        is a party this resolver knows no actor for: "The junta denied it, saying its forces
        ..." stands for the junta, not for a group named in an earlier sentence."""
        sentence = extensions.sentence_of(pronoun)
        subject = next(
            (
                t
                for t in reversed(self.doc[sentence.start : pronoun.i])
                if t.dep_ in ("nsubj", "nsubjpass")
            ),
            None,
        )
        if subject is None and sentence.start > 0:
            subject = self._previous_subject(pronoun, sentence.start)
        if subject is None or subject.pos_ not in ("NOUN", "PROPN"):
            return False
        if PRONOUN_NUMBER.get(pronoun.lower_) != (subject.tag_ in PLURAL_TAGS):
            return False  # "The suspects, it said, ...": "it" is not the suspects
        if any(c.dep_ == "poss" for c in subject.children):
            return False  # "its fighters": someone's, whom its own possessor names
        if self.knowledge.description_class.get(subject.lemma_.lower()) == PERSON:
            return False
        span = (subject.left_edge.idx, subject.idx + len(subject))
        return self.resolve(span, subject) is None

    def _previous_subject(self, pronoun: Token, start: int) -> Token | None:
        """For a pronoun with no subject before it in its own sentence, the last noun subject
        of its number in the sentence before: "The gunmen ... attacked the villages, a
        resident told Daily Trust. 'They killed my two brothers,' he said." stands for the
        gunmen (no actor), not for Daily Trust named last."""
        plural = PRONOUN_NUMBER.get(pronoun.lower_)
        before = extensions.sentence_of(self.doc[start - 1])
        for t in reversed(self.doc[before.start : before.end]):
            noun = t.dep_ in ("nsubj", "nsubjpass") and t.pos_ in ("NOUN", "PROPN")
            if noun and (t.tag_ in PLURAL_TAGS) == plural:
                return t
        return None

    def _subject_antecedent(
        self,
        before: int,
        person: bool,
        content: Sequence[Range],
        skip: frozenset[str] = frozenset(),
        gender: str | None = None,
    ) -> str | None:
        """The most recent compatible actor that was a clause's subject in the sentence before
        the pronoun or its own: "The RSF, at war with the army, did not respond. It said ..."
        is the RSF, not the army named last."""
        first = self.doc.char_span(before, before + 1, alignment_mode="expand")
        if first is None:
            return None
        sentence = extensions.sentence_of(first[0])
        # from the start of the sentence before (0 in the first sentence)
        since = (
            extensions.sentence_of(self.doc[sentence.start - 1]).start_char if sentence.start else 0
        )
        return self._antecedent(
            before, person, content, since=since, subjects_only=True, skip=skip, gender=gender
        )

    def _antecedent(
        self,
        before: int,
        person: bool | None,
        content: Sequence[Range] = (),
        types: frozenset[str] | None = None,
        national: bool = False,
        since: int = 0,
        subjects_only: bool = False,
        body: tuple[str, tuple[str, ...]] | None = None,
        skip: frozenset[str] = frozenset(),
        gender: str | None = None,
    ) -> str | None:
        """The most recent actor mention between ``since`` and ``before`` of the right kind
        (person or not, one of ``types`` for a known actor, a state's force for a ``national``
        head, a clause subject when ``subjects_only``, not of the other ``gender`` where the
        article tells the person's), outside ``content``."""
        index = bisect_left(self.starts, before) - 1
        while index >= 0 and self.mentions[index].start >= since:
            mention = self.mentions[index]
            index -= 1
            if mention.end > before or any(s <= mention.start < e for s, e in content):
                continue
            if mention.actor_id in skip:
                continue
            kind = self.types.get(mention.actor_id or "")
            if not (person is None or kind is None or (kind == PERSON) == person):
                continue
            if types is not None and not self._fits(mention.actor_id or "", types, national):
                continue
            if subjects_only and not self._is_subject(mention):
                continue
            if gender is not None and self.gender_of(mention.actor_id or "") not in (None, gender):
                continue
            if person and self._is_outlet(mention):
                continue
            if body is not None and not self._body_fits(mention, *body):
                continue
            return mention.actor_id
        return None

    def _is_outlet(self, mention: ActorMention) -> bool:
        """A news outlet, never a person's pronoun's antecedent: a media actor of the knowledge
        base, or a name in the site's part of the page title ("WGEM.com: Quincy News", which NER
        may call a PERSON)."""
        entry = self.kb.get(mention.actor_id or "")
        if entry is not None and entry.type == MEDIA_TYPE:
            return True
        return self.site is not None and self.site[0] <= mention.start < self.site[1]

    def gender_of(self, actor: str) -> str | None:
        """ "male" or "female" where the article tells a person's gender (``gender.py``)."""
        if self._genders is None:
            self._genders = article_genders(
                self.doc,
                self.mentions,
                self._may_be_person,
                lambda noun: _equated_words(noun, self.knowledge.equating_verbs),
                self.cues,
                frozenset(w for w, c in self.knowledge.description_class.items() if c == PERSON),
            )
        return self._genders.get(actor)

    def _body_words(self, source: Range, token: Token | None) -> tuple[str, ...]:
        """The words before a description's head that no actor mention covers: "regional"
        and "military" in "the city military administration" ("Russian" is a mention)."""
        if token is None:
            return ()
        words = []
        for word in self.doc[token.left_edge.i : token.i]:
            if (
                word.idx < source[0]
                or not word.is_alpha
                or word.pos_ in ("DET", "PRON", "CCONJ")
                or word.dep_ in _NOT_NARROWING
            ):
                continue  # "neither the government nor ...": "neither" narrows nothing
            if extensions.actor_mention_at(self.doc, word.idx, word.idx + len(word)) is None:
                words.append(word.lower_)
        return tuple(words)

    def _body_fits(self, mention: ActorMention, head: str, words: tuple[str, ...]) -> bool:
        """A body description ("the Defense Ministry", "the regional administration") names an
        earlier actor only where its narrowing words are words of that actor's name
        (``body_heads`` in actor_descriptions.yaml)."""
        entry = self.kb.get(mention.actor_id or "")
        names = (*entry.names(), mention.text) if entry is not None else (mention.text,)
        return self.rules.body_words_fit(head, words, names)

    def _is_subject(self, mention: ActorMention) -> bool:
        span = self.doc.char_span(mention.start, mention.end, alignment_mode="expand")
        return span is not None and span.root.dep_ in ("nsubj", "nsubjpass")

    def _fits(self, actor_id: str, types: frozenset[str], national: bool = False) -> bool:
        """A known actor of one of ``types``; an unresolved name fits any (its type is a guess).
        A ``national`` head ("the army", "the military") is a state's force (its type
        ``military``), as in the actors component's descriptions: not an armed group whose
        kinds include military (the RSF named before "The army said ...")."""
        entry = self.kb.get(actor_id)
        if entry is None:
            return True
        return bool(entry.types & types) and (not national or entry.type == "military")


# dependents before a body description's head that do not narrow which body it is
_NOT_NARROWING = frozenset({"det", "predet", "preconj", "cc", "poss", "case", "punct", "advmod"})
_DEFINITE = frozenset({"the", "this", "that", "these", "those"})


def _equated_words(description: Token, verbs: frozenset[str]) -> list[Token]:
    """Head words the parse equates with ``description``: its apposition, the "as" object of
    an equating verb of it ("a man, identified as X"; "X was identified as Y"; "identified X
    as Y") and the other side of a copula ("X is Y")."""
    out = [c for c in description.children if c.dep_ == "appos"]
    clauses = [c for c in description.children if c.dep_ in ("acl", "relcl")]
    head = description.head
    if description.dep_ in ("nsubjpass", "dobj"):
        clauses.append(head)
    for clause in clauses:
        if clause.lemma_.lower() in verbs:
            out.extend(o for p in clause.children if p.dep_ == "prep" and p.lower_ == "as"
                       for o in p.children if o.dep_ == "pobj")  # fmt: skip
    if head.lemma_ == "be" and description.dep_ in ("nsubj", "attr"):
        other = "attr" if description.dep_ == "nsubj" else "nsubj"
        out.extend(c for c in head.children if c.dep_ == other)
    return out


def equatable_descriptions(doc: Doc, verbs: frozenset[str]) -> list[int]:
    """In order, the indices of the tokens that ``_equated_words`` can equate with a name
    (a PROPN): found from the names' side, which is much cheaper than asking every noun
    (names with one of four dependency labels, read from the doc's columns). A superset:
    ``_equated_actor`` still decides each."""
    strings = doc.vocab.strings
    appos, pobj, nsubj, attr = (strings[label] for label in ("appos", "pobj", "nsubj", "attr"))
    rows = doc.to_array([POS, DEP]).reshape(len(doc), 2)
    pos, deps = rows[:, 0], rows[:, 1]
    named = (pos == PROPN) & ((deps == appos) | (deps == pobj) | (deps == nsubj) | (deps == attr))
    found: set[int] = set()
    for index in np.flatnonzero(named).tolist():
        name = doc[index]
        head = name.head
        if name.dep_ == "appos":  # "his passenger, John Doe"
            found.add(head.i)
        elif name.dep_ == "pobj":  # "identified as John Doe"
            clause = head.head
            if head.dep_ == "prep" and head.lower_ == "as" and clause.lemma_.lower() in verbs:
                if clause.dep_ in ("acl", "relcl"):
                    found.add(clause.head.i)
                found.update(c.i for c in clause.children if c.dep_ in ("nsubjpass", "dobj"))
        elif head.lemma_ == "be":  # "The victim is John Doe"
            other = "attr" if name.dep_ == "nsubj" else "nsubj"
            found.update(c.i for c in head.children if c.dep_ == other)
    return sorted(found)


def site_range(doc: Doc) -> Range | None:
    """The characters of the site's name after a web page's headline: the part of the text's
    first line, up to its first full stop, after the last separator ("... - WGEM.com: Quincy
    News, Weather"). None where that line has no separator (GVDB fit: 167 of 195 have one)."""
    line = doc.text[:400].split("\n", 1)[0]
    stop = line.find(". ")
    line = line if stop < 0 else line[:stop]
    separators = list(SITE_SEPARATOR.finditer(line))
    return (separators[-1].end(), len(line)) if separators else None


def _definite(token: Token) -> bool:
    """ "the group", "its spokesman": a description that points back; "aid groups" and "a
    spokesman" point at someone not named before."""
    return any(
        c.dep_ == "poss" or (c.dep_ == "det" and c.lower_ in _DEFINITE) for c in token.children
    )
