"""The web UI's JSON API and pages (``newsgraph serve``), through FastAPI's TestClient.

The store holds three short articles written for these tests, run through the real pipeline
(one of them hostile: HTML and script in its title, outlet and text), and one record written
by hand, so that the exact-JSON tests do not move when the extractors improve. It runs on
DuckDB always, and on PostgreSQL too when NEWSGRAPH_TEST_POSTGRES_URL names a database.
"""

from __future__ import annotations

import csv
import html
import io
import os
import re
import uuid
import warnings
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from needs import need_module, skip_or_fail

pytest.importorskip("fastapi", reason="the web UI needs the api extra (fastapi, uvicorn, jinja2)")
pytest.importorskip("jinja2", reason="the web UI needs the api extra (fastapi, uvicorn, jinja2)")

with warnings.catch_warnings():  # newer Starlette asks for httpx2; httpx works the same
    warnings.filterwarnings("ignore", message=".*httpx2")
    from fastapi.testclient import TestClient

from newsgraph.model import Article
from newsgraph.store import open_store
from newsgraph.web import create_app
from newsgraph.web.highlight import Mark, record_marks, render_text

POSTGRES_URL = os.environ.get("NEWSGRAPH_TEST_POSTGRES_URL")
LOCAL = "http://localhost"  # the server answers local host names only, unless told others

# Seed-format articles (fictional, written for these tests), annotated by the real pipeline.
SEED_ARTICLES = {
    "depot": (
        "date 2024-08-02 Drone strike hits depot near Khan Younis\n"
        "By Harbour Post\n"
        "The Israeli army said it struck a weapons depot near Khan Younis on Friday, killing "
        "four people.\n"
        "Hamas accused Israel of committing a massacre against displaced families.\n"
        '"We will respond to this aggression," Hamas spokesman Abu Obeida said.\n'
        "The army denied the claim and said the depot belonged to Hamas.\n"
    ),
    "kharkiv": (
        "date 2024-09-10 Russian missiles hit Kharkiv, two killed\n"
        "By North Wire\n"
        "Russian forces fired three missiles at Kharkiv on Tuesday, killing two civilians, "
        "regional governor Oleh Syniehubov said.\n"
        "The Kremlin denied targeting civilians.\n"
        'Ukraine\'s President Volodymyr Zelensky warned that Russia "will pay for this terror".\n'
    ),
    "hostile": (
        'date 2024-10-01 Protest in <b>Caracas</b> <img src=x onerror="window.__pwned=1">\n'
        "By Test <i>Outlet</i>\n"
        "<script>window.__pwned = 2;</script>Police arrested 20 protesters in Caracas on "
        "Monday, the opposition said.\n"
        '<img src=x onerror="window.__pwned=3"> The government called the protesters '
        '"fascists".\n'
    ),
}

# A record written by hand in the contract's shape.
HAND_ID = "hand-0001"
HAND_TEXT = (
    "Hamas fired rockets at Sderot on Monday, army spokesman Avi Levi said, calling the attack "
    "terrorism. Hamas denied the accusation. The army did not strike the port."
)
HAND_TITLE = "<i>Rockets</i> hit Sderot"


def span(needle: str, nth: int = 0, text: str = HAND_TEXT) -> dict[str, Any]:
    start = -1
    for _ in range(nth + 1):
        start = text.index(needle, start + 1)
    return {"start": start, "end": start + len(needle), "text": needle}


def hand_article() -> Article:
    return Article(
        id=HAND_ID,
        text=HAND_TEXT,
        title=HAND_TITLE,
        outlet="Test Wire",
        published=date(2024, 10, 8),
        url="javascript:alert(1)",  # never to become a link
        language="en",
        raw=HAND_TEXT.encode(),
        source="hand/0001.txt",
        format="text",
    )


