"""The cluster path on an object store: inputs and shards under ``s3://`` on a local
S3-compatible server (moto), read and written by the workers' own code; loading the shards
gives the store a local ``ingest`` of the same files gives; a re-run resumes; a missing bucket
or refused credentials is one line. The Ray run itself is slow and marked so.

Needs ``moto[server]`` (the test extra): without it these tests skip, and fail in CI.
"""

from __future__ import annotations

import importlib.util
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.fs as pafs
import pyarrow.parquet as pq
import pytest
from helpers import shutdown_ray
from needs import need_module
from scale_fixtures import CountingAnnotator, generated_article, store_snapshot, write_corpus
from typer.testing import CliRunner

from newsgraph.cli import app
from newsgraph.ingestion import ingest
from newsgraph.pipeline import Annotator
from newsgraph.scale.load import load_shards
from newsgraph.scale.ray_data import plan_inputs
from newsgraph.scale.shard_work import ReadOptions, annotate_to_shard, read_input
from newsgraph.scale.shards import done_inputs, shard_paths
from newsgraph.scale.storage import Storage, StorageError

moto_server = need_module("moto.server", "the object-store tests need moto[server]")

BUCKET = "news"
CREDENTIALS = {"AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing"}


@pytest.fixture(scope="module")
def endpoint() -> Iterator[str]:
    """A moto S3 server on a free local port, its bucket made, and the AWS variables set."""
    server = moto_server.ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    url = f"http://{host}:{port}"
    with pytest.MonkeyPatch.context() as env:
        for name in ("AWS_PROFILE", "AWS_SESSION_TOKEN", "AWS_ENDPOINT_URL_S3"):
            env.delenv(name, raising=False)
        for name, value in {**CREDENTIALS, "AWS_REGION": "us-east-1"}.items():
            env.setenv(name, value)
        env.setenv("AWS_ENDPOINT_URL", url)
        host_port = {"endpoint_override": f"{host}:{port}", "scheme": "http"}
        pafs.S3FileSystem(**host_port, allow_bucket_creation=True).create_dir(BUCKET)
        yield url
    server.stop()


def s3() -> pafs.FileSystem:
    """The test server's S3, as newsgraph reaches it (the endpoint from AWS_ENDPOINT_URL)."""
    return Storage.from_env().locate(f"s3://{BUCKET}")[0]


def upload(folder: Path, prefix: str) -> str:
    """Copy every file of ``folder`` to ``s3://news/PREFIX/``; returns that URI."""
    for path in sorted(folder.iterdir()):
        with s3().open_output_stream(f"{BUCKET}/{prefix}/{path.name}") as stream:
            stream.write(path.read_bytes())
    return f"s3://{BUCKET}/{prefix}"


def keys(prefix: str) -> list[str]:
    selector = pafs.FileSelector(f"{BUCKET}/{prefix}", recursive=True, allow_not_found=True)
    return sorted(i.path for i in s3().get_file_info(selector) if i.is_file)


def corpus_with_a_bad_file(folder: Path) -> None:
    """Two JSON Lines files (one with a broken line), a text article and an empty file."""
    paths = write_corpus(folder, n_files=2, per_file=3)
    with open(paths[1], "a") as handle:
        handle.write('{"text": 5}\n')
    (folder / "story.txt").write_text(generated_article(99)["text"] + "\n")
    (folder / "empty.txt").write_text("")


def without(prefix: str, snapshot: dict[str, Any]) -> str:
    """A store snapshot with the object-store prefix of its source names taken out."""
    return json.dumps(snapshot, sort_keys=True).replace(prefix, "")


