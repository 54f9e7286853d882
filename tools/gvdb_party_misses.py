"""Why GVDB shooters, victims and places are missed, and what our wrong ones are (fit part only).

    python tools/gvdb_party_misses.py                  # counts by role and kind
    python tools/gvdb_party_misses.py --show KIND      # also each case of that kind (prefix)
    python tools/gvdb_party_misses.py --cache FILE     # reuse (or write) the parsed fit part

Held-out articles are never read here. Each gold shooter (``SHO-NAME``) and victim
(``VIC-NAME``) entity is scored as ``newsgraph eval gvdb`` scores it "by entity, named only"
(``eval/gvdb.party_entities``) and sorted into the first kind that fits:

- ``found``: one of our named parties of the role overlaps a mention of it;
- ``other role``: one of our named parties of the other role is it (shooter <-> victim);
- ``no actor``: no actor mention of ours overlaps the name (NER or tokenisation miss);
- ``arrest or charge``: a sentence naming it has an arrest, charge or search verb or noun
  ("Police arrested X", "X was charged with murder", "X is wanted", "searching for X");
- ``identified``: a sentence naming it has "identify" or the name is an apposition or has
  one ("the suspect, X"; "X, 23, a neighbour");
- ``assault sentence``: one of our ASSAULT triggers is in a sentence naming it, and it is not
  that event's party;
- ``no assault sentence``: none of the sentences naming it has an ASSAULT of ours.

Our named parties that match no gold entity are sorted too: ``gold other role``, ``a police
or official actor`` (its name has police, sheriff, department, office, ...), ``the article
names no gold of this role``, ``another person``.

Each gold place (``DAT-CITY``, ``DAT-LOC``: one entity per distinct text) is sorted as the
scorer reads places (every mention of an ASSAULT event's place): ``found``; ``not recognised``
(no place mention of ours overlaps it; ``an address or street`` when it has a digit or a street
word, else ``a name``); ``recognised, in an ASSAULT sentence`` (the chooser gave that event
another place or none); ``recognised, no ASSAULT in its sentences``. Our places that match no
gold entity: ``wrong: region or country``, ``wrong: a mention gold leaves unlabelled`` (the
place is gold's, this mention of it is not labelled), ``wrong: another place``.
"""

from __future__ import annotations

import argparse
import pickle
from collections.abc import Iterator
from dataclasses import astuple, dataclass
from itertools import chain
from pathlib import Path

from miss_counts import counted, print_counts

from newsgraph.eval.annotate import Annotation, annotate, overlaps
from newsgraph.eval.arguments import Range, event_types
from newsgraph.eval.base import FIT, by_part, shared_eval_dir
from newsgraph.eval.gvdb import DEFAULT_DATA, DEV_FILE, GoldArticle, party_entities, read_gold
from newsgraph.nlp import get_pipeline

PARTY_ROLES = {"source": "shooter", "target": "victim"}
OTHER = {"source": "target", "target": "source"}
ARREST_WORDS = frozenset(
    {"arrest", "charge", "book", "jail", "custody", "indict", "accuse", "plead", "convict",
     "sentence", "wanted", "want", "seek", "surrender", "detain", "apprehend", "warrant",
     "suspect", "search", "look", "arraignment", "arraign"}
)  # fmt: skip
OFFICIAL_WORDS = ("police", "sheriff", "department", "office", "chief", "sgt", "lt.", "officer",
                  "spokes", "detective", "deputy", "captain", "news", "county", "city")  # fmt: skip


@dataclass(frozen=True, slots=True)
class Word:
    """What the classifier reads of one token of the parse."""

    start: int
    end: int
    lemma: str
    dep: str
    head_start: int


def parse_words(doc: object) -> list[Word]:
    return [
        Word(t.idx, t.idx + len(t), t.lemma_.lower(), t.dep_, t.head.idx)
        for t in doc  # type: ignore[attr-defined]
    ]


