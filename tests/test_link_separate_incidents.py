"""A sentence that tells "a separate incident" sets its events apart from those its article
told before it (``link/separate_incidents.py``; docs/history/link.md, session 26: storyP)."""

from __future__ import annotations

from newsgraph.link import link_records
from newsgraph.link.separate_incidents import separate_from, tells_separate_incident
from newsgraph.pipeline import annotate_text

WIRE = (
    "Tajik troops fired mortars at a Kyrgyz village on Sunday, killing two civilians, "
    "Kyrgyzstan's border service said.\n"
    "In a separate incident on the same day, two Kyrgyz border guards were killed when their "
    "vehicle hit a landmine near Kulundu in the Leilek district, the border service said."
)
AGENCY = (
    "Two Kyrgyz border guards were killed on Sunday when their vehicle hit a landmine near "
    "Kulundu in the Leilek district, the border service said."
)


def _records(*texts: tuple[str, str]) -> list[dict]:
    return [annotate_text(t, published="2025-09-15", outlet=o, title=o) for t, o in texts]


def test_the_cues_of_a_separate_incident() -> None:
    assert tells_separate_incident("In a separate incident on the same day, two were killed.")
    assert tells_separate_incident("Ricardo Campos was killed in a separate incident in Sucre.")
    assert tells_separate_incident("In another incident in Lima today, a corporal was shot.")
    assert tells_separate_incident("Separately, police said three men were arrested.")
    assert not tells_separate_incident("Two reporters were killed in two separate shootings.")
    assert not tells_separate_incident("The ministry said separately that talks would resume.")


def test_the_separate_sentence_is_apart_from_what_came_before() -> None:
    (record,) = _records((WIRE, "Wire"))
    first = {e["id"] for e in record["events"] if e["evidence"][0]["start"] < WIRE.index("\n")}
    later = {e["id"] for e in record["events"]} - first
    apart = separate_from(record)
    assert first and later
    assert set(apart) == later
    assert all(apart[k] == frozenset(first) for k in later)


def test_the_lead_and_the_separate_incident_stay_in_two_clusters() -> None:
    """Without the rule the lead (placed by its country only, the same day and toll) and the
    landmine of its second sentence met through the agency's report of the landmine."""
    records = _records((WIRE, "Wire"), (AGENCY, "Agency"))
    words = {(r["article"]["id"], e["id"]): (r["article"]["outlet"], e["evidence"][0]["text"])
             for r in records for e in r["events"]}  # fmt: skip
    clusters = [{words[m.key] for m in c.members} for c in link_records(records).clusters]
    lead = next(c for c in clusters if ("Wire", "fired") in c)
    assert ("Wire", "killed") not in lead
    assert ("Wire", "hit") not in lead
