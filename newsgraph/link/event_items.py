"""Event records flattened for clustering: ``EventItem`` (one event with what clustering needs
from its article: type, actors and their countries, place, dated interval, toll, trigger family),
``PlaceInfo`` and
the readers of contract records (``event_items``, ``parse_interval``, ``affiliations``).
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from functools import cache
from pathlib import Path
from typing import Any, NamedTuple

from ..datafiles import data_file, load_yaml
from ..model import UNRESOLVED_PREFIX
from .triggers import evidence_family

# An event reported without a time happened at most this many days before publication.
PUBLISHED_WINDOW_DAYS = 2
# ... unless it carries a toll: a follow-up names an incident already reported by its toll
# ("Funerals were held on Friday for victims of the market bombing, which killed 27"), and
# funerals, tolls that rise and counts of the dead run for days after the attack.
TOLL_WINDOW_DAYS = 7
# Times coarser than this (a year, "since October") do not date an event; publication does.
MAX_TIME_SPAN_DAYS = 31
# a year its words name ("in 2022"): a past period that does date an event (``_past``)
NAMED_YEAR = re.compile(r"\b(?:1[89]|20)\d\d\b")
# Features that name an area containing other places: compatible with what lies inside.
COARSE_FEATURES = frozenset({"country", "region", "area", "territory", "county", "state"})
_CELL_DEGREES = 0.5
Interval = tuple[date, date]

# PLOVER types that one real event is reported as, depending on the outlet's wording.
TYPE_FAMILIES: dict[str, str] = {
    "ASSAULT": "force", "COERCE": "force",
    "MOBILIZE": "posture", "THREATEN": "posture", "RETREAT": "posture",
    "SANCTION": "pressure", "PROTEST": "pressure", "DEMAND": "pressure", "REQUEST": "pressure",
    "CONSULT": "talks", "AGREE": "talks", "COOPERATE": "talks", "SUPPORT": "talks",
    "AID": "talks", "CONCEDE": "talks",
    "ACCUSE": "words", "REJECT": "words",
}  # fmt: skip


def family_of(event_type: str) -> str:
    return TYPE_FAMILIES.get(event_type, event_type)


@dataclass(frozen=True, slots=True)
class PlaceInfo:
    id: str
    lat: float | None = None
    lon: float | None = None
    country: str | None = None
    feature: str | None = None
    name: str | None = None
    # the record's admin1: a division's name, or a GeoNames admin1 code (``divisions.py``)
    admin1: str | None = None

    @property
    def coarse(self) -> bool:
        return (self.feature or "") in COARSE_FEATURES

    @property
    def cell(self) -> tuple[int, int] | None:
        if self.lat is None or self.lon is None or self.coarse:
            return None
        return (math.floor(self.lat / _CELL_DEGREES), math.floor(self.lon / _CELL_DEGREES))


class Side(NamedTuple):
    """A role's actor as clustering compares it: its id, its country, and whether the outlet
    named it only by nationality ("Palestinian gunmen", ``by_nationality``)."""

    actor: str | None = None
    country: str | None = None
    by_nationality: bool = False


ROLES = ("source", "target")


@dataclass(frozen=True, slots=True)
class EventItem:
    """One event record, flattened with what clustering needs from its article."""

    article_id: str
    event_id: str
    ord: int
    type: str
    outlet: str | None = None
    published: date | None = None
    source: str | None = None
    target: str | None = None
    source_country: str | None = None  # the actor's country (actor rows' ``country``)
    target_country: str | None = None
    # the role's actor is named only by nationality ("Palestinian gunmen"): see ``by_nationality``
    source_by_nationality: bool = False
    target_by_nationality: bool = False
    place: PlaceInfo | None = None
    interval: Interval | None = None  # from the event's own time
    attributed_to: str | None = None
    # the known actor who tells it: the speaker of the statement it is attributed to ("The RSF
    # said the army shelled the hospital": the RSF); see ``Compatibility.counter_account``
    told_by: str | None = None
    killed: int | None = None
    trigger: str | None = None  # stem of the first evidence word (lexical clustering only)
    wording: str | None = None  # trigger family of the evidence (triggers.evidence_family)
    disputed: bool = False  # the statement it is attributed to is denied in its article
    irrealis: bool = False  # reported as negated, hypothetical or future (``UNREAL_FLAGS``)
    # the accused's denied act ("The military denied bombing a market in Shwebo": ``denied_act``):
    # a real incident whose doer is disputed, clustered with its reports, its doer no evidence
    denied: bool = False
    day_part: str | None = None  # TIMEX3 part of a single day: MO, MI, AF, EV, NI (``day_part``)
    # a bare event's (no place, known actor or toll) report anchor: the event of its article
    # and type family that it most likely retells (``report_anchors``)
    report_anchor: str | None = None
    anchor_ord: int | None = None  # the anchor's place in the article (visit order)
    # it retells an undated event with a toll: dated, like it, by ``TOLL_WINDOW_DAYS``
    retells_toll: bool = False
    # the article's incident profile it belongs to (its first event's id): anchored events of
    # one type that nothing hard sets apart, and the bare events retelling them
    # (``incident_profiles.py``)
    profile: str | None = None
    # the place its incident profile names in another sentence (``incident_profiles``): not
    # evidence, but a report of one incident does not lie far from where its article puts it
    profile_place: PlaceInfo | None = None
    # its incident profile's toll (``incident_profiles``): the hard toll check of the doer's
    # own account of that report (``Compatibility.own_account``), never evidence
    profile_killed: int | None = None
    # an act answering an attack (``responses.py``): "defence" (its roles swapped: the
    # attackers are its source) or "retaliation"; a defence and the attack record it names
    # share the attack's event id as their ``exchange``
    response: str | None = None
    exchange: str | None = None
    # the casualties of a sentence and the act of its "when" clause, two records of one
    # incident: both carry the casualty record's id (``moment_twins``), also their ``exchange``
    twin: str | None = None
    # the one day its article dates the events of its type on (``article_days``): an undated
    # event's window reaches back to it ("massacred civilians", said today, of the attack the
    # article dates to Saturday); a relaxation of the date check, never evidence
    article_day: date | None = None
    # the ids of its article's events told before its sentence, where that sentence tells "a
    # separate incident" (``separate_incidents.py``): a hard check, never evidence
    apart_from: frozenset[str] = frozenset()

    @property
    def key(self) -> tuple[str, str]:
        return (self.article_id, self.event_id)

    @property
    def bare(self) -> bool:
        """Nothing anchors it to one incident: no place, no known actor, no toll."""
        return (
            self.place is None
            and self.killed is None
            and not any(known_actor(a) for a in (self.source, self.target))
        )

    @property
    def report_key(self) -> tuple[str, str]:
        """The report of its article it belongs to: its incident profile, else its anchor
        where bare, else itself."""
        return (self.article_id, self.profile or self.report_anchor or self.event_id)

    def side(self, role: str) -> Side:
        if role == "source":
            return Side(self.source, self.source_country, self.source_by_nationality)
        return Side(self.target, self.target_country, self.target_by_nationality)

    @property
    def visit_start(self) -> date | None:
        """Where clustering visits it: its own start, else publication − ``PUBLISHED_WINDOW_DAYS``
        (a toll's wider window does not move a report ahead of the reports it follows)."""
        if self.interval is not None:
            return self.interval[0]
        if self.published is not None:
            return self.published - timedelta(days=PUBLISHED_WINDOW_DAYS)
        return None

    @property
    def when(self) -> Interval | None:
        """The event's interval, else the publication window, else None (undated)."""
        if self.interval is not None:
            return self.interval
        if self.published is not None:
            toll = self.killed is not None or self.retells_toll
            days = TOLL_WINDOW_DAYS if toll else PUBLISHED_WINDOW_DAYS
            start = self.published - timedelta(days=days)
            if self.article_day is not None and self.article_day < start:
                start = self.article_day
            return (start, self.published)
        return None


# ---------------------------------------------------------------- reading records


def parse_interval(value: str | None) -> Interval | None:
    """The dates a TimeML-style value covers: ``2024-07-29``, ``2024-07``, ``2024``,
    ``2024-W31``, ``2024-07-29T10:00``, ``start/end``; None for durations and references."""
    if not value:
        return None
    if "/" in value:
        first, _, last = value.partition("/")
        a, b = parse_interval(first), parse_interval(last)
        return (a[0], b[1]) if a and b and a[0] <= b[1] else None
    value = value.split("T", 1)[0]
    try:
        if len(value) == 10:
            day = date.fromisoformat(value)
            return (day, day)
        if len(value) == 7 and value[4] == "-":
            year, month = int(value[:4]), int(value[5:])
            start = date(year, month, 1)
            end = date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)
            return (start, end)
        if len(value) == 8 and value[5] == "W":
            start = date.fromisocalendar(int(value[:4]), int(value[6:]), 1)
            return (start, start + timedelta(days=6))
        if len(value) == 4 and value.isdigit():
            return (date(int(value), 1, 1), date(int(value), 12, 31))
    except ValueError:
        return None
    return None


