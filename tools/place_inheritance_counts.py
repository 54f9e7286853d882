"""Where the place of an event whose sentence names none is, and how often each rule of
inheriting a place from elsewhere in the article would be right (fit parts only).

    python tools/place_inheritance_counts.py --set gvdb       # counts by rule
    python tools/place_inheritance_counts.py --set wikievents --show "lead event" --verbose
    python tools/place_inheritance_counts.py --set rams --cache /tmp/rams.pkl  # reuse a parse

Held-out documents are never read here. A **unit** is one of our events that is reported as
done (not negated, hypothetical or future), has no place, and whose sentence holds no place
mention of ours (the chooser had nothing to choose). Each rule proposes a place for it from
elsewhere in the article; the proposal is sorted as the set's scorer would read it:

- GVDB (document level; only our ASSAULT events are scored): ``right`` when a mention of the
  place overlaps a gold place (``DAT-CITY``/``DAT-LOC``), else ``wrong``; ``already placed``
  when another ASSAULT of the article has that place (the document's rows cannot move);
- WikiEvents and RAMS (trigger level): the gold event our event is found as
  (``arguments.find``, same sentence): ``right`` when a mention overlaps a gold place of it,
  ``wrong`` when it has another, ``gold none`` when it has none (a false positive for the
  scorer); ``unscored`` when our event is found as no gold event.

Each set's place row with the rule applied to every unit is printed too (``place F1``), from
the same annotations, against the row without it. For the gold side, the gold events (or GVDB
articles) whose place lies outside the trigger's sentence are sorted by where it is: the
dateline, the first sentence, the previous sentence, an earlier sentence.
"""

from __future__ import annotations

import argparse
import pickle
from collections import Counter
from collections.abc import Callable, Iterator
from copy import deepcopy
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from gvdb_party_misses import parsed_fit
from rams_argument_misses import rams_fit, wikievents_fit

from newsgraph.components.events.incident_place import incident_places
from newsgraph.components.places.recognizer import dateline_name_starts
from newsgraph.eval import gvdb
from newsgraph.eval.annotate import Annotation, overlaps
from newsgraph.eval.arguments import TriggerTally, event_types, find
from newsgraph.eval.base import Counts
from newsgraph.model import Event

Range = tuple[int, int]
GVDB_TYPES = frozenset(gvdb.load_map("gvdb")["types"])


@dataclass(frozen=True, slots=True)
class Mention:
    start: int
    end: int
    place: str
    sentence: int


def place_mentions(annotation: Annotation) -> list[Mention]:
    """Every place mention of ours in text order, with its sentence."""
    mentions = [
        Mention(m.start, m.end, pid, annotation.sentence_of(m.start))
        for pid, place in annotation.places.items()
        for m in place.mentions
    ]
    return sorted(mentions, key=lambda m: m.start)


def event_sentence(annotation: Annotation, event: Event) -> int:
    """The sentence of the event's first evidence word, as the events component reads it."""
    return annotation.sentence_of(event.evidence[0].start) if event.evidence else -1


def is_unit(event: Event, placed_sentences: set[int], sentence: int) -> bool:
    """A real event with no place whose sentence names none."""
    real = not (event.negated or event.irrealis) and bool(event.evidence)
    return real and event.place is None and sentence not in placed_sentences


@dataclass(slots=True)
class Article:
    """What the rules read of one annotated article."""

    annotation: Annotation
    mentions: list[Mention]
    sentence_of_event: dict[str, int]

    @classmethod
    def of(cls, annotation: Annotation) -> Article:
        return cls(
            annotation,
            place_mentions(annotation),
            {e.id: event_sentence(annotation, e) for e in annotation.events},
        )

    def stated_events_before(self, event: Event) -> list[Event]:
        """Earlier events with a place stated in their own sentence, nearest first."""
        here = self.sentence_of_event[event.id]
        earlier = [
            e
            for e in self.annotation.events
            if e.place and not e.place_inferred and self.sentence_of_event[e.id] < here
        ]
        return sorted(earlier, key=lambda e: -self.sentence_of_event[e.id])

    def distinct_places(self, sentence: int) -> list[str]:
        return list(dict.fromkeys(m.place for m in self.mentions if m.sentence == sentence))


Rule = Callable[[Article, Event], str | None]


def dateline(article: Article, event: Event) -> str | None:
    starts = dateline_name_starts(article.annotation.text)
    return next((m.place for m in article.mentions if m.start in starts), None)


def first_place(article: Article, event: Event) -> str | None:
    return article.mentions[0].place if article.mentions else None


def previous_sentence(article: Article, event: Event) -> str | None:
    """The previous sentence's place when it names exactly one."""
    places = article.distinct_places(article.sentence_of_event[event.id] - 1)
    return places[0] if len(places) == 1 else None


