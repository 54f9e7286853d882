"""An article's incident profiles: its anchored events (a place, a known actor or a toll) of one
PLOVER type that nothing hard sets apart are one report of one incident, so across articles
the place of one sentence meets the attacker of another through them (``EventItem.profile``;
clustering's ``same_profile`` evidence, ``compatibility._told_with``). Documents before
mentions, as ECB+ systems cluster documents into sub-topics first; docs/link.md, "Session 16:
story17".
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from datetime import date, timedelta
from typing import Any

from .compatibility import Compatibility
from .event_items import (
    ROLES,
    TOLL_WINDOW_DAYS,
    EventItem,
    PlaceInfo,
    affiliations,
    event_items,
    known_actor,
)
from .moment_twins import tie_twins, twins
from .options import DEFAULT_OPTIONS, LinkOptions
from .responses import responses
from .separate_incidents import mark_separate, separate_from

PROFILE_PLACES = True
# An unplaced event the article narrates, whose profile names no place, takes the place of the
# nearest earlier event of its type that states one and that nothing hard sets apart from it
# (``article_place``): "Russian invaders launched two Iskander-M missiles at the city" after
# "the attack on the centre of Sumy" (session 22, region22; docs/link.md).
ARTICLE_PLACES = True
# An undated event's window reaches back to the one day its article dates the events of its
# type on, within ``TOLL_WINDOW_DAYS`` of publication (``article_days``; session 25, clusterO).
ARTICLE_DAYS = True


def linked_items(
    record: Mapping[str, Any],
    options: LinkOptions = DEFAULT_OPTIONS,
    check: Compatibility | None = None,
    sentences: Sequence[tuple[int, str]] | None = None,
) -> list[EventItem]:
    """The events of one record as ``link`` clusters them under ``options``: irrealis events
    where clustered, retellings (``retell``) and incident profiles (``profiles``), judged by
    the run's ``check`` (default: the record's own actor affiliations); ``sentences``: its
    event sentences from the store, for the records of one sentence it ties (``moment_twins``)."""
    check = check or Compatibility(affiliations([record]))
    tied = twins(record, sentences)
    items = event_items(record, options.include_irrealis, options.retell)
    items = mark_separate(items, separate_from(record, sentences))
    items = responses(tie_twins(items, tied), check)
    if not options.profiles:
        return items
    return incident_profiles(items, check)


def article_days(items: Sequence[EventItem]) -> list[EventItem]:
    """``items`` (one dated article's) with ``article_day`` on each undated event of a type the
    article dates on exactly one day, at most ``TOLL_WINDOW_DAYS`` before publication: "The Shene
    group massacred civilians, the bureau said today" of an article whose attack "was carried
    out on Saturday night" may be Saturday's, three days before. Only widens the dates an
    undated event is compatible with (the publication window still ends it), never evidence;
    an article dating its type on two days (or none) leaves its undated events as they were."""
    days: dict[str, set[date]] = {}
    for item in items:
        if item.interval is not None and item.interval[0] == item.interval[1] and not item.irrealis:
            days.setdefault(item.type, set()).add(item.interval[0])
    out = []
    for item in items:
        dated = days.get(item.type, set())
        if item.interval is None and item.published is not None and len(dated) == 1:
            (day,) = dated
            if item.published - timedelta(days=TOLL_WINDOW_DAYS) <= day <= item.published:
                item = replace(item, article_day=day)
        out.append(item)
    return out


def incident_profiles(items: Sequence[EventItem], check: Compatibility) -> list[EventItem]:
    """``items`` (one article's) with each event's incident profile: its anchored events (a
    place, a known actor or a toll) of one PLOVER type, each anchor told once (``_joins``), are
    one report of one incident, and the bare events retelling one of them (``report_anchor``)
    belong to its profile. Clustering gives two events of one profile ``same_profile``
    evidence: across articles the place of one report meets the attacker of another through
    the article's other sentences. Two incidents an article tells apart (a second place or
    toll, another day) stay two profiles. Only in a dated article, as ``report_anchors``."""
    if not items or items[0].published is None:
        return list(items)
    if ARTICLE_DAYS:
        items = article_days(items)
    profiles: list[list[EventItem]] = []
    profile_of: dict[str, str] = {}
    for item in items:
        if item.bare or item.irrealis:
            continue
        home = next((p for p in profiles if _joins(p, item, check)), None)
        if home is None:
            home = []
            profiles.append(home)
        home.append(item)
        profile_of[item.event_id] = home[0].event_id
    placed = {p[0].event_id: next((m.place for m in p if m.place), None) for p in profiles}
    tolls = {p[0].event_id: next((m.killed for m in p if m.killed), None) for p in profiles}
    out = []
    for n, i in enumerate(items):
        profile = profile_of.get(i.report_anchor or i.event_id)
        where = placed.get(profile) if PROFILE_PLACES and profile and i.place is None else None
        if where is None and ARTICLE_PLACES and i.place is None:
            where = article_place(items[:n], i, check)
        killed = tolls.get(profile) if profile else None
        out.append(replace(i, profile=profile, profile_place=where, profile_killed=killed))
    return _profile_days(out)


def _profile_days(items: list[EventItem]) -> list[EventItem]:
    """``items`` with ``article_day`` kept only where the event's incident profile holds an
    event dated on that day: the article dates that report, not only another incident of the
    type ("the attack on a police outpost ... on the same Tuesday" of an article whose dated
    clash is another incident keeps its own window)."""
    days: dict[str, set[date]] = {}
    for item in items:
        if item.profile and item.interval and item.interval[0] == item.interval[1]:
            days.setdefault(item.profile, set()).add(item.interval[0])
    return [
        replace(i, article_day=None)
        if i.article_day is not None and i.article_day not in days.get(i.profile or "", set())
        else i
        for i in items
    ]


def article_place(
    before: Sequence[EventItem], item: EventItem, check: Compatibility
) -> PlaceInfo | None:
    """The place of the latest event of ``item``'s type ``before`` it that states a place, where
    nothing hard sets the two apart (``Compatibility.one_incident``): where the article has put
    the incident it goes on telling. Not evidence; a hard check only, as profile places.

    Only for an event the article narrates: one a speaker tells (``attributed_to``, "Zelensky
    accused Russia of deliberately targeting civilian workers") keeps no place. Its article's
    place is as often right there (6 of 6 mapped on the written stories A, B, C, E, F and L),
    but as a veto it moved story19 A's accusation out of a cluster its misread place (Moscow)
    had put it in, and the greedy pass then seeded the morning strike's cluster elsewhere and
    merged the evening strike into a placed-only report (docs/link.md, region22)."""
    if item.irrealis or item.attributed_to is not None:
        return None
    for other in reversed(before):
        if other.type == item.type and other.place is not None and not other.irrealis:
            return other.place if check.one_incident(other, item) else None
    return None


def _joins(profile: list[EventItem], item: EventItem, check: Compatibility) -> bool:
    """``item`` is of the profile's type, anchors it by what no member anchors it by (a second
    place, even in the same town, or a second toll is another incident the article tells),
    and nothing hard sets it apart from any member (``Compatibility.one_incident``)."""
    if profile[0].type != item.type:
        return False
    if item.twin is not None and any(m.twin == item.twin for m in profile):
        return all(check.one_incident(m, item) for m in profile)  # one sentence (moment_twins)
    held = {kind for member in profile for kind in anchor_kinds(member)}
    return not anchor_kinds(item) & held and all(check.one_incident(m, item) for m in profile)


def anchor_kinds(item: EventItem) -> set[str]:
    """What anchors ``item`` to one incident: a place, a known actor per role, a toll."""
    kinds = {role for role in ROLES if known_actor(item.side(role).actor)}
    return kinds | ({"place"} if item.place else set()) | ({"toll"} if item.killed else set())
