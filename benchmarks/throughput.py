"""Throughput and memory of the newsgraph pipeline against bare spaCy, in one process.

    python benchmarks/throughput.py [--articles 500] [--batch-size 16] [--processes 2]

The baseline is ``nlp.pipe`` of the same spaCy model over the same texts in the same process;
the figure that matters is the ratio (newsgraph articles/s ÷ bare articles/s), which is
independent of how fast this machine is. Texts are PolNeAR articles from ../shared/eval when
present (real news of about 780 words), else the bundled examples repeated.
Memory is the tracemalloc peak of Python-visible allocations during each phase (spaCy's arrays
included), and the process's peak RSS at the end.
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import time
import tracemalloc
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


def measure(run: Callable[[], int]) -> tuple[float, float, int]:
    """(seconds, tracemalloc peak MB, articles) of one run."""
    tracemalloc.start()
    started = time.perf_counter()
    count = run()
    seconds = time.perf_counter() - started
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return seconds, peak / 2**20, count


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=500)
    parser.add_argument("--batch-size", type=int, default=16)
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

    def run_bare() -> int:
        return sum(1 for _ in bare.pipe(texts, batch_size=args.batch_size))

    def run_newsgraph() -> int:
        return sum(1 for _ in annotator.annotate(articles))

    results = {"articles": len(texts), "words": words}
    for name, run in (("bare_spacy", run_bare), ("newsgraph", run_newsgraph)):
        seconds, peak_mb, count = measure(run)
        results[name] = {
            "seconds": round(seconds, 2),
            "articles_per_s": round(count / seconds, 2),
            "peak_mb": round(peak_mb, 1),
        }
    results["ratio"] = round(
        results["newsgraph"]["articles_per_s"] / results["bare_spacy"]["articles_per_s"], 3
    )
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
            peak = f", peak {r['peak_mb']} MB traced" if "peak_mb" in r else ""
            print(f"  {name:14s} {r['articles_per_s']:7.2f} articles/s ({r['seconds']} s{peak})")
    print(f"  ratio newsgraph / bare spaCy: {results['ratio']}")
    if "ratio_mp" in results:
        print(f"  ratio with {args.processes} processes: {results['ratio_mp']}")
    print(f"  peak RSS of this process: {results['peak_rss_mb']} MB")


if __name__ == "__main__":
    main()
