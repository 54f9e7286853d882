"""Event-location's silver fit sentences: the set's own figures and the kinds of candidate miss
(``places_recognition_audit.py el-silver``; docs/places.md, session 11 "event places").

A candidate miss is a silver event with a LOCATION span that none of our place mentions in the
sentence overlaps: the chooser cannot be right there whatever it learns. Each is sorted by the
first LOCATION span's shape, in this order: our recogniser read it but found no place; a sea,
river or border; a landmark or facility; a demonym or adjective; "X district" / "X camp" /
"X governorate" shapes (by whether the gazetteer holds X); a spelling variant (a transliteration
key shared with a gazetteer name); lower case; NER not tagging it; the gazetteer lacking it.
"""

from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from dataclasses import asdict
from functools import lru_cache

from spacy.tokens import Doc

from newsgraph.components.places.component import find_toponyms
from newsgraph.components.places.gazetteer import fold, get_gazetteer
from newsgraph.eval import event_location
from newsgraph.eval.annotate import annotate
from newsgraph.eval.base import FIT, shared_eval_dir, split_of

Range = tuple[int, int]


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


WATER_WORDS = _words(
    "sea river border borders frontier gulf lake strait coast waters bay ocean channel line"
)
LANDMARK_WORDS = _words(
    "airport stadium hospital mosque church square palace museum base prison university "
    "school hotel market bridge street road highway checkpoint crossing embassy building "
    "compound station port harbour harbor dam plant field"
)
SHAPE_WORDS = _words(
    "camp district governorate province region village neighbourhood neighborhood state "
    "county area city town countryside suburb quarter valley mountains mountain plateau "
    "island islands desert plain plains gorge"
)
# transliteration: the Arabic article, hamza/ayn marks, doubled letters, common vowel spellings
_ARTICLE = re.compile(r"\b(?:al|el|ad|ar|as|an|at|az|ash|adh|ath|ed|es|er|et)[ -](?=\w{3})")
_DIRECTIONS = {"nord": "north", "sud": "south", "est": "east", "ouest": "west"}


def variant_key(name: str) -> str:
    """A loose key on which spellings of one Arabic or French name meet ("Al-Shadadi" and
    "Shaddadi", "Nord Kivu" and "North Kivu"); for counting, not for reading."""
    key = fold(name)
    key = " ".join(_DIRECTIONS.get(w, w) for w in key.split())
    key = _ARTICLE.sub("", key).replace("'", "").replace("-", " ")
    key = re.sub(r"(\w)\1", r"\1", key)
    key = key.replace("ou", "u").replace("ee", "i").replace("e", "a")
    key = re.sub(r"(iyah|iya|iyya|ah|eh|a)\b", "a", key)
    key = re.sub(r"\b(tall|tell|tal|tel)\b", "tal", key)
    return " ".join(key.split())


@lru_cache(maxsize=1)
def _variant_index() -> frozenset[str]:
    gaz = get_gazetteer()
    return frozenset(variant_key(k) for table in (gaz.primary, gaz.alternate) for k in table)


def _held(name: str) -> str:
    found = list(get_gazetteer().candidates(name))
    if any(primary for _, primary in found):
        return "gazetteer holds it"
    return "gazetteer: another name only" if found else "gazetteer lacks it"


def _ner(doc: Doc, span: Range) -> str:
    ents = [e for e in doc.ents if e.start_char < span[1] and span[0] < e.end_char]
    return ents[0].label_ if ents else "none"


def miss_kind(doc: Doc, span: Range) -> str:
    text = doc.text[span[0] : span[1]]
    words = [w for w in re.findall(r"[\w'-]+", text) if w.lower() != "the"]
    if not words:
        return "empty"
    last = words[-1].lower()
    toponyms = [t for t in find_toponyms(doc) if t.start < span[1] and span[0] < t.end]
    variant = _held(text) == "gazetteer lacks it" and variant_key(text) in _variant_index()
    if toponyms:
        t = toponyms[0]
        unresolved = ", unresolved" + (" (a spelling variant)" if variant else "")
        return f"read, no place: {t.source}/{t.role}" + (unresolved if t.entry is None else "")
    ner = _ner(doc, span)
    if last in WATER_WORDS:
        return "sea, river, border"
    if last in LANDMARK_WORDS or ner == "FAC":
        return "landmark, facility"
    if text in get_gazetteer().demonyms or words[0] in get_gazetteer().demonyms:
        return "demonym, adjective"
    if last in SHAPE_WORDS and len(words) > 1:
        head = " ".join(words[:-1])
        return f"'X {last}' shape, X: {_held(head)}"
    if variant:
        return "spelling variant of a gazetteer name"
    if text[:1].islower():
        return "lower case"
    return f"NER {ner}, {_held(text)}"


def silver_fit_records() -> list[event_location.GoldRecord]:
    raw = event_location.archive_text(shared_eval_dir() / event_location.DEFAULT_DATA)
    records = event_location.read_records(raw, silver=True)
    return [r for r in records if split_of(r.text) == FIT]


def silver_candidate_misses(examples: int) -> None:
    records = silver_fit_records()
    docs: list[Doc] = []
    annotations = annotate([r.text for r in records], on_doc=docs.append)
    tally = event_location.Tally()
    kinds: dict[str, Counter[str]] = defaultdict(Counter)
    for record, annotation, doc in zip(records, annotations, docs, strict=True):
        before = tally.among_candidates
        tally.add(record, annotation)
        if record.locations and tally.among_candidates == before:
            span = record.locations[0]
            kinds[miss_kind(doc, span)][record.text[span[0] : span[1]]] += 1
    print(f"== event-location silver fit sentences: {len(records)}")
    for row in tally.rows():
        print(f"   {json.dumps(asdict(row))}")
    print(f"-- candidate misses: {sum(sum(c.values()) for c in kinds.values())}")
    for kind, names in sorted(kinds.items(), key=lambda kv: -sum(kv[1].values())):
        print(f"{sum(names.values()):6d}  {kind}: {names.most_common(examples)}")