def parsed_fit(cache: Path | None) -> tuple[list[GoldArticle], list[Annotation], list[list[Word]]]:
    """The fit articles, our annotations and each article's words (from ``cache`` if given
    and present; written there otherwise)."""
    articles = read_gold(shared_eval_dir() / DEFAULT_DATA / DEV_FILE)
    fit = by_part(articles, lambda a: a.id, FIT)[FIT]
    if cache is not None and cache.exists():
        annotations, rows = pickle.loads(cache.read_bytes())
        return fit, annotations, [[Word(*row) for row in ws] for ws in rows]
    words: list[list[Word]] = []
    dates = [a.published for a in fit]
    annotations = annotate([a.text for a in fit], get_pipeline(), dates,
                           on_doc=lambda doc: words.append(parse_words(doc)))  # fmt: skip
    if cache is not None:
        rows = [[astuple(w) for w in ws] for ws in words]  # plain tuples: any script reads them
        cache.write_bytes(pickle.dumps((annotations, rows)))
    return fit, annotations, words


def sentence_range(annotation: Annotation, char: int) -> Range:
    index = annotation.sentence_of(char)
    return annotation.sentences[index] if index >= 0 else (char, char)


def miss_kind(
    spans: list[Range], annotation: Annotation, words: list[Word], role: str, named: dict
) -> str:
    """The kind of one gold entity of ``role`` (``named``: role -> our named entities)."""
    if any(overlaps(s, m) for e in named[role] for s in e.spans for m in spans):
        return "found"
    if any(overlaps(s, m) for e in named[OTHER[role]] for s in e.spans for m in spans):
        return "other role"
    mentioned = [s for ss in annotation.actor_mentions.values() for s in ss]
    if not any(overlaps(s, m) for s in mentioned for m in spans):
        return "no actor"
    sentences = {sentence_range(annotation, s[0]) for s in spans}
    in_sentences = [w for w in words if any(a <= w.start < b for a, b in sentences)]
    if any(w.lemma in ARREST_WORDS for w in in_sentences):
        return "arrest or charge"
    starts = {w.start for w in words if any(overlaps((w.start, w.end), m) for m in spans)}
    appositive = any(
        w.dep == "appos" and (w.start in starts or w.head_start in starts) for w in words
    )
    if appositive or any(w.lemma == "identify" for w in in_sentences):
        return "identified"
    triggers = [
        annotation.triggers[e.id]
        for e in annotation.events
        if "ASSAULT" in event_types(e) and e.id in annotation.triggers
    ]
    if any(a <= t[0] < b for t in triggers for a, b in sentences):
        return "assault sentence"
    return "no assault sentence"


def wrong_kind(actor: str, role: str, gold: GoldArticle, spans: tuple[Range, ...]) -> str:
    if any(overlaps(s, m) for c in gold.roles.get(OTHER[role], []) for m in c for s in spans):
        return "wrong: gold other role"
    if any(w in actor.lower() for w in OFFICIAL_WORDS):
        return "wrong: a police or official actor"
    if not gold.roles.get(role):
        return "wrong: the article names no gold of this role"
    return "wrong: another person"


STREET_WORDS = frozenset(
    {"street", "st", "avenue", "ave", "road", "rd", "drive", "dr", "boulevard", "blvd", "lane",
     "ln", "block", "court", "ct", "way", "place", "parkway", "highway", "route", "terrace"}
)  # fmt: skip


def place_kind(spans: list[Range], annotation: Annotation, ours: set[str]) -> str:
    """The kind of one gold place entity (``ours``: the place ids of our ASSAULT events)."""
    if any(overlaps((m.start, m.end), g) for p in ours for m in annotation.places[p].mentions
           for g in spans):  # fmt: skip
        return "found"
    mentions = [(m.start, m.end) for p in annotation.places.values() for m in p.mentions]
    if not any(overlaps(m, g) for m in mentions for g in spans):
        words = {w.strip(".,").lower() for g in spans for w in annotation.text[slice(*g)].split()}
        street = words & STREET_WORDS or any(c.isdigit() for w in words for c in w)
        return f"not recognised: {'an address or street' if street else 'a name'}"
    triggers = [annotation.triggers[e.id] for e in annotation.events
                if "ASSAULT" in event_types(e) and e.id in annotation.triggers]  # fmt: skip
    sentences = {sentence_range(annotation, g[0]) for g in spans}
    if any(a <= t[0] < b for t in triggers for a, b in sentences):
        return "recognised, in an ASSAULT sentence"
    return "recognised, no ASSAULT in its sentences"


