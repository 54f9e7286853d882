"""Disputes beyond the accused's own denial (session 17, dispute17): a third party rejecting
the accuser's counter-account ("rejecting Moscow's account" of who hit the market); a denial
that names whom it answers still answers only that accuser. The records are written for
these tests."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from test_link import event, record, ref, statement
from test_link_incremental import full_and_incremental

from newsgraph.link import claims, link_records

PARENTS = {
    "russian-ministry-of-defence": "russian-government",
    "armed-forces-of-ukraine": "ukraine",
    "russian-armed-forces": "russia",
}


def actors(*ids: str) -> list[dict[str, Any]]:
    return [{"id": i, "name": i, "type": None, "affiliation": PARENTS.get(i), "country": None,
             "mentions": []} for i in ids]  # fmt: skip


def accusing(aid: str, day: str, speaker: str, doer: str, content: str) -> dict[str, Any]:
    """Article ``aid``: ``speaker`` says ``doer`` did it (``content`` holds "struck")."""
    text = f"The spokesman said {content}."
    rec = record(aid, f"Outlet {aid}", day, text,
                 statements=[statement(text, "s1", speaker, "said", content, "accusation")],
                 events=[event(text, "e1", "struck", source=ref(text, doer, "the"),
                               attributed_to="s1")])  # fmt: skip
    rec["actors"] = actors(speaker, doer)
    return rec


def denying(aid: str, day: str, denier: str, answered: str, *more: str) -> dict[str, Any]:
    """Article ``aid``: ``denier`` rejects ``answered``'s account; ``more``: later deniers in
    the same article doing the same."""
    sentences = [f"{d} rejected the account." for d in (denier, *more)]
    text = " ".join(sentences)
    statements, events = [], []
    for n, who in enumerate((denier, *more), start=1):
        statements.append(statement(text, f"s{n}", who, "rejected", sentences[n - 1][:-1],
                                    "denial"))  # fmt: skip
        events.append(event(text, f"e{n}", "rejected", type_="REJECT",
                            source=ref(text, who), target=ref(text, answered)))  # fmt: skip
    rec = record(aid, f"Outlet {aid}", day, text, statements=statements, events=events)
    rec["actors"] = actors(denier, answered, *more)
    return rec


def disputes(records: list[dict[str, Any]]) -> set[tuple[str, str, str, str]]:
    links = link_records(records).links
    return {(x.article_id, x.from_id, x.to_article_id, x.to_id) for x in links
            if x.relation == "disputes"}  # fmt: skip


MISSILE = "a Ukrainian missile struck the market"


@pytest.fixture
def third_party_rejections(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The rule is off by default since session 18 (fresh-text firings: 1 right of 4)."""
    monkeypatch.setattr(claims, "THIRD_PARTY_REJECTIONS", True)
    yield


def test_by_default_a_third_party_rejection_disputes_no_counter_account() -> None:
    records = [
        accusing("a1", "2025-10-11", "russian-ministry-of-defence", "armed-forces-of-ukraine",
                 MISSILE),
        denying("a2", "2025-10-12", "human-rights-watch", "russia"),
    ]  # fmt: skip
    assert disputes(records) == set()


@pytest.mark.usefixtures("third_party_rejections")
def test_a_third_party_rejecting_the_accusers_account_disputes_its_counter_account() -> None:
    records = [
        accusing("a1", "2025-10-11", "russian-ministry-of-defence", "armed-forces-of-ukraine",
                 MISSILE),
        denying("a2", "2025-10-12", "human-rights-watch", "russia"),
    ]  # fmt: skip
    assert disputes(records) == {("a2", "s1", "a1", "s1")}


@pytest.mark.usefixtures("third_party_rejections")
def test_an_account_of_the_accusers_own_act_is_no_counter_account() -> None:
    own = "Russian air defences struck the drones"
    records = [
        accusing("a1", "2025-10-11", "russian-ministry-of-defence", "russian-armed-forces", own),
        denying("a2", "2025-10-12", "human-rights-watch", "russia"),
    ]
    assert disputes(records) == set()


@pytest.mark.usefixtures("third_party_rejections")
def test_an_article_rejects_one_accusers_account_once() -> None:
    records = [
        accusing("a1", "2025-10-11", "russian-ministry-of-defence", "armed-forces-of-ukraine",
                 MISSILE),
        denying("a2", "2025-10-12", "human-rights-watch", "russia", "amnesty-international"),
    ]  # fmt: skip
    assert disputes(records) == {("a2", "s1", "a1", "s1")}


def test_a_denial_naming_an_accuser_answers_only_that_accuser() -> None:
    records = [
        accusing("a1", "2025-10-11", "ukraine", "russia", "Russia struck the market"),
        denying("a2", "2025-10-12", "russia", "un"),
        accusing("a3", "2025-10-11", "un", "russia", "Russia struck the market"),
    ]
    assert disputes(records) == {("a2", "s1", "a3", "s1")}


@pytest.mark.usefixtures("third_party_rejections")
def test_an_incremental_link_finds_the_rejection_a_full_link_finds(tmp_path: Any) -> None:
    """The rejection stored first, the counter-account linked later (and the other way)."""
    account = accusing("a1", "2025-10-11", "russian-ministry-of-defence",
                       "armed-forces-of-ukraine", MISSILE)  # fmt: skip
    rejection = denying("a2", "2025-10-12", "human-rights-watch", "russia")
    for first, later in (([rejection], [account]), ([account], [rejection])):
        full, incremental = full_and_incremental(tmp_path, first, later)
        assert incremental["links"] == full["links"]
        assert ("a2", "s1", "a1", "s1", "disputes") in full["links"]
        for path in tmp_path.iterdir():
            path.unlink()
