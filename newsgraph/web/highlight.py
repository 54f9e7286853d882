"""The article text as HTML, every extraction marked at its exact character span.

Spans overlap (a cue inside a statement, an actor mention inside a quote, an event trigger
inside both), so the text is cut at every span boundary into flat segments; each segment is
one ``<a class="hl k-…">`` carrying the keys of all the records that cover it, innermost first,
and links to the innermost record's card. Nothing nests, every offset is a Python character
offset into ``article.text`` exactly as stored, and every piece of text goes through
``markupsafe.escape``: article text is data, never markup.

Record keys are positional (``st0`` = the first statement, ``ev2`` = the third event, ``ac``,
``pl``, ``tm``, ``fr`` for actors, places, times and framing), so ids from the data never reach
an HTML id or a CSS selector.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import pairwise
from typing import Any

from markupsafe import Markup, escape

# highlight kinds, in the order a tie between equally long spans is broken (first wins)
KINDS = ("cue", "event", "framing", "time", "place", "actor", "quote")
_PRIORITY = {kind: i for i, kind in enumerate(KINDS)}


@dataclass(frozen=True, slots=True)
class Mark:
    start: int
    end: int
    kind: str
    key: str
    extra: str = ""  # more CSS classes (an attributed event, a negated one)

    @property
    def length(self) -> int:
        return self.end - self.start


def span_ok(span: Any, text: str) -> bool:
    """A well-formed span that really covers ``span["text"]`` in ``text``."""
    if not isinstance(span, dict):
        return False
    start, end = span.get("start"), span.get("end")
    if not isinstance(start, int) or not isinstance(end, int) or not 0 <= start < end <= len(text):
        return False
    return span.get("text") is None or text[start:end] == span["text"]


def record_marks(record: dict[str, Any]) -> tuple[list[Mark], int]:
    """The marks of a record, and how many of its spans did not fit the text (skipped)."""
    text = record["article"].get("text") or ""
    marks: list[Mark] = []
    bad = 0

    def add(span: Any, kind: str, key: str, extra: str = "") -> None:
        nonlocal bad
        if span is None:
            return
        if span_ok(span, text):
            marks.append(Mark(span["start"], span["end"], kind, key, extra))
        else:
            bad += 1

    for i, statement in enumerate(record.get("statements", [])):
        for piece in statement.get("content") or []:
            add(piece, "quote", f"st{i}")
        add((statement.get("cue") or {}).get("span"), "cue", f"st{i}")
    for i, event in enumerate(record.get("events", [])):
        extra = " k-attr" if event.get("attributed_to") else ""
        if event.get("negated") or event.get("hypothetical") or event.get("future"):
            extra += " k-unreal"
        for span in event.get("evidence") or []:
            add(span, "event", f"ev{i}", extra)
    for i, actor in enumerate(record.get("actors", [])):
        for span in actor.get("mentions") or []:
            add(span, "actor", f"ac{i}")
    for i, place in enumerate(record.get("places", [])):
        for span in place.get("mentions") or []:
            add(span, "place", f"pl{i}")
    for i, time in enumerate(record.get("times", [])):
        add(time.get("span"), "time", f"tm{i}")
    for i, term in enumerate(record.get("framing", [])):
        add(term.get("span"), "framing", f"fr{i}")
    return marks, bad


def render_text(text: str, marks: Iterable[Mark]) -> Markup:
    """``text`` as escaped HTML with ``marks`` laid over it as flat, linked segments."""
    starts: dict[int, list[Mark]] = defaultdict(list)
    points = {0, len(text)}
    for mark in marks:
        starts[mark.start].append(mark)
        points.update((mark.start, mark.end))
    cuts = sorted(points)
    out: list[str] = []
    active: list[Mark] = []
    anchored: set[str] = set()
    for a, b in pairwise(cuts):
        active = [m for m in active if m.end > a] + starts.get(a, [])
        piece = escape(text[a:b])
        if not active:
            out.append(piece)
            continue
        ordered = sorted(active, key=lambda m: (m.length, _PRIORITY[m.kind], m.key))
        keys = list(dict.fromkeys(m.key for m in ordered))
        for key in keys:  # a target for "show in text" links where each record starts
            if key not in anchored:
                anchored.add(key)
                out.append(f'<span class="at" id="at-{key}"></span>')
        classes = " ".join(sorted({f"k-{m.kind}" for m in active}))
        extras = " ".join(sorted({c for m in active if m.kind == "event" for c in m.extra.split()}))
        out.append(
            f'<a class="hl {classes}{" " + extras if extras else ""}" href="#rec-{keys[0]}" '
            f'data-refs="{" ".join(keys)}">{piece}</a>'
        )
    return Markup("".join(out))


def highlighted(record: dict[str, Any]) -> tuple[Markup, int]:
    """The record's article text as HTML with its marks, and the number of skipped spans."""
    marks, bad = record_marks(record)
    return render_text(record["article"].get("text") or "", marks), bad