def hand_record() -> dict[str, Any]:
    spokesman = span("army spokesman Avi Levi")
    return {
        "article": hand_article().meta(),
        "actors": [
            {
                "id": "hamas",
                "name": "Hamas",
                "type": "armed group",
                "country": "PS",
                "affiliation": None,
                "mentions": [span("Hamas"), span("Hamas", 1)],
            },
            {
                "id": "idf",
                "name": "Israel Defense Forces",
                "type": "military",
                "country": "IL",
                "affiliation": "israel",
                "mentions": [spokesman, span("The army")],
            },
        ],
        "statements": [
            {
                "id": "s1",
                "speaker": {"actor": "idf", "span": spokesman},
                "cue": {"lemma": "say", "span": span("said")},
                "content": [span("Hamas fired rockets at Sderot on Monday")],
                "kind": "indirect",
                "act": "accusation",
                "addressee": None,
                "time": "t1",
                "place": "newsgraph:sderot",
                "disputes": None,
            },
            {
                "id": "s2",
                "speaker": {"actor": "hamas", "span": span("Hamas", 1)},
                "cue": {"lemma": "deny", "span": span("denied")},
                "content": [span("the accusation")],
                "kind": "indirect",
                "act": "denial",
                "addressee": None,
                "time": None,
                "place": None,
                "disputes": "s1",
            },
        ],
        "events": [
            {
                "id": "e1",
                "type": "ASSAULT",
                "mode": "missiles",
                "cameo": "19",
                "quad": "material_conflict",
                "source": {"actor": "hamas", "span": span("Hamas")},
                "target": {"actor": None, "span": span("Sderot")},
                "place": "newsgraph:sderot",
                "time": "t1",
                "magnitude": {},
                "evidence": [span("fired")],
                "attributed_to": "s1",
                "negated": False,
                "hypothetical": False,
                "disputed": True,
                "future": False,
                "place_inferred": False,
            },
            {
                "id": "e2",
                "type": "REJECT",
                "mode": None,
                "cameo": "12",
                "quad": "verbal_conflict",
                "source": {"actor": "hamas", "span": span("Hamas", 1)},
                "target": {"actor": "idf", "span": None},
                "place": None,
                "time": None,
                "magnitude": {},
                "evidence": [span("denied")],
                "attributed_to": None,
                "negated": False,
                "hypothetical": False,
                "disputed": False,
                "future": False,
                "place_inferred": False,
            },
            {
                "id": "e3",
                "type": "ASSAULT",
                "mode": None,
                "cameo": "18",
                "quad": "material_conflict",
                "source": {"actor": "idf", "span": span("The army")},
                "target": {"actor": None, "span": span("the port")},
                "place": None,
                "time": None,
                "magnitude": {},
                "evidence": [span("strike")],
                "attributed_to": None,
                "negated": True,
                "hypothetical": False,
                "disputed": False,
                "future": False,
                "place_inferred": False,
            },
        ],
        "places": [
            {
                "id": "newsgraph:sderot",
                "name": "Sderot",
                "feature": "city",
                "country": "IL",
                "admin1": None,
                "lat": 31.525,
                "lon": 34.596,
                "mentions": [span("Sderot")],
            }
        ],
        "times": [
            {
                "id": "t1",
                "span": span("Monday"),
                "value": "2024-10-07",
                "granularity": "day",
                "type": "DATE",
            }
        ],
        "framing": [
            {"span": span("terrorism"), "term": "terrorism", "category": "labelling",
             "speaker": "idf"},
        ],
    }  # fmt: skip


def annotate_seed_articles(folder: Path) -> list[tuple[dict[str, Any], Article]]:
    """The seed articles through the real reader and pipeline: (record, article) pairs."""
    from newsgraph.pipeline import Annotator
    from newsgraph.read import read_inputs

    folder.mkdir(parents=True, exist_ok=True)
    for name, text in SEED_ARTICLES.items():
        (folder / f"{name}.txt").write_text(text, encoding="utf-8")
    articles = list(read_inputs([str(folder)], "seed"))
    assert all(isinstance(a, Article) for a in articles), articles
    return list(zip(Annotator().annotate(articles), articles, strict=True))


def build_store(target: str | Path, annotated: list[tuple[dict[str, Any], Article]]) -> dict:
    """Write the annotated articles and the hand record; returns article ids by name."""
    with open_store(target) as store:
        run_id = store.begin_run({"command": "test"})
        store.write_records(annotated, run_id)
        store.write_record(hand_record(), hand_article(), run_id)  # last: its names win
        store.finish_run(run_id, {"stored": len(annotated) + 1})
    ids = {Path(a.source).stem: a.id for _, a in annotated}
    return {**ids, "hand": HAND_ID}


