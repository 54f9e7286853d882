"""Generic parties for ``newsgraph_actors``: "Security forces", "troops", "the army" named
without a state take the state the context names ("soldiers in Mogadishu"; an article that
names Somalia and no other state before or in the party's sentence), as CAMEO/PLOVER coders
code them; with two states in context, or none yet, they stay unresolved (a wrong actor is
worse than none). The heads and the modifiers allowed before them are in
``actor_descriptions.yaml`` (``generic_parties``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from spacy.tokens import Doc, Token

from ...extensions import doc_text, mention_tokens, token_lowers
from ...model import CONTEXT_LABEL, ActorMention
from .evidence import names_a_neighbour
from .kb import MEDIA_TYPE, STATE_TYPE, DescriptionRules, KnowledgeBase
from .names import DEMONYM, LABELS, METONYM, ActorLexicon, Matches

# the actors whose mention names a state in the text: the state and its bodies (and the people
# who serve them: "President Obama has offered to send troops to Uganda" names two states)
STATE_BODY_TYPES = frozenset({STATE_TYPE, "government body", "military"})
DETERMINERS = frozenset({"the", "a", "an", "some", "several", "many", "more", "other"})
PLACE_PREPOSITIONS = frozenset({"in", "at"})
MILITARY_SLOT = "military"  # a service with no KB actor of its own falls back to it
# what may stand right before a party phrase: punctuation, its clause's verb, a preposition, a
# conjunction or an adverb; any other word ("rebel", "UN") makes the head part of its phrase
OPENING_POS = frozenset({"PUNCT", "VERB", "AUX", "ADP", "CCONJ", "SCONJ", "ADV", "SPACE"})


# the actor "<state>'s HEAD" names and the phrase's end, given the token after the state's word
# (``ActorResolver.possessed_slot``: "Israel's army" is the IDF), or None
PossessedSlot = Callable[[Doc, int, str, set[int]], tuple[str, int] | None]


class GenericParties:
    """Finds the generic parties no other mention covers and gives each its context's state."""

    def __init__(
        self,
        kb: KnowledgeBase,
        rules: DescriptionRules,
        lexicon: ActorLexicon,
        possessed_slot: PossessedSlot | None = None,
    ) -> None:
        self.kb = kb
        self.rules = rules
        self.lexicon = lexicon
        self.possessed_slot = possessed_slot
        self.longest = max((len(words) for words in rules.generic_parties), default=1)
        self.first_words = frozenset(words[0] for words in rules.generic_parties)

    def mentions(
        self, doc: Doc, taken: list[ActorMention], matches: Matches | None = None
    ) -> list[ActorMention]:
        """A ``CONTEXT`` mention for each generic party outside ``taken`` (the mentions found
        so far) whose context names one state. ``matches``: the lexicon matcher's matches on
        ``doc``, where the caller has them already."""
        covered = mention_tokens(doc, taken)
        phrases = list(self.phrases(doc, covered))
        if not phrases:
            return []  # most texts name no generic party: their states need not be read
        states = self.state_names(doc, taken, matches)
        text = doc_text(doc)
        found = []
        for start, end, slot in phrases:
            head = doc[end - 1]
            country = self.own_place(head, states) or _only_country(
                {c for position, c in states if position < head.sent.end}
            )
            if not country:
                continue
            actor_id = self.actor_for(country, slot)
            possessed = self.possessed(doc, end, country, slot, covered)
            if possessed is not None:  # "the regime's troops": the state's military
                actor_id, end = possessed
                head = doc[end - 1]
            if actor_id is not None:
                first, last = doc[start].idx, head.idx + len(head.text)
                found.append(ActorMention(first, last, text[first:last], actor_id, CONTEXT_LABEL))
        return found

    def possessed(
        self, doc: Doc, end: int, country: str, slot: str, covered: set[int]
    ) -> tuple[str, int] | None:
        """What a state head's possession names ("the regime's troops": the state's military,
        as "Israel's army" is the IDF), with the phrase's end; None for a service's head."""
        if slot != STATE_TYPE or self.possessed_slot is None:
            return None
        return self.possessed_slot(doc, end, country, covered)

    def phrases(self, doc: Doc, covered: set[int]) -> Iterator[tuple[int, int, str]]:
        """(start, end, slot) of each generic head no mention covers, with its modifiers."""
        i = 0
        while i < len(doc):
            match = self.head_at(doc, i)
            if match is None or any(j in covered for j in range(i, i + len(match[0]))):
                i += 1
                continue
            words, slot = match
            end = i + len(words)
            start = self.phrase_start(doc, i, doc[end - 1])
            if start is not None:
                yield start, end, slot
            i = end

    def head_at(self, doc: Doc, i: int) -> tuple[tuple[str, ...], str] | None:
        # the doc's lower-case column, read once per doc: no Token built for a word that opens
        # no head (most words)
        lowers = token_lowers(doc)
        if lowers[i] not in self.first_words:
            return None
        for size in range(min(self.longest, len(doc) - i), 0, -1):
            words = tuple(lowers[i : i + size])
            slot = self.rules.generic_parties.get(words)
            if slot is not None and self.names_party(doc, i + size - 1):
                return words, slot
        return None

    def names_party(self, doc: Doc, last: int) -> bool:
        """A noun, or a head the tagger reads as an adjective before a speaker's title ("a
        military spokesman"), which names the party all the same."""
        if doc[last].pos_ in ("NOUN", "PROPN"):
            return True
        return last + 1 < len(doc) and doc[last + 1].lower_ in self.rules.generic_party_speakers

    def phrase_start(self, doc: Doc, i: int, head: Token) -> int | None:
        """Where the phrase starts (its allowed modifiers), or None when a word before the head
        makes it someone else's ("rebel troops", "UN troops", "its soldiers", "the
        regime's troops") or it heads a longer phrase ("army officers", "police station")."""
        if self.modifies_next(doc, head):
            return None  # "army officers", "the army-controlled city": another noun's modifier
        if any(child.lower_ == "of" and child.i == head.i + 1 for child in head.children):
            return None  # "troops of the 6th brigade": whose they are follows
        if head.dep_ == "conj" and head.head.pos_ == "ADJ":
            return None  # "the political, military and economic world": an adjective
        if any(c.dep_ in ("poss", "compound", "amod") for c in head.children if c.i < i) and (
            not all(self.allowed_modifier(c) for c in head.children if c.i < i)
        ):
            return None
        start = i
        while start > 0 and doc[start - 1].lower_ in self.rules.generic_party_modifiers:
            start -= 1
        before = doc[start - 1] if start > 0 else None
        if before is None or before.is_space or before.sent.start != head.sent.start:
            return start
        if before.lower_ in DETERMINERS or before.like_num or before.pos_ in OPENING_POS:
            return start
        return None

    def modifies_next(self, doc: Doc, head: Token) -> bool:
        """Whether the head modifies the noun after it ("army officers"), but for a speaker's
        title: "an army spokesman" speaks for the army, as "a Somali army spokesman" does."""
        if head.i + 1 >= len(doc):
            return False
        after = doc[head.i + 1]
        if after.lower_ in self.rules.generic_party_speakers:
            return False
        return after.pos_ in ("NOUN", "PROPN") or after.text == "-"

    def allowed_modifier(self, token: Token) -> bool:
        if token.dep_ in ("det", "nummod", "quantmod", "advmod", "punct"):
            return token.lower_ not in ("its", "their", "his", "her", "our")
        return token.lower_ in self.rules.generic_party_modifiers

    def state_names(
        self, doc: Doc, mentions: list[ActorMention], matches: Matches | None = None
    ) -> list[tuple[int, str]]:
        """(token, country) of every state the text names: a mention of the state, of its
        people ("Somali") or of one of its bodies, and a capital as a place ("in Mogadishu",
        a dateline "MOGADISHU —"), which names no actor. A capital inside an outlet's name
        ("told Kabul Now") names no state."""
        outlets = mention_tokens(doc, (m for m in mentions if self.is_outlet(m)))
        return [
            *self.mentioned_states(doc, mentions),
            *self.metonym_places(doc, matches, outlets),
        ]

    def is_outlet(self, mention: ActorMention) -> bool:
        entry = self.kb.get(mention.actor_id) if mention.actor_id else None
        return entry is not None and entry.type == MEDIA_TYPE

    def mentioned_states(self, doc: Doc, mentions: list[ActorMention]) -> list[tuple[int, str]]:
        """(token, country) of each mention of a state, of its people or of one of its
        bodies, but a neighbour's or a sponsor's ("the border with Chad", "China-backed")."""
        out = []
        for m in mentions:
            entry = self.kb.get(m.actor_id) if m.actor_id else None
            names_state = entry is not None and (
                entry.type in STATE_BODY_TYPES
                or m.label == LABELS[DEMONYM]  # "Lebanese detainees"
                or (entry.is_person and self.serves_a_state(entry.affiliation))
            )
            if names_state and entry is not None and entry.country:
                span = doc.char_span(m.start, m.end, alignment_mode="expand")
                if span is not None and not names_a_neighbour(
                    doc, span.start, span.end, self.rules
                ):
                    out.append((span.start, entry.country))
        return out

    def metonym_places(
        self, doc: Doc, matches: Matches | None = None, outlets: set[int] | None = None
    ) -> list[tuple[int, str]]:
        """(token, country) of each capitalised metonym of the lexicon (a capital,
        "Mogadishu"), read wherever it stands but in an outlet's name (``outlets``: its
        tokens): as a place it names no actor, yet its state."""
        out = []
        for _, start, end in self.lexicon.matcher(doc) if matches is None else matches:
            if outlets and start in outlets:
                continue
            for reading in self.lexicon.readings_for(doc[start:end]):
                entry = self.kb.get(reading.actor_id)
                if (
                    reading.kind == METONYM
                    and entry is not None
                    and entry.country
                    and doc[start].text[:1].isupper()
                    and not names_a_neighbour(doc, start, end, self.rules)
                ):
                    out.append((start, entry.country))
        return out

    def serves_a_state(self, affiliation: str | None) -> bool:
        """A person of the state's ("President Obama"), not of the UN ("Antonio Guterres")."""
        body = self.kb.get(affiliation) if affiliation else None
        return body is not None and body.type in STATE_BODY_TYPES

    def own_place(self, head: Token, states: list[tuple[int, str]]) -> str | None:
        """The state of an "in <place>" phrase of the party's own ("soldiers in Mogadishu")."""
        for child in head.children:
            if child.dep_ == "prep" and child.lower_ in PLACE_PREPOSITIONS:
                inside = range(child.i, child.right_edge.i + 1)
                return _only_country({c for position, c in states if position in inside})
        return None

    def actor_for(self, country: str, slot: str) -> str | None:
        """The state's actor of the head's slot: its air force for "the air force" where the KB
        has one, else its military (CAMEO codes every service as the state's MIL), else the
        state itself; the state for a head listed under ``state``."""
        if slot == STATE_TYPE:
            actor = self.kb.state_of(country)
        else:
            actor = (
                self.kb.slot_actor(country, slot)
                or self.kb.slot_actor(country, MILITARY_SLOT)
                or self.kb.state_of(country)
            )
        return actor.id if actor is not None else None


def _only_country(countries: set[str]) -> str | None:
    """The country when ``countries`` holds exactly one, else None (two states: unresolved)."""
    return next(iter(countries)) if len(countries) == 1 else None
