"""Casualty and arrest counts: "at least 12", "dozens", "two hundred", "10 to 15".

A magnitude keeps the words as written (``text``) and the lower bound they state (``min``),
with ``max`` where the text gives an upper bound ("up to 16", "10 to 15").
"""

from __future__ import annotations

import re
from collections.abc import Collection
from typing import Any

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from ...extensions import doc_text
from .lexicon import Sense

_NUMBER_TOKEN = re.compile(r"^\d[\d,]*(\.\d+)?$")
# how the parser hangs a result word on its verb: "was shot dead" (oprd), "shot dead a man"
# (advmod), "shot a guard dead" (advcl), "lay shot dead" (acomp, xcomp)
RESULT_DEPS = frozenset({"oprd", "acomp", "advmod", "advcl", "xcomp"})
# "two dozen" is 24 (session 25: read as 2 + 12 before); "a dozen" and "dozen" stay 12
_SCALES = {
    "dozen": 12,
    "hundred": 100,
    "thousand": 1000,
    "million": 1_000_000,
    "billion": 1_000_000_000,
}


def parse_number(words: list[str], number_words: dict[str, int]) -> float | None:
    """The value of a number written in digits and/or words ("2,300", "twenty-three",
    "1.5 million", "two hundred"); None when no word is a number."""
    total = 0.0
    current = 0.0
    seen = False
    for raw in words:
        for word in raw.lower().split("-"):
            if _NUMBER_TOKEN.match(word):
                current += float(word.replace(",", ""))
                seen = True
            elif word in _SCALES:
                scale = _SCALES[word]
                current = (current or 1) * scale
                if scale >= 1000:
                    total += current
                    current = 0
                seen = True
            elif word in number_words:
                current += number_words[word]
                seen = True
            elif seen and word in ("and", "a"):
                continue
            elif seen:
                break
    if not seen:
        return None
    return total + current


def _as_int(value: float | None) -> int | None:
    return None if value is None else round(value)


def _starts_with(text: str, phrases: list[str]) -> str | None:
    for phrase in sorted(phrases, key=len, reverse=True):
        if text == phrase or text.startswith(phrase + " "):
            return phrase
    return None


def read_quantity(text: str, table: dict[str, Any]) -> dict[str, Any] | None:
    """``{"text", "min", "max"}`` for a quantity phrase, or None when it states no number."""
    lowered = " ".join(text.lower().replace(",", "").split())
    number_words = table.get("number_words") or {}
    vague = table.get("vague") or {}
    if (times := _vague_times_scale(lowered, table)) is not None:
        return {"text": text, "min": times, "max": None}
    for phrase in sorted(vague, key=len, reverse=True):
        if lowered == phrase or lowered.startswith(phrase + " of") or lowered == phrase + " of":
            return {"text": text, "min": int(vague[phrase]), "max": None}
    lower = _starts_with(lowered, table.get("lower_bound") or [])
    upper = _starts_with(lowered, table.get("upper_bound") or [])
    approx = _starts_with(lowered, table.get("approximate") or [])
    rest = lowered
    for cue in (lower, upper, approx):
        if cue and rest.startswith(cue):
            rest = rest[len(cue) :].strip()
    range_parts = re.split(r"\s+(?:to|and|or)\s+|(?<=\d)\s*[-–]\s*(?=\d)", rest, maxsplit=1)
    rest = re.sub(r"^between\s+", "", rest)
    if len(range_parts) == 2:
        low = parse_number(re.sub(r"^between\s+", "", range_parts[0]).split(), number_words)
        high = parse_number(range_parts[1].split(), number_words)
        if low is not None and high is not None:
            return {"text": text, "min": _as_int(low), "max": _as_int(high)}
    value = parse_number(rest.split(), number_words)
    if value is None:
        return None
    if upper and not lower and upper not in (table.get("approximate") or []):
        return {"text": text, "min": None, "max": _as_int(value)}
    if upper and upper == approx and upper in ("up to", "nearly", "almost", "close to"):
        return {"text": text, "min": None, "max": _as_int(value)}
    return {"text": text, "min": _as_int(value), "max": None}


def _vague_times_scale(lowered: str, table: dict[str, Any]) -> int | None:
    """ "several dozen" (36), "a few hundred" (200), "half a dozen" (6): a vague word of
    ``vague_times`` or "half a" before a scale word multiplies it (the lower bound, as the
    vague word alone states it); None for any other phrase."""
    vague = table.get("vague") or {}
    words = "|".join(re.escape(w) for w in sorted(table.get("vague_times") or [], key=len)[::-1])
    if not words:
        return None
    scales = "|".join(_SCALES)
    match = re.match(rf"^(?:(?P<v>{words})|(?P<half>half an?)) (?P<s>{scales})s?\b", lowered)
    if match is None:
        return None
    factor = 0.5 if match.group("half") else vague[match.group("v")]
    return round(factor * _SCALES[match.group("s")])


