"""Answers kept by address, ETag and 304, and ``newsgraph serve`` with several processes.

The store holds the hand-written record only (no NLP pipeline); the real server in a
subprocess (``--workers 2``) is the one slow test.
"""

from __future__ import annotations

import http.client
import subprocess
import sys
import time
import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest
from helpers import stop_process

pytest.importorskip("fastapi", reason="the web UI needs the api extra (fastapi, uvicorn, jinja2)")
pytest.importorskip("jinja2", reason="the web UI needs the api extra (fastapi, uvicorn, jinja2)")

with warnings.catch_warnings():
    warnings.filterwarnings("ignore", message=".*httpx2")
    from fastapi.testclient import TestClient

from test_serve_api import HAND_ID, LOCAL, build_store

from newsgraph.store import Store, open_store
from newsgraph.web import create_app
from newsgraph.web.cache import CachedAnswer, ResponseCache, SharedFolder, etag_of, matches

PAGE = f"/articles/{HAND_ID}"


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("cache") / "web.duckdb"
    build_store(path, [])
    return path


@pytest.fixture(scope="module")
def store(db: Path) -> Iterator[Store]:
    with open_store(db, read_only=True) as opened:
        yield opened


def client_of(app: object) -> TestClient:
    return TestClient(app, base_url=LOCAL, follow_redirects=False)


def answer(body: bytes) -> CachedAnswer:
    return CachedAnswer(200, ((b"content-type", b"text/plain"),), body, etag_of(body))


def test_a_page_is_rendered_once_and_then_answered_from_the_cache(store: Store) -> None:
    app = create_app(store)
    client = client_of(app)
    first, second = client.get(PAGE), client.get(PAGE)
    assert first.status_code == second.status_code == 200
    assert first.content == second.content and HAND_ID in first.text
    assert app.response_cache.misses == 1 and app.response_cache.hits == 1
    # the security headers are added outside the cache, to kept answers as to fresh ones
    assert second.headers["content-security-policy"].startswith("default-src 'self'")
    assert second.headers["etag"] == first.headers["etag"]
    assert second.headers["cache-control"] == "private, no-cache"


def test_if_none_match_gets_304_without_a_body(store: Store) -> None:
    client = client_of(create_app(store))
    etag = client.get("/api/events?limit=5").headers["etag"]
    again = client.get("/api/events?limit=5", headers={"If-None-Match": f'W/{etag}, "other"'})
    assert again.status_code == 304 and again.content == b""
    assert again.headers["etag"] == etag and "x-content-type-options" in again.headers
    other = client.get("/api/events?limit=5", headers={"If-None-Match": '"stale"'})
    assert other.status_code == 200 and other.headers["etag"] == etag


def test_errors_and_downloads_are_not_kept(store: Store) -> None:
    app = create_app(store)
    client = client_of(app)
    for _ in range(2):
        missing = client.get("/articles/no-such-article")
        assert missing.status_code == 404 and "etag" not in missing.headers
        assert client.get("/api/events?limit=501").status_code == 422
        download = client.get("/api/events.csv")
        assert download.status_code == 200 and "etag" not in download.headers
    assert len(app.response_cache) == 0


def test_the_host_check_and_the_token_come_before_the_cache(store: Store) -> None:
    client = client_of(create_app(store, token="s3cret"))
    kept = client.get(PAGE, headers={"Authorization": "Bearer s3cret"})
    assert kept.status_code == 200
    assert client.get(PAGE).status_code == 401
    rebound = client.get(PAGE, headers={"Authorization": "Bearer s3cret", "Host": "evil.test"})
    assert rebound.status_code == 421


def test_head_of_a_kept_page_has_its_length_and_no_body(store: Store) -> None:
    client = client_of(create_app(store))
    body = client.get(PAGE).content
    head = client.head(PAGE)
    assert head.status_code == 200 and head.content == b""
    assert int(head.headers["content-length"]) == len(body)


