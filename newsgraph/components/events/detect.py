"""Finding event mentions in one sentence: triggers, their senses, roles, folds and flags.

The output is a list of :class:`Mention` (tokens, type, source/target head tokens, casualty
counts, flags), which ``events.py`` links to actors, places, times and statements and merges
across the article. A trigger is looked up by lemma in dicts built once (event_lexicon); every
other step is a walk over the trigger's own dependency neighbourhood.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from ..actors.names import hyphenated
from .lexicon import Lexicon, Sense
from .magnitude import quantity_of
from .roles import (
    NOMINAL_POS,
    child,
    clause_tokens,
    coordinated,
    direct_object,
    hypothetical,
    is_passive,
    is_verbal,
    negated,
    passive_patient,
    prep_objects,
    subject_of,
    verb_chain,
)

DEFAULT_VERB_TARGET_PREPS = ("against",)
DEFAULT_NOUN_TARGET_PREPS = ("on", "against")
THREAT_MODES = {
    "ASSAULT": "violence",
    "COERCE": "restrict",
    "SANCTION": "sanctions",
    "MOBILIZE": "violence",
    "PROTEST": "restrict",
}
NATIONALITY_ENTS = frozenset({"NORP", "GPE", "ORG", "PERSON"})


@dataclass(slots=True)
class Mention:
    """One event as found in a sentence (before linking to actors, places, statements)."""

    anchor: Token
    tokens: list[Token]
    type: str | None
    mode: str | None
    sense: Sense
    source: Token | None = None
    target: Token | None = None
    magnitude: dict[str, dict[str, Any]] = field(default_factory=dict)
    magnitude_tokens: list[tuple[int, int]] = field(default_factory=list)
    negated: bool = False
    hypothetical: bool = False
    folded: bool = False
    extra_clause: list[Token] = field(default_factory=list)
    reciprocal_split: bool = False
    flag_anchor: Token | None = None  # where negation/modality are read, when not the anchor

    def clause(self) -> list[Token]:
        seen: dict[int, Token] = {}
        for tok in [*clause_tokens(self.anchor), *self.extra_clause]:
            seen[tok.i] = tok
        for tok in self.tokens:
            for t in clause_tokens(tok, limit=40):
                seen[t.i] = t
        return list(seen.values())


def _in_hyphen_compound(token: Token) -> bool:
    """The second half of a hyphenated modifier ("Pakistan-occupied Kashmir", "Iran-backed
    groups"): part of a name or description, not a reported act."""
    doc = token.doc
    return token.i >= 2 and hyphenated(doc[token.i - 2], doc[token.i - 1])


def _particle(token: Token) -> str | None:
    prt = child(token, "prt")
    return prt.lower_ if prt is not None else None


def lemma_candidates(token: Token) -> list[str]:
    """The lemma, then guesses from the word itself: the small model sometimes lemmatizes
    in context to a wrong word ("staged" -> "stag")."""
    lemma = token.lemma_.lower()
    word = token.lower_
    out = [lemma]
    for suffix, repl in (
        ("ied", "y"),
        ("ed", ""),
        ("d", ""),
        ("ing", ""),
        ("ing", "e"),
        ("s", ""),
        ("es", ""),
    ):
        if word.endswith(suffix) and len(word) > len(suffix) + 2:
            out.append(word[: -len(suffix)] + repl)
    return out


def _verb_keys(token: Token) -> list[str]:
    prt = _particle(token)
    keys: list[str] = []
    for lemma in lemma_candidates(token):
        if prt:
            keys.append(f"{lemma} {prt}")
    keys.extend(lemma_candidates(token))
    return keys


def noun_sense(token: Token, lex: Lexicon) -> Sense | None:
    """The event sense of a noun, with modifiers ("air strike", "hunger strike") applied."""
    lemma = token.lemma_.lower()
    for c in token.children:
        if c.dep_ in ("compound", "amod") and c.i < token.i:
            compound = f"{c.lemma_.lower()} {lemma}"
            if compound in lex.nouns:
                return lex.nouns[compound]
    sense = lex.nouns.get(lemma) or lex.nouns.get(token.lower_)
    if sense is None:
        return None
    for c in token.children:
        if c.dep_ in ("compound", "amod", "nmod") and c.i < token.i:
            override = sense.by_modifier.get(c.lemma_.lower())
            if override is not None:
                return sense.with_override(override)
    return sense


def _object_sense(sense: Sense, obj: Token | None, lex: Lexicon) -> Sense:
    if obj is None or not sense.by_object:
        return sense
    lemmas = {t.lemma_.lower() for t in coordinated(obj)}
    # "peacekeeping force", "aid workers": the modifier says what kind of object it is
    lemmas |= {c.lemma_.lower() for c in obj.children if c.dep_ in ("compound", "amod")}
    for lemma in lemmas:
        for cls in lex.classes_of(lemma):
            override = sense.by_object.get(cls)
            if override is not None:
                return sense.with_override(override)
    return sense


def author_of(noun: Token) -> Token | None:
    """Whose proposal/call/offer: the possessor, a by/from phrase, or a nationality adjective."""
    for c in noun.children:
        if c.dep_ == "poss":
            return c
    for obj in prep_objects(noun, ("by", "from")):
        return obj
    for c in noun.children:
        if c.dep_ in ("amod", "compound") and (
            c.ent_type_ in NATIONALITY_ENTS or (c.pos_ == "PROPN")
        ):
            return c
    return None


def noun_source(noun: Token, sense: Sense) -> Token | None:
    """The doer of a nominal event: "Hezbollah's rocket fire", "the Israeli strike",
    "strikes by Hezbollah", "strikes conducted by Hezbollah fighters"."""
    for c in noun.children:
        if c.dep_ == "poss":
            return c
    for obj in prep_objects(noun, sense.source_preps):
        return obj
    for c in noun.children:
        if c.dep_ == "acl" and c.tag_ == "VBN":
            agent = next(prep_objects(c, ("by",)), None)
            if agent is not None:
                return agent
    for c in noun.children:
        if (
            c.i < noun.i
            and c.dep_ in ("amod", "compound")
            and (c.ent_type_ in NATIONALITY_ENTS or c.pos_ == "PROPN")
        ):
            return c
    return None


def noun_target(noun: Token, sense: Sense, source: Token | None) -> Token | None:
    """The target of a nominal event: "strike on Rafah", "demand that Israel ease ..."."""
    preps = sense.target_preps or DEFAULT_NOUN_TARGET_PREPS
    holders = [noun, *(c for c in noun.children if c.dep_ == "acl")]
    if source is not None:
        holders.append(source)  # "strikes by fighters against vehicles" often attaches there
    for holder in holders:
        for obj in prep_objects(holder, preps):
            if obj is not source:
                return obj
    for c in noun.children:
        if c.dep_ in ("acl", "ccomp") and is_verbal(c) and child(c, "mark") is not None:
            subj = child(c, "nsubj", "nsubjpass")
            if subj is not None:
                return subj
    return None


# how a target candidate was found: an object or a preposition the lexicon names; a phrase
# attached to the object ("sanctions on X"); any preposition of the verb ("in X")
STRICT, LINKED, GENERIC = 0, 1, 2
GENERIC_TARGET_PREPS = (
    "to",
    "against",
    "on",
    "with",
    "into",
    "at",
    "toward",
    "towards",
    "in",
    "for",
    "from",
)
OBJECT_LINK_PREPS = (
    "with",
    "against",
    "on",
    "to",
    "into",
    "of",
    "for",
    "in",
    "at",
    "toward",
    "towards",
    "by",
)
ACTOR_CLASSES = ("people", "troops", "military", "place", "inspectors", "actors")
NOT_ACTOR_ENTS = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "QUANTITY", "MONEY", "PERCENT"})
PERSONAL_PRONOUNS = frozenset({"it", "they", "he", "she", "we", "them", "him", "her", "us"})