def _dated_value(time: dict[str, Any]) -> str | None:
    """A time's value, or the interval it covers where the value is no date: "A week after the
    strike, residents are ..." is the duration P1W covering the week up to publication."""
    value = time.get("value")
    if parse_interval(value) is None and time.get("interval"):
        return time["interval"]
    return value


_DAY_PART = re.compile(r"^\d{4}-\d{2}-\d{2}T(MO|MI|AF|EV|NI)$")


def day_part(value: str | None) -> str | None:
    """The TIMEX3 part of the day of a value naming one: "2025-06-07TMO" → "MO" (morning;
    MI midday, AF afternoon, EV evening, NI night); None for anything else."""
    match = _DAY_PART.match(value or "")
    return match.group(1) if match else None


def published_date(value: Any) -> date | None:
    """A publication date read from a date or an ISO string (its first ten characters); None
    when there is none or it does not parse."""
    if isinstance(value, date):
        return value
    if isinstance(value, str) and len(value) >= 10:
        try:
            return date.fromisoformat(value[:10])
        except ValueError:
            return None
    return None


def _killed(magnitude: Mapping[str, Any] | None) -> int | None:
    value = (magnitude or {}).get("killed")
    if isinstance(value, Mapping):
        # "Two of the wounded died": a count added to the toll, not the toll (magnitude.yaml);
        # "neutralised eight terrorists": the attackers' loss, not the victims' toll
        value = None if value.get("added") or value.get("armed") else value.get("min")
    return value if isinstance(value, int) else None