def previous_event(article: Article, event: Event, same_type: bool, within: int) -> str | None:
    here = article.sentence_of_event[event.id]
    for earlier in article.stated_events_before(event):
        if here - article.sentence_of_event[earlier.id] > within:
            return None
        if not same_type or earlier.type == event.type:
            return earlier.place
    return None


def follow_up(article: Article, event: Event, within: int = 2, chain: bool = False) -> str | None:
    """The shipped rule (``events/incident_place.py``): the lead act's place (``within``
    sentences after it; with ``chain`` a placed follow-up leads in turn)."""
    named: dict[int, set[str]] = {}
    for mention in article.mentions:
        named.setdefault(mention.sentence, set()).add(mention.place)
    countries = {pid for pid, p in article.annotation.places.items() if p.feature == "country"}
    events = article.annotation.events
    if chain:  # the parse holds the shipped rule's places: read them as the pipeline would
        events = [
            replace(e, place=None, place_inferred=False) if e.place_inferred else e for e in events
        ]
    places = incident_places(events, article.sentence_of_event, named, countries, within, chain)
    return places.get(event.id)


def lead_event(article: Article, event: Event) -> str | None:
    """The place of the article's first placed event (the incident it leads with)."""
    earlier = article.stated_events_before(event)
    return earlier[-1].place if earlier else None


def one_event_place(article: Article, event: Event) -> str | None:
    """The place every placed event before it shares, when they share one."""
    places = {e.place for e in article.stated_events_before(event)}
    return places.pop() if len(places) == 1 else None


def sole_place(article: Article, event: Event) -> str | None:
    """The article's only place (every mention names the same one)."""
    places = {m.place for m in article.mentions}
    return places.pop() if len(places) == 1 else None


RULES: dict[str, Rule] = {
    "dateline": dateline,
    "first place": first_place,
    "prev-sentence (one place)": previous_sentence,
    "prev-event any type, 1 sentence": lambda a, e: previous_event(a, e, False, 1),
    "prev-event same type, 1 sentence": lambda a, e: previous_event(a, e, True, 1),
    "prev-event any type": lambda a, e: previous_event(a, e, False, 10_000),
    "prev-event same type": lambda a, e: previous_event(a, e, True, 10_000),
    "lead event": lead_event,
    "follow-up of the lead act (shipped)": follow_up,
    "follow-up, 3 sentences": lambda a, e: follow_up(a, e, 3),
    "follow-up, 4 sentences": lambda a, e: follow_up(a, e, 4),
    "follow-up, chained": lambda a, e: follow_up(a, e, 2, True),
    "one place of earlier events": one_event_place,
    "sole place of the article": sole_place,
}


def units(article: Article) -> Iterator[Event]:
    placed = {m.sentence for m in article.mentions}
    for event in article.annotation.events:
        if is_unit(event, placed, article.sentence_of_event[event.id]):
            yield event


def mention_spans(annotation: Annotation, place: str) -> list[Range]:
    return [(m.start, m.end) for m in annotation.places[place].mentions]


def gvdb_label(gold: Any, article: Article, event: Event, place: str) -> str:
    if not event_types(event) & GVDB_TYPES:
        return "unscored"
    assaults = [e for e in article.annotation.events if event_types(e) & GVDB_TYPES]
    if any(e.place == place for e in assaults):
        return "already placed"
    golds = [s for entity in gold.roles.get("place", []) for s in entity]
    mine = mention_spans(article.annotation, place)
    return "right" if any(overlaps(m, g) for m in mine for g in golds) else "wrong"


def trigger_label(gold: Any, article: Article, event: Event, place: str) -> str:
    for gold_event in gold.events:
        _, near = find(gold_event, article.annotation)
        if near is not event:
            continue
        theirs = gold_event.arguments.get("place", [])
        if not theirs:
            return "gold none"
        mine = mention_spans(article.annotation, place)
        return "right" if any(overlaps(m, g) for m in mine for g in theirs) else "wrong"
    return "unscored"


def place_counts(name: str, golds: list[Any], annotations: list[Annotation]) -> Counts:
    """The set's place row over ``annotations`` (as ``newsgraph eval NAME`` counts it)."""
    total = Counts()
    for gold, annotation in zip(golds, annotations, strict=True):
        if name == "gvdb":
            events = [e for e in annotation.events if event_types(e) & GVDB_TYPES]
            total.add(gvdb.entity_counts(
                gvdb.place_entities(events, annotation), gold.roles.get("place", [])))  # fmt: skip
            continue
        tally = TriggerTally()
        for gold_event in gold.events:
            tally.add(gold_event, annotation)
        total.add(tally.roles["place"])
    return total


