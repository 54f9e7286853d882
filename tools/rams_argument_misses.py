"""Why RAMS gold arguments are missed, and what our wrong ones are, by role (fit part only).

    python tools/rams_argument_misses.py             # counts by role and kind
    python tools/rams_argument_misses.py --show KIND # also each case of that kind
    python tools/rams_argument_misses.py --set wikievents  # the same on WikiEvents' fit part

Held-out documents are never read here. For every fit trigger that we find in its sentence
(the scorer's ``find``), each role (source, target, place) is one unit, as
``eval/arguments.py`` scores it, and is sorted into one kind:

- ``right``: ours overlaps a gold span of the role;
- ``other sentence``: every gold span of the role lies outside the trigger's sentence (RAMS
  marks arguments across a five-sentence window); split by whether ours is empty;
- ``swapped``: ours overlaps a gold span of the other party role (source <-> target);
- ``boundary``: our whole phrase overlaps the gold span, the core the scorer keeps does not;
- ``empty``: we name none, the gold span is in the sentence (a place: ``not recognised as a
  place`` when no place mention of ours overlaps it, else ``recognised, the chooser dropped
  it``);
- ``wrong candidate``: we name another phrase in the sentence (``wrong: RAMS role`` when ours is
  an argument of another RAMS role there, an instrument, a participant, ...);
- ``no gold role``: we name a party where RAMS marks none of that role (``unscored: RAMS role``
  when ours is a gold argument of a role the map leaves out).

Gold triggers we do not find in their sentence are counted apart (their roles are outside the
argument measure). WikiEvents (``--set wikievents``: its train sample and fit dev documents, as
``eval wikievents`` scores them) gives no gold sentences and no unmapped roles: the sentences
are ours, and ``wrong: RAMS role`` / ``unscored: RAMS role`` never show.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable, Iterator
from typing import Any

from miss_counts import counted, print_counts

from newsgraph.eval import wikievents
from newsgraph.eval.annotate import Annotation, annotate, official_parts, overlaps
from newsgraph.eval.arguments import ROLES, GoldEvent, Range, find, predicted_roles
from newsgraph.eval.base import FIT, by_part, part_members, shared_eval_dir
from newsgraph.eval.rams import DEFAULT_DATA, DEV_FILE, GoldDocument, read_gold
from newsgraph.model import Event
from newsgraph.nlp import get_pipeline

OTHER_PARTY = {"source": "target", "target": "source"}


def sentence_of(sentences: list[Range], char: int) -> int:
    return next((i for i, (s, e) in enumerate(sentences) if s <= char <= e), -1)


def whole_phrase(event: Event, role: str) -> Range | None:
    """Our party's whole phrase (the scorer keeps only its core)."""
    if role == "place":
        return None
    span = getattr(event, role).span
    return (span.start, span.end) if span is not None else None


def other_role(document: GoldDocument, gold: GoldEvent, mine: list[Range]) -> str | None:
    """The RAMS role of a gold argument of this trigger that one of our spans overlaps."""
    return next(
        (
            link.role
            for link in document.links
            if link.trigger == gold.trigger and any(overlaps(m, link.span) for m in mine)
        ),
        None,
    )


def place_miss(annotation: Annotation, theirs: list[Range]) -> str:
    """Why we gave no place though gold names one in the sentence: no place of ours overlaps
    it (not recognised), or one does and the chooser left it out."""
    mentions = [(m.start, m.end) for p in annotation.places.values() for m in p.mentions]
    if any(overlaps(m, g) for m in mentions for g in theirs):
        return "recognised, the chooser dropped it"
    return "not recognised as a place"


