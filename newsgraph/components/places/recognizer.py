"""Toponym recognition: spaCy's GPE/LOC/FAC entities plus gazetteer names NER misses.

Every toponym found gets a ``role``:

- ``place``: a literal location ("strikes on Rafah", "in southern Lebanon");
- ``metonym``: the subject of a speech or cognition verb ("Washington said", "Tehran denied"),
  standing for a government;
- ``demonym``: "Israeli", "Russians" (counted as toponyms of the country, GeoWebNews style);
- ``embedded``: a place name inside an organisation's or event's name ("EU" in "EU Commission",
  "Cauvery" in "Cauvery Water Regulation Committee").

Only ``place`` toponyms become place mentions of the article; all three count for recognition.
The ``Toponym`` record and the role rules live in ``toponyms.py``.
"""

from __future__ import annotations

import re

import numpy as np
from spacy.attrs import ENT_TYPE, IS_TITLE, LOWER, POS, SENT_START
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.symbols import PROPN
from spacy.tokens import Doc, Span

from ...extensions import doc_text, entities
from .gazetteer import ADMIN1, CITY, COUNTRY, STATE, Gazetteer
from .person_names import named_a_person, surname_of_a_named_person
from .spellings import is_arab_town_spelling
from .toponyms import (
    BLOCKING_LABELS,
    DEMONYM_LABELS,
    LEADING_WORDS,
    MODIFIER_DEPS,
    PLACE_LABELS,
    SUBJECT_DEPS,
    Toponym,
    modifies_a_noun,
    toponym_role,
    trimmed_name,
)

LOCATIVE_PREPOSITIONS = frozenset(
    {
        "in",
        "at",
        "near",
        "from",
        "to",
        "into",
        "towards",
        "toward",
        "across",
        "outside",
        "around",
        "inside",
        "through",
        "via",
        "between",
        "of",
        "on",
        "off",
        "over",
    }
)
# ... and an "ORG" after one of these ("in Dewsbury"); not "of", "on", "at" ("CEO of Apple")
TOWN_PREPOSITIONS = frozenset({"in", "from", "to", "into", "near", "between", "outside"})
ORG_LIKE_LABELS = frozenset({"ORG", "NORP"})
# ... of this size: in the fit parts of GeoWebNews, LGL and event-location, such names of towns
# of 1,000 to 10,000 are gold toponyms 13 times in 21
MIN_POPULATION_ORG_AFTER_PREPOSITION = 1_000
# labels the small model gives well-known cities it does not know ("outskirts of Karachi" ORG,
# "northern countryside of Aleppo" NORP, "the siege on Manbij" PRODUCT, "a hospital in Aleppo"
# LANGUAGE: no language's name is the official name of a GeoNames town of 10,000 or more)
MISREAD_LABELS = frozenset({"ORG", "NORP", "PRODUCT", "LANGUAGE"})
MIN_POPULATION_RELABEL = 10_000  # a "PERSON" after "in" is a town only if it is not a hamlet
# a one-word "PERSON" anywhere ("Russia shelled Kherson") is a city only if it is a big one
MIN_POPULATION_BARE = 50_000
# an untagged proper noun after a locative preposition is a city only if it is a large one
MIN_POPULATION_UNTAGGED = 100_000
# the pieces spaCy splits a hyphenated name into ("Mazar - e - Sharif", "Deir ez - Zor")
NAME_JOINERS = frozenset({"-", "e", "el", "ez", "es", "al", "ul", "i"})
MAX_UNTAGGED_TOKENS = 5  # "Mazar - e - Sharif", "Deir ez - Zor" as spaCy splits them
# ... and anywhere else only if it is a major city ("They captured Mazar-e-Sharif in May")
MIN_POPULATION_UNTAGGED_ANYWHERE = 500_000
# an "ORG", "NORP" or "PRODUCT" anywhere that is the official name of a city this large is the
# city, unless the parse makes it an actor (the subject of a verb: "Barcelona signed Messi")
MIN_POPULATION_MISREAD = 50_000
# ... and a division or country needs one of these right before it ("rallies in Corsica")
REGION_PREPOSITIONS = frozenset({"in", "into", "across", "throughout", "inside", "outside", "near"})
# labels a name that a place noun calls a place may wrongly bear ("the Hama countryside" ORG)
NOUN_NAMED_LABELS = frozenset({"ORG", "NORP", "PERSON", "PRODUCT"})
# a word after a proper noun that makes it a place name ("the Rafah region", "Aleppo province")
PLACE_FEATURE_NOUNS = frozenset(
    {
        "province",
        "governorate",
        "district",
        "region",
        "area",
        "countryside",
        "city",
        "town",
        "village",
        "suburb",
        "suburbs",
        "outskirts",
        "neighbourhood",
        "neighborhood",
    }
)
# a lower-case place noun right before a name, in apposition ("East Timor's capital Dili", "the
# southern port city Karachi", "the Kurdish town Kobani"): a cue like a locative preposition
PLACE_NOUNS_BEFORE = frozenset({"capital", "city", "town", "village", "port"})
# "in northern Aleppo": a direction between the preposition and the name
DIRECTION_WORDS = frozenset(
    {
        "northern",
        "southern",
        "eastern",
        "western",
        "central",
        "northeastern",
        "northwestern",
        "southeastern",
        "southwestern",
        "north",
        "south",
        "east",
        "west",
    }
)
# "rebels captured Birao": the object of a verb of taking ground that NER tags ORG or PRODUCT
# is a town when it is the official name of one of this size (not PERSON: "police captured
# Guzman"; not NORP: "captured Arab fighters")
CAPTURE_VERBS = frozenset(
    {"capture", "recapture", "seize", "retake", "overrun", "storm", "liberate", "besiege"}
)
MIN_POPULATION_CAPTURED = 5_000
CAPTURED_LABELS = frozenset({"ORG", "PRODUCT"})
# a subject of these is a person, whatever the gazetteer knows ("Jackson said")
PERSON_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})


