"""Contract record ⇄ table rows, without a database.

``record_rows`` flattens one ``newsgraph annotate`` record into rows (dicts keyed by column
name) for every per-article table; ``record_from_rows`` rebuilds the same record from them.
Keys a later version of the contract adds, and this schema does not know yet, are kept in the
``extra`` JSON column of their row (top-level record keys in ``articles.extra``), so storing a
record never loses a field.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Mapping
from datetime import date, datetime
from typing import Any

from ..model import Article

Row = dict[str, Any]

RECORD_LIST_KEYS = ("actors", "statements", "events", "places", "times", "framing")
ARTICLE_KEYS = ("id", "outlet", "title", "published", "url", "language", "text")
ACTOR_KEYS = ("id", "name", "type", "country", "affiliation", "mentions")
PLACE_KEYS = ("id", "name", "feature", "country", "admin1", "lat", "lon", "mentions")
STATEMENT_KEYS = (
    "id", "speaker", "cue", "content", "kind", "act", "addressee", "time", "place", "disputes",
)  # fmt: skip
EVENT_KEYS = (
    "id", "type", "mode", "cameo", "quad", "source", "target", "place", "time", "magnitude",
    "evidence", "attributed_to", "negated", "hypothetical", "disputed",
)  # fmt: skip
TIME_KEYS = ("id", "span", "value", "granularity", "type")
FRAMING_KEYS = ("span", "term", "category", "speaker")

# How the pieces of a split quote are joined in the flat ``content_text`` column.
PIECE_SEPARATOR = " […] "


class RecordError(ValueError):
    """A record that does not have the contract's shape."""


def dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def loads(text: str | None) -> Any:
    return None if text is None else json.loads(text)


def _extra(item: Mapping[str, Any], known: tuple[str, ...]) -> str | None:
    unknown = {k: v for k, v in item.items() if k not in known}
    return dumps(unknown) if unknown else None


def _span_columns(prefix: str, span: Mapping[str, Any] | None) -> Row:
    if not span:
        return {f"{prefix}start": None, f"{prefix}end": None, f"{prefix}text": None}
    return {
        f"{prefix}start": span["start"],
        f"{prefix}end": span["end"],
        f"{prefix}text": span["text"],
    }


def _span_from(row: Row, prefix: str = "") -> dict[str, Any] | None:
    if row[f"{prefix}start"] is None:
        return None
    return {
        "start": row[f"{prefix}start"],
        "end": row[f"{prefix}end"],
        "text": row[f"{prefix}text"],
    }


def _count(value: Any) -> int | None:
    """A magnitude as an integer column: a plain count, or the lower bound (``min``) of an
    extracted figure (``{"text": "at least 12", "min": 12, "max": None}``); the full figure
    stays in the magnitude JSON."""
    if isinstance(value, dict):
        value = value.get("min")
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _published(value: Any) -> date | None:
    if value is None or isinstance(value, date):
        return value
    try:
        return date.fromisoformat(value)
    except (TypeError, ValueError):
        raise RecordError(f"article.published must be an ISO date, got {value!r}") from None


def is_error_record(record: Mapping[str, Any]) -> bool:
    return "error" in record


def article_row(record: Mapping[str, Any], article: Article, run_id: str, now: datetime) -> Row:
    meta = record.get("article") or article.meta()
    if meta.get("id") != article.id:
        raise RecordError(f"record is for article {meta.get('id')!r}, not {article.id!r}")
    extra: dict[str, Any] = {}
    unknown_article = {k: v for k, v in meta.items() if k not in ARTICLE_KEYS}
    if unknown_article:
        extra["article"] = unknown_article
    unknown_record = {
        k: v for k, v in record.items() if k != "article" and k not in RECORD_LIST_KEYS
    }
    if unknown_record:
        extra["record"] = unknown_record
    return {
        "id": article.id,
        "outlet": meta.get("outlet"),
        "url": meta.get("url"),
        "title": meta.get("title"),
        "published": _published(meta.get("published")),
        "language": meta.get("language"),
        "text": meta.get("text", article.text),
        "raw": bytes(article.raw) if article.raw else None,
        "ingested_at": now,
        "run_id": run_id,
        "extra": dumps(extra) if extra else None,
    }


