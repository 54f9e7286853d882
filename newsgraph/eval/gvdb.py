"""``newsgraph eval gvdb``: shootings in US local news against the Gun Violence Database.

Data (``../shared/eval/gvdb``, see its README): ``dev.json``, 400 articles, one JSON object a
line, each about one shooting, with labelled spans (shooter, victim, place, time, ...). There
are no trigger spans, so an article is scored as a whole (``maps/gvdb.yaml``):

- **shooting found**: the share of articles where we find an ASSAULT event at all;
- **source / target / place**: the shooter's name, the victim's name and the city or location
  against the sources, targets and places of all our ASSAULT events in the article: a gold
  entity (spans of the same words) is found when one of our spans overlaps it; one of our
  spans is wrong when it overlaps no gold entity of that role (``arguments.cluster_counts``);
- **shooter / victim by entity**: each of our sources and targets as the entity it stands for,
  its span and, when it names or refers to an actor, every mention of that actor
  (``party_entities``). Gold groups the mentions of one name into an entity, and its annotators
  label a name in one or two of its sentences only: "Baker" three sentences on, or "he" that
  the pipeline resolved to Baker, is the gold victim though it overlaps no labelled span. An
  entity is found when one of its spans overlaps a gold entity; each of our entities that
  overlaps none is wrong;
- **named only**: the same, with only our entities that name someone (an actor) as
  predictions. GVDB labels names (``SHO-NAME``, ``VIC-NAME``) and nothing else: where the
  article names no shooter, "a man in a hoodie" is the shooter yet can match no gold span.
- **place by entity**: each place of our ASSAULT events counts once, found when one of its
  mentions overlaps a gold place, wrong when none does. The place row above counts each
  mention as a prediction: a city named five times, its dateline labelled, is one right and
  four wrong there (GVDB labels one or two mentions of a place).

The split's unit is the ``doc_key``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from ..model import Event
from .annotate import Annotation, annotate, detokenize, overlaps
from .arguments import ROLES, Range, cluster_counts, document_roles, event_types, load_map
from .base import Counts, Report, Row, by_part, core_range, tag

NAME = "gvdb"
DEFAULT_DATA = "gvdb"
DEV_FILE = "dev.json"


@dataclass(slots=True)
class GoldArticle:
    id: str
    text: str
    published: date | None
    roles: dict[str, list[list[Range]]] = field(default_factory=dict)  # role -> entities


def read_gold(path: Path, limit: int | None = None) -> list[GoldArticle]:
    mapping = load_map("gvdb")
    articles = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        record = json.loads(line)
        text, offsets = detokenize([t for sentence in record["full_text"] for t in sentence])
        try:
            published = date.fromisoformat(record.get("date") or "")
        except ValueError:
            published = None
        article = GoldArticle(str(record["doc_key"]), text, published)
        entities: dict[tuple[str, str], list[Range]] = {}
        for start, end, label, _, tokens in record["spans"]:
            role = mapping["roles"].get(label)
            if role is None or end <= start:
                continue
            key = (role, " ".join(tokens).lower())
            entities.setdefault(key, []).append((offsets[start][0], offsets[end - 1][1]))
        for (role, _), spans in entities.items():
            article.roles.setdefault(role, []).append(spans)
        articles.append(article)
        if limit and len(articles) >= limit:
            break
    return articles


@dataclass(frozen=True, slots=True)
class PartyEntity:
    """One of our sources or targets as an entity: its actor (None: it names no one) and the
    char spans that stand for it."""

    actor: str | None
    spans: tuple[Range, ...]


def party_entities(events: list[Event], annotation: Annotation, role: str) -> list[PartyEntity]:
    """The distinct entities filling ``role`` in ``events``: one per actor, else one per span
    (the core of the phrase, as ``arguments.predicted_roles`` scores it)."""
    by_key: dict[object, PartyEntity] = {}
    for event in events:
        ref = getattr(event, role)
        if ref.span is None:
            continue
        core = core_range(ref.span.start, ref.span.text)
        if ref.actor is None:
            by_key.setdefault(core, PartyEntity(None, (core,)))
            continue
        known = by_key.get(ref.actor)
        spans = known.spans if known else tuple(annotation.actor_mentions.get(ref.actor, ()))
        by_key[ref.actor] = PartyEntity(ref.actor, tuple(dict.fromkeys((*spans, core))))
    return list(by_key.values())


def place_entities(events: list[Event], annotation: Annotation) -> list[PartyEntity]:
    """The distinct places of ``events``, each with the spans of its mentions."""
    places = dict.fromkeys(e.place for e in events if e.place in annotation.places)
    return [
        PartyEntity(p, tuple((m.start, m.end) for m in annotation.places[p].mentions))
        for p in places
    ]


def entity_counts(
    entities: list[PartyEntity], clusters: list[list[Range]], named_only: bool = False
) -> Counts:
    """Gold entities found by one of ours (a span of it overlaps a mention), and ours that
    overlap no gold entity; ``named_only``: only entities with an actor are predictions."""
    mine = [e for e in entities if e.actor is not None or not named_only]

    def meets(entity: PartyEntity, cluster: list[Range]) -> bool:
        return any(overlaps(s, m) for s in entity.spans for m in cluster)

    found = sum(any(meets(e, cluster) for e in mine) for cluster in clusters)
    wrong = sum(not any(meets(e, cluster) for cluster in clusters) for e in mine)
    return Counts(tp=found, fp=wrong, fn=len(clusters) - found)


# the entity rows' names, each with whether only named entities of ours count
ENTITY_ROWS = {"by entity": False, "by entity, named only": True}


def evaluate(
    data_dir: Path, limit: int | None = None, nlp: Any = None, split: str = "both"
) -> Report:
    """Score shooting detection and its shooter, victim and place, fit and held out."""
    articles = read_gold(Path(data_dir) / DEV_FILE, limit)
    types = set(load_map("gvdb")["types"])
    report = Report(NAME, str(data_dir))
    for part, golds in by_part(articles, lambda a: a.id, split).items():
        annotations = annotate([g.text for g in golds], nlp, [g.published for g in golds])
        found = 0
        roles = {role: Counts() for role in ROLES}
        entity_roles = {(r, k): Counts() for r in ("source", "target") for k in ENTITY_ROWS}
        place_counts = Counts()
        for gold, annotation in zip(golds, annotations, strict=True):
            events = [e for e in annotation.events if event_types(e) & types]
            found += int(bool(events))
            predicted = document_roles(events, annotation)
            for role in ROLES:
                roles[role].add(cluster_counts(predicted.get(role, []), gold.roles.get(role, [])))
            for role, kind in entity_roles:
                entities = party_entities(events, annotation, role)
                clusters = gold.roles.get(role, [])
                entity_roles[role, kind].add(entity_counts(entities, clusters, ENTITY_ROWS[kind]))
            place_counts.add(
                entity_counts(place_entities(events, annotation), gold.roles.get("place", []))
            )
        total = Counts()
        for counts in roles.values():
            total.add(counts)
        rows = [Row.ratio("articles with an ASSAULT found", found, len(golds))]
        rows.append(Row.from_counts("arguments (source, target, place)", total))
        rows += [Row.from_counts(f"argument {role}", roles[role]) for role in ROLES]
        rows += [
            Row.from_counts(f"argument {role}, {kind}", counts)
            for (role, kind), counts in entity_roles.items()
        ]
        rows.append(Row.from_counts("argument place, by entity", place_counts))
        report.rows += tag(rows, part)
        report.details[part] = {"articles": len(golds)}
    return report
