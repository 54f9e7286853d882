"""Events framed as a statement about an act carry CAMEO 01 sub-codes (``cameo_codes.py``);
the PLOVER type stays. Sentences written for these tests."""

from __future__ import annotations

import newsgraph

DATE = "2024-07-29"


def _codes(text: str) -> list[tuple[str, str | None]]:
    record = newsgraph.annotate(text, published=DATE)
    return [(e["type"], e["cameo"]) for e in record["events"]]


def _first(text: str) -> tuple[str, str | None]:
    found = _codes(text)
    assert found, text
    return found[0]


def test_denying_an_accusation_is_cameo_016() -> None:
    assert _first("The Northland government rejected accusations of torture in its prisons.") == (
        "REJECT",
        "016",
    )
    assert (
        _first("The minister denied charges that his ministry had bribed the judges.")[1] == "016"
    )
    # rejecting a proposal stays a rejection (CAMEO 12)
    assert _first("The Northland government rejected the Southland peace proposal.") == (
        "REJECT",
        "12",
    )


def test_claiming_responsibility_is_cameo_015_and_keeps_the_doer() -> None:
    record = newsgraph.annotate(
        "The Northland Front claimed responsibility for the bombing of a police station.",
        published=DATE,
    )
    attacks = [e for e in record["events"] if e["type"] == "ASSAULT"]
    assert attacks and attacks[0]["cameo"] == "015"
    assert attacks[0]["source"]["span"]["text"].endswith("Northland Front")
    they = _codes("The rebels claimed that they had attacked the army base near Eastport.")
    assert ("ASSAULT", "015") in they
    # a claim about someone else's act is no claim of responsibility
    other = _codes("The rebels claimed that the army had attacked the village near Eastport.")
    assert ("ASSAULT", "18") in other


def test_claiming_an_attack_that_killed_someone_names_the_claimant_as_its_doer() -> None:
    """The relative clause's subject ("that") is the attack itself, not who did it."""
    record = newsgraph.annotate(
        "The Northland Front claimed responsibility for the attack that killed the judge.",
        published=DATE,
    )
    [attack] = [e for e in record["events"] if e["type"] == "ASSAULT"]
    assert attack["source"]["span"]["text"].endswith("Northland Front")
    assert "judge" in attack["target"]["span"]["text"]


def test_considering_an_act_is_cameo_014() -> None:
    assert _first("Westland is considering sending aid to the flood victims in Eastland.")[1] == (
        "014"
    )
    assert _first("Westland sent aid to the flood victims in Eastland.")[1] == "07"


def test_agreeing_with_an_opinion_is_cameo_019_not_a_commitment() -> None:
    assert _first("The governors said they agree with the minister that the law is unfair.") == (
        "AGREE",
        "019",
    )
    assert _first("Northland agreed to a ceasefire with Southland.")[1] != "019"


def test_condolences_and_pessimism_are_neutral_comments() -> None:
    assert (
        _first("The Westland envoy offered his condolences to the families of the victims.")[1]
        == "018"
    )
    assert _first("The minister expressed pessimism over holding talks with Southland.")[1] == (
        "012"
    )


def test_a_call_for_a_conflict_act_is_a_demand() -> None:
    record = newsgraph.annotate(
        "The Westland foreign minister called for sanctions against Northland.", published=DATE
    )
    calls = [e for e in record["events"] if e["type"] == "REQUEST"]
    assert calls and (calls[0]["mode"], calls[0]["cameo"], calls[0]["quad"]) == (
        "demand",
        "10",
        "verbal_conflict",
    )
    record = newsgraph.annotate(
        "The Westland foreign minister called for talks with Northland.", published=DATE
    )
    calls = [e for e in record["events"] if e["type"] == "REQUEST"]
    assert calls and calls[0]["cameo"] == "02"


def test_violating_a_ceasefire_is_cameo_19_material_conflict() -> None:
    record = newsgraph.annotate(
        "Northland forces violated the ceasefire twice on Monday.", published=DATE
    )
    found = [(e["type"], e["cameo"], e["quad"]) for e in record["events"]]
    assert ("ASSAULT", "19", "material_conflict") in found
    banned = _codes("Northland violated the ban on missile tests.")
    assert ("REJECT", "12") in banned


def test_codebook_phrases() -> None:
    assert _first("Westland and Eastland launched joint war games near the coast.")[0] == (
        "COOPERATE"
    )
    assert _first("The governor declared a state of siege in the northern province.")[0] == (
        "COERCE"
    )
    assert _first("Three politicians filed a lawsuit against the former president.")[0] == "ACCUSE"
    assert _first("The envoy ended mediation efforts between the two parties.")[0] == "SANCTION"
    assert _first("Westland sent three experts to investigate the attack on the pipeline.") == (
        "ACCUSE",
        "11",
    )
    assert _first("The president ordered the newspapers to suspend publication.")[0] == "COERCE"
    assert _first("The president ordered the company to pay the workers.")[0] == "REQUEST"


def test_skepticism_and_options_are_neutral_comments() -> None:
    assert (
        _first("The ministry said it is skeptical about Westland's motives in providing aid.")[1]
        == "012"
    )
    assert (
        _first(
            "Eastland is considering the possibility of providing two experts to the commission."
        )[1]
        == "014"
    )


def test_codebook_entries_with_fit_support() -> None:
    assert _first("Westland accepted 2,000 refugees from Eastland in May.") == ("AID", "07")
    refused = newsgraph.annotate(
        "Westland says it will not accept any more refugees.", published=DATE
    )
    assert [e["type"] for e in refused["events"]] == ["REJECT"]
    assert _first("The government accepted the demands of the protesters.") == ("CONCEDE", "08")
    assert _first("The emir launched a mediation effort between Westland and Eastland.") == (
        "CONSULT",
        "04",
    )
    assert _first("Northland troops remained on alert along the border.")[0] == "MOBILIZE"
    assert _first("The senator pushed the governor for reforms of the police.")[0] == "REQUEST"
    assert _first("The rebels said they will lay down their weapons.")[0] == "RETREAT"
    assert _first("Westland trains Eastland pilots to fly its jets.")[0] == "COOPERATE"


def test_a_decision_is_the_act_decided() -> None:
    record = newsgraph.annotate(
        "The council decided to ease restrictions on the formation of parties.", published=DATE
    )
    eased = [e for e in record["events"] if e["type"] == "CONCEDE"]
    assert eased and not eased[0]["hypothetical"]


def test_a_hope_about_an_act_is_an_optimistic_comment() -> None:
    assert _first("The government said it hoped for more talks with the protesters.") == (
        "CONSULT",
        "013",
    )
    # one's own intent is no comment about an act
    assert _first("Westland hopes to sign a trade deal with Eastland.")[1] != "013"


def test_an_act_in_the_adverbial_clause_of_a_comment_is_its_occasion() -> None:
    # the sentence codes the comment (012); the act keeps its PLOVER type
    assert _codes("The minister expressed pessimism after the talks were suspended.") == [
        ("SANCTION", "012")
    ]
    assert _codes("The envoy expressed concern after the rebels shelled the port.") == [
        ("ASSAULT", "012")
    ]
    # an adverbial clause of another statement keeps the act's own code
    assert ("ASSAULT", "18") in _codes(
        "The minister warned of more violence after the rebels shelled the port."
    )