def record_rows(record: Mapping[str, Any], article_id: str, run_id: str) -> dict[str, list[Row]]:
    """Rows of every per-article table for one record (the ``articles`` row excluded)."""
    rows: dict[str, list[Row]] = defaultdict(list)
    try:
        _actor_rows(record.get("actors") or [], article_id, rows)
        _place_rows(record.get("places") or [], article_id, rows)
        _statement_rows(record.get("statements") or [], article_id, run_id, rows)
        _event_rows(record.get("events") or [], article_id, rows)
        _time_rows(record.get("times") or [], article_id, rows)
        _framing_rows(record.get("framing") or [], article_id, rows)
    except (KeyError, TypeError, AttributeError) as exc:
        raise RecordError(
            f"article {article_id}: record does not fit the contract: {exc!r}"
        ) from exc
    return dict(rows)


def _mention_rows(article_id: str, label: str, owner: Row, spans: list[Mapping]) -> list[Row]:
    return [
        {
            "article_id": article_id,
            "label": label,
            "actor_id": owner.get("actor_id"),
            "place_id": owner.get("place_id"),
            "ord": i,
            **_span_columns("", span),
        }
        for i, span in enumerate(spans)
    ]


def _actor_rows(actors: list[Mapping], article_id: str, rows: dict[str, list[Row]]) -> None:
    for i, actor in enumerate(actors):
        row = {
            "article_id": article_id,
            "ord": i,
            "actor_id": actor["id"],
            "name": actor.get("name"),
            "type": actor.get("type"),
            "country": actor.get("country"),
            "affiliation": actor.get("affiliation"),
            "extra": _extra(actor, ACTOR_KEYS),
        }
        rows["article_actors"].append(row)
        rows["mentions"] += _mention_rows(article_id, "actor", row, actor.get("mentions") or [])


def _place_rows(places: list[Mapping], article_id: str, rows: dict[str, list[Row]]) -> None:
    for i, place in enumerate(places):
        row = {
            "article_id": article_id,
            "ord": i,
            "place_id": place["id"],
            "name": place.get("name"),
            "feature": place.get("feature"),
            "country": place.get("country"),
            "admin1": place.get("admin1"),
            "lat": place.get("lat"),
            "lon": place.get("lon"),
            "extra": _extra(place, PLACE_KEYS),
        }
        rows["article_places"].append(row)
        rows["mentions"] += _mention_rows(article_id, "place", row, place.get("mentions") or [])


def _statement_rows(
    statements: list[Mapping], article_id: str, run_id: str, rows: dict[str, list[Row]]
) -> None:
    for i, st in enumerate(statements):
        speaker = st.get("speaker") or {}
        cue = st.get("cue") or {}
        content = list(st.get("content") or [])
        rows["statements"].append(
            {
                "article_id": article_id,
                "ord": i,
                "id": st["id"],
                "speaker_actor": speaker.get("actor"),
                **_span_columns("speaker_", speaker.get("span")),
                "cue_lemma": cue.get("lemma"),
                **_span_columns("cue_", cue.get("span")),
                "content": dumps(content),
                "content_text": PIECE_SEPARATOR.join(piece["text"] for piece in content),
                "kind": st.get("kind"),
                "act": st.get("act"),
                "addressee": st.get("addressee"),
                "time_id": st.get("time"),
                "place_id": st.get("place"),
                "disputes": st.get("disputes"),
                "extra": _extra(st, STATEMENT_KEYS),
            }
        )
        if st.get("disputes"):
            evidence = ([cue["span"]] if cue.get("span") else []) + content
            rows["claim_links"].append(
                {
                    "article_id": article_id,
                    "from_id": st["id"],
                    "to_article_id": article_id,
                    "to_id": st["disputes"],
                    "relation": "disputes",
                    "evidence": dumps(evidence),
                    "origin": "record",
                    "run_id": run_id,
                }
            )


