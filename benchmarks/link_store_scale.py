"""How ``newsgraph link`` scales on a real DuckDB store: a full link at two sizes and an
incremental link of a few hundred new articles on the larger store.

    PYTHONPATH=. python benchmarks/link_store_scale.py [--sizes 3000 30000] [--new 300 3000]
        [--seed-db news.duckdb] [--copies-per-day 1] [--keep DIR]

The store is built the way ``benchmarks/load.py --articles N`` builds its copies: a seed store's
articles (by default ``link_scale.base_records()``, a day's story of four articles: a strike
with tolls 9/10/11 and 30, an accusation, three denials; or ``--seed-db``, a stored store)
are copied in SQL with new ids (``<id>~<k>``) and every per-article table with them,
publication dates and time values shifted by ``k // copies-per-day`` days. Nothing is fetched.
Then ``link --full`` is timed at each size; to the largest store each ``--new`` batch of copies
(dated after the last) is added in turn and ``link`` (incremental) is timed; the ratios of CPU
times are printed (wall times too: on a shared machine they mostly measure the neighbours).
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
import time
from datetime import date
from pathlib import Path

import duckdb

from benchmarks.link_scale import base_records
from newsgraph.link import LinkOptions, LinkSummary, link_store
from newsgraph.model import Article
from newsgraph.store import open_store
from newsgraph.store.schema import PER_ARTICLE_TABLES

# Per-article tables copied with each replica (claim links keep their own two article columns).
COPIED = tuple(
    t.name for t in PER_ARTICLE_TABLES if t.name not in ("claim_links", "linked_articles")
)
_SHIFT_VALUE = (
    "CASE WHEN regexp_matches(t.value, '^[0-9]{{4}}-[0-9]{{2}}-[0-9]{{2}}') THEN "
    "strftime(CAST(substr(t.value, 1, 10) AS DATE) + {days}, '%Y-%m-%d') || substr(t.value, 11) "
    "ELSE t.value END"
)


def seed_store(path: Path, seed_db: Path | None) -> int:
    """A store holding the seed articles (unlinked); returns their number."""
    if seed_db is not None:
        shutil.copyfile(seed_db, path)
        con = duckdb.connect(str(path))
        for table in ("event_cluster_members", "event_cluster_blocks", "event_clusters",
                      "linked_articles"):  # fmt: skip
            con.execute(f"DELETE FROM {table}")
        con.execute("DELETE FROM claim_links WHERE origin = 'link'")
        count = con.execute("SELECT count(*) FROM articles").fetchone()[0]
        con.close()
        return int(count)
    records = base_records()
    with open_store(path) as store:
        run_id = store.begin_run({"stage": "benchmark-seed"})
        items = []
        for rec in records:
            a = rec["article"]
            published = date.fromisoformat(a["published"])
            article = Article(id=a["id"], text=a["text"] or "-", outlet=a["outlet"],
                              published=published, language="en")  # fmt: skip
            items.append((rec, article))
        store.write_records(items, run_id)
    return len(records)


def replicate(path: Path, first: int, last: int, copies_per_day: int) -> None:
    """Add copies ``first..last`` of the seed articles (those without ``~`` in their id)."""
    con = duckdb.connect(str(path))
    try:
        con.execute("DROP TABLE IF EXISTS k")
        con.execute(
            f"CREATE TEMP TABLE k AS SELECT range AS k, CAST(range // {copies_per_day} AS INTEGER)"
            f" AS days FROM range({first}, {last + 1})"
        )
        suffix = "'~' || CAST(k.k AS VARCHAR)"
        seed = "strpos({col}, '~') = 0"
        con.execute(
            f"INSERT INTO articles SELECT a.* REPLACE (a.id || {suffix} AS id, "
            f"a.published + k.days AS published) FROM articles a, k WHERE {seed.format(col='a.id')}"
        )
        for table in COPIED:
            shift = ""
            if table == "times":
                shift = f", {_SHIFT_VALUE.format(days='k.days')} AS value"
            con.execute(
                f"INSERT INTO {table} SELECT t.* REPLACE (t.article_id || {suffix} AS article_id"
                f"{shift}) FROM {table} t, k WHERE {seed.format(col='t.article_id')}"
            )
        con.execute(
            f"INSERT INTO claim_links SELECT c.* REPLACE (c.article_id || {suffix} AS article_id, "
            f"c.to_article_id || {suffix} AS to_article_id) FROM claim_links c, k "
            f"WHERE c.origin = 'record' AND {seed.format(col='c.article_id')}"
        )
        con.execute("CHECKPOINT")
    finally:
        con.close()


def build(path: Path, articles: int, seed_db: Path | None, copies_per_day: int) -> int:
    """A store of about ``articles`` articles; returns the number of copies of the seed."""
    n_seed = seed_store(path, seed_db)
    copies = max(1, -(-articles // n_seed))
    replicate(path, 1, copies - 1, copies_per_day)
    return copies


def timed_link(path: Path, full: bool, learned: bool = True) -> tuple[float, float, LinkSummary]:
    """Wall and CPU seconds of one link run (the machine may be shared: CPU is the steadier)."""
    with open_store(path, create=False) as store:
        started, cpu = time.perf_counter(), time.process_time()
        summary = link_store(store, full=full, options=LinkOptions(learned=learned))
        return time.perf_counter() - started, time.process_time() - cpu, summary


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="+", default=[3000, 30000])
    parser.add_argument(
        "--new", type=int, nargs="+", default=[300, 3000], help="batches added to the last size"
    )
    parser.add_argument("--seed-db", type=Path, default=None)
    parser.add_argument("--copies-per-day", type=int, default=1)
    parser.add_argument("--keep", type=Path, default=None, help="keep the stores in this folder")
    parser.add_argument(
        "--compare-hand",
        action="store_true",
        help="also time link --full without the learned pair evidence (ratio learned / hand)",
    )
    args = parser.parse_args()
    folder = args.keep or Path(tempfile.mkdtemp(prefix="link-scale-"))
    folder.mkdir(parents=True, exist_ok=True)
    full_cpu: list[float] = []
    try:
        for size in args.sizes:
            path = folder / f"link-{size}.duckdb"
            path.unlink(missing_ok=True)
            started = time.perf_counter()
            copies = build(path, size, args.seed_db, args.copies_per_day)
            built = time.perf_counter() - started
            if args.compare_hand:
                hand_seconds, hand_cpu, _ = timed_link(path, full=True, learned=False)
                print(f"{size}: link --full, hand-set evidence only: {hand_seconds:.1f} s "
                      f"({hand_cpu:.1f} s CPU)")  # fmt: skip
            seconds, cpu, summary = timed_link(path, full=True)
            full_cpu.append(cpu)
            if args.compare_hand:
                print(f"{size}: learned / hand CPU ratio {cpu / hand_cpu:.2f}")
            links = sum(summary.claim_links.values())
            print(
                f"{summary.articles} articles (built in {built:.1f} s): link --full {seconds:.1f} s"
                f" ({cpu:.1f} s CPU), {summary.clusters} clusters, {links} claim links, "
                f"CPU ratio vs the first size {cpu / full_cpu[0]:.1f}"
            )
        n_seed = max(1, summary.articles // copies)
        first_new_cpu = None
        for new in args.new:  # each batch dated after the last: what a daily ingest adds
            added = max(1, -(-new // n_seed))
            replicate(path, copies, copies + added - 1, args.copies_per_day)
            copies += added
            seconds, cpu, summary = timed_link(path, full=False)
            first_new_cpu = first_new_cpu or cpu
            print(
                f"+{summary.new_articles} new articles: link (incremental) {seconds:.2f} s "
                f"({cpu:.2f} s CPU), {summary.read_articles} articles read, "
                f"{summary.loaded_clusters} clusters reloaded, "
                f"{summary.touched_clusters} clusters written; CPU ratio to the full link of "
                f"{summary.articles - summary.new_articles}: {cpu / full_cpu[-1]:.3f}, "
                f"to the first batch: {cpu / first_new_cpu:.1f}"
            )
    finally:
        if args.keep is None:
            shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
