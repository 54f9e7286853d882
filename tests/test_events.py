"""The newsgraph_events component: PLOVER events with roles, magnitude, flags and provenance.

Most tests run the bare spaCy model and set the upstream extensions (actor mentions, places,
times, statements) by hand, so the linking logic is tested on its own; the seed test runs the
whole pipeline. Every article here is written for these tests.
"""

from __future__ import annotations

from typing import Any

import pytest
from spacy.language import Language
from spacy.tokens import Doc

from newsgraph.eval.base import shared_eval_dir
from newsgraph.extract.event_lexicon import load_lexicon
from newsgraph.extract.event_magnitude import read_quantity
from newsgraph.extract.events import extract_events, main_events
from newsgraph.model import ActorMention, ActorRef, Event, Span, Statement, Time
from newsgraph.nlp import load_spacy_model

SEED = str(shared_eval_dir().parent / "seed" / "almayadeen-2024-07-29.txt")


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_spacy_model()


def _summary(event: Event) -> tuple[Any, ...]:
    """(type, mode, source span, target span, magnitude minimums, negated, hypothetical)."""
    return (
        event.type,
        event.mode,
        event.source.span.text if event.source.span else None,
        event.target.span.text if event.target.span else None,
        {k: v["min"] for k, v in event.magnitude.items()},
        event.negated,
        event.hypothetical,
    )


def _events(nlp: Language, text: str) -> list[Event]:
    return extract_events(nlp(text))


ARTICLES = [
    # airstrike with casualties; passive; nominal event; merged repeat (evidence accumulates)
    (
        "At least 12 people were killed by an Israeli airstrike on Khan Younis on Monday. "
        "The Israeli strike on Khan Younis also wounded dozens of civilians.",
        [("ASSAULT", "aerial", "Israeli", "Khan Younis", {"killed": 12, "injured": 24},
          False, False)],
    ),
    # shelling with a casualty clause folded into it
    (
        "Russian forces shelled the city of Kharkiv overnight, killing three civilians, "
        "regional officials said.",
        [("ASSAULT", "shelling", "Russian forces", "the city of Kharkiv", {"killed": 3},
          False, False)],
    ),
    # arrest with a vague lower bound
    (
        "Police arrested more than 100 protesters in Tbilisi on Saturday.",
        [("COERCE", "arrest", "Police", "more than 100 protesters", {"arrested": 100},
          False, False)],
    ),
    # protest
    (
        "Thousands of students demonstrated against the government in Dhaka.",
        [("PROTEST", "demonstrate", "Thousands of students", "the government", {}, False, False)],
    ),
    # sanctions (support verb + event noun)
    (
        "The European Union imposed new sanctions on Iran on Tuesday.",
        [("SANCTION", None, "The European Union", "Iran", {}, False, False)],
    ),
    # aid delivery
    (
        "The World Food Programme delivered food aid to displaced families in Darfur.",
        [("AID", "humanitarian", "The World Food Programme", "displaced families", {},
          False, False)],
    ),
    # ceasefire agreement: coordination of a reciprocal verb gives source and target
    (
        "Israel and Hamas agreed to a ceasefire on Sunday.",
        [("AGREE", None, "Israel", "Hamas", {}, False, False)],
    ),
    # talks
    (
        "The UN Secretary-General met with the Qatari prime minister in Doha.",
        [("CONSULT", "meet", "The UN Secretary-General", "the Qatari prime minister", {},
          False, False)],
    ),
    # negated
    (
        "The army did not strike the village.",
        [("ASSAULT", None, "The army", "the village", {}, True, False)],
    ),
    # denial of an attack: the denial is an event, the attack is negated
    (
        "Hezbollah denied attacking the base.",
        [("REJECT", "deny", "Hezbollah", None, {}, False, False),
         ("ASSAULT", None, "Hezbollah", "the base", {}, True, False)],
    ),
    # conditional
    (
        "Iran will retaliate if Israel attacks its nuclear sites.",
        [("ASSAULT", None, "Israel", "its nuclear sites", {}, False, True)],
    ),
    # coordination of unresolved actors keeps one span
    (
        "Hezbollah and Hamas attacked Israeli positions.",
        [("ASSAULT", None, "Hezbollah and Hamas", "Israeli positions", {}, False, False)],
    ),
    # possessive nominal event with a casualty verb
    (
        "Hezbollah's rocket fire on Kiryat Shmona injured two soldiers.",
        [("ASSAULT", "missile", "Hezbollah's", "Kiryat Shmona", {"injured": 2}, False, False)],
    ),
    # passive casualties with the attack in a when-clause
    (
        "Two soldiers were wounded when Hezbollah fired rockets at Kiryat Shmona.",
        [("ASSAULT", "missile", "Hezbollah", "Kiryat Shmona", {"injured": 2}, False, False)],
    ),
    # a reported obligation is a demand on its subject
    (
        "Sudan's army said the Rapid Support Forces must withdraw from Khartoum.",
        [("REQUEST", "demand", "Sudan's army", "the Rapid Support Forces", {}, False, False)],
    ),
    # coordinated verbs share the subject
    (
        "The rebels released 20 hostages and withdrew from the town.",
        [("RETREAT", "release", "The rebels", "20 hostages", {}, False, False),
         ("RETREAT", "withdraw", "The rebels", "the town", {}, False, False)],
    ),
    # a range
    (
        "Between 10 and 15 people died in the explosion in Aden.",
        [("ASSAULT", "explosives", None, "Between 10 and 15 people", {"killed": 10},
          False, False)],
    ),
    # threat folds the threatened act in and takes its target
    (
        "The defence minister threatened a strike on Beirut.",
        [("THREATEN", "violence", "The defence minister", "Beirut", {}, False, False)],
    ),
    # a verb the parser read as an adjective is still an act, negated under "denied"
    (
        "The RSF denied attacking civilians.",
        [("REJECT", "deny", "The RSF", "civilians", {}, False, False),
         ("ASSAULT", None, "The RSF", "civilians", {}, True, False)],
    ),
    # withdrawing peacekeepers reduces relations; in the future it is hypothetical
    (
        "The UN will withdraw its peacekeepers from the border zone.",
        [("SANCTION", "discontinue", "The UN", "its peacekeepers", {}, False, True)],
    ),
    # support verb + event noun in a prepositional phrase
    (
        "Syrian rebels engaged Filipino peacekeepers in a firefight near the border.",
        [("ASSAULT", None, "Syrian rebels", "Filipino peacekeepers", {}, False, False)],
    ),
    # "will have no tanks left": a hypothetical loss of the subject's forces
    (
        "The occupation army will have no tanks left in case of war.",
        [("ASSAULT", None, None, "The occupation army", {}, False, True)],
    ),
]


