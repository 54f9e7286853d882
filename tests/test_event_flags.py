"""The events' ``future`` flag travels past the pipeline: linking, stories, ``show``, the card
highlight (the contract's third "not reported as done" flag, beside negated and hypothetical)."""

from __future__ import annotations

import io
from typing import Any

import pytest
from rich.console import Console

from newsgraph.link.event_items import event_items
from newsgraph.link.stories import _report
from newsgraph.link.story_view import render_story
from newsgraph.show import provenance

TEXT = "Troops will strike the port. Troops struck the port."


def _span(needle: str, nth: int = 0) -> dict[str, Any]:
    start = -1
    for _ in range(nth + 1):
        start = TEXT.index(needle, start + 1)
    return {"start": start, "end": start + len(needle), "text": needle}


def _event(eid: str, trigger: str, **flags: bool) -> dict[str, Any]:
    return {
        "id": eid,
        "type": "ASSAULT",
        "source": {"actor": "idf", "span": _span("Troops")},
        "target": {"actor": None, "span": None},
        "evidence": [_span(trigger)],
        "attributed_to": None,
        "negated": False,
        "hypothetical": False,
        "disputed": False,
        "future": False,
    } | flags


RECORD = {
    "article": {"id": "a1", "outlet": "Outlet A", "published": "2024-07-29", "text": TEXT},
    "events": [_event("e1", "strike", future=True), _event("e2", "struck")],
}


@pytest.mark.parametrize("include_unreal", [False, True])
def test_a_future_event_is_no_event_to_cluster(include_unreal: bool) -> None:
    ids = [item.event_id for item in event_items(RECORD, include_unreal=include_unreal)]
    assert ids == (["e1", "e2"] if include_unreal else ["e2"])


def test_show_and_story_name_the_future_flag() -> None:
    planned, done = RECORD["events"]
    assert provenance(planned) == "outlet, future"
    assert provenance(done) == "outlet"
    report = _report(RECORD["article"], planned, {"idf": "Israel Defense Forces"})
    assert report["flags"] == ["future"]
    assert _report(RECORD["article"], done, {})["flags"] == []


def test_the_story_table_prints_the_flag_beside_the_voice() -> None:
    report = _report(RECORD["article"], RECORD["events"][0], {})
    story = {
        "id": "ec-1",
        "type": "ASSAULT",
        "time": None,
        "disputed": False,
        "consensus": {"fields": {}},
        "differing": [],
        "reports": [report],
        "statements": [],
        "disputes": [],
        "wording": [],
    }
    out = io.StringIO()
    render_story(story, Console(file=out, width=200, color_system=None))
    assert "asserted, future" in out.getvalue()