# --- fixtures -----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def annotated(tmp_path_factory: pytest.TempPathFactory) -> list:
    return annotate_seed_articles(tmp_path_factory.mktemp("seed"))


@pytest.fixture(scope="module", params=["duckdb", "postgres"])
def store_target(request: pytest.FixtureRequest, tmp_path_factory) -> Iterator[str]:
    if request.param == "duckdb":
        yield str(tmp_path_factory.mktemp("store") / "web.duckdb")
        return
    if not POSTGRES_URL:
        skip_or_fail("PostgreSQL tests need NEWSGRAPH_TEST_POSTGRES_URL (a database to write to)")
    psycopg = need_module("psycopg", "PostgreSQL tests need psycopg (postgres extra)")
    schema = f"ng_test_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(POSTGRES_URL, autocommit=True) as con:
        con.execute(f"CREATE SCHEMA {schema}")
    joiner = "&" if "?" in POSTGRES_URL else "?"
    try:
        yield f"{POSTGRES_URL}{joiner}options=-csearch_path%3D{schema}"
    finally:
        with psycopg.connect(POSTGRES_URL, autocommit=True) as con:
            con.execute(f"DROP SCHEMA {schema} CASCADE")


@pytest.fixture(scope="module")
def ids(store_target: str, annotated: list) -> dict[str, str]:
    return build_store(store_target, annotated)


@pytest.fixture(scope="module")
def client(store_target: str, ids: dict[str, str]) -> Iterator[TestClient]:
    with open_store(store_target, read_only=True) as store:
        yield TestClient(create_app(store), base_url=LOCAL, follow_redirects=False)


def get_json(client: TestClient, url: str, **params: Any) -> Any:
    response = client.get(url, params=params)
    assert response.status_code == 200, (url, response.text)
    return response.json()


def hand_ref() -> dict[str, Any]:
    return {
        "id": HAND_ID,
        "title": HAND_TITLE,
        "outlet": "Test Wire",
        "published": "2024-10-08",
        "url": "javascript:alert(1)",
    }


# --- the API ------------------------------------------------------------------------------


def test_health(client: TestClient) -> None:
    health = get_json(client, "/api/health")
    assert health["status"] == "ok"
    assert health["articles"] == 4
    assert health["backend"] in ("duckdb", "postgresql")
    assert client.app.state.reader.store.read_only


def test_articles_newest_first_with_counts(client: TestClient, ids: dict[str, str]) -> None:
    page = get_json(client, "/api/articles")
    assert (page["total"], page["limit"], page["offset"]) == (4, 50, 0)
    assert [a["published"] for a in page["items"]] == [
        "2024-10-08",
        "2024-10-01",
        "2024-09-10",
        "2024-08-02",
    ]
    hand = page["items"][0]
    assert hand == {**hand_ref(), "language": "en", "statements": 2, "events": 3}
    depot = next(a for a in page["items"] if a["id"] == ids["depot"])
    assert depot["title"] == "Drone strike hits depot near Khan Younis"
    assert depot["outlet"] == "Harbour Post"
    assert depot["statements"] >= 2 and depot["events"] >= 2


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"q": "KHARKIV"}, ["kharkiv"]),
        ({"q": "north wire"}, ["kharkiv"]),  # the outlet too
        ({"outlet": "Harbour Post"}, ["depot"]),
        ({"date_from": "2024-09-01", "date_to": "2024-10-01"}, ["hostile", "kharkiv"]),
        ({"q": "%"}, []),  # a LIKE wildcard is taken literally
        ({"q": "sderot", "outlet": "Harbour Post"}, []),
    ],
)
def test_article_filters(client: TestClient, ids: dict, params: dict, expected: list) -> None:
    page = get_json(client, "/api/articles", **params)
    assert [a["id"] for a in page["items"]] == [ids[name] for name in expected]
    assert page["total"] == len(expected)


