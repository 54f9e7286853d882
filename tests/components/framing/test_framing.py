"""newsgraph_framing: loaded terms from every side, and who used each one.

Most tests run the component on a tokenised doc (no parse needed) with ``doc._.ng_statements`` set
by hand, so speaker attribution is tested independently of the quotes component. The short
articles below are written for these tests in the style of the seed corpus.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.language import Language

import newsgraph.components.actors.component
import newsgraph.components.quotes.component
from newsgraph.components.framing.component import (
    OUTLET,
    QUOTED,
    UNATTRIBUTED,
    FramingComponent,
    LexiconError,
    load_lexicon,
    neutral_alternative,
    quoted_regions,
)
from newsgraph.model import ActorRef, Span, Statement

SEED = Path(__file__).resolve().parents[4] / "shared" / "seed" / "almayadeen-2024-07-29.txt"

CATEGORIES = {
    "dehumanising",
    "delegitimising",
    "euphemism",
    "glorifying",
    "victimising",
    "emotive",
    "side-label",
    "accusatory",
}


def seed_body() -> str:
    lines = SEED.read_text(encoding="utf-8").splitlines()
    return "\n".join(lines[2:])


def statement(
    text: str,
    content: str,
    actor: str | None,
    kind: str = "direct",
    sid: str = "s1",
) -> Statement:
    start = text.index(content)
    return Statement(
        id=sid,
        speaker=ActorRef(actor, None),
        cue=None,
        cue_lemma=None,
        content=[Span.of(text, start, start + len(content))],
        kind=kind,
        act="claim",
    )


def frame(
    nlp: Language,
    framing: FramingComponent,
    text: str,
    statements: list[Statement] | None = None,
) -> list[tuple[str, str, str, str]]:
    doc = nlp.make_doc(text)
    doc._.ng_statements = statements
    framing(doc)
    for item in doc._.ng_framing:
        assert text[item.span.start : item.span.end] == item.span.text
    return [(f.span.text, f.term, f.category, f.speaker) for f in doc._.ng_framing]


# --------------------------------------------------------------------------- the seed article

SEED_FRAMING_OUTLET_VOICE = [
    ("Resistance", "Resistance", "side-label", OUTLET),
    ("Islamic Resistance Movement", "Islamic Resistance", "side-label", OUTLET),
    ("Islamic Resistance in Lebanon", "Islamic Resistance", "side-label", OUTLET),
    ("Resistance faction", "Resistance", "side-label", OUTLET),
    ("Resistance fighters", "Resistance", "side-label", OUTLET),
    ("aggression", "aggression", "delegitimising", OUTLET),
    ("Islamic Resistance", "Islamic Resistance", "side-label", OUTLET),
    ("occupation", "occupation", "delegitimising", OUTLET),
    ("Resistance", "Resistance", "side-label", OUTLET),
    ("occupied", "occupied", "side-label", OUTLET),
    ("massacre", "massacre", "emotive", OUTLET),
    ("occupied", "occupied", "side-label", OUTLET),
    ("pure souls", "pure souls", "victimising", "SPEAKER"),
    ("massacre", "massacre", "emotive", OUTLET),
    ("weaponizing", "weaponizing", "accusatory", OUTLET),
    ("Resistance", "Resistance", "side-label", OUTLET),
]


def seed_expected(pure_souls_speaker: str) -> list[tuple[str, str, str, str]]:
    return [
        (t, term, cat, pure_souls_speaker if speaker == "SPEAKER" else speaker)
        for t, term, cat, speaker in SEED_FRAMING_OUTLET_VOICE
    ]


NETANYAHU_QUOTE = (
    '"Hezbollah, with Iranian backing, launched an Iranian rocket here, which took the lives of '
    '12 pure souls,"'
)


def test_seed_terms_without_statements_mark_the_quote_as_quoted(nlp, framing) -> None:
    assert frame(nlp, framing, seed_body()) == seed_expected(QUOTED)


def test_seed_terms_with_hand_set_statements(nlp, framing) -> None:
    text = seed_body()
    statements = [
        statement(text, NETANYAHU_QUOTE, "benjamin-netanyahu", "direct", "s1"),
        # the outlet's paraphrase of the accusation: its wording stays the outlet's
        statement(
            text,
            "Hezbollah of committing a massacre in the occupied village",
            "benjamin-netanyahu",
            "indirect",
            "s2",
        ),
        statement(
            text,
            'Israeli occupation will "have no tanks left" in case of war on Lebanon',
            "hassan-nasrallah",
            "mixed",
            "s3",
        ),
    ]
    assert frame(nlp, framing, text, statements) == seed_expected("benjamin-netanyahu")


def test_seed_offsets_point_at_each_occurrence(nlp, framing) -> None:
    text = seed_body()
    doc = nlp.make_doc(text)
    framing(doc)
    massacres = [f.span.start for f in doc._.ng_framing if f.term == "massacre"]
    first = text.index("massacre")
    assert massacres == [first, text.index("massacre", first + 1)]
    occupied = [f for f in doc._.ng_framing if f.term == "occupied"]
    assert [text[f.span.end : f.span.end + 15] for f in occupied] == [
        " Syrian Golan, ",
        ' village.\n"Hezb',
    ]


def _pipeline_components_landed() -> bool:
    stubs = (newsgraph.components.quotes.component, newsgraph.components.actors.component)
    return not any((module.__doc__ or "").startswith("STUB") for module in stubs)


@pytest.mark.slow
@pytest.mark.skipif(
    not _pipeline_components_landed(), reason="actors/quotes components are still stubs"
)
def test_seed_full_pipeline_attributes_pure_souls_to_netanyahu() -> None:
    from newsgraph.pipeline import annotate_text

    record = annotate_text(seed_body(), published="2024-07-29", outlet="Al Mayadeen English")
    found = [(f["span"]["text"], f["term"], f["category"], f["speaker"]) for f in record["framing"]]
    assert found == seed_expected("benjamin-netanyahu")


# --------------------------------------------------------------------------- every side

ISRAELI_OUTLET = (
    "Troops neutralized three terrorists who opened fire at an army post near Jenin on Tuesday, "
    "the military said.\n"
    "The Hamas terror group praised the attack.\n"
    '"We will not let terror organizations that hide behind human shields dictate our lives," '
    "Defense Minister Yoav Gallant said."
)

UKRAINIAN_OUTLET = (
    "The orcs shelled Kherson again overnight, killing two civilians, the regional military "
    "administration said.\n"
    "Rashists also struck a bus stop in Nikopol on Sunday.\n"
    "Ukrainian forces liberated the village of Robotyne last week."
)

RUSSIAN_OUTLET = (
    "The Kyiv regime shelled Donetsk on Monday, killing three civilians, the city's mayor said.\n"
    "Russian forces liberated the settlement of Krasnohorivka in the course of the special "
    "military operation.\n"
    "\u201cThe neo-Nazis are trying to intimidate people,\u201d Maria Zakharova said."
)

PALESTINIAN_OUTLET = (
    "Three martyrs were killed on Tuesday when occupation forces stormed the Jenin camp.\n"
    "The Resistance fighters confronted the Zionist entity's troops for hours."
)


def test_israeli_outlet_terms(nlp, framing) -> None:
    assert frame(nlp, framing, ISRAELI_OUTLET) == [
        ("neutralized", "neutralized", "euphemism", OUTLET),
        ("terrorists", "terrorists", "delegitimising", OUTLET),
        ("terror group", "terror army", "delegitimising", OUTLET),
        ("terror organizations", "terror army", "delegitimising", QUOTED),
        ("human shields", "human shields", "accusatory", QUOTED),
    ]


def test_ukrainian_outlet_terms(nlp, framing) -> None:
    assert frame(nlp, framing, UKRAINIAN_OUTLET) == [
        ("orcs", "orcs", "dehumanising", OUTLET),
        ("Rashists", "rashists", "dehumanising", OUTLET),
        ("liberated", "liberated", "glorifying", OUTLET),
    ]


def test_russian_outlet_terms(nlp, framing) -> None:
    assert frame(nlp, framing, RUSSIAN_OUTLET) == [
        ("Kyiv regime", "Kyiv regime", "delegitimising", OUTLET),
        ("liberated", "liberated", "glorifying", OUTLET),
        ("special military operation", "special military operation", "euphemism", OUTLET),
        ("neo-Nazis", "Nazis", "delegitimising", QUOTED),
    ]


def test_palestinian_outlet_terms(nlp, framing) -> None:
    assert frame(nlp, framing, PALESTINIAN_OUTLET) == [
        ("martyrs", "martyr", "glorifying", OUTLET),
        ("occupation forces", "occupation", "delegitimising", OUTLET),
        ("Resistance fighters", "Resistance", "side-label", OUTLET),
        ("Zionist entity", "Zionist entity", "delegitimising", OUTLET),
    ]


def test_both_sides_of_one_war_are_flagged_alike(nlp, framing) -> None:
    """The same word from opposite camps gets the same term and category."""
    ukrainian = {f[1]: f[2] for f in frame(nlp, framing, UKRAINIAN_OUTLET)}
    russian = {f[1]: f[2] for f in frame(nlp, framing, RUSSIAN_OUTLET)}
    assert ukrainian["liberated"] == russian["liberated"] == "glorifying"
    israeli = frame(nlp, framing, ISRAELI_OUTLET)
    palestinian = frame(nlp, framing, PALESTINIAN_OUTLET)
    assert {f[2] for f in israeli} & {f[2] for f in palestinian} == {"delegitimising"}


# each camp's word for the other, both in the lexicon: the lexicon is symmetric by construction
OPPOSING_PAIRS = [
    (("martyr", "palestinian"), ("terrorists", "israeli")),
    (("Zionist entity", "axis-of-resistance"), ("terror army", "israeli")),
    (("occupation", "palestinian"), ("Judea and Samaria", "israeli")),
    (("Kyiv regime", "russian"), ("orcs", "ukrainian")),
    (("special military operation", "russian"), ("unprovoked invasion", "ukrainian")),
    (("Nazis", "russian"), ("rashists", "ukrainian")),
    (("Janjaweed", "saf"), ("Kizan", "rsf")),
    (("Ansar Allah", "houthi"), ("Houthi militia", "yemeni-government")),
    (("American-British aggression", "houthi"), ("Iranian proxies", "western")),
    (("armed terrorist groups", "syrian-government"), ("Assad regime", "syrian-opposition")),
    (("anti-national", "indian-government"), ("vote chori", "indian-opposition")),
    (("Pakistan-occupied Kashmir", "indian-government"), ("Azad Kashmir", "pakistani")),
    (
        ("Pakistan-occupied Kashmir", "indian-government"),
        ("Indian Illegally Occupied Jammu and Kashmir", "pakistani"),
    ),
]


def test_each_sides_name_for_kashmir_is_flagged_as_a_side_label(nlp, framing) -> None:
    text = (
        "Missiles hit Azad Jammu and Kashmir and Pakistan-occupied Kashmir, martyring 26, "
        "while IIOJK stayed under curfew after unprovoked firing."
    )
    found = {f[1]: f[2] for f in frame(nlp, framing, text)}
    assert found == {
        "Azad Kashmir": "side-label",
        "Pakistan-occupied Kashmir": "side-label",
        "Indian Illegally Occupied Jammu and Kashmir": "side-label",
        "martyr": "glorifying",
        "unprovoked": "accusatory",
    }


@pytest.mark.parametrize(("one", "other"), OPPOSING_PAIRS)
def test_lexicon_holds_both_camps_words(one, other) -> None:
    by_term = {entry.term: entry for entry in load_lexicon()}
    for term, side in (one, other):
        assert side in by_term[term].sides, term
        assert by_term[term].neutral


# --------------------------------------------------------------------------- false positives


@pytest.mark.parametrize(
    "text",
    [
        "Doctors warned of growing antibiotic resistance in field hospitals.",
        "There was strong resistance to the plan in parliament.",
        "Resistance to the reform grew among farmers.",
        "The minister was occupied with the budget all week.",
        "The Palestine Liberation Organization met in Ramallah.",
        "The counter-terrorism unit and the anti-terrorist operation headquarters met.",
        "Historians discussed Nazi Germany and the Holocaust.",
        "Forty sheep and other animals died in the flood.",
        "Kyiv said the talks would resume in Istanbul.",
    ],
)
def test_ordinary_wording_is_not_flagged(nlp, framing, text) -> None:
    assert frame(nlp, framing, text) == []


def test_capitalised_and_phrasal_resistance_is_flagged(nlp, framing) -> None:
    text = "The Resistance said resistance fighters and the resistance movement held the line."
    assert [f[0] for f in frame(nlp, framing, text)] == [
        "Resistance",
        "resistance fighters",
        "resistance movement",
    ]


def test_longest_form_wins_and_falls_back_when_case_does_not_fit(nlp, framing) -> None:
    assert frame(nlp, framing, "Israeli Occupation Forces raided the town.") == [
        ("Israeli Occupation Forces", "Israeli Occupation Forces", "delegitimising", OUTLET)
    ]
    # "ISRAELI OCCUPATION FORCES" is not one of the cased forms: the shorter form still matches
    assert frame(nlp, framing, "ISRAELI OCCUPATION FORCES raided the town.") == [
        ("OCCUPATION FORCES", "occupation", "delegitimising", OUTLET)
    ]


def test_curly_apostrophe_forms_match(nlp, framing) -> None:
    assert frame(nlp, framing, "Putin\u2019s regime and Putin's regime") == [
        ("Putin\u2019s regime", "terrorist regime", "delegitimising", OUTLET),
        ("Putin's regime", "terrorist regime", "delegitimising", OUTLET),
    ]


# --------------------------------------------------------------------------- who said it


def test_direct_statement_speaker_owns_its_words(nlp, framing) -> None:
    text = 'The army said: "The terrorists were neutralized," adding that the area was secure.'
    stmt = statement(text, '"The terrorists were neutralized,"', "idf")
    assert [f[3] for f in frame(nlp, framing, text, [stmt])] == ["idf", "idf"]


def test_unresolved_speaker_is_unattributed(nlp, framing) -> None:
    text = 'A commander said the "orcs" fled.'
    stmt = statement(text, 'the "orcs" fled', None, kind="mixed")
    assert frame(nlp, framing, text, [stmt]) == [("orcs", "orcs", "dehumanising", UNATTRIBUTED)]


def test_mixed_statement_splits_outlet_and_speaker_wording(nlp, framing) -> None:
    text = 'Nasrallah said the occupation would face "a crushing blow" if it attacked.'
    stmt = statement(
        text, 'the occupation would face "a crushing blow" if it attacked', "x", kind="mixed"
    )
    assert frame(nlp, framing, text, [stmt]) == [
        ("occupation", "occupation", "delegitimising", OUTLET),
        ("crushing blow", "crushing blow", "glorifying", "x"),
    ]


def test_direct_statement_without_quote_marks_is_the_speakers(nlp, framing) -> None:
    text = "Zelensky: the rashists will answer for this."
    stmt = statement(text, "the rashists will answer for this.", "volodymyr-zelensky")
    assert frame(nlp, framing, text, [stmt])[0][3] == "volodymyr-zelensky"


def test_split_quote_pieces_both_belong_to_the_speaker(nlp, framing) -> None:
    text = '"The Kyiv regime," Zakharova said, "is run by neo-Nazis."'
    first = '"The Kyiv regime,"'
    second = '"is run by neo-Nazis."'
    stmt = Statement(
        id="s1",
        speaker=ActorRef("maria-zakharova", None),
        cue=None,
        cue_lemma=None,
        content=[
            Span.of(text, text.index(first), text.index(first) + len(first)),
            Span.of(text, text.index(second), text.index(second) + len(second)),
        ],
        kind="direct",
        act="accusation",
    )
    assert [f[3] for f in frame(nlp, framing, text, [stmt])] == ["maria-zakharova"] * 2


@pytest.mark.parametrize(
    ("text", "quoted_word"),
    [
        ("He called it \u201ca massacre\u201d on Monday.", "massacre"),
        ("He called it \u00aba massacre\u00bb on Monday.", "massacre"),
        ("He called it \u2018a massacre\u2019 on Monday.", "massacre"),
        ("He called it 'a massacre' on Monday.", "massacre"),
        ("\"We're facing the orcs' last push.", "orcs"),  # unclosed: runs to the line's end
    ],
)
def test_quote_styles_mark_words_as_quoted(nlp, framing, text, quoted_word) -> None:
    found = frame(nlp, framing, text)
    assert [(f[0], f[3]) for f in found] == [(quoted_word, QUOTED)]


def test_apostrophes_are_not_quotes() -> None:
    text = "Hamas' military wing and Gallant's remarks, the army's 'final' word."
    assert quoted_regions(text) == [(text.index("'final'"), text.index("'final'") + 7)]


def test_quotes_do_not_run_past_a_paragraph() -> None:
    text = '"First paragraph of a long quote\n"Second paragraph ends here." Then the outlet.'
    first_end = text.index("\n")
    second = text.index('"Second')
    assert quoted_regions(text) == [(0, first_end), (second, text.index(" Then"))]


# --------------------------------------------------------------------------- the lexicon


def test_lexicon_size_and_fields() -> None:
    lexicon = load_lexicon()
    assert len(lexicon) >= 150
    for entry in lexicon:
        assert entry.category in CATEGORIES, entry.term
        assert entry.sides and entry.neutral, entry.term
        assert entry.variants or entry.cased, entry.term


def test_no_form_belongs_to_two_terms() -> None:
    owners: dict[str, set[str]] = {}
    for entry in load_lexicon():
        for form in (*entry.variants, *entry.cased):
            owners.setdefault(form.lower(), set()).add(entry.term)
    assert {form: terms for form, terms in owners.items() if len(terms) > 1} == {}


def test_every_camp_has_its_own_vocabulary() -> None:
    sides = Counter(side for entry in load_lexicon() for side in entry.sides)
    for camp in ("israeli", "palestinian", "russian", "ukrainian", "saf", "rsf", "houthi"):
        assert sides[camp] >= 5, camp


def test_neutral_alternative() -> None:
    assert neutral_alternative("Kyiv regime") == "the Ukrainian government"
    assert neutral_alternative("orcs") == "Russian soldiers"
    assert neutral_alternative("no such term") is None


def test_user_lexicon_adds_and_replaces_terms(nlp, tmp_path) -> None:
    extra = tmp_path / "mine.yaml"
    extra.write_text(
        "categories: {nickname: a mocking nickname}\n"
        "terms:\n"
        "  - {term: Bibi, cased: [Bibi], category: nickname, sides: [any], neutral: Netanyahu}\n"
        "  - {term: orcs, variants: [orcs], category: emotive, sides: [ukrainian], "
        "neutral: soldiers}\n",
        encoding="utf-8",
    )
    component = FramingComponent(nlp, (str(extra),))
    doc = component(nlp.make_doc("Bibi met the bibi club; orcs advanced."))
    assert [(f.span.text, f.term, f.category) for f in doc._.ng_framing] == [
        ("Bibi", "Bibi", "nickname"),
        ("orcs", "orcs", "emotive"),
    ]


def test_bad_user_lexicon_is_refused(tmp_path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("terms:\n  - {term: x, category: nonsense, sides: [any]}\n", encoding="utf-8")
    with pytest.raises(LexiconError, match="unknown category"):
        load_lexicon((str(bad),))


# --------------------------------------------------------------------------- robustness


def test_component_in_a_pipeline_without_upstream_components(nlp) -> None:
    import spacy

    blank = spacy.blank("en")
    blank.add_pipe("newsgraph_framing")
    doc = blank("The orcs shelled \u201cthe occupied city\u201d.")
    assert [(f.span.text, f.speaker) for f in doc._.ng_framing] == [
        ("orcs", OUTLET),
        ("occupied", QUOTED),
    ]
    assert blank("")._.ng_framing == []


PIECES = [
    *"ab '\"\u201c\u201d\u2018\u2019\u00ab\u00bb\n-.",
    *("orcs", "Resistance", "occupied", "martyrs", " to", "anti-", "Kyiv regime"),
]


@settings(max_examples=150, deadline=None)
@given(pieces=st.lists(st.sampled_from(PIECES), max_size=30))
def test_never_crashes_and_spans_hold(nlp, framing, pieces: list[str]) -> None:
    text = "".join(pieces)
    doc = framing(nlp.make_doc(text))
    for item in doc._.ng_framing:
        assert text[item.span.start : item.span.end] == item.span.text
    for start, end in quoted_regions(text):
        assert 0 <= start < end <= len(text)


MYANMAR_EXILE_OUTLET = (
    "The military regime bombed a school, and the regime denied it. The military council "
    "extended martial law. The regime of sanctions was tightened."
)
MYANMAR_STATE_OUTLET = (
    "Security forces raided a PDF terrorist camp. AA terrorists shelled a hospital."
)


def test_myanmar_exile_and_state_outlet_terms(nlp, framing) -> None:
    assert frame(nlp, framing, MYANMAR_EXILE_OUTLET) == [
        ("military regime", "military regime", "delegitimising", OUTLET),
        ("the regime", "the regime", "delegitimising", OUTLET),
        ("military council", "military council", "side-label", OUTLET),
    ]
    assert frame(nlp, framing, MYANMAR_STATE_OUTLET) == [
        ("PDF terrorist", "PDF terrorists", "delegitimising", OUTLET),
        ("AA terrorists", "AA terrorists", "delegitimising", OUTLET),
    ]