def _event_rows(events: list[Mapping], article_id: str, rows: dict[str, list[Row]]) -> None:
    for i, ev in enumerate(events):
        source = ev.get("source") or {}
        target = ev.get("target") or {}
        magnitude = dict(ev.get("magnitude") or {})
        evidence = list(ev.get("evidence") or [])
        rows["events"].append(
            {
                "article_id": article_id,
                "ord": i,
                "id": ev["id"],
                "type": ev.get("type"),
                "mode": ev.get("mode"),
                "cameo": ev.get("cameo"),
                "quad": ev.get("quad"),
                "source_actor": source.get("actor"),
                **_span_columns("source_", source.get("span")),
                "target_actor": target.get("actor"),
                **_span_columns("target_", target.get("span")),
                "place_id": ev.get("place"),
                "time_id": ev.get("time"),
                "killed": _count(magnitude.get("killed")),
                "injured": _count(magnitude.get("injured")),
                "magnitude": dumps(magnitude),
                "evidence": dumps(evidence),
                "evidence_text": PIECE_SEPARATOR.join(piece["text"] for piece in evidence),
                "attributed_to": ev.get("attributed_to"),
                "negated": bool(ev.get("negated", False)),
                "hypothetical": bool(ev.get("hypothetical", False)),
                "disputed": bool(ev.get("disputed", False)),
                "extra": _extra(ev, EVENT_KEYS),
            }
        )


def _time_rows(times: list[Mapping], article_id: str, rows: dict[str, list[Row]]) -> None:
    for i, tm in enumerate(times):
        rows["times"].append(
            {
                "article_id": article_id,
                "ord": i,
                "id": tm["id"],
                **_span_columns("", tm.get("span")),
                "value": tm.get("value"),
                "granularity": tm.get("granularity"),
                "type": tm.get("type"),
                "extra": _extra(tm, TIME_KEYS),
            }
        )


def _framing_rows(framing: list[Mapping], article_id: str, rows: dict[str, list[Row]]) -> None:
    for i, fr in enumerate(framing):
        rows["framing"].append(
            {
                "article_id": article_id,
                "ord": i,
                **_span_columns("", fr.get("span")),
                "term": fr.get("term"),
                "category": fr.get("category"),
                "speaker": fr.get("speaker"),
                "extra": _extra(fr, FRAMING_KEYS),
            }
        )


def catalog_rows(record: Mapping[str, Any]) -> tuple[list[Row], list[Row]]:
    """The ``actors`` and ``places`` catalogue rows a record adds (one per id, sorted by id)."""
    actors = {
        a["id"]: {k: a.get(k) for k in ("id", "name", "type", "country", "affiliation")}
        for a in record.get("actors") or []
    }
    places = {
        p["id"]: {k: p.get(k) for k in ("id", "name", "feature", "country", "admin1", "lat", "lon")}
        for p in record.get("places") or []
    }
    # Sorted so that concurrent PostgreSQL writers lock catalogue rows in one order (no deadlock).
    return [actors[k] for k in sorted(actors)], [places[k] for k in sorted(places)]


# --- rebuilding ---------------------------------------------------------------------------


def _with_extra(item: dict[str, Any], row: Row) -> dict[str, Any]:
    extra = loads(row.get("extra"))
    if extra:
        item.update(extra)
    return item


