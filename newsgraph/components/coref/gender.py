"""A named person's gender as the article itself tells it, for "he" and "she".

Evidence, read once per article from ``data/en/gender_cues.yaml`` (no list of first names):

- an honorific directly before a mention of the person ("Mr. Trump", "Mrs. Clinton");
- a gendered noun the article equates with the person: in apposition ("his wife, Rakeyia
  Scott"; "Rakeyia Scott, a mother of seven"), as a copula's other side or through "identified
  as" (``resolver._equated_words``);
- a pronoun that can stand for no one else: a reflexive whose clause subject is the person
  ("Clinton defended herself"), or a possessive in a clause whose subject is the person, the only
  person named before it in its sentence ("Clinton released her plan").

Honorifics and nouns count two, pronouns one; a side wins where it has at least twice the
other's weight. A person with no evidence (or an even split) fits both pronouns.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from spacy.tokens import Doc, Span, Token

from ... import extensions
from ...datafiles import data_file, load_yaml
from ...model import ActorMention

MALE, FEMALE = "male", "female"
STRONG, WEAK = 2, 1
Equated = Callable[[Token], list[Token]]


@dataclass(frozen=True, slots=True)
class GenderCues:
    honorifics: dict[str, str] = field(default_factory=dict)  # "mrs" -> "female"
    nouns: dict[str, str] = field(default_factory=dict)  # "wife" -> "female"
    pronouns: dict[str, str] = field(default_factory=dict)  # "her" -> "female"


@lru_cache(maxsize=1)
def load_cues() -> GenderCues:
    with data_file(__package__, "gender_cues.yaml").open(encoding="utf-8") as handle:
        rules = load_yaml(handle) or {}
    tables = {}
    for kind in ("honorifics", "nouns", "pronouns"):
        tables[kind] = {w: g for g, words in rules.get(kind, {}).items() for w in words}
    return GenderCues(**tables)


def article_genders(
    doc: Doc,
    mentions: Iterable[ActorMention],
    may_be_person: Callable[[str], bool],
    equated: Equated,
    cues: GenderCues | None = None,
    titles: frozenset[str] = frozenset(),
) -> dict[str, str]:
    """Actor id -> "male" or "female" for each person-capable actor the article genders
    (``titles``: a person's title words, "president", no part of a name)."""
    cues = cues or load_cues()
    weights: dict[str, dict[str, int]] = defaultdict(lambda: {MALE: 0, FEMALE: 0})
    people = [m for m in mentions if m.actor_id and may_be_person(m.actor_id)]
    spans = {}
    for mention in people:
        span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
        if span is None or not len(span):
            continue
        if not _whole_name(span, cues, titles):
            continue
        spans[span.root.i] = mention.actor_id
        if (gender := _honorific(span, cues)) is not None:
            weights[mention.actor_id][gender] += STRONG
    for root, actor in spans.items():
        for gender in _equated_nouns(doc[root], cues, equated):
            weights[actor][gender] += STRONG
    for token in doc:
        gender = cues.pronouns.get(token.lower_)
        if gender is None:
            continue
        actor = _bound_subject(token, spans, people)
        if actor is not None:
            weights[actor][gender] += WEAK
    out = {}
    for actor, weight in weights.items():
        male, female = weight[MALE], weight[FEMALE]
        if male >= 2 * female and male:
            out[actor] = MALE
        elif female >= 2 * male and female:
            out[actor] = FEMALE
    return out


def _honorific(span: Span, cues: GenderCues) -> str | None:
    """The gender of a capitalised honorific opening the mention ("Mrs. Clinton" as one
    mention) or directly before it ("Mr." then the mention "Trump")."""
    doc = span.doc
    candidates = [span[0]] if len(span) > 1 else []
    if span.start > 0:
        before = doc[span.start - 1]
        if before.text == "." and span.start > 1:
            before = doc[span.start - 2]
        candidates.append(before)
    for token in candidates:
        if token.text[:1].isupper() and (gender := cues.honorifics.get(token.lower_.rstrip("."))):
            return gender
    return None


def _equated_nouns(name: Token, cues: GenderCues, equated: Equated) -> list[str]:
    """The genders of the nouns equated with a name: its apposition ("Jane Roe, a mother of
    two"), the noun it is in apposition to ("his wife, Jane Roe") or that equates it (a
    copula's other side, "identified as")."""
    nouns = [c for c in name.children if c.dep_ == "appos"]
    if name.dep_ == "appos":
        nouns.append(name.head)
    if name.dep_ == "nsubj" and name.head.lemma_ == "be" and _asserted(name.head):
        nouns.extend(c for c in name.head.children if c.dep_ == "attr")
    found = []
    for noun in nouns:
        if noun.pos_ == "NOUN" and (gender := cues.nouns.get(noun.lemma_.lower())) is not None:
            found.append(gender)
    # "the woman, identified as Jane Roe": from the noun's side
    head = name.head.head if name.dep_ == "pobj" else None
    if head is not None:
        for noun in (head.head, *head.children):
            gender = cues.nouns.get(noun.lemma_.lower()) if noun.pos_ == "NOUN" else None
            if gender is not None and any(w.i == name.i for w in equated(noun)):
                found.append(gender)
    return found


def _asserted(verb: Token) -> bool:
    """A clause stated as fact: not "if Trump were a woman", not "she is not his wife"."""
    return not any(c.dep_ in ("mark", "neg", "aux") for c in verb.children)


def _whole_name(span: Span, cues: GenderCues, titles: frozenset[str]) -> bool:
    """Whether the mention covers its whole name: "Trump" in "Ivanka Trump" (an actor read
    from the surname alone) tells nothing of the actor's gender; "Mr." or "President" before
    "Trump" is no part of a name."""
    root = span.root
    return not any(
        c.dep_ == "compound"
        and c.pos_ == "PROPN"
        and not span.start <= c.i < span.end
        and not c.text.endswith(".")
        and c.lower_ not in cues.honorifics
        and c.lower_ not in titles
        for c in root.children
    )


def _bound_subject(pronoun: Token, spans: dict[int, str], people: list[ActorMention]) -> str | None:
    """The person a reflexive or possessive pronoun can only stand for: the subject of its own
    clause, for a possessive only where no other person is named before it in its sentence."""
    reflexive = pronoun.lower_.endswith("self")
    # "Wilder - himself the first ...": an emphatic reflexive is its own phrase's
    if not (pronoun.dep_ in ("dobj", "pobj", "dative") if reflexive else pronoun.dep_ == "poss"):
        return None
    actor = None
    for verb in (a for a in pronoun.ancestors if a.pos_ in ("VERB", "AUX")):
        subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is None:
            continue
        # "Donald Trump, her opponent, said": a possessive inside a subject is someone else's,
        # and the clause above it says whose ("Jane Roe said that her husband was unarmed")
        if subject.left_edge.i <= pronoun.i <= subject.right_edge.i:
            continue
        actor = spans.get(subject.i) if subject.i < pronoun.i else None
        break
    if actor is None:
        return None
    if reflexive:
        return actor
    sentence = extensions.sentence_of(pronoun)
    start, end = sentence.start_char, pronoun.idx
    others = {m.actor_id for m in people if start <= m.start < end and m.actor_id != actor}
    return None if others else actor