def _number_child(noun: Token) -> Token | None:
    for child in noun.children:
        if child.dep_ == "nummod" or (child.like_num and child.dep_ in ("amod", "quantmod")):
            return child
    return None


def fatal_result(verb: Token, table: dict[str, Any]) -> bool:
    """Whether the verb has a result phrase that makes it a killing: "to" with a noun of the
    table's ``fatal_results`` ("shot to death"), or a result word of its ``fatal_states``
    ("was shot dead", "shot dead a teacher", "shot a teacher dead")."""
    results = table.get("fatal_results") or ()
    states = table.get("fatal_states") or ()
    return any(
        _to_fatal_noun(c, results)
        or _fatal_state(c, states)
        or _fatal_state_after_object(c, states)
        for c in verb.children
    )


def killing_sense(verb: Token, sense: Sense | None, table: dict[str, Any]) -> Sense | None:
    """An attack for a verb done "to death" that the lexicon reads as no attack ("was hacked to
    death", where `hack` is a cyber attack; "stoned to death", in no entry; "burned to death",
    where `burn` needs a building or a vehicle): a "to death" result makes any act on a patient
    (an object or a passive subject) a killing, but a judgement ("sentenced to death", the
    table's ``death_sentences``) and a verb with no patient ("bled to death") stay as they
    are."""
    if verb.pos_ != "VERB" or (
        sense is not None and sense.type == "ASSAULT" and not sense.needs_object_class
    ):
        return None  # an attack already, with no condition on its object that may fail
    if verb.lemma_.lower() in (table.get("death_sentences") or ()):
        return None
    results = table.get("fatal_results") or ()
    if not any(_to_fatal_noun(c, results) for c in verb.children):
        return None
    if not any(c.dep_ in ("dobj", "nsubjpass") for c in verb.children):
        return None
    return Sense(type="ASSAULT", casualty="killed")


def _to_fatal_noun(prep: Token, results: Collection[str]) -> bool:
    """ "to death": "to" with one of the fatal result nouns."""
    return (
        prep.dep_ == "prep"
        and prep.lower_ == "to"
        and any(g.dep_ == "pobj" and g.lower_ in results for g in prep.children)
    )


def _fatal_state(word: Token, states: Collection[str]) -> bool:
    """ "dead" hung on the verb as its result ("was shot dead", "shot dead a teacher")."""
    return word.lower_ in states and word.dep_ in RESULT_DEPS


def _fatal_state_after_object(obj: Token, states: Collection[str]) -> bool:
    """ "shot a teacher dead": the tagger reads the result word as the object's modifier."""
    return obj.dep_ == "dobj" and any(
        g.lower_ in states and g.dep_ == "amod" and g.i > obj.i for g in obj.children
    )


def _span_text(tokens: list[Token]) -> tuple[int, int]:
    return tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)


Found = tuple[dict[str, Any], int, int]


def quantity_of(noun: Token, table: dict[str, Any]) -> Found | None:
    """The quantity stated for ``noun`` (the people counted) with its character range.

    Looks at a number modifier ("at least 12 people"), a vague word ("several civilians",
    "dozens of people"), or the noun itself being the number ("killed 12"); for a list of
    victims each with its count ("two soldiers and a civilian", "a woman and her three sons"),
    their sum.
    """
    strays = stray_conjuncts(noun)
    if strays and (total := _sum_of_conjuncts([noun, *strays], table)) is not None:
        return total
    group = [noun, *noun.conjuncts] if noun.dep_ != "conj" else [noun]
    if len(group) > 1:
        total = _sum_of_conjuncts(group, table)
        if total is not None:
            return total
        return _stated_quantity(noun, table)
    return _stated_quantity(noun, table) or one_person(noun, table) or _one_named(noun)


def stray_conjuncts(noun: Token) -> list[Token]:
    """The subjects the parser hung on the verb beside ``noun`` where they are its conjuncts:
    "eight DRG personnel and their driver were killed" parses as two passive subjects, the
    "and" on the first. Fit (RAMS, WikiEvents, MUC-4, GVDB, ConfliBERT; session 24, toll24):
    3 casualty verbs with two such subjects; the 2 that count ("kent jr, and another person
    ... were arrested", "a prominent politician, a well-known banker, and at least five
    university students have been murdered") are one list of victims each. Summed only where
    each has a count (``_sum_of_conjuncts``); else the first subject's count, as before."""
    if noun.dep_ not in ("nsubjpass", "nsubj") or noun.conjuncts:
        return []
    cc = next((c for c in noun.children if c.dep_ == "cc" and c.lower_ == "and"), None)
    if cc is None:
        return []
    return [s for s in noun.head.children if s.dep_ == noun.dep_ and s.i > cc.i and not s.conjuncts]


