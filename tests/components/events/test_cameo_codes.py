"""An event's CAMEO root and quad class follow the CAMEO manual, mode by mode."""

from __future__ import annotations

import newsgraph


def _requests(text: str) -> list[tuple[str | None, str | None, str | None]]:
    record = newsgraph.annotate(text, published="2024-07-29")
    return [(e["mode"], e["cameo"], e["quad"]) for e in record["events"] if e["type"] == "REQUEST"]


def test_an_appeal_is_cameo_02_verbal_cooperation() -> None:
    for text in (
        "The United Nations urged Israel and Hezbollah to show restraint.",
        "The UN called on both sides to exercise restraint.",
    ):
        found = _requests(text)
        assert found and all(code == ("appeal", "02", "verbal_cooperation") for code in found)


def test_a_demand_stays_cameo_10_verbal_conflict() -> None:
    found = _requests("Iran demanded that Israel withdraw its forces from the Golan.")
    assert found and all(code == ("demand", "10", "verbal_conflict") for code in found)
