"""The web server's defences: bounded paging, strict dates, headers on every response (500s
included), HEAD and ``Allow``, the ``Host`` check against DNS rebinding, the optional token, and
schemathesis over the OpenAPI schema. The store holds the hand-written record only (no NLP
pipeline), so these run in seconds.
"""

from __future__ import annotations

import contextlib
import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest

pytest.importorskip("fastapi", reason="the web UI needs the api extra (fastapi, uvicorn, jinja2)")
pytest.importorskip("jinja2", reason="the web UI needs the api extra (fastapi, uvicorn, jinja2)")

with warnings.catch_warnings():
    warnings.filterwarnings("ignore", message=".*httpx2")
    from fastapi.testclient import TestClient

from test_serve_api import HAND_ID, LOCAL, build_store

# schemathesis loads its OpenAPI modules on first use, and pytest rewrites their assertions as
# they load; on CPython 3.11 that ast.parse can race another test's thread and fail spuriously
# ("AST constructor recursion depth mismatch", python/cpython#106905; CI hit it once in the
# schemathesis test). Loaded here, at collection, before any test starts a thread.
with contextlib.suppress(ImportError):
    import schemathesis.specs.openapi.schemas  # noqa: F401

from newsgraph.store import Store, open_store
from newsgraph.web import create_app

HEADERS = ("content-security-policy", "x-content-type-options", "x-frame-options")


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    db = tmp_path_factory.mktemp("guard") / "web.duckdb"
    build_store(db, [])
    with open_store(db, read_only=True) as opened:
        yield opened


@pytest.fixture(scope="module")
def client(store: Store) -> TestClient:
    return TestClient(create_app(store), base_url=LOCAL, follow_redirects=False)


HUGE = str(2**63)


@pytest.mark.parametrize(
    "url",
    [
        f"/api/events?offset={HUGE}",
        f"/api/articles?offset={HUGE}",
        f"/api/statements?offset={2**62}",
        f"/api/actors/hamas?offset={HUGE}",
        f"/?page={HUGE}",
        "/events?page=190000000000000000",
        f"/actors/hamas?epage={HUGE}",
        "/api/events?date_to=0",
        "/api/articles?date_from=1",
        "/api/statements?date_from=2024-02-30",
        "/api/events?limit=501",
    ],
)
def test_out_of_range_input_is_422_with_headers(client: TestClient, url: str) -> None:
    response = client.get(url)
    assert response.status_code == 422, response.text
    assert all(h in response.headers for h in HEADERS)


def test_a_bad_day_in_a_page_form_is_reported_not_read_as_1970(client: TestClient) -> None:
    response = client.get("/events", params={"date_to": "0"})
    assert response.status_code == 200
    assert "is not a date" in response.text


def test_a_whole_iso_day_is_still_accepted(client: TestClient) -> None:
    response = client.get("/api/events", params={"date_from": "2024-10-08"})
    assert response.status_code == 200
    assert {e["article"]["id"] for e in response.json()["items"]} == {HAND_ID}


def test_server_errors_carry_the_security_headers(store: Store, tmp_path: Path) -> None:
    app = create_app(store)

    @app.get("/api/boom")
    def boom() -> None:
        raise RuntimeError("boom")

    response = TestClient(app, base_url=LOCAL, raise_server_exceptions=False).get("/api/boom")
    assert response.status_code == 500
    assert all(h in response.headers for h in HEADERS)


def test_not_found_pages_carry_the_security_headers(client: TestClient) -> None:
    for url in ("/api/articles/nosuch", "/nosuch", "/static/nosuch.css"):
        response = client.get(url)
        assert response.status_code == 404
        assert all(h in response.headers for h in HEADERS), url


def test_head_is_answered_like_get_without_a_body(client: TestClient) -> None:
    got = client.get("/api/health")
    head = client.head("/api/health")
    assert head.status_code == 200
    assert head.content == b""
    assert head.headers["content-type"] == got.headers["content-type"]
    assert client.head("/events").status_code == 200
    assert client.head("/api/articles/nosuch").status_code == 404