# A dateline: an upper-case place name opening a paragraph or following a byline sentence,
# then "(AP)", a dash, a comma or a colon ("WASHINGTON (AP) —", "TORONTO —", "RALEIGH, N.C.
# (AP)", "BAMAKO - ", and South Asian papers' "RAWALPINDI:", "NEW DELHI:").
_CAPS_NAME = r"[A-Z][A-Z'’\-]*\.?(?: [A-Z][A-Z'’\-]*\.?){0,3}"
_DATELINE = re.compile(
    rf"(?:^|\n|\.[ \t]+)[ \t]*(?P<first>{_CAPS_NAME})(?:[ \t]*&[ \t]*(?P<second>{_CAPS_NAME}))?"
    r"[ \t]*(?P<mark>,|\(|—|–|--?|:(?=[ \t]))"
)
# "UPDATE:", "WATCH:", "EXCLUSIVE:" open lines too: a colon dateline must name a curated place
# or a town of this size
MIN_POPULATION_COLON_DATELINE = 10_000


def dateline_name_starts(text: str) -> set[int]:
    """Where the upper-case names of the text's datelines begin (places or not: the caller
    keeps those it recognised as places)."""
    return {
        match.start(group)
        for match in _DATELINE.finditer(text)
        for group in ("first", "second")
        if match.start(group) >= 0
    }


def _untagged_proper_nouns(doc: Doc) -> list[int]:
    """Indices of title-case proper nouns outside entities that open a run of them (not
    sentence starts), found with arrays rather than a Python loop over every token."""
    if len(doc) < 2:
        return []
    rows = doc.to_array([LOWER, POS, IS_TITLE, ENT_TYPE, SENT_START]).astype(np.int64)
    untagged = (rows[:, 1] == PROPN) & (rows[:, 2] == 1) & (rows[:, 3] == 0) & (rows[:, 4] != 1)
    opens = untagged.copy()
    opens[1:] &= ~untagged[:-1]
    opens[0] = False
    return np.flatnonzero(opens).tolist()


def _place_cue(span: Span) -> bool:
    """Words around a name that make it a place: a locative preposition before it ("outskirts
    of Karachi"), a place noun after it ("the Rafah region") or right before it ("the capital
    Dili")."""
    doc = span.doc
    after = doc[span.end].lower_ if span.end < len(doc) else ""
    return locative_before(doc, span.start) or after in PLACE_FEATURE_NOUNS or noun_before(span)


def noun_before(span: Span) -> bool:
    """ "the capital Dili", "the port city Karachi": a lower-case place noun right before."""
    before = span.doc[span.start - 1] if span.start > 0 else None
    return before is not None and before.is_lower and before.text in PLACE_NOUNS_BEFORE