def with_rule(articles: list[Article], rule: Rule) -> list[Annotation]:
    """Copies of the annotations with ``rule``'s place given to every unit."""
    changed = []
    for article in articles:
        annotation = deepcopy(article.annotation)
        by_id = {e.id: e for e in annotation.events}
        for event in units(article):
            place = rule(article, event)
            if place is not None:
                by_id[event.id].place = place
        changed.append(annotation)
    return changed


def f1(counts: Counts) -> str:
    return f"{counts.f1:.4f} (tp {counts.tp} fp {counts.fp} fn {counts.fn})"


def gold_place_sites(name: str, golds: list[Any], articles: list[Article]) -> Counter[str]:
    """Where the gold place lies when it is outside the trigger's sentence (WikiEvents,
    RAMS) or outside every sentence of ours with an ASSAULT (GVDB)."""
    sites: Counter[str] = Counter()
    for gold, article in zip(golds, articles, strict=True):
        annotation = article.annotation
        dateline_starts = dateline_name_starts(annotation.text)
        if name == "gvdb":
            sentences = {article.sentence_of_event[e.id] for e in annotation.events
                         if event_types(e) & GVDB_TYPES}  # fmt: skip
            if not sentences:
                continue
            spans = [s for entity in gold.roles.get("place", []) for s in entity]
            anchor = min(sentences)
        else:
            continue_units = [
                (g, annotation.sentence_of(g.trigger[0])) for g in gold.events
                if g.arguments.get("place")]  # fmt: skip
            for gold_event, sentence in continue_units:
                spans = gold_event.arguments["place"]
                sites[site(annotation, spans, sentence, dateline_starts)] += 1
            continue
        sites[site(annotation, spans, anchor, dateline_starts)] += 1
    return sites


def site(annotation: Annotation, spans: list[Range], sentence: int, datelines: set[int]) -> str:
    if not spans:
        return "no gold place"
    where = {annotation.sentence_of(s[0]) for s in spans}
    if sentence in where:
        return "in the sentence"
    if any(s[0] in datelines for s in spans):
        return "the dateline"
    if 0 in where:
        return "the first sentence"
    if sentence - 1 in where:
        return "the previous sentence"
    if min(where) < sentence:
        return "an earlier sentence"
    return "a later sentence only"


def fit_part(name: str, cache: Path | None) -> tuple[list[Any], list[Annotation]]:
    """The set's fit documents and our annotations (from ``cache`` if given and present;
    written there otherwise)."""
    if cache is not None and cache.exists():
        golds, annotations, *_ = pickle.loads(cache.read_bytes())
        return golds, annotations
    if name == "gvdb":
        golds, annotations, _ = parsed_fit(None)
    else:
        golds, annotations = rams_fit() if name == "rams" else wikievents_fit()
    if cache is not None:
        cache.write_bytes(pickle.dumps((golds, annotations)))
    return golds, annotations


def sentence_text(article: Article, event: Event) -> str:
    start, end = article.annotation.sentences[article.sentence_of_event[event.id]]
    return article.annotation.text[start:end].replace("\n", " ")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--set", default="gvdb", choices=("gvdb", "wikievents", "rams"))
    parser.add_argument("--cache", type=Path, default=None,
                        help="pickle of the parsed fit part (read, or written)")  # fmt: skip
    parser.add_argument("--show", default=None, help="print each proposal of this rule")
    parser.add_argument("--verbose", action="store_true", help="with --show: each sentence")
    options = parser.parse_args()
    golds, annotations = fit_part(options.set, options.cache)
    articles = [Article.of(a) for a in annotations]
    label = gvdb_label if options.set == "gvdb" else trigger_label
    print("gold place sites:", dict(gold_place_sites(options.set, golds, articles)))
    print(f"place row without inheritance: {f1(place_counts(options.set, golds, annotations))}")
    for name, rule in RULES.items():
        labels: Counter[str] = Counter()
        for gold, article in zip(golds, articles, strict=True):
            for event in units(article):
                place = rule(article, event)
                if place is None:
                    continue
                kind = label(gold, article, event, place)
                labels[kind] += 1
                if options.show == name and kind != "unscored":
                    trigger = article.annotation.triggers.get(event.id, (0, 0))
                    words = article.annotation.text[trigger[0] : trigger[1]]
                    name_of = article.annotation.places[place].name
                    print(f"  {kind}: {event.type} {words!r} -> {name_of}")
                    if options.verbose:
                        print(f"      {sentence_text(article, event)}")
        row = f1(place_counts(options.set, golds, with_rule(articles, rule)))
        print(f"{name:36} {dict(labels)}  place {row}")


if __name__ == "__main__":
    main()