def test_pagination_pages_are_disjoint_and_complete(client: TestClient) -> None:
    everything = get_json(client, "/api/articles")["items"]
    first = get_json(client, "/api/articles", limit=3, offset=0)
    second = get_json(client, "/api/articles", limit=3, offset=3)
    assert (first["total"], second["total"]) == (4, 4)
    assert len(first["items"]) == 3 and len(second["items"]) == 1
    assert first["items"] + second["items"] == everything
    assert get_json(client, "/api/articles", offset=10)["items"] == []
    for bad in ({"limit": 0}, {"limit": 501}, {"offset": -1}, {"date_from": "yesterday"}):
        assert client.get("/api/articles", params=bad).status_code == 422


def test_article_record_is_the_contract_record(client: TestClient) -> None:
    assert get_json(client, f"/api/articles/{HAND_ID}") == hand_record()
    assert get_json(client, "/api/articles/hand-00")["article"]["id"] == HAND_ID  # a prefix


def test_pipeline_record_spans_point_into_the_text(client: TestClient, ids: dict) -> None:
    record = get_json(client, f"/api/articles/{ids['kharkiv']}")
    text = record["article"]["text"]
    marks, skipped = record_marks(record)
    assert marks and skipped == 0
    assert all(text[m.start : m.end] for m in marks)
    assert any(s["cue"]["lemma"] == "say" for s in record["statements"])


def test_statement_json(client: TestClient) -> None:
    page = get_json(client, "/api/statements", article=HAND_ID, act="accusation")
    assert page["total"] == 1
    assert page["items"] == [
        {
            "id": "s1",
            "speaker": {
                "actor": "idf",
                "span": {"start": 41, "end": 64, "text": "army spokesman Avi Levi"},
                "name": "Israel Defense Forces",
            },
            "cue": {"lemma": "say", "span": {"start": 65, "end": 69, "text": "said"}},
            "content": [{"start": 0, "end": 39, "text": "Hamas fired rockets at Sderot on Monday"}],
            "kind": "indirect",
            "act": "accusation",
            "addressee": None,
            "time": "t1",
            "place": "newsgraph:sderot",
            "disputes": None,
            "addressee_name": None,
            "time_value": "2024-10-07",
            "place_name": "Sderot",
            "disputed_by": [{"article_id": HAND_ID, "id": "s2", "relation": "disputes"}],
            "disputed_by_more": 0,
            "article": hand_ref(),
        }
    ]


def test_event_json(client: TestClient) -> None:
    page = get_json(client, "/api/events", article=HAND_ID, type="ASSAULT", negated="false")
    assert page["items"] == [
        {
            "id": "e1",
            "type": "ASSAULT",
            "mode": "missiles",
            "cameo": "19",
            "quad": "material_conflict",
            "source": {
                "actor": "hamas",
                "span": {"start": 0, "end": 5, "text": "Hamas"},
                "name": "Hamas",
            },
            "target": {
                "actor": None,
                "span": {"start": 23, "end": 29, "text": "Sderot"},
                "name": None,
            },
            "place": "newsgraph:sderot",
            "time": "t1",
            "magnitude": {},
            "evidence": [{"start": 6, "end": 11, "text": "fired"}],
            "attributed_to": "s1",
            "negated": False,
            "hypothetical": False,
            "disputed": True,
            "future": False,
            "place_inferred": False,
            "place_name": "Sderot",
            "time_value": "2024-10-07",
            "attributed_speaker": {
                "actor": "idf",
                "name": "Israel Defense Forces",
                "span": {"start": 41, "end": 64, "text": "army spokesman Avi Levi"},
            },
            "article": hand_ref(),
        }
    ]


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({}, ["e1", "e2", "e3"]),
        ({"provenance": "asserted"}, ["e2", "e3"]),
        ({"provenance": "attributed"}, ["e1"]),
        ({"negated": "true"}, ["e3"]),
        ({"disputed": "true"}, ["e1"]),
        ({"type": "REJECT"}, ["e2"]),
        ({"actor": "hamas"}, ["e1", "e2"]),
        ({"actor": "idf"}, ["e2", "e3"]),
        ({"actor": "idf", "role": "source"}, ["e3"]),
        ({"actor": "idf", "role": "target"}, ["e2"]),
        ({"place": "newsgraph:sderot"}, ["e1"]),
        ({"date_to": "2024-10-07"}, []),
    ],
)
def test_event_filters(client: TestClient, params: dict, expected: list) -> None:
    page = get_json(client, "/api/events", article=HAND_ID, **params)
    assert [e["id"] for e in page["items"]] == expected