def locative_before(doc: Doc, i: int) -> bool:
    """ "of Muzaffarabad", "in northern Aleppo": a locative preposition right before the
    name, or before a direction word before it."""
    return preposition_before(doc, i) in LOCATIVE_PREPOSITIONS


def preposition_before(doc: Doc, i: int) -> str:
    """The lower-case word before token ``i``, a direction word between skipped ("in northern
    Aleppo": "in"); "" at the start."""
    before = i - 1
    if before > 0 and doc[before].lower_ in DIRECTION_WORDS:
        before -= 1
    return doc[before].lower_ if before >= 0 else ""


class Recognizer:
    """Finds toponyms in a parsed Doc. Build once per pipeline (the matcher is precompiled)."""

    def __init__(self, nlp: Language, gazetteer: Gazetteer) -> None:
        self.gaz = gazetteer
        self.names = PhraseMatcher(nlp.vocab, attr="ORTH")
        forms = sorted(gazetteer.surface_forms)
        self.names.add("NAME", list(nlp.tokenizer.pipe(forms)))
        self.demonyms = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.demonyms.add("DEMONYM", list(nlp.tokenizer.pipe(sorted(gazetteer.demonyms))))

    def __call__(self, doc: Doc) -> list[Toponym]:
        found: list[tuple[Span, str]] = []
        place_names = {ent.text for ent in entities(doc) if ent.label_ in PLACE_LABELS}
        relabelled: set[int] = set()
        for ent in entities(doc):
            if ent.label_ in PLACE_LABELS:
                found.append((ent, "ner"))
            elif ent.label_ in DEMONYM_LABELS and self._is_demonym(ent.text):
                found.append((ent, "demonym"))
            elif self._is_misread_place(ent, place_names):
                found.append((ent, "ner"))
                relabelled.update(range(ent.start, ent.end))
        datelines = self._datelines(doc)
        dateline_tokens = {i for span, _ in datelines for i in range(span.start, span.end)}
        # an entity that runs over a dateline ("BAMAKO - Mali's" read as one ORG) is a misparse
        blocked = self._blocked_tokens(doc, dateline_tokens) - relabelled
        names = self._person_tokens(doc, place_names) - relabelled
        for _, start, end in self.names(doc):
            if any(i in names for i in range(start, end)) and not _takes_in_whole_names(
                doc, start, end
            ):
                continue  # "Jordan Peterson", "Georgia Smith"
            source = "embedded" if _inside_a_name(doc, blocked, start, end) else "gazetteer"
            found.append((doc[start:end], source))
        for _, start, end in self.demonyms(doc):
            span = doc[start:end]
            if any(i in names for i in range(start, end)):
                continue
            if any(i in blocked for i in range(start, end)):
                found.append((span, "embedded"))
            elif modifies_a_noun(span):
                found.append((span, "demonym"))
        found += datelines
        found += self._untagged_towns(doc, blocked | names)
        toponyms = [self._toponym(doc, span, source) for span, source in _longest_first(found)]
        dateline_chars = {(span.start_char, span.end_char) for span, _ in datelines}
        for toponym in toponyms:
            if toponym is not None and (toponym.start, toponym.end) in dateline_chars:
                # where the story was filed, whatever the parse makes of it ("BAMAKO - Mali's
                # army said": the dateline is no speaking subject)
                toponym.role = "place"
        return [t for t in toponyms if t is not None]

    def _datelines(self, doc: Doc) -> list[tuple[Span, str]]:
        """Upper-case dateline places, which the small model rarely tags ("BEIRUT (AP) —")."""
        found = []
        text = doc_text(doc)  # doc.text rebuilds the whole article on each access
        for match in _DATELINE.finditer(text):
            for group in ("first", "second"):
                start, end = match.span(group)
                if start < 0:
                    continue
                name = text[start:end].rstrip(".")
                if len(name) < 3 or not any(
                    primary for _, primary in self.gaz.candidates(name.title())
                ):
                    continue
                if match.group("mark") == ":" and not (
                    self._is_curated(name.title())
                    or self._is_town(name.title(), MIN_POPULATION_COLON_DATELINE)
                ):
                    continue
                span = doc.char_span(start, start + len(name))
                if span is not None:
                    found.append((span, "gazetteer"))
        return found

    def _untagged_towns(self, doc: Doc, taken: set[int]) -> list[tuple[Span, str]]:
        """Cities the small model leaves untagged: runs of proper nouns outside any entity that
        are the official name of a city of some size (GeoNames names are matched in raw text
        nowhere else). The size wanted depends on the words around: a large city after a
        locative preposition ("Residents of Muzaffarabad said", "in northern Aleppo") or
        before a place noun ("the Rafah region"), a major city anywhere else."""
        found = []
        for i in _untagged_proper_nouns(doc):
            if i in taken:
                continue
            end = i + 1
            while (
                end < len(doc)
                and end - i < MAX_UNTAGGED_TOKENS
                and not doc[end].ent_type_
                and (
                    (doc[end].is_title and doc[end].pos_ == "PROPN")
                    or doc[end].text in NAME_JOINERS
                )
            ):
                end += 1
            after_locative = locative_before(doc, i)
            for stop in range(end, i, -1):
                span = doc[i:stop]
                if doc[stop - 1].is_punct or any(j in taken for j in range(i, stop)):
                    continue
                if stop < end and not after_locative:
                    break  # a part of a longer name ("the Seoul Central District Court")
                cued = after_locative or _place_cue(span)
                least = MIN_POPULATION_UNTAGGED if cued else MIN_POPULATION_UNTAGGED_ANYWHERE
                if span.root.dep_ not in PERSON_SUBJECT_DEPS and self.is_city(span.text, least):
                    found.append((span, "gazetteer"))
                    break
        return found

    def _is_demonym(self, text: str) -> bool:
        """ "Iraqi", "Iraqis"; not a plural that is a place's own name ("Laos", "Philippines":
        "Lao" and "Philippine" are demonyms)."""
        if text in self.gaz.demonyms:
            return True
        return (
            text.endswith("s")
            and text[:-1] in self.gaz.demonyms
            and text not in self.gaz.surface_forms
        )

    def _is_misread_place(self, ent: Span, place_names: set[str]) -> bool:
        if ent.label_ in CAPTURED_LABELS and self._is_captured_town(ent):
            return True
        if ent.label_ in NOUN_NAMED_LABELS and self._is_named_by_place_noun(ent):
            return True
        if ent.label_ == "PERSON":
            return self._is_mislabelled_place(ent, place_names)
        if ent.label_ in ORG_LIKE_LABELS and self._is_town_read_as_org(ent):
            return True
        return ent.label_ in MISREAD_LABELS and self._is_city_read_as_name(ent)

    def _is_city_read_as_name(self, ent: Span) -> bool:
        """An "ORG", "NORP" or "PRODUCT" that is wholly the official name of a city: the small
        model does not know many cities outside Europe and America. A city of some size after a
        locative preposition or before a place noun ("of Karachi", "over Dhaka", "the siege on
        Manbij", "Aleppo province"), a major one anywhere. The subject of a verb stays a name (a
        club, a firm: "Barcelona signed ..."), and so does a name the article gives a person
        ("Lincoln" after "Abraham Lincoln")."""
        text = trimmed_name(ent)
        if text is None or len(text) > 3 or text.start != ent.start:
            return False
        if text.root.dep_ in SUBJECT_DEPS or not all(t.is_title for t in text if t.is_alpha):
            return False
        if surname_of_a_named_person(text) or named_a_person(text):
            return False
        if not _place_cue(text):
            return self.is_city(text.text, MIN_POPULATION_UNTAGGED_ANYWHERE)
        return self.is_city(text.text, MIN_POPULATION_MISREAD) or self._is_region_in(text)

    def _is_named_by_place_noun(self, ent: Span) -> bool:
        """ "the northern Hama countryside", "the Kokrajhar district", "the town of Halba": a
        place noun calls the name a place, and it is the official name of a gazetteer place
        of any size (in the fit parts of event-location, GeoWebNews and LGL, 29 such names
        NER tags ORG, NORP, PERSON or PRODUCT, each a place)."""
        text = trimmed_name(ent)
        if text is None or len(text) > 3 or text.start != ent.start:
            return False
        if not all(t.is_title for t in text if t.is_alpha):
            return False
        doc = ent.doc
        after = doc[text.end].lower_ if text.end < len(doc) else ""
        noun_of = (
            text.start >= 2
            and doc[text.start - 1].lower_ == "of"
            and doc[text.start - 2].lower_ in PLACE_FEATURE_NOUNS
        )
        if after not in PLACE_FEATURE_NOUNS and not noun_of:
            return False
        return any(primary for _, primary in self.gaz.candidates(text.text))

    def _is_captured_town(self, ent: Span) -> bool:
        """ "first captured Birao": a name the verb takes as ground taken, the official name
        of a town, not a name the article gives a person."""
        text = trimmed_name(ent)
        if text is None or text.start != ent.start or len(text) > 3:
            return False
        root = text.root
        if root.dep_ != "dobj" or root.head.lemma_.lower() not in CAPTURE_VERBS:
            return False
        if surname_of_a_named_person(text) or named_a_person(text):
            return False
        return self.is_city(text.text, MIN_POPULATION_CAPTURED)

    def _is_region_in(self, text: Span) -> bool:
        """ "rallies in Corsica": a division or country right after "in" and the like, not a
        modifier (firms bear such names too: "criticisms of Amazon's model", "towards Western
        partners")."""
        doc = text.doc
        before = doc[text.start - 1].lower_ if text.start > 0 else ""
        return (
            before in REGION_PREPOSITIONS
            and text.root.dep_ not in MODIFIER_DEPS
            and any(
                primary and entry.kind in (ADMIN1, COUNTRY, STATE)
                for entry, primary in self.gaz.candidates(text.text)
            )
        )

    def _is_mislabelled_place(self, ent: Span, place_names: set[str]) -> bool:
        """A "PERSON" that is a place: the small model tags "Rafah", "Litani" as people.

        Trusted when the same text is a GPE/LOC elsewhere in the article, when it is a curated
        name (supplement, country, US state), or when it follows a locative preposition and
        names a town of some size.
        """
        text = trimmed_name(ent)
        if text is None:
            return False
        name = text.text
        if name in place_names or self._is_curated(name):
            return True
        before = ent.doc[ent.start - 1].lower_ if ent.start > 0 else ""
        if before in LOCATIVE_PREPOSITIONS or noun_before(ent):
            least = MIN_POPULATION_RELABEL
            return self._is_town(name, least) or is_arab_town_spelling(self.gaz, name, least)
        if self._is_whole_division_or_city(ent, text):
            return True
        return (
            len(text) == 1
            and text.root.dep_ not in PERSON_SUBJECT_DEPS
            and not surname_of_a_named_person(ent)
            and self._is_town(name, MIN_POPULATION_BARE)
        )

    def _is_whole_division_or_city(self, ent: Span, text: Span) -> bool:
        """A "PERSON" that is wholly the official name of a first-level division ("shelled
        Hama", "Quneitra and Daraa") or, of two words or more, of a city of 500,000 or more
        ("Port Harcourt", "Mbuji Mayi"); not the surname of a person the article names, and
        one word only where it is no subject ("Victoria said")."""
        if text.end != ent.end or not all(t.is_title for t in text if t.is_alpha):
            return False
        if surname_of_a_named_person(text) or (
            len(text) == 1
            and (
                text.root.dep_ in PERSON_SUBJECT_DEPS
                or any(t.ent_type_ == "PERSON" for t in text.root.conjuncts)
            )
        ):
            return False  # "Mary said", "Peter, Paul and Mary"
        found = [entry for entry, primary in self.gaz.candidates(text.text) if primary]
        return any(entry.kind == ADMIN1 for entry in found) or (
            len(text) > 1
            and any(
                e.kind == CITY and e.population >= MIN_POPULATION_UNTAGGED_ANYWHERE for e in found
            )
        )

    def is_city(self, name: str, min_population: int) -> bool:
        """The official name of a GeoNames town this large (curated names, matched in raw text
        anyway, need no size: "States" is no city)."""
        return any(
            primary and entry.kind == CITY and entry.population >= min_population
            for entry, primary in self.gaz.candidates(name)
        )

    def _is_town(self, name: str, min_population: int) -> bool:
        return any(
            primary and entry.population >= min_population
            for entry, primary in self.gaz.candidates(name)
        )

    def _is_town_read_as_org(self, ent: Span) -> bool:
        """An "ORG" or "NORP" that is a town: the small model tags "in Dewsbury", "between
        Harare and London", "a visit to Tunis" so. Trusted only right after a locative
        preposition that rarely precedes a firm's name, for a town of some size."""
        text = trimmed_name(ent)
        if text is None or len(text) > 3 or text.start != ent.start:
            return False
        before = ent.doc[ent.start - 1].lower_ if ent.start > 0 else ""
        if before not in TOWN_PREPOSITIONS:
            return False
        least, name = MIN_POPULATION_ORG_AFTER_PREPOSITION, text.text
        return self._is_town(name, least) or is_arab_town_spelling(self.gaz, name, least)

    def _is_curated(self, name: str) -> bool:
        # short upper-case names are too often people's initials; a mixed-case one ("LoC") is not
        short_ok = len(name) == 3 and not name.isupper() and not name.islower()
        return name in self.gaz.surface_forms and (len(name) > 3 or short_ok)

    @staticmethod
    def _blocked_tokens(
        doc: Doc, dateline_tokens: set[int] | frozenset[int] = frozenset()
    ) -> set[int]:
        """Tokens inside names of organisations, works, events ...: a place name there is
        embedded ("Cauvery Water Regulation Committee"), not a place. An entity that takes in
        a dateline blocks nothing."""
        return {
            i
            for ent in entities(doc)
            if ent.label_ in BLOCKING_LABELS
            and ent.label_ != "PERSON"
            and not any(j in dateline_tokens for j in range(ent.start, ent.end))
            for i in range(ent.start, ent.end)
        }

    def _person_tokens(self, doc: Doc, place_names: set[str]) -> set[int]:
        """Tokens of people's names, where a gazetteer name is no toponym at all."""
        return {
            i
            for ent in entities(doc)
            if ent.label_ == "PERSON"
            and not (ent.text in place_names or self._is_curated(ent.text))
            for i in range(ent.start, ent.end)
        }

    def _toponym(self, doc: Doc, span: Span, source: str) -> Toponym | None:
        span = trimmed_name(span)
        if span is None:
            return None
        if source == "ner" and self._is_demonym(span.text):
            source = "demonym"
        role = source if source in ("demonym", "embedded") else toponym_role(span)
        start, end = span.start_char, span.end_char
        # span.text reads only the span's tokens; doc.text would rebuild the whole article
        return Toponym(start, end, span.text, source, role)


