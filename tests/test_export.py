"""Exports: one file per table in Parquet, CSV and JSON Lines, readable by pandas; CSV cells
that a spreadsheet would run as formulas are escaped; JSON Lines also carries the records."""

from __future__ import annotations

import base64
import csv
import json
from datetime import date
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from newsgraph.export import escape_formula, export_store, read_store_frames
from newsgraph.model import Article
from newsgraph.store import open_store
from newsgraph.store.schema import get_table

TEXT = (
    "date 2024-08-02 Drone strike hits depot near Khan Younis\n"
    "By Harbour Post\n"
    '=HYPERLINK("x") is how the post began. The army said it struck a weapons depot near '
    "Khan Younis on Friday, killing 4. Hamas called the strike a massacre."
)


def span(needle: str, nth: int = 0) -> dict[str, Any]:
    start = -1
    for _ in range(nth + 1):
        start = TEXT.index(needle, start + 1)
    return {"start": start, "end": start + len(needle), "text": needle}


def make_article() -> Article:
    return Article(
        id="exp0001",
        text=TEXT,
        title="=cmd|' /C calc'!A0",  # a formula injection attempt in the title
        outlet="@HarbourPost",
        published=date(2024, 8, 2),
        url="https://example.org/depot",
        language="en",
        raw=b"\xef\xbb\xbf" + TEXT.encode("utf-8"),
        source="in/depot.txt",
        format="seed",
    )


def make_record(article: Article) -> dict[str, Any]:
    return {
        "article": article.meta(),
        "actors": [
            {"id": "idf", "name": "Israel Defense Forces", "type": "military", "country": "ISR",
             "affiliation": "israel", "mentions": [span("The army"), span("it", 1)]},
            {"id": "hamas", "name": "Hamas", "type": "armed group", "country": "PSE",
             "affiliation": None, "mentions": [span("Hamas")]},
        ],
        "statements": [
            {"id": "s1", "speaker": {"actor": "idf", "span": span("The army")},
             "cue": {"lemma": "say", "span": span("said")},
             "content": [span("it struck a weapons depot near Khan Younis on Friday, killing 4")],
             "kind": "indirect", "act": "claim", "addressee": None, "time": "t1",
             "place": "geonames:281133", "disputes": None},
        ],
        "events": [
            {"id": "e1", "type": "ASSAULT", "mode": "aerial", "cameo": "19",
             "quad": "material conflict", "source": {"actor": "idf", "span": span("it", 1)},
             "target": {"actor": None, "span": span("a weapons depot")},
             "place": "geonames:281133", "time": "t1", "magnitude": {"killed": 4},
             "evidence": [span("struck")], "attributed_to": "s1", "negated": False,
             "hypothetical": False, "disputed": False, "future": False,
             "place_inferred": False},
        ],
        "places": [
            {"id": "geonames:281133", "name": "Khan Yunis", "feature": "city", "country": "PS",
             "admin1": "Gaza Strip", "lat": 31.34, "lon": 34.31, "mentions": [span("Khan Younis")]},
        ],
        "times": [
            {"id": "t1", "span": span("Friday"), "value": "2024-08-02", "granularity": "day",
             "type": "DATE"},
        ],
        "framing": [
            {"span": span("massacre"), "term": "+massacre", "category": "loaded",
             "speaker": "hamas"},
            {"span": span("=HYPERLINK"), "term": "\tTAB", "category": "-test", "speaker": "outlet"},
        ],
    }  # fmt: skip


@pytest.fixture
def store(tmp_path: Path):
    with open_store(tmp_path / "export.duckdb") as opened:
        run_id = opened.begin_run({"model": "en_core_web_sm"})
        article = make_article()
        opened.write_record(make_record(article), article, run_id)
        opened.finish_run(run_id, {"stored": 1, "skipped": 0, "failed": 0})
        yield opened


def test_escape_formula():
    assert escape_formula("=1+1") == "'=1+1"
    assert escape_formula("+49 30") == "'+49 30"
    assert escape_formula("-2") == "'-2"
    assert escape_formula("@SUM(A1)") == "'@SUM(A1)"
    assert escape_formula("\tx") == "'\tx"
    assert escape_formula("\rx") == "'\rx"
    assert escape_formula("Hamas") == "Hamas"
    assert escape_formula("a=b") == "a=b"
    assert escape_formula("") == ""


@pytest.mark.parametrize("fmt", ["parquet", "csv", "jsonl"])
def test_one_file_per_table(store, tmp_path, fmt):
    written = export_store(store, fmt, tmp_path / "out")
    expected = [tmp_path / "out" / f"{name}.{fmt}" for name in store.tables()]
    if fmt == "jsonl":
        expected.append(tmp_path / "out" / "records.jsonl")
    assert written == expected
    assert all(path.exists() for path in written)