def test_method_not_allowed_names_the_allowed_ones(client: TestClient) -> None:
    for url in ("/api/events", "/events"):
        response = client.post(url)
        assert response.status_code == 405
        assert set(response.headers["allow"].split(", ")) == {"GET", "HEAD"}


@pytest.mark.parametrize("host", ["localhost", "localhost:8000", "127.0.0.1:9", "[::1]:8000"])
def test_local_host_names_are_answered(store: Store, host: str) -> None:
    client = TestClient(create_app(store), base_url=LOCAL)
    assert client.get("/api/health", headers={"host": host}).status_code == 200


@pytest.mark.parametrize("host", ["attacker.example", "attacker.example:8000", "localhost.evil"])
def test_other_host_names_are_refused(store: Store, host: str) -> None:
    """A page on attacker.example whose name is re-pointed at 127.0.0.1 (DNS rebinding) sends
    its own name as Host: refused, so it cannot read the store."""
    client = TestClient(create_app(store), base_url=LOCAL)
    response = client.get("/api/health", headers={"host": host})
    assert response.status_code == 421
    assert "--allow-host" in response.json()["detail"]
    assert all(h in response.headers for h in HEADERS)


def test_allowed_hosts_extend_the_local_names(store: Store) -> None:
    client = TestClient(create_app(store, allowed_hosts=["news.internal"]), base_url=LOCAL)
    assert client.get("/", headers={"host": "news.internal:8000"}).status_code == 200
    assert client.get("/", headers={"host": "localhost"}).status_code == 200
    assert client.get("/", headers={"host": "other.internal"}).status_code == 421


def test_a_token_is_required_when_set(store: Store) -> None:
    client = TestClient(create_app(store, token="s3cret"), base_url=LOCAL, follow_redirects=False)
    assert client.get("/api/health").status_code == 401
    assert client.get("/api/health", headers={"authorization": "Bearer wrong"}).status_code == 401
    ok = client.get("/api/health", headers={"authorization": "Bearer s3cret"})
    assert ok.status_code == 200
    # a browser opens one link with ?token=, gets a cookie and the address without the token
    first = client.get("/events?type=ASSAULT&token=s3cret")
    assert first.status_code == 303
    assert first.headers["location"] == "/events?type=ASSAULT"
    assert "HttpOnly" in first.headers["set-cookie"]
    assert client.get("/events?type=ASSAULT").status_code == 200  # the cookie now goes along


def test_without_a_token_none_is_asked_for(client: TestClient) -> None:
    assert client.get("/api/health").status_code == 200


# --- schemathesis ----------------------------------------------------------------------------


def test_schemathesis_finds_no_server_errors(store: Store) -> None:
    """Every operation of the OpenAPI schema, with generated (including hostile) parameters:
    no 5xx, every response as the schema describes it. Bounded: a few examples each."""
    schemathesis = pytest.importorskip("schemathesis", reason="pip install schemathesis")
    from hypothesis import HealthCheck, Phase, given, settings
    from schemathesis import checks as sc

    app = create_app(store, allowed_hosts=["testserver"])  # the ASGI test client's name
    schema = schemathesis.openapi.from_asgi("/openapi.json", app)
    failures: list[str] = []
    for result in schema.get_all_operations():
        operation = result.ok()

        @given(case=operation.as_strategy())
        @settings(
            max_examples=15,
            deadline=None,
            derandomize=True,
            database=None,
            phases=[Phase.explicit, Phase.generate],
            suppress_health_check=list(HealthCheck),
        )
        def probe(case: object) -> None:
            response = case.call()
            try:
                case.validate_response(
                    response,
                    checks=[
                        sc.not_a_server_error,
                        sc.status_code_conformance,
                        sc.content_type_conformance,
                        sc.response_schema_conformance,
                    ],
                )
            except Exception as exc:  # collected, so one run reports every operation's failure
                failures.append(f"{case.operation.label}: {exc}"[:600])

        probe()
    assert failures == []
