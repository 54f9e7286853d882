"""An event an article recalls from the past as background ("seized the town in a 2021 coup",
"has captured most townships since late 2023") is dated by its span, which ended before the
article's reports: it stays apart from the incident the article reports, which still joins
that incident's reports. A span reaching publication ("so far in 2025") dates nothing, as
before (docs/link.md, session 23: cluster23)."""

from __future__ import annotations

from newsgraph.link import link_records
from newsgraph.link.event_items import background_span, event_items
from newsgraph.pipeline import annotate_text

STRIKE = (
    "A military jet bombed the central market of Shwebo on Tuesday, killing 18 people, "
    "rescue workers said."
)
FOLLOW_UP = (
    "An air strike on the market in Shwebo on Tuesday killed 18 people, residents said. "
    "The army seized the town of Shwebo in 2021."
)


def _records() -> list[dict]:
    return [
        annotate_text(STRIKE, published="2025-08-12", outlet="Irrawaddy", title="a"),
        annotate_text(FOLLOW_UP, published="2025-08-13", outlet="Global Wire", title="b"),
    ]


def test_a_past_event_recalled_as_background_stays_apart_from_the_incident() -> None:
    records = _records()
    first, second = (r["article"]["id"] for r in records)
    seized = [e["id"] for e in records[1]["events"] if "seized" in str(e.get("evidence"))]
    assert seized
    for cluster in link_records(records).clusters:
        keys = {m.key for m in cluster.members}
        if (second, seized[0]) in keys:
            assert not any(a == first for a, _ in keys)
        # the article's report of the strike joins the strike
        if any(a == first for a, _ in keys) and 18 in cluster.killed:
            assert any(a == second for a, _ in keys)


def test_only_a_span_that_ended_before_the_reports_dates_an_event() -> None:
    from datetime import date

    published = date(2025, 8, 13)
    assert background_span((date(2021, 1, 1), date(2021, 12, 31)), published)
    assert not background_span((date(2025, 1, 1), date(2025, 12, 31)), published)
    assert not background_span((date(2021, 1, 1), date(2021, 12, 31)), None)
    items = {i.event_id: i for i in event_items(_records()[1])}
    assert any(i.interval and i.interval[0].year == 2021 for i in items.values())
