"""``newsgraph eval gvdb``: shootings in US local news against the Gun Violence Database.

Data (``../shared/eval/gvdb``, see its README): ``dev.json``, 400 articles, one JSON object a
line, each about one shooting, with labelled spans (shooter, victim, place, time, ...). There
are no trigger spans, so an article is scored as a whole (``maps/gvdb.yaml``):

- **shooting found**: the share of articles where we find an ASSAULT event at all;
- **source / target / place**: the shooter's name, the victim's name and the city or location
  against the sources, targets and places of all our ASSAULT events in the article: a gold
  entity (spans of the same words) is found when one of our spans overlaps it; one of our
  spans is wrong when it overlaps no gold entity of that role (``arguments.cluster_counts``).

The split's unit is the ``doc_key``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from .annotate import annotate, detokenize
from .arguments import ROLES, Range, cluster_counts, document_roles, event_types, load_map
from .base import Counts, Report, Row, by_part, tag

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
        for gold, annotation in zip(golds, annotations, strict=True):
            events = [e for e in annotation.events if event_types(e) & types]
            found += int(bool(events))
            predicted = document_roles(events, annotation)
            for role in ROLES:
                roles[role].add(cluster_counts(predicted.get(role, []), gold.roles.get(role, [])))
        total = Counts()
        for counts in roles.values():
            total.add(counts)
        rows = [Row.ratio("articles with an ASSAULT found", found, len(golds))]
        rows.append(Row.from_counts("arguments (source, target, place)", total))
        rows += [Row.from_counts(f"argument {role}", roles[role]) for role in ROLES]
        report.rows += tag(rows, part)
        report.details[part] = {"articles": len(golds)}
    return report
