"""``newsgraph eval muc4``: terrorism incidents and their perpetrators, targets and victims.

Data (``../shared/eval/muc4``, see its README): ``train.json`` (1,300 documents) and
``dev.json`` (200), lower-cased wire news from Latin America, 1989–91, with incident templates.
MUC-4 has no trigger spans, so each document is scored as a whole (``maps/muc4.yaml``):

- **relevant documents**: a document is relevant when it has a template; we call it relevant
  when one of our main, asserted events has a type some incident type maps onto, in a mode
  that can be an incident (not an arrest, a curfew or a peaceful demonstration:
  ``not_incidents`` in the map);
- **incidents**: each distinct incident type of a document is found when one of our events has
  one of its PLOVER types; each of our mapped types that fits no incident is a false positive;
- **roles**: in documents with an incident, the perpetrators (``PerpInd``, ``PerpOrg``) against
  the sources and the targets and victims against the targets of our events of a mapped type,
  entity by entity (``arguments.cluster_counts``). The templates give each mention string of an
  entity once, with the offset of one occurrence; as in MUC-4's own string-matched scoring,
  every occurrence of that string in the document is a mention of the entity
  (``all_occurrences``), so naming "the fmln" in a later sentence is not a false positive.

Split: the fit part is a fixed sample of ``TRAIN_CAP`` train documents plus the dev documents
``split_of`` (of the ``docid``) puts in the fit part; the held-out part is the other dev half.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .annotate import annotate, annotated_parts, official_counts, official_parts
from .arguments import Range, cluster_counts, document_roles, event_types, load_map
from .base import Counts, OfficialPart, Report, Row, tag
from .plover import scored_type

NAME = "muc4"
DEFAULT_DATA = "muc4"
FILES = {"train": "train.json", "dev": "dev.json"}
TRAIN_CAP = 80  # train documents scored in the fit part
ROLES = ("source", "target")


@dataclass(slots=True)
class GoldDocument(OfficialPart):
    id: str
    text: str
    official: str
    incidents: list[tuple[str, ...]] = field(default_factory=list)  # PLOVER types, per type
    roles: dict[str, list[list[Range]]] = field(default_factory=dict)  # role -> entities


def all_occurrences(text: str, mentions: list[tuple[str, int]]) -> list[Range]:
    """Every place ``text`` holds one of an entity's mention strings as whole words, and the
    offsets the template gives (``mentions``: (string, offset) pairs)."""
    spans = {(offset, offset + len(mention)) for mention, offset in mentions}
    for mention, _offset in mentions:
        pattern = r"(?<!\w)" + re.escape(mention) + r"(?!\w)"
        spans.update(m.span() for m in re.finditer(pattern, text))
    return sorted(spans)


def read_document(record: dict[str, Any], official: str) -> GoldDocument:
    mapping = load_map("muc4")
    document = GoldDocument(str(record["docid"]), record["doctext"], official)
    seen: set[tuple[str, ...]] = set()
    for template in record.get("templates", []):
        types = tuple(mapping["types"].get(template["incident_type"], ()))
        if types and types not in seen:
            seen.add(types)
            document.incidents.append(types)
        for label, role in mapping["roles"].items():
            for entity in template.get(label, []):
                spans = all_occurrences(document.text, [(text, offset) for text, offset in entity])
                if spans not in document.roles.setdefault(role, []):
                    document.roles[role].append(spans)
    return document


def read_gold(data_dir: Path, limit: int | None = None) -> list[GoldDocument]:
    documents = []
    for official, name in FILES.items():
        path = data_dir / name
        if not path.exists():
            continue
        lines = [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
        documents += [read_document(json.loads(line), official) for line in lines[:limit]]
    return documents


@dataclass(slots=True)
class Tally:
    relevant: Counts = field(default_factory=Counts)
    incidents: Counts = field(default_factory=Counts)
    roles: dict[str, Counts] = field(default_factory=lambda: {r: Counts() for r in ROLES})

    def add(self, gold: GoldDocument, events: list[Any], annotation: Any) -> None:
        """``events``: our main, asserted events of a mapped type."""
        predicted = {t for e in events for t in event_types(e)}
        mapped = {t for types in load_map("muc4")["types"].values() for t in types}
        predicted &= mapped
        self.relevant.add(
            Counts(
                tp=int(bool(gold.incidents) and bool(predicted)),
                fp=int(not gold.incidents and bool(predicted)),
                fn=int(bool(gold.incidents) and not predicted),
            )
        )
        found = sum(bool(set(types) & predicted) for types in gold.incidents)
        stray = sum(not any(t in types for types in gold.incidents) for t in predicted)
        self.incidents.add(Counts(tp=found, fp=stray, fn=len(gold.incidents) - found))
        if gold.incidents:
            spans = document_roles(events, annotation)
            for role in ROLES:
                self.roles[role].add(cluster_counts(spans.get(role, []), gold.roles.get(role, [])))

    def rows(self) -> list[Row]:
        total = Counts()
        for counts in self.roles.values():
            total.add(counts)
        return [
            Row.from_counts("relevant documents", self.relevant),
            Row.from_counts("incident types (document, type)", self.incidents),
            Row.from_counts("role fillers (perpetrator, target/victim)", total),
            *(Row.from_counts(f"role {role}", self.roles[role]) for role in ROLES),
        ]


def incident_events(events: list[Any]) -> list[Any]:
    """Our scored events of a type some incident type maps onto, less those whose mode is no
    incident (``not_incidents``: an arrest is a COERCE but no kidnapping)."""
    mapping = load_map("muc4")
    mapped = {t for types in mapping["types"].values() for t in types}
    excluded = mapping.get("not_incidents", {})
    return [
        e
        for e in events
        if scored_type(e) and event_types(e) & mapped and e.mode not in excluded.get(e.type, ())
    ]


def evaluate(
    data_dir: Path,
    limit: int | None = None,
    nlp: Any = None,
    split: str = "both",
    train_cap: int | None = TRAIN_CAP,
) -> Report:
    """Score incidents and role fillers: train sample + fit half of dev, held-out dev."""
    documents = read_gold(Path(data_dir), limit)
    train, dev = official_parts(documents, train_cap)
    report = Report(NAME, str(data_dir))
    for part, golds, annotated in annotated_parts(
        dev, train, split, lambda texts: annotate(texts, nlp)
    ):
        tally = Tally()
        for gold, annotation in zip(golds, annotated, strict=True):
            tally.add(gold, incident_events(annotation.main), annotation)
        report.rows += tag(tally.rows(), part)
        report.details[part] = official_counts(golds)
    return report
