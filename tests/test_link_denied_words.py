"""A denial in one article answers, of another article's accusations, the one that says what it
denies ("denied targeting civilians" → "accused Russia of striking civilian workers"), not the
article's first statement that puts the strike on the denier (a toll told by officials)."""

from __future__ import annotations

from helpers import story_records

from newsgraph.link import link_records

STORIES = [
    ("acc", "Outlet A", "2025-03-14",
     "A Russian missile strike on a plant in Zaporizhzhia killed five people on Friday, "
     "Ukrainian officials said.\n"
     "Ukraine's Foreign Ministry accused Russia of striking civilian workers on purpose."),
    ("den", "Outlet B", "2025-03-15",
     "The Kremlin denied targeting civilians."),
]  # fmt: skip


def test_the_denial_answers_the_accusation_it_denies() -> None:
    records = story_records(STORIES)[1]
    texts = {(r["article"]["id"], s["id"]): " ".join(c["text"] for c in s["content"])
             for r in records for s in r["statements"]}  # fmt: skip
    disputes = [x for x in link_records(records).links if x.relation == "disputes"]
    assert [texts[(x.to_article_id, x.to_id)] for x in disputes] == [
        "Russia of striking civilian workers on purpose"
    ]
