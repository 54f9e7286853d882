"""Does ``--engine ray`` scale? Ray with 2 annotator actors against 1, on the same input, in one
run, beside bare spaCy with 2 processes against 1 (the reference), with peak memory per worker.

    PYTHONPATH=. python benchmarks/ray_scale.py [--articles 200] [--workers 2] [--rounds 2]

One local Ray instance with ``--workers`` CPUs is started first and serves every Ray run, so no
run pays Ray's own start-up; a first, untimed run of one batch warms Ray Data up. Each timed run
does pay its actors' pipeline loads, as a real ``ingest --engine ray`` does. The runs go 1, N,
then (``--rounds 2``) N, 1 again, so a change in the machine's load weighs on both; a rate is
the articles of all rounds over their total time. Speed-up = articles/s with N / articles/s
with 1. Texts are the throughput benchmark's (PolNeAR articles of about 780 words when
../shared/eval is there).

Peak memory per worker is the kernel's high-water mark (``VmHWM``) of each Ray actor process
(``ray::`` processes whose title names the annotator) and of each process of bare spaCy's
``n_process`` pool, sampled every 0.2 s. Issue 16's targets: Ray 2 vs 1 >= 1.7x (bare spaCy
gets 1.73x), peak memory per worker <= 1.2 GB.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections.abc import Callable

from procmem import PeakMemory, command_contains, forked_children_of
from throughput import load_texts

from newsgraph.model import Article
from newsgraph.nlp import load_spacy_model
from newsgraph.scale.ray_runner import annotate_with_ray, import_ray


def timed(run: Callable[[], int], memory: PeakMemory) -> dict[str, float]:
    with memory:
        started = time.perf_counter()
        count = run()
        seconds = time.perf_counter() - started
    return {
        "seconds": round(seconds, 2),
        "articles_per_s": round(count / seconds, 3),
        "peak_worker_mb": memory.worst(),
        "workers_seen": len(memory.mb),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--batch-size", type=int, default=16)
    parser.add_argument("--rounds", type=int, default=2, help="1: only 1 then N")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    n = args.workers
    texts = load_texts(args.articles)
    articles = [
        Article(id=f"bench-{i}", text=t, published=None, language="en") for i, t in enumerate(texts)
    ]

    bare = load_spacy_model()
    list(bare.pipe(texts[:4]))

    def bare_run(processes: int) -> Callable[[], int]:
        return lambda: sum(
            1 for _ in bare.pipe(texts, batch_size=args.batch_size, n_process=processes)
        )

    def ray_run(actors: int) -> Callable[[], int]:
        stream = lambda: annotate_with_ray(  # noqa: E731
            articles, concurrency=actors, batch_size=args.batch_size
        )
        return lambda: sum(1 for _ in stream())

    ray = import_ray()
    ray.init(address="local", num_cpus=n, include_dashboard=False, log_to_driver=False)
    orders = [(1, n), (n, 1)][: max(1, args.rounds)]
    # Ray Data's first run imports and starts its machinery (the driver side, worker processes)
    sum(1 for _ in annotate_with_ray(articles[: args.batch_size], concurrency=n))
    runs: dict[str, list[dict[str, float]]] = {}
    try:
        for first, second in orders:
            for count in (first, second):
                runs.setdefault(f"ray_{count}", []).append(
                    timed(ray_run(count), PeakMemory(command_contains("ray::", "Annotator")))
                )
                runs.setdefault(f"bare_spacy_{count}", []).append(
                    timed(bare_run(count), PeakMemory(forked_children_of(os.getpid())))
                )
    finally:
        ray.shutdown()

    def rate(name: str) -> float:
        """Articles per second over all of the name's runs (total articles / total time)."""
        return len(runs[name]) * len(texts) / sum(r["seconds"] for r in runs[name])

    result = {
        "articles": len(texts),
        "workers": n,
        "runs": runs,
        "ray_speedup": round(rate(f"ray_{n}") / rate("ray_1"), 3),
        "bare_spacy_speedup": round(rate(f"bare_spacy_{n}") / rate("bare_spacy_1"), 3),
        "ray_peak_worker_mb": max(
            r["peak_worker_mb"] for k in runs if k.startswith("ray_") for r in runs[k]
        ),
        "bare_peak_worker_mb": max(r["peak_worker_mb"] for r in runs[f"bare_spacy_{n}"]),
    }
    if args.json:
        json.dump(result, sys.stdout, indent=2)
        print()
        return
    print(f"{len(texts)} articles, {n} workers vs 1, {len(orders)} round(s)")
    for name, rows in runs.items():
        for r in rows:
            memory = f", peak worker RSS {r['peak_worker_mb']} MB" if r["workers_seen"] else ""
            print(f"  {name:14s} {r['articles_per_s']:7.2f} articles/s ({r['seconds']} s{memory})")
    print(f"  Ray speed-up {n} vs 1:        {result['ray_speedup']} (target >= 1.7)")
    print(f"  bare spaCy speed-up {n} vs 1: {result['bare_spacy_speedup']}")
    print(f"  peak RSS per Ray actor: {result['ray_peak_worker_mb']} MB (target <= 1229)")


if __name__ == "__main__":
    main()
