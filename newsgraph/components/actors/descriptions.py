"""Descriptions for ``newsgraph_actors``: "the faction", "the Lebanese party", "the Israeli PM",
"the Hezbollah leader" read as hits (heads and modifiers in ``actor_descriptions.yaml``) and
resolved to the most recent earlier actor that fits, or to the KB person holding the role on the
publication date."""

from __future__ import annotations

import re
from datetime import date

from spacy.tokens import Doc, Span

from ...extensions import token_lowers
from .kb import STATE_TYPE, ActorEntry, DescriptionHead, DescriptionRules, KnowledgeBase
from .names import ALIAS, DEMONYM, DESC, ActorLexicon, Hit, choose_longest
from .organs import kb_state_served

OFFICE_END = re.compile(r" (?:of|for|to|in|at) ")  # "Spokesperson for the UN Secretary-General"
DEPUTY_WORDS = frozenset(("vice", "deputy", "acting", "former", "assistant"))


class DescriptionReader:
    """Reads and resolves descriptions against the knowledge base and the article so far."""

    def __init__(self, kb: KnowledgeBase, rules: DescriptionRules, lexicon: ActorLexicon) -> None:
        self.kb = kb
        self.rules = rules
        self.lexicon = lexicon

    def description_hits(self, doc: Doc, kb_hits: list[Hit]) -> list[Hit]:
        demonyms = {h.start: h for h in kb_hits if h.kind == DEMONYM}
        orgs = {h.start: h for h in kb_hits if h.kind == ALIAS and self.is_organisation(h)}
        starts: dict[int, list[Hit]] = {}
        for hit in kb_hits:
            starts.setdefault(hit.start, []).append(hit)
        found = self.acronym_hits(doc, kb_hits, orgs)
        for i, word in enumerate(token_lowers(doc)):
            if word == "the":
                hit = self.parse_description(doc, i, demonyms, orgs)
                if hit is None:
                    tail = self.name_tail(doc, i, orgs, starts)
                    if tail is not None:
                        found.append(tail)
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

    def acronym_hits(self, doc: Doc, kb_hits: list[Hit], orgs: dict[int, Hit]) -> list[Hit]:
        """An organisation's initials used alone after it is named in full ("The military
        blamed the Arakan Army ... The AA denied firing at the hospital"; "the Arakan Army (AA)"
        defines them): the most recent organisation named before whose KB name's initials
        (its capitalised words) spell the word. Ordinary coreference (an acronym alias of an
        antecedent; Lee et al. 2013's acronym test): a word of two to six capitals that no KB
        name covers."""
        covered = {i for h in kb_hits for i in range(h.start, h.end)}
        found = []
        for token in doc:
            text = token.text
            if not (2 <= len(text) <= 6 and text.isalpha() and text.isupper()):
                continue
            if token.i in covered:
                continue
            for position in sorted((p for p in orgs if orgs[p].end <= token.i), reverse=True):
                actor_id = orgs[position].actor_ids[0]
                entry = self.kb.get(actor_id)
                if entry is not None and any(initials(n) == text for n in entry.names()):
                    found.append(Hit(token.i, token.i + 1, ALIAS, actor_ids=(actor_id,)))
                    break
        return found

    def name_tail(
        self, doc: Doc, start: int, orgs: dict[int, Hit], starts: dict[int, list[Hit]]
    ) -> Hit | None:
        """ "the <last words of an organisation's name>" after the organisation is named in
        full: "the True News Information Team said ... The information team said" is the team
        (a shortened name, as "the Justice Department" is the Department of Justice). At least
        two words of a name of three or more, ending the noun phrase, where no KB name starts
        (a name of its own wins); the most recent organisation named before whose name ends so.
        Fit text: none in examples/, the seed and 240 PolNeAR fit articles (6 in PolNeAR
        train's raw text, each already a KB name: "the Supreme Court", "The State
        Department"); stories C and H (GNLM): "The information team" 4 times."""
        lowers = token_lowers(doc)
        if start + 1 in starts:
            return None
        for position in sorted((p for p in orgs if orgs[p].end <= start), reverse=True):
            actor_id = orgs[position].actor_ids[0]
            entry = self.kb.get(actor_id)
            if entry is None:
                continue
            for name in entry.names():
                words = tuple(name.lower().split())
                for size in range(len(words) - 1, 1, -1):
                    end = start + 1 + size
                    if tuple(lowers[start + 1 : end]) == words[-size:] and ends_noun_phrase(
                        doc, end
                    ):
                        return Hit(start, end, ALIAS, actor_ids=(actor_id,))
        return None

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
        words_of: list[str] = []
        for _ in range(4):
            head = self.head_at(doc, position)
            if head is not None:
                end = position + len(head.words)
                # a charge may follow a state's own force or a description naming its
                # country, which resolve by the state, not by the nearest actor that fits
                charge = head.national or country is not None
                if ends_noun_phrase(doc, end, charge) and (org is None or head.is_person):
                    words = tuple(words_of)
                    return Hit(start, end, DESC, head=head, country=country, org=org, words=words)
            if position >= len(doc):
                return None
            word = token_lowers(doc)[position]
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
                if word != "-":
                    words_of.append(word)
                position += 1
            else:
                return None
        return None

    def head_at(self, doc: Doc, position: int) -> DescriptionHead | None:
        lowers = token_lowers(doc)
        for size in range(self.rules.longest_head, 0, -1):
            if position + size > len(lowers):
                continue
            words = tuple(lowers[position : position + size])
            head = self.rules.heads.get(words)
            if head is not None and (not head.capitalized or doc[position].text[:1].isupper()):
                return head
        return None

    def country_of(self, actor_id: str) -> str | None:
        entry = self.kb.get(actor_id)
        return entry.country if entry else None

    def resolve_description_hit(
        self, hit: Hit, history: list[ActorEntry], published: date | None
    ) -> str | None:
        head = hit.head
        if head is None:
            return None
        if head.national and not hit.country and two_states_forces(history):
            return None  # "the army" of a story of Congo's army and Rwanda's troops: whose?
        for entry in reversed(history):
            if head.national and entry.slot != "military":
                continue  # "at war with the army": the state's army, not the RSF named before
            served = self.served_state(entry, head)
            if served is not None:
                return served
            if fits_description(
                entry, head, hit.country, published, hit.org
            ) and self.rules.body_words_fit(" ".join(head.words), hit.words, entry.names()):
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

    def served_state(self, entry: ActorEntry, head: DescriptionHead) -> str | None:
        """ "Sudan's army chief, General Abdel Fattah al-Burhan, told soldiers that the
        country's troops ...": a known person of a state, named after the state, names that
        state for "the country" as much as the state's own name does. Fit (every fit part of
        the event and quote sets): 5 readings change, 4 right (Obama, Trump, McKinley: the
        United States; none or the United Kingdom before), 1 wrong (Erdogan "in the country"
        of Germany's summit); a state's body was tried too: 2 more right, 1 right reading lost
        ("called on US troops to leave the country", Iraq)."""
        if head.words != ("country",) or not entry.is_person:
            return None
        return kb_state_served(entry.id)

    def national_force(self, history: list[ActorEntry], country: str | None) -> str | None:
        """The military of the description's country, else of the last state named."""
        if country is None:
            country = next((e.country for e in reversed(history) if e.type == STATE_TYPE), None)
        force = self.kb.slot_actor(country, "military") if country else None
        return force.id if force is not None else None

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


