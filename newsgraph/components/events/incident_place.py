"""The place of the article's lead incident for the acts told right after it with no place.

An article places its incident once, in the sentence that leads with it ("Settlers attacked
the village of Jit on Thursday"), and tells what happened in it in the next sentences without
naming the place again ("A man was shot dead during the attack"; "At least 20 people were
killed and 90 injured"). An act on the ground (``INCIDENT_TYPES``) reported as done, whose
sentence names no place at all, takes the place of the nearest earlier act on the ground with a
place stated in its own sentence (its lead) when it comes at most ``FOLLOW_UP_SENTENCES``
sentences after it, gives no other time, and no sentence between them names another place (the
article has moved on: "Militants fired at a base near Tal Abyad last week. The ministry said 21
were killed in strikes in Iraq. The drone strike killed three civilians" is not at Tal Abyad).
The place is the article's, not the sentence's: ``place_inferred`` marks it.

Counted on the fit parts before it was built (``tools/place_inheritance_counts.py``; figures
in docs/places.md, "Session 17"): of the proposals scored against a gold event with a place,
3 right and 1 wrong (RAMS 1/0, GVDB 2/0, WikiEvents 0/1); every wider rule tried (the previous
sentence's place, the nearest earlier event's, the article's first place, its only place) was
wrong as often as right or more. WikiEvents marks no place on 11 of the follow-ups (casualty
sentences: "The blasts wounded 13 civilians"). The setting (``incident_place``) was shipped off,
then turned on by the lead in session 17: on probe G, twelve written articles never tuned
against, it placed 7 more records, every one within 25 km of the coded place.

Session 22 (``place22``): the lead was the article's *first* placed act, so an article that
reports a second incident later ("Separately, a farmer was killed in a raid in Argelia. ...
accused the military of killing a farmer in the raid") left that incident's follow-ups
unplaced. The lead is now the nearest earlier placed act, with the same guards. Probe J 47 ->
56 of 113 coded places, K 19 -> 19 (docs/places.md, "Session 22"); on the fit parts the new
proposals are WikiEvents follow-ups gold leaves unplaced (12, of which 9 were, read one by one,
at the place given) and GVDB 1 right, 1 wrong. An act placed only in a country leads nothing
(a country is no incident's place in issue 13's 25 km sense): on the fit parts the two
country proposals (old rule and new) were a generic sentence and a coarse one, none right;
in examples/ "the truce brokered by the United States" led two Lebanese acts to the US.

Session 24 (``place24``, ``chain``; the events option ``incident_chain``, on in pipeline.cfg):
a follow-up given the place leads the acts after it in turn, with the incident's place and time
and every guard, so an incident told over five or six sentences keeps its place. Fit: GVDB 16
proposals on articles already placed there, RAMS none scored, WikiEvents 8 scored that gold
leaves unplaced or places elsewhere (read: 4 right, 3 wrong); probes J 63 -> 65, L 48 -> 51 of
the coded places, every moved record read at the place given (docs/places.md, "Session 24").
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Set

from ...model import Event, Time

# acts that happen at a place on the ground; a sanction, aid or a concession happens where
# its parties sit, not where the incident did
INCIDENT_TYPES = frozenset({"ASSAULT", "COERCE", "PROTEST", "MOBILIZE", "RETREAT"})
# how far after the lead act a follow-up may come (sentences); 1 and 2 were counted (fit:
# 2 sentences finds one more right place on RAMS and none more wrong)
FOLLOW_UP_SENTENCES = 2
# a time value that names a calendar day, alone or with a time of day
DAY = re.compile(r"^\d{4}-\d{2}-\d{2}(?:$|T)")


def placed_acts(events: list[Event], countries: Set[str] = frozenset()) -> list[Event]:
    """The acts on the ground with a place stated in their own sentence that may lead: an act
    placed in a country (``countries``: the article's place ids that are countries) leads
    nothing."""
    return [
        e
        for e in events
        if e.type in INCIDENT_TYPES
        and e.place is not None
        and not e.place_inferred
        and e.place not in countries
    ]


def lead_incident(
    placed: list[Event], sentence_of: Mapping[str, int], event: Event
) -> Event | None:
    """The last of ``placed`` (``placed_acts``) told before ``event``'s sentence."""
    before = [e for e in placed if sentence_of[e.id] < sentence_of[event.id]]
    return max(before, key=lambda e: sentence_of[e.id], default=None)


def is_follow_up(
    event: Event,
    lead: Event,
    sentence_of: Mapping[str, int],
    lead_time: str | None = None,
    within: int = FOLLOW_UP_SENTENCES,
    day_of: Mapping[str, str] | None = None,
) -> bool:
    """A real act on the ground told after the lead act, close to it (at most ``within``
    sentences), at no other time than ``lead_time`` (the incident's; the lead's own by
    default). With ``day_of`` (time id -> its calendar day), a time on the incident's day is
    no other time ("stormed a police station on Wednesday ... attacked it at about 2am")."""
    distance = sentence_of[event.id] - sentence_of[lead.id]
    real = not (event.negated or event.irrealis) and bool(event.evidence)
    time = lead.time if lead_time is None else lead_time
    same_time = event.time is None or event.time == time or _same_day(event.time, time, day_of)
    return real and event.type in INCIDENT_TYPES and 0 < distance <= within and same_time


def _same_day(time: str | None, other: str | None, day_of: Mapping[str, str] | None) -> bool:
    if not day_of or time is None or other is None:
        return False
    day = day_of.get(time)
    return day is not None and day == day_of.get(other)


def calendar_days(times: list[Time]) -> dict[str, str]:
    """Time id -> the calendar day it falls on, for the times resolved to a day or finer
    ("2025-10-08", "2025-10-08T02:00", "2025-10-07TNI")."""
    return {
        t.id: t.value[:10]
        for t in times
        if t.value and DAY.match(t.value) and t.type in ("DATE", "TIME") and not t.interval
    }


def no_other_place_between(
    lead: Event,
    event: Event,
    sentence_of: Mapping[str, int],
    places: Mapping[int, Set[str]],
    place: str | None = None,
) -> bool:
    """No sentence after the lead act and before the event names a place but the incident's
    (``place``; the lead's own by default)."""
    between = range(sentence_of[lead.id] + 1, sentence_of[event.id])
    allowed = {lead.place if place is None else place}
    return all(places.get(i, set()) <= allowed for i in between)


def incident_places(
    events: list[Event],
    sentence_of: Mapping[str, int],
    places: Mapping[int, Set[str]],
    countries: Set[str] = frozenset(),
    within: int = FOLLOW_UP_SENTENCES,
    chain: bool = False,
    day_of: Mapping[str, str] | None = None,
) -> dict[str, str]:
    """Event id -> its lead incident's place, for each unplaced follow-up (``sentence_of``:
    event id -> sentence index; ``places``: sentence index -> the places it names) whose
    sentence names none (``countries``: place ids that lead nothing). With ``chain`` a
    follow-up given the place leads the acts after it in turn, with the incident's place and
    time (events are read in sentence order)."""
    placed = placed_acts(events, countries)
    place_of = {e.id: e.place for e in placed}
    time_of = {e.id: e.time for e in placed}
    found: dict[str, str] = {}
    for e in sorted(events, key=lambda e: sentence_of[e.id]):
        if e.place is not None or places.get(sentence_of[e.id]):
            continue
        lead = lead_incident(placed, sentence_of, e)
        if lead is None or place_of[lead.id] is None:
            continue
        place = place_of[lead.id]
        if is_follow_up(
            e, lead, sentence_of, time_of[lead.id], within, day_of
        ) and no_other_place_between(lead, e, sentence_of, places, place):
            found[e.id] = place
            if chain:
                placed.append(e)
                place_of[e.id], time_of[e.id] = place, time_of[lead.id]
    return found


def carry_incident_place(
    events: list[Event],
    sentence_of: Mapping[str, int],
    places: Mapping[int, Set[str]],
    countries: Set[str] = frozenset(),
    chain: bool = False,
    day_of: Mapping[str, str] | None = None,
) -> None:
    """Give each follow-up of the lead incident its place, marked inferred (in place; with
    ``chain`` a placed follow-up leads in turn; ``day_of``: ``calendar_days``)."""
    by_id = {e.id: e for e in events}
    found = incident_places(events, sentence_of, places, countries, chain=chain, day_of=day_of)
    for event_id, place in found.items():
        by_id[event_id].place = place
        by_id[event_id].place_inferred = True
