"""Our GVDB sources that match no gold shooter, "by entity" (named or not), by cause (fit only).

    python tools/gvdb_wrong_sources.py                 # counts by cause
    python tools/gvdb_wrong_sources.py --show CAUSE    # also each case of that cause (prefix)
    python tools/gvdb_wrong_sources.py --cache FILE    # the parse cache of gvdb_party_misses.py

Each of our source entities (``eval/gvdb.party_entities``) that overlaps no gold ``SHO-NAME``
takes the first cause that fits, read from its first ASSAULT event: ``a gold victim``; ``the
one shot, headline-shaped`` (in the first sentence or a "|" title, no target, no actor);
``a non-shooting ASSAULT`` (every trigger a fight, stab, blow or assault word, or a primitive
or sexual mode); ``negated``; ``police: "police say" speaker`` (the bare speaker word in a
sentence with say); ``police or officers as doer``; ``a pronoun or indefinite``; ``named``;
``an unnamed description`` — the last two split by whether gold names a shooter at all.
"""

from __future__ import annotations

import argparse
import re
from collections.abc import Iterator
from pathlib import Path

from gvdb_party_misses import parsed_fit, sentence_range
from miss_counts import counted, print_counts

from newsgraph.eval.annotate import overlaps
from newsgraph.eval.arguments import event_types
from newsgraph.eval.base import core_range
from newsgraph.eval.gvdb import party_entities

POLICE = re.compile(
    r"\b(police|officers?|troopers?|deput(y|ies)|sheriff|fbi|authorities|investigators|agents?"
    r"|cops?|department)\b",
    re.I,
)
INDEFINITE = {"he", "she", "they", "it", "i", "we", "you", "him", "her", "them", "who", "whoever",
              "someone", "somebody", "anyone", "their", "his", "one"}  # fmt: skip
NOT_SHOOTING = {"fight", "fought", "fighting", "battling", "stab", "stabbed", "assault",
                "assaulted", "capturing", "raid", "pounding", "targeted", "destroy", "rape",
                "struck", "hit", "hitting", "injured", "injuring", "injure", "planned",
                "homicide", "took"}  # fmt: skip


def causes(cache: Path | None) -> Iterator[tuple[str, str, str]]:
    articles, annotations, _ = parsed_fit(cache)
    for gold, annotation in zip(articles, annotations, strict=True):
        events = [e for e in annotation.events if "ASSAULT" in event_types(e)]
        shooters, victims = gold.roles.get("source", []), gold.roles.get("target", [])
        title = annotation.sentences[0] if annotation.sentences else (0, 0)
        for entity in party_entities(events, annotation, "source"):
            if any(overlaps(s, m) for c in shooters for m in c for s in entity.spans):
                continue
            own = [
                e for e in events if e.source.span is not None and e.source.actor == entity.actor
                and (entity.actor or core_range(e.source.span.start, e.source.span.text)
                     in entity.spans)
            ]  # fmt: skip
            event, span = own[0], own[0].source.span
            trigger = annotation.triggers.get(event.id, (span.start, span.end))
            words = [annotation.text[slice(*annotation.triggers.get(e.id, (0, 0)))].lower()
                     for e in own]  # fmt: skip
            sentence = sentence_range(annotation, trigger[0])
            said = annotation.text[slice(*sentence)]
            named = "gold names a shooter" if shooters else "gold names none"
            if any(overlaps(s, m) for c in victims for m in c for s in entity.spans):
                cause = "a gold victim"
            elif (
                (sentence == title or " | " in said)
                and event.target.span is None
                and not (entity.actor)
            ):
                cause = "the one shot, headline-shaped"
            elif all(w in NOT_SHOOTING for w in words) or all(
                e.mode in ("primitive", "sexual") for e in own
            ):
                cause = "a non-shooting ASSAULT"
            elif all(e.negated for e in own):
                cause = "negated"
            elif span.text.lower() in ("police", "authorities", "investigators") and re.search(
                r"\b(say|says|said)\b", said
            ):
                cause = 'police: "police say" speaker'
            elif POLICE.search(span.text):
                cause = "police or officers as doer"
            elif span.text.split()[0].lower() in INDEFINITE:
                cause = "a pronoun or indefinite"
            elif entity.actor:
                cause = f"named, {named}"
            else:
                cause = f"an unnamed description, {named}"
            yield "source", cause, f"{gold.id} [{span.text}] {words[0]!r} :: {said[:160]}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--show", default=None, help="print each case of this cause (prefix)")
    parser.add_argument("--cache", type=Path, default=None, help="pickle of the parsed fit part")
    options = parser.parse_args()
    print_counts(counted(causes(options.cache), options.show), ("source",))


if __name__ == "__main__":
    main()
