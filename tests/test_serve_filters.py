"""Filters and search as a person types them: actors by name, alias or any-case id, any-case
types and outlets, event-day ranges, alias-aware actor search and its autocomplete. Over the
hand-written record only (``test_serve_guard``'s store): Hamas fires at Sderot (e1, ASSAULT,
on 2024-10-07 by its time expression), Hamas rejects the army's claim (e2), the army did not
strike the port (e3, negated).
"""

from __future__ import annotations

import csv
import html
import io
import re

import pytest
from test_serve_api import HAND_ID
from test_serve_guard import client, store  # noqa: F401 (fixtures)

from newsgraph.web.pages import human_time

pytestmark = pytest.mark.usefixtures("store")


def event_ids(client, **params) -> list[str]:  # noqa: F811
    response = client.get("/api/events", params=params)
    assert response.status_code == 200, response.text
    return sorted(e["id"] for e in response.json()["items"])


@pytest.mark.parametrize(
    "actor",
    [
        "hamas",  # the id
        "HAMAS",  # any case
        "Hamas",  # the name
        "Islamic Resistance Movement",  # a knowledge-base alias
        "islamic resistance movement",
    ],
)
def test_the_actor_filter_takes_names_aliases_and_any_case(client, actor: str) -> None:  # noqa: F811
    assert event_ids(client, actor=actor) == ["e1", "e2"]


def test_the_actor_filter_takes_the_words_an_article_used(client) -> None:  # noqa: F811
    """'The army' is how the article names the IDF (a mention), not a knowledge-base alias."""
    assert event_ids(client, actor="the army", role="source") == ["e3"]
    assert event_ids(client, actor="IDF") == ["e2", "e3"]


def test_an_unknown_actor_finds_nothing(client) -> None:  # noqa: F811
    assert event_ids(client, actor="nobody at all") == []


def test_type_and_outlet_ignore_case(client) -> None:  # noqa: F811
    assert event_ids(client, type="assault") == ["e1", "e3"]
    assert event_ids(client, outlet="test wire") == ["e1", "e2", "e3"]
    assert event_ids(client, outlet="other wire") == []


def test_event_day_range_uses_the_events_own_day(client) -> None:  # noqa: F811
    # published 2024-10-08; e1 happened on Monday 2024-10-07; e2 and e3 have no day
    assert event_ids(client, event_from="2024-10-07", event_to="2024-10-07") == ["e1"]
    assert event_ids(client, event_from="2024-10-08") == []
    assert event_ids(client, date_from="2024-10-08", date_to="2024-10-08") == ["e1", "e2", "e3"]
    assert client.get("/api/events", params={"event_to": "0"}).status_code == 422


def test_events_page_names_every_actor_the_filter_found(client) -> None:  # noqa: F811
    page = client.get("/events", params={"actor": "Islamic Resistance Movement"})
    assert page.status_code == 200
    assert 'href="/actors/hamas"' in page.text
    assert "Sderot" in page.text  # e1's target
    assert "the port" not in page.text  # e3 is the army's


def test_actor_search_finds_aliases(client) -> None:  # noqa: F811
    found = client.get("/api/actors", params={"q": "islamic resistance"}).json()["items"]
    assert [a["id"] for a in found] == ["hamas"]
    assert "Hamas" in client.get("/actors", params={"q": "Islamic Resistance"}).text


def test_actor_types_ignore_case(client) -> None:  # noqa: F811
    found = client.get("/api/actors", params={"type": "ARMED GROUP"}).json()["items"]
    assert [a["id"] for a in found] == ["hamas"]


def test_autocomplete_puts_prefixes_first_and_knows_aliases(client) -> None:  # noqa: F811
    assert [a["id"] for a in client.get("/api/suggest/actors?q=isr").json()] == ["idf"]
    assert [a["id"] for a in client.get("/api/suggest/actors?q=tsahal").json()] == ["idf"]
    assert client.get("/api/suggest/actors?q=").status_code == 422


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        ("2024-08-04TMO", "morning of 4 Aug 2024"),
        ("2024-08-04TNI", "night of 4 Aug 2024"),
        ("2024-08-04", "4 Aug 2024"),
        ("2024-08", "Aug 2024"),
        ("2024", "2024"),
        ("2024-W31", "week 31 of 2024"),
        ("PT24H", "24 hours"),
        ("P1D", "1 day"),
        ("P2W", "2 weeks"),
        ("PT30M", "30 minutes"),
        ("P1DT12H", "1 day 12 hours"),
        ("PRESENT_REF", "now"),
        ("XXXX-08-04", "XXXX-08-04"),  # anything else as it is
        (None, ""),
    ],
)
def test_human_time(value: str | None, shown: str) -> None:
    assert human_time(value) == shown


def test_a_part_of_one_actors_alias_is_enough(client) -> None:  # noqa: F811
    assert event_ids(client, actor="Islamic Resistance") == ["e1", "e2"]  # Hamas's alias


