"""PostgreSQL as the shared store: three `newsgraph load` processes writing overlapping article
sets at once leave the store one writer leaves, and doing it all again changes nothing.

Needs a PostgreSQL server (NEWSGRAPH_TEST_POSTGRES_URL; scripts/start-test-postgres.sh starts
one) and psycopg (the postgres extra).
"""

from __future__ import annotations

import json
import multiprocessing
import os
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from scale_fixtures import generated_article, store_snapshot, write_corpus

from newsgraph.model import ArticleError
from newsgraph.pipeline import Annotator
from newsgraph.scale.load import load_shards
from newsgraph.scale.shard_work import ReadOptions, annotate_to_shard
from newsgraph.store import open_store

POSTGRES_URL = os.environ.get("NEWSGRAPH_TEST_POSTGRES_URL")
REPO = Path(__file__).resolve().parents[1]
# which of the six input files each writer loads: every file by two writers at least
WRITER_FILES = {"a": [0, 1, 2, 3, 6], "b": [2, 3, 4, 5, 6], "c": [0, 1, 4, 5, 6]}

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        not POSTGRES_URL, reason="PostgreSQL tests need NEWSGRAPH_TEST_POSTGRES_URL"
    ),
]


@pytest.fixture(scope="module")
def writer_shards(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """One shards folder per writer, from six files of generated articles (one article also
    in a second file, a French one) and an empty file every writer has."""
    root = tmp_path_factory.mktemp("corpus")
    inputs = write_corpus(root / "corpus", n_files=6, per_file=4)
    with open(inputs[5], "a") as handle:
        handle.write(json.dumps(generated_article(0)) + "\n")  # the same article, twice
        handle.write('{"id": "fr-1", "text": "Le Hezbollah a tiré des roquettes lundi."}\n')
    (root / "corpus" / "empty.txt").write_text("")
    inputs.append(str(root / "corpus" / "empty.txt"))
    annotator = Annotator(batch_size=8)
    folders = {}
    for writer, numbers in WRITER_FILES.items():
        folders[writer] = root / f"shards-{writer}"
        for n in numbers:  # a shard per file, so each folder shares whole shards with others
            annotate_to_shard(annotator, folders[writer], [inputs[n]], ReadOptions())
    return folders


def fresh_schema_url() -> Iterator[str]:
    psycopg = pytest.importorskip("psycopg", reason="PostgreSQL tests need the postgres extra")
    schema = f"ng_scale_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(POSTGRES_URL, autocommit=True) as con:
        con.execute(f"CREATE SCHEMA {schema}")
    joiner = "&" if "?" in POSTGRES_URL else "?"
    try:
        yield f"{POSTGRES_URL}{joiner}options=-csearch_path%3D{schema}"
    finally:
        with psycopg.connect(POSTGRES_URL, autocommit=True) as con:
            con.execute(f"DROP SCHEMA {schema} CASCADE")


@pytest.fixture
def shared_store() -> Iterator[str]:
    yield from fresh_schema_url()


@pytest.fixture
def single_writer_store() -> Iterator[str]:
    yield from fresh_schema_url()


def load_at_once(folders: list[Path], url: str) -> None:
    """``newsgraph load`` of each folder, all started together; small transactions, so the
    writers interleave article by article."""
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    command = [sys.executable, "-m", "newsgraph", "load", "--db", url, "--batch-size", "2"]
    writers = [
        subprocess.Popen([*command, str(folder)], env=env, stderr=subprocess.PIPE, text=True)
        for folder in folders
    ]
    failures = [w.stderr.read() for w in writers if w.wait(timeout=300) != 0]
    assert failures == []


def test_three_concurrent_writers_leave_the_store_one_writer_leaves(
    writer_shards, shared_store, single_writer_store
):
    folders = list(writer_shards.values())
    for folder in folders:
        load_shards(folder, single_writer_store)
    expected = store_snapshot(single_writer_store)
    assert len(expected["records"]) == 25  # 24 generated (one of them twice) and a French one

    load_at_once(folders, shared_store)
    assert store_snapshot(shared_store) == expected

    load_at_once(folders, shared_store)  # idempotent: all of it again, at once
    assert store_snapshot(shared_store) == expected


def write_errors_in_step(url: str, barrier: multiprocessing.synchronize.Barrier) -> None:
    """Child: the same inputs' errors, each written at the very moment the others write it."""
    with open_store(url) as store:
        run_id = store.begin_run({})
        for n in range(10):
            barrier.wait(timeout=60)
            store.write_error(ArticleError("empty", "no text", source=f"f{n}.txt"), run_id)


def test_writers_of_one_inputs_error_at_the_same_moment_leave_one_row(shared_store):
    open_store(shared_store).close()  # the tables exist before the writers race
    barrier = multiprocessing.Barrier(3)
    writers = [
        multiprocessing.Process(target=write_errors_in_step, args=(shared_store, barrier))
        for _ in range(3)
    ]
    for writer in writers:
        writer.start()
    for writer in writers:
        writer.join(timeout=120)
    assert [w.exitcode for w in writers] == [0, 0, 0]
    with open_store(shared_store, read_only=True) as store:
        assert store.counts()["errors"] == 10  # unlocked, some inputs got two or three rows
