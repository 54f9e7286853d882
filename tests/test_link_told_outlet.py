"""A denial told to a news outlet ("told Al Manar that the group was not involved") answers
the accusation, not the outlet: the outlet is the channel (session 14, deny14). The records
are written for these tests."""

from __future__ import annotations

from typing import Any

import pytest
from test_link import event, record, ref, statement

from newsgraph.link import link_records

ACCUSATION = "Hezbollah fired the rocket at the town"
OUTLET = {"id": "al-manar", "name": "Al Manar", "type": "media", "affiliation": None,
          "country": None, "mentions": []}  # fmt: skip
STATE = {"id": "qatar", "name": "Qatar", "type": "state", "affiliation": None,
         "country": None, "mentions": []}  # fmt: skip


def army_accuses_hezbollah() -> dict[str, Any]:
    """Article a1: the Israeli army says Hezbollah fired the rocket."""
    t1 = f"The Israeli army said {ACCUSATION}."
    return record("a1", "Outlet A", "2024-07-28", t1,
                  statements=[statement(t1, "s1", "idf", "said", ACCUSATION, "accusation")],
                  events=[event(t1, "e1", "fired", source=ref(t1, "hezbollah", "Hezbollah"),
                                attributed_to="s1")])  # fmt: skip


def denial_told_to(listener: dict[str, Any]) -> list[dict[str, Any]]:
    accusing = army_accuses_hezbollah()
    t2 = f"A Hezbollah official told {listener['name']} that the group was not involved."
    denying = record("a2", "Outlet B", "2024-07-29", t2,
                     statements=[statement(t2, "s1", "hezbollah", "told",
                                           "that the group was not involved", "denial",
                                           addressee=listener["id"])],
                     events=[event(t2, "e1", "told", type_="REJECT",
                                   source=ref(t2, "hezbollah", "Hezbollah"),
                                   target=ref(t2, listener["id"], listener["name"]))])  # fmt: skip
    denying["actors"].append(listener)
    return [accusing, denying]


@pytest.mark.parametrize(
    ("listener", "disputes"),
    [
        (OUTLET, [("a2", "s1", "a1", "s1")]),
        # a state told is whom the denial answers: not the Israeli army's accusation
        (STATE, []),
    ],
)
def test_a_denial_told_to_an_outlet_disputes_the_accusation(
    listener: dict[str, Any], disputes: list[tuple[str, str, str, str]]
) -> None:
    links = link_records(denial_told_to(listener)).links
    found = [(x.article_id, x.from_id, x.to_article_id, x.to_id) for x in links
             if x.relation == "disputes"]  # fmt: skip
    assert found == disputes
