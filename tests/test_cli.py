"""The real ``newsgraph`` entry point, end to end: annotate, ingest, show, export, actors, eval."""

from __future__ import annotations

import json
import os
import shutil
import socket
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


def test_eval_without_gold_data_says_where_it_looked(tmp_path: Path) -> None:
    result = run("eval", "plover", "--data", str(tmp_path / "nosuch"))
    assert result.returncode == 2
    [line] = failure_lines(result)
    assert f"no gold data at {tmp_path / 'nosuch'}" in line and "--data" in line


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


# ---------------------------------------------------------------------------------------------
# failures a user can act on: one line naming the input, a non-zero exit, no traceback

ARTICLE = (
    "date 2024-03-05 Talks resume in Cairo\nBy Test Wire\n"
    "Egypt hosted talks in Cairo on Monday, officials said.\n"
)


def failure_lines(result: subprocess.CompletedProcess) -> list[str]:
    stderr = result.stderr.decode()
    assert "Traceback" not in stderr
    return [line for line in stderr.splitlines() if line.startswith(("error:", "failed:"))]


def test_ingest_of_a_missing_file_names_it_fails_and_creates_no_store(tmp_path: Path) -> None:
    db = tmp_path / "news.duckdb"
    result = run("ingest", str(tmp_path / "missing.txt"), "--db", str(db))
    assert result.returncode == 1
    [line] = failure_lines(result)
    assert "missing.txt" in line and "cannot read" in line
    assert "0 stored, 0 skipped, 1 failed" in result.stdout.decode()
    assert not db.exists()


def test_annotate_of_a_missing_file_names_it_in_the_record_and_fails(tmp_path: Path) -> None:
    missing = tmp_path / "missing.txt"
    result = run("annotate", str(missing))
    assert result.returncode == 1
    record = json.loads(result.stdout)
    assert set(record) == {"id", "error"} and set(record["error"]) == {"code", "message"}
    assert record["error"]["code"] == "unreadable"
    assert str(missing) in record["error"]["message"]
    [line] = failure_lines(result)
    assert str(missing) in line


@pytest.mark.parametrize(
    "command",
    [
        ("show", "abc"),
        ("export", "--format", "csv", "--out", "{tmp}/out"),
        ("link",),
        ("articles",),
        ("serve", "--port", "0"),
        ("story",),
        ("story", "ec-1"),
        ("errors",),
    ],
)
def test_commands_that_read_a_store_never_create_one(tmp_path: Path, command: tuple) -> None:
    db = tmp_path / "nosuch.duckdb"
    args = [part.format(tmp=tmp_path) for part in command]
    result = run(*args, "--db", str(db))
    assert result.returncode == 2, result.stderr.decode()
    [line] = failure_lines(result)
    assert f"no store at {db}" in line
    assert not db.exists()


