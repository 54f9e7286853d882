"""A sentence that tells "a separate incident" ("In a separate incident on the same day, two
border guards were killed when their vehicle hit a landmine") tells another incident than the
ones its article told before it: its events join no cluster holding one of those
(``EventItem.apart_from``, a hard check of ``Compatibility``). Without it, an article's lead
placed only by its country ("fired mortars at a Kyrgyz village") and the landmine of the same
day and province, told apart by the article itself, met as one incident through the second
outlet's report of the landmine (probe P, session 26, docs/history/link.md "storyP").

Found where the link stage reads no text: in the record's event sentences (as ``moment_twins``),
the cues of ``data/en/separate_incidents.yaml``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import replace
from functools import cache
from pathlib import Path
from typing import Any

from ..datafiles import data_file, load_yaml
from .event_items import EventItem
from .event_pairs import Sentence, evidence_spans
from .mentions import sentence_spans


@cache
def _cues(path: str | None = None) -> re.Pattern[str]:
    file = Path(path or data_file(__package__, "separate_incidents.yaml"))
    data = load_yaml(file.read_text(encoding="utf-8")) or {}
    return re.compile("|".join(f"(?:{cue})" for cue in data.get("cues") or []), re.IGNORECASE)


def tells_separate_incident(sentence: str) -> bool:
    """The sentence says that what it tells is another incident than the ones told before."""
    return bool(_cues().search(sentence))


def separate_from(
    record: Mapping[str, Any], sentences: Sequence[Sentence] | None = None
) -> dict[str, frozenset[str]]:
    """event id → the ids of its article's events told before its sentence, for each event
    of a sentence that tells a separate incident. The sentences are the record's event
    sentences (from the store), else read from the record's text."""
    if sentences is None:
        text = (record.get("article") or {}).get("text") or ""
        sentences = [(a, text[a:b]) for a, b in sentence_spans(text)] if text else []
    events = [e for e in record.get("events") or [] if evidence_spans(e) and e.get("id")]
    first = {e["id"]: min(s["start"] for s in evidence_spans(e)) for e in events}
    out: dict[str, frozenset[str]] = {}
    for begin, sentence in sentences:
        if not tells_separate_incident(sentence):
            continue
        before = frozenset(k for k, start in first.items() if start < begin)
        if not before:
            continue
        for key, start in first.items():
            if begin <= start < begin + len(sentence):
                out[key] = out.get(key, frozenset()) | before
    return out


def mark_separate(
    items: Sequence[EventItem], apart: Mapping[str, frozenset[str]]
) -> list[EventItem]:
    """``items`` (one article's) with each one's ``apart_from``."""
    return [replace(i, apart_from=apart[i.event_id]) if i.event_id in apart else i for i in items]