def _inside_a_name(doc: Doc, blocked: set[int], start: int, end: int) -> bool:
    """A curated name with tokens of an organisation's or work's name is part of that name
    ("Cauvery Water Regulation Committee"), unless it wholly takes the name in and has words
    of its own ("the Balata refugee camp", where the small model tags "Balata" an
    organisation; not "the Pentagon", whose "the" is no word of the name)."""
    if not any(i in blocked for i in range(start, end)):
        return False
    own_words = any(
        i not in blocked and doc[i].is_alpha and doc[i].lower_ not in LEADING_WORDS
        for i in range(start, end)
    )
    takes_in = start - 1 not in blocked and end not in blocked and own_words
    return not takes_in


def _takes_in_whole_names(doc: Doc, start: int, end: int) -> bool:
    """A longer curated name that wholly contains the "people" it overlaps: "Azad Jammu and
    Kashmir", where the small model tags "Azad Jammu" a person."""
    people = [ent for ent in entities(doc) if ent.label_ == "PERSON" and ent.start < end < ent.end]
    people += [
        ent for ent in entities(doc) if ent.label_ == "PERSON" and ent.start < start < ent.end
    ]
    return end - start > 1 and not people


def _longest_first(found: list[tuple[Span, str]]) -> list[tuple[Span, str]]:
    """Non-overlapping spans, longer ones first, NER before the gazetteer at equal length."""
    order = {"ner": 0, "gazetteer": 1, "demonym": 2, "embedded": 3}
    ranked = sorted(found, key=lambda f: (-(f[0].end - f[0].start), order[f[1]], f[0].start))
    taken: set[int] = set()
    kept = []
    for span, source in ranked:
        tokens = range(span.start, span.end)
        if any(i in taken for i in tokens):
            continue
        taken.update(tokens)
        kept.append((span, source))
    return sorted(kept, key=lambda f: f[0].start)