@pytest.mark.parametrize(("text", "expected"), ARTICLES, ids=[a[0][:40] for a in ARTICLES])
def test_events_of_short_articles(nlp: Language, text: str, expected: list[tuple]) -> None:
    assert [_summary(e) for e in _events(nlp, text)] == expected


def test_cameo_and_quad_come_from_the_ontology(nlp: Language) -> None:
    (event,) = _events(nlp, "Police arrested 40 demonstrators in Minsk.")
    assert (event.type, event.cameo, event.quad) == ("COERCE", "17", "material_conflict")


def test_magnitude_keeps_text_and_bounds(nlp: Language) -> None:
    (event,) = _events(nlp, "Between 10 and 15 people died in the explosion in Aden.")
    assert event.magnitude == {"killed": {"text": "Between 10 and 15", "min": 10, "max": 15}}


@pytest.mark.parametrize(
    ("text", "reading"),
    [
        ("at least 12", {"min": 12, "max": None}),
        ("more than 100", {"min": 100, "max": None}),
        ("dozens", {"min": 24, "max": None}),
        ("two hundred", {"min": 200, "max": None}),
        ("twenty-three", {"min": 23, "max": None}),
        ("1,500", {"min": 1500, "max": None}),
        ("10 to 15", {"min": 10, "max": 15}),
        ("up to 16", {"min": None, "max": 16}),
        ("several", {"min": 3, "max": None}),
    ],
)
def test_read_quantity(text: str, reading: dict[str, Any]) -> None:
    assert read_quantity(text, load_lexicon().magnitude) == {"text": text, **reading}