def wrong_place_kind(gold: GoldArticle, annotation: Annotation, place_id: str) -> Iterator[str]:
    """The kind of each mention of our place ``place_id`` that overlaps no gold place."""
    place = annotation.places[place_id]
    clusters = gold.roles.get("place", [])
    entity_found = any(overlaps((m.start, m.end), g) for m in place.mentions for c in clusters
                       for g in c)  # fmt: skip
    for mention in place.mentions:
        if any(overlaps((mention.start, mention.end), g) for c in clusters for g in c):
            continue
        if entity_found:
            yield "wrong: a mention gold leaves unlabelled"
        elif place.feature in ("region", "country", "county"):
            yield "wrong: region or country"
        else:
            yield "wrong: another place"


def place_cases(
    articles: list[GoldArticle], annotations: list[Annotation]
) -> Iterator[tuple[str, str, str]]:
    """("place", kind, a line showing the case) for every gold place entity and every mention
    of our ASSAULT places that matches none."""
    for gold, annotation in zip(articles, annotations, strict=True):
        events = [e for e in annotation.events if "ASSAULT" in event_types(e)]
        ours = {e.place for e in events if e.place in annotation.places}
        names = [annotation.places[p].name for p in ours]
        for spans in gold.roles.get("place", []):
            kind = place_kind(spans, annotation, ours)
            sentence = sentence_range(annotation, spans[0][0])
            text, context = gold.text[slice(*spans[0])], gold.text[slice(*sentence)]
            yield "place", kind, f"{gold.id} {text!r} ours {names}\n      {context}"
        for place_id in ours:
            for kind in wrong_place_kind(gold, annotation, place_id):
                yield "place", kind, f"{gold.id} {annotation.places[place_id].name}"


def cases(
    articles: list[GoldArticle], annotations: list[Annotation], parses: list[list[Word]]
) -> Iterator[tuple[str, str, str]]:
    """(role, kind, a line showing the case) for every gold shooter and victim entity, and for
    every named party of ours that matches none."""
    for gold, annotation, words in zip(articles, annotations, parses, strict=True):
        events = [e for e in annotation.events if "ASSAULT" in event_types(e)]
        named = {
            role: [e for e in party_entities(events, annotation, role) if e.actor is not None]
            for role in PARTY_ROLES
        }
        for role, label in PARTY_ROLES.items():
            for spans in gold.roles.get(role, []):
                kind = miss_kind(spans, annotation, words, role, named)
                start, end = spans[0]
                sentence = sentence_range(annotation, start)
                line = f"{gold.id} {gold.text[start:end]!r}\n      {gold.text[slice(*sentence)]}"
                yield label, kind, line
            for entity in named[role]:
                clusters = gold.roles.get(role, [])
                if any(overlaps(s, m) for c in clusters for m in c for s in entity.spans):
                    continue
                kind = wrong_kind(entity.actor or "", role, gold, entity.spans)
                yield label, kind, f"{gold.id} {entity.actor}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--show", default=None, help="print each case of this kind (prefix)")
    parser.add_argument("--cache", type=Path, default=None, help="pickle of the parsed fit part")
    options = parser.parse_args()
    articles, annotations, parses = parsed_fit(options.cache)
    every = chain(cases(articles, annotations, parses), place_cases(articles, annotations))
    print_counts(counted(every, options.show), (*PARTY_ROLES.values(), "place"))


if __name__ == "__main__":
    main()
