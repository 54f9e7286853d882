"""The cluster path without Ray: workers' shards, resuming, and `load` giving ingest's store."""

from __future__ import annotations

import json
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from scale_fixtures import CountingAnnotator, generated_article, store_snapshot, write_corpus
from typer.testing import CliRunner

from newsgraph.cli import app
from newsgraph.ingestion import ingest
from newsgraph.pipeline import Annotator
from newsgraph.scale.load import load_shards
from newsgraph.scale.ray_data import ScaleRunError, files_per_shard, plan_inputs
from newsgraph.scale.shard_work import ReadOptions, annotate_to_shard, read_input
from newsgraph.scale.shards import ShardError, done_inputs, read_shards, shard_paths


@pytest.fixture(scope="module")
def annotator() -> Annotator:
    return Annotator(batch_size=4)


def mixed_corpus(folder: Path) -> list[str]:
    """Articles over two JSON Lines files (one repeated in both), a broken line, a French
    article, an empty file, a plain-text article: every kind of row a shard holds."""
    paths = write_corpus(folder, n_files=2, per_file=3)
    with open(paths[1], "a") as handle:
        handle.write(json.dumps(generated_article(0)) + "\n")  # also in the first file
        handle.write('{"text": 5}\n')
        french = "Le Hezbollah a tiré des roquettes sur le nord d'Israël lundi, selon l'armée."
        handle.write(json.dumps({"id": "fr-1", "text": french}) + "\n")
    (folder / "empty.txt").write_text("")
    (folder / "story.txt").write_text(generated_article(99)["text"] + "\n")
    return [*paths, str(folder / "empty.txt"), str(folder / "story.txt")]


def test_load_of_the_shards_gives_the_store_ingest_gives(tmp_path, annotator, monkeypatch):
    monkeypatch.chdir(tmp_path)  # relative input names, as a user types them
    inputs = [str(Path(p).relative_to(tmp_path)) for p in mixed_corpus(tmp_path / "corpus")]
    options = ReadOptions()
    annotate_to_shard(annotator, "shards", inputs[:2], options)
    annotate_to_shard(annotator, "shards", inputs[2:], options)

    loaded = load_shards("shards", "loaded.duckdb")
    ingested = ingest(inputs, "ingested.duckdb", workers=1)

    assert (
        loaded.summary()
        == ingested.summary()
        == ("8 stored, 1 skipped, 2 failed (1 not English: stored, not parsed)")
    )
    assert store_snapshot("loaded.duckdb") == store_snapshot("ingested.duckdb")


def test_loading_twice_changes_nothing(tmp_path, annotator):
    inputs = write_corpus(tmp_path / "corpus", n_files=2, per_file=2)
    annotate_to_shard(annotator, tmp_path / "shards", inputs, ReadOptions())
    store = tmp_path / "news.duckdb"
    load_shards(tmp_path / "shards", store)
    before = store_snapshot(store)

    again = load_shards(tmp_path / "shards", store)

    assert (again.stored, again.skipped, again.failed) == (0, 4, 0)
    assert store_snapshot(store) == before


def test_an_interrupted_shard_is_never_seen_and_its_inputs_are_redone(tmp_path):
    inputs = write_corpus(tmp_path / "corpus", n_files=3, per_file=2)
    shards = tmp_path / "shards"
    annotate_to_shard(CountingAnnotator(), shards, inputs[:1], ReadOptions())
    with pytest.raises(KeyboardInterrupt):
        # stops at the first article of the third file: two files already written, not done
        annotate_to_shard(CountingAnnotator(stop_at="gen-0004"), shards, inputs[1:], ReadOptions())

    assert [p.name.startswith("shard-") for p in shards.iterdir()] == [True]
    assert done_inputs(shards) == {inputs[0]}
    todo, missing, skipped = plan_inputs([str(tmp_path / "corpus")], shards)
    assert (todo, missing, skipped) == (inputs[1:], [], 1)

    annotate_to_shard(CountingAnnotator(), shards, todo, ReadOptions())
    assert done_inputs(shards) == set(inputs)
    # shards are read in name order (a hash of their inputs), rows in order within a shard
    assert sorted(r.item.id for r in read_shards(shard_paths(shards))) == [
        f"gen-{n:04d}" for n in range(6)
    ]