def test_read_quantity_without_a_number() -> None:
    assert read_quantity("the wounded", load_lexicon().magnitude) is None


def test_ids_in_text_order(nlp: Language) -> None:
    events = _events(
        nlp, "Police arrested ten students. Later, the students protested against the police."
    )
    assert [(e.id, e.type) for e in events] == [("e1", "COERCE"), ("e2", "PROTEST")]


def test_no_events_and_no_crash_on_odd_text(nlp: Language) -> None:
    for text in ("", " ", "...", "The weather was mild on Tuesday.", "\n\n\"\"\n"):
        assert extract_events(nlp(text)) == []


# ---- linking to what other components wrote (set by hand) ---------------------------------


def _doc(nlp: Language, text: str) -> Doc:
    return nlp(text)


def _mention(text: str, phrase: str, actor: str | None, nth: int = 0) -> ActorMention:
    start = -1
    for _ in range(nth + 1):
        start = text.index(phrase, start + 1)
    return ActorMention(start, start + len(phrase), phrase, actor, "KB")


def test_actors_come_from_actor_mentions(nlp: Language) -> None:
    text = "The occupation army shelled Rafah on Monday."
    doc = _doc(nlp, text)
    doc._.ng_actor_mentions = [_mention(text, "The occupation army", "israel")]
    (event,) = extract_events(doc)
    assert event.source.actor == "israel"
    # the side's wording stays the evidence span, never the actor's name
    assert event.source.span == Span.of(text, 0, len("The occupation army"))
    assert event.target.actor is None and event.target.span.text == "Rafah"


def test_coordinated_known_actors_split_into_events(nlp: Language) -> None:
    text = "Hezbollah and Hamas attacked Israeli positions."
    doc = _doc(nlp, text)
    doc._.ng_actor_mentions = [
        _mention(text, "Hezbollah", "hezbollah"),
        _mention(text, "Hamas", "hamas"),
    ]
    events = extract_events(doc)
    assert [(e.id, e.type, e.source.actor) for e in events] == [
        ("e1", "ASSAULT", "hezbollah"),
        ("e2", "ASSAULT", "hamas"),
    ]


def test_place_and_time_from_the_clause(nlp: Language) -> None:
    text = "Israeli jets struck a house in Rafah on Monday. Talks resumed in Cairo."
    doc = _doc(nlp, text)
    rafah, cairo = text.index("Rafah"), text.index("Cairo")
    monday = text.index("Monday")
    doc._.ng_place_mentions = [
        (rafah, rafah + 5, "geonames:281102"),
        (cairo, cairo + 5, "geonames:360630"),
    ]
    doc._.ng_times = [Time("t1", Span.of(text, monday, monday + 6), "2024-07-29", "day")]
    events = extract_events(doc)
    assert [(e.type, e.place, e.time) for e in events] == [
        ("ASSAULT", "geonames:281102", "t1")
    ]


def _statement(text: str, sid: str, speaker: str, actor: str, cue: str, content: str,
               act: str, disputes: str | None = None) -> Statement:
    s_start = text.index(speaker)
    c_start = text.index(cue)
    b_start = text.index(content)
    return Statement(
        id=sid,
        speaker=ActorRef(actor, Span.of(text, s_start, s_start + len(speaker))),
        cue=Span.of(text, c_start, c_start + len(cue)),
        cue_lemma=cue,
        content=[Span.of(text, b_start, b_start + len(content))],
        kind="direct",
        act=act,
        disputes=disputes,
    )


SPEECH_TEXT = (
    '"The Houthis fired a missile at the port," the minister said. '
    "The Houthis rejected the claim."
)


def test_attribution_dispute_and_speech_events(nlp: Language) -> None:
    text = SPEECH_TEXT
    doc = _doc(nlp, text)
    doc._.ng_actor_mentions = [
        _mention(text, "The Houthis", "houthis"),
        _mention(text, "the minister", "minister-x"),
        _mention(text, "The Houthis", "houthis", nth=1),
    ]
    doc._.ng_statements = [
        _statement(text, "s1", "the minister", "minister-x", "said",
                   "The Houthis fired a missile at the port", "accusation"),
        _statement(text, "s2", "The Houthis rejected", "houthis", "rejected", "the claim",
                   "denial", disputes="s1"),
    ]
    events = extract_events(doc)
    summary = [
        (e.id, e.type, e.source.actor, e.target.actor, e.attributed_to, e.disputed)
        for e in events
    ]
    assert summary == [
        # the outlet does not assert the strike: the minister says it, and it is disputed
        ("e1", "ASSAULT", "houthis", None, "s1", True),
        # the accusation itself is a verbal event of the speaker against the accused
        ("e2", "ACCUSE", "minister-x", "houthis", None, False),
        # the denial targets the accuser
        ("e3", "REJECT", "houthis", "minister-x", None, False),
    ]