def record_from_rows(article: Row, tables: Mapping[str, Iterable[Row]]) -> dict[str, Any]:
    """The contract record of one article from its ``articles`` row and per-article rows.

    ``tables`` maps table name to that article's rows in ``ord`` order.
    """
    published = article["published"]
    meta = {
        "id": article["id"],
        "outlet": article["outlet"],
        "title": article["title"],
        "published": published.isoformat() if published else None,
        "url": article["url"],
        "language": article["language"],
        "text": article["text"],
    }
    extra = loads(article.get("extra")) or {}
    meta.update(extra.get("article") or {})
    top = extra.get("record") or {}
    if "error" in top:  # an article kept with an error record (e.g. unsupported language)
        return {**top, "article": meta}
    mentions: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for row in sorted(tables.get("mentions", ()), key=lambda r: r["ord"]):
        owner = row["actor_id"] if row["label"] == "actor" else row["place_id"]
        mentions[(row["label"], owner)].append(_span_from(row))
    record: dict[str, Any] = {
        "article": meta,
        "actors": [_actor(r, mentions) for r in tables.get("article_actors", ())],
        "statements": [_statement(r) for r in tables.get("statements", ())],
        "events": [_event(r) for r in tables.get("events", ())],
        "places": [_place(r, mentions) for r in tables.get("article_places", ())],
        "times": [_time(r) for r in tables.get("times", ())],
        "framing": [_framing(r) for r in tables.get("framing", ())],
    }
    record.update(top)
    return record


def _actor(row: Row, mentions: Mapping[tuple[str, str], list]) -> dict[str, Any]:
    item = {
        "id": row["actor_id"],
        "name": row["name"],
        "type": row["type"],
        "country": row["country"],
        "affiliation": row["affiliation"],
        "mentions": list(mentions.get(("actor", row["actor_id"]), [])),
    }
    return _with_extra(item, row)


def _place(row: Row, mentions: Mapping[tuple[str, str], list]) -> dict[str, Any]:
    item = {
        "id": row["place_id"],
        "name": row["name"],
        "feature": row["feature"],
        "country": row["country"],
        "admin1": row["admin1"],
        "lat": row["lat"],
        "lon": row["lon"],
        "mentions": list(mentions.get(("place", row["place_id"]), [])),
    }
    return _with_extra(item, row)


def _statement(row: Row) -> dict[str, Any]:
    item = {
        "id": row["id"],
        "speaker": {"actor": row["speaker_actor"], "span": _span_from(row, "speaker_")},
        "cue": {"lemma": row["cue_lemma"], "span": _span_from(row, "cue_")},
        "content": loads(row["content"]) or [],
        "kind": row["kind"],
        "act": row["act"],
        "addressee": row["addressee"],
        "time": row["time_id"],
        "place": row["place_id"],
        "disputes": row["disputes"],
    }
    return _with_extra(item, row)


def _event(row: Row) -> dict[str, Any]:
    item = {
        "id": row["id"],
        "type": row["type"],
        "mode": row["mode"],
        "cameo": row["cameo"],
        "quad": row["quad"],
        "source": {"actor": row["source_actor"], "span": _span_from(row, "source_")},
        "target": {"actor": row["target_actor"], "span": _span_from(row, "target_")},
        "place": row["place_id"],
        "time": row["time_id"],
        "magnitude": loads(row["magnitude"]) or {},
        "evidence": loads(row["evidence"]) or [],
        "attributed_to": row["attributed_to"],
        "negated": bool(row["negated"]),
        "hypothetical": bool(row["hypothetical"]),
        "disputed": bool(row["disputed"]),
    }
    return _with_extra(item, row)


def _time(row: Row) -> dict[str, Any]:
    item = {
        "id": row["id"],
        "span": _span_from(row),
        "value": row["value"],
        "granularity": row["granularity"],
        "type": row["type"],
    }
    return _with_extra(item, row)


def _framing(row: Row) -> dict[str, Any]:
    item = {
        "span": _span_from(row),
        "term": row["term"],
        "category": row["category"],
        "speaker": row["speaker"],
    }
    return _with_extra(item, row)
