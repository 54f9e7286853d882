"""Throughput and memory of the newsgraph pipeline against bare spaCy, in one process.

    python benchmarks/throughput.py [--articles 500] [--batch-size 16] [--processes 2]

The baseline is ``nlp.pipe`` of the same spaCy model over the same texts in the same process;
the figure that matters is the ratio (newsgraph articles/s ÷ bare articles/s), which is
independent of how fast this machine is. Texts are PolNeAR articles from ../shared/eval when
present (real news of about 780 words), else the bundled examples repeated.
Memory is the peak resident set size (RSS) of the process during each phase, sampled every
20 ms from /proc (tracemalloc would slow Python code several-fold and skew the ratio); the
newsgraph phase's peak includes what the bare phase already holds (model, arrays).
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


def measure(run: Callable[[], int]) -> tuple[float, float, int]:
    """(seconds, peak RSS MB while running, articles) of one run."""
    peak = rss_mb()
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.wait(0.02):
            peak = max(peak, rss_mb())

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    started = time.perf_counter()
    count = run()
    seconds = time.perf_counter() - started
    done.set()
    sampler.join()
    return seconds, max(peak, rss_mb()), count


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=500)
    parser.add_argument("--batch-size", type=int, default=16)
    parser.add_argument("--chunk", type=int, default=50, help="articles per interleaved chunk")
    parser.add_argument("--processes", type=int, default=1, help="also compare with N processes")
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
            took, peak_mb, _ = measure(runs[name])
            seconds[name] += took
            peaks[name] = max(peaks[name], peak_mb)

    results: dict = {"articles": len(texts), "words": words}
    for name in seconds:
        results[name] = {
            "seconds": round(seconds[name], 2),
            "articles_per_s": round(len(texts) / seconds[name], 2),
            "peak_rss_mb": round(peaks[name], 1),
        }
    results["ratio"] = round(seconds["bare_spacy"] / seconds["newsgraph"], 3)
    if args.processes > 1:
        n = args.processes

        def run_bare_mp() -> int:
            return sum(1 for _ in bare.pipe(texts, batch_size=args.batch_size, n_process=n))

        def run_newsgraph_mp() -> int:
            stream = annotate_stream(
                articles, model=args.model, workers=n, batch_size=args.batch_size
            )
            return sum(1 for _ in stream)

        for name, run in (("bare_spacy_mp", run_bare_mp), ("newsgraph_mp", run_newsgraph_mp)):
            seconds, _, count = measure(run)
            results[name] = {
                "seconds": round(seconds, 2),
                "articles_per_s": round(count / seconds, 2),
            }
        results["ratio_mp"] = round(
            results["newsgraph_mp"]["articles_per_s"] / results["bare_spacy_mp"]["articles_per_s"],
            3,
        )
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
            print(f"  {name:14s} {r['articles_per_s']:7.2f} articles/s ({r['seconds']} s{peak})")
    print(f"  ratio newsgraph / bare spaCy: {results['ratio']}")
    if "ratio_mp" in results:
        print(f"  ratio with {args.processes} processes: {results['ratio_mp']}")
    print(f"  peak RSS of this process: {results['peak_rss_mb']} MB")


if __name__ == "__main__":
    main()