# flags of an event that is not reported as done
UNREAL_FLAGS = ("negated", "hypothetical", "future")
# A negated act told in a denial ("The AA denied firing at the hospital") reports an incident
# that happened and whose doer is disputed, not an incident that did not happen: written
# stories C, F and H code each such act of a story's incident in that incident; ECB+ annotates
# denied events as the event's mentions (docs/link.md, session 23: cluster23).
DENIED_ACTS = True


def event_items(
    record: Mapping[str, Any], include_unreal: bool = False, retell: bool = False
) -> list[EventItem]:
    """The events of one contract record as ``EventItem``s.

    Negated, hypothetical and future events ("denied shelling", "if they strike", "will
    strike") did not happen, so they are left out unless ``include_unreal``. ``retell``: bare
    events get the event of their article they retell (``report_anchors``; dated articles
    only; ``link`` retells by default, ``LinkOptions.retell``). Incident profiles
    are read on top of these (``incident_profiles.linked_items``).
    """
    article = record.get("article") or {}
    article_id = article.get("id") or record.get("id") or ""
    published = published_date(article.get("published"))
    places = {
        p["id"]: PlaceInfo(
            p["id"],
            p.get("lat"),
            p.get("lon"),
            p.get("country"),
            p.get("feature"),
            p.get("name"),
            p.get("admin1"),
        )
        for p in record.get("places") or []
        if p.get("id")
    }
    raw_times = {t["id"]: t for t in record.get("times") or [] if t.get("id")}
    times = {key: _dated_value(t) for key, t in raw_times.items()}
    actors = {a["id"]: a for a in record.get("actors") or [] if a.get("id")}
    speakers = {s["id"]: (s.get("speaker") or {}).get("actor")
                for s in record.get("statements") or [] if s.get("id")}  # fmt: skip
    denials = {s["id"] for s in record.get("statements") or [] if s.get("act") == "denial"}
    items = []
    for ord_, event in enumerate(record.get("events") or []):
        denied = denied_act(event, denials)
        irrealis = not denied and any(event.get(f) for f in UNREAL_FLAGS)
        if irrealis and not include_unreal:
            continue
        interval = parse_interval(times.get(event.get("time") or ""))
        if interval and (interval[1] - interval[0]).days >= MAX_TIME_SPAN_DAYS:
            past = _past(interval, raw_times.get(event.get("time") or ""), published)
            interval = interval if past else None
        # an inferred place (the lead act's or the dateline's, ``place_inferred``) is the
        # article's guess, not a place the report states: clustering weighs stated places only
        # (as evidence it split reports of one incident on the written stories, session 17)
        place_id = None if event.get("place_inferred") else event.get("place")
        source, target = event.get("source") or {}, event.get("target") or {}
        items.append(
            EventItem(
                article_id=article_id,
                event_id=event.get("id") or f"e{ord_ + 1}",
                ord=ord_,
                type=event.get("type") or "",
                outlet=article.get("outlet"),
                published=published,
                source=source.get("actor"),
                target=target.get("actor"),
                source_country=_country(source, actors),
                target_country=_country(target, actors),
                source_by_nationality=by_nationality(source, actors),
                target_by_nationality=by_nationality(target, actors),
                place=places.get(place_id) or (PlaceInfo(place_id) if place_id else None),
                interval=interval,
                day_part=day_part(times.get(event.get("time") or "")),
                attributed_to=event.get("attributed_to"),
                told_by=_known(speakers.get(event.get("attributed_to") or "")),
                killed=_killed(event.get("magnitude")),
                trigger=trigger_stem(event.get("evidence")),
                wording=evidence_family(event.get("evidence")),
                disputed=denied or bool(event.get("disputed")),
                irrealis=irrealis,
                denied=denied,
            )
        )
    return report_anchors(items) if retell else items


