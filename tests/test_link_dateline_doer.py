"""A state agency's dateline is no doer (session 25, disputeO, docs/link.md): "Addis Ababa,
March 11/2025 (ENA) - The rebel group massacred civilians ..." put the massacre on Ethiopia,
so the Ethiopian government's general rejection of rights groups' accusations disputed the
agency's report in another article. The articles are written for this test."""

from __future__ import annotations

from functools import cache

from helpers import dispute_texts, story_records

STORY = [
    ("agency", "Ethiopian News Agency", "2025-03-11",
     "Addis Ababa, March 11/2025 (ENA) - The rebel group massacred innocent civilians in "
     "Gimbi district of West Wollega Zone, the Oromia Regional State Communication Bureau "
     "said today.\n"),
    ("wire", "Outlet B", "2025-03-12",
     "Rights groups have accused both government forces and the rebels of abuses against "
     "civilians in Oromia. The Ethiopian government has previously rejected such "
     "accusations.\n"),
]  # fmt: skip


@cache
def _disputes() -> list[tuple[str, str]]:
    return dispute_texts(story_records(STORY)[1])


def test_the_governments_rejection_does_not_dispute_the_agencys_report() -> None:
    assert not [a for _, a in _disputes() if "massacred" in a]
