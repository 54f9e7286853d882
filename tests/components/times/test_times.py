"""newsgraph_times: recognition and normalisation of time expressions, with exact outputs.

Publication date in these tests: Monday 2024-07-29 unless said otherwise.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsgraph.components.times.component import (
    find_times,
    interval_of,
    time_details,
    timex_pipeline,
)
from newsgraph.model import Article

PUBLISHED = date(2024, 7, 29)  # a Monday
SEED = Path(__file__).resolve().parents[4] / "shared" / "seed" / "almayadeen-2024-07-29.txt"


@pytest.fixture(scope="module")
def nlp():
    return timex_pipeline()


def times_of(nlp, text: str, published: date | None = PUBLISHED):
    doc = nlp.make_doc(text)
    doc._.ng_article = Article(id="test", text=text, published=published)
    doc = nlp(doc)
    return [(t.span.text, t.value, t.type) for t in doc._.ng_times], doc


def test_absolute_dates_in_common_formats(nlp):
    text = (
        "Talks opened on Aug. 5, resumed on 5 August 2024, were recorded as 2024-07-29, "
        "ran through July 2024 and began in 2010."
    )
    found, _ = times_of(nlp, text)
    assert found == [
        ("Aug. 5", "2024-08-05", "DATE"),
        ("5 August 2024", "2024-08-05", "DATE"),
        ("2024-07-29", "2024-07-29", "DATE"),
        ("July 2024", "2024-07", "DATE"),
        ("2010", "2010", "DATE"),  # a year, not a day
    ]


def test_weekday_direction_follows_tense(nlp):
    text = (
        "The army said it struck the base on Thursday. "
        "The envoy will return on Thursday. "
        "Ministers met on Monday."
    )
    found, _ = times_of(nlp, text)
    assert found == [
        ("Thursday", "2024-07-25", "DATE"),  # past tense: the Thursday before
        ("Thursday", "2024-08-01", "DATE"),  # future: the Thursday after
        ("Monday", "2024-07-29", "DATE"),  # the publication weekday is that day
    ]


def test_weekday_direction_after_deadlines_schedules_and_past_perfect_plans(nlp):
    text = (
        "The court postponed the hearing until Thursday. "
        "The ministry has given the company until Wednesday to reply. "
        "The offer had been scheduled to expire on Friday. "
        "The shares are to resume trading on Friday. "
        "Officials said a vote was possible as soon as Saturday."
    )
    found, _ = times_of(nlp, text)
    assert found == [
        ("Thursday", "2024-08-01", "DATE"),  # put off "until" a day: still to come
        ("Wednesday", "2024-07-31", "DATE"),
        ("Friday", "2024-07-26", "DATE"),  # "had been scheduled": a plan already past
        ("Friday", "2024-08-02", "DATE"),  # "are to resume": a schedule
        ("Saturday", "2024-08-03", "DATE"),  # "as soon as": the earliest day to come
    ]


def test_weekday_equal_to_publication_day_is_that_day_even_in_future(nlp):
    found, _ = times_of(nlp, "The council will vote on Monday.")
    assert found == [("Monday", "2024-07-29", "DATE")]


def test_relative_expressions(nlp):
    text = (
        "Yesterday the rockets fell. Last week the talks stalled. Two days ago a convoy was "
        "hit. Earlier this month the army withdrew. Elections are due next year."
    )
    found, _ = times_of(nlp, text)
    assert found == [
        ("Yesterday", "2024-07-28", "DATE"),
        ("Last week", "2024-W30", "DATE"),
        ("Two days ago", "2024-07-27", "DATE"),
        ("Earlier this month", "2024-07", "DATE"),
        ("next year", "2025", "DATE"),
    ]


def test_parts_of_periods_are_intervals(nlp):
    text = "He spoke in early July. Prices rose in mid-2023 and fell late last year."
    found, doc = times_of(nlp, text)
    assert found == [
        ("early July", "2024-07-01/2024-07-10", "DATE"),
        ("mid-2023", "2023-05-01/2023-08-31", "DATE"),
        ("late last year", "2023-09-01/2023-12-31", "DATE"),
    ]
    # TimeML's own reading keeps the period with a mod
    details = [(d.timeml_value, d.mod) for d in time_details(doc)]
    assert details == [("2024-07", "START"), ("2023", "MID"), ("2023", "END")]


def test_since_opens_an_interval_to_the_publication_date(nlp):
    text = "Hezbollah has struck armored vehicles since October 8, 2023."
    found, doc = times_of(nlp, text)
    assert found == [("October 8, 2023", "2023-10-08", "DATE")]
    assert time_details(doc)[0].interval == "2023-10-08/2024-07-29"
    assert interval_of(doc, "t1") == "2023-10-08/2024-07-29"


def test_a_duration_after_an_event_in_a_present_clause_covers_the_days_up_to_publication(nlp):
    text = (
        "Two weeks after a flood swept through the valley, farmers are still pumping water "
        "from their fields."
    )
    found, doc = times_of(nlp, text)
    assert found == [("Two weeks", "P2W", "DURATION")]  # TimeML's value stays the duration
    assert time_details(doc)[0].interval == "2024-07-15/2024-07-29"
    found, doc = times_of(nlp, "Three days after the fire, the market reopens.")
    assert found == [("Three days", "P3D", "DURATION")]
    assert time_details(doc)[0].interval == "2024-07-26/2024-07-29"


@pytest.mark.parametrize(
    "text",
    [
        "Two days after the fire, the mayor said the market would reopen.",  # reference unknown
        "The port will reopen a week after the repairs.",  # a plan
        "The blackout lasted a week.",  # no event to count from
    ],
)
def test_no_elapsed_interval_without_a_present_clause_after_an_event(nlp, text):
    _, doc = times_of(nlp, text)
    assert [d.interval for d in time_details(doc)] == [None]


def test_durations(nlp):
    text = "The siege lasted for 10 months, the blackout for 3 hours and the truce a week."
    found, _ = times_of(nlp, text)
    assert found == [
        ("10 months", "P10M", "DURATION"),
        ("3 hours", "PT3H", "DURATION"),
        ("a week", "P1W", "DURATION"),
    ]


def test_sets(nlp):
    text = "Protesters gather every Friday and the ministry briefs reporters daily."
    found, _ = times_of(nlp, text)
    assert found == [("every Friday", "XXXX-WXX-5", "SET"), ("daily", "P1D", "SET")]


def test_times_of_day(nlp):
    text = "The strike came on Monday morning. A second raid followed at 3 p.m."
    found, _ = times_of(nlp, text)
    assert found == [
        ("Monday morning", "2024-07-29TMO", "TIME"),
        ("3 p.m.", "2024-07-29T15:00", "TIME"),
    ]


def test_seasons_decades_quarters_and_present(nlp):
    text = (
        "The offensive planned for this summer recalls the 1990s. "
        "Output fell in the third quarter. The border is now closed and currently quiet."
    )
    found, _ = times_of(nlp, text)
    assert found == [
        ("this summer", "2024-SU", "DATE"),
        ("the 1990s", "199", "DATE"),
        ("the third quarter", "2024-Q3", "DATE"),
        ("now", "PRESENT_REF", "DATE"),
        ("currently", "PRESENT_REF", "DATE"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Officials may meet again, we are told.",
        "The fund pledged $5 million to the agency.",
        "Turnout reached 50 percent in the north.",
        "The army deployed 1,200 troops and 2000 soldiers.",
        "Thousands march on the capital.",
        "Security Council Resolution 1701 was cited.",
    ],
)
def test_negatives_yield_nothing(nlp, text):
    found, _ = times_of(nlp, text)
    assert found == []


def test_month_needs_context_when_ambiguous(nlp):
    found, _ = times_of(nlp, "The vote took place in May. May God protect them.")
    assert found == [("May", "2024-05", "DATE")]


def test_without_publication_date_values_stay_unresolved(nlp):
    found, _ = times_of(
        nlp, "Fighting resumed in July and again on Monday, 5 August 2024.", published=None
    )
    assert found == [
        ("July", "XXXX-07", "DATE"),
        ("Monday, 5 August 2024", "2024-08-05", "DATE"),
    ]


def test_ids_are_in_text_order(nlp):
    _, doc = times_of(nlp, "On Monday and on Tuesday, and in 2010.")
    assert [t.id for t in doc._.ng_times] == ["t1", "t2", "t3"]


@pytest.mark.slow
@pytest.mark.skipif(not SEED.exists(), reason="seed article not available")
def test_seed_article_through_the_default_pipeline():
    from newsgraph.pipeline import annotate_text

    lines = SEED.read_text(encoding="utf-8").split("\n", 2)
    record = annotate_text(lines[2], published="2024-07-29", outlet="Al Mayadeen English")
    found = [(t["span"]["text"], t["value"]) for t in record["times"]]
    assert found == [
        ("Monday", "2024-07-29"),
        ("early July", "2024-07-01/2024-07-10"),
        ("October 8, 2023", "2023-10-08"),
        ("Monday", "2024-07-29"),
    ]
    text = lines[2]
    for t in record["times"]:
        span = t["span"]
        assert text[span["start"] : span["end"]] == span["text"]


@settings(max_examples=300, deadline=None)
@given(
    st.text(alphabet=st.characters(codec="utf-8"), max_size=200)
    | st.lists(
        st.sampled_from(
            [
                "Monday",
                "early",
                "July",
                "since",
                "2024",
                "ago",
                "two",
                "days",
                "last",
                "week",
                "May",
                "3",
                "p.m.",
                "every",
                ",",
                ".",
                "the",
                "mid-",
                "1990s",
                "Aug.",
                "5",
                " ",
                "quarter",
            ]
        ),
        max_size=30,
    ).map(" ".join)
)
def test_random_text_never_crashes_and_spans_are_exact(text):
    for anchor in (PUBLISHED, None):
        found = find_times(text, anchor)
        for item in found:
            span = item.time.span
            assert text[span.start : span.end] == span.text
            assert span.start < span.end
        starts = [f.time.span.start for f in found]
        assert starts == sorted(starts)
