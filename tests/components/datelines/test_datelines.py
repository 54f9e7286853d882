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
    ],
)
def test_a_dateline_ends_where_the_words_begin(text: str, words: str) -> None:
    assert dateline_end(text, 0) == text.index(words)


@pytest.mark.parametrize("text", ["U.S.-backed forces attacked a base.", "Sinaloa.- no dateline"])
def test_no_dateline(text: str) -> None:
    assert dateline_end(text, 0) is None


def test_a_dateline_is_no_victim() -> None:
    doc = get_pipeline()(
        "CULIACÁN, Sinaloa.- At least nine people were killed in a series of attacks over the "
        "weekend, state authorities said."
    )
    targets = [e.target.span.text for e in doc._.ng_events if e.target and e.target.span]
    assert targets and not [t for t in targets if "CULIAC" in t]
