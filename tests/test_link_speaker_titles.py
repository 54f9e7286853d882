"""A speaker the actor component left unresolved, introduced as "<organisation> spokesman
<Name>", speaks for that organisation: "Hezbollah spokesman Ali Hamdan" denying is Hezbollah
denying, so it disputes the accusation against Hezbollah, in memory and through a store
(session 16, dispute16). The records are written for these tests."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from test_link import record, statement
from test_link_incremental import write
from test_link_told_outlet import army_accuses_hezbollah

from newsgraph.components.quotes.titles import cabinet_offices
from newsgraph.link import link_records, link_store
from newsgraph.link.speakers import speaking_for
from newsgraph.store import open_store

DENIAL = "the group had nothing to do with the attack"


def actor(actor_id: str, text: str, name: str, type_: str = "person") -> dict[str, Any]:
    """An actor of the record with every mention of ``name`` in ``text``."""
    mentions = [{"start": m.start(), "end": m.end(), "text": name}
                for m in re.finditer(rf"\b{re.escape(name)}\b", text)]  # fmt: skip
    return {"id": actor_id, "name": name, "type": type_, "affiliation": None, "country": None,
            "mentions": mentions}  # fmt: skip


def story(title: str) -> list[dict[str, Any]]:
    """The army accuses Hezbollah; a day later "<title> Ali Hamdan" denies it, then "Hamdan"."""
    accusing = army_accuses_hezbollah()
    t2 = f"{title} Ali Hamdan spoke on Monday. Hamdan said {DENIAL}."
    denying = record("a2", "Outlet B", "2024-07-29", t2,
                     statements=[statement(t2, "s1", "unresolved:hamdan", "said", DENIAL,
                                           "denial")])  # fmt: skip
    # the actor component reads "Ali Hamdan" as two names, as it does with such names
    denying["actors"] = [actor("unresolved:ali", t2, "Ali"),
                         actor("unresolved:hamdan", t2, "Hamdan")]  # fmt: skip
    if "Hezbollah" in t2:
        denying["actors"].append(actor("hezbollah", t2, "Hezbollah", "armed group"))
    return [accusing, denying]


def disputes(links: list[Any]) -> list[tuple[str, str, str, str]]:
    return [(x.article_id, x.from_id, x.to_article_id, x.to_id) for x in links
            if x.relation == "disputes"]  # fmt: skip


def stored_disputes(store: Any) -> list[tuple[str, str, str, str]]:
    rows = store.table("claim_links").to_dict("records")
    return [(r["article_id"], r["from_id"], r["to_article_id"], r["to_id"]) for r in rows
            if r["relation"] == "disputes"]  # fmt: skip


@pytest.mark.parametrize(
    ("title", "speaks_for"),
    [
        ("Hezbollah spokesman", {"unresolved:hamdan": "hezbollah"}),
        ("Hezbollah's press secretary", {"unresolved:hamdan": "hezbollah"}),
        # a title with no organisation before it, or one that does not speak for it
        ("A spokesman,", {}),
        ("Hezbollah chairman", {}),
        ("The lawmaker", {}),
    ],
)
def test_a_title_after_an_organisation_names_whom_the_speaker_speaks_for(
    title: str, speaks_for: dict[str, str]
) -> None:
    assert speaking_for(story(title)[1]) == speaks_for


@pytest.mark.parametrize(
    ("title", "expected"),
    [("Hezbollah spokesman", [("a2", "s1", "a1", "s1")]), ("The lawmaker", [])],
)
def test_a_spokesman_denying_disputes_the_accusation_against_his_organisation(
    title: str, expected: list[tuple[str, str, str, str]], tmp_path: Any
) -> None:
    records = story(title)
    assert disputes(link_records(records).links) == expected
    # a store's link records carry no text or mentions: the store reads them for such speakers
    with open_store(tmp_path / "link.duckdb") as store:
        write(store, records)
        link_store(store, full=True)
        assert stored_disputes(store) == expected


def test_a_spokesman_denying_in_a_new_article_disputes_on_an_incremental_link(
    tmp_path: Any,
) -> None:
    accusing, denying = story("Hezbollah spokesman")
    with open_store(tmp_path / "link.duckdb") as store:
        write(store, [accusing])
        link_store(store)
        write(store, [denying])
        assert link_store(store).mode == "incremental"
        assert stored_disputes(store) == [("a2", "s1", "a1", "s1")]


def test_a_long_capitalised_run_before_a_speaker_is_read_at_once() -> None:
    """A wire's capitalised headline before a mention (40 capitals, then a lower-case word):
    the name pattern once split the run at every capital and took minutes on such text."""
    text = f"HEZBOLLAH {'X' * 40} said. Hezbollah spokesman Ali Hamdan denied it. Hamdan said no."
    denying = record("a2", "Outlet B", "2024-07-29", text,
                     statements=[statement(text, "s1", "unresolved:hamdan", "said", "no",
                                           "denial")])  # fmt: skip
    denying["actors"] = [actor("unresolved:hamdan", text, "Hamdan"),
                         actor("unresolved:said", text, "said"),
                         actor("hezbollah", text, "Hezbollah", "armed group")]  # fmt: skip
    denying["actors"][1]["mentions"] = [{"start": 51, "end": 55, "text": "said"}]
    denying["statements"][0]["speaker"]["actor"] = "unresolved:hamdan"
    assert speaking_for(denying) == {"unresolved:hamdan": "hezbollah"}


@pytest.mark.parametrize(
    ("introduced", "state_mention", "speaks_for"),
    [
        ("Lebanon's Interior Minister", "Lebanon", {"unresolved:hamdan": "lebanon"}),
        ("Lebanese Defence Minister", "Lebanese", {"unresolved:hamdan": "lebanon"}),
        ("Lebanon's Prime Minister", "Lebanon", {"unresolved:hamdan": "lebanon"}),
        # an office with no state before it, or a state before no office
        ("The Interior Minister", None, {}),
        ("Lebanon's banker", "Lebanon", {}),
    ],
)
def test_a_cabinet_office_after_a_state_names_the_state_a_minister_speaks_for(
    introduced: str, state_mention: str | None, speaks_for: dict[str, str]
) -> None:
    text = f"{introduced} Ali Hamdan spoke on Monday. Hamdan said {DENIAL}."
    rec = record("a2", "Outlet B", "2024-07-29", text,
                 statements=[statement(text, "s1", "unresolved:hamdan", "said", DENIAL,
                                       "denial")])  # fmt: skip
    rec["actors"] = [
        actor("unresolved:ali", text, "Ali"),
        actor("unresolved:hamdan", text, "Hamdan"),
    ]
    if state_mention:
        rec["actors"].append(actor("lebanon", text, state_mention, "state"))
    assert speaking_for(rec) == speaks_for


def test_a_titles_file_with_no_offices_finds_no_office(tmp_path: Path) -> None:
    titles = tmp_path / "speaker_titles.yaml"
    titles.write_text("offices: []\n", encoding="utf-8")
    assert cabinet_offices(str(titles)).search("Ukraine's Interior Minister Ihor Klymenko") is None