def test_without_statements_the_outlet_asserts(nlp: Language) -> None:
    events = extract_events(_doc(nlp, SPEECH_TEXT))
    assert [(e.type, e.attributed_to, e.disputed) for e in events] == [
        ("ASSAULT", None, False),
        ("REJECT", None, False),
    ]


def test_main_events_drop_background_mentions(nlp: Language) -> None:
    doc = _doc(nlp, "Authorities imposed a curfew in Cizre after a protest against the mayor.")
    events = extract_events(doc)
    assert [e.type for e in events] == ["COERCE", "PROTEST"]
    assert [e.type for e in main_events(doc, events)] == ["COERCE"]


# ---- the whole pipeline on the seed article ---------------------------------------------------


@pytest.fixture(scope="module")
def seed_doc() -> Doc:
    import pathlib

    from newsgraph.model import Article
    from newsgraph.nlp import get_pipeline
    from newsgraph.read import read_inputs

    path = pathlib.Path(SEED)
    if not path.exists():
        pytest.skip("seed article not available")
    article = next(iter(read_inputs([str(path)])))
    assert isinstance(article, Article)
    nlp = get_pipeline()
    doc = nlp.make_doc(article.text)
    doc._.ng_article = article
    for _, proc in nlp.pipeline:
        doc = proc(doc)
    return doc


def _find(events: list[Event], **want: Any) -> list[Event]:
    def ok(e: Event) -> bool:
        return all(
            (e.source.actor if k == "source" else e.target.actor if k == "target"
             else getattr(e, k)) == v
            for k, v in want.items()
        )

    return [e for e in events if ok(e)]


@pytest.mark.slow
def test_seed_article_events(seed_doc: Doc) -> None:
    events = seed_doc._.ng_events
    text = seed_doc.text
    rafah = [e for e in _find(events, type="ASSAULT", source="al-qassam-brigades",
                              attributed_to=None)
             if e.target.span and "armored vehicles" in e.target.span.text]
    assert rafah and rafah[0].place is not None
    assert any(
        e.place and text[next(p for p in seed_doc._.ng_place_mentions if p[2] == e.place)[0]:]
        .startswith("Rafah") for e in rafah
    )
    since = _find(events, type="ASSAULT", source="hezbollah")
    assert any(e.target.span and "armored vehicles" in e.target.span.text and e.time
               and next(t for t in seed_doc._.ng_times if t.id == e.time).value == "2023-10-08"
               for e in since)
    assert _find(events, type="THREATEN", source="benjamin-netanyahu", target="lebanon")
    (accusation,) = _find(events, type="ACCUSE", source="benjamin-netanyahu", target="hezbollah")
    places = {place.id: place.name for place in seed_doc._.ng_places}
    times = {time.id: time.value for time in seed_doc._.ng_times}
    assert places[accusation.place] == "Majdal Shams"
    assert times[accusation.time] == "2024-07-29"
    (rocket,) = [e for e in _find(events, type="ASSAULT", source="hezbollah")
                 if "killed" in e.magnitude]
    assert rocket.magnitude["killed"]["min"] == 12
    assert rocket.attributed_to is not None and rocket.disputed
    assert places[rocket.place] == "Majdal Shams"  # "launched an Iranian rocket here"
    speaker = next(s for s in seed_doc._.ng_statements if s.id == rocket.attributed_to)
    assert speaker.speaker.actor == "benjamin-netanyahu"
    assert _find(events, type="REJECT", source="hezbollah")
    tanks = [e for e in events if any(s.text == "have" for s in e.evidence)]
    assert tanks and tanks[0].hypothetical and tanks[0].attributed_to is not None
