"""``newsgraph eval event-location``: the event's place, on sentences written for it."""

from __future__ import annotations

from pathlib import Path

import pytest
from eval_fakes import annotation, fake_annotate

from newsgraph.eval import event_location
from newsgraph.eval.base import shared_eval_dir

DATA = Path(__file__).parent / "data" / "eval" / "event-location"
GOLD = shared_eval_dir() / event_location.DEFAULT_DATA
RAID = "Soldiers from Northland raided a camp near Eastville on Monday"
CONDEMN = "Westland leaders in Southport condemned the raid"


def test_reads_only_hand_checked_records_by_their_tokens() -> None:
    raid, condemn = event_location.read_gold(DATA)  # the "AP" (silver) record is left out
    assert (raid.text[slice(*raid.verb)], [raid.text[s:e] for s, e in raid.locations]) == (
        "raided",
        ["Eastville"],
    )
    assert condemn.text == CONDEMN


def test_reads_only_silver_records_when_asked() -> None:
    raw = (DATA / event_location.MEMBER).read_text(encoding="utf-8")
    silver = event_location.read_records(raw, silver=True)
    texts = {r.text for r in silver}
    assert silver and RAID not in texts and CONDEMN not in texts


def test_scores_each_part(monkeypatch: pytest.MonkeyPatch) -> None:
    fakes = {
        # the soldiers' home country is not where the raid happened
        RAID: annotation(RAID, {"type": "ASSAULT", "trigger": "raided", "place": "north"},
                         places={"north": "Northland", "east": "Eastville"}),
        CONDEMN: annotation(CONDEMN, {"type": "ACCUSE", "trigger": "condemned", "place": "port"},
                            places={"port": "Southport"}),
    }  # fmt: skip
    monkeypatch.setattr(event_location, "annotate", fake_annotate(fakes))
    report = event_location.evaluate(DATA)
    held, fit = report.part("heldout"), report.part("fit")  # the condemnation is held out
    assert held["event place, all gold events"].f1 == 1.0
    assert fit["events found (trigger at the gold verb)"].value == 1.0
    place = fit["event place, all gold events"]
    assert (place.precision, place.recall, place.support) == (0.0, 0.0, 1)
    assert fit["baseline: first place in the sentence"].f1 == 0.0
    # Eastville was named, only not chosen: the right place was among the candidates
    assert fit["candidate recall: a gold place among our places"].value == 1.0


@pytest.mark.slow
@pytest.mark.skipif(not (GOLD / event_location.ARCHIVE).exists(), reason="no event-location data")
def test_quality_floor_heldout() -> None:
    """Held-out figures measured with the full pipeline, minus 0.01 (README's quality table)."""
    rows = event_location.evaluate(GOLD, split="heldout").part("heldout")
    assert rows["event place, all gold events"].f1 >= FLOORS["place"]


# held out on 2026-12-04 with the learned place chooser (events/place_choice.py): 0.635; 0.671
# with the gazetteer-driven recognition of mislabelled cities (docs/places.md); 0.709 on
# 2026-12-05 with local places (places/local_places.py) and the chooser retrained on them;
# 0.745 on 2026-12-05 (session 8) with landmarks and places known by name only; 0.765 on
# 2026-12-06 (session 9: unresolved NER places by their kind of place or alone after "in");
# 0.771 on 2026-12-06 (session 10: directions before known names, names a place noun calls a
# place, purpose clauses; docs/places.md); 0.7826 on 2026-12-06 (session 12: streets and
# addresses as places, places/addresses.py); 0.7988 on 2026-12-06 (session 15: other
# romanisations of Arab towns, places/spellings.py); 0.8050 on 2026-12-06 (session 16: unknown
# names after "in"/"at" beside a resolved place, "X State" divisions; docs/places.md); 0.8086 on
# 2026-12-07 (session 20: objects of verbs of taking ground, transliterated names, wider
# appositions; place20, docs/places.md); 0.8196 on 2026-12-07 (session 21: names NER calls a
# person, firm or product after "in", "near", "at"; place21, docs/places.md); 0.8338 on
# 2026-12-07 (session 23: "liberated"/"regained" a place is taken, events23; the gold verb found
# 0.9727 -> 0.9883; docs/events.md)
FLOORS = {"place": 0.823}
