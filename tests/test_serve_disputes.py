""" "Disputed by" lists are capped: a claim repeated across a big store can be disputed by
hundreds of statements, so the API lists the first ten and counts the rest, and the pages say
"n more". Over the hand-written record with fourteen disputing statements from other articles.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import duckdb
import pytest

pytest.importorskip("fastapi", reason="newsgraph serve needs the api extra")
from fastapi.testclient import TestClient
from test_serve_api import HAND_ID, LOCAL, build_store

from newsgraph.store import open_store
from newsgraph.web import create_app
from newsgraph.web.items import DISPUTED_BY_CAP

OTHERS = 14


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    db = tmp_path_factory.mktemp("disputes") / "web.duckdb"
    build_store(db, [])
    with duckdb.connect(str(db)) as con:
        for k in range(OTHERS):
            con.execute(
                "INSERT INTO claim_links (article_id, from_id, to_article_id, to_id, relation, "
                "origin) VALUES (?, 's1', ?, 's1', ?, 'link')",
                [f"other-{k:02d}", HAND_ID, "denies" if k % 2 else "disputes"],
            )
        # e1 reported again in two stored articles and one the store does not hold
        for article_id, title, day in (("rep-b", "Second report", 9), ("rep-a", "First", 8)):
            con.execute(
                "INSERT INTO articles (id, outlet, title, published, text, ingested_at) "
                "VALUES (?, 'Other Wire', ?, ?, 'x', now())",
                [article_id, title, f"2024-10-{day:02d}"],
            )
        for article_id, event_id in ((HAND_ID, "e1"), ("rep-b", "e4"), ("rep-a", "e2"),
                                     ("gone", "e1"), (HAND_ID, "e2")):  # fmt: skip
            con.execute(
                "INSERT INTO event_cluster_members (cluster_id, article_id, event_id) "
                "VALUES ('c1', ?, ?)",
                [article_id, event_id],
            )
    with open_store(db, read_only=True) as store:
        yield TestClient(create_app(store), base_url=LOCAL, follow_redirects=False)


def disputers_in_store(client: TestClient) -> int:
    return client.app.state.reader.store._fetchall(
        "SELECT count(*) FROM claim_links WHERE to_article_id = ? AND to_id = 's1' "
        "AND relation IN ('disputes', 'denies')",
        [HAND_ID],
    )[0][0]


def test_the_api_lists_the_first_ten_and_counts_the_rest(client: TestClient) -> None:
    items = client.get("/api/statements", params={"limit": 500}).json()["items"]
    s1 = next(s for s in items if s["article"]["id"] == HAND_ID and s["id"] == "s1")
    total = disputers_in_store(client)
    assert total >= OTHERS
    assert len(s1["disputed_by"]) == DISPUTED_BY_CAP
    assert s1["disputed_by_more"] == total - DISPUTED_BY_CAP
    assert [d["article_id"] for d in s1["disputed_by"]] == sorted(
        d["article_id"] for d in s1["disputed_by"]
    )
    s2 = next(s for s in items if s["article"]["id"] == HAND_ID and s["id"] == "s2")
    assert s2["disputed_by_more"] == 0


def test_the_pages_show_the_cap_and_say_how_many_more(client: TestClient) -> None:
    total = disputers_in_store(client)
    listing = client.get("/statements").text
    assert f"and {total - 5:,} more" in listing  # the table shows five of the ten, then counts
    article = client.get(f"/articles/{HAND_ID}").text
    card = article[article.index('id="statement-s1"') :]
    card = card[: card.index("</dd>", card.index("Disputed by"))]
    # ten listed: the article's own s2 first, then the first nine from other articles
    assert 'data-key="st1">s2</a>' in card
    assert len(set(re.findall(r"other-\d\d", card))) == DISPUTED_BY_CAP - 1
    assert f"and {total - DISPUTED_BY_CAP:,} more statements in other articles" in card


def test_also_reported_lists_the_stored_articles_of_the_cluster_oldest_first(
    client: TestClient,
) -> None:
    view = client.app.state.reader.article_view(HAND_ID)
    # by publication day, then article id ("gone" is not in the store)
    assert [(o["article_id"], o["other_event_id"]) for o in view.clusters["e1"]] == [
        (HAND_ID, "e2"),
        ("rep-a", "e2"),
        ("rep-b", "e4"),
    ]
    assert view.clusters["e1"][1]["title"] == "First"
    assert view.clusters["e1"][1]["published"] == "2024-10-08"
    assert [o["other_event_id"] for o in view.clusters["e2"]] == ["e1", "e2", "e4"]
