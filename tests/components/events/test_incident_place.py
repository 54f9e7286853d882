"""events/incident_place.py: which unplaced acts take the lead act's place (plain records)."""

from __future__ import annotations

from newsgraph.components.events.incident_place import calendar_days, incident_places
from newsgraph.model import ActorRef, Event, Span, Time

NOBODY = ActorRef(None, None)


def _event(event_id: str, type_: str, place: str | None = None, time: str | None = None) -> Event:
    return Event(event_id, type_, None, None, None, NOBODY, NOBODY, [Span(0, 1, "x")],
                 place=place, time=time)  # fmt: skip


def test_only_acts_on_the_ground_after_the_lead_in_unplaced_sentences_take_its_place() -> None:
    events = [
        _event("e1", "ASSAULT", "p:town", "t1"),
        _event("e2", "ASSAULT"),  # next sentence: takes it
        _event("e3", "SANCTION"),  # not an act on the ground
        _event("e4", "COERCE", time="t1"),  # the lead's time: takes it
        _event("e5", "ASSAULT", time="t2"),  # another time: another incident
    ]
    sentence_of = {"e1": 0, "e2": 1, "e3": 1, "e4": 2, "e5": 2}
    places = {0: {"p:town"}}
    assert incident_places(events, sentence_of, places) == {"e2": "p:town", "e4": "p:town"}
    # a sentence naming a place keeps its events out; one naming another place between the
    # lead and a follow-up keeps the follow-up out too
    assert incident_places(events, sentence_of, places | {2: {"p:town"}}) == {"e2": "p:town"}
    assert incident_places(events, {**sentence_of, "e2": 2}, places | {1: {"p:city"}}) == {}


def test_the_lead_is_the_first_act_whose_own_sentence_places_it() -> None:
    events = [
        _event("e1", "ASSAULT", "p:inferred"),
        _event("e2", "ASSAULT", "p:town"),
        _event("e3", "ASSAULT"),
    ]
    events[0].place_inferred = True  # an inferred place leads nothing
    sentence_of = {"e1": 0, "e2": 1, "e3": 2}
    assert incident_places(events, sentence_of, {1: {"p:town"}}) == {"e3": "p:town"}


def test_a_follow_up_takes_the_place_of_the_nearest_placed_act_before_it() -> None:
    events = [
        _event("e1", "ASSAULT", "p:town"),
        _event("e2", "ASSAULT"),  # after the first incident
        _event("e3", "ASSAULT", "p:city"),  # a second incident, four sentences on
        _event("e4", "COERCE"),  # after the second
    ]
    sentence_of = {"e1": 0, "e2": 1, "e3": 4, "e4": 5}
    places = {0: {"p:town"}, 4: {"p:city"}}
    assert incident_places(events, sentence_of, places) == {"e2": "p:town", "e4": "p:city"}


def test_an_act_placed_only_in_a_country_leads_nothing() -> None:
    events = [_event("e1", "ASSAULT", "p:country"), _event("e2", "ASSAULT")]
    sentence_of = {"e1": 0, "e2": 1}
    places = {0: {"p:country"}}
    assert incident_places(events, sentence_of, places) == {"e2": "p:country"}
    assert incident_places(events, sentence_of, places, countries={"p:country"}) == {}


def test_a_follow_up_given_the_place_leads_the_acts_after_it_in_turn() -> None:
    events = [
        _event("e1", "ASSAULT", "p:town", "t1"),
        _event("e2", "ASSAULT"),  # two sentences on: the lead's follow-up
        _event("e3", "COERCE"),  # two more on: four after the lead, two after e2
        _event("e4", "ASSAULT", time="t1"),  # the incident's time, through the chain
        _event("e5", "ASSAULT", time="t2"),  # another time: another incident
    ]
    sentence_of = {"e1": 0, "e2": 2, "e3": 4, "e4": 5, "e5": 6}
    places = {0: {"p:town"}}
    assert incident_places(events, sentence_of, places, chain=False) == {"e2": "p:town"}
    chained = {"e2": "p:town", "e3": "p:town", "e4": "p:town"}
    assert incident_places(events, sentence_of, places, chain=True) == chained
    # the chain breaks where a sentence names another place
    assert incident_places(events, sentence_of, places | {3: {"p:city"}}, chain=True) == {
        "e2": "p:town"
    }


def test_a_time_on_the_incidents_day_is_no_other_time() -> None:
    events = [
        _event("e1", "ASSAULT", "p:town", "t1"),  # "stormed a police station on Wednesday"
        _event("e2", "ASSAULT", time="t2"),  # "attacked it at about 2am": the same day
        _event("e3", "ASSAULT", time="t3"),  # "on Tuesday night": another day
    ]
    sentence_of = {"e1": 0, "e2": 1, "e3": 2}
    places = {0: {"p:town"}}
    times = [
        Time("t1", Span(0, 9, "Wednesday"), "2025-10-08", "day"),
        Time("t2", Span(20, 32, "at about 2am"), "2025-10-08T02:00", "minute", "TIME"),
        Time("t3", Span(40, 53, "Tuesday night"), "2025-10-07TNI", "part_of_day", "TIME"),
    ]
    days = calendar_days(times)
    assert days == {"t1": "2025-10-08", "t2": "2025-10-08", "t3": "2025-10-07"}
    assert incident_places(events, sentence_of, places) == {}
    assert incident_places(events, sentence_of, places, day_of=days) == {"e2": "p:town"}
