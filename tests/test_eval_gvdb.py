"""``newsgraph eval gvdb``: shootings, shooter, victim and place per article, on articles
written for it."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from eval_fakes import annotation, fake_annotate, span

from newsgraph.eval import gvdb
from newsgraph.eval.base import shared_eval_dir
from newsgraph.model import ActorRef

DATA = Path(__file__).parent / "data" / "eval" / "gvdb"
GOLD = shared_eval_dir() / gvdb.DEFAULT_DATA


def test_reads_roles_of_the_map() -> None:
    shooting, fair = gvdb.read_gold(DATA / gvdb.DEV_FILE)
    assert shooting.published == date(2015, 12, 2)
    roles = {r: [[shooting.text[s:e] for s, e in entity] for entity in v]
             for r, v in shooting.roles.items()}  # fmt: skip
    assert roles == {
        "target": [["John Smith"]],
        "source": [["Tom Brown"]],
        "place": [["Eastville"]],
    }
    assert fair.roles == {"place": [[(23, 27)]]}  # times are not scored


def test_scores_each_part(monkeypatch: pytest.MonkeyPatch) -> None:
    shooting, _fair = gvdb.read_gold(DATA / gvdb.DEV_FILE)
    fakes = {
        shooting.text: annotation(
            shooting.text,
            {"type": "ASSAULT", "trigger": "shot", "source": "A man", "target": "John Smith",
             "place": "p1"},
            {"type": "COERCE", "trigger": "arrested", "source": "Police", "target": "Tom Brown"},
            places={"p1": "Eastville"},
        ),
    }  # fmt: skip
    monkeypatch.setattr(gvdb, "annotate", fake_annotate(fakes))
    report = gvdb.evaluate(DATA)
    held, fit = report.part("heldout"), report.part("fit")  # the shooting (9001) is held out
    assert held["articles with an ASSAULT found"].value == 1.0
    # the arrest is no ASSAULT: its target does not count; "A man" is not the named shooter
    assert held["argument source"].to_dict() == {
        "measure": "argument source", "precision": 0.0, "recall": 0.0, "f1": 0.0, "support": 1,
        "split": "heldout",
    }  # fmt: skip
    args = held["arguments (source, target, place)"]
    assert (args.precision, args.recall, args.support) == (0.6667, 0.6667, 3)
    assert fit["articles with an ASSAULT found"].value == 0.0
    assert fit["argument place"].support == 1


def test_scores_our_parties_as_entities(monkeypatch: pytest.MonkeyPatch) -> None:
    shooting, _fair = gvdb.read_gold(DATA / gvdb.DEV_FILE)
    found = annotation(
        shooting.text,
        {"type": "ASSAULT", "trigger": "shot", "source": "A man", "target": "John Smith"},
        {"type": "ASSAULT", "trigger": "arrested", "source": "Police"},
    )
    # the pipeline resolved "A man" to Tom Brown, whom the text names later
    found.events[0].source = ActorRef("brown", found.events[0].source.span)
    found.actor_mentions = {"brown": [(shooting.text.index("Tom Brown"), len(shooting.text) - 1)]}
    monkeypatch.setattr(gvdb, "annotate", fake_annotate({shooting.text: found}))
    held = gvdb.evaluate(DATA).part("heldout")

    def counts(measure: str) -> tuple[float | None, float | None]:
        return held[measure].precision, held[measure].recall

    # by span, "A man" overlaps no gold shooter
    assert counts("argument source") == (0.0, 0.0)
    # as an entity it is Tom Brown; "Police" names no one: wrong, unless only names count
    assert counts("argument source, by entity") == (0.5, 1.0)
    assert counts("argument source, by entity, named only") == (1.0, 1.0)
    assert counts("argument target, by entity") == (1.0, 1.0)
    # no name among our targets: nothing predicted, the gold victim missed
    assert counts("argument target, by entity, named only") == (0.0, 0.0)


def test_a_place_counts_once_by_entity(monkeypatch: pytest.MonkeyPatch) -> None:
    """Gold labels one mention of a place; the mentions it leaves unlabelled are each wrong in
    the place row and nothing in the entity row, which counts our place once."""
    shooting, _fair = gvdb.read_gold(DATA / gvdb.DEV_FILE)
    found = annotation(
        shooting.text,
        {"type": "ASSAULT", "trigger": "shot", "place": "p1"},
        {"type": "ASSAULT", "trigger": "arrested", "place": "p2"},
        places={"p1": "Eastville", "p2": "Police"},
    )
    found.places["p1"].mentions.append(span(shooting.text, "Friday"))  # a second mention
    monkeypatch.setattr(gvdb, "annotate", fake_annotate({shooting.text: found}))
    held = gvdb.evaluate(DATA).part("heldout")
    place, entity = held["argument place"], held["argument place, by entity"]
    assert (place.precision, place.recall) == (round(1 / 3, 4), 1.0)
    assert (entity.precision, entity.recall) == (0.5, 1.0)  # Eastville right, the other wrong


@pytest.mark.slow
@pytest.mark.skipif(not (GOLD / gvdb.DEV_FILE).exists(), reason="GVDB not available")
def test_quality_floor_heldout() -> None:
    """Held-out figures measured with the full pipeline, minus 0.01 (README's quality table)."""
    rows = gvdb.evaluate(GOLD, split="heldout").part("heldout")
    assert rows["articles with an ASSAULT found"].value >= FLOORS["found"]
    for measure, floor in FLOORS.items():
        if measure != "found":
            assert rows[measure].f1 >= floor, measure


# held out on 2026-12-04: found 0.946, arguments F1 0.099; 0.105 with the learned event place
# (events/place_choice.py); 0.111 with the gazetteer-driven recognition of mislabelled cities
# (docs/places.md); 0.107 with whole argument phrases (events/spans.py); 2026-12-05 with the party
# filter (events/party_filter.py): 0.122; 0.129 with local places (places/local_places.py);
# 2026-12-06 (session 9, "gvdb": subjectless passives, descriptions the article names): found
# 0.956, arguments 0.151, victim 0.092, by entity shooter / victim 0.073 / 0.200, named only
# 0.231 / 0.472; floor each minus 0.01; session 10 (docs/places.md): arguments 0.156;
# session 11 ("gvdb11": later surnames, "found X shot", identified names NER typed ORG): by
# entity shooter / victim 0.074 / 0.203, victim named only 0.479 (shooter named only 0.229 and
# victim 0.0915 fell by one false positive each: their floors stay); with every session-11
# merge (rams11's participles, place11's towns too), 2026-12-06: arguments 0.157, victim 0.089,
# by entity 0.075 / 0.204, named only 0.235 / 0.485; session 11 ("argplace11": the dateline's
# city for an event whose sentence names no place, arguments 0.190, place 0.346, place by entity
# 0.484) ships off (`dateline_place`, it lowered WikiEvents held out): with it off, place 0.285,
# place by entity 0.393; session 12 (streets and addresses as places, places/addresses.py):
# arguments 0.185, place 0.342, place by entity 0.460, target named only 0.493; session 15
# ("probeE": relative pronouns, a pronoun after an unknown subject): named only 0.238 / 0.500;
# session 16 ("place16": unknown names after "in"/"at" beside a resolved place, "X State"):
# arguments 0.1905, place 0.3542, place by entity 0.4762; session 18 ("probeH": a bare pronoun is
# never the other party of its own event): target named only 0.5045, its floor raised
# session 22 (place22: a follow-up takes its nearest placed act's place): place 0.3555, place by
# entity 0.4772, floors raised to measured - 0.01; session 27 (placeE: an "according to"
# place; gvdbS: a headline's "Man shot" is the one shot, "police say he" is not the police;
# pronounG): place 0.3595, place by entity 0.4828, source by entity 0.0792, floors raised to
# measured - 0.01
FLOORS = {
    "found": 0.946,
    "arguments (source, target, place)": 0.180,
    "argument place": 0.349,
    "argument place, by entity": 0.472,
    "argument target": 0.082,
    "argument source, by entity": 0.069,
    "argument target, by entity": 0.194,
    "argument source, by entity, named only": 0.227,
    "argument target, by entity, named only": 0.494,
}