def test_event_filters_across_articles(client: TestClient, ids: dict) -> None:
    everything = get_json(client, "/api/events", limit=500)
    assert everything["total"] == len(everything["items"]) >= 5
    assert {e["article"]["id"] for e in everything["items"]} >= {ids["kharkiv"], HAND_ID}
    asserted = get_json(client, "/api/events", provenance="asserted", limit=500)["items"]
    attributed = get_json(client, "/api/events", provenance="attributed", limit=500)["items"]
    assert all(e["attributed_to"] is None for e in asserted)
    assert all(e["attributed_to"] and e["attributed_speaker"] for e in attributed)
    assert len(asserted) + len(attributed) == everything["total"]
    kharkiv = get_json(client, "/api/events", outlet="North Wire")["items"]
    assert kharkiv and {e["article"]["id"] for e in kharkiv} == {ids["kharkiv"]}
    paged = [
        e["article"]["id"] + e["id"]
        for offset in range(0, everything["total"], 4)
        for e in get_json(client, "/api/events", limit=4, offset=offset)["items"]
    ]
    assert paged == [e["article"]["id"] + e["id"] for e in everything["items"]]
    assert client.get("/api/events", params={"provenance": "maybe"}).status_code == 422


def test_events_csv_follows_the_filter(client: TestClient) -> None:
    response = client.get("/api/events.csv", params={"article": HAND_ID, "type": "ASSAULT"})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/csv")
    assert "attachment" in response.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert [(r["event_id"], r["asserted"], r["negated"]) for r in rows] == [
        ("e1", "false", "false"),
        ("e3", "true", "true"),
    ]
    assert rows[0]["attributed_speaker"] == "Israel Defense Forces"
    assert rows[0]["source_name"] == "Hamas" and rows[0]["place_name"] == "Sderot"
    assert rows[0]["title"] == HAND_TITLE
    everything = client.get("/api/events.csv").text
    assert (
        len(list(csv.DictReader(io.StringIO(everything))))
        == (get_json(client, "/api/events")["total"])
    )


def test_statements_list_and_filters(client: TestClient, ids: dict) -> None:
    disputed = get_json(client, "/api/statements", disputed="true", limit=500)["items"]
    assert ("hand-0001", "s1") in {(s["article"]["id"], s["id"]) for s in disputed}
    assert all(s["disputed_by"] for s in disputed)
    by_hamas = get_json(client, "/api/statements", speaker="hamas", article=HAND_ID)["items"]
    assert [(s["id"], s["act"], s["disputes"]) for s in by_hamas] == [("s2", "denial", "s1")]
    content = get_json(client, "/api/statements", q="FIRED ROCKETS")["items"]
    assert [s["id"] for s in content] == ["s1"]
    kharkiv = get_json(client, "/api/statements", article=ids["kharkiv"])
    assert kharkiv["total"] == len(kharkiv["items"]) >= 2


def test_actors(client: TestClient) -> None:
    page = get_json(client, "/api/actors", q="hama")
    hamas = next(a for a in page["items"] if a["id"] == "hamas")
    assert hamas["name"] == "Hamas" and hamas["type"] == "armed group"
    assert hamas["mentions"] >= 3 and hamas["articles"] == 2
    assert hamas["statements"] >= 1 and hamas["events"] >= 2
    everything = get_json(client, "/api/actors", limit=500)["items"]
    mentions = [a["mentions"] for a in everything]
    assert mentions == sorted(mentions, reverse=True)  # most mentioned first
    assert get_json(client, "/api/actors", type="military")["total"] >= 1


