"""Attacks reported only in someone's words are that speaker's statement, never the outlet's
assertion (issue 13; probeI). Sentences written for these tests."""

from __future__ import annotations

import pytest
from spacy.language import Language

from newsgraph.model import Article

from .pipeline_statements import statements


def _doc(nlp: Language, text: str):
    doc = nlp.make_doc(text)
    doc._.ng_article = Article(id="t", text=text)
    return nlp(doc)


@pytest.mark.parametrize(
    ("text", "speaker", "content_start"),
    [
        # the parser hangs "said" as a relative clause on "civilians"
        (
            "Armed men raided the village of Kuma in the Borno region overnight, wounding five "
            "farmers, local councillor Musa Bello said on Tuesday.\n",
            "local councillor Musa Bello",
            "Armed men raided",
        ),
        # the parser makes the speaker an apposition and "said" a conjunct of "killed"
        (
            "Security forces killed nine militants in an intelligence-based operation in the "
            "Kurram district of Khyber Pakhtunkhwa, the military's media wing said on Thursday.\n",
            "the military's media wing",
            "Security forces killed",
        ),
        # a bracketed name in the closing speaker ("said" a conjunct of "burned")
        (
            "Gunmen burned two schools in the district of Kalo and abducted six teachers, the "
            "Kalo Teachers Union (KTU) said in a statement.\n",
            "the Kalo Teachers Union (KTU)",
            "Gunmen burned",
        ),
        # "of" in the closing speaker, its medium after the verb ("in its weekly bulletin")
        (
            "The army killed 12 fighters and destroyed three of their trucks during a raid in "
            "the Gao region last week, the Ministry of Defence announced on Friday in its weekly "
            "bulletin.\n",
            "the Ministry of Defence",
            "The army killed",
        ),
    ],
)
def test_a_closing_report_the_parser_hung_elsewhere_reports_the_sentence(
    nlp: Language, text: str, speaker: str, content_start: str
):
    doc = _doc(nlp, text)
    (statement,) = doc._.ng_statements
    assert statement.speaker.span.text == speaker
    assert statement.content[0].text.startswith(content_start)
    harms = [e for e in doc._.ng_events if e.type == "ASSAULT"]
    assert harms and all(e.attributed_to == statement.id for e in harms)


def test_a_closing_told_with_its_addressee_reports_the_sentence(nlp: Language):
    # the parser hangs "told" as a conjunct of "killed"; "the agency" is whom it was told to
    text = (
        "At least 11 people were killed on Sunday when shells struck a school for displaced "
        "families near Kavumu, a Red Cross official told the agency.\n"
    )
    doc = _doc(nlp, text)
    (statement,) = doc._.ng_statements
    assert statement.speaker.span.text == "a Red Cross official"
    assert statement.content[0].text.startswith("At least 11 people were killed")
    harms = [e for e in doc._.ng_events if e.type == "ASSAULT"]
    assert harms and all(e.attributed_to == statement.id for e in harms)


def test_a_told_with_a_clause_of_its_own_keeps_it(nlp: Language):
    text = "The guards ran to the gate and told the visitors the prison was closed.\n"
    (statement,) = statements(nlp, text)
    assert [c.text for c in statement.content] == ["the prison was closed"]


def test_a_true_relative_clause_of_a_report_stays_a_relative_clause(nlp: Language):
    text = "Troops entered the town, which the army said was empty.\n"
    for statement in statements(nlp, text):
        assert not any(c.text.startswith("Troops") for c in statement.content)


def test_an_accusations_of_phrase_keeps_its_date(nlp: Language):
    text = "Moscow accused Kyiv of shelling the city of Enerhodar on the same day.\n"
    doc = _doc(nlp, text)
    (statement,) = doc._.ng_statements
    assert statement.content[0].text.endswith("on the same day")
    (shelling,) = [e for e in doc._.ng_events if e.type == "ASSAULT"]
    assert shelling.attributed_to == statement.id


@pytest.mark.parametrize(
    "text",
    [
        "The army is said to have demolished several houses in the town last week.\n",
        "The rebel group claimed to have killed twenty soldiers in the raid.\n",
    ],
)
def test_a_reported_harm_infinitive_is_no_vow(nlp: Language, text: str):
    # only a commitment cue (vow, pledge, promise, swear) makes its harm infinitive a threat
    doc = _doc(nlp, text)
    assert all(s.act != "threat" for s in doc._.ng_statements)
    assert all(e.type != "THREATEN" for e in doc._.ng_events)


@pytest.mark.parametrize(
    ("text", "cue", "speaker"),
    [
        (
            "The Chinese Foreign Ministry spokesperson Guo Jiakun said the Taiwan question was "
            "China's internal affair and urged the US to stop arming the island.\n",
            "urged",
            "The Chinese Foreign Ministry spokesperson Guo Jiakun",
        ),
    ],
)
def test_a_report_coordinated_with_a_complement_keeps_the_outer_speaker(
    nlp: Language, text: str, cue: str, speaker: str
):
    (statement,) = [s for s in statements(nlp, text) if s.cue.text == cue]
    assert statement.speaker.span.text == speaker


def test_a_parse_across_a_paragraph_break_joins_no_report(nlp: Language):
    text = (
        '"They blame us for their own failures," the spokesman said on X.\n'
        "Interior Minister Ali Khan praised the troops and vowed to eliminate terrorism.\n"
    )
    (vowed,) = [s for s in statements(nlp, text) if s.cue.text == "vowed"]
    assert vowed.speaker.span.text == "Interior Minister Ali Khan"


def test_a_party_named_in_the_complement_keeps_its_coordinated_report(nlp: Language):
    text = (
        "The Palestinian government, therefore, rejects and condemns the decision, and calls it "
        "a clear violation, Al-Mahmoud said.\n"
    )
    (condemns,) = [s for s in statements(nlp, text) if s.cue.text == "condemns"]
    assert condemns.speaker.span.text == "The Palestinian government"


def test_a_denial_does_not_dispute_its_own_speakers_earlier_report(nlp: Language):
    text = (
        "Russian forces struck the city with guided bombs, killing three people, Governor "
        "Ivan Fedorov reported. The Russian Defense Ministry claimed it had hit a deployment "
        "point of Ukrainian units. Fedorov rejected the claim.\n"
    )
    found = statements(nlp, text)
    (denial,) = [s for s in found if s.act == "denial"]
    (claimed,) = [s for s in found if s.cue.text == "claimed"]
    assert denial.disputes == claimed.id


@pytest.mark.parametrize(
    "text",
    [
        "The army did not respond to a request for comment.\n",
        "The ministry did not respond to questions about the raid.\n",
    ],
)
def test_silence_is_kept_as_no_comment_whatever_the_judge_says(nlp: Language, text: str):
    (statement,) = statements(nlp, text)
    assert statement.act == "no comment"


def test_a_negated_report_verb_with_no_one_silent_is_still_judged(nlp: Language):
    assert statements(nlp, "The deal is not counted among his more successful ventures.\n") == []
