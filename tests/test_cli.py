"""The real ``newsgraph`` entry point, end to end: annotate, ingest, show, export, actors, eval."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

REPO = Path(__file__).resolve().parents[1]
SEED = REPO.parent / "shared" / "seed" / "almayadeen-2024-07-29.txt"
EXAMPLES = REPO / "examples"
# the console script installed with the package: the entry point users run
SCRIPT = Path(sys.executable).with_name("newsgraph")
NEWSGRAPH = [str(SCRIPT)] if SCRIPT.exists() else [sys.executable, "-m", "newsgraph"]


def run(
    *args: str, cwd: Path | None = None, stdin: bytes | None = None
) -> subprocess.CompletedProcess:
    return subprocess.run(
        [*NEWSGRAPH, *args],
        cwd=cwd,
        input=stdin,
        capture_output=True,
        timeout=600,
        check=False,
    )


def assert_spans_exact(record: dict) -> int:
    """Every span in the record matches the article text; returns how many were checked."""
    text = record["article"]["text"]
    checked = 0

    def visit(node: object) -> None:
        nonlocal checked
        if isinstance(node, dict):
            if set(node) >= {"start", "end", "text"} and isinstance(node["start"], int):
                assert text[node["start"] : node["end"]] == node["text"], node
                checked += 1
            for value in node.values():
                visit(value)
        elif isinstance(node, list):
            for value in node:
                visit(value)

    visit({k: v for k, v in record.items() if k != "article"})
    return checked


@pytest.fixture(scope="module")
def seed_record() -> dict:
    if not SEED.exists():
        pytest.skip("../shared/seed is not beside the checkout")
    result = run("annotate", "--format", "seed", str(SEED))
    assert result.returncode == 0, result.stderr.decode()
    lines = result.stdout.decode().splitlines()
    assert len(lines) == 1
    return json.loads(lines[0])


def test_seed_record_has_the_contract_shape(seed_record: dict) -> None:
    assert set(seed_record) == {
        "article",
        "actors",
        "statements",
        "events",
        "places",
        "times",
        "framing",
    }
    article = seed_record["article"]
    assert set(article) == {"id", "outlet", "title", "published", "url", "language", "text"}
    assert article["outlet"] == "Al Mayadeen English"
    assert article["published"] == "2024-07-29"
    assert article["language"] == "en"
    assert article["text"].startswith("Al-Qassam Brigades shows a compilation")
    assert article["text"].endswith("detrimental to Israeli armored forces.")
    for actor in seed_record["actors"]:
        assert set(actor) >= {"id", "name", "type", "country", "affiliation", "mentions"}
    assert assert_spans_exact(seed_record) > 20


def test_seed_actors_are_resolved_with_every_mention(seed_record: dict) -> None:
    actors = {a["id"]: a for a in seed_record["actors"]}
    for actor_id in (
        "hezbollah",
        "israel",
        "al-qassam-brigades",
        "hassan-nasrallah",
        "benjamin-netanyahu",
        "yoav-gallant",
    ):
        assert actor_id in actors, f"{actor_id} missing from {sorted(actors)}"
    qassam = {m["text"] for m in actors["al-qassam-brigades"]["mentions"]}
    assert {
        "Al-Qassam Brigades",
        "al-Qassam Brigades",
        "Hamas' military wing",
        "Palestinian Resistance faction",
        "faction",
    } <= {t.removeprefix("The ").removeprefix("the ") for t in qassam}
    assert actors["al-qassam-brigades"]["affiliation"] == "hamas"
    assert len(actors["benjamin-netanyahu"]["mentions"]) == 3
    assert {m["text"] for m in actors["yoav-gallant"]["mentions"]} >= {"Yoav Gallant"}
    for actor in seed_record["actors"]:
        name = actor["name"].lower()
        assert "occupation" not in name and "resistance" not in name, actor


def test_annotate_reads_stdin_as_text_and_keeps_offsets() -> None:
    body = "  Hezbollah said on Monday that it fired rockets at an Israeli base.\n"
    result = run("annotate", "--format", "text", "--date", "2024-07-29", "-", stdin=body.encode())
    assert result.returncode == 0, result.stderr.decode()
    record = json.loads(result.stdout)
    assert record["article"]["text"] == body
    assert record["article"]["published"] == "2024-07-29"
    assert_spans_exact(record)


def test_annotate_reports_a_bad_input_and_goes_on(tmp_path: Path) -> None:
    (tmp_path / "a-empty.txt").write_bytes(b"")
    (tmp_path / "b-good.txt").write_text(
        "date 2024-03-05 Talks resume\nBy Test Wire\nEgypt hosted talks in Cairo on Monday.\n"
    )
    result = run("annotate", "--format", "seed", str(tmp_path), "-o", str(tmp_path / "out.jsonl"))
    assert result.returncode == 0, result.stderr.decode()
    records = [json.loads(line) for line in (tmp_path / "out.jsonl").read_text().splitlines()]
    assert len(records) == 2
    assert records[0]["error"]["code"] == "empty"
    assert records[1]["article"]["title"] == "Talks resume"


@pytest.mark.slow
def test_ingest_twice_stores_nothing_new_then_show_and_export(tmp_path: Path) -> None:
    db = tmp_path / "news.duckdb"
    first = run("ingest", str(EXAMPLES), "--db", str(db))
    assert first.returncode == 0, first.stderr.decode()
    n_files = len([p for p in EXAMPLES.rglob("*") if p.is_file() and p.name != "README.md"])
    assert " stored, 0 skipped" in first.stdout.decode()

    second = run("ingest", str(EXAMPLES), "--db", str(db))
    assert second.returncode == 0, second.stderr.decode()
    summary = second.stdout.decode()
    assert "0 stored" in summary, summary
    stored_first = int(first.stdout.decode().split(" stored")[0].split()[-1])
    assert f"{stored_first} skipped" in summary
    assert stored_first >= 15 and n_files >= 15

    export_dir = tmp_path / "export"
    exported = run("export", "--format", "csv", "--out", str(export_dir), "--db", str(db))
    assert exported.returncode == 0, exported.stderr.decode()
    articles = pd.read_csv(export_dir / "articles.csv")
    assert len(articles) == stored_first
    statements = pd.read_csv(export_dir / "statements.csv")
    assert len(statements) > stored_first  # examples are full of quotes

    article_id = articles["id"].iloc[0]
    shown = run("show", str(article_id)[:10], "--db", str(db))
    assert shown.returncode == 0, shown.stderr.decode()
    assert str(articles["title"].iloc[0])[:20] in shown.stdout.decode()


def test_actors_command_finds_side_vocabulary() -> None:
    result = run("actors", "Islamic Resistance in Lebanon")
    assert result.returncode == 0, result.stderr.decode()
    assert "hezbollah" in result.stdout.decode()


def test_help_lists_every_command() -> None:
    result = run("--help")
    assert result.returncode == 0
    for command in ("ingest", "annotate", "show", "export", "actors", "eval"):
        assert command in result.stdout.decode()


def test_eval_rejects_an_unknown_scorer() -> None:
    result = run("eval", "nonsense")
    assert result.returncode != 0
    assert "unknown scorer" in (result.stdout + result.stderr).decode()


def test_the_same_article_from_two_files_is_stored_once_with_both_sources(tmp_path: Path) -> None:
    article = (
        "date 2024-03-05 Talks resume in Cairo\nBy Test Wire\n"
        "Egypt hosted talks in Cairo on Monday, officials said.\n"
    )
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "copy-a.txt").write_text(article)
    (corpus / "copy-b.txt").write_text(article)
    db = tmp_path / "news.duckdb"
    result = run("ingest", str(corpus), "--db", str(db))
    assert result.returncode == 0, result.stderr.decode()
    assert "1 stored, 1 skipped, 0 failed" in result.stdout.decode()
    from newsgraph.store import open_store

    with open_store(str(db), read_only=True) as store:
        sources = sorted(Path(s).name for s in store.table("article_sources")["source"])
        assert store.counts()["articles"] == 1
    assert sources == ["copy-a.txt", "copy-b.txt"]


def test_show_prints_article_text_as_data_never_markup_or_escapes(tmp_path: Path) -> None:
    hostile = (
        "Officials said \x1b[2J\x1b[31mthe [bold red]talks[/bold red] failed on Monday in Cairo.\n"
    )
    (tmp_path / "a.txt").write_text(
        f"date 2024-03-05 Talks [link=x]fail[/link]\nBy Wire\n{hostile}"
    )
    db = tmp_path / "news.duckdb"
    assert run("ingest", str(tmp_path / "a.txt"), "--db", str(db)).returncode == 0
    from newsgraph.store import open_store

    with open_store(str(db), read_only=True) as store:
        article_id = store.table("articles")["id"].iloc[0]
    shown = run("show", article_id, "--db", str(db))
    assert shown.returncode == 0, shown.stderr.decode()
    text = shown.stdout.decode()
    assert "\x1b" not in text
    assert "[bold red]talks[/bold red]" in text
    assert "[link=x]fail[/link]" in text
