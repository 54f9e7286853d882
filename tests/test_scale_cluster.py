"""The cluster path on a two-node Ray cluster on this machine: workers on both nodes read and
write shards; loading them gives the store a local `ingest` of the same articles gives; a
re-run resumes (does nothing when all is done, only the missing inputs otherwise).

Slow: each actor loads the pipeline (about 0.6 GB, seconds). Needs the ``scale`` extra.
"""

from __future__ import annotations

import os

import pytest
from helpers import shutdown_ray
from scale_fixtures import store_snapshot, write_corpus
from typer.testing import CliRunner

from newsgraph.cli import app
from newsgraph.ingestion import ingest
from newsgraph.scale.load import load_shards
from newsgraph.scale.shards import shard_paths

pytestmark = [
    pytest.mark.slow,
    # Ray Data's own context copying trips over its deprecated settings: not ours to fix
    pytest.mark.filterwarnings("ignore::DeprecationWarning"),
]


@pytest.fixture(scope="module")
def two_node_cluster():
    pytest.importorskip("ray.data", reason="the cluster tests need the scale extra (ray[data])")
    import ray
    from ray.cluster_utils import Cluster

    cluster = Cluster(
        initialize_head=True,
        head_node_args={"num_cpus": 1, "include_dashboard": False},
    )
    cluster.add_node(num_cpus=1)
    cluster.wait_for_nodes()
    yield cluster
    shutdown_ray(ray)
    cluster.shutdown()


def test_a_two_node_run_loads_into_the_store_ingest_gives(tmp_path, monkeypatch, two_node_cluster):
    from newsgraph.scale.ray_data import scale_run

    monkeypatch.chdir(
        tmp_path
    )  # input names relative to the driver's folder, as ingest records them
    inputs = [os.path.relpath(p) for p in write_corpus(tmp_path / "corpus", 4, per_file=3)]
    shards = tmp_path / "shards"
    progress = []

    address = two_node_cluster.address
    first = scale_run(
        ["corpus"],
        shards,
        workers=2,
        address=address,
        inputs_per_shard=1,
        on_progress=progress.append,
    )

    assert (first.inputs, first.skipped, first.shards, first.articles) == (4, 0, 4, 12)
    assert len(first.nodes) == 2  # both nodes' actors wrote shards
    assert progress[-1].done == progress[-1].total == 4
    # resuming: a complete run is skipped whole; a lost shard's input alone is redone
    assert scale_run(["corpus"], shards, address=address).skipped == 4
    shard_paths(shards)[0].unlink()
    again = CliRunner().invoke(
        app, ["scale-run", "corpus", "--out", str(shards), "-j", "1", "--address", address]
    )
    assert again.exit_code == 0, again.output
    assert "4 inputs: 3 already done, 1 written as 1 shards on 1 node(s) (3 articles" in " ".join(
        again.output.split()
    )

    loaded = load_shards(shards, tmp_path / "loaded.duckdb")
    ingested = ingest(inputs, tmp_path / "ingested.duckdb", workers=1)
    assert loaded.summary() == ingested.summary() == "12 stored, 0 skipped, 0 failed"
    assert store_snapshot(tmp_path / "loaded.duckdb") == store_snapshot(
        tmp_path / "ingested.duckdb"
    )
