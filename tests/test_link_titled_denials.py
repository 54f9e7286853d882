"""Within one article, an unresolved spokesman introduced as "<organisation> spokesman <Name>"
who says the organisation's fighters did not do the act denies it, and the denial disputes the
accusation a paragraph up; a later rejection by another side then answers the accusation of
its own side, not the spokesman's words (session 21, within21). The article is written for
this test."""

from __future__ import annotations

from newsgraph.link import link_records
from newsgraph.pipeline import annotate_text

ARTICLE = (
    "The Congolese government on Friday accused the M23 rebels and Rwanda of shelling a camp "
    "for displaced people near Goma.\n\n"
    "M23 spokesman Pierre Mutombo said the rebels had not shelled the camp.\n\n"
    "Rwandan government spokesperson Anne Uwase rejected the accusation that Rwandan soldiers "
    "were involved.\n"
)


def test_a_spokesmans_negated_act_disputes_the_accusation_above() -> None:
    record = annotate_text(ARTICLE, published="2025-09-06", outlet="Lake Wire", title="a")
    acts = {s["id"]: s["act"] for s in record["statements"]}
    text = {s["id"]: s["content"][0]["text"] for s in record["statements"]}
    (spokesman,) = [k for k, v in text.items() if "had not shelled" in v]
    (accusation,) = [k for k, v in text.items() if "of shelling" in v]
    assert acts[spokesman] == "denial"
    disputes = {
        (x.from_id, x.to_id) for x in link_records([record]).links if x.relation == "disputes"
    }
    disputes |= {(s["id"], s["disputes"]) for s in record["statements"] if s.get("disputes")}
    assert (spokesman, accusation) in disputes
    # the spokesman's words are no accusation another side's rejection answers
    assert not any(to == spokesman for _, to in disputes)
