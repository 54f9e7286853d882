"""``newsgraph eval rams``: event triggers and their arguments against RAMS 1.0 dev.

Data (``../shared/eval/rams``, see its README): ``dev.jsonlines``, one news document a line with
one gold trigger (AIDA type) and its arguments in a five-sentence window. The text is rebuilt
from the tokens (``annotate.detokenize``); the types and roles are mapped onto PLOVER and
source/target/place by ``maps/rams.yaml``; scoring is ``arguments.py``'s. Documents of
unmapped types are read but not scored (``details``: how many). The split's unit is the
``doc_key``.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .annotate import annotate, detokenize, sample
from .arguments import GoldEvent, Range, TriggerTally, load_map, mapped_roles, plover_types
from .base import Report, by_part, tag

NAME = "rams"
DEFAULT_DATA = "rams"
DEV_FILE = "dev.jsonlines"
# documents scored per part at most (a fixed sample, annotate.sample); RAMS dev is small enough
# to score whole (about 1.5 minutes on one core), so there is no cap
CAP: int | None = None


@dataclass(slots=True)
class GoldLink:
    """One gold argument as RAMS gives it (for the miss analysis, tools/rams_argument_misses.py)."""

    trigger: Range
    role: str  # the RAMS role, mapped or not ("attacker", "participant", "instrument", ...)
    span: Range


@dataclass(slots=True)
class GoldDocument:
    id: str
    text: str
    events: list[GoldEvent]
    links: list[GoldLink] = field(default_factory=list)  # every gold argument, mapped or not
    sentences: list[Range] = field(default_factory=list)  # the gold sentences' char spans


def read_gold(path: Path, limit: int | None = None) -> tuple[list[GoldDocument], int]:
    """The documents whose trigger maps onto PLOVER, and how many did not map."""
    mapping = load_map("rams")
    documents, unmapped = [], 0
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        record = json.loads(line)
        tokens = [t for sentence in record["sentences"] for t in sentence]
        text, offsets = detokenize(tokens)

        events, links = [], []
        for start, end, labels in record["evt_triggers"]:
            types = plover_types(labels[0][0], mapping["types"])
            if not types:
                unmapped += 1
                continue
            event = GoldEvent(_chars(offsets, start, end), types)
            for trigger, argument, role_label in record["gold_evt_links"]:
                if tuple(trigger) != (start, end):
                    continue
                gold_role = re.sub(r"^evt\d+arg\d+", "", role_label)
                span = _chars(offsets, *argument)
                links.append(GoldLink(event.trigger, gold_role, span))
                for role in mapped_roles(mapping, labels[0][0], gold_role):
                    event.arguments.setdefault(role, []).append(span)
            events.append(event)
        if events:
            documents.append(
                GoldDocument(record["doc_key"], text, events, links, _sentences(record, offsets))
            )
        if limit and len(documents) >= limit:
            break
    return documents, unmapped


def _sentences(record: dict[str, Any], offsets: list[tuple[int, int]]) -> list[Range]:
    spans, first = [], 0
    for sentence in record["sentences"]:
        spans.append(_chars(offsets, first, first + len(sentence) - 1))
        first += len(sentence)
    return spans


def _chars(offsets: list[tuple[int, int]], start: int, end: int) -> tuple[int, int]:
    return offsets[start][0], offsets[end][1]  # RAMS ends are inclusive


def evaluate(
    data_dir: Path,
    limit: int | None = None,
    nlp: Any = None,
    split: str = "both",
    cap: int | None = CAP,
) -> Report:
    """Score triggers and arguments on the mappable RAMS dev documents, fit and held out."""
    documents, unmapped = read_gold(Path(data_dir) / DEV_FILE, limit)
    parts = by_part(documents, lambda d: d.id, split)
    report = Report(NAME, str(data_dir))
    for part, all_golds in parts.items():
        golds = sample(all_golds, lambda d: d.id, cap)
        tally = TriggerTally()
        for gold, annotation in zip(golds, annotate([g.text for g in golds], nlp), strict=True):
            for event in gold.events:
                tally.add(event, annotation)
        report.rows += tag(tally.rows(), part)
        report.details[part] = {"documents": len(golds), "of": len(all_golds)}
    report.details["unmapped_triggers"] = unmapped
    return report