def _sum_of_conjuncts(group: list[Token], table: dict[str, Any]) -> Found | None:
    """The sum of exact counts, one for each conjunct ("a woman and her three sons": 4); None
    when one conjunct has none or a vague or bounded one ("two soldiers and many civilians")."""
    readings = [_stated_quantity(t, table) or one_person(t, table) for t in group]
    if any(r is None or r[0]["max"] is not None or r[0]["min"] is None for r in readings):
        return None
    vague = table.get("vague") or {}
    if any(r[0]["text"].lower() in vague for r in readings if r is not None):
        return None
    counts = [r[0]["min"] for r in readings if r is not None]
    if len(counts) > 2 and sum(counts[1:]) == counts[0]:
        return readings[0]  # a breakdown: "12 people, seven women and five men" are 12
    start = min(r[1] for r in readings if r is not None)
    end = max(*(r[2] for r in readings if r is not None), _span_text([group[-1]])[1])
    total = sum(counts)
    return {"text": doc_text(group[0].doc)[start:end], "min": total, "max": None}, start, end


def _stated_quantity(noun: Token, table: dict[str, Any]) -> Found | None:
    """The number or vague word stated for ``noun`` itself."""
    vague = table.get("vague") or {}
    doc = noun.doc
    candidates: list[SpacySpan] = []
    number = _number_child(noun)
    if number is not None:  # the whole quantity phrase: "between 10 and 15", "at least 12"
        candidates.append(doc[number.left_edge.i : max(number.i, number.right_edge.i) + 1])
    if noun.like_num or noun.lower_ in vague:
        candidates.append(doc[noun.left_edge.i : noun.i + 1])
    if noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.i < noun.head.i:
        quantifier = noun.head.head
        if quantifier.like_num or quantifier.lower_ in vague:
            candidates.append(doc[quantifier.left_edge.i : quantifier.i + 1])
    plural_only = table.get("plural_only") or ()
    for child in noun.children:
        if child.dep_ in ("amod", "det") and child.lower_ in vague:
            if child.lower_ in plural_only and noun.tag_ not in ("NNS", "NNPS"):
                continue  # "both a coordinated event and an act of terror": no count
            candidates.append(doc[child.left_edge.i : child.i + 1])
    for span in map(_without_edge_space, candidates):
        reading = read_quantity(span.text, table)
        if reading is not None:
            start, end = _span_text(list(span))
            return reading, start, end
    return None


def part_of_earlier(noun: Token, table: dict[str, Any]) -> bool:
    """ "Two of the wounded" (died): the counted people are a part of a group told before
    (``added_of``), so their count adds to a toll rather than states it."""
    groups = table.get("added_of") or ()
    for prep in noun.children:
        if prep.dep_ != "prep" or prep.lower_ != "of":
            continue
        for obj in prep.children:
            if (
                obj.dep_ == "pobj"
                and obj.lower_ in groups
                and any(c.dep_ == "det" and c.lower_ in ("the", "those") for c in obj.children)
            ):
                return True
    return False


def _without_edge_space(span: SpacySpan) -> SpacySpan:
    """The span without the whitespace tokens spaCy hangs on its edges (a paragraph break before
    a sentence's first word is the number's child): a count's text starts on its words."""
    start, end = span.start, span.end
    while start < end - 1 and span.doc[start].is_space:
        start += 1
    while end - 1 > start and span.doc[end - 1].is_space:
        end -= 1
    return span.doc[start:end]


def one_person(noun: Token, table: dict[str, Any]) -> Found | None:
    """One, for a single person named with "a"/"an", "the" or a possessive pronoun ("a man was
    killed", "killing a 68-year-old woman", "killing the driver", "killed a man and his son");
    not for a word outside ``one_person`` ("a family", "a crowd", "a number of")."""
    if noun.tag_ != "NN" or noun.lemma_.lower() not in (table.get("one_person") or ()):
        return None
    determiner = next((c for c in noun.children if _names_one(c)), None)
    if determiner is None:
        return None
    if determiner.lower_ == "the" and noun.lemma_.lower() in (table.get("group_with_the") or ()):
        return None  # "killing the youth of the continent": young people as a group
    start, end = _span_text([determiner, noun])
    return {"text": doc_text(noun.doc)[start:end], "min": 1, "max": None}, start, end


