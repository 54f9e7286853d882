"""Whether an event fits a cluster of reports of one real-world event: the hard contradictions
(type family, dates, tolls, places) and the evidence that adds up to a merge (``EVIDENCE``, at
least ``MERGE_EVIDENCE``). ``events.py`` clusters with it; ``claims.py``, ``incremental.py``
and the mention linker read the same actor and place tests.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import replace
from typing import TYPE_CHECKING

from ..components.places.gazetteer import fold
from .divisions import other_divisions
from .event_items import (
    ROLES,
    EventItem,
    Interval,
    PlaceInfo,
    Side,
    family_of,
    known_actor,
)
from .unlocated import other_levels, same_or_unknown_country, stated_level, towns, unlocated

if TYPE_CHECKING:
    from .events import EventCluster

# Points closer than this are one place for clustering (a town and its neighbourhoods).
PLACE_KM = 25.0
# TIMEX3 parts of the day in order; neighbours may name one hour ("late in the evening" and
# "at night"), parts further apart are two times of one day (a morning and a night strike).
DAY_PARTS = ("MO", "MI", "AF", "EV", "NI")
# Killed counts differing by more than this share of the larger (and more than 2) are two events.
KILLED_TOLERANCE = 0.35
# A toll reported by a later-published article may be higher than an earlier report's, up to
# this many times it: the wounded die and bodies are found, so tolls rise over the days after an
# incident (9, then 16; 7, then 14) and seldom fall (``toll_rose``; session 16, docs/link.md).
TOLL_RISE_FACTOR = 3.0
# Evidence that an event and a cluster are one real event (``Compatibility.score``): an event
# joins the compatible cluster with the most evidence, at least MERGE_EVIDENCE. Actors are soft:
# a contradicting actor (often a misread role) counts against, but place, wording and toll can
# outweigh it; type, time, toll and place contradictions still split.
EVIDENCE = {
    "place_near": 1.0,  # the same place, or points within PLACE_KM
    # ... and nothing else, where the event or the cluster has no date at all (neither its own
    # time nor a publication date): every incident of a town shares it (ECB+ train, undated:
    # 0.2948 -> 0.3006 CoNLL F1 at 0.5, four folds of five up, none down; docs/link.md)
    "place_alone_undated": 0.5,
    "place_inside": 0.5,  # a country or region holding the other's place
    "actor_agrees": 1.0,  # per role: equal, or parent and child by affiliation
    "actor_contradicts": -1.0,  # per role: two known actors on different branches
    "wording": 0.5,  # the same trigger family ("strike" / "struck", "attack" / "attacked")
    "same_toll": 0.5,  # the same killed count
    # two events of one report of an article (``report_key``): a bare event and the event it
    # retells, or two anchored events of one incident profile (``incident_profiles``)
    "same_report": 1.0,
    # half a retelling: with one more half (the same wording, a place inside) it merges; 1.0
    # merged story15's constable shooting further into the bombing (docs/link.md, story17)
    "same_profile": 0.5,
    # a toll that fits only as a later report's update (``toll_rose``): leeway, not agreement;
    # a cluster whose toll fits as reported outranks it (two strikes of one town and day)
    "toll_rose": -0.25,
}
MERGE_EVIDENCE = 1.0
UNLOCATED_COMPATIBLE = True


def killed_compatible(a: int | None, b: int | None) -> bool:
    if a is None or b is None:
        return True
    return abs(a - b) <= max(2, KILLED_TOLERANCE * max(a, b))


def toll_rose(earlier: EventItem, later: EventItem) -> bool:
    """``later``'s toll is ``earlier``'s as updated: published on a later day, higher, at most
    ``TOLL_RISE_FACTOR`` times it. Undated reports and reports of one day get no such leeway."""
    if earlier.killed is None or later.killed is None:
        return False
    if earlier.published is None or later.published is None:
        return False
    if later.published <= earlier.published:
        return False
    return earlier.killed < later.killed <= TOLL_RISE_FACTOR * max(earlier.killed, 1)


def tolls_compatible(reports: Iterable[EventItem], item: EventItem) -> bool:
    """``item``'s toll fits every toll of ``reports``: within ``KILLED_TOLERANCE``, or one of
    the two an update of the other (``toll_rose``)."""
    if item.killed is None:
        return True
    return all(
        killed_compatible(r.killed, item.killed) or toll_rose(r, item) or toll_rose(item, r)
        for r in reports
        if r.killed is not None
    )


def day_parts_compatible(parts: Iterable[str], part: str | None) -> bool:
    """Whether ``part`` is the same as or next to every part of the day in ``parts`` (both on
    one day: the caller has checked that the dates overlap and each part names one day)."""
    if part is None:
        return True
    order = DAY_PARTS.index(part)
    return all(abs(DAY_PARTS.index(other) - order) <= 1 for other in parts)


class Compatibility:
    """Decides whether an event fits a cluster; knows the actors' affiliation tree."""

    def __init__(self, parents: Mapping[str, str] | None = None, lexical: bool = False) -> None:
        self.parents = dict(parents or {})
        self.lexical = lexical

    def lineage(self, actor: str) -> list[str]:
        """The actor and its ancestors, nearest first (cycles cut)."""
        chain = [actor]
        while chain[-1] in self.parents and len(chain) < 8:
            parent = self.parents[chain[-1]]
            if parent in chain:
                break
            chain.append(parent)
        return chain

    def root(self, actor: str) -> str:
        return self.lineage(actor)[-1]

    def actors(self, a: str | None, b: str | None) -> bool | None:
        """True: they agree; False: they contradict; None: nothing to compare."""
        if not known_actor(a) or not known_actor(b):
            return True if a and a == b else None
        return a in self.lineage(b) or b in self.lineage(a)

    def sides(self, a: Side, b: Side) -> bool | None:
        """``actors``, except that an actor named only by nationality contradicts no actor of
        its country: "Palestinian gunmen" and "Hamas militants" may be one account, but the
        nationality is no evidence that they are (None, not True)."""
        verdict = self.actors(a.actor, b.actor)
        if verdict is False and (_of_its_country(a, b) or _of_its_country(b, a)):
            return None
        return verdict

    def accounts(self, sides: Iterable[Side]) -> set[str]:
        """The roots of a role's known actors across accounts; an actor named only by
        nationality is no account of its own where another names an actor of its country."""
        known = [s for s in sides if known_actor(s.actor)]
        countries = {s.country for s in known if not s.by_nationality}
        return {
            self.root(s.actor)  # type: ignore[arg-type]
            for s in known
            if not (s.by_nationality and s.country in countries)
        }

    @staticmethod
    def places(a: PlaceInfo | None, b: PlaceInfo | None) -> bool | None:
        if a is None or b is None:
            return None
        if a.id == b.id:
            return True
        if UNLOCATED_COMPATIBLE and (unlocated(a) or unlocated(b)):
            return _unlocated_places(a, b)
        if a.coarse or b.coarse:
            # a country or region holds the other place: compatible, but no anchor; a
            # first-level division holds only what lies in it (``divisions.py``)
            same_country = a.country is not None and a.country == b.country
            return None if same_country and not other_divisions(a, b) else False
        if named_after(a, b) or named_after(b, a):
            return None  # a street or building of the town: compatible, but no anchor
        if None in (a.lat, a.lon, b.lat, b.lon):
            return False
        return distance_km(a.lat, a.lon, b.lat, b.lon) <= PLACE_KM  # type: ignore[arg-type]

    @staticmethod
    def times(a: Interval | None, b: Interval | None) -> bool:
        if a is None or b is None:
            return True
        return a[0] <= b[1] and b[0] <= a[1]

    def score(self, cluster: EventCluster, item: EventItem) -> float | None:
        """The evidence that ``item`` reports the cluster's event (≥ ``MERGE_EVIDENCE``), or
        None where it does not fit: another type family, disjoint dates, an incompatible toll,
        places far apart, or too little evidence. Type and date alone never merge."""
        evidence = self.evidence(cluster, item)
        return evidence if evidence is not None and evidence >= MERGE_EVIDENCE else None

    def one_incident(self, a: EventItem, b: EventItem) -> bool:
        """Nothing hard sets two events of one article apart: dates, parts of the day, tolls
        (no rise within one report), places, or an actor on another branch in either role."""
        return (
            self.times(a.when, b.when)
            and day_parts_compatible({a.day_part} - {None}, b.day_part)  # type: ignore[arg-type]
            and killed_compatible(a.killed, b.killed)
            and self.places(a.place, b.place) is not False
            and all(self.sides(a.side(r), b.side(r)) is not False for r in ROLES)
            and not told_apart(a, b)
        )

    def actors_contradict(self, cluster: EventCluster, item: EventItem) -> bool:
        """A role whose two known actors lie on different branches (``idf`` / ``hamas``),
        unless it is the doer of one side's account of the other's (``counter_account``)."""
        return any(self._contradicts(cluster, item, role) for role in ROLES)

    def _contradicts(self, cluster: EventCluster, item: EventItem, role: str) -> bool:
        if self.sides(cluster.side(role), item.side(role)) is not False:
            return False
        return role != "source" or not self.counter_account(cluster, item)

    def counter_account(self, cluster: EventCluster, item: EventItem) -> bool:
        """One side tells the other's account of who did it: ``item`` is told by the actor
        the cluster names as its doer ("The RSF said the army shelled the hospital" beside
        reports of an RSF strike on it), or a member is told by the doer ``item`` names. The
        doers differ because the accused names another, not because these are two incidents;
        place, wording, toll and target still have to add up (story16, story18: docs/link.md)."""
        doer, teller = cluster.side("source").actor, item.told_by
        if doer and teller and self.actors(doer, teller):
            return True
        named = item.source
        return bool(named) and any(
            m.told_by and self.actors(named, m.told_by) for m in cluster.members
        )

    def own_account(self, item: EventItem) -> bool:
        """``item`` is its doer's own account: told by the actor it names as its source ("The
        military said it had targeted a camp of resistance fighters near the town")."""
        return bool(item.told_by and item.source) and bool(self.actors(item.source, item.told_by))

    def evidence(self, cluster: EventCluster, item: EventItem) -> float | None:
        """The evidence that ``item`` reports the cluster's event, however little; None where
        something hard contradicts (type family, dates or parts of one day, toll, places)."""
        if cluster.family != family_of(item.type) or not self.times(cluster.when, item.when):
            return None
        if not day_parts_compatible(cluster.day_parts, item.day_part):
            return None
        if not tolls_compatible(cluster.members, item) or self._report_toll_apart(cluster, item):
            return None
        if any(told_apart(m, item) for m in cluster.members):
            return None  # its article tells it as a separate incident (``separate_incidents``)
        place = self.places(cluster.place, item.place)
        if place is False or self._profiles_apart(cluster, item) or _levels_apart(cluster, item):
            return None
        others = self._other_evidence(cluster, item)
        if place is True:
            undated = cluster.when is None or item.when is None
            if undated and not any(others):
                return EVIDENCE["place_alone_undated"]
            return EVIDENCE["place_near"] + sum(others)
        inside = EVIDENCE["place_inside"] if _inside(cluster.place, item.place) else 0.0
        return inside + sum(others)

    def _report_toll_apart(self, cluster: EventCluster, item: EventItem) -> bool:
        """The doer's own account with no toll of its own tells of its article's report
        (``own_account``), so that report's toll (``EventItem.profile_killed``) must fit, as
        its own would: "The army said it had targeted a weapons depot" beside an evening
        strike that killed 7 is no account of the morning's market strike in the same town
        that killed 21, nor one with the army's account of that strike. A hard check only."""
        mine = self._report_toll(item)
        if mine is None:
            return False
        accounts = {m.key for m in cluster.members if m.killed is None and m.profile_killed}
        if item.killed is not None and not accounts:
            return False  # two tolls of their own: ``tolls_compatible`` has compared them
        theirs = [replace(m, killed=self._report_toll(m)) if m.key in accounts else m
                  for m in cluster.members]  # fmt: skip
        return not tolls_compatible(theirs, replace(item, killed=mine))

    def _report_toll(self, item: EventItem) -> int | None:
        if item.killed is not None or item.profile_killed is None:
            return item.killed
        return item.profile_killed if self.own_account(item) else None

    def _profiles_apart(self, cluster: EventCluster, item: EventItem) -> bool:
        """The places the two name, each its own or else its incident profile's
        (``EventItem.profile_place``), lie apart: "Troops stormed the camp" of an article
        whose raid is in Jenin is no report of a strike in Khan Younis that day."""
        mine = item.place or item.profile_place
        if mine is None:
            return False
        if mine is not item.place and self.places(cluster.place, mine) is False:
            return True
        return any(self.places(p, mine) is False for p in cluster.profile_places)

    def _other_evidence(self, cluster: EventCluster, item: EventItem) -> list[float]:
        """The evidence besides the place: per role an agreeing or contradicting actor, the
        same wording, the same toll, the same trigger (lexical), a retelling."""
        terms = []
        for role in ROLES:
            verdict = self.sides(cluster.side(role), item.side(role))
            if verdict is False and not self._contradicts(cluster, item, role):
                continue  # the accused's own account of who did it: no evidence either way
            if verdict and role == "source" and item.denied:
                continue  # a denied act's doer is what the denial disputes: no evidence
            if verdict is not None:
                terms.append(EVIDENCE["actor_agrees" if verdict else "actor_contradicts"])
        if item.wording and item.wording in cluster.wordings:
            terms.append(EVIDENCE["wording"])
        if item.killed is not None and item.killed in cluster.killed:
            terms.append(EVIDENCE["same_toll"])
        elif not all(killed_compatible(k, item.killed) for k in cluster.killed):
            terms.append(EVIDENCE["toll_rose"])  # compatible only as an update (``evidence``)
        if self.lexical and item.trigger and item.trigger in cluster.triggers:
            terms.append(1.0)
        told = _told_with(cluster, item)
        if told is not None:
            terms.append(EVIDENCE["same_report" if told else "same_profile"])
        return terms