@pytest.fixture(scope="module")
def two_article_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store holding two articles whose ids share the prefix ``dup-``."""
    folder = tmp_path_factory.mktemp("store")
    texts = {
        "dup-cairo": ("Talks resume in Cairo", "Egypt hosted talks in Cairo on Monday."),
        "dup-kyiv": ("Shelling in Kharkiv", "Russian forces shelled Kharkiv on Tuesday."),
    }
    lines = [
        json.dumps(
            {"id": key, "title": title, "text": text, "outlet": "Test Wire", "published": day}
        )
        for (key, (title, text)), day in zip(
            texts.items(), ("2024-03-05", "2024-03-06"), strict=True
        )
    ]
    (folder / "two.jsonl").write_text("\n".join(lines) + "\n")
    db = folder / "news.duckdb"
    result = run("ingest", str(folder / "two.jsonl"), "--db", str(db))
    assert result.returncode == 0, result.stderr.decode()
    assert "2 stored" in result.stdout.decode()
    return db


def test_show_of_an_ambiguous_prefix_says_so_in_one_line(two_article_store: Path) -> None:
    result = run("show", "dup", "--db", str(two_article_store))
    assert result.returncode == 1
    [line] = failure_lines(result)
    assert "matches several articles" in line and "dup-cairo" in line and "dup-kyiv" in line


def test_articles_lists_and_searches_stored_articles(two_article_store: Path) -> None:
    listed = run("articles", "--db", str(two_article_store), "--json")
    assert listed.returncode == 0, listed.stderr.decode()
    rows = [json.loads(line) for line in listed.stdout.decode().splitlines()]
    assert [(r["id"], r["published"]) for r in rows] == [
        ("dup-kyiv", "2024-03-06"),
        ("dup-cairo", "2024-03-05"),
    ]
    assert rows[0] == {**rows[0], "outlet": "Test Wire", "title": "Shelling in Kharkiv"}
    found = run("articles", "cairo", "--db", str(two_article_store), "--json")  # in the text
    assert [json.loads(line)["id"] for line in found.stdout.decode().splitlines()] == ["dup-cairo"]
    table = run("articles", "--db", str(two_article_store), "--limit", "1")
    assert "dup-kyiv" in table.stdout.decode() and "dup-cairo" not in table.stdout.decode()
    assert "2 article(s), first 1 shown" in table.stdout.decode()


def test_articles_table_shows_ids_whole_to_copy_into_show(tmp_path: Path) -> None:
    long_id = "wire-2024-03-05-cairo-talks-resume-after-a-week-of-shuttling"
    record = {"id": long_id, "text": "Egypt hosted talks in Cairo on Monday.", "title": "Talks"}
    (tmp_path / "one.jsonl").write_text(json.dumps(record) + "\n")
    db = str(tmp_path / "news.duckdb")
    assert run("ingest", str(tmp_path / "one.jsonl"), "--db", db).returncode == 0
    table = run("articles", "--db", db)  # not a terminal: 80 columns
    assert long_id in table.stdout.decode()


def test_story_takes_a_unique_id_prefix_and_says_what_is_wrong_in_one_line(
    two_article_store: Path, tmp_path: Path
) -> None:
    db = tmp_path / "copy.duckdb"
    shutil.copy(two_article_store, db)
    unlinked = run("story", "ec-", "--db", str(db))
    assert unlinked.returncode == 1
    assert "run `newsgraph link` first" in failure_lines(unlinked)[0]
    assert run("link", "--db", str(db)).returncode == 0
    from newsgraph.store import open_store

    with open_store(db, read_only=True) as store:
        ids = [row[0] for row in store.query("SELECT id FROM event_clusters ORDER BY id")]
    assert len(ids) >= 2  # a talk and a shelling
    # sorted ids: the first shares its longest prefix with the second; one more is unique
    shared = next((k for k, (a, b) in enumerate(zip(*ids[:2], strict=False)) if a != b), 0)
    prefix = ids[0][: shared + 1]
    found = run("story", prefix, "--db", str(db), "--json")
    assert found.returncode == 0, found.stderr.decode()
    assert json.loads(found.stdout)["id"].startswith(prefix)
    several = run("story", "ec-", "--db", str(db))
    assert several.returncode == 1
    [line] = failure_lines(several)
    assert "matches several stories" in line and ids[0] in line
    unknown = run("story", "ec-nosuch", "--db", str(db))
    assert unknown.returncode == 1
    assert "`newsgraph story` lists them" in failure_lines(unknown)[0]


def test_export_into_a_file_says_so_in_one_line(two_article_store: Path, tmp_path: Path) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text("mine\n")
    result = run("export", "--format", "csv", "--out", str(notes), "--db", str(two_article_store))
    assert result.returncode == 1
    [line] = failure_lines(result)
    assert "is a file, not a folder" in line
    assert notes.read_text() == "mine\n"


def test_serve_on_a_port_in_use_says_so_in_one_line(two_article_store: Path) -> None:
    with socket.socket() as holder:
        holder.bind(("127.0.0.1", 0))
        holder.listen()
        port = str(holder.getsockname()[1])
        result = run("serve", "--db", str(two_article_store), "--port", port)
    assert result.returncode == 1
    [line] = failure_lines(result)
    assert f"cannot listen on 127.0.0.1:{port}" in line and "--port" in line


def test_a_batch_with_bad_inputs_stores_the_good_ones_and_lists_the_bad(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text("Police detained two reporters in the capital on Sunday.\n")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "scan.pdf").write_bytes(b"%PDF-1.7\n" + bytes(range(256)))
    good_line = json.dumps({"id": "j1", "text": "Rebels shelled a village on Friday."})
    (folder / "feed.jsonl").write_text(good_line + "\n{broken\n")
    db = str(tmp_path / "news.duckdb")
    result = run("ingest", str(folder), "--db", db)
    assert result.returncode == 0, result.stderr.decode()
    assert "2 stored, 0 skipped, 3 failed" in result.stdout.decode()
    assert "`newsgraph errors --run last` lists them" in result.stdout.decode()
    assert len(failure_lines(result)) == 3
    listed = run("errors", "--db", db, "--run", "last", "--json")
    assert listed.returncode == 0, listed.stderr.decode()
    rows = [json.loads(line) for line in listed.stdout.decode().splitlines()]
    assert sorted((Path(r["source"]).name, r["code"]) for r in rows) == [
        ("empty.txt", "empty"),
        ("feed.jsonl#2", "bad_json"),
        ("scan.pdf", "binary"),
    ]
    table = run("errors", "--db", db)
    assert "3 failed input(s)" in table.stdout.decode() and "bad_json" in table.stdout.decode()


HOLD_READ_ONLY = (
    "import sys, duckdb\n"
    "con = duckdb.connect(sys.argv[1], read_only=True)\n"
    "print('ready', flush=True)\n"
    "sys.stdin.read()\n"
)


def test_ingest_while_another_process_reads_the_store(
    two_article_store: Path, tmp_path: Path
) -> None:
    (tmp_path / "more.txt").write_text(ARTICLE)
    reader = subprocess.Popen(
        [sys.executable, "-c", HOLD_READ_ONLY, str(two_article_store)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert reader.stdout.readline().strip() == "ready"
        result = run("ingest", str(tmp_path / "more.txt"), "--db", str(two_article_store))
        assert result.returncode == 1
        [line] = failure_lines(result)
        assert "open for reading in another process" in line and f"pid {reader.pid}" in line
        assert "being written" not in line
        debug = run("--debug", "ingest", str(tmp_path / "more.txt"), "--db", str(two_article_store))
        assert debug.returncode == 1 and "Traceback" in debug.stderr.decode()
    finally:
        reader.stdin.close()
        reader.wait(timeout=60)


def test_link_writes_into_an_existing_store(two_article_store: Path) -> None:
    result = run("link", "--db", str(two_article_store), "--json")
    assert result.returncode == 0, result.stderr.decode()
    assert json.loads(result.stdout)["articles"] == 2


def test_engine_help_shows_the_scale_extra_literally() -> None:
    result = subprocess.run(
        [*NEWSGRAPH, "ingest", "--help"],
        capture_output=True,
        timeout=120,
        check=False,
        env={**os.environ, "COLUMNS": "200"},
    )
    assert result.returncode == 0
    assert "newsgraph[scale]" in result.stdout.decode()


def test_progress_shows_a_total_counted_before_the_run(tmp_path: Path) -> None:
    (tmp_path / "two.txt").write_text(ARTICLE + "\n" + ARTICLE.replace("Cairo", "Doha"))
    (tmp_path / "empty.txt").write_text("")
    result = subprocess.run(
        [*NEWSGRAPH, "ingest", str(tmp_path), "--db", str(tmp_path / "news.duckdb")],
        capture_output=True,
        timeout=600,
        check=False,
        env={**os.environ, "FORCE_COLOR": "1", "COLUMNS": "200"},  # a terminal, as rich sees it
    )
    assert result.returncode == 0, result.stderr.decode()
    progress = result.stderr.decode()
    assert "0/3" in progress and "3/3" in progress and "eta" in progress


def test_readme_first_command_links_before_it_exports() -> None:
    first = next(
        line for line in (REPO / "README.md").read_text().splitlines() if "newsgraph ingest" in line
    )
    assert first.index("newsgraph ingest") < first.index("newsgraph link")
    assert first.index("newsgraph link") < first.index("newsgraph export")


NEWS_PLUGIN = """
from datetime import date

