"""Place recognition misses on the fit parts, by kind (docs/places.md, session 9).

Fit parts only (``split_of``): GeoWebNews and LGL toponyms (exact spans), event-location's
LOCATION spans (hand-checked and silver sentences that have one) and RAMS place arguments (a
system place overlapping the span counts). For each miss it prints what NER made of the span and
whether the gazetteer holds it (``primary``: an official name; ``alt``: another name only), and
for GeoWebNews and LGL the false toponyms by source and role as well.

``el-silver`` scores event-location's silver fit sentences with the set's own tally (event
place F1 and candidate recall: a larger proxy for unseen news than the hand-checked ones) and
sorts its candidate misses (a gold place none of our places overlaps) by kind: a name the
gazetteer lacks, one NER does not tag, a spelling variant of a gazetteer name, a landmark, a
demonym, a sea or river, a "X district" shape ... (``miss_kinds.py``).

``--org-shapes`` (GeoWebNews, LGL) counts instead the organisation names (NER ORG) that open
with an official gazetteer name ("the Madison Police Department"), by the organisation's last
word: how often that opening name is a gold toponym, and how often we find it already; and the
ORG entities that are wholly such a name, by the word before them.

    python tools/places_recognition_audit.py [gwn lgl el el-silver rams] [--examples N]
        [--org-shapes]
"""

from __future__ import annotations

import argparse
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator

from miss_kinds import silver_candidate_misses
from spacy.tokens import Doc

from newsgraph.components.places.component import Component, find_toponyms
from newsgraph.components.places.gazetteer import get_gazetteer
from newsgraph.eval import geo, rams
from newsgraph.eval.base import by_part, shared_eval_dir, split_of
from newsgraph.eval.event_location import archive_records, archive_text, span_chars
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
    raw = archive_text(DATA / "event-location")
    seen: set[str] = set()
    for record in archive_records(raw):
        text = record["text"]
        if split_of(text) != "fit" or text in seen:
            continue
        locations = [
            span_chars(record, s) for s in record.get("spans") or [] if s["label"] == "LOCATION"
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


def _opening_name(ent, gazetteer) -> tuple[int, int] | None:
    """Token range of the longest official gazetteer name (at most three words) opening
    ``ent`` after "the" and leaving words of the entity's own after it."""
    first = ent.start + (1 if ent[0].lower_ == "the" else 0)
    for size in (3, 2, 1):
        stop = first + size
        if stop >= ent.end:
            continue
        words = ent.doc[first:stop]
        if not all(t.is_title or t.is_upper for t in words if t.is_alpha):
            continue
        if any(primary for _, primary in gazetteer.candidates(words.text)):
            return first, stop
    return None


def org_shapes(name: str, items: Iterable[tuple[str, list[Range]]], examples: int) -> None:
    """Organisation names that open with, or are wholly, an official gazetteer name: gold
    toponym or not, found by us or not (``--org-shapes``)."""
    nlp = load_spacy_model()
    component = Component(nlp)
    gazetteer = get_gazetteer()
    items = list(items)
    heads: dict[str, Counter[str]] = defaultdict(Counter)
    head_names: dict[str, Counter[str]] = defaultdict(Counter)
    wholes: dict[str, Counter[str]] = defaultdict(Counter)
    for (_, gold), doc in zip(items, nlp.pipe(t for t, _ in items), strict=True):
        component(doc)
        ours = {(t.start, t.end) for t in find_toponyms(doc)}
        gold_spans = set(gold)
        for ent in doc.ents:
            if ent.label_ != "ORG":
                continue
            opening = _opening_name(ent, gazetteer)
            if opening is not None:
                span = ent.doc[opening[0] : opening[1]]
                key = next((t.lower_ for t in reversed(ent) if t.is_alpha), ent[-1].lower_)
                table, names = heads[key], head_names[key]
            else:
                start = ent.start + (1 if ent[0].lower_ == "the" else 0)
                span = ent.doc[start : ent.end]
                if not any(primary for _, primary in gazetteer.candidates(span.text)):
                    continue
                key = ent.doc[ent.start - 1].lower_ if ent.start > 0 else "^"
                table, names = wholes[key], head_names["whole:" + key]
            chars = (span.start_char, span.end_char)
            verdict = ("gold" if chars in gold_spans else "not gold") + (
                ", found" if chars in ours else ""
            )
            table[verdict] += 1
            names[f"{span.text} [{verdict}]"] += 1
    print(f"== {name} fit: ORG names opening with an official gazetteer name, by last word")
    for title, table in (("opening", heads), ("whole ORG, by the word before", wholes)):
        print(f"-- {title}")
        for key, verdicts in sorted(table.items(), key=lambda kv: -sum(kv[1].values())):
            gold = verdicts["gold"] + verdicts["gold, found"]
            total = sum(verdicts.values())
            shown = head_names[key if title == "opening" else "whole:" + key]
            print(f"{total:5d} {gold:4d} gold  {key!r}: {dict(verdicts)}")
            if examples:
                print(f"          {shown.most_common(examples)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sets", nargs="*", default=["gwn", "lgl", "el", "rams"])
    parser.add_argument("--examples", type=int, default=8)
    parser.add_argument("--org-shapes", action="store_true", help="GeoWebNews and LGL only")
    args = parser.parse_args()
    for name in args.sets:
        if args.org_shapes:
            if name not in geo.SETS:
                parser.error("--org-shapes counts GeoWebNews and LGL only")
            org_shapes(name, _geo_items(name), args.examples)
        elif name in geo.SETS:
            audit(name, _geo_items(name), exact=True, examples=args.examples)
        elif name == "el":
            audit("event-location", _event_location_items(), exact=False, examples=args.examples)
        elif name == "el-silver":
            silver_candidate_misses(args.examples)
        elif name == "rams":
            audit("RAMS place arguments", _rams_items(), exact=False, examples=args.examples)
        else:
            parser.error(f"unknown set {name!r}")


if __name__ == "__main__":
    main()
