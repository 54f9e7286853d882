"""Why GVDB shooters and victims are missed, and what our wrong named ones are (fit part only).

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
"""

from __future__ import annotations

import argparse
import pickle
from collections import Counter
from collections.abc import Iterator
from dataclasses import astuple, dataclass
from pathlib import Path

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
    counts: Counter[tuple[str, str]] = Counter()
    for label, kind, line in cases(*parsed_fit(options.cache)):
        counts[label, kind] += 1
        if options.show and kind.startswith(options.show):
            print(f"[{label}] {kind}: {line}")
    for label in PARTY_ROLES.values():
        print(f"{label}:")
        for (r, kind), n in sorted(counts.items(), key=lambda item: -item[1]):
            if r == label:
                print(f"  {n:4d}  {kind}")


if __name__ == "__main__":
    main()