def test_a_store_that_may_change_keeps_nothing_but_still_answers_304(tmp_path: Path) -> None:
    build_store(tmp_path / "open.duckdb", [])
    # read-write: someone may write between two requests
    with open_store(tmp_path / "open.duckdb") as writable:
        app = create_app(writable)
        client = client_of(app)
        etag = client.get(PAGE).headers["etag"]
        assert client.get(PAGE, headers={"If-None-Match": etag}).status_code == 304
        assert app.response_cache is None


def test_no_cache_when_asked_for_none(store: Store) -> None:
    assert create_app(store, cache_mb=0).response_cache is None


def test_the_least_recently_used_answer_goes_first_when_the_bytes_run_out() -> None:
    one = answer(b"x" * 1000)
    cache = ResponseCache(max_bytes=8 * one.size)  # room for eight, one at most an eighth
    for n in range(8):
        cache.put(f"/p{n}", one)
    assert cache.get("/p0") is not None  # now the most recently used
    cache.put("/p8", one)
    assert cache.get("/p1") is None and cache.get("/p0") is not None and len(cache) == 8
    cache.put("/huge", answer(b"x" * 2 * one.size))
    assert cache.get("/huge") is None


def test_processes_find_each_others_answers_in_the_shared_folder(tmp_path: Path) -> None:
    mine = ResponseCache(1 << 20, SharedFolder(tmp_path, 1 << 20))
    theirs = ResponseCache(1 << 20, SharedFolder(tmp_path, 1 << 20))
    kept = answer(b"rendered once")
    mine.put("/actors/hamas?", kept)
    assert theirs.get("/actors/hamas?") == kept
    assert theirs.get("/actors/hezbollah?") is None


def test_the_shared_folder_drops_its_oldest_files_over_budget(tmp_path: Path) -> None:
    folder = SharedFolder(tmp_path, max_bytes=10_000)
    for n in range(SharedFolder.SWEEP_EVERY):
        folder.write(f"/p{n}", answer(b"x" * 1000))
    assert sum(p.stat().st_size for p in tmp_path.iterdir()) <= 7_500
    assert folder.read(f"/p{SharedFolder.SWEEP_EVERY - 1}") is not None
    assert folder.read("/p0") is None


def test_if_none_match_forms() -> None:
    tag = etag_of(b"body")
    assert matches(tag.decode(), tag) and matches("*", tag) and matches(f"W/{tag.decode()}", tag)
    assert not matches(None, tag) and not matches('"nope"', tag)


def get(port: int, path: str, host: str = "localhost") -> http.client.HTTPResponse:
    con = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    con.request("GET", path, headers={"Host": host})
    response = con.getresponse()
    response.read()
    con.close()
    return response


@pytest.mark.slow
def test_serve_with_two_workers_guards_every_answer(db: Path) -> None:
    from test_serve_browser import free_port

    port = free_port()
    command = [sys.executable, "-m", "newsgraph", "serve", "--db", str(db), "--port", str(port)]
    process = subprocess.Popen(
        [*command, "--workers", "2", "--token", "s3cret"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            assert process.poll() is None, process.stderr.read().decode()
            try:
                if get(port, "/api/health").status == 401:
                    break
            except OSError:
                time.sleep(0.3)
        con = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        bearer = {"Host": "localhost", "Authorization": "Bearer s3cret"}
        for _ in range(6):  # new connections, so both processes answer some
            con.request("GET", PAGE, headers=bearer)
            response = con.getresponse()
            assert response.status == 200 and HAND_ID in response.read().decode()
            assert response.getheader("etag") and response.getheader("content-security-policy")
            con.close()
        assert get(port, PAGE).status == 401
        assert get(port, PAGE, host="evil.test").status == 421
    finally:
        stop_process(process, timeout=20)
    assert process.returncode is not None
    assert "with 2 processes" in " ".join(process.stderr.read().decode().split())  # rich wraps
