"""``newsgraph eval wikievents``: triggers and arguments against WikiEvents (KAIROS ontology).

Data (``../shared/eval/wikievents``, see its README): ``dev.jsonl`` (20 documents, arguments
pointing at entity mentions) and ``train-text-args.jsonl`` (206 documents, arguments given as
text only). Types and roles are mapped by ``maps/wikievents.yaml``; scoring is
``arguments.py``'s. A text-only argument is placed at its occurrence nearest the trigger.

Split: the fit part is the train documents (a fixed sample of ``TRAIN_CAP``) plus the dev
documents ``split_of`` puts in the fit part; the held-out part is the other dev documents.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .annotate import annotate, annotated_parts, detokenize, official_counts, official_parts
from .arguments import GoldEvent, TriggerTally, load_map, plover_types
from .base import HELDOUT, OfficialPart, Report, tag

NAME = "wikievents"
DEFAULT_DATA = "wikievents"
DEV_FILE = "dev.jsonl"
TRAIN_FILE = "train-text-args.jsonl"
TRAIN_CAP = 40  # train documents scored in the fit part (about 800 tokens each)


@dataclass(slots=True)
class GoldDocument(OfficialPart):
    id: str
    text: str
    events: list[GoldEvent]
    official: str  # "train" or "dev"


def _nearest(text: str, needle: str, anchor: int) -> tuple[int, int] | None:
    """The occurrence of ``needle`` in ``text`` nearest character ``anchor``."""
    best: tuple[int, int] | None = None
    start = text.find(needle)
    while start >= 0 and needle:
        if best is None or abs(start - anchor) < abs(best[0] - anchor):
            best = (start, start + len(needle))
        start = text.find(needle, start + 1)
    return best


def read_document(record: dict[str, Any], official: str) -> GoldDocument | None:
    """One document with its mappable events (None when it has none)."""
    mapping = load_map("wikievents")
    text, offsets = detokenize(record["tokens"])
    entities = {m["id"]: m for m in record.get("entity_mentions", [])}
    events = []
    for mention in record["event_mentions"]:
        types = plover_types(mention["event_type"], mapping["types"])
        if not types:
            continue
        trigger = mention["trigger"]
        start = trigger.get("start", trigger.get("start_idx"))
        end = trigger.get("end", trigger.get("end_idx"))
        event = GoldEvent((offsets[start][0], offsets[end - 1][1]), types)
        for argument in mention["arguments"]:
            role = mapping["roles"].get(argument["role"].lower())
            if role is None:
                continue
            entity = entities.get(argument.get("entity_id", ""))
            if entity is not None:
                span = (offsets[entity["start"]][0], offsets[entity["end"] - 1][1])
            else:
                words = detokenize(argument["text"].split())[0]
                span = _nearest(text, words, event.trigger[0])
            if span is not None:
                event.arguments.setdefault(role, []).append(span)
        events.append(event)
    doc_id = record.get("doc_id") or record.get("docid")
    return GoldDocument(str(doc_id), text, events, official) if events else None


def read_gold(data_dir: Path, limit: int | None = None) -> list[GoldDocument]:
    documents = []
    for name, official in ((DEV_FILE, "dev"), (TRAIN_FILE, "train")):
        path = data_dir / name
        if not path.exists():
            continue
        lines = [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
        found = [read_document(json.loads(line), official) for line in lines[:limit]]
        documents += [d for d in found if d is not None]
    return documents


def evaluate(
    data_dir: Path,
    limit: int | None = None,
    nlp: Any = None,
    split: str = "both",
    train_cap: int | None = TRAIN_CAP,
) -> Report:
    """Score triggers and arguments on WikiEvents: train + fit half of dev, held-out dev."""
    documents = read_gold(Path(data_dir), limit)
    train, dev = official_parts(documents, train_cap)
    report = Report(NAME, str(data_dir))
    for part, golds, annotated in annotated_parts(
        dev, train, split, lambda texts: annotate(texts, nlp)
    ):
        tally = TriggerTally()
        for gold, annotation in zip(golds, annotated, strict=True):
            for event in gold.events:
                tally.add(event, annotation)
        report.rows += tag(tally.rows(), part)
        report.details[part] = official_counts(golds)
    report.details["heldout_is"] = f"the {HELDOUT} half of dev (split_of of the doc_id)"
    return report
