"""CPU milliseconds per article of each newsgraph component, of record building and of JSON.

    PYTHONPATH=. python benchmarks/component_costs.py [--articles 200] [--passes 2]
    PYTHONPATH=. python benchmarks/component_costs.py --articles 200 --profile /tmp/p.out

Texts are those of ``throughput.py`` (PolNeAR articles when ../shared/eval is present). Each
text is parsed once by the spaCy part of the pipeline (newsgraph's datelines, which runs before
the parser, timed on its own), then newsgraph's later components run on it one at a time, each timed
alone with ``time.process_time`` (CPU time: waiting for a core on a shared machine does not
count); then the record is built (``record_from_doc``) and serialised as ``newsgraph annotate``
does (``json.dumps(..., ensure_ascii=False)``). The spaCy part is timed too, as the scale
the others compare with. With ``--passes N`` the whole thing repeats N times (fresh parses) and
the smallest figure of each row is kept. ``--profile FILE`` runs one pass under cProfile
(newsgraph's part only) and writes its statistics to FILE (``python -m pstats FILE``).
"""

from __future__ import annotations

import argparse
import cProfile
import json
import time
from collections.abc import Callable

from throughput import load_texts

from newsgraph.model import Article
from newsgraph.nlp import article_doc, component_names, get_pipeline
from newsgraph.record import record_from_doc

SPACY_PART = "spacy (parse, tag, ner)"


def one_pass(texts: list[str], profiler: cProfile.Profile | None = None) -> dict[str, float]:
    """CPU seconds per stage over ``texts``."""
    nlp = get_pipeline()
    later = [name for name in component_names() if name in nlp.pipe_names]
    later = [name for name in later if nlp.pipe_names.index(name) > nlp.pipe_names.index("ner")]
    spacy_part = [name for name in nlp.pipe_names if name not in later]
    # newsgraph's own components that run before the parser (datelines) are timed alone too
    early = [name for name in spacy_part if name.startswith("newsgraph_")]
    costs = dict.fromkeys([SPACY_PART, *early, *later, "record", "json"], 0.0)

    def timed(stage: str, work: Callable[[], object]) -> object:
        started = time.process_time()
        if profiler is not None and stage != SPACY_PART:
            profiler.enable()
        result = work()
        if profiler is not None:
            profiler.disable()
        costs[stage] += time.process_time() - started
        return result

    for i, text in enumerate(texts):
        article = Article(id=f"bench-{i}", text=text, published=None, language="en")
        doc = article_doc(nlp, article)  # as the Annotator makes it

        for name in spacy_part:
            stage = name if name in early else SPACY_PART
            timed(stage, lambda name=name, doc=doc: nlp.get_pipe(name)(doc))
        for name in later:
            timed(name, lambda name=name, doc=doc: nlp.get_pipe(name)(doc))
        record = timed("record", lambda doc=doc, article=article: record_from_doc(doc, article))
        timed("json", lambda record=record: json.dumps(record, ensure_ascii=False))
    return costs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--passes", type=int, default=2)
    parser.add_argument("--profile", default=None, help="write cProfile statistics here")
    args = parser.parse_args()

    texts = load_texts(args.articles)
    one_pass(texts[:4])  # lazy loading (lexicons, gazetteer) is not a per-article cost
    if args.profile:
        profiler = cProfile.Profile()
        one_pass(texts, profiler)
        profiler.dump_stats(args.profile)
        return
    best: dict[str, float] = {}
    for _ in range(args.passes):
        for stage, seconds in one_pass(texts).items():
            best[stage] = min(best.get(stage, seconds), seconds)
    ours = sum(seconds for stage, seconds in best.items() if stage != SPACY_PART)
    print(f"{len(texts)} articles, CPU ms per article (best of {args.passes} passes)")
    for stage, seconds in best.items():
        print(f"  {stage:24s} {1000 * seconds / len(texts):8.2f}")
    print(f"  {'newsgraph total':24s} {1000 * ours / len(texts):8.2f}")


if __name__ == "__main__":
    main()
