"""Throughput and memory of the newsgraph pipeline against bare spaCy, in one process.

    PYTHONPATH=. python benchmarks/throughput.py [--articles 500] [--batch-size 16] [--processes 2]

The baseline is ``nlp.pipe`` of the same spaCy model over the same texts in the same process;
the figure that matters is the ratio (newsgraph articles/s ÷ bare articles/s), which is
independent of how fast this machine is. Texts are PolNeAR articles from ../shared/eval when
present (real news of about 780 words), else the bundled examples repeated.
Memory is the peak resident set size (RSS) of the process during each phase, sampled every
20 ms from /proc (tracemalloc would slow Python code several-fold and skew the ratio); the
newsgraph phase's peak includes what the bare phase already holds (model, arrays).

With ``--processes N`` (default 2; 1 skips it) the same texts also go through newsgraph's local
engine with N pool workers (``scale.local.annotate_stream``, what ``ingest --workers N`` runs)
and through bare spaCy's ``nlp.pipe(n_process=N)``, each half of the texts in the other order;
both ratios are printed, with each pool worker's peak RSS (its ``VmHWM``, from /proc).
Issue 16's target: both ratios >= 0.85, peak memory per worker <= 1.2 GB. CPU-time ratios are
printed beside the wall-time ones: on a shared machine waiting for a core inflates wall time.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

from procmem import PeakMemory, forked_children_of
from spacy.language import Language

from newsgraph.eval.base import shared_eval_dir
from newsgraph.model import Article
from newsgraph.nlp import load_spacy_model
from newsgraph.pipeline import Annotator
from newsgraph.read import read_inputs
from newsgraph.scale.local import annotate_stream


def load_texts(n: int) -> list[str]:
    texts: list[str] = []
    polnear = shared_eval_dir() / "polnear"
    for path in sorted(polnear.rglob("*.txt"))[: n * 2] if polnear.is_dir() else []:
        text = path.read_text(encoding="utf-8", errors="replace").strip()
        if len(text.split()) > 100:
            texts.append(text)
    if not texts:
        examples = Path(__file__).resolve().parents[1] / "examples"
        texts = [a.text for a in read_inputs([str(examples)], "seed") if isinstance(a, Article)]
    while len(texts) < n:
        texts += texts[: n - len(texts)]
    return texts[:n]


def rss_mb() -> float:
    with open("/proc/self/statm") as statm:
        pages = int(statm.read().split()[1])
    return pages * os.sysconf("SC_PAGE_SIZE") / 2**20


def cpu_seconds() -> float:
    """CPU time of this process and of its children that have ended (a pool's workers)."""
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + children.ru_utime + children.ru_stime


def measure(run: Callable[[], int]) -> tuple[float, float, float, int]:
    """(seconds, CPU seconds, peak RSS MB while running, articles) of one run. CPU time is
    the steadier figure on a shared machine: waiting for a core does not count."""
    peak = rss_mb()
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.wait(0.02):
            peak = max(peak, rss_mb())

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    started, cpu = time.perf_counter(), cpu_seconds()
    count = run()
    seconds = time.perf_counter() - started
    done.set()
    sampler.join()
    return seconds, cpu_seconds() - cpu, max(peak, rss_mb()), count


def measure_processes(
    args: argparse.Namespace, texts: list[str], articles: list[Article], bare: Language
) -> dict:
    """newsgraph with N pool workers (the local engine) against bare spaCy with N processes
    (``nlp.pipe(n_process=N)``): each half of the texts runs both, the second half in the
    other order; each run pays its pool's start-up (both fork this process)."""
    n = args.processes

    def run_bare(part: list[str]) -> int:
        return sum(1 for _ in bare.pipe(part, batch_size=args.batch_size, n_process=n))

    def run_newsgraph(part: list[Article]) -> int:
        stream = annotate_stream(part, model=args.model, workers=n, batch_size=args.batch_size)
        return sum(1 for _ in stream)

    half = len(texts) // 2
    halves = [(slice(0, half), False), (slice(half, len(texts)), True)]
    seconds = {"bare_spacy_mp": 0.0, "newsgraph_mp": 0.0}
    cpu_used = {"bare_spacy_mp": 0.0, "newsgraph_mp": 0.0}
    workers_mb = {"bare_spacy_mp": 0.0, "newsgraph_mp": 0.0}
    for part, reverse in halves:
        runs = {
            "bare_spacy_mp": lambda p=part: run_bare(texts[p]),
            "newsgraph_mp": lambda p=part: run_newsgraph(articles[p]),
        }
        for name in reversed(runs) if reverse else runs:
            with PeakMemory(forked_children_of(os.getpid())) as workers:
                took, cpu, _, _ = measure(runs[name])
            seconds[name] += took
            cpu_used[name] += cpu
            workers_mb[name] = max(workers_mb[name], workers.worst())
    out: dict = {}
    for name in seconds:
        out[name] = {
            "seconds": round(seconds[name], 2),
            "cpu_seconds": round(cpu_used[name], 2),
            "articles_per_s": round(len(texts) / seconds[name], 2),
            "peak_worker_rss_mb": workers_mb[name],
        }
    out["ratio_mp"] = round(seconds["bare_spacy_mp"] / seconds["newsgraph_mp"], 3)
    out["cpu_ratio_mp"] = round(cpu_used["bare_spacy_mp"] / cpu_used["newsgraph_mp"], 3)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=500)
    parser.add_argument("--batch-size", type=int, default=16)
    parser.add_argument("--chunk", type=int, default=50, help="articles per interleaved chunk")
    parser.add_argument(
        "--processes", type=int, default=2, help="also compare with N processes (1: skip)"
    )
    parser.add_argument("--model", default=None)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()

    texts = load_texts(args.articles)
    words = sum(len(t.split()) for t in texts)
    articles = [
        Article(id=f"bench-{i}", text=t, published=None, language="en") for i, t in enumerate(texts)
    ]
    bare = load_spacy_model(args.model)
    annotator = Annotator(args.model, batch_size=args.batch_size)
    # warm both up so lazy loading (lexicons, gazetteer) is not counted as throughput
    list(bare.pipe(texts[:4]))
    annotator(articles[:4])

    # Interleave the two in chunks, alternating which goes first, so a change in machine load
    # during the run weighs on both alike.
    chunk = args.chunk
    seconds = {"bare_spacy": 0.0, "newsgraph": 0.0}
    cpu_used = {"bare_spacy": 0.0, "newsgraph": 0.0}
    peaks = {"bare_spacy": 0.0, "newsgraph": 0.0}
    for n, start in enumerate(range(0, len(texts), chunk)):
        runs = {
            "bare_spacy": lambda s=start: sum(
                1 for _ in bare.pipe(texts[s : s + chunk], batch_size=args.batch_size)
            ),
            "newsgraph": lambda s=start: sum(
                1 for _ in annotator.annotate(articles[s : s + chunk])
            ),
        }
        order = list(runs) if n % 2 == 0 else list(reversed(runs))
        for name in order:
            took, cpu, peak_mb, _ = measure(runs[name])
            seconds[name] += took
            cpu_used[name] += cpu
            peaks[name] = max(peaks[name], peak_mb)

    results: dict = {"articles": len(texts), "words": words}
    for name in seconds:
        results[name] = {
            "seconds": round(seconds[name], 2),
            "cpu_seconds": round(cpu_used[name], 2),
            "articles_per_s": round(len(texts) / seconds[name], 2),
            "peak_rss_mb": round(peaks[name], 1),
        }
    results["ratio"] = round(seconds["bare_spacy"] / seconds["newsgraph"], 3)
    results["cpu_ratio"] = round(cpu_used["bare_spacy"] / cpu_used["newsgraph"], 3)
    if args.processes > 1:
        results.update(measure_processes(args, texts, articles, bare))
    results["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)

    if args.json:
        json.dump(results, sys.stdout, indent=2)
        print()
        return
    print(f"{results['articles']} articles, {words} words, batch {args.batch_size}")
    for name in ("bare_spacy", "newsgraph", "bare_spacy_mp", "newsgraph_mp"):
        if name in results:
            r = results[name]
            peak = f", peak RSS {r['peak_rss_mb']} MB" if "peak_rss_mb" in r else ""
            if "peak_worker_rss_mb" in r:
                peak = f", peak RSS per worker {r['peak_worker_rss_mb']} MB"
            print(
                f"  {name:14s} {r['articles_per_s']:7.2f} articles/s ({r['seconds']} s, "
                f"{r['cpu_seconds']} s CPU{peak})"
            )
    print(f"  ratio newsgraph / bare spaCy: {results['ratio']} (CPU time: {results['cpu_ratio']})")
    if "ratio_mp" in results:
        print(
            f"  ratio with {args.processes} processes each: {results['ratio_mp']} "
            f"(CPU time: {results['cpu_ratio_mp']})"
        )
    print(f"  peak RSS of this process: {results['peak_rss_mb']} MB")


if __name__ == "__main__":
    main()