def denied_act(event: Mapping[str, Any], denials: set[str]) -> bool:
    """``event`` is the act a denial denies: negated (neither hypothetical nor future), and
    attributed to a statement whose act is a denial ("Myanmar's military denied bombing a
    market"; not "did not strike", which a speaker may say of no incident at all)."""
    if not DENIED_ACTS or not event.get("negated"):
        return False
    if event.get("hypothetical") or event.get("future"):
        return False
    return (event.get("attributed_to") or "") in denials


def report_anchors(items: list[EventItem]) -> list[EventItem]:
    """``items`` (one article's) with each bare event's ``report_anchor``: the nearest
    anchored event (a place, a known actor or a toll) in its article, the latest one of its
    PLOVER type before it; where its type comes only after it, the latest of its type family
    before it, else the first of its type after it (``_report_anchor``). An article retells
    its incident: "the missiles tore through classrooms" in an article whose placed ASSAULT
    is "An Israeli strike on a school in Tuffah killed 13" is that strike. In an article
    telling two anchored incidents of the type (a school and a home struck), the nearer one
    above is taken; the linker's hard checks (tolls, dates, parts of the day, places) still
    keep the two apart. (Requiring exactly one anchored event of the type was tried:
    docs/link.md, cluster14.) Only in a dated article (its publication date): without dates
    the anchor's cluster may hold a whole topic's similar incidents (ECB+ train: 0.3006 ->
    0.2991 with undated retellings, unchanged without them; docs/link.md, story16)."""
    if not items or items[0].published is None:
        return items  # undated: a report's anchor cluster may hold a whole topic (docs/link.md)
    anchored: dict[str, list[EventItem]] = {}
    for item in items:
        if not item.bare and not item.irrealis:
            anchored.setdefault(item.type, []).append(item)
    out = []
    for item in items:
        anchor = _report_anchor(item, anchored)
        if item.bare and not item.irrealis and anchor is not None:
            # an undated retelling is dated by the event it retells
            item = replace(item, report_anchor=anchor.event_id, anchor_ord=anchor.ord,
                           interval=item.interval or anchor.interval,
                           retells_toll=anchor.killed is not None)  # fmt: skip
        out.append(item)
    return out


