"""Does ``--engine ray`` scale? Ray with 2 annotator actors against 1, on the same input, in one
run, beside bare spaCy with 2 processes against 1 (the reference), with peak memory per worker
and CPU seconds per kind of process.

    PYTHONPATH=. python benchmarks/ray_scale.py [--articles 200] [--workers 2] [--rounds 2]

One local Ray instance with ``--workers`` CPUs is started first and serves every Ray run, so no
run pays Ray's own start-up; a first, untimed run of one batch warms Ray up. Each timed run
does pay its actors' start (a worker process each) and pipeline loads, as a real
``ingest --engine ray`` does. The runs go 1, N, then (``--rounds 2``) N, 1 again, so a change in
the machine's load weighs on both; a rate is the articles of all rounds over their total time.
Speed-up = articles/s with N / articles/s with 1 (**end to end**). The **steady-state** speed-up
leaves out each run's start: it is the rate of the results after the first N x batch size
(every actor has loaded and delivered a first batch), over the time from then to the last
result, the same cut for every run, Ray's and bare spaCy's. Texts are the throughput
benchmark's (PolNeAR articles of about 780 words when ../shared/eval is there).

CPU seconds (``proccpu.py``, from /proc) are printed per article for the workers (Ray's actors,
bare spaCy's pool, or the main thread where it parses alone), Ray's own processes (raylet, GCS,
agents, idle workers, helper actors) and the driver; the benchmark's own samplers are left out.
On a shared machine these say more than wall time: waiting for a core costs no CPU.

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
from collections.abc import Callable, Iterable
from typing import Any

from proccpu import CpuAccount
from procmem import PeakMemory, command_contains, forked_children_of
from throughput import load_texts

from newsgraph.model import Article
from newsgraph.nlp import load_spacy_model
from newsgraph.scale.ray_runner import annotate_with_ray, import_ray


def timed(run: Callable[[], Iterable[object]], memory: PeakMemory, skip: int) -> dict[str, Any]:
    """One run: wall time, its steady-state rate (after the first ``skip`` results), CPU
    seconds per kind of process (see ``proccpu``) and peak memory per worker."""
    arrivals: list[float] = []
    with memory, CpuAccount() as cpu:
        started = time.perf_counter()
        for _ in run():
            arrivals.append(time.perf_counter() - started)
    seconds = arrivals[-1] if arrivals else 0.0
    return {
        "seconds": round(seconds, 2),
        "articles_per_s": round(len(arrivals) / seconds, 3),
        # start-up (Ray's actors, the pipeline loads, the first batches) left out: the rate of
        # the results after the first `skip`, over the time they took
        "steady_s": round(seconds - arrivals[skip - 1], 2) if 0 < skip < len(arrivals) else None,
        "steady_articles": max(0, len(arrivals) - skip),
        "first_result_s": round(arrivals[0], 2) if arrivals else None,
        "cpu_s": cpu.seconds(),
        "peak_worker_mb": memory.worst(),
        "workers_seen": len(memory.mb),
    }


def cpu_summary(cpu_s: dict[str, float], driver_parses: bool = False) -> dict[str, float]:
    """Workers (Ray's actors, bare spaCy's pool, or the driver's main thread where it parses
    itself), Ray's own processes, the driver (without this benchmark's samplers, which cost the
    same beside every run)."""
    parsers = ("annotator actors", "other children") + (
        ("driver: MainThread",) if driver_parses else ()
    )
    workers = sum(v for k, v in cpu_s.items() if k in parsers)
    ray_own = sum(v for k, v in cpu_s.items() if k.startswith("ray "))
    samplers = ("driver: peak-memory", "driver: cpu-account")
    driver = sum(
        v for k, v in cpu_s.items() if k.startswith("driver") and k not in samplers + parsers
    )
    return {"workers": round(workers, 2), "ray_own": round(ray_own, 2), "driver": round(driver, 2)}


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

    def bare_run(processes: int) -> Callable[[], Iterable[object]]:
        return lambda: bare.pipe(texts, batch_size=args.batch_size, n_process=processes)

    def ray_run(actors: int) -> Callable[[], Iterable[object]]:
        return lambda: annotate_with_ray(articles, concurrency=actors, batch_size=args.batch_size)

    ray = import_ray()
    ray.init(address="local", num_cpus=n, include_dashboard=False, log_to_driver=False)
    orders = [(1, n), (n, 1)][: max(1, args.rounds)]
    # Ray Data's first run imports and starts its machinery (the driver side, worker processes)
    sum(1 for _ in annotate_with_ray(articles[: args.batch_size], concurrency=n))
    # the same start-up is left out of every run's steady-state rate: N first batches
    skip = n * args.batch_size
    runs: dict[str, list[dict[str, Any]]] = {}
    try:
        for first, second in orders:
            for count in (first, second):
                runs.setdefault(f"ray_{count}", []).append(
                    timed(ray_run(count), PeakMemory(command_contains("ray::", "Annotator")), skip)
                )
                runs.setdefault(f"bare_spacy_{count}", []).append(
                    timed(bare_run(count), PeakMemory(forked_children_of(os.getpid())), skip)
                )
    finally:
        ray.shutdown()

    def rate(name: str) -> float:
        """Articles per second over all of the name's runs (total articles / total time)."""
        return len(runs[name]) * len(texts) / sum(r["seconds"] for r in runs[name])

    def steady_rate(name: str) -> float:
        rows = [r for r in runs[name] if r["steady_s"]]
        return sum(r["steady_articles"] for r in rows) / sum(r["steady_s"] for r in rows)

    def cpu_per_article(name: str) -> dict[str, float]:
        totals = [cpu_summary(r["cpu_s"], name == "bare_spacy_1") for r in runs[name]]
        articles = len(runs[name]) * len(texts)
        return {k: round(1000 * sum(t[k] for t in totals) / articles, 1) for k in totals[0]}

    result = {
        "articles": len(texts),
        "workers": n,
        "runs": runs,
        "ray_speedup": round(rate(f"ray_{n}") / rate("ray_1"), 3),
        "bare_spacy_speedup": round(rate(f"bare_spacy_{n}") / rate("bare_spacy_1"), 3),
        "skip_for_steady_state": skip,
        "ray_steady_speedup": round(steady_rate(f"ray_{n}") / steady_rate("ray_1"), 3),
        "bare_spacy_steady_speedup": round(
            steady_rate(f"bare_spacy_{n}") / steady_rate("bare_spacy_1"), 3
        ),
        "cpu_ms_per_article": {name: cpu_per_article(name) for name in runs},
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
    print(f"  steady state (after the first {skip} results of each run, start-up left out):")
    print(f"    Ray speed-up {n} vs 1:        {result['ray_steady_speedup']}")
    print(f"    bare spaCy speed-up {n} vs 1: {result['bare_spacy_steady_speedup']}")
    print("  CPU ms per article (workers, Ray's own processes, driver; samplers left out):")
    for name, cpu in result["cpu_ms_per_article"].items():
        print(f"    {name:14s} {cpu['workers']:7.1f} {cpu['ray_own']:7.1f} {cpu['driver']:7.1f}")
    print(f"  peak RSS per Ray actor: {result['ray_peak_worker_mb']} MB (target <= 1229)")


if __name__ == "__main__":
    main()
