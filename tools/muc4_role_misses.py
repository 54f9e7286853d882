"""Why MUC-4 role fillers are missed, and what our wrong ones are (fit part only).

    python tools/muc4_role_misses.py             # counts by role and kind
    python tools/muc4_role_misses.py --show KIND # also each case of that kind (prefix)

Held-out documents are never read here. In every fit document with an incident, each gold
entity of a template's ``PerpInd``/``PerpOrg`` (source) or ``Target``/``Victim`` (target) that
``eval muc4`` counts as missed is sorted into one kind:

- ``incident not found``: none of our scored events (``muc4.incident_events``) in the document;
- ``boundary``: our whole phrase overlaps a mention, the core the scorer keeps does not;
- ``swapped``: one of our spans of the other party role overlaps it;
- ``other sentence``: no scored event of ours in a sentence naming the entity;
- ``claim or accusation``: a perpetrator named where the sentence claims or attributes the act
  ("claimed responsibility", "attributed to", "blamed", "accused");
- ``physical target``: a ``Target`` (a building, a vehicle, a pylon) in our event's sentence;
- ``victim in a list``: a ``Victim`` in our event's sentence next to another victim of the
  template (", " or " and " between them);
- ``in our sentence``: any other entity in one of our events' sentences.

Our spans that overlap no gold entity of their role are sorted as ``wrong: other role`` (a gold
entity of the other role), ``wrong: no gold entity`` otherwise, split by whether the document
has a gold entity of the role at all.
"""

from __future__ import annotations

import argparse
import json
import re
from collections.abc import Iterator

from miss_counts import counted, print_counts

from newsgraph.eval import muc4
from newsgraph.eval.annotate import Annotation, annotate, official_parts, overlaps
from newsgraph.eval.arguments import Range, document_roles, load_map
from newsgraph.eval.base import FIT, part_members, shared_eval_dir
from newsgraph.model import Event
from newsgraph.nlp import get_pipeline

OTHER_PARTY = {"source": "target", "target": "source"}
CLAIM = re.compile(r"responsib|attribut|blam|accus|claim|charg")
LIST_GAP = re.compile(r"^\s*(,|and|, and)\s*$")

Entity = tuple[str, list[Range]]  # (template label, mention spans: every occurrence)


def labelled_entities(record: dict, text: str) -> dict[str, list[Entity]]:
    """Role -> the document's gold entities with their template label (``muc4.read_document``
    keeps no label; the kinds here need Target apart from Victim)."""
    roles: dict[str, list[Entity]] = {}
    for template in record.get("templates", []):
        for label, role in load_map("muc4")["roles"].items():
            for entity in template.get(label, []):
                spans = muc4.all_occurrences(text, [(t, o) for t, o in entity])
                if all(spans != seen for _, seen in roles.get(role, [])):
                    roles.setdefault(role, []).append((label, spans))
    return roles


def whole_phrases(events: list[Event], role: str) -> list[Range]:
    spans = (getattr(e, role).span for e in events)
    return [(s.start, s.end) for s in spans if s is not None]


def phrase(event: Event, role: str) -> str:
    span = getattr(event, role).span
    return span.text if span is not None else "-"


def in_list(text: str, spans: list[Range], others: list[list[Range]]) -> bool:
    """One of ``spans`` is next to a mention of another entity, with a comma or 'and' between."""
    for start, end in spans:
        for other in others:
            for o_start, o_end in other:
                gap = text[end:o_start] if o_start >= end else text[o_end:start]
                if LIST_GAP.match(gap):
                    return True
    return False


def miss_kind(
    role: str,
    entity: Entity,
    entities: list[Entity],
    events: list[Event],
    ours: dict[str, list[Range]],
    annotation: Annotation,
) -> str:
    label, spans = entity
    if not events:
        return "incident not found"
    if any(overlaps(w, m) for w in whole_phrases(events, role) for m in spans):
        return "boundary"
    if any(overlaps(o, m) for o in ours.get(OTHER_PARTY[role], []) for m in spans):
        return "swapped"
    event_sentences = {annotation.sentence_of(annotation.triggers[e.id][0]) for e in events
                       if e.id in annotation.triggers}  # fmt: skip
    sentences = {annotation.sentence_of(s) for s, _ in spans}
    if not sentences & event_sentences:
        return "other sentence"
    text = annotation.text
    shared = [annotation.sentences[i] for i in sentences & event_sentences]
    if role == "source" and any(CLAIM.search(text[s:e]) for s, e in shared):
        return "claim or accusation"
    if label == "Target":
        return "physical target"
    victims = [m for lab, m in entities if lab == "Victim" and m != spans]
    if label == "Victim" and in_list(text, spans, victims):
        return "victim in a list"
    return "in our sentence"


def wrong_kind(role: str, span: Range, roles: dict[str, list[Entity]]) -> str:
    if any(overlaps(span, m) for _, ms in roles.get(OTHER_PARTY[role], []) for m in ms):
        return "wrong: other role"
    return "wrong: no gold entity" + ("" if roles.get(role) else " (none of the role)")


def cases(records: list[dict], annotations: list[Annotation]) -> Iterator[tuple[str, str, str]]:
    """(role, kind, a line showing the case) for every missed gold entity and wrong span."""
    for record, annotation in zip(records, annotations, strict=True):
        if not record.get("templates"):
            continue
        text = annotation.text
        events = muc4.incident_events(annotation.main)
        ours = document_roles(events, annotation)
        roles = labelled_entities(record, text)
        for role in OTHER_PARTY:
            for entity in roles.get(role, []):
                if any(overlaps(o, m) for o in ours.get(role, []) for m in entity[1]):
                    yield role, "right", ""
                    continue
                kind = miss_kind(role, entity, roles[role], events, ours, annotation)
                s, e = entity[1][0]
                sentence = annotation.sentences[annotation.sentence_of(s)]
                ev = [f"{x.type}:{phrase(x, 'source')}->{phrase(x, 'target')}" for x in events]
                yield role, kind, (f"{record['docid']} {entity[0]} {text[s:e]!r} events {ev}\n"
                                   f"      {text[sentence[0]:sentence[1]]}")  # fmt: skip
            for span in set(ours.get(role, [])):
                if not any(overlaps(span, m) for _, ms in roles.get(role, []) for m in ms):
                    gold = [text[ms[0][0] : ms[0][1]] for _, ms in roles.get(role, [])]
                    yield (
                        role,
                        wrong_kind(role, span, roles),
                        (f"{record['docid']} ours {text[span[0] : span[1]]!r} gold {gold}"),
                    )


def fit_records() -> list[dict]:
    data = shared_eval_dir() / muc4.DEFAULT_DATA
    records = []
    for official, name in muc4.FILES.items():
        lines = (data / name).read_text(encoding="utf-8").splitlines()
        records += [(official, json.loads(line)) for line in lines if line.strip()]
    golds = [muc4.GoldDocument(str(r["docid"]), r["doctext"], o) for o, r in records]
    by_id = {str(r["docid"]): r for _, r in records}
    train, dev = official_parts(golds, muc4.TRAIN_CAP)
    return [by_id[g.id] for g in part_members(dev, train, FIT)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--show", default=None, help="print the cases of a kind ('' all)")
    options = parser.parse_args()
    records = fit_records()
    annotations = annotate([r["doctext"] for r in records], get_pipeline())
    print_counts(counted(cases(records, annotations), options.show), OTHER_PARTY)


if __name__ == "__main__":
    main()