def _report_anchor(item: EventItem, anchored: Mapping[str, list[EventItem]]) -> EventItem | None:
    """The anchored event ``item`` most likely retells: the latest of its PLOVER type before
    it; else, where one of its type comes only after it, the latest of its type family before
    it, else that first one after it. "the gunmen struck" (ASSAULT) after "the abduction of
    80 students in Kankara" (COERCE) retells the abduction, not an attack on a mosque told in
    the article's last sentence (story18, docs/link.md). An event with no anchored event of
    its type in its article retells none, as before: a family anchor there would make new
    retellings (docs/link.md, story18: tried with MEANTIME held out falling)."""
    same_type = anchored.get(item.type) or []
    before = [c for c in same_type if c.ord < item.ord]
    if before:
        return before[-1]
    if not same_type:
        return None
    family = family_of(item.type)
    kin = sorted((c for kind, cs in anchored.items() if family_of(kind) == family
                  for c in cs if c.ord < item.ord), key=lambda c: c.ord)  # fmt: skip
    return kin[-1] if kin else same_type[0]


def known_actor(actor: str | None) -> bool:
    """Whether ``actor`` names a resolved actor (not empty, not ``unresolved:...``)."""
    return bool(actor) and not actor.startswith(UNRESOLVED_PREFIX)  # type: ignore[union-attr]


def _known(actor: str | None) -> str | None:
    return actor if known_actor(actor) else None


def _country(role: Mapping[str, Any], actors: Mapping[str, Mapping[str, Any]]) -> str | None:
    return (actors.get(role.get("actor") or "") or {}).get("country")


_DETERMINERS = frozenset({"the", "a", "an", "some", "several"})


@cache
def nationality_nouns(path: str | None = None) -> frozenset[str]:
    """Nouns that after a demonym name only a country's people ("gunmen", "troops"), from
    ``link/data/en/nationality_nouns.yaml``."""
    file = Path(path or data_file(__package__, "nationality_nouns.yaml"))
    data = load_yaml(file.read_text(encoding="utf-8")) or {}
    return frozenset(str(n).lower() for n in data.get("nouns") or [])


def by_nationality(role: Mapping[str, Any], actors: Mapping[str, Mapping[str, Any]]) -> bool:
    """The role names its actor only by nationality: a state read from a demonym before a
    generic noun ("Palestinian gunmen" → ``palestine``). The outlet says which country's people
    acted, not which group or institution, so clustering lets it sit with any actor of that
    country. A state named in its own right ("Israel struck ...") is not such an actor."""
    actor = actors.get(role.get("actor") or "")
    if not actor or actor.get("type") != "state":
        return False
    words = ((role.get("span") or {}).get("text") or "").lower().split()
    while words and words[0] in _DETERMINERS:
        words = words[1:]
    nouns = nationality_nouns()
    for mention in actor.get("mentions") or []:
        demonym = (mention.get("text") or "").lower().split()
        rest = words[len(demonym) :]
        if demonym and words[: len(demonym)] == demonym and rest and set(rest) <= nouns:
            return True
    return False


_SUFFIXES = ("ing", "ed", "es", "e", "s")


