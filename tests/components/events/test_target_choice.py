"""The learned target choice: it re-decides a mention's target among the rules' candidates
only where another candidate outscores the rules' choice by its margin."""

from __future__ import annotations

import math

import pytest
from spacy.language import Language

from newsgraph.components.events import target_choice
from newsgraph.components.events.detect import SentenceDetector
from newsgraph.components.events.lexicon import load_lexicon
from newsgraph.components.events.mention import Mention
from newsgraph.components.events.target_choice import TargetChoice
from newsgraph.components.events.targets import GENERIC, STRICT
from newsgraph.nlp import load_spacy_model

TROOPS_IN_A_PLACE = "The minister strengthened its troops in Southland."


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_spacy_model()


def _mentions(nlp: Language, text: str, choice: TargetChoice | None) -> list[Mention]:
    sent = next(nlp(text).sents)
    return SentenceDetector(sent, load_lexicon(), set(), None, choice).run()


def _target_of(mentions: list[Mention], anchor: str) -> str | None:
    [mention] = [m for m in mentions if m.anchor.text == anchor]
    return mention.target.text if mention.target is not None else None


def test_without_a_model_the_rules_choose_the_thing(nlp: Language) -> None:
    assert _target_of(_mentions(nlp, TROOPS_IN_A_PLACE, None), "strengthened") == "troops"


def test_a_candidate_scoring_above_the_margin_replaces_the_rules_choice(nlp: Language) -> None:
    favours_in = TargetChoice({"prep=in": 5.0}, margin=0.2)
    mentions = _mentions(nlp, TROOPS_IN_A_PLACE, favours_in)
    assert _target_of(mentions, "strengthened") == "Southland"


def test_an_infinite_margin_keeps_the_rules_choice(nlp: Language) -> None:
    never = TargetChoice({"prep=in": 5.0}, margin=math.inf)
    assert _target_of(_mentions(nlp, TROOPS_IN_A_PLACE, never), "strengthened") == "troops"


def test_an_attack_keeps_the_rules_choice_whatever_the_scores(nlp: Language) -> None:
    favours_in = TargetChoice({"prep=in": 5.0}, margin=0.0)
    text = "Rebels attacked the convoy in Southland."
    assert _target_of(_mentions(nlp, text, None), "attacked") == "convoy"
    assert _target_of(_mentions(nlp, text, favours_in), "attacked") == "convoy"


@pytest.mark.parametrize(
    ("text", "anchor", "addressee"),
    [
        ("The council urged residents to report the presence of gunmen.", "urged", "residents"),
        ("The envoy urged both sides to stop attacks on farmers.", "urged", "sides"),
    ],
)
def test_the_addressee_of_an_appeal_keeps_the_rules_choice(
    nlp: Language, text: str, anchor: str, addressee: str
) -> None:
    # session 25 (partyO): CAMEO codes the party appealed to, not what the clause is about
    favours_of = TargetChoice({"prep=of": 5.0, "prep=on": 5.0, "relation=other:dobj": 5.0}, 0.0)
    assert _target_of(_mentions(nlp, text, None), anchor) == addressee
    assert _target_of(_mentions(nlp, text, favours_of), anchor) == addressee


def test_the_recorder_sees_each_candidate_with_the_rules_choice(nlp: Language) -> None:
    seen: list[tuple[str, list[str], str]] = []
    target_choice.recording(lambda a, _t, listed, rule, _n: seen.append(
        (a.text, [c.token.text for c in listed], rule.text)
    ))  # fmt: skip
    try:
        _mentions(nlp, TROOPS_IN_A_PLACE, TargetChoice({}, math.inf))
    finally:
        target_choice.recording(None)
    [(anchor, listed, rule)] = seen
    assert (anchor, rule) == ("strengthened", "troops")
    assert "Southland" in listed and "minister" not in listed  # the source is no candidate


def test_candidates_are_listed_once_without_the_source(nlp: Language) -> None:
    doc = nlp("Eastville asked Westland for help from Westland.")
    eastville, westland, help_, again = doc[0], doc[2], doc[4], doc[6]
    listed = target_choice.expanded(
        [(westland, STRICT), (help_, GENERIC), (westland, GENERIC), (eastville, GENERIC)],
        source=eastville,
    )
    assert [c.token.i for c in listed] == [westland.i, help_.i, again.i]  # help's author follows


def test_features_name_the_preposition_and_the_rules_choice(nlp: Language) -> None:
    doc = nlp(TROOPS_IN_A_PLACE)
    troops, southland, verb = doc[4], doc[6], doc[2]
    names = target_choice.features(
        target_choice.Candidate(southland, GENERIC, 1), verb, troops, "MOBILIZE", load_lexicon(),
        set(),
    )  # fmt: skip
    assert {"prep=in", "rule=False", "after=True", "prep=in|type=MOBILIZE"} <= set(names)


def test_the_shipped_model_has_weights_and_a_cross_validated_margin() -> None:
    model = target_choice.load_target_choice()
    assert model is not None
    assert model.weights and 0.0 <= model.margin < math.inf


def test_a_purpose_clause_names_extra_candidates(nlp: Language) -> None:
    doc = nlp("Westland sent money to help the farmers of Northland.")
    extras = [t.text for t in target_choice.purpose_clause_arguments(doc[1])]
    assert "farmers" in extras and "money" not in extras


def test_prepositions_two_deep_name_extra_candidates(nlp: Language) -> None:
    doc = nlp("Westland gave tents to families in the north of Northland.")
    deep = [t.text for t in target_choice.deep_prep_objects(doc[1])]
    assert "Northland" in deep and "families" not in deep  # "families": one preposition away


def test_extra_candidates_are_scored_only_when_the_model_asks(nlp: Language) -> None:
    # "to rebuild": no beneficiary verb, so its object is no candidate of the rules
    text = "Westland sent money to rebuild the schools of Northland."
    favours_extra = {f"tier={target_choice.EXTRA}": 5.0}
    without = _mentions(nlp, text, TargetChoice(favours_extra, margin=0.0))
    with_extras = _mentions(nlp, text, TargetChoice(favours_extra, margin=0.0, extras=True))
    assert _target_of(without, "sent") != "schools"
    assert _target_of(with_extras, "sent") == "schools"