def kind_of(
    role: str,
    document: GoldDocument,
    gold: GoldEvent,
    event: Event,
    predicted: dict[str, list[Range]],
    annotation: Annotation,
) -> str | None:
    """The kind of one role unit (None when neither side has it)."""
    mine, theirs = predicted.get(role, []), gold.arguments.get(role, [])
    if not mine and not theirs:
        return None
    if any(overlaps(m, g) for m in mine for g in theirs):
        return "right"
    other = OTHER_PARTY.get(role)
    if other and any(overlaps(m, g) for m in mine for g in gold.arguments.get(other, [])):
        return "swapped (ours is the other party)"
    if not theirs:
        unscored = other_role(document, gold, mine)
        return f"no gold role (unscored: {unscored})" if unscored else "no gold role"
    sentence = sentence_of(document.sentences, gold.trigger[0])
    if all(sentence_of(document.sentences, g[0]) != sentence for g in theirs):
        return "other sentence, ours empty" if not mine else "other sentence, ours wrong"
    if other and any(overlaps(m, g) for m in predicted.get(other, []) for g in theirs):
        return "swapped (our other party is this one)"
    phrase = whole_phrase(event, role)
    if phrase and any(overlaps(phrase, g) for g in theirs):
        return "boundary"
    if not mine:
        return "empty" if role != "place" else f"empty: {place_miss(annotation, theirs)}"
    wrong = other_role(document, gold, mine)
    return f"wrong candidate ({wrong})" if wrong else "wrong candidate"


def cases(
    documents: list[GoldDocument], annotations: list[Annotation]
) -> Iterator[tuple[str, str, str]]:
    """(role, kind, a line showing the case) for every role unit of every found fit trigger;
    ("trigger", "not found", line) for a trigger not found in its sentence."""
    for document, annotation in zip(documents, annotations, strict=True):
        for gold in document.events:
            trigger = document.text[gold.trigger[0] : gold.trigger[1]]
            _, event = find(gold, annotation)
            if event is None:
                yield "trigger", "not found", f"{document.id} {trigger!r}"
                continue
            predicted = predicted_roles(event, annotation)
            for role in ROLES:
                kind = kind_of(role, document, gold, event, predicted, annotation)
                if kind is None:
                    continue
                ours = [document.text[s:e] for s, e in predicted.get(role, [])]
                theirs = [document.text[s:e] for s, e in gold.arguments.get(role, [])]
                sentence = document.sentences[sentence_of(document.sentences, gold.trigger[0])]
                line = f"{document.id} {event.type} {trigger!r}: ours {ours} gold {theirs}"
                yield role, kind, f"{line}\n      {document.text[sentence[0] : sentence[1]]}"


def rams_fit(
    on_doc: Callable[[Any], None] | None = None,
) -> tuple[list[GoldDocument], list[Annotation]]:
    """RAMS's fit documents and our annotations (``on_doc``: called with each parse)."""
    documents, _ = read_gold(shared_eval_dir() / DEFAULT_DATA / DEV_FILE)
    fit = by_part(documents, lambda d: d.id, FIT)[FIT]
    return fit, annotate([d.text for d in fit], get_pipeline(), on_doc=on_doc)


def wikievents_fit(
    on_doc: Callable[[Any], None] | None = None,
) -> tuple[list[GoldDocument], list[Annotation]]:
    """WikiEvents' fit documents as RAMS documents: no links, our sentences (end inclusive)."""
    documents = wikievents.read_gold(shared_eval_dir() / wikievents.DEFAULT_DATA)
    train, dev = official_parts(documents, wikievents.TRAIN_CAP)
    fit = part_members(dev, train, FIT)
    annotations = annotate([d.text for d in fit], get_pipeline(), on_doc=on_doc)
    as_rams = [
        GoldDocument(d.id, d.text, d.events, [], [(s, e - 1) for s, e in a.sentences])
        for d, a in zip(fit, annotations, strict=True)
    ]
    return as_rams, annotations


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--show", default=None, help="print each case of this kind (prefix)")
    parser.add_argument("--set", default="rams", choices=("rams", "wikievents"))
    options = parser.parse_args()
    fit, annotations = rams_fit() if options.set == "rams" else wikievents_fit()
    print_counts(counted(cases(fit, annotations), options.show), ("trigger", *ROLES))


if __name__ == "__main__":
    main()