def two_states_forces(history: list[ActorEntry]) -> bool:
    """Whether the history names the militaries of two states or more: "the army" is then
    either's, and stays unresolved as a generic party of two states' context does (a wrong
    state is worse than none). Fit (ConfliBERT, PLOVER, RAMS, WikiEvents, MUC-4, GVDB): 166
    national descriptions, none with two states' militaries before it (0 moved); probe J:
    "the army" of a Congolese story read as the Rwanda Defence Force named last."""
    return len({e.country for e in history if e.slot == "military" and e.country}) >= 2


def ends_noun_phrase(doc: Doc, end: int, charge: bool = False) -> bool:
    """A description head must end its noun phrase ("the group", not "the group leader")."""
    if end >= len(doc):
        return True
    after = doc[end]
    if after.lower_ == "of":
        return charge and names_a_charge(doc, end + 1)
    return after.pos_ not in ("NOUN", "PROPN")


def names_a_charge(doc: Doc, start: int) -> bool:
    """ "of" before a gerund tells what the description is accused of, not whose it is:
    "accused the military of deliberately targeting civilians" (CAMEO 112: accuse X of Y), as
    "the president of France" does not. Fit text (ConfliBERT train, PolNeAR train): 5 "the
    <head> of <gerund>", each a charge ("accusing the Nigerian army of failing to", "accused
    the president of politicizing"); "the party of overwhelming government" (an adjective)
    stays a longer noun phrase. Only after a state's own force ("the army") or a description
    naming its country ("the Nigerian army"): a head resolved to the nearest actor that fits
    took the wrong one on probe J ("accused the rebels of ..." -> the FDLR named last, the
    M23 meant)."""
    if start < len(doc) and doc[start].tag_ == "RB":
        start += 1  # "of deliberately targeting"
    return start < len(doc) and doc[start].tag_ == "VBG" and doc[start].dep_ != "amod"


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


def initials(name: str) -> str:
    """The initials of a name's capitalised words: "Arakan Army" → "AA"."""
    return "".join(w[0] for w in name.split() if w[:1].isupper())
