"""The record schema, written once.

Every record newsgraph produces (the ``newsgraph annotate`` contract of ``docs/contract.md``) is
defined here as an ordered list of fields. The rest is derived from it, never written again:

- ``model.py``: each dataclass's ``to_dict`` (the contract's JSON shape and key order);
- ``store/schema.py`` + ``store/rows.py``: each record's table columns, the record → rows
  flattening and the rows → record rebuilding;
- ``web/schemas.py`` and ``docs/contract.md`` are checked against it by ``tests/test_schema.py``,
  which fails when a field is added here and not there (or the reverse).

A field's ``kind`` says how it is shaped in the record and how it is stored:

============  ==========================================  ====================================
kind          in the record                               in its table
============  ==========================================  ====================================
``text``      a string or null                            one TEXT column
``int``       an integer or null                          one INTEGER column
``float``     a number or null                            one DOUBLE PRECISION column
``bool``      true / false                                one BOOLEAN column
``span``      ``{"start", "end", "text"}`` or null        ``<p>start``, ``<p>end``, ``<p>text``
``spans``     a list of spans                             JSON column + ``<name>_text`` (joined)
``ref``       ``{"actor", "span"}``                        ``<name>_actor`` + span columns
``cue``       ``{"lemma", "span"}``                        ``<name>_lemma`` + span columns
``magnitude`` ``{"killed", "injured", ...}``              ``killed``, ``injured`` + JSON column
``mentions``  a list of spans                             rows of the ``mentions`` table
``extra``     any JSON value                              kept in the row's ``extra`` JSON
============  ==========================================  ====================================
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Field:
    name: str  # key in the contract record
    kind: str  # see the table above
    description: str
    column: str | None = None  # the column (or column prefix) when it differs from ``name``
    attribute: str | None = None  # the dataclass attribute when it differs from ``name``

    @property
    def column_name(self) -> str:
        return self.column if self.column is not None else self.name

    @property
    def attribute_name(self) -> str:
        return self.attribute or self.name


@dataclass(frozen=True, slots=True)
class RecordSchema:
    name: str  # the record's list key in the contract ("statements"), or "article"
    table: str | None  # its per-article table, None for the article itself
    fields: tuple[Field, ...]
    mention_label: str | None = None  # its mentions' label in the ``mentions`` table

    @property
    def keys(self) -> tuple[str, ...]:
        return tuple(f.name for f in self.fields)

    @property
    def stored_keys(self) -> tuple[str, ...]:
        """Keys with columns of their own; the others are kept in the row's ``extra``."""
        return tuple(f.name for f in self.fields if f.kind != "extra")

    def field(self, name: str) -> Field:
        return next(f for f in self.fields if f.name == name)


ARTICLE = RecordSchema(
    "article",
    None,
    (
        Field("id", "text", "stable hash of outlet, url or title, and normalised text"),
        Field("outlet", "text", "the publishing outlet"),
        Field("title", "text", "the headline"),
        Field("published", "text", "publication date, YYYY-MM-DD"),
        Field("url", "text", "where the article was published"),
        Field("language", "text", "ISO 639-1 code of the text's language"),
        Field("text", "text", "the body every span points into"),
    ),
)

ACTORS = RecordSchema(
    "actors",
    "article_actors",
    (
        Field("id", "text", "knowledge-base id, or unresolved:<slug>", column="actor_id"),
        Field("name", "text", "canonical name"),
        Field("type", "text", "state, armed group, person, government body, media, ..."),
        Field("country", "text", "ISO 3166 alpha-3 code"),
        Field("affiliation", "text", "the parent actor's id"),
        Field("mentions", "mentions", "every span that names or refers to the actor"),
    ),
    mention_label="actor",
)

STATEMENTS = RecordSchema(
    "statements",
    "statements",
    (
        Field("id", "text", "s1, s2, ... in text order"),
        Field("speaker", "ref", "who speaks: actor id (or null) and the span naming them"),
        Field("cue", "cue", "the reporting verb or phrase", attribute="cue"),
        Field("content", "spans", "what is said; several pieces for a split quote"),
        Field("kind", "text", "direct, indirect or mixed"),
        Field("act", "text", "claim, threat, accusation, denial, demand, message, ..."),
        Field("addressee", "text", "actor id the statement is addressed to"),
        Field("time", "text", "time id of when it was said", column="time_id"),
        Field("place", "text", "place id of where it was said", column="place_id"),
        Field("disputes", "text", "id of the earlier statement this one denies or rejects"),
    ),
)

EVENTS = RecordSchema(
    "events",
    "events",
    (
        Field("id", "text", "e1, e2, ... in text order"),
        Field("type", "text", "PLOVER event type, e.g. ASSAULT"),
        Field("mode", "text", "PLOVER mode, e.g. aerial"),
        Field("cameo", "text", "CAMEO root code"),
        Field("quad", "text", "quad class: verbal/material cooperation/conflict"),
        Field("source", "ref", "who acts"),
        Field("target", "ref", "who is acted on"),
        Field("place", "text", "place id where it happened", column="place_id"),
        Field("time", "text", "time id of when it happened", column="time_id"),
        Field("magnitude", "magnitude", "killed, injured, ... as stated"),
        Field("evidence", "spans", "the words that report the event"),
        Field("attributed_to", "text", "statement id whose content it is; null: the outlet's"),
        Field("negated", "bool", "reported as not having happened"),
        Field("hypothetical", "bool", "conditional, planned or threatened, not reported done"),
        Field("disputed", "bool", "its statement is denied by another statement"),
    ),
)

PLACES = RecordSchema(
    "places",
    "article_places",
    (
        Field("id", "text", "geonames:<id> or newsgraph:<slug>", column="place_id"),
        Field("name", "text", "the place's name"),
        Field("feature", "text", "city, region, country, river, ..."),
        Field("country", "text", "ISO 3166 alpha-2 code"),
        Field("admin1", "text", "first-level division"),
        Field("lat", "float", "latitude"),
        Field("lon", "float", "longitude"),
        Field("mentions", "mentions", "every span that names the place"),
    ),
    mention_label="place",
)

TIMES = RecordSchema(
    "times",
    "times",
    (
        Field("id", "text", "t1, t2, ... in text order"),
        Field("span", "span", "the time expression", column=""),
        Field("value", "text", "ISO date, week, duration or start/end interval (TimeML)"),
        Field("granularity", "text", "day, week, month, year, interval, ..."),
        Field("type", "text", "TimeML type: DATE, TIME, DURATION or SET"),
        Field("interval", "extra", "start/end the expression covers"),
    ),
)

FRAMING = RecordSchema(
    "framing",
    "framing",
    (
        Field("span", "span", "the loaded term as written", column=""),
        Field("term", "text", "the lexicon's entry"),
        Field("category", "text", "side label, dehumanising, euphemism, ..."),
        Field("speaker", "text", "'outlet', 'quoted' or the actor id of the quoted speaker"),
    ),
)

# the record's lists, in the contract's key order
RECORD_LISTS: tuple[RecordSchema, ...] = (ACTORS, STATEMENTS, EVENTS, PLACES, TIMES, FRAMING)
RECORDS_BY_NAME: dict[str, RecordSchema] = {r.name: r for r in (ARTICLE, *RECORD_LISTS)}

# how the pieces of a ``spans`` field are joined in its flat ``<name>_text`` column
PIECE_SEPARATOR = " […] "