from newsgraph.read import InputFormat


def read_news(decoded, source, ctx):
    head, _, body = decoded.text.partition("\\n\\n")
    meta = dict(line.split(": ", 1) for line in head.splitlines())
    yield ctx.article(
        text=body, raw=decoded.data, source=source, fmt="news", title=meta["TITLE"],
        outlet=meta["OUTLET"], published=date.fromisoformat(meta["DATE"]),
    )


news = InputFormat("news", read_news, extensions=(".news",))
"""


def test_a_reader_installed_as_a_package_entry_point_works_end_to_end(tmp_path: Path) -> None:
    """What `pip install newsgraph-news` leaves behind: a module and its entry point."""
    site = tmp_path / "site"
    (site / "newsgraph_news").mkdir(parents=True)
    (site / "newsgraph_news" / "__init__.py").write_text(NEWS_PLUGIN)
    info = site / "newsgraph_news-0.1.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: newsgraph-news\nVersion: 0.1\n")
    (info / "entry_points.txt").write_text("[newsgraph_readers]\nnews = newsgraph_news:news\n")
    (tmp_path / "talks.news").write_text(
        "TITLE: Talks resume in Cairo\nOUTLET: Test Wire\nDATE: 2024-03-05\n\n"
        "Egypt hosted talks in Cairo on Monday, officials said.\n"
    )
    path = os.pathsep.join(filter(None, [str(site), os.environ.get("PYTHONPATH")]))
    result = subprocess.run(
        [*NEWSGRAPH, "annotate", str(tmp_path / "talks.news")],
        capture_output=True,
        timeout=600,
        check=False,
        env={**os.environ, "PYTHONPATH": path},
    )
    assert result.returncode == 0, result.stderr.decode()
    article = json.loads(result.stdout)["article"]
    assert (article["title"], article["outlet"], article["published"]) == (
        "Talks resume in Cairo",
        "Test Wire",
        "2024-03-05",
    )