def test_shards_on_s3_load_into_the_store_ingest_gives_and_a_rerun_resumes(
    tmp_path, endpoint, monkeypatch
):
    monkeypatch.chdir(tmp_path)
    corpus_with_a_bad_file(Path("corpus"))
    inputs = upload(Path("corpus"), "load-test/corpus")
    shards = f"s3://{BUCKET}/load-test/shards"
    annotator = Annotator(batch_size=4)

    todo, missing, skipped = plan_inputs([inputs], shards)
    assert [name.rsplit("/", 1)[-1] for name in todo] == [
        "empty.txt",
        "story.txt",
        "wire-000.jsonl",
        "wire-001.jsonl",
    ]
    assert (missing, skipped) == ([], 0)
    annotate_to_shard(annotator, shards, todo[:2], ReadOptions())
    annotate_to_shard(annotator, shards, todo[2:], ReadOptions())
    assert [k.endswith(".parquet") and "/.tmp" not in k for k in keys("load-test/shards")] == [
        True,
        True,
    ]

    loaded = load_shards(shards, tmp_path / "loaded.duckdb")
    local = sorted(f"corpus/{p.name}" for p in Path("corpus").iterdir())
    ingested = ingest(local, tmp_path / "ingested.duckdb", workers=1)
    assert loaded.summary() == ingested.summary() == "7 stored, 0 skipped, 2 failed"
    assert without(f"s3://{BUCKET}/load-test/", store_snapshot("loaded.duckdb")) == without(
        "", store_snapshot("ingested.duckdb")
    )

    # resuming: everything done is skipped; a lost shard's inputs alone are to do again
    assert plan_inputs([inputs], shards)[2] == 4
    s3().delete_file(keys("load-test/shards")[0])
    assert len(plan_inputs([inputs], shards)[0]) == 2


def test_a_worker_reads_an_s3_object_as_the_local_file_of_that_name(tmp_path, endpoint):
    rows = [generated_article(1), {**generated_article(2), "text": None}]
    pq.write_table(pa.Table.from_pylist(rows), tmp_path / "articles.parquet")
    (tmp_path / "wire.jsonl").write_text(json.dumps(generated_article(3)) + "\n{broken\n")
    folder = upload(tmp_path, "read-test")
    for name in ("articles.parquet", "wire.jsonl"):
        remote = list(read_input(f"{folder}/{name}", ReadOptions()))
        local = list(read_input(str(tmp_path / name), ReadOptions()))
        assert [(type(i).__name__, i.id, i.source) for i in remote] == [
            (type(i).__name__, i.id, i.source.replace(str(tmp_path), folder)) for i in local
        ]
    (missing,) = read_input(f"{folder}/gone.jsonl", ReadOptions())
    assert missing.code == "unreadable" and missing.source == f"{folder}/gone.jsonl"


def test_a_shard_is_uploaded_only_when_complete(tmp_path, endpoint):
    inputs = write_corpus(tmp_path / "corpus", n_files=2, per_file=2)
    shards = f"s3://{BUCKET}/stop-test/shards"
    with pytest.raises(KeyboardInterrupt):
        annotate_to_shard(CountingAnnotator(stop_at="gen-0002"), shards, inputs, ReadOptions())
    assert keys("stop-test") == []
    assert done_inputs(shards) == set()


def test_a_store_that_refuses_fails_the_batch_and_marks_no_input_done(tmp_path, endpoint):
    write_corpus(tmp_path / "corpus", n_files=1, per_file=2)
    articles = pa.Table.from_pylist([generated_article(7)])
    pq.write_table(articles, tmp_path / "corpus" / "wire-000.parquet")
    folder = upload(tmp_path / "corpus", "refuse-test")
    for name in ("wire-000.jsonl", "wire-000.parquet"):
        with refusing_credentials(), pytest.raises(StorageError, match="access denied"):
            annotate_to_shard(
                CountingAnnotator(), tmp_path / "shards", [f"{folder}/{name}"], ReadOptions()
            )
    assert done_inputs(tmp_path / "shards") == set()


