"""Targets of nominal attacks and kidnappings reached through a preposition of the noun ("an
attack in Helmand", "a raid on Juba", "the bombing at the market"), and what the gold says
there, on the fit parts of ConfliBERT CAMEO, PLOVER, RAMS, WikiEvents, MUC-4 and GVDB.

    python tools/noun_place_targets.py              # counts per set, preposition and kind
    python tools/noun_place_targets.py --show       # also each case
    python tools/noun_place_targets.py --sets muc4,rams

Held-out items are never read here. An event of ours is counted when it is an ASSAULT or a
COERCE and the head of its target's span is the object of a preposition hanging on an event
noun of one of those types (the trigger itself, or a support verb's object: "carried out an
attack in X"). The object is a ``place`` (a GPE, LOC or FAC entity, an area word of
``party_nouns.yaml`` or a place the places component found there) or ``other``. What the
gold says, as each scorer reads the target: ``gold`` (ours is right), ``another`` (the gold
names another target), ``none`` (the gold names no target there). ConfliBERT: the sentence's
main event as scored; PLOVER: a main event of a gold event's type, its gold targets by shared
word; RAMS and WikiEvents: the event found for a gold trigger; MUC-4: an incident event of a
document with templates against every target and victim mention (``another`` when the
document has any, else ``none``); GVDB: an ASSAULT against the named victims.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))  # the sibling tools it reuses

from checkout import ROOT  # noqa: F401  first: this checkout's newsgraph, not an installed one

from newsgraph.components.events.adjunct_places import recognised_place
from newsgraph.components.events.lexicon import load_lexicon
from newsgraph.components.events.party_filter import areas
from newsgraph.components.events.summary import anchor_token
from newsgraph.components.events.triggers import noun_sense
from newsgraph.eval.annotate import overlaps

TYPES = frozenset({"ASSAULT", "COERCE"})
PLACE_ENTS = frozenset({"GPE", "LOC", "FAC"})
Info = dict[str, tuple[str, str, str, str]]  # event id -> (prep, kind, trigger, phrase)
Case = tuple[str, str, str, str, str, str]  # (set, type, prep, kind, verdict, line)


def noun_prep_target(doc: Any, event: Any, lex: Any) -> tuple[str, str, str, str] | None:
    """(preposition, place/other, noun/support, the noun and its phrase) when the event's
    target is the object of a preposition of an ASSAULT or COERCE event noun."""
    span = event.target.span
    if event.type not in TYPES or span is None:
        return None
    inside = [t for t in doc if span.start <= t.idx < span.end]
    head = next((t for t in inside if not span.start <= t.head.idx < span.end), None)
    if head is None or head.dep_ != "pobj" or head.head.dep_ != "prep":
        return None
    noun = head.head.head
    if noun.pos_ in ("VERB", "AUX"):  # "launched an offensive in X": the noun's phrase
        noun = next((c for c in noun.children if c.dep_ == "dobj"), noun)
    sense = noun_sense(noun, lex) if noun.pos_ in ("NOUN", "PROPN") else None
    if sense is None or sense.type not in TYPES:
        return None
    place = head.ent_type_ in PLACE_ENTS or head.lemma_.lower() in areas() or recognised_place(head)
    anchor = anchor_token(doc, event)
    how = "noun" if anchor is not None and anchor.i == noun.i else "support"
    if head.head.head.i != noun.i:
        how = "support, on the verb"
    phrase = f"{noun.text} {head.head.text} {span.text}"
    return head.head.lower_, "place" if place else "other", how, phrase


def recorder(infos: list[Info], lex: Any) -> Callable[[Any], None]:
    def on_doc(doc: Any) -> None:
        found: Info = {}
        for event in doc._.ng_events or []:
            info = noun_prep_target(doc, event, lex)
            if info is not None:
                found[event.id] = info
        infos.append(found)

    return on_doc


def verdict(ours: tuple[int, int], gold: list[tuple[int, int]]) -> str:
    if any(overlaps(ours, g) for g in gold):
        return "gold"
    return "another" if gold else "none"


def case(name: str, event: Any, info: tuple[str, str, str, str], said: str, where: str) -> Case:
    prep, kind, how, phrase = info
    label = f"{event.type}/{event.mode}" if event.type == "COERCE" else event.type
    return name, label, prep, f"{kind}, {how}", said, f"{where} {phrase!r}"


def conflibert_cases(lex: Any) -> Iterator[Case]:
    from conflibert_fit import annotated, fit_sentences

    from newsgraph.eval.conflibert import main_event
    from newsgraph.nlp import get_pipeline

    golds = fit_sentences(lambda s: bool(s.roles))
    for gold, annotation, info in annotated(golds, get_pipeline(), _single(lex)):
        found = main_event(annotation)
        if found is None or found[1].id not in info:
            continue
        span = found[1].target.span
        said = verdict((span.start, span.end), gold.roles.get("target", []))
        yield case("conflibert", found[1], info[found[1].id], said, gold.text[:60])


def _single(lex: Any) -> Callable[[Any], Info]:
    def parse(doc: Any) -> Info:
        infos: list[Info] = []
        recorder(infos, lex)(doc)
        return infos[0]

    return parse


def plover_cases(lex: Any) -> Iterator[Case]:
    from newsgraph.components.events.summary import main_events
    from newsgraph.eval.annotate import parse_dated
    from newsgraph.eval.base import FIT, by_part, shared_eval_dir
    from newsgraph.eval.plover import DEFAULT_DATA, PLOVER_FILE, _words, read_plover, scored_type

    golds = by_part(read_plover(shared_eval_dir() / DEFAULT_DATA / PLOVER_FILE),
                    lambda g: g.id)[FIT]  # fmt: skip
    for gold, doc in zip(golds, parse_dated([g.text for g in golds]), strict=True):
        events = list(doc._.ng_events or [])
        mine = [(t, e) for e in main_events(doc, events) if (t := scored_type(e))]
        for event in gold.events:
            for scored, ours in mine:
                info = noun_prep_target(doc, ours, lex) if scored == event.type else None
                if info is None:
                    continue
                words = _words(ours.target.span.text)
                said = ("gold" if any(words & _words(g.text) for g in event.targets)
                        else "another" if event.targets else "none")  # fmt: skip
                yield case("plover", ours, info, said, gold.text[:60])


def argument_cases(name: str, lex: Any) -> Iterator[Case]:
    from rams_argument_misses import rams_fit, wikievents_fit

    from newsgraph.eval.arguments import find

    infos: list[Info] = []
    loader = rams_fit if name == "rams" else wikievents_fit
    documents, annotations = loader(on_doc=recorder(infos, lex))
    for document, annotation, info in zip(documents, annotations, infos, strict=True):
        for gold in document.events:
            _, event = find(gold, annotation)
            if event is None or event.id not in info:
                continue
            span = event.target.span
            said = verdict((span.start, span.end), gold.arguments.get("target", []))
            yield case(name, event, info[event.id], said, document.id)


def muc4_cases(lex: Any) -> Iterator[Case]:
    from muc4_role_misses import fit_records, labelled_entities

    from newsgraph.eval import muc4
    from newsgraph.eval.annotate import annotate
    from newsgraph.nlp import get_pipeline

    records = fit_records()
    infos: list[Info] = []
    annotations = annotate([r["doctext"] for r in records], get_pipeline(),
                           on_doc=recorder(infos, lex))  # fmt: skip
    for record, annotation, info in zip(records, annotations, infos, strict=True):
        if not record.get("templates"):
            continue
        mentions = [m for _, ms in labelled_entities(record, annotation.text).get("target", [])
                    for m in ms]  # fmt: skip
        for event in muc4.incident_events(annotation.main):
            if event.id in info:
                span = event.target.span
                said = verdict((span.start, span.end), mentions)
                yield case("muc4", event, info[event.id], said, str(record["docid"]))


def gvdb_cases(lex: Any) -> Iterator[Case]:
    from newsgraph.eval.annotate import annotate
    from newsgraph.eval.base import FIT, by_part, shared_eval_dir
    from newsgraph.eval.gvdb import DEFAULT_DATA, DEV_FILE, read_gold
    from newsgraph.nlp import get_pipeline

    articles = by_part(read_gold(shared_eval_dir() / DEFAULT_DATA / DEV_FILE),
                       lambda a: a.id, FIT)[FIT]  # fmt: skip
    infos: list[Info] = []
    annotations = annotate([a.text for a in articles], get_pipeline(),
                           [a.published for a in articles],
                           on_doc=recorder(infos, lex))  # fmt: skip
    for gold, annotation, info in zip(articles, annotations, infos, strict=True):
        mentions = [m for cluster in gold.roles.get("target", []) for m in cluster]
        for event in annotation.events:
            if event.type == "ASSAULT" and event.id in info:
                span = event.target.span
                said = verdict((span.start, span.end), mentions)
                yield case("gvdb", event, info[event.id], said, gold.id)


SETS = ("conflibert", "plover", "rams", "wikievents", "muc4", "gvdb")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--show", action="store_true", help="print each case")
    parser.add_argument("--sets", default=",".join(SETS))
    options = parser.parse_args()
    lex = load_lexicon()
    loaders: dict[str, Callable[[], Iterator[Case]]] = {
        "conflibert": lambda: conflibert_cases(lex),
        "plover": lambda: plover_cases(lex),
        "rams": lambda: argument_cases("rams", lex),
        "wikievents": lambda: argument_cases("wikievents", lex),
        "muc4": lambda: muc4_cases(lex),
        "gvdb": lambda: gvdb_cases(lex),
    }
    counts: Counter[tuple[str, str, str, str, str]] = Counter()
    for name in options.sets.split(","):
        for set_name, label, prep, kind, said, line in loaders[name]():
            counts[set_name, label, prep, kind, said] += 1
            if options.show:
                print(f"[{set_name}] {label} {prep} {kind} {said}: {line}", flush=True)
    print("set, type, preposition, kind: gold / another / none")
    for key in sorted({k[:4] for k in counts}):
        cells = "/".join(str(counts[(*key, s)]) for s in ("gold", "another", "none"))
        print(f"  {key[0]:10s} {key[1]:14s} {key[2]:8s} {key[3]:16s} {cells}")


if __name__ == "__main__":
    main()
