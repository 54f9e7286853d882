"""How often a preposition's object we name as a target is a gold target, by event type and
preposition, on the fit parts of RAMS, WikiEvents, MUC-4 and GVDB.

    python tools/prep_target_counts.py            # right / wrong per (type, preposition)
    python tools/prep_target_counts.py --show     # also each case

Held-out documents are never read here. A target of ours is counted when the head of its core
(the span the scorers keep) is the object (``pobj``) of a preposition (``prep``). It is right
as each scorer counts it: RAMS and WikiEvents, per found trigger (``eval/arguments.py``: ours
overlaps a gold target of the trigger); MUC-4, per incident event of a document with templates
(ours overlaps a mention of a gold ``Target``/``Victim``); GVDB, per ASSAULT (ours overlaps a
mention of a gold victim: GVDB marks named people only, so a building is always wrong there).
What a preposition's object is to a trigger is codebook knowledge (the target is the party
acted upon); these counts are the fit evidence a table of adjunct prepositions per type would
need (docs/events.md, session 12: "in" for ASSAULT was measured and not kept).
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))  # the sibling tools it reuses

from checkout import ROOT  # noqa: F401  first: this checkout's newsgraph, not an installed one
from gvdb_party_misses import Word, parse_words, parsed_fit
from muc4_role_misses import fit_records, labelled_entities
from rams_argument_misses import rams_fit, wikievents_fit
from wrong_candidate_relations import head_word

from newsgraph.eval import muc4
from newsgraph.eval.annotate import Annotation, annotate, overlaps
from newsgraph.eval.arguments import Range, event_types, find, predicted_roles
from newsgraph.model import Event
from newsgraph.nlp import get_pipeline

Case = tuple[str, str, str, bool, str]  # (set, type, preposition, right, line)


def preposition_of(words: list[Word], span: Range) -> str | None:
    """The preposition whose object heads ``span`` (None when its head is no ``pobj``)."""
    head = head_word(words, span)
    if head is None or head.dep != "pobj":
        return None
    prep = next((w for w in words if w.start == head.head_start), None)
    return prep.lemma if prep is not None and prep.dep == "prep" else None


def target_span(event: Event, annotation: Annotation) -> Range | None:
    spans = predicted_roles(event, annotation).get("target")
    return spans[0] if spans else None


def trigger_cases(name: str, loader) -> Iterator[Case]:  # type: ignore[no-untyped-def]
    parses: list[list[Word]] = []
    documents, annotations = loader(on_doc=lambda doc: parses.append(parse_words(doc)))
    for document, annotation, words in zip(documents, annotations, parses, strict=True):
        for gold in document.events:
            _, event = find(gold, annotation)
            span = target_span(event, annotation) if event is not None else None
            prep = preposition_of(words, span) if span is not None else None
            if event is None or span is None or prep is None:
                continue
            right = any(overlaps(span, g) for g in gold.arguments.get("target", []))
            trigger = document.text[gold.trigger[0] : gold.trigger[1]]
            line = f"{document.id} {trigger!r} -> {document.text[span[0] : span[1]]!r}"
            yield name, event.type, prep, right, line


def muc4_cases() -> Iterator[Case]:
    records = fit_records()
    parses: list[list[Word]] = []
    annotations = annotate([r["doctext"] for r in records], get_pipeline(),
                           on_doc=lambda doc: parses.append(parse_words(doc)))  # fmt: skip
    for record, annotation, words in zip(records, annotations, parses, strict=True):
        if not record.get("templates"):
            continue
        mentions = [m for _, ms in labelled_entities(record, annotation.text).get("target", [])
                    for m in ms]  # fmt: skip
        for event in muc4.incident_events(annotation.main):
            span = target_span(event, annotation)
            prep = preposition_of(words, span) if span is not None else None
            if span is None or prep is None:
                continue
            right = any(overlaps(span, m) for m in mentions)
            line = f"{record['docid']} {annotation.text[slice(*span)]!r}"
            yield "muc4", event.type, prep, right, line


def gvdb_cases() -> Iterator[Case]:
    articles, annotations, parses = parsed_fit(None)
    for gold, annotation, words in zip(articles, annotations, parses, strict=True):
        mentions = [m for cluster in gold.roles.get("target", []) for m in cluster]
        for event in annotation.events:
            if "ASSAULT" not in event_types(event):
                continue
            span = target_span(event, annotation)
            prep = preposition_of(words, span) if span is not None else None
            if span is None or prep is None:
                continue
            right = any(overlaps(span, m) for m in mentions)
            yield "gvdb", event.type, prep, right, f"{gold.id} {gold.text[slice(*span)]!r}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--show", action="store_true", help="print each case")
    options = parser.parse_args()
    counts: Counter[tuple[str, str, str, bool]] = Counter()
    every = [
        *trigger_cases("rams", rams_fit),
        *trigger_cases("wikievents", wikievents_fit),
        *muc4_cases(),
        *gvdb_cases(),
    ]
    for name, event_type, prep, right, line in every:
        counts[event_type, prep, name, right] += 1
        if options.show:
            print(f"[{name}] {event_type} {prep} {'right' if right else 'wrong'}: {line}")
    pairs = sorted({(t, p) for t, p, _, _ in counts})
    print("type, preposition: right / wrong per set (rams, wikievents, muc4, gvdb)")
    for event_type, prep in pairs:
        cells = [f"{counts[event_type, prep, n, True]}/{counts[event_type, prep, n, False]}"
                 for n in ("rams", "wikievents", "muc4", "gvdb")]  # fmt: skip
        print(f"  {event_type:10s} {prep:8s} " + "  ".join(cells))


if __name__ == "__main__":
    main()
