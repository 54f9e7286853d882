"""What an attack can hit (a base, an outpost, a checkpoint, a vehicle) is no party of another
kind of act: a thing given back goes to whom it is returned to or was taken from
(``targets.actor_like``, ``STRUCK_CLASS``; docs/events.md, session 27)."""

from __future__ import annotations

from helpers import targets_by_type as _targets
from spacy.language import Language


def test_an_outpost_returned_goes_to_whom_it_is_returned(nlp: Language) -> None:
    text = "The government returned the outpost to the tribal council."
    assert _targets(nlp, text)["RETREAT"] == "the tribal council"


def test_checkpoints_handed_back_go_to_whom_they_were_seized_from(nlp: Language) -> None:
    text = "The rebels will hand back the checkpoints they seized from the police."
    assert _targets(nlp, text)["RETREAT"] == "the police"


def test_a_convoy_attacked_stays_the_target(nlp: Language) -> None:
    text = "Gunmen attacked a military convoy near the border."
    assert _targets(nlp, text)["ASSAULT"] == "a military convoy"


def test_a_vehicle_protesters_hit_stays_the_target(nlp: Language) -> None:
    text = "Protesters threw stones at a police vehicle outside the ministry."
    assert _targets(nlp, text)["PROTEST"] == "a police vehicle"