def test_actor_detail(client: TestClient) -> None:
    idf = get_json(client, "/api/actors/idf")
    assert idf["name"] == "Israel Defense Forces"
    assert idf["affiliation"] == "israel"
    said = {(s["article"]["id"], s["id"]) for s in idf["statement_page"]["items"]}
    assert (HAND_ID, "s1") in said
    assert idf["statement_page"]["total"] == idf["statements"]
    assert idf["event_page"]["total"] == idf["events"]
    assert "army spokesman Avi Levi" in {n["text"] for n in idf["names"]}
    assert "Test Wire" in next(n for n in idf["names"] if n["text"] == "The army")["outlets"]
    unresolved = [a["id"] for a in get_json(client, "/api/actors", q="unresolved:")["items"]]
    for actor_id in unresolved[:1]:  # ids with a colon work as a path segment
        assert get_json(client, f"/api/actors/{actor_id}")["id"] == actor_id


def test_unknown_ids_are_404(client: TestClient) -> None:
    for url in ("/api/articles/nope", "/api/actors/nobody", "/api/nothing"):
        response = client.get(url)
        assert response.status_code == 404, url
        assert "detail" in response.json()
    for url in ("/articles/nope", "/actors/nobody", "/nothing"):
        response = client.get(url)
        assert response.status_code == 404, url
        assert response.headers["content-type"].startswith("text/html")
        assert "Not found" in response.text and 'href="/"' in response.text
    assert "no article 'nope'" in client.get("/api/articles/nope").json()["detail"]


def test_openapi_schema_and_offline_docs(client: TestClient) -> None:
    schema = get_json(client, "/openapi.json")
    for path in ("/api/articles", "/api/articles/{article_id}", "/api/actors/{actor_id}",
                 "/api/events", "/api/events.csv", "/api/statements", "/api/health"):  # fmt: skip
        assert path in schema["paths"], path
    assert not any(p.startswith(("/articles", "/actors", "/events")) for p in schema["paths"])
    docs = client.get("/docs")
    assert docs.status_code == 200 and "/api/events" in docs.text
    links = re.findall(r'(?:src|href)="([^"]*)"', docs.text)
    assert links and not [link for link in links if "//" in link]  # nothing from elsewhere
    assert client.get("/redoc").status_code == 404


# --- the pages ------------------------------------------------------------------------------