def test_full_text_search_over_articles(client) -> None:  # noqa: F811
    found = client.get("/api/articles", params={"text": "DID NOT STRIKE"}).json()["items"]
    assert [a["id"] for a in found] == [HAND_ID]
    assert client.get("/api/articles", params={"text": "no such words"}).json()["total"] == 0
    assert HAND_ID in client.get("/", params={"text": "did not strike"}).text


@pytest.mark.parametrize("table", ["events", "statements", "actors", "articles"])
def test_every_table_downloads_as_csv_and_json(client, table: str) -> None:  # noqa: F811
    listed = client.get(f"/api/{table}", params={"limit": 500}).json()
    as_json = client.get(f"/api/{table}.json")
    assert as_json.status_code == 200
    assert "attachment" in as_json.headers["content-disposition"]
    assert as_json.json() == listed["items"]
    as_csv = client.get(f"/api/{table}.csv")
    assert as_csv.status_code == 200
    rows = list(csv.reader(io.StringIO(as_csv.text)))
    assert len(rows) == 1 + listed["total"]


def test_downloads_follow_the_filters(client) -> None:  # noqa: F811
    denials = client.get("/api/statements.json", params={"act": "denial"}).json()
    assert [s["id"] for s in denials] == ["s2"]
    hamas = list(csv.DictReader(io.StringIO(client.get("/api/actors.csv?q=hamas").text)))
    assert [row["id"] for row in hamas] == ["hamas"]
    assert client.get("/api/events.json", params={"type": "reject"}).json()[0]["id"] == "e2"


def test_statements_page_lists_and_filters(client) -> None:  # noqa: F811
    page = client.get("/statements")
    assert page.status_code == 200
    assert "Hamas fired rockets at Sderot on Monday" in page.text  # s1
    assert "the accusation" in page.text  # s2
    denials = client.get("/statements", params={"speaker": "Islamic Resistance Movement"})
    assert "the accusation" in denials.text
    assert "Hamas fired rockets at Sderot on Monday" not in denials.text
    assert "/api/statements.csv?speaker=" in denials.text


def test_timeline_bars_link_to_exactly_their_events(client) -> None:  # noqa: F811
    page = client.get("/timeline", params={"actor": "hamas"})
    assert page.status_code == 200
    bars = re.findall(
        r'<a class="bar" href="([^"]+)" data-type="(\w+)" data-day="([\d-]+)" '
        r'data-n="(\d+)"',
        page.text,
    )
    assert {(t, d, int(n)) for _, t, d, n in bars} == {
        ("ASSAULT", "2024-10-08", 1),
        ("REJECT", "2024-10-08", 1),
    }
    for href, _, _, n in bars:
        listed = client.get("/api/events?" + html.unescape(href).split("?", 1)[1]).json()
        assert listed["total"] == int(n)


def test_network_edges_link_to_exactly_their_events(client) -> None:  # noqa: F811
    page = client.get("/network")
    assert page.status_code == 200
    edges = re.findall(
        r'<a class="edge" href="([^"]+)" data-source="([^"]+)" data-target="([^"]+)" '
        r'data-type="(\w+)" data-n="(\d+)"',
        page.text,
    )
    assert [(s, t, k, int(n)) for _, s, t, k, n in edges] == [("hamas", "idf", "REJECT", 1)]
    listed = client.get("/api/events?" + html.unescape(edges[0][0]).split("?", 1)[1]).json()
    assert [e["id"] for e in listed["items"]] == ["e2"]
    assert client.get("/network", params={"type": "assault"}).text.count('class="edge"') == 0


def test_events_sort(client) -> None:  # noqa: F811
    def order(**params) -> list[str]:
        items = client.get("/api/events", params=params).json()["items"]
        return [e["id"] for e in items]

    assert order() == ["e1", "e2", "e3"]  # newest article first, then reading order
    assert order(sort="type") == ["e1", "e3", "e2"]  # ASSAULT before REJECT
    assert client.get("/api/events", params={"sort": "sideways"}).status_code == 422
    page = client.get("/events", params={"sort": "type"}).text
    assert page.index("REJECT</") > page.rindex("ASSAULT</")


@pytest.mark.parametrize(
    "args",
    [(None, None, 50, 0), ("hamas", None, 50, 0), (None, "ARMED GROUP", 1, 0), (None, None, 1, 1)],
)
def test_memoised_actor_ranking_answers_as_the_sql_does(store, args: tuple) -> None:  # noqa: F811
    """A read-only DuckDB store ranks actors from counts taken once; other stores in SQL."""
    from newsgraph.web.queries import Reader

    memoised, counted = Reader(store), Reader(store)
    counted.frozen = False
    assert memoised.frozen
    assert memoised.actors(*args).to_dict() == counted.actors(*args).to_dict()


@pytest.mark.parametrize("actor_id", ["hamas", "idf", "nosuch"])
def test_memoised_actor_detail_answers_as_the_sql_does(store, actor_id: str) -> None:  # noqa: F811
    from newsgraph.web.queries import Reader

    memoised, counted = Reader(store), Reader(store)
    counted.frozen = False
    assert memoised.actor(actor_id) == counted.actor(actor_id)
