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
from ..schema import ACTORS, ARTICLE, PIECE_SEPARATOR, PLACES, RECORD_LISTS, Field, RecordSchema

Row = dict[str, Any]

RECORD_LIST_KEYS = tuple(schema.name for schema in RECORD_LISTS)


class RecordError(ValueError):
    """A record that does not have the contract's shape."""


def dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def loads(text: str | None) -> Any:
    return None if text is None else json.loads(text)


# the key of an item's extra that holds its refs' added keys ("actor_inferred"), by field
REF_EXTRA = "_ref_keys"


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


def span_from(row: Row, prefix: str = "") -> dict[str, Any] | None:
    """The span stored in ``row``'s ``{prefix}start/end/text`` columns (None where unset)."""
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
    unknown_article = {k: v for k, v in meta.items() if k not in ARTICLE.keys}
    if unknown_article:
        extra["article"] = unknown_article
    unknown_record = {
        k: v for k, v in record.items() if k != "article" and k not in RECORD_LIST_KEYS
    }
    if unknown_record:
        extra["record"] = unknown_record
    return {
        **{key: meta.get(key) for key in ARTICLE.keys},
        "id": article.id,
        "published": _published(meta.get("published")),
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
        for schema in RECORD_LISTS:
            for i, item in enumerate(record.get(schema.name) or []):
                row = {"article_id": article_id, "ord": i, **item_columns(schema, item)}
                rows[schema.table].append(row)
                rows["mentions"] += _mention_rows(schema, item, row)
        rows["claim_links"] += _dispute_links(record.get("statements") or [], article_id, run_id)
    except (KeyError, TypeError, AttributeError) as exc:
        raise RecordError(
            f"article {article_id}: record does not fit the contract: {exc!r}"
        ) from exc
    return dict(rows)


def _prefix(spec: Field) -> str:
    return f"{spec.column_name}_" if spec.column_name else ""


def item_columns(schema: RecordSchema, item: Mapping[str, Any]) -> Row:
    """One contract item (a statement, an event, ...) as its table's columns."""
    row: Row = {}
    ref_extra: dict[str, dict[str, Any]] = {}  # a ref's keys beyond actor and span, by field
    for spec in schema.fields:
        column, value = spec.column_name, item.get(spec.name)
        if spec.kind in ("text", "int", "float"):
            row[column] = item[spec.name] if spec.name == "id" else value
        elif spec.kind == "bool":
            row[column] = bool(item.get(spec.name, False))
        elif spec.kind == "span":
            row.update(_span_columns(_prefix(spec), value))
        elif spec.kind == "spans":
            pieces = list(value or [])
            row[column] = dumps(pieces)
            row[f"{column}_text"] = PIECE_SEPARATOR.join(piece["text"] for piece in pieces)
        elif spec.kind in ("ref", "cue"):
            inner = value or {}
            key = "actor" if spec.kind == "ref" else "lemma"
            row[f"{column}_{key}"] = inner.get(key)
            row.update(_span_columns(_prefix(spec), inner.get("span")))
            if more := {k: v for k, v in inner.items() if k not in (key, "span")}:
                ref_extra[spec.name] = more  # "actor_inferred": kept with the item's extra
        elif spec.kind == "magnitude":
            magnitude = dict(value or {})
            row["killed"] = _count(magnitude.get("killed"))
            row["injured"] = _count(magnitude.get("injured"))
            row[column] = dumps(magnitude)
    row["extra"] = _extra({**item, REF_EXTRA: ref_extra} if ref_extra else item, schema.stored_keys)
    return row


def _mention_rows(schema: RecordSchema, item: Mapping[str, Any], owner: Row) -> list[Row]:
    if schema.mention_label is None:
        return []
    return [
        {
            "article_id": owner["article_id"],
            "label": schema.mention_label,
            "actor_id": owner.get("actor_id"),
            "place_id": owner.get("place_id"),
            "ord": i,
            **_span_columns("", span),
        }
        for i, span in enumerate(item.get("mentions") or [])
    ]


def _dispute_links(statements: list[Mapping], article_id: str, run_id: str) -> list[Row]:
    """A statement's ``disputes`` within its article, as a claim link with its evidence."""
    links = []
    for st in statements:
        if not st.get("disputes"):
            continue
        cue = st.get("cue") or {}
        evidence = ([cue["span"]] if cue.get("span") else []) + list(st.get("content") or [])
        links.append(
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
    return links


def catalog_rows(record: Mapping[str, Any]) -> tuple[list[Row], list[Row]]:
    """The ``actors`` and ``places`` catalogue rows a record adds (one per id, sorted by id)."""
    actors = {a["id"]: _catalog_row(ACTORS, a) for a in record.get("actors") or []}
    places = {p["id"]: _catalog_row(PLACES, p) for p in record.get("places") or []}
    # Sorted so that concurrent PostgreSQL writers lock catalogue rows in one order (no deadlock).
    return [actors[k] for k in sorted(actors)], [places[k] for k in sorted(places)]


# --- rebuilding ---------------------------------------------------------------------------


def _with_extra(item: dict[str, Any], row: Row) -> dict[str, Any]:
    extra = loads(row.get("extra"))
    if extra:
        for name, more in (extra.pop(REF_EXTRA, None) or {}).items():
            item[name] = {**item[name], **more}
        item.update(extra)
    return item


def record_from_rows(article: Row, tables: Mapping[str, Iterable[Row]]) -> dict[str, Any]:
    """The contract record of one article from its ``articles`` row and per-article rows.

    ``tables`` maps table name to that article's rows in ``ord`` order.
    """
    meta = {key: article[key] for key in ARTICLE.keys}
    published = article["published"]
    meta["published"] = published.isoformat() if published else None
    extra = loads(article.get("extra")) or {}
    meta.update(extra.get("article") or {})
    top = extra.get("record") or {}
    if "error" in top:  # an article kept with an error record (e.g. unsupported language)
        return {**top, "article": meta}
    mentions: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for row in sorted(tables.get("mentions", ()), key=lambda r: r["ord"]):
        owner = row["actor_id"] if row["label"] == "actor" else row["place_id"]
        mentions[(row["label"], owner)].append(span_from(row))
    record: dict[str, Any] = {"article": meta}
    for schema in RECORD_LISTS:
        record[schema.name] = [
            item_from_row(schema, row, mentions) for row in tables.get(schema.table, ())
        ]
    record.update(top)
    return record


def item_from_row(
    schema: RecordSchema, row: Row, mentions: Mapping[tuple[str, str], list] | None = None
) -> dict[str, Any]:
    """One contract item rebuilt from its table row (the inverse of ``item_columns``)."""
    item: dict[str, Any] = {}
    for spec in schema.fields:
        column = spec.column_name
        if spec.kind in ("text", "int", "float"):
            item[spec.name] = row[column]
        elif spec.kind == "bool":
            item[spec.name] = bool(row[column])
        elif spec.kind == "span":
            item[spec.name] = span_from(row, _prefix(spec))
        elif spec.kind == "spans":
            item[spec.name] = loads(row[column]) or []
        elif spec.kind in ("ref", "cue"):
            key = "actor" if spec.kind == "ref" else "lemma"
            item[spec.name] = {key: row[f"{column}_{key}"], "span": span_from(row, _prefix(spec))}
        elif spec.kind == "magnitude":
            item[spec.name] = loads(row[column]) or {}
        elif spec.kind == "mentions":
            owner = row[schema.field("id").column_name]
            item[spec.name] = list((mentions or {}).get((schema.mention_label, owner), []))
    return _with_extra(item, row)


def _catalog_row(schema: RecordSchema, item: Mapping[str, Any]) -> Row:
    """A catalogue row (``actors``, ``places``): the item's plain fields, by contract key."""
    return {
        spec.name: item.get(spec.name)
        for spec in schema.fields
        if spec.kind in ("text", "int", "float")
    }