def visible_text(page_html: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", page_html))


def test_highlighted_text_is_exactly_the_escaped_text() -> None:
    hostile = SEED_ARTICLES["hostile"]
    overlapping = [  # marks that cut through the markup in every way
        Mark(0, hostile.index("Caracas") + 20, "quote", "st0"),
        Mark(hostile.index("<b>") + 1, hostile.index("</b>") + 2, "actor", "ac0"),
        Mark(hostile.index("<script>"), hostile.index("Police") + 3, "event", "ev0", " k-attr"),
        Mark(hostile.index('"window'), hostile.index("Police"), "framing", "fr0"),
    ]
    for text, marks in ((HAND_TEXT, record_marks(hand_record())[0]), (hostile, overlapping)):
        rendered = render_text(text, marks)
        assert visible_text(str(rendered)) == text
        assert "<script" not in rendered and "<img" not in rendered and "<b>" not in rendered
    # overlapping marks: the innermost record comes first and gets the link
    rendered = render_text(HAND_TEXT, record_marks(hand_record())[0])
    assert '<a class="hl k-cue k-quote' not in rendered  # "said" is outside the content
    assert re.search(r'href="#rec-ev0" data-refs="ev0 st0">fired</a>', rendered)


def test_article_page_escapes_hostile_html(client: TestClient, ids: dict) -> None:
    response = client.get(f"/articles/{ids['hostile']}")
    assert response.status_code == 200
    page = response.text
    assert "<script>window" not in page and "<img src=x" not in page
    assert "<b>Caracas</b>" not in page and "<i>Outlet</i>" not in page
    assert "&lt;script&gt;window.__pwned = 2;&lt;/script&gt;" in page
    assert "Protest in &lt;b&gt;Caracas&lt;/b&gt;" in page
    assert "onerror=&#34;window.__pwned=3&#34;" in page
    scripts = re.findall(r"<script\b[^>]*>", page)
    assert scripts == ['<script src="/static/app.js" defer>']
    csp = response.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert response.headers["x-content-type-options"] == "nosniff"


def test_article_page_shows_the_evidence(client: TestClient) -> None:
    response = client.get(f"/articles/{HAND_ID}")
    assert response.status_code == 200
    page = response.text
    assert "&lt;i&gt;Rockets&lt;/i&gt; hit Sderot" in page
    assert 'href="javascript:' not in page  # the article's url is not a web address
    # the cue "said" links to statement s1's card, which names speaker, cue, act and dispute
    assert '<a class="hl k-cue" href="#rec-st0" data-refs="st0">said</a>' in page
    card = page[page.index('id="rec-st0"') : page.index('id="rec-st1"')]
    assert "Israel Defense Forces" in card and "accusation" in card and "indirect" in card
    assert "Disputed by" in card and 'data-key="st1"' in card
    events = page[page.index('<section id="events"') : page.index('<section id="actors"')]
    e1, e2, e3 = events.split('<article class="card event')[1:]
    assert "attributed" in e1 and "disputed" in e1 and "army spokesman Avi Levi" in e1
    assert "asserted by outlet" in e2
    assert "negated" in e3 and "asserted by outlet" in e3
    assert 'class="hl k-framing' in page and "labelling" in page
    assert visible_text(page[page.index('id="text"') :]).count(HAND_TEXT) == 1


def test_article_prefix_redirects(client: TestClient) -> None:
    response = client.get("/articles/hand-")
    assert response.status_code == 302
    assert response.headers["location"] == f"/articles/{HAND_ID}"


def test_pages_render(client: TestClient, ids: dict) -> None:
    home = client.get("/", params={"q": "kharkiv"})
    assert home.status_code == 200
    assert "Russian missiles hit Kharkiv, two killed" in home.text
    assert "Drone strike hits depot" not in home.text
    assert f'href="/articles/{ids["kharkiv"]}"' in home.text
    bad_date = client.get("/", params={"date_from": "soon"})
    assert bad_date.status_code == 200 and "is not a date" in bad_date.text

    actors = client.get("/actors", params={"q": "hamas"})
    assert actors.status_code == 200 and 'href="/actors/hamas"' in actors.text
    actor = client.get("/actors/hamas")
    assert actor.status_code == 200
    assert "Named as" in actor.text and "denial" in actor.text
    assert f'href="/articles/{HAND_ID}#statement-s2"' in actor.text

    events = client.get(
        "/events", params={"type": "ASSAULT", "provenance": "attributed", "negated": "false"}
    )
    assert events.status_code == 200
    assert "/api/events.csv?type=ASSAULT&amp;provenance=attributed&amp;negated=false" in (
        events.text
    )
    types = re.findall(r'<span class="etype">([^<]*)</span>', events.text)
    assert types and set(types) == {"ASSAULT"}
    assert f'href="/articles/{HAND_ID}#event-e1"' in events.text
    assert "hand-0001#event-e3" not in events.text  # negated: filtered out
    assert client.get("/events", params={"page": "0"}).status_code == 422


def test_articles_sort(client: TestClient) -> None:
    def listed(**params: Any) -> list[dict]:
        return get_json(client, "/api/articles", **params)["items"]

    titles = [a["title"] for a in listed(sort="title")]
    assert titles == sorted(titles, key=str.lower)
    newest = [a["published"] for a in listed()]
    assert [a["published"] for a in listed(sort="oldest")] == sorted(newest)
    outlets = [a["outlet"] for a in listed(sort="outlet")]
    assert outlets == sorted(outlets, key=str.lower)
    assert client.get("/", params={"sort": "title"}).status_code == 200


def test_the_future_flag_filters_events(client: TestClient) -> None:
    """No event of the hand record is planned or threatened: ``future=true`` finds none."""
    every = get_json(client, "/api/events", article=HAND_ID)["items"]
    assert every and all(item["future"] is False for item in every)
    assert get_json(client, "/api/events", article=HAND_ID, future="true")["items"] == []
    assert len(get_json(client, "/api/events", article=HAND_ID, future="false")["items"]) == len(
        every
    )
