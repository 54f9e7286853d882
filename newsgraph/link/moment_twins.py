"""The casualties of a sentence and the act of its "when", "as" or "while" clause, told as two
records ("Six monks were killed when a military aircraft bombed a monastery school on Tuesday
night": the killing, its dead the target, and the bombing, its doer and object its own;
``components/events/folds.is_moment_clause_act``, docs/events.md "events24"), are one incident
told once, as the one record they were before: clustering ties the two (``twins``).

The two share an ``exchange``, as a defence and the attack it names (``responses.py``): the
second visited joins the cluster the first went to, wherever hard checks allow, and neither
seeds an incident of its own beside the other. They are one report of their article (one
incident profile, ``incident_profiles._joins``), though both state the sentence's one place.
The casualties happened when the act did: a casualty record with no time of its own takes its
act's ("on Tuesday night" hangs on the clause's verb), as the one record had it.

Found where the link stage reads no text: in the record's event sentences (``twins``), the
casualty record (a killed or injured count) and, after it in its sentence, the next record of
its type with no count of its own, a "when", "as" or "while" between the two.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import Any

from .event_items import EventItem
from .event_pairs import Sentence, evidence_spans
from .mentions import sentence_spans

# the marks of a clause that tells the same moment (``folds.MOMENT_MARKS``)
MOMENT_MARK = re.compile(r"\b(?:when|as|while)\b", re.IGNORECASE)
CASUALTIES = ("killed", "injured")
# a participle's first word ("killing"): the killing told apart from its act
PARTICIPLE = re.compile(r"\w+ing\b")


def twins(record: Mapping[str, Any], sentences: Sequence[Sentence] | None = None) -> dict[str, str]:
    """event id → the id of the casualty record of its sentence, for each casualty record and
    the act of its "when"/"as"/"while" clause: the nearest record of its type after it in the
    same sentence, with no casualties of its own, a moment mark between the two. The
    sentences are the record's event sentences (``event_pairs.event_sentences``: from the
    store, where the link stage reads no text), else read from the record's text."""
    if sentences is None:
        text = (record.get("article") or {}).get("text") or ""
        sentences = [(a, text[a:b]) for a, b in sentence_spans(text)] if text else []
    events = [e for e in record.get("events") or [] if evidence_spans(e) and e.get("id")]
    first = {e["id"]: min(evidence_spans(e), key=lambda s: s["start"]) for e in events}
    out: dict[str, str] = {}
    for casualty in events:
        if not _casualties(casualty) or casualty["id"] in out:
            continue
        span = first[casualty["id"]]
        home = next(((a, t) for a, t in sentences if a <= span["start"] < a + len(t)), None)
        if home is None:
            continue
        begin, sentence = home
        later = sorted(
            (e for e in events if first[e["id"]]["start"] >= span["end"]),
            key=lambda e: first[e["id"]]["start"],
        )
        for act in later:
            start = first[act["id"]]["start"]
            if start >= begin + len(sentence):
                break
            if act.get("type") != casualty.get("type") or _casualties(act):
                continue
            between = sentence[span["end"] - begin : start - begin]
            if act["id"] not in out and MOMENT_MARK.search(between):
                out[casualty["id"]] = out[act["id"]] = casualty["id"]
            break
        if casualty["id"] not in out:
            _tie_participle(casualty, span, begin, sentence, events, first, out)
    return out


def _tie_participle(
    casualty: Mapping[str, Any],
    span: Mapping[str, Any],
    begin: int,
    sentence: str,
    events: Sequence[Mapping[str, Any]],
    first: Mapping[str, Mapping[str, Any]],
    out: dict[str, str],
) -> None:
    """A killing told in a participle after a comma ("stormed a police post, killing four
    officers": ``folds.is_participle_killing``) and the nearest record of its type before it
    in its sentence (which keeps the toll it had as one record): one incident."""
    if not PARTICIPLE.match(sentence[span["start"] - begin :]):
        return
    if not sentence[: span["start"] - begin].rstrip().endswith(","):
        return
    earlier = sorted(
        (e for e in events if begin <= first[e["id"]]["start"] < span["start"]),
        key=lambda e: first[e["id"]]["start"],
        reverse=True,
    )
    for act in earlier:  # the act keeps the toll it had as one record (its own count)
        if act.get("type") != casualty.get("type"):
            continue
        if act["id"] not in out:
            out[casualty["id"]] = out[act["id"]] = casualty["id"]
        return


def _casualties(event: Mapping[str, Any]) -> bool:
    magnitude = event.get("magnitude") or {}
    return any((magnitude.get(k) or {}).get("min") for k in CASUALTIES)


def tie_twins(items: Sequence[EventItem], tied: Mapping[str, str]) -> list[EventItem]:
    """``items`` (one article's) with each twin's ``exchange`` (the casualty record's id,
    unless a response has set one), the casualty record dated by its act where it has no time
    of its own."""
    by_id = {i.event_id: i for i in items}
    out = []
    for item in items:
        tie = tied.get(item.event_id)
        if tie is None or item.exchange is not None:
            out.append(item)
            continue
        other = next((by_id[k] for k, v in tied.items() if v == tie and k != item.event_id
                      and k in by_id), None)  # fmt: skip
        if other is not None and item.interval is None and item.event_id == tie:
            item = replace(item, interval=other.interval, day_part=item.day_part or other.day_part)
        out.append(replace(item, exchange=tie, twin=tie))
    return out
