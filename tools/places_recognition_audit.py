"""Place recognition misses on the fit parts, by kind (docs/places.md, session 9).

Fit parts only (``split_of``): GeoWebNews and LGL toponyms (exact spans), event-location's
LOCATION spans (hand-checked and silver sentences that have one) and RAMS place arguments (a
system place overlapping the span counts). For each miss it prints what NER made of the span and
whether the gazetteer holds it (``primary``: an official name; ``alt``: another name only), and
for GeoWebNews and LGL the false toponyms by source and role as well.

    python tools/places_recognition_audit.py [gwn lgl el rams] [--examples N]
"""

from __future__ import annotations

import argparse
import json
import zipfile
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator

from spacy.tokens import Doc

from newsgraph.components.places.component import Component, find_toponyms
from newsgraph.components.places.gazetteer import get_gazetteer
from newsgraph.eval import geo, rams
from newsgraph.eval.base import by_part, shared_eval_dir, split_of
from newsgraph.eval.event_location import ARCHIVE, MEMBER, _chars
from newsgraph.nlp import load_spacy_model

DATA = shared_eval_dir()
Range = tuple[int, int]


def _overlaps(a: Range, b: Range) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _ner_of(doc: Doc, span: Range) -> str:
    ents = [e for e in doc.ents if e.start_char < span[1] and span[0] < e.end_char]
    if not ents:
        return "none"
    whole = (ents[0].start_char, ents[0].end_char) == span
    return ents[0].label_ if whole else f"{ents[0].label_} (part)"


def _gazetteer_of(text: str) -> str:
    found = list(get_gazetteer().candidates(text))
    if any(primary for _, primary in found):
        return "primary"
    return "alt" if found else "absent"


def _miss_kind(doc: Doc, span: Range, toponyms: list) -> str:
    other = [t for t in toponyms if _overlaps((t.start, t.end), span)]
    if other:
        t = other[0]
        exact = (t.start, t.end) == span
        return f"found{'' if exact else ' (other span)'}: {t.source}/{t.role}" + (
            "" if t.entry is not None else ", unresolved"
        )
    text = doc.text[span[0] : span[1]]
    if text[:1].islower():
        return "lower-case"
    return f"NER {_ner_of(doc, span)}, gazetteer {_gazetteer_of(text)}"


def _geo_items(name: str) -> Iterator[tuple[str, list[Range]]]:
    articles = geo.read_gold(DATA / "geo" / geo.SETS[name])
    for article in by_part(articles, lambda a: f"{name}:{a.id}", "fit")["fit"]:
        yield article.text, [(t.start, t.end) for t in article.toponyms]


def _event_location_items() -> Iterator[tuple[str, list[Range]]]:
    with zipfile.ZipFile(DATA / "event-location" / ARCHIVE) as archive:
        raw = archive.read(MEMBER).decode("utf-8").strip()
    records = json.loads(raw) if raw.startswith("[") else [json.loads(x) for x in raw.splitlines()]
    seen: set[str] = set()
    for record in records:
        text = record["text"]
        if split_of(text) != "fit" or text in seen:
            continue
        locations = [
            _chars(record, s) for s in record.get("spans") or [] if s["label"] == "LOCATION"
        ]
        if locations:
            seen.add(text)
            yield text, locations


def _rams_items() -> Iterator[tuple[str, list[Range]]]:
    documents, _ = rams.read_gold(DATA / "rams" / rams.DEV_FILE)
    for document in by_part(documents, lambda d: d.id, "fit")["fit"]:
        places = {tuple(a) for e in document.events for a in e.arguments.get("place", [])}
        yield document.text, sorted(places)


def audit(name: str, items: Iterable[tuple[str, list[Range]]], exact: bool, examples: int) -> None:
    nlp = load_spacy_model()
    component = Component(nlp)
    items = list(items)
    found = total = false = 0
    misses: dict[str, Counter[str]] = defaultdict(Counter)
    falses: dict[str, Counter[str]] = defaultdict(Counter)
    for (text, gold), doc in zip(items, nlp.pipe(t for t, _ in items), strict=True):
        component(doc)
        toponyms = find_toponyms(doc)
        places = [
            (t.start, t.end)
            for t in toponyms
            if exact or (t.entry is not None and t.role == "place")
        ]
        for span in gold:
            total += 1
            if (span in places) if exact else any(_overlaps(p, span) for p in places):
                found += 1
            else:
                misses[_miss_kind(doc, span, toponyms)][text[span[0] : span[1]]] += 1
        if exact:
            for t in toponyms:
                if (t.start, t.end) not in gold:
                    false += 1
                    falses[f"{t.source}/{t.role}, NER {_ner_of(doc, (t.start, t.end))}"][
                        t.text
                    ] += 1
    print(f"== {name} fit: {found} of {total} gold spans found ({found / max(total, 1):.4f})")
    if exact:
        print(f"   false toponyms: {false}")
    for title, table in (("misses", misses), ("false toponyms", falses)):
        if table:
            print(f"-- {title}")
        for kind, names in sorted(table.items(), key=lambda kv: -sum(kv[1].values())):
            print(f"{sum(names.values()):6d}  {kind}: {names.most_common(examples)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sets", nargs="*", default=["gwn", "lgl", "el", "rams"])
    parser.add_argument("--examples", type=int, default=8)
    args = parser.parse_args()
    for name in args.sets:
        if name in geo.SETS:
            audit(name, _geo_items(name), exact=True, examples=args.examples)
        elif name == "el":
            audit("event-location", _event_location_items(), exact=False, examples=args.examples)
        elif name == "rams":
            audit("RAMS place arguments", _rams_items(), exact=False, examples=args.examples)
        else:
            parser.error(f"unknown set {name!r}")


if __name__ == "__main__":
    main()
