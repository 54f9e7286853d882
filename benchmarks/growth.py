"""Does ingest stay linear? Time per article, store size per article and ``link`` time on stores
of 1,000, 10,000 and 100,000 short generated articles.

    PYTHONPATH=. python benchmarks/growth.py [--sizes 1000,10000,100000] [--batch 1000]
        [--pool 200] [--keep DIR] [--json]

Annotating 100,000 articles takes hours on a small machine, and what is asked is whether an
article costs more to ingest into a big store than into a small one. So the store is filled
quickly and the marginal cost measured honestly:

1. ``--pool`` short articles are generated (a few sentences each: a strike with a toll, a
   denial, a statement; actors, places and numbers vary), all dated the same day, annotated
   once and stored: one day of news.
2. The store is grown to each size N in turn by copying those articles in SQL with new ids
   (``<id>~<k>``) and every per-article row with them, dated one day later per copy (the way
   ``benchmarks/link_store_scale.py`` and ``benchmarks/load.py --articles`` grow a store),
   and linked (``link --full``, timed: the full link at N).
3. At each N a fixed batch of ``--batch`` fresh generated articles (new texts, so new ids),
   dated on the days after the last copy at the same ``--pool`` articles a day, is ingested
   with ``newsgraph.ingest`` (one process: read, resume check, annotate, write), then linked
   incrementally (``link``), and a second batch of the same size, already annotated, is
   written with the store calls ``ingest`` makes (``known_ids`` then ``write_records`` per
   batch of 16): the store's share of the ingest, without the parse that dominates it.
4. Store size per article: bytes of the DuckDB file (after a checkpoint) / articles.

The articles stored at a size include the batches written at the smaller sizes (2 x ``--batch``
each), so the N printed is a little above the size asked for.

Printed per N: ingest seconds per article (wall and CPU), the store's share per article, link
time for the batch, full-link time, bytes per article; then the ratios largest N / smallest N,
all from this one run (CPU times are the steadier figure on a shared machine). The target of
issue 16: ingest time per article at 100k within 15 % of the time at 1k, link linear in the
articles added.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import duckdb

from benchmarks.link_store_scale import replicate, timed_link
from newsgraph.ingestion import LOOKUP_CHUNK, batched, ingest
from newsgraph.model import Article
from newsgraph.pipeline import Annotator
from newsgraph.read import article_id
from newsgraph.store import open_store

ACTORS = ("Israeli", "Russian", "Ukrainian", "Sudanese", "Turkish", "Syrian", "Houthi", "Iraqi")
GROUPS = ("Hezbollah", "Hamas", "the RSF", "the army", "the police", "ISIS", "al-Shabaab")
PLACES = ("Gaza", "Kharkiv", "Khartoum", "Aleppo", "Mosul", "Sanaa", "Mogadishu", "Beirut", "Idlib")
SPEAKERS = ("a spokesman", "the ministry", "a local official", "the governor", "witnesses")
VERBS = ("shelled", "attacked", "bombed", "raided", "struck")
START = date(2024, 1, 1)


def generated_text(k: int) -> str:
    """A short news item, different for every ``k`` (about 60 words)."""
    actor, group = ACTORS[k % len(ACTORS)], GROUPS[(k // 3) % len(GROUPS)]
    place, other = PLACES[k % len(PLACES)], PLACES[(k // 5 + 1) % len(PLACES)]
    speaker, verb = SPEAKERS[(k // 7) % len(SPEAKERS)], VERBS[(k // 2) % len(VERBS)]
    killed, wounded = 2 + k % 37, 5 + k % 53
    return (
        f"{place.upper()} (Agency) - {actor} forces {verb} {place} on Monday, killing {killed} "
        f"people and wounding {wounded}, {speaker} said. {group} denied any role in the attack "
        f"on {place} and accused {actor} troops of targeting civilians near {other}. "
        f"Talks on a ceasefire are due to resume in Cairo on Thursday, item {k}."
    )


def generated_article(k: int, suffix: str = "", day: int = 0) -> Article:
    text = generated_text(k)
    outlet = f"outlet{k % 5}"
    return Article(
        id=article_id(outlet, None, text) + suffix,
        text=text,
        outlet=outlet,
        published=START + timedelta(days=day),
        language="en",
    )


def write_jsonl(path: Path, articles: list[Article]) -> None:
    with path.open("w", encoding="utf-8") as out:
        for a in articles:
            row = {"id": a.id, "text": a.text, "outlet": a.outlet}
            row["published"] = a.published.isoformat()
            out.write(json.dumps(row) + "\n")


def renamed(record: dict[str, Any], article: Article, suffix: str) -> tuple[dict, Article]:
    """The same annotated article under a new id."""
    new_id = article.id + suffix
    return (
        {**record, "article": {**record["article"], "id": new_id}},
        Article(
            id=new_id,
            text=article.text,
            outlet=article.outlet,
            published=article.published,
            language="en",
        ),
    )


def article_count(path: Path) -> int:
    con = duckdb.connect(str(path), read_only=True)
    try:
        return int(con.execute("SELECT count(*) FROM articles").fetchone()[0])
    finally:
        con.close()


def checkpointed_size(path: Path) -> int:
    con = duckdb.connect(str(path))
    try:
        con.execute("CHECKPOINT")
    finally:
        con.close()
    return path.stat().st_size


def store_share(path: Path, annotated: list[tuple[dict, Article]], suffix: str) -> float:
    """CPU seconds of the store calls an ingest of ``annotated`` makes (resume check, then one
    write per batch of 16), the articles renamed with ``suffix`` so that they are new."""
    items = [renamed(r, a, suffix) for r, a in annotated]
    with open_store(path, create=False) as store:
        run_id = store.begin_run({"stage": "benchmark-growth"})
        cpu = time.process_time()
        for chunk in batched(items, LOOKUP_CHUNK):
            store.known_ids(a.id for _, a in chunk)
        for batch in batched(items, 16):
            store.write_records(batch, run_id)
        return time.process_time() - cpu


def measure(args: argparse.Namespace, folder: Path) -> list[dict[str, Any]]:
    path = folder / "growth.duckdb"
    path.unlink(missing_ok=True)
    annotator = Annotator(batch_size=16)
    pool = [generated_article(k) for k in range(args.pool)]
    with open_store(path) as store:
        run_id = store.begin_run({"stage": "benchmark-growth-seed"})
        store.write_records(list(zip(annotator(pool), pool, strict=True)), run_id)
    # the store-share batch: annotated once, written renamed at every size
    extra = [generated_article(10_000_000 + k) for k in range(args.batch)]
    extra_annotated = list(zip(annotator(extra), extra, strict=True))
    copies, fresh, rows = 1, 0, []
    for size in args.sizes:
        wanted = max(1, -(-size // args.pool))
        if wanted > copies:
            started = time.perf_counter()
            replicate(path, copies, wanted - 1, copies_per_day=1)
            copies = wanted
            filled = time.perf_counter() - started
        else:
            filled = 0.0
        full_wall, full_cpu, _ = timed_link(path, full=True)
        stored_before = article_count(path)
        # ids with "~", like the copies: the next size's copying takes only the pool
        # dated after the last copy, a pool's worth a day: what a daily ingest adds
        batch = [
            generated_article(1_000_000 + fresh + k, "~fresh", copies + k // args.pool)
            for k in range(args.batch)
        ]
        fresh += args.batch
        inputs = folder / f"batch-{size}.jsonl"
        write_jsonl(inputs, batch)
        started, cpu = time.perf_counter(), time.process_time()
        result = ingest([str(inputs)], str(path), format="jsonl", workers=1)
        ingest_wall, ingest_cpu = time.perf_counter() - started, time.process_time() - cpu
        link_wall, link_cpu, summary = timed_link(path, full=False)
        share_cpu = store_share(path, extra_annotated, f"~g{size}")
        stored = article_count(path)
        row = {
            "articles_before": stored_before,
            "stored": result.stored,
            "fill_s": round(filled, 1),
            "ingest_ms_per_article": round(1000 * ingest_wall / max(1, result.stored), 2),
            "ingest_cpu_ms_per_article": round(1000 * ingest_cpu / max(1, result.stored), 2),
            "store_cpu_ms_per_article": round(1000 * share_cpu / len(extra_annotated), 3),
            "link_batch_s": round(link_wall, 2),
            "link_batch_cpu_s": round(link_cpu, 2),
            "link_new_articles": summary.new_articles,
            "link_read_articles": summary.read_articles,
            "link_loaded_clusters": summary.loaded_clusters,
            "link_full_s": round(full_wall, 2),
            "link_full_cpu_s": round(full_cpu, 2),
            "bytes_per_article": round(checkpointed_size(path) / stored),
        }
        rows.append(row)
        if not args.json:
            print(
                f"N={stored_before:>7}: ingest {row['ingest_ms_per_article']:.1f} ms/article "
                f"({row['ingest_cpu_ms_per_article']:.1f} CPU), store share "
                f"{row['store_cpu_ms_per_article']:.2f} ms CPU/article, link of the batch "
                f"{row['link_batch_s']:.2f} s ({row['link_batch_cpu_s']:.2f} CPU, "
                f"{row['link_read_articles']} articles read, "
                f"{row['link_loaded_clusters']} clusters reloaded), link --full "
                f"{row['link_full_s']:.1f} s ({row['link_full_cpu_s']:.1f} CPU), "
                f"{row['bytes_per_article']} bytes/article on disk",
                flush=True,
            )
    return rows


def ratios(rows: list[dict[str, Any]]) -> dict[str, float]:
    first, last = rows[0], rows[-1]
    keys = (
        "ingest_ms_per_article",
        "ingest_cpu_ms_per_article",
        "store_cpu_ms_per_article",
        "link_batch_cpu_s",
        "bytes_per_article",
    )
    return {k: round(last[k] / first[k], 3) if first[k] else float("nan") for k in keys}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000,100000", help="store sizes, ascending")
    parser.add_argument("--batch", type=int, default=1000, help="fresh articles ingested per size")
    parser.add_argument("--pool", type=int, default=200, help="annotated articles copied to N")
    parser.add_argument("--keep", type=Path, default=None, help="keep the store in this folder")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    args.sizes = sorted(int(s) for s in args.sizes.split(","))
    folder = args.keep or Path(tempfile.mkdtemp(prefix="growth-"))
    folder.mkdir(parents=True, exist_ok=True)
    try:
        rows = measure(args, folder)
    finally:
        if args.keep is None:
            shutil.rmtree(folder, ignore_errors=True)
    result = {"rows": rows, "ratio_largest_to_smallest": ratios(rows)}
    if args.json:
        json.dump(result, sys.stdout, indent=2)
        print()
        return
    n0, n1 = rows[0]["articles_before"], rows[-1]["articles_before"]
    print(f"ratios N={n1} / N={n0} (target for ingest: <= 1.15):")
    for key, value in result["ratio_largest_to_smallest"].items():
        print(f"  {key:28s} {value}")


if __name__ == "__main__":
    main()
