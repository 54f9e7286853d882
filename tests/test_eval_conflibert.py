"""``newsgraph eval conflibert-cameo``: pentacode classes and main-event roles, on sentences
written for it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from eval_fakes import annotation, fake_annotate

from newsgraph.eval import conflibert
from newsgraph.eval.base import shared_eval_dir

DATA = Path(__file__).parent / "data" / "eval" / "conflibert-cameo"
GOLD = shared_eval_dir() / conflibert.DEFAULT_DATA
SHELLED = "Northland troops shelled a Southland village on Monday."
PACT = "Westland praised the new trade pact with Eastland."
WEATHER = "The spokesman described the weather in the capital."
AID = "Eastland sent aid to flood victims."


def test_reads_classes_and_token_roles() -> None:
    by_text = {s.text: s for s in conflibert.read_gold(DATA)}
    assert sorted(by_text) == sorted([SHELLED, PACT, WEATHER, AID])
    shelled = by_text[SHELLED]
    assert shelled.label == 4  # the token sentence found its class sentence
    assert {r: [SHELLED[s:e] for s, e in v] for r, v in shelled.roles.items()} == {
        "source": ["Northland troops"],
        "target": ["Southland village"],
    }
    assert by_text[AID].label is None
    assert conflibert.first_capitalised_run("the army and Northland Rebels fought") == (13, 29)


def test_scores_each_part(monkeypatch: pytest.MonkeyPatch) -> None:
    fakes = {
        SHELLED: annotation(SHELLED, {"type": "ASSAULT", "trigger": "shelled",
                                      "source": "Northland troops", "target": "village"}),
        # "would give aid" style: a hypothetical AID is coded as the AGREE it states
        PACT: annotation(PACT, {"type": "AID", "trigger": "pact", "quad": "material_cooperation",
                                "hypothetical": True}),
        AID: annotation(AID, {"type": "AID", "trigger": "sent", "quad": "material_cooperation",
                              "source": "Eastland"}),
    }  # fmt: skip
    monkeypatch.setattr(conflibert, "annotate", fake_annotate(fakes))
    report = conflibert.evaluate(DATA)
    held, fit = report.part("heldout"), report.part("fit")  # SHELLED is held out
    assert held["pentacode class accuracy"].value == 1.0
    assert held["main-event source exact span"].value == 1.0
    assert held["main-event target exact span"].value == 0.0  # "village" for "Southland village"
    assert held["main-event target overlap"].value == 1.0
    # fit: PACT (1) and WEATHER (0, no event: neutral) right; macro over the five classes
    assert fit["pentacode class accuracy"].to_dict()["value"] == 1.0
    assert fit["pentacode class macro-F1"].f1 == 0.4
    assert fit["main-event source exact span"].value == 1.0
    assert fit["main-event target exact span"].support == 1
    assert fit["main-event target overlap"].value == 0.0
    assert fit["baseline: first capitalised run, source overlap"].value == 1.0
    assert report.details["heldout"]["confusion"] == {"4 -> 4": 1}


def test_reducing_relations_is_verbal_conflict_as_in_the_pentaclass() -> None:
    from newsgraph.model import ActorRef, Event

    def coded(event_type: str, cameo: str, quad: str) -> int:
        nobody = ActorRef(None, None)
        event = Event("e1", event_type, None, cameo, quad, nobody, nobody, [])
        return conflibert.pentacode((event_type, event))

    assert coded("SANCTION", "16", "material_conflict") == 3  # sanctions, expulsions
    assert coded("PROTEST", "14", "material_conflict") == 4
    assert coded("COERCE", "17", "material_conflict") == 4


def test_an_event_coded_as_a_cameo_01_statement_is_neutral() -> None:
    from newsgraph.model import ActorRef, Event

    nobody = ActorRef(None, None)
    # "is considering sending aid": an intent a coder would score AGREE, but CAMEO 014
    considered = Event("e1", "AID", None, "014", "material_cooperation", nobody, nobody, [])
    considered.hypothetical = True
    assert conflibert.pentacode(("AGREE", considered)) == 0
    claimed = Event("e2", "ASSAULT", None, "015", "material_conflict", nobody, nobody, [])
    assert conflibert.pentacode(("ASSAULT", claimed)) == 0
    fought = Event("e3", "REJECT", None, "19", "material_conflict", nobody, nobody, [])
    assert conflibert.pentacode(("REJECT", fought)) == 4


@pytest.mark.slow
@pytest.mark.skipif(not (GOLD / conflibert.CLASS_FILE).exists(), reason="no ConfliBERT data")
def test_quality_floor_heldout() -> None:
    """Held-out figures measured with the full pipeline, minus 0.01 (README's quality table)."""
    rows = conflibert.evaluate(GOLD, split="heldout").part("heldout")
    assert rows["pentacode class accuracy"].value >= FLOORS["accuracy"]
    assert rows["main-event source exact span"].value >= FLOORS["source exact"]
    assert rows["main-event target exact span"].value >= FLOORS["target exact"]


# held out on 2026-12-04 (issue 13: a plain report is no accusation, declining to comment is no
# rejection; an appeal is CAMEO 02; CAMEO 16 is verbal conflict in the pentaclass): accuracy
# 0.720, source exact 0.676, target exact 0.321; then the whole argument phrase recorded and
# targets whom an act is aimed at (events/spans.py, docs/events.md): source exact 0.715, target
# exact 0.429; with the codebook lexicon entries (return, contribute, tariffs, borders, ties,
# human shields, "out of"; docs/events.md): accuracy 0.753, source exact 0.761, target exact
# 0.461; with the CAMEO 01 statement frames, hostile appeals, ceasefire violations and the
# codebook phrases of session 6 (events/cameo_codes.py, docs/events.md), 2026-12-05: accuracy
# 0.850, source exact 0.778, target exact 0.479; with the argument choice by error class of
# session 7 (parse repairs for doers, appeal addressees, recipients of things
# given or lifted; docs/events.md), 2026-12-05: source exact 0.780, target exact 0.501; floors
# measured - 0.01; session 7 trigger entries on top (docs/events.md): accuracy 0.858, source
# exact 0.784, target exact 0.508 (merged); floors measured - 0.01; a sentence that codes a
# statement takes its speaker as source and what it is about as target (the main statement,
# eval/statement_target.py) and an amount of aid announced is the aid (docs/events.md),
# 2026-12-05: accuracy 0.858, source exact 0.846, target exact 0.519; floors measured - 0.01;
# the learned target choice among the rules' candidates (events/target_choice.py, session 8):
# target exact 0.544, the rest unchanged (2026-12-05); ultimatums given, court findings and
# incursions (docs/events.md), 2026-12-05: accuracy 0.859; floors measured - 0.01; strikes,
# peacekeepers arriving, ended protests, repealed bans and counted objects (session 10,
# "plover10", docs/events.md), 2026-12-06: accuracy 0.868, source exact 0.856, target exact
# 0.546; a placed target's "in" place and relative clauses at any depth left out of the
# recorded phrase (events/spans.py, session 10, "cbtarget10"), 2026-12-06: target exact 0.560
# alone; both together 0.562 (2026-12-06); what a statement is about read from a clause its
# object holds and a purpose clause's beneficiary as the target of a thing sent (session 11,
# "cbtarget11", docs/events.md), 2026-12-06: target exact 0.573; with every session-11 merge
# (rams11, plover11, place11 too), 2026-12-06: accuracy 0.868, source exact 0.857, target exact
# 0.575; floors measured - 0.01; session 12 ("plover12", docs/events.md: increased forces, ended
# or removed restrictions, deadlines set, a cessation of hostilities, the charge left out of the
# accused's phrase), 2026-12-06: accuracy 0.8728, source exact 0.8593, target exact 0.5775;
# floors measured - 0.01; a state of emergency no actor, a heading killing's victims, a request's
# "for" content out of the phrase, a comment (012 / 013) coded about its topic (session 12,
# "cbtarget12", docs/events.md), 2026-12-06: target exact 0.5865; both together (lead, at the
# merge) 2026-12-06: accuracy 0.8728, source exact 0.8593, target exact 0.5888; floors measured
# - 0.01; session 13 ("plover13", docs/events.md: closed borders, burnt flags, acts received),
# 2026-12-06: accuracy 0.8743, source and target unchanged; ("probe13": a clause after casualty
# conjuncts is the act that killed) target exact 0.5910; floors measured - 0.01; session 14
# ("plover14", docs/events.md: refuge sought, a comment's occasion, a statement's appeal),
# 2026-12-06: accuracy 0.8802, source and target exact unchanged; floor measured - 0.01;
# session 15 ("target15", docs/events.md: an agentless participle out of a target's phrase, an
# "in" place hung on the verb in it, a statement's first addressee), 2026-12-06: target exact
# 0.5955; floor measured - 0.01; session 16 ("probeF", docs/events.md: an accusation is aimed
# at the accused, not a party in its charge), 2026-12-06: target exact 0.5978; floor measured
# - 0.01; session 18 ("target18", docs/events.md: a thing given, returned, lifted or mobilised
# gives way to the place it goes to), 2026-12-07: target exact 0.609; floor measured - 0.01
# session 19 ("plover19", codebook entries for easing sanctions, de-escalation, halted talks,
# mobilisation, disapproval, support; docs/events.md): accuracy 0.889, target exact 0.611;
# floors measured - 0.01; session 21 ("party21", docs/events.md: an attack's place after "in" is
# not its target), 2026-12-07: target exact 0.6157; floor measured - 0.01; session 22 (target22,
# events22, party22): source exact 0.8651, floor raised to measured - 0.01
# session 24 ("target24": the place a deployed force or a truce covers, docs/events.md),
# 2026-12-07: target exact 0.6202; floor measured - 0.01
# session 25 (partyO: the rules' addressee of an appeal kept): target exact 0.6225; floor
# measured - 0.01
FLOORS = {"accuracy": 0.879, "source exact": 0.855, "target exact": 0.612}


def test_a_sentence_that_codes_a_statement_takes_its_speaker_as_source() -> None:
    from newsgraph.eval.annotate import Annotation
    from newsgraph.model import ActorRef, Event, Span, Statement

    text = "The Northland ministry said it is skeptical the Southland plan would meet the deadline."
    ministry = Span.of(text, 0, 22)
    said = Span.of(text, 23, 27)
    plan = Span.of(text, 44, 62)
    statement = Statement("s1", ActorRef("a1", ministry), said, "say", [], "indirect", "claim")
    alone = Annotation(text, statements=[statement])
    assert conflibert.main_statement(alone) is statement
    assert conflibert.role_span(None, statement, "source") == ministry
    assert conflibert.role_span(None, statement, "target") is None
    assert conflibert.role_span(None, statement, "target", plan) == plan  # what it is about

    def event(cameo: str, source: Span) -> tuple[str, Event]:
        made = Event("e1", "AGREE", None, cameo, "verbal_cooperation",
                     ActorRef(None, source), ActorRef(None, None), [])  # fmt: skip
        return "AGREE", made

    # a comment about another's act (CAMEO 012) is the speaker's; a coded act keeps its source
    assert conflibert.role_span(event("012", plan), statement, "source") == ministry
    assert conflibert.role_span(event("04", plan), statement, "source") == plan
    # the same actor named by a part of the speaker's phrase stays as the event names it
    northland = Span.of(text, 4, 13)
    assert conflibert.role_span(event("015", northland), statement, "source") == northland
    unspoken = Statement("s2", ActorRef(None, None), said, "say", [], "indirect", "claim")
    assert conflibert.main_statement(Annotation(text, statements=[unspoken])) is None


def test_a_comment_on_an_act_is_coded_about_its_topic() -> None:
    from newsgraph.model import ActorRef, Event, Span, Statement

    text = "Westland said it is skeptical about Northland motives in sending aid to Eastland."
    said = Span.of(text, 9, 13)
    motives = Span.of(text, 36, 53)
    eastland = Span.of(text, 72, 80)
    statement = Statement("s1", ActorRef(None, Span.of(text, 0, 8)), said, "say", [],
                          "indirect", "claim")  # fmt: skip

    def aid(cameo: str) -> tuple[str, Event]:
        return "AID", Event("e1", "AID", None, cameo, "material_cooperation",
                            ActorRef(None, None), ActorRef(None, eastland), [])  # fmt: skip

    # a pessimistic (012) or optimistic (013) comment is about what it weighs
    assert conflibert.role_span(aid("012"), statement, "target", motives) == motives
    assert conflibert.role_span(aid("013"), statement, "target", motives) == motives
    # an act reported as such, or a claim of responsibility (015), keeps the act's target
    assert conflibert.role_span(aid("07"), statement, "target", motives) == eastland
    assert conflibert.role_span(aid("015"), statement, "target", motives) == eastland
    assert conflibert.role_span(aid("012"), statement, "target") == eastland  # no topic read


@pytest.mark.parametrize(
    ("text", "cue", "about"),
    [
        ("The Northland envoy expressed condolences to the Southland government over the floods.",
         "expressed", "the Southland government"),
        ("Eastland said it is skeptical of a Westland announcement that it had opened the border.",
         "said", "a Westland announcement"),
        ("Westland officials said they hoped the Northland council would reopen the school.",
         "said", "the Northland council"),
        ("Northland experts expressed hopes the Southland council will reopen the port.",
         "expressed", "the Southland council"),
        ("The Northland envoy issued a statement calling on the Southland council to act.",
         "issued", "the Southland council"),
        ("The Northland envoy expressed condolences to the people and the government of Westland.",
         "expressed", "the people"),
        # two conjuncts that make one name are one addressee
        ("The Westland envoy expressed condolences to Bosnia and Herzegovina over the floods.",
         "expressed", "Bosnia and Herzegovina"),
        ("Westland officials voiced concern about talks between Northland and Eastland.",
         "voiced", "talks between Northland and Eastland"),
        ("The Northland envoy expressed condolences on Saturday.", "expressed", None),
        ("The Northland envoy declined to comment on behalf of the ministry.", "declined", None),
    ],
)  # fmt: skip
def test_what_a_statement_is_about(nlp: Any, text: str, cue: str, about: str | None) -> None:
    from newsgraph.eval.statement_target import statement_target
    from newsgraph.model import ActorRef, Span, Statement

    start = text.index(cue)
    speaker = ActorRef(None, Span.of(text, 0, 3))
    statement = Statement("s1", speaker, Span.of(text, start, start + len(cue)), cue, [],
                          "indirect", "claim")  # fmt: skip
    found = statement_target(nlp(text), statement)
    assert (text[found[0] : found[1]] if found else None) == about