def test_parquet_loads_in_pandas_with_the_schema_columns(store, tmp_path):
    export_store(store, "parquet", tmp_path)
    statements = pd.read_parquet(tmp_path / "statements.parquet")
    assert list(statements.columns) == get_table("statements").column_names
    assert statements.loc[0, "content_text"] == (
        "it struck a weapons depot near Khan Younis on Friday, killing 4"
    )
    articles = pd.read_parquet(tmp_path / "articles.parquet")
    assert "raw" not in articles.columns
    assert articles.loc[0, "title"] == "=cmd|' /C calc'!A0"  # Parquet keeps values as they are
    assert articles.loc[0, "published"] == date(2024, 8, 2)
    events = pd.read_parquet(tmp_path / "events.parquet")
    assert events.loc[0, "killed"] == 4
    # An empty table still has its columns.
    clusters = pd.read_parquet(tmp_path / "event_clusters.parquet")
    assert list(clusters.columns) == get_table("event_clusters").column_names
    assert len(clusters) == 0


def test_csv_escapes_formula_cells_and_keeps_integers(store, tmp_path):
    export_store(store, "csv", tmp_path)
    articles = pd.read_csv(tmp_path / "articles.csv", keep_default_na=False)
    assert list(articles.columns) == [c for c in get_table("articles").column_names if c != "raw"]
    assert articles.loc[0, "title"] == "'=cmd|' /C calc'!A0"
    assert articles.loc[0, "outlet"] == "'@HarbourPost"
    assert articles.loc[0, "text"] == TEXT  # starts with "date": untouched, newlines kept
    framing = pd.read_csv(tmp_path / "framing.csv", keep_default_na=False)
    assert framing[["term", "category", "text"]].values.tolist() == [
        ["'+massacre", "loaded", "massacre"],
        ["'\tTAB", "'-test", "'=HYPERLINK"],
    ]
    with (tmp_path / "events.csv").open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert (rows[0]["killed"], rows[0]["injured"], rows[0]["negated"]) == ("4", "", "False")
    assert rows[0]["magnitude"] == '{"killed": 4}'
    assert (tmp_path / "event_clusters.csv").read_text().startswith("id,type,place_id,")


def test_csv_with_raw_bytes_as_base64(store, tmp_path):
    export_store(store, "csv", tmp_path, include_raw=True, tables=["articles"])
    articles = pd.read_csv(tmp_path / "articles.csv")
    assert base64.b64decode(articles.loc[0, "raw"]) == make_article().raw


def test_jsonl_tables_and_records(store, tmp_path):
    export_store(store, "jsonl", tmp_path)
    records = [json.loads(line) for line in (tmp_path / "records.jsonl").read_text().splitlines()]
    assert records == [make_record(make_article())]
    runs = pd.read_json(tmp_path / "runs.jsonl", lines=True)
    assert json.loads(runs.loc[0, "counts"]) == {"failed": 0, "skipped": 0, "stored": 1}
    lines = (tmp_path / "articles.jsonl").read_text().splitlines()
    article = json.loads(lines[0])
    assert article["published"] == "2024-08-02" and "raw" not in article
    assert (tmp_path / "claim_links.jsonl").read_text() == ""


def test_read_store_frames(store, tmp_path):
    store.close()
    frames = read_store_frames(tmp_path / "export.duckdb")
    assert list(frames) == store.tables()
    assert "raw" not in frames["articles"].columns
    assert frames["places"].loc[0, "name"] == "Khan Yunis"
    assert frames["mentions"]["text"].tolist() == ["Hamas", "The army", "it", "Khan Younis"]
    with_raw = read_store_frames(tmp_path / "export.duckdb", include_raw=True, tables=["articles"])
    assert list(with_raw) == ["articles"]
    assert with_raw["articles"].loc[0, "raw"] == make_article().raw


def test_unknown_format_is_refused(store, tmp_path):
    with pytest.raises(ValueError, match="unknown export format 'xlsx'"):
        export_store(store, "xlsx", tmp_path)  # type: ignore[arg-type]


def test_export_to_a_file_or_an_impossible_folder_says_so_plainly(tmp_path: Path) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text("mine\n")
    with open_store(tmp_path / "s.duckdb") as store:
        with pytest.raises(NotADirectoryError, match=r"notes\.txt is a file, not a folder"):
            export_store(store, "csv", notes)
        with pytest.raises(OSError, match=r"cannot make the export folder .*notes\.txt/sub"):
            export_store(store, "csv", notes / "sub")
    assert notes.read_text() == "mine\n"  # the user's file is untouched