def actor_like(token: Token, lex: Lexicon, actor_tokens: set[int]) -> bool:
    """Could this noun be a participant (an actor, a group of people, a place)?"""
    if token.ent_type_ in NOT_ACTOR_ENTS:
        return False
    if token.i in actor_tokens or token.ent_type_ in NATIONALITY_ENTS | {"LOC", "FAC"}:
        return True
    if token.pos_ == "PROPN" or (token.pos_ == "PRON" and token.lower_ in PERSONAL_PRONOUNS):
        return True
    lemma = token.lemma_.lower()
    return any(lemma in lex.object_class_sets.get(cls, ()) for cls in ACTOR_CLASSES)


def _message_target(target: Token | None, lex: Lexicon) -> Token | None:
    if target is not None and target.lemma_.lower() in lex.message_nouns:
        return author_of(target) or target
    return target


class SentenceDetector:
    """Finds the event mentions of one sentence (a fresh instance per sentence)."""

    def __init__(self, sent: SpacySpan, lex: Lexicon, actor_tokens: set[int] | None = None) -> None:
        self.sent = sent
        self.lex = lex
        self.actor_tokens = actor_tokens or set()
        self.mentions: list[Mention] = []
        self.owner: dict[int, Mention] = {}  # token index -> mention using it as evidence
        self.consumed: set[int] = set()  # event nouns already read as a verb's object

    # ---- building -------------------------------------------------------------------------
    def run(self) -> list[Mention]:
        for tok in self.sent:
            if is_verbal(tok) and not _in_hyphen_compound(tok):
                self._verb(tok)
        for tok in self.sent:
            if tok.pos_ in ("NOUN", "PROPN") and tok.i not in self.consumed:
                self._noun(tok)
        for tok in self.sent:
            if tok.lemma_.lower() in self.lex.speech_verbs and is_verbal(tok):
                self._obligation(tok)
        self._fold_embedded()
        self._fold_casualties()
        for mention in self.mentions:
            if not mention.folded:
                self._flags(mention)
        return [m for m in self.mentions if not m.folded and m.type is not None]

    def _add(self, mention: Mention) -> Mention:
        self.mentions.append(mention)
        for tok in mention.tokens:
            self.owner.setdefault(tok.i, mention)
        return mention

    def _phrase(self, verb: Token) -> tuple[Sense, Token] | None:
        lemma = next((k for k in lemma_candidates(verb) if k in self.lex.phrases), None)
        for phrase in self.lex.phrases.get(lemma or "", ()):
            holder = verb
            if phrase.xcomp:
                holder = next(
                    (
                        c
                        for c in verb.children
                        if c.dep_ == "xcomp" and c.lemma_.lower() in phrase.xcomp
                    ),
                    None,
                )
                if holder is None:
                    continue
            if phrase.prep:
                objs = list(prep_objects(holder, (phrase.prep,)))
            else:
                obj = direct_object(holder) or (
                    passive_patient(holder) if is_passive(holder) else None
                )
                objs = [obj] if obj is not None else []
                objs += list(prep_objects(holder, ("to", "in")))  # "resort to", "engage in"
            for obj in objs:
                if obj.lemma_.lower() not in phrase.objects:
                    continue
                if phrase.det and not any(
                    c.dep_ == "det" and c.lower_ == phrase.det for c in obj.children
                ):
                    continue
                return phrase.sense, obj
        return None

    def _verb(self, verb: Token) -> None:
        lex = self.lex
        if verb.dep_ == "amod":
            self._participle(verb)  # "the occupied Golan" is an adjective, not an act
            return
        found = self._phrase(verb)
        if found is not None:
            sense, obj = found
            self.consumed.add(obj.i)
            mention = Mention(verb, [verb, obj], sense.type, sense.mode, sense)
            self._verb_roles(mention, phrase_object=obj)
            self._add(mention)
            return
        keys = _verb_keys(verb)
        verb_key = next((k for k in keys if k in lex.verbs), None)
        verb_sense = lex.verbs[verb_key] if verb_key else None
        obj = direct_object(verb) or (passive_patient(verb) if is_passive(verb) else None)
        # a particle verb with its own sense ("called off a strike") is not a support verb
        # nor is a verb that names its object ("called the protests treasonous")
        is_support = (
            any(k in lex.support_verbs for k in keys)
            and not (verb_key is not None and " " in verb_key)
            and child(verb, "oprd") is None
        )
        obj_sense = noun_sense(obj, lex) if obj is not None else None
        if (
            obj is not None
            and obj_sense is not None
            and obj_sense.type
            and (is_support or verb_sense is not None)
        ):
            if verb_sense is not None and verb_sense.embeds:
                pass  # "threatened a strike": the verb's event, the noun folds into it
            elif verb_sense is None or is_support:
                self.consumed.add(obj.i)
                mention = Mention(verb, [verb, obj], obj_sense.type, obj_sense.mode, obj_sense)
                mention.source = self._speaker_for_pronoun(verb, subject_of(verb))
                mention.target = self._choose_target(
                    self._support_target_candidates(verb, obj, obj_sense, mention.source),
                    mention.source,
                )
                self._reciprocal(mention)
                self._add(mention)
                return
        if verb_sense is None or (verb_sense.needs_object and obj is None):
            return
        if any(
            c.dep_ == "xcomp" and c.lemma_.lower() in verb_sense.not_complements
            for c in verb.children
        ):
            return  # "who asked not to be named": how the source is quoted, not a request
        sense = _object_sense(verb_sense, obj, lex)
        event_type, mode = sense.type, sense.mode
        if sense.speech_type and (
            verb.dep_ == "parataxis" or any(c.dep_ == "ccomp" for c in verb.children)
        ):
            event_type, mode = sense.speech_type, None
        mention = Mention(verb, [verb], event_type, mode, sense)
        self._verb_roles(mention)
        self._add(mention)

    def _participle(self, verb: Token) -> None:
        """A verb the parser read as an adjective of its object: "denied attacking civilians",
        "had only targeted army positions" (no determiner before it, a verb or adverb before)."""
        noun = verb.head
        doc = verb.doc
        if verb.i != noun.left_edge.i or verb.i == 0 or noun.dep_ != "dobj":
            return
        if doc[verb.i - 1].pos_ not in ("VERB", "AUX", "ADV", "PART"):
            return
        sense = next((self.lex.verbs[k] for k in _verb_keys(verb) if k in self.lex.verbs), None)
        if sense is None or sense.type is None:
            return
        mention = Mention(verb, [verb], sense.type, sense.mode, sense)
        mention.source = subject_of(noun.head)
        mention.target = noun
        mention.flag_anchor = noun.head
        self._add(mention)

    def _verb_roles(self, mention: Mention, phrase_object: Token | None = None) -> None:
        verb, sense = mention.anchor, mention.sense
        if sense.source_role == "by" and phrase_object is not None:
            mention.source = next(prep_objects(phrase_object, ("by",)), None) or next(
                prep_objects(verb, ("by",)), None
            )
        elif sense.target_role != "subject":
            mention.source = subject_of(verb)
        if sense.target_role == "subject":
            subj = child(verb, "nsubj", "nsubjpass")
            if subj is None and verb.dep_ in ("acl", "relcl") and verb.head.pos_ in NOMINAL_POS:
                subj = verb.head
            mention.target = subj
        else:
            mention.target = self._choose_target(
                self._verb_target_candidates(verb, sense, phrase_object), mention.source
            )
        mention.source = self._speaker_for_pronoun(verb, mention.source)
        if sense.count_from and phrase_object is not None:
            counted = next(prep_objects(phrase_object, (sense.count_from,)), None)
            mention.target = counted  # "took the lives of 12 people": the 12 are the victims
            self._count(mention, sense.casualty, counted)
        elif sense.casualty:
            patient = (passive_patient(verb) if is_passive(verb) else direct_object(verb)) or (
                child(verb, "nsubj") if mention.type is None else None
            )
            self._count(mention, sense.casualty, patient)
        self._reciprocal(mention)

    def _verb_target_candidates(
        self, verb: Token, sense: Sense, phrase_object: Token | None, depth: int = 0
    ) -> list[tuple[Token, int]]:
        """Possible targets in order of preference, each flagged strict (an object or a
        preposition the lexicon names) or loose (any preposition, tried for actors only)."""
        out: list[tuple[Token, int]] = []
        first = passive_patient(verb) if is_passive(verb) else direct_object(verb)
        if sense.prefer_preps:  # "withdrew its troops from Lebanon": Lebanon
            out.extend((o, STRICT) for o in prep_objects(verb, sense.target_preps))
        if first is not None and first is not phrase_object:
            author = _message_target(first, self.lex)
            if author is not None and author is not first:
                out.append((author, STRICT))
            out.append((first, STRICT))
        dative = child(verb, "dative")
        if dative is not None:
            out.append((dative, STRICT))
        for preps in (sense.target_preps or DEFAULT_VERB_TARGET_PREPS,):
            out.extend((o, STRICT) for o in prep_objects(verb, preps))
            if phrase_object is not None:
                out.extend((o, STRICT) for o in prep_objects(phrase_object, preps))
        for obj in (first, phrase_object):
            if obj is None:
                continue
            for o in prep_objects(obj, OBJECT_LINK_PREPS):
                out.append((o, LINKED))
                out.extend((o2, LINKED) for o2 in prep_objects(o, OBJECT_LINK_PREPS))
        if sense.embeds and depth == 0:
            for c in verb.children:
                if c.dep_ == "ccomp":
                    subj = child(c, "nsubj", "nsubjpass")
                    if subj is not None:
                        out.append((subj, STRICT))
                if c.dep_ in ("xcomp", "ccomp") and is_verbal(c):
                    out.extend(
                        (tok, max(LINKED, tier))
                        for tok, tier in self._verb_target_candidates(c, Sense(None), None, 1)
                    )
        out.extend((o, GENERIC) for o in prep_objects(verb, GENERIC_TARGET_PREPS))
        return out

    def _support_target_candidates(
        self, verb: Token, noun: Token, sense: Sense, source: Token | None
    ) -> list[tuple[Token, int]]:
        """Targets of "imposed sanctions on X", "granted asylum to X", "reiterated its demand
        that X ..."."""
        out: list[tuple[Token, int]] = []
        strict = noun_target(noun, sense, source)
        if strict is not None:
            out.append((strict, STRICT))
        preps = sense.target_preps or ("on", "against", "with")
        out.extend((o, STRICT) for o in prep_objects(verb, preps))
        dative = child(verb, "dative")
        if dative is not None:
            out.append((dative, STRICT))
        if sense.type in ("REQUEST", "THREATEN", "ACCUSE"):
            for c in verb.children:
                if c.dep_ == "ccomp":
                    subj = child(c, "nsubj", "nsubjpass")
                    if subj is not None:
                        out.append((subj, STRICT))
        for o in prep_objects(noun, OBJECT_LINK_PREPS):
            if o is source:
                continue
            out.append((o, LINKED))
            out.extend((o2, LINKED) for o2 in prep_objects(o, OBJECT_LINK_PREPS))
        out.extend((o, GENERIC) for o in prep_objects(verb, GENERIC_TARGET_PREPS))
        return out

    def _choose_target(
        self, candidates: list[tuple[Token, int]], source: Token | None
    ) -> Token | None:
        """The first object or object-linked candidate that can be an actor (a candidate's
        author, "Israeli air raids", right after it), else the first strict candidate, else an
        actor in any prepositional phrase of the verb."""
        expanded: list[tuple[Token, int]] = []
        for token, tier in candidates:
            expanded.append((token, tier))
            if not actor_like(token, self.lex, self.actor_tokens):
                author = author_of(token)
                if author is not None:
                    expanded.append((author, LINKED))
        usable = [(t, tier) for t, tier in expanded if t is not source]
        for token, tier in usable:
            if tier <= LINKED and actor_like(token, self.lex, self.actor_tokens):
                return token
        for token, tier in usable:
            if tier == STRICT:
                return token
        for token, _tier in usable:
            if actor_like(token, self.lex, self.actor_tokens):
                return token
        return None

    def _speaker_for_pronoun(self, verb: Token, source: Token | None) -> Token | None:
        """ "Syria says it will not accept": the pronoun is the speaker."""
        if source is None or source.lower_ not in PERSONAL_PRONOUNS:
            return source
        top = verb
        for tok in verb_chain(verb):
            top = tok
        if top.dep_ == "ccomp" and top.head.lemma_.lower() in self.lex.speech_verbs:
            speaker = subject_of(top.head)
            if speaker is not None and speaker.pos_ != "PRON":
                return speaker
        return source

    def _reciprocal(self, mention: Mention) -> None:
        """ "Israel and the US agreed": with no target, the second party is the target."""
        if not mention.sense.reciprocal or mention.target is not None or mention.source is None:
            return
        parties = coordinated(mention.source)
        if len(parties) >= 2:
            mention.target = parties[1]
            mention.reciprocal_split = True

    def _count(self, mention: Mention, casualty: str | None, patient: Token | None) -> None:
        if casualty is None or patient is None:
            return
        found = quantity_of(patient, self.lex.magnitude)
        if found is None:
            return
        reading, start, end = found
        mention.magnitude[casualty] = reading
        mention.magnitude_tokens.append((start, end))

    def _noun(self, noun: Token) -> None:
        sense = noun_sense(noun, self.lex)
        if sense is None or sense.needs_verb or sense.type is None:
            return
        if noun.i in self.owner:
            return
        mention = Mention(noun, [noun], sense.type, sense.mode, sense)
        mention.source = noun_source(noun, sense)
        if mention.source is not None and self._names_a_place(mention.source, noun):
            mention.source = None  # "the Pahalgam massacre": where, not who
        strict = noun_target(noun, sense, mention.source)
        candidates = [(strict, STRICT)] if strict is not None else []
        # "in X" after a noun is where it happened, not whom it hit
        for o in prep_objects(noun, tuple(p for p in OBJECT_LINK_PREPS if p not in ("in", "by"))):
            if o is not mention.source:
                candidates.append((o, LINKED))
        mention.target = self._choose_target(candidates, mention.source)
        for c in noun.children:
            if c.dep_ == "acl":
                mention.extra_clause.append(c)
        if sense.casualty:
            self._count(mention, sense.casualty, next(prep_objects(noun, ("of",)), None))
        self._reciprocal_noun(mention)
        self._add(mention)

    def _names_a_place(self, modifier: Token, noun: Token) -> bool:
        """A name compounded before an event noun that no actor mention covers: a place or
        an occasion ("the Pahalgam attack", "the Christchurch shooting"), not a doer."""
        return (
            modifier.dep_ == "compound"
            and modifier.i < noun.i
            and modifier.ent_type_ in ("GPE", "LOC", "FAC", "")
            and modifier.pos_ == "PROPN"
            and modifier.i not in self.actor_tokens
        )

    def _reciprocal_noun(self, mention: Mention) -> None:
        """ "fighting between Azerbaijanis and Armenians"."""
        if not mention.sense.reciprocal or mention.source is not None:
            return
        between = next(prep_objects(mention.anchor, ("between",)), None)
        if between is not None:
            parties = coordinated(between)
            mention.source = parties[0]
            mention.target = parties[1] if len(parties) > 1 else None
            mention.reciprocal_split = True

    def _obligation(self, verb: Token) -> None:
        """ "X said Sudan must return the helicopter" is a demand of X on Sudan."""
        for clause in verb.children:
            if clause.dep_ != "ccomp" or not is_verbal(clause):
                continue
            modal = next(
                (
                    c
                    for c in clause.children
                    if c.dep_ == "aux" and c.lower_ in self.lex.obligation_modals
                ),
                None,
            )
            if modal is None:
                continue
            subj = child(clause, "nsubj", "nsubjpass")
            speaker = subject_of(verb)
            if subj is None or speaker is None or subj.lower_ in ("we", "i"):
                continue
            sense = Sense(type="REQUEST", mode="demand", embeds=True)
            mention = Mention(verb, [verb, modal], "REQUEST", "demand", sense)
            mention.source = speaker
            mention.target = subj
            self._add(mention)
            for other in self.mentions:
                if other is not mention and other.anchor is clause:
                    other.folded = True
                    mention.tokens.append(other.anchor)

    # ---- folding ----------------------------------------------------------------------------
    def _mention_at(self, token: Token | None) -> Mention | None:
        if token is None:
            return None
        mention = self.owner.get(token.i)
        return mention if mention is not None and not mention.folded else None

    def _fold_into(self, host: Mention, inner: Mention, take_target: bool = True) -> None:
        inner.folded = True
        host.tokens.extend(t for t in inner.tokens if t not in host.tokens)
        if take_target and (host.target is None or host.target in inner.tokens):
            # "threatened a strike on Lebanon": the target is the strike's, not the strike
            host.target = inner.target
        for key, value in inner.magnitude.items():
            host.magnitude.setdefault(key, value)
        host.magnitude_tokens.extend(inner.magnitude_tokens)
        for tok in inner.tokens:
            self.owner[tok.i] = host

    def _fold_embedded(self) -> None:
        """An event in the complement of an embedding trigger is part of it: "threatened to
        strike Lebanon", "threatened a strike against Lebanon", "accused X of committing a
        massacre", "demanded that Hamas renounce", "threats of aggression toward Lebanon"."""
        for host in list(self.mentions):
            if host.folded or not host.sense.embeds or host.type is None:
                continue  # a verb that lost its event to its object ("pressed the attack")
            anchor = host.anchor
            inner_tokens: list[Token] = []
            for c in anchor.children:
                if c.dep_ in ("xcomp", "ccomp", "dobj") or (
                    c.dep_ == "acl" and anchor.pos_ == "NOUN"
                ):
                    inner_tokens.append(c)
                if c.dep_ == "prep" and c.lower_ in ("of", "to", "for", "against"):
                    inner_tokens.extend(g for g in c.children if g.dep_ in ("pobj", "pcomp"))
            for tok in inner_tokens:
                inner = self._mention_at(tok)
                if inner is None or inner is host:
                    continue
                self._fold_into(host, inner)
                if host.type == "THREATEN" and host.mode is None:
                    host.mode = THREAT_MODES.get(inner.type or "", "relations")
        for mention in self.mentions:
            if mention.target is not None and mention.target.i in self.owner:
                owner = self.owner[mention.target.i]
                if owner is not mention and owner.anchor is mention.target:
                    # the target is an event ("rejected the deployment of ..."): its target
                    mention.target = owner.target or mention.target

    def _fold_casualties(self) -> None:
        """ "shelled Juba ..., killing about 20 people" is one ASSAULT with a magnitude."""
        for mention in list(self.mentions):
            if mention.folded or not mention.sense.casualty or mention.anchor.pos_ == "NOUN":
                continue
            host = self._casualty_host(mention)
            if host is None:
                continue
            patient = mention.target
            if mention.type is None and patient is None:  # "12 people died"
                patient = child(mention.anchor, "nsubj", "nsubjpass")
            self._fold_into(host, mention, take_target=False)
            if host.target is None and patient is not None and host.type in ("ASSAULT", "COERCE"):
                host.target = patient
            if host.source is None and mention.type is not None:
                host.source = mention.source if mention.source is not host.anchor else None

    def _casualty_host(self, mention: Mention) -> Mention | None:
        verb = mention.anchor
        candidates: list[Token | None] = []
        attached = ("advcl", "conj", "relcl", "acl", "xcomp", "ccomp")
        if verb.dep_ in attached and verb.head is not verb:
            # "accused the army of bombing a school, killing 17": the bombing killed them
            head = verb.head
            candidates.extend(
                g
                for c in (*head.children, *(g for o in head.children for g in o.children))
                if c.dep_ == "prep" and c.lower_ == "of" and c.i < verb.i
                for g in c.children
                if g.dep_ in ("pcomp", "pobj")
            )
            candidates.append(verb.head)
        candidates.append(child(verb, "nsubj"))
        candidates.append(next(prep_objects(verb, ("by",)), None))
        # "were wounded when Hezbollah fired rockets"
        candidates.extend(c for c in verb.children if c.dep_ == "advcl")
        for prep in ("in", "of", "from", "during", "after"):
            candidates.extend(prep_objects(verb, (prep,)))
        for c in verb.children:  # "died as a result of torture"
            if c.dep_ == "prep" and c.lower_ == "as":
                for g in c.subtree:
                    candidates.append(g)
        for token in candidates:
            host = self._mention_at(token)
            if (
                host is not None
                and host is not mention
                and host.type is not None
                and (host.type in ("ASSAULT", "COERCE", "PROTEST") or mention.type is None)
            ):
                return host
        if mention.type is None:
            for other in self.mentions:
                if other is not mention and not other.folded and other.type == "ASSAULT":
                    return other
        return None

    # ---- flags ---------------------------------------------------------------------------------
    def _flags(self, mention: Mention) -> None:
        anchor = mention.anchor
        mention.negated = negated(anchor, self.lex)
        mention.hypothetical = hypothetical(anchor, self.lex)
        if mention.flag_anchor is not None:  # "denied attacking civilians"
            governor = mention.flag_anchor
            mention.negated = (
                mention.negated
                or negated(governor, self.lex)
                or governor.lemma_.lower() in self.lex.negating_verbs
            )
            mention.hypothetical = mention.hypothetical or hypothetical(governor, self.lex)
        if mention.negated and mention.sense.negated_type:
            mention.type = mention.sense.negated_type
            mention.mode = None
            mention.negated = False
        if anchor.pos_ == "NOUN" and anchor.dep_ in ("dobj", "nsubj", "pobj"):
            # a nominal event takes the modality of the clause it sits in
            head = anchor.head if anchor.dep_ != "pobj" else anchor.head.head
            if is_verbal(head) and head.lemma_.lower() not in self.lex.speech_verbs:
                mention.hypothetical = (
                    mention.hypothetical
                    or hypothetical(head, self.lex)
                    # "to justify an attack", "planned a strike" (not "during a visit")
                    or (anchor.dep_ == "dobj" and head.lemma_.lower() in self.lex.embedding_verbs)
                )
                mention.negated = mention.negated or negated(head, self.lex)
