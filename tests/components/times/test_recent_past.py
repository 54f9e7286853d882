"""A month and day without a year: the most recent one, unless the text points ahead."""

from __future__ import annotations

from datetime import date

import pytest

from newsgraph.components.times.calendar_math import year_for
from newsgraph.components.times.component import timex_pipeline
from newsgraph.model import Article

PUBLISHED = date(2024, 7, 29)


@pytest.fixture(scope="module")
def nlp():
    return timex_pipeline()


def _value(nlp, text: str, published: date = PUBLISHED) -> str | None:
    doc = nlp.make_doc(text)
    doc._.ng_article = Article(id="test", text=text, published=published)
    return next(t.value for t in nlp(doc)._.ng_times if "7" in t.span.text)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Since the October 7 attack, Israel has bombed Gaza daily.", "2023-10-07"),
        ("The October 7 attack shocked the country.", "2023-10-07"),
        ("The border has been closed since October 7.", "2023-10-07"),
        ("On October 7 the talks will resume in Cairo.", "2024-10-07"),
        ("The envoy will return on October 7.", "2024-10-07"),
        # a schedule in the present tense, a few weeks ahead
        ("The dividend is payable August 7.", "2024-08-07"),
    ],
)
def test_month_and_day_without_a_year(nlp, text: str, value: str) -> None:
    assert _value(nlp, text) == value


def test_year_for_a_day_looks_back_without_a_future_verb() -> None:
    assert year_for(10, 7, PUBLISHED, None, None) == 2023
    assert year_for(10, 7, PUBLISHED, "past", None) == 2023
    assert year_for(10, 7, PUBLISHED, "future", None) == 2024
    assert year_for(8, 20, PUBLISHED, "past", None) == 2024  # 22 days ahead: still coming
    assert year_for(7, 20, PUBLISHED, None, None) == 2024
