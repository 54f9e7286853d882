"""The cluster path (``scale-run``, then ``load``) on a local multi-node Ray cluster.

    PYTHONPATH=. python benchmarks/scale_run.py [--articles 400] [--files 40] [--nodes 2]

Starts ``--nodes`` Ray nodes on this machine (``ray.cluster_utils.Cluster``, one CPU each),
writes ``--articles`` short generated wire stories over ``--files`` JSON Lines files, and in
one run times ``scale_run`` with one actor and with one actor per node (each into a fresh
shards folder, actor start-up included), then ``load_shards`` into DuckDB. Prints seconds,
articles per second, the ratio of the two runs, shard bytes per article and the load average
before and after (the machine may be shared: compare ratios, not seconds).
"""

from __future__ import annotations

import argparse
import json
import os
import tempfile
import time
from pathlib import Path

WIRE = (
    "{actor} fired rockets at {target} near {place} on Monday, officials said in report {n}.\n"
    '"We will respond to every attack," a spokesman for {target} told reporters.\n'
    "{actor} denied that civilians had been hit in strike number {n}."
)
ACTORS = ("Hezbollah", "Israel", "Hamas", "Egypt", "Qatar", "Lebanon")
PLACES = ("Metula", "Beirut", "Gaza City", "Doha", "Tyre", "Sidon")


def write_inputs(folder: Path, articles: int, files: int) -> None:
    folder.mkdir(parents=True)
    per_file = max(1, articles // files)
    for f in range(files):
        lines = []
        for n in range(f * per_file, (f + 1) * per_file):
            text = WIRE.format(
                actor=ACTORS[n % 6], target=ACTORS[(n + 1) % 6], place=PLACES[n % 6], n=n
            )
            lines.append(json.dumps({"id": f"bench-{n}", "text": text, "outlet": "Bench Wire"}))
        (folder / f"part-{f:04d}.jsonl").write_text("\n".join(lines) + "\n")


def loadavg() -> str:
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=400)
    parser.add_argument("--files", type=int, default=40)
    parser.add_argument("--nodes", type=int, default=2)
    args = parser.parse_args()

    from ray.cluster_utils import Cluster

    from newsgraph.scale.load import load_shards
    from newsgraph.scale.ray_data import scale_run

    work = Path(tempfile.mkdtemp(prefix="ng-scale-bench-"))
    os.chdir(work)
    write_inputs(Path("corpus"), args.articles, args.files)
    print(f"load average before: {loadavg()}")
    cluster = Cluster(initialize_head=True, head_node_args={"num_cpus": 1})
    for _ in range(args.nodes - 1):
        cluster.add_node(num_cpus=1)
    cluster.wait_for_nodes()
    seconds = {}
    try:
        for actors in (1, args.nodes):
            start = time.perf_counter()
            result = scale_run(
                ["corpus"], f"shards-{actors}", workers=actors, address=cluster.address
            )
            seconds[actors] = time.perf_counter() - start
            print(
                f"scale-run, {actors} actor(s): {seconds[actors]:.1f} s, "
                f"{result.articles / seconds[actors]:.1f} articles/s ({result.summary()})"
            )
    finally:
        cluster.shutdown()
    shard_bytes = sum(p.stat().st_size for p in Path(f"shards-{args.nodes}").glob("*.parquet"))
    start = time.perf_counter()
    loaded = load_shards(f"shards-{args.nodes}", "bench.duckdb")
    load_s = time.perf_counter() - start
    print(f"load into DuckDB: {load_s:.1f} s, {loaded.stored / load_s:.0f} articles/s")
    print(f"shards: {shard_bytes / max(1, loaded.stored):.0f} bytes per article")
    print(f"ratio, {args.nodes} actors against 1: {seconds[1] / seconds[args.nodes]:.2f}")
    print(f"load average after: {loadavg()}  (files under {work})")


if __name__ == "__main__":
    main()
