"""A follow-up that names only the region and gives the risen toll in the noun phrase of its
toll ("The number of people killed when ... has risen to 14") joins the report of the strike
on the town with that toll; the evening raid on the same town with its own toll stays apart."""

from __future__ import annotations

from newsgraph.link import link_records
from newsgraph.pipeline import annotate_text

FIRST = (
    "Fourteen people were killed when a military jet bombed the central market in Kalewa town "
    "on Tuesday morning, residents said."
)
UPDATE = (
    "The number of people killed when a military aircraft bombed a market in Sagaing Region on "
    "Tuesday has risen to 14, a rescue group said on Wednesday."
)
EVENING = (
    "A bomb hit a monastery school in Kalewa on Tuesday night, killing five novice monks, the "
    "abbot said."
)


def test_a_region_only_update_with_a_risen_toll_joins_the_town_report() -> None:
    records = [
        annotate_text(FIRST, published="2025-08-12", outlet="Valley Post", title="a"),
        annotate_text(UPDATE, published="2025-08-13", outlet="Hill Radio", title="b"),
        annotate_text(EVENING, published="2025-08-13", outlet="River News", title="c"),
    ]
    first, update, evening = (r["article"]["id"] for r in records)
    killed = {
        r["article"]["id"]: [
            (e.get("magnitude") or {}).get("killed", {}).get("min") for e in r["events"]
        ]
        for r in records
    }
    assert 14 in killed[update]
    clusters = [{m.article_id for m in c.members} for c in link_records(records).clusters]
    assert any({first, update} <= c for c in clusters)
    assert not any(evening in c and (first in c or update in c) for c in clusters)