def test_file_uris_work_as_local_paths(tmp_path):
    inputs = write_corpus(tmp_path / "corpus", n_files=2, per_file=1)
    shards = f"file://{tmp_path}/shards"
    todo, _, _ = plan_inputs([f"file://{tmp_path}/corpus"], shards)
    assert todo == [f"file://{p}" for p in inputs]
    annotate_to_shard(CountingAnnotator(), shards, todo, ReadOptions())
    assert [p.parent for p in shard_paths(tmp_path / "shards")] == [tmp_path / "shards"]
    assert done_inputs(shards) == set(todo)


def test_store_mistakes_are_one_line(tmp_path, endpoint, monkeypatch):
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    result = runner.invoke(app, ["load", "s3://no-such-bucket/shards", "--db", "x.duckdb"])
    assert result.exit_code != 0
    assert result.output.strip() == (
        "error: s3://no-such-bucket/shards: bucket 'no-such-bucket' does not exist"
    )
    with pytest.raises(StorageError, match="bucket 'no-such-bucket' does not exist"):
        plan_inputs([f"s3://{BUCKET}/x"], "s3://no-such-bucket/shards")
    if importlib.util.find_spec("ray") is not None:  # scale-run checks for Ray first
        result = runner.invoke(app, ["scale-run", "s3://no-such-bucket/in", "--out", "shards"])
        assert result.exit_code != 0
        assert result.output.strip() == (
            "error: s3://no-such-bucket/in: bucket 'no-such-bucket' does not exist"
        )

    with refusing_credentials():  # moto knows no key "testing" once it checks
        result = runner.invoke(app, ["load", f"s3://{BUCKET}/shards"])
    assert result.exit_code != 0
    assert result.output.strip() == (
        f"error: s3://{BUCKET}/shards: access denied; check AWS_ACCESS_KEY_ID and "
        "AWS_SECRET_ACCESS_KEY (or AWS_PROFILE)"
    )

    dead = Storage("http://127.0.0.1:9")  # nothing listens on the discard port
    with pytest.raises(StorageError, match="cannot reach the object store at http://127"):
        dead.info("s3://news/x")


class refusing_credentials:
    """moto checks credentials (it takes any by default) for the length of a ``with``."""

    def __enter__(self) -> None:
        from moto import settings
        from moto.core.authorization import ActionAuthenticatorMixin

        self.before = settings.INITIAL_NO_AUTH_ACTION_COUNT
        settings.INITIAL_NO_AUTH_ACTION_COUNT = 0
        ActionAuthenticatorMixin.request_count = 0

    def __exit__(self, *exc: object) -> None:
        from moto import settings

        settings.INITIAL_NO_AUTH_ACTION_COUNT = self.before


@pytest.mark.slow
@pytest.mark.filterwarnings("ignore::DeprecationWarning")
def test_a_two_node_run_reads_and_writes_s3(tmp_path, endpoint, monkeypatch):
    pytest.importorskip("ray.data", reason="the cluster tests need the scale extra (ray[data])")
    import ray
    from ray.cluster_utils import Cluster

    from newsgraph.scale.ray_data import scale_run

    write_corpus(tmp_path / "corpus", n_files=4, per_file=2)
    inputs = upload(tmp_path / "corpus", "ray-test/corpus")
    shards = f"s3://{BUCKET}/ray-test/shards"
    # the nodes inherit the credentials; the driver hands the endpoint to every actor
    cluster = Cluster(
        initialize_head=True, head_node_args={"num_cpus": 1, "include_dashboard": False}
    )
    try:
        cluster.add_node(num_cpus=1)
        cluster.wait_for_nodes()
        # no local path: actors need not share the driver's folder
        monkeypatch.chdir("/")
        run = scale_run([inputs], shards, workers=2, address=cluster.address, inputs_per_shard=1)
        assert (run.inputs, run.shards, run.articles, run.failed) == (4, 4, 8, 0)
        assert len(run.nodes) == 2
        assert scale_run([inputs], shards, address=cluster.address).skipped == 4
    finally:
        shutdown_ray(ray)
        cluster.shutdown()
    assert (
        load_shards(shards, tmp_path / "news.duckdb").summary() == "8 stored, 0 skipped, 0 failed"
    )