def trigger_stem(evidence: list[Mapping[str, Any]] | None) -> str | None:
    """A crude stem of the first evidence word ("strikes", "striking" → "strik"): records keep
    no lemmas, and an exact inflection match would split "hosted" from "hosting"."""
    if not evidence:
        return None
    words = (evidence[0].get("text") or "").lower().split()
    if not words:
        return None
    word = words[-1]
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return word


def affiliations(records: Iterable[Mapping[str, Any]]) -> dict[str, str]:
    """actor id → parent actor id, from the records' actor lists, each chain completed from
    the actor knowledge base where the records stop: a record lists the actors its article
    names, so "Russia's Defence Ministry" comes with its parent ``russian-government`` but not
    with that one's parent ``russia``, and without it the ministry's denial answers no
    accusation of Russia and its account contradicts Russia's (story18, docs/link.md)."""
    parents: dict[str, str] = {}
    for record in records:
        for actor in record.get("actors") or []:
            if actor.get("id") and actor.get("affiliation") and actor["affiliation"] != actor["id"]:
                parents.setdefault(actor["id"], actor["affiliation"])
    return with_knowledge_base_chains(parents)


def with_knowledge_base_chains(parents: dict[str, str]) -> dict[str, str]:
    """``parents`` with each chain followed on through the actor knowledge base where it
    stops at an actor of no known parent (a store's actor catalogue holds the actors its
    articles name, as a record does)."""
    known = knowledge_base_parents()
    for parent in list(parents.values()):
        while parent not in parents and known.get(parent) not in (None, parent):
            parents[parent] = parent = known[parent]
    return parents


@cache
def knowledge_base_parents() -> dict[str, str]:
    """actor id → parent actor id in the actor knowledge base (built in and the user's)."""
    from ..components.actors.kb import KnowledgeBase

    return {e.id: e.affiliation for e in KnowledgeBase.load().entries if e.affiliation}


@cache
def knowledge_base_types() -> dict[str, str]:
    """actor id → actor type in the actor knowledge base (built in and the user's)."""
    from ..components.actors.kb import KnowledgeBase

    return {e.id: e.type for e in KnowledgeBase.load().entries if e.type}


def _past(interval: Interval, time: Mapping[str, Any] | None, published: date | None) -> bool:
    """A period too wide to date an event that its words name by its year ("in 2022", "the
    2012 attack") and that ended before its article's toll window: the event is of that past
    period, never this week's incident. Not a period named without its year ("over the past
    year" may be the last twelve months), nor one that reaches on ("since 2014": the time's
    ``interval`` runs to the publication)."""
    text = ((time or {}).get("span") or {}).get("text") or ""
    if published is None or time is None or not NAMED_YEAR.search(text):
        return False
    reach = parse_interval(time.get("interval"))
    end = max(interval[1], reach[1]) if reach else interval[1]
    return end < published - timedelta(days=TOLL_WINDOW_DAYS)


def toll_holders(members: Sequence[EventItem]) -> list[EventItem]:
    """The members whose killed count is a report's toll, in member order: two twins of one
    article (``twin``) are one report of one incident, so they tell one toll: the larger
    count, the first member's on a tie, never the sum ("stormed a police post, killing four
    officers": the storming keeps the killing's 4, and the cluster counts 4 once)."""
    kept: dict[tuple[str, str], EventItem] = {}
    for m in members:
        if m.killed is None or m.twin is None:
            continue
        held = kept.get((m.article_id, m.twin))
        if held is None or m.killed > held.killed:  # type: ignore[operator]
            kept[(m.article_id, m.twin)] = m
    chosen = {id(m) for m in kept.values()}
    return [m for m in members if m.killed is not None and (m.twin is None or id(m) in chosen)]


def report_tolls(members: Sequence[EventItem]) -> list[int]:
    """The killed counts of ``members``, one per report (``toll_holders``)."""
    return [m.killed for m in toll_holders(members) if m.killed is not None]
