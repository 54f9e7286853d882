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
``ref``       ``{"actor", "span"}``; ``actor_inferred``    ``<name>_actor`` + span columns; an
              only when true (``model.ActorRef``)         added key in the row's ``extra``
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

    @classmethod
    def parse(
        cls, name: str, table: str | None, spec: str, mention_label: str | None = None
    ) -> RecordSchema:
        """A schema from one line per field: ``name kind [column=X] [attribute=X] words``
        (``column=-`` stores a span without a column prefix)."""
        fields = []
        for line in spec.strip().splitlines():
            key, kind, *rest = line.split()
            options = {}
            while rest and "=" in rest[0]:
                option, _, value = rest.pop(0).partition("=")
                options[option] = "" if value == "-" else value
            fields.append(Field(key, kind, " ".join(rest), **options))
        return cls(name, table, tuple(fields), mention_label)


ARTICLE = RecordSchema.parse(
    "article",
    None,
    """
    id text                            stable hash of outlet, url or title, and normalised text
    outlet text                        the publishing outlet
    title text                         the headline
    published text                     publication date, YYYY-MM-DD
    url text                           where the article was published
    language text                      ISO 639-1 code of the text's language
    text text                          the body every span points into
    """,
)

ACTORS = RecordSchema.parse(
    "actors",
    "article_actors",
    """
    id text column=actor_id            knowledge-base id, or unresolved:<slug>
    name text                          canonical name
    type text                          state, armed group, person, government body, media, ...
    country text                       ISO 3166 alpha-3 code
    affiliation text                   the parent actor's id
    mentions mentions                  every span that names or refers to the actor
    """,
    mention_label="actor",
)

STATEMENTS = RecordSchema.parse(
    "statements",
    "statements",
    """
    id text                            s1, s2, ... in text order
    speaker ref                        who speaks: actor id (or null) and the span naming them
    cue cue                            the reporting verb or phrase
    content spans                      what is said; several pieces for a split quote
    kind text                          direct, indirect or mixed
    act text                           claim, threat, accusation, denial, demand, message, ...
    addressee text                     actor id the statement is addressed to
    time text column=time_id           time id of when it was said
    place text column=place_id         place id of where it was said
    disputes text                      id of the earlier statement this one denies or rejects
    """,
)

EVENTS = RecordSchema.parse(
    "events",
    "events",
    """
    id text                            e1, e2, ... in text order
    type text                          PLOVER event type, e.g. ASSAULT
    mode text                          PLOVER mode, e.g. aerial
    cameo text                         CAMEO root (18), or a 01 sub-code (015: a claim of it)
    quad text                          quad class: verbal/material cooperation/conflict
    source ref                         who acts
    target ref                         who is acted on
    place text column=place_id         place id where it happened
    time text column=time_id           time id of when it happened
    magnitude magnitude                killed, injured, ... as stated
    evidence spans                     the words that report the event
    attributed_to text                 statement id whose content it is; null: the outlet's
    negated bool                       reported as not having happened
    hypothetical bool                  conditional or uncertain (if, could, may): not reported done
    disputed bool                      its statement is denied by another statement
    future bool                        planned, promised or threatened (will, plans to): not done
    place_inferred bool                its place is the article's (the incident's, the dateline's)
    """,
)

PLACES = RecordSchema.parse(
    "places",
    "article_places",
    """
    id text column=place_id            geonames:<id> or newsgraph:<slug>
    name text                          the place's name
    feature text                       city, region, country, river, ...
    country text                       ISO 3166 alpha-2 code
    admin1 text                        first-level division
    lat float                          latitude
    lon float                          longitude
    mentions mentions                  every span that names the place
    """,
    mention_label="place",
)

TIMES = RecordSchema.parse(
    "times",
    "times",
    """
    id text                            t1, t2, ... in text order
    span span column=-                 the time expression
    value text                         ISO date, week, duration or start/end interval (TimeML)
    granularity text                   day, week, month, year, interval, ...
    type text                          TimeML type: DATE, TIME, DURATION or SET
    interval extra                     start/end the expression covers
    """,
)

FRAMING = RecordSchema.parse(
    "framing",
    "framing",
    """
    span span column=-                 the loaded term as written
    term text                          the lexicon's entry
    category text                      side label, dehumanising, euphemism, ...
    speaker text                       'outlet', 'quoted' or the actor id of the quoted speaker
    """,
)

# the record's lists, in the contract's key order
RECORD_LISTS: tuple[RecordSchema, ...] = (ACTORS, STATEMENTS, EVENTS, PLACES, TIMES, FRAMING)
RECORDS_BY_NAME: dict[str, RecordSchema] = {r.name: r for r in (ARTICLE, *RECORD_LISTS)}

# how the pieces of a ``spans`` field are joined in its flat ``<name>_text`` column
PIECE_SEPARATOR = " […] "