def _levels_apart(cluster: EventCluster, item: EventItem) -> bool:
    """A member names another place of the level ``item``'s place states ("Barangay Tamisan"
    against a cluster with "Barangay Maliwanag"): two sites of one level, though each may lie in
    the cluster's coarser or finer place (``other_levels``; ``data/en/place_levels.yaml``)."""
    mine = item.place or item.profile_place
    level = stated_level(mine) if mine is not None else None
    if mine is None or level is None or not unlocated(mine):
        return False
    name = fold(mine.name or "")
    theirs = (m.place or m.profile_place for m in cluster.members)
    return any(
        p is not None and unlocated(p) and stated_level(p) == level and fold(p.name or "") != name
        for p in theirs
    )


def told_apart(a: EventItem, b: EventItem) -> bool:
    """Their article tells one of the two as a separate incident after the other ("In a
    separate incident on the same day, ...": ``EventItem.apart_from``)."""
    return a.article_id == b.article_id and (
        a.event_id in b.apart_from or b.event_id in a.apart_from
    )


def _told_with(cluster: EventCluster, item: EventItem) -> bool | None:
    """Whether a member of ``item``'s article tells the same report (``report_key``): True where
    one of the two is a bare event retelling the other (or both retell one event), False where
    they are only of one incident profile (``incident_profiles``), None where no member is.
    The article is one report: "the strike" is its strike, and the toll of one sentence and the
    attacker of another are one incident's."""
    key = item.report_key
    told = [m for m in cluster.members if m.report_key == key and m.key != item.key]
    if not told:
        return None
    return any(_retells(item, m) or _retells(m, item) for m in told)


