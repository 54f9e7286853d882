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
