"""Datelines kept out of the first clause (session 24, probe M): accented capitals and the
Mexican and Latin American press's full stop and hyphen ("CULIACÁN, Sinaloa.-"). The
sentences are written for these tests."""

from __future__ import annotations

import pytest

from newsgraph.components.datelines.component import dateline_end
from newsgraph.nlp import get_pipeline


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("CULIACÁN, Sinaloa.- Gunmen killed three men on Sunday.", "Gunmen"),
        ("MONTERREY.- Police found two bodies.", "Police"),
        ("BOGOTÁ (AP) — Rebels attacked a base.", "Rebels"),
        ("NAIROBI, Kenya - Police opened fire.", "Police"),  # as before
        # session 25 (partyO): day-first dates, a year, a title-case capital before a date
        ("JUBA, 14 Feb - Soldiers repelled an attack.", "Soldiers"),
        ("MAPUTO, 3 October 2025 - The agency condemned the attack.", "The agency"),
        ("Port Louis, April 2/2025 (MNA) - Police arrested two men.", "Police"),
    ],
)
def test_a_dateline_ends_where_the_words_begin(text: str, words: str) -> None:
    assert dateline_end(text, 0) == text.index(words)


@pytest.mark.parametrize(
    "text",
    [
        "U.S.-backed forces attacked a base.",
        "Sinaloa.- no dateline",
        "Breaking News - Police arrested two men.",  # title case without a date: no dateline
    ],
)
def test_no_dateline(text: str) -> None:
    assert dateline_end(text, 0) is None


def test_a_day_first_dateline_is_no_doer() -> None:
    doc = get_pipeline()(
        "LILONGWE, 21 Aug - Security forces repelled an attack by armed men on a police post."
    )
    sources = [e.source.span.text for e in doc._.ng_events if e.source and e.source.span]
    assert sources and not [s for s in sources if "LILONGWE" in s]


def test_a_dateline_is_no_victim() -> None:
    doc = get_pipeline()(
        "CULIACÁN, Sinaloa.- At least nine people were killed in a series of attacks over the "
        "weekend, state authorities said."
    )
    targets = [e.target.span.text for e in doc._.ng_events if e.target and e.target.span]
    assert targets and not [t for t in targets if "CULIAC" in t]


# A title-case place opens a dateline only with its agency in brackets (session 25, probe O):
# "New York (AFP) –" as in PolNeAR train's AFP articles; without the agency the shape is also a
# heading ("Inside Story - Who are ...").
@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("Addis Ababa, March 11/2025 (ENA) - The rebels killed ten farmers.", "The rebels"),
        ("New York (AFP) – Police arrested two men on Sunday.", "Police"),
        ("Gaza City, Oct 3 (Reuters) - Gunmen opened fire.", "Gunmen"),
    ],
)
def test_a_title_case_dateline_with_its_agency(text: str, words: str) -> None:
    assert dateline_end(text, 0) == text.index(words)


@pytest.mark.parametrize(
    "text",
    ["Inside Story - Who are the rebels?", "Addis Ababa - The rebels killed ten farmers."],
)
def test_a_title_case_opening_without_an_agency_is_no_dateline(text: str) -> None:
    assert dateline_end(text, 0) is None


def test_a_title_case_dateline_is_no_doer() -> None:
    # main read "Addis Ababa" (Ethiopia) as the doer of the massacre the bureau reports
    doc = get_pipeline()(
        "Addis Ababa, March 11/2025 (ENA) - The rebel group massacred civilians in the "
        "district, the regional bureau said today."
    )
    contents = [p.text for s in doc._.ng_statements for p in s.content]
    assert contents and not [c for c in contents if "Addis" in c]