def _names_one(determiner: Token) -> bool:
    """ "a"/"an", "the" or a possessive pronoun ("his son", "her husband"): one person (the
    noun is singular)."""
    if determiner.dep_ == "det":
        return determiner.lower_ in ("a", "an", "the")
    return determiner.dep_ == "poss" and determiner.tag_ == "PRP$"


def _one_named(noun: Token) -> Found | None:
    """One, for a person's name of two words or more that stands alone ("Abdulghani al-Kikli,
    the head of the apparatus, was killed"). Left out: a one-word name (the tagger reads many a
    group's name as a person's), and a name with another person's name in its clause ("killed
    Krystle Campbell, 29, Lingzi Lu, 23, and ...", "was killed along with X", a list: the parser
    often hangs the others as appositions, and the count would fall short)."""
    if not (
        noun.tag_ == "NNP"
        and noun.ent_type_ == "PERSON"
        and noun.dep_ not in ("conj", "appos")
        and any(c.dep_ == "compound" and c.ent_type_ == "PERSON" for c in noun.children)
    ):
        return None
    if any(c.dep_ in ("det", "nummod", "poss", "conj", "cc") for c in noun.children):
        return None
    clause = next((a for a in noun.ancestors if a.pos_ in ("VERB", "AUX")), noun)
    name = {noun.i, *(c.i for c in noun.children if c.dep_ == "compound")}
    if any(t.ent_type_ == "PERSON" and t.i not in name for t in clause.subtree):
        return None  # another person in the clause: "was killed along with X", a list
    start, end = _span_text([noun.doc[noun.left_edge.i], noun])
    return {"text": doc_text(noun.doc)[start:end], "min": 1, "max": None}, start, end


def _quantity_pattern(table: dict[str, Any]) -> str:
    """A regular expression for a quantity phrase: an optional bound word, then digits, number
    words or a vague word ("at least 12", "twenty-three", "dozens")."""
    words = sorted(table.get("number_words") or {}, key=len, reverse=True)
    vague = sorted(table.get("vague") or {}, key=len, reverse=True)
    cues = sorted(
        {*(table.get("lower_bound") or []), *(table.get("approximate") or [])},
        key=len,
        reverse=True,
    )
    word = "|".join(re.escape(w) for w in words)
    number = rf"(?:\d[\d,]*|(?:{word})(?:[- ](?:{word}|and))*)"
    cue = "|".join(re.escape(c) for c in cues)
    vague_words = "|".join(re.escape(v) for v in vague)
    # an age is no count: "shot dead 25-year-old John"
    return rf"(?P<n>(?:(?:{cue}) )?{number}(?![-\s]years?\b)|{vague_words})"


# the table whose count forms were compiled last, and their patterns: the table is the
# lexicon's, loaded once, and a sentence's counts compiled the same patterns again each time
_COMPILED_FORMS: list[tuple[dict[str, Any], list[tuple[dict, re.Pattern[str]]]]] = []


def _count_form_patterns(table: dict[str, Any]) -> list[tuple[dict, re.Pattern[str]]]:
    """Each of ``table``'s count forms with its regular expression, ``{n}`` a quantity."""
    if _COMPILED_FORMS and _COMPILED_FORMS[0][0] is table:
        return _COMPILED_FORMS[0][1]
    quantity = _quantity_pattern(table)
    compiled = []
    for form in table.get("count_forms") or []:
        pattern = form["pattern"].replace("{n}", quantity)
        compiled.append((form, re.compile(rf"\b{pattern}\b", flags=re.IGNORECASE)))
    _COMPILED_FORMS[:] = [(table, compiled)]
    return compiled


def sentence_counts(
    sentence: SpacySpan, table: dict[str, Any], *, running_only: bool = False
) -> dict[str, tuple[dict, int]]:
    """Casualty counts the sentence states in the ``count_forms`` of the magnitude table
    ("shot dead 104", "the death toll rose to 35"): by casualty kind, the reading and the
    character offset of the form (first form first). With ``running_only``, only the forms of
    a running toll (``running: true``: "the death toll rose to 12"), which tell the toll of an
    event told before."""
    text = doc_text(sentence.doc)[sentence.start_char : sentence.end_char]
    found: dict[str, tuple[dict, int]] = {}
    for form, pattern in _count_form_patterns(table):
        if form["casualty"] in found or (running_only and not form.get("running")):
            continue
        match = pattern.search(text)
        if match is None:
            continue
        reading = read_quantity(match.group("n"), table)
        if reading is not None:
            found[form["casualty"]] = (reading, sentence.start_char + match.start())
    return found