def _retells(bare: EventItem, other: EventItem) -> bool:
    """``bare`` retells ``other`` (its ``report_anchor``) or the event ``other`` retells."""
    return bare.bare and bare.report_anchor in (other.event_id, other.report_anchor)


def _of_its_country(named: Side, other: Side) -> bool:
    """``named`` is known only by nationality, and ``other`` is an actor of that country."""
    return named.by_nationality and named.country is not None and named.country == other.country


def _inside(a: PlaceInfo | None, b: PlaceInfo | None) -> bool:
    """One place is a country or region and the other lies in the same country, or one is a
    street or building named after the other town (``named_after``)."""
    if a is None or b is None:
        return False
    if named_after(a, b) or named_after(b, a):
        return True
    return (a.coarse or b.coarse) and a.country is not None and a.country == b.country


def _unlocated_places(a: PlaceInfo, b: PlaceInfo) -> bool | None:
    """A place without a point against another place (``unlocated.py``): apart where their
    known countries differ or every town it may be lies far from the other; one place where it
    is a town near the other (its own name); else compatible without an anchor (a place inside
    a town, or nowhere known)."""
    if not same_or_unknown_country(a, b):
        return False
    local, other = (a, b) if unlocated(a) else (b, a)
    if unlocated(other) and not (local.coarse or other.coarse):
        # two local names of one level: one place where they are one name, else apart (a
        # school and a hospital of one town are two sites), as without a point before; of
        # two stated levels ("Sitio Lapak", "Barangay Carabalan"): the finer may lie inside
        if bool(local.name) and fold(local.name or "") == fold(other.name or ""):
            return True
        return None if other_levels(local, other) else False
    if unlocated(other) or other.coarse:
        return None
    if named_after(local, other):
        return None
    itself, points = towns(local, other.country)
    if not points:
        return None
    near = any(distance_km(lat, lon, other.lat, other.lon) <= PLACE_KM for lat, lon in points)  # type: ignore[arg-type]
    if not near:
        return False
    return True if itself else None


def named_after(local: PlaceInfo, town: PlaceInfo) -> bool:
    """``local`` has no point of its own and its id names ``town`` (a street read with its
    town, "newsgraph:address:pk:peshawar-kohat-road"; a building named after it,
    "newsgraph:local:xx:el-obeid-teaching-hospital"): it lies in that town, not elsewhere."""
    if local.lat is not None or town.lat is None or town.coarse or not town.name:
        return False
    if local.country and local.country.lower() not in ("xx", (town.country or "").lower()):
        return False
    tail = local.id.rsplit(":", 1)[-1]
    name = re.sub(r"[^a-z0-9]+", "-", fold(town.name)).strip("-")
    return len(name) > 3 and (tail.startswith(name + "-") or tail.endswith("-" + name))


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(min(1.0, h)))
