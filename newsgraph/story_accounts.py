"""What a reader of one story needs beside its record (``link.stories.story_record``).

For a conflict analyst the first question is where the accounts differ and who says what, so
``story_additions(store, story)`` gives, from the record alone (plus the names of its ids):

- ``accounts``: each field (what happened, who did it, to whom, where, the toll) with every
  value the reports give, the outlets that give each and **the reports that give it** (article,
  event, voice and evidence spans, so every value links to its words), the outlets that report
  the story but give no value, whether accounts differ on it, and for who did it the attacker's
  own denials (``denied_by``);
- ``differ_on``: the fields accounts differ on (``contested``);
- ``timeline``: the reports per publication day (outlets, asserted or attributed, tolls);
- ``who_disputes_whom``: each ``disputes`` link with both statements named (speaker, outlet,
  act, words), a statement outside the story read from its article.

``newsgraph story ID`` prints them, ``/api/stories/{id}`` adds them to the record (additions
only) and the story page draws them. Nothing here changes what the link stage found.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from typing import Any

from .link.compatibility import Compatibility
from .link.incremental import store_affiliations
from .link.stories import _statement as statement_of
from .link.stories import contested
from .model import UNRESOLVED_PREFIX

# the story's fields in reading order, as people name them
FIELD_LABELS = {
    "type": "What happened",
    "source": "Who did it",
    "target": "To whom",
    "place": "Where",
    "killed": "Killed",
}
ACTOR_FIELDS = ("source", "target")


def report_value(field: str, report: Mapping[str, Any]) -> Any:
    """The value a report gives for ``field``, as the link stage counts it (a resolved actor,
    a stated place, a toll that is not an added count: "two of the wounded died", nor the
    attackers' loss: "neutralised eight terrorists")."""
    if field == "type":
        return report.get("type") or None
    if field in ACTOR_FIELDS:
        actor = (report.get(field) or {}).get("actor")
        return actor if actor and not str(actor).startswith(UNRESOLVED_PREFIX) else None
    if field == "place":
        place = report.get("place")
        return place if isinstance(place, str) else None
    killed = (report.get("magnitude") or {}).get("killed")
    if isinstance(killed, Mapping):
        killed = None if killed.get("added") or killed.get("armed") else killed.get("min")
    return killed if isinstance(killed, int) else None


def outlet_of(report: Mapping[str, Any]) -> str:
    """The outlet as the link stage names it (an article of no outlet by its id)."""
    return report.get("outlet") or f"article:{report.get('article_id')}"


def report_ref(report: Mapping[str, Any]) -> dict[str, Any]:
    """A report as evidence: where it is (article, event), who and when, in whose voice, and
    its words with their character offsets."""
    return {
        "article_id": report.get("article_id"),
        "event_id": report.get("event_id"),
        "outlet": report.get("outlet"),
        "published": report.get("published"),
        "voice": report.get("voice"),
        "attributed_to": report.get("attributed_to"),
        "evidence": [
            {"start": e.get("start"), "end": e.get("end"), "text": e.get("text")}
            for e in report.get("evidence") or []
        ],
    }


def story_names(store: Any, story: Mapping[str, Any]) -> dict[str, dict[str, str]]:
    """The names of the story's actors and places (``{"actors": ..., "places": ...}``): two
    queries, bounded by the story's own ids."""
    fields = (story.get("consensus") or {}).get("fields") or {}
    actors = {v.get("value") for k in ACTOR_FIELDS for v in fields.get(k) or []}
    for s in story.get("statements") or []:
        actors |= {(s.get("speaker") or {}).get("actor"), s.get("addressee")}
    for link in story.get("disputes") or []:
        actors |= {p.get("speaker") for p in link.get("evidence") or []}
    places = {v.get("value") for v in fields.get("place") or []} | {story.get("place")}
    places |= {r.get("place") for r in story.get("reports") or []}
    return {
        "actors": _names(store, "actors", actors),
        "places": _names(store, "places", places),
    }


def _names(store: Any, table: str, ids: set[Any]) -> dict[str, str]:
    wanted = sorted(i for i in ids if isinstance(i, str) and i)
    if not wanted:
        return {}
    marks = ", ".join("?" for _ in wanted)
    rows = store.query(f"SELECT id, name FROM {table} WHERE id IN ({marks})", wanted)
    return {i: name for i, name in rows if name}


def accounts(
    story: Mapping[str, Any], names: Mapping[str, Mapping[str, str]], denied_by: list[str]
) -> dict[str, dict[str, Any]]:
    """Each field with its values, most outlets first: the outlets and the reports that give
    each (never one value shown as agreed where the reports give several), the outlets that
    give none, and whether accounts differ on it (``denied_by``: the actors named as the
    attacker who deny it, which makes who did it differ)."""
    fields = (story.get("consensus") or {}).get("fields") or {}
    differ = set(contested(story))
    reporting = sorted({outlet_of(r) for r in story.get("reports") or []})
    shown: dict[str, Mapping[str, str]] = {"place": names.get("places") or {}}
    shown |= {k: names.get("actors") or {} for k in ACTOR_FIELDS}
    found = {}
    for field, label in FIELD_LABELS.items():
        values = []
        for item in fields.get(field) or []:
            value, outlets = item.get("value"), item.get("outlets") or []
            given = [
                report_ref(r)
                for r in story.get("reports") or []
                if report_value(field, r) == value and outlet_of(r) in outlets
            ]
            name = shown.get(field, {}).get(value) if isinstance(value, str) else None
            values.append({"value": value, "name": name, "outlets": outlets, "reports": given})
        if not values and field not in differ:
            continue
        giving = {o for v in values for o in v["outlets"]}
        found[field] = {
            "label": label,
            "differ": field in differ,
            "values": values,
            "not_given_by": [o for o in reporting if o not in giving],
        }
        if field == "killed" and (added := added_tolls(story)):
            found[field]["added"] = added
        if field == "source" and denied_by:
            actors = names.get("actors") or {}
            found[field]["denied_by"] = [{"actor": a, "name": actors.get(a)} for a in denied_by]
    return found


def added_tolls(story: Mapping[str, Any]) -> list[dict[str, Any]]:
    """Counts a report adds to the toll ("two of the wounded died"), with the reports that
    give each: an update, not another toll, so the link stage leaves them out of ``killed``."""
    by_value: dict[int, list[Mapping[str, Any]]] = defaultdict(list)
    for r in story.get("reports") or []:
        killed = (r.get("magnitude") or {}).get("killed")
        if (
            isinstance(killed, Mapping)
            and killed.get("added")
            and isinstance(killed.get("min"), int)
        ):
            by_value[killed["min"]].append(r)
    return [
        {
            "value": value,
            "outlets": sorted({outlet_of(r) for r in reports}),
            "reports": [report_ref(r) for r in reports],
        }
        for value, reports in sorted(by_value.items())
    ]


def attacker_deniers(store: Any, story: Mapping[str, Any]) -> list[str]:
    """The speakers of the story's denials who are (or are affiliated with) an actor its
    reports name as the attacker: why ``claims_disputed`` says who did it is contested."""
    if not story.get("claims_disputed"):
        return []
    deniers = {
        part["speaker"]
        for link in story.get("disputes") or []
        if link.get("relation") == "disputes"
        for part in link.get("evidence") or []
        if part.get("role") == "denial" and part.get("speaker")
    }
    sources = {report_value("source", r) for r in story.get("reports") or []} - {None}
    check = Compatibility(store_affiliations(store))
    return sorted(d for d in deniers if any(check.actors(d, s) is True for s in sources))


def timeline(story: Mapping[str, Any]) -> list[dict[str, Any]]:
    """The reports per publication day, earliest first (undated last): how many, by which
    outlets, asserted or attributed, and the tolls given that day."""
    days: dict[str | None, list[Mapping[str, Any]]] = defaultdict(list)
    for r in story.get("reports") or []:
        days[(r.get("published") or "")[:10] or None].append(r)
    rows = []
    for day in sorted(days, key=lambda d: (d is None, d or "")):
        reports = days[day]
        rows.append(
            {
                "day": day,
                "reports": len(reports),
                "outlets": sorted({outlet_of(r) for r in reports}),
                "asserted": sum(1 for r in reports if r.get("voice") != "attributed"),
                "attributed": sum(1 for r in reports if r.get("voice") == "attributed"),
                "killed": sorted({k for r in reports if (k := report_value("killed", r))}),
            }
        )
    return rows


def dispute_rows(story: Mapping[str, Any], store: Any = None) -> list[dict[str, Any]]:
    """Who disputes whom: each ``disputes`` link with the statements at both ends: the story's
    own, or one outside it read from its article (``store``: its speaker, outlet and act, not
    an id alone); a statement no stored article has is shown by its id."""
    said = {(s["article_id"], s["id"]): s for s in story.get("statements") or []}
    if store is not None:
        said |= outside_statements(store, story, said)
    rows = []
    for link in story.get("disputes") or []:
        if link.get("relation") != "disputes":
            continue
        ends = {}
        for end in ("from", "to"):
            article_id, sid = link[end]["article_id"], link[end]["statement"]
            ends[end] = said.get((article_id, sid)) or {"article_id": article_id, "id": sid}
        rows.append({**ends, "origin": link.get("origin")})
    return rows


def outside_statements(
    store: Any, story: Mapping[str, Any], said: Mapping[tuple[str, str], Any]
) -> dict[tuple[str, str], dict[str, Any]]:
    """The statements at the ends of the story's dispute links that the story does not show,
    as the story shows its own (one record read per article)."""
    wanted: dict[str, set[str]] = {}
    for link in story.get("disputes") or []:
        for end in ("from", "to"):
            key = (link[end]["article_id"], link[end]["statement"])
            if key not in said:
                wanted.setdefault(key[0], set()).add(key[1])
    found = {}
    for article_id, ids in sorted(wanted.items()):
        record = store.get_record(article_id) or {}
        article = record.get("article") or {}
        names = {a["id"]: a.get("name") for a in record.get("actors") or []}
        for st in record.get("statements") or []:
            if st.get("id") in ids:
                found[(article_id, st["id"])] = statement_of(article, st, names)
    return found


def said_by(statement: Mapping[str, Any]) -> dict[str, Any]:
    """One end of a dispute, compact: the statement, its speaker, outlet, day, act and words."""
    speaker = statement.get("speaker") or {}
    return {
        "article_id": statement.get("article_id"),
        "statement": statement.get("id"),
        "outlet": statement.get("outlet"),
        "published": statement.get("published"),
        "speaker": speaker.get("actor"),
        "speaker_name": speaker.get("name") or (speaker.get("span") or {}).get("text"),
        "act": statement.get("act"),
        "text": statement.get("text"),
    }


# the sentence around a report's words: at most this many characters either side of them
CONTEXT = 160
# reporting articles whose text the side-by-side reads (a story of more lists its words only)
MAX_TEXTS = 60


def report_sentences(store: Any, reports: list[dict[str, Any]]) -> dict[str, list[dict]]:
    """Each reporting article's sentences that tell the story, in text order, as segments
    ``(text, is_evidence)``: the words its reports' evidence spans cover, in the sentence that
    holds them (cut at ``CONTEXT`` characters; two reports in one sentence share it), each
    with the reports it shows. The article texts are read in one query for the story's
    articles (``MAX_TEXTS`` at most; the others show their reports' words alone)."""
    ids = sorted({r["article_id"] for r in reports if r.get("evidence")})[:MAX_TEXTS]
    if not ids:
        return {}
    marks = ", ".join("?" for _ in ids)
    texts = dict(store.query(f'SELECT id, "text" FROM articles WHERE id IN ({marks})', ids))
    found: dict[str, dict[tuple[int, int], dict]] = {}
    for r in reports:
        text = texts.get(r["article_id"]) or ""
        spans = sorted(
            (e["start"], e["end"])
            for e in r.get("evidence") or []
            if isinstance(e.get("start"), int) and text[e["start"] : e["end"]] == e.get("text")
        )
        if not spans:
            continue
        sentence = found.setdefault(r["article_id"], {}).setdefault(
            _sentence(text, spans), {"spans": [], "reports": []}
        )
        sentence["spans"] += spans
        sentence["reports"].append(r)
    return {
        article_id: [
            {
                "start": bounds[0],
                "end": bounds[1],
                "segments": _segments(texts[article_id], bounds, s["spans"]),
                "reports": s["reports"],
            }
            for bounds, s in sorted(sentences.items())
        ]
        for article_id, sentences in found.items()
    }


def _sentence(text: str, spans: list[tuple[int, int]]) -> tuple[int, int]:
    """The bounds of the sentence (or sentences) that hold ``spans``, ``CONTEXT`` characters
    at most either side of them."""
    start, end = spans[0][0], max(e for _, e in spans)
    stop = text.rfind(". ", 0, start)
    left = max(stop + 2 if stop >= 0 else 0, text.rfind("\n", 0, start) + 1, start - CONTEXT)
    ends = [i for i in (text.find(". ", end), text.find("\n", end)) if i >= 0]
    right = min([*ends, len(text), end + CONTEXT])
    return left, right + (right < len(text) and text[right] == ".")


def _segments(
    text: str, bounds: tuple[int, int], spans: list[tuple[int, int]]
) -> list[tuple[str, bool]]:
    left, right = bounds
    segments, at = [], left
    for s, e in sorted(set(spans)):
        if s < at:
            continue
        segments += [(text[at:s], False), (text[s:e], True)]
        at = e
    segments.append((text[at:right], False))
    if left > 0 and text[left - 1] not in ".\n ":
        segments.insert(0, ("…", False))
    return [(t, ev) for t, ev in segments if t]


def story_additions(store: Any, story: Mapping[str, Any]) -> dict[str, Any]:
    """What ``/api/stories/{id}`` and ``newsgraph story ID`` add to the story record."""
    names = story_names(store, story)
    return {
        "differ_on": contested(story),
        "accounts": accounts(story, names, attacker_deniers(store, story)),
        "timeline": timeline(story),
        "who_disputes_whom": [
            {"from": said_by(d["from"]), "to": said_by(d["to"]), "origin": d["origin"]}
            for d in dispute_rows(story, store)
        ],
        "names": names,
        # each reporting article's sentences that tell the event, the report's words marked
        "sentences": {
            article_id: [
                {
                    "start": s["start"],
                    "end": s["end"],
                    "segments": [{"text": text, "evidence": ev} for text, ev in s["segments"]],
                    "events": [r["event_id"] for r in s["reports"]],
                }
                for s in sentences
            ]
            for article_id, sentences in report_sentences(store, story.get("reports") or []).items()
        },
    }