def test_a_half_written_temporary_file_is_left_out_of_a_load(tmp_path):
    inputs = write_corpus(tmp_path / "corpus", n_files=1, per_file=2)
    shards = tmp_path / "shards"
    annotate_to_shard(CountingAnnotator(), shards, inputs, ReadOptions())
    (shards / ".tmp-0123-shard-abc.parquet").write_bytes(b"PAR1 cut short")

    assert len(shard_paths(shards)) == 1
    assert [row.item.id for row in read_shards(shard_paths(shards))] == ["gen-0000", "gen-0001"]


def test_parquet_rows_are_articles_and_a_broken_row_an_error_of_its_own(tmp_path):
    rows = [generated_article(1), {**generated_article(2), "text": None}, generated_article(3)]
    path = tmp_path / "articles.parquet"
    pq.write_table(pa.Table.from_pylist(rows), path)

    items = list(read_input(str(path), ReadOptions()))

    assert [type(i).__name__ for i in items] == ["Article", "ArticleError", "Article"]
    assert items[0].id == "gen-0001" and items[0].format == "parquet"
    assert items[0].source == f"{path}#1" and items[0].published.isoformat() == "2024-08-02"
    assert items[1].code == "bad_record" and items[1].source == f"{path}#2"


def test_a_file_that_is_not_parquet_fails_as_one_input(tmp_path):
    path = tmp_path / "broken.parquet"
    path.write_text("not parquet at all")
    (item,) = read_input(str(path), ReadOptions())
    assert item.code == "unreadable" and "Parquet" in item.message


def test_inputs_are_split_into_about_eight_shards_per_actor():
    assert files_per_shard(10, actors=2) == 1
    assert files_per_shard(1_000, actors=4) == 32
    assert files_per_shard(10_000_000, actors=2) == 256  # shards stay bounded


def test_standard_input_cannot_be_shared_with_a_cluster(tmp_path):
    with pytest.raises(ScaleRunError, match="standard input"):
        plan_inputs(["-"], tmp_path / "shards")


def test_cli_errors_are_one_line(tmp_path):
    runner = CliRunner()
    result = runner.invoke(app, ["load", str(tmp_path / "none"), "--db", str(tmp_path / "x.db")])
    assert result.exit_code == 2
    assert result.output.strip() == f"error: no shards folder at {tmp_path / 'none'}"
    (tmp_path / "empty").mkdir()
    result = runner.invoke(app, ["load", str(tmp_path / "empty")])
    assert result.exit_code == 2 and "no shards in" in result.output
    (tmp_path / "empty" / "x.parquet").write_bytes(b"nope")
    result = runner.invoke(app, ["load", str(tmp_path / "empty")])
    assert result.exit_code == 2 and "is not a readable shard" in result.output
    assert "Traceback" not in result.output


def test_load_refuses_a_parquet_file_that_is_not_a_shard(tmp_path):
    pq.write_table(pa.table({"a": [1]}), tmp_path / "other.parquet")
    with pytest.raises(ShardError, match="not a newsgraph shard"):
        load_shards(tmp_path, tmp_path / "news.duckdb")


def test_loads_of_each_part_of_a_folder_add_up_to_a_load_of_all_of_it(tmp_path):
    inputs = write_corpus(tmp_path / "corpus", n_files=5, per_file=2)
    shards = tmp_path / "shards"
    for name in inputs:
        annotate_to_shard(CountingAnnotator(), shards, [name], ReadOptions())
    load_shards(shards, tmp_path / "whole.duckdb")

    parts = [load_shards(shards, tmp_path / "parts.duckdb", part=(k, 2)) for k in (1, 2)]

    assert [p.stored for p in parts] == [6, 4]  # shards 1, 3, 5 and 2, 4
    assert store_snapshot(tmp_path / "parts.duckdb") == store_snapshot(tmp_path / "whole.duckdb")
    with pytest.raises(ValueError, match="part 3/2"):
        load_shards(shards, tmp_path / "parts.duckdb", part=(3, 2))
