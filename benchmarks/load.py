"""Load test for ``newsgraph serve``: N concurrent users over a mix of pages, against 127.0.0.1.

    PYTHONPATH=. python benchmarks/load.py --db /tmp/web.duckdb                 # the store as is
    PYTHONPATH=. python benchmarks/load.py --db /tmp/web.duckdb --articles 3000 # replicated copy

It starts the real server (``python -m newsgraph serve``) in a subprocess, measures one user
alone (the baseline), then ``--users`` users at once, each sending requests back to back on its
own keep-alive connection, and prints p50/p95/max latency, throughput and errors for both, the
ratio of the two p95s, the load average at start and end, and the CPU time the server's
processes spent per request (user + system, from /proc: a cost that other jobs on a shared
machine barely move, unlike latency). Both runs are bounded by ``--requests`` (per user) and
``--seconds``. ``--workers`` and ``--cache-mb`` are passed to ``serve`` (``--cache-mb 0``:
every answer rendered afresh).

``--articles N`` first writes a bigger store next to the given one: its articles replicated with
new ids (``<id>~<k>``), every per-article table with them, publication dates shifted by
``k % 90`` days so that date filters keep selecting a part of it. Nothing is fetched.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import shutil
import socket
import statistics
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote, urlencode

import duckdb

# Tables keyed by article: copied with the article id suffixed (and their other article refs).
PER_ARTICLE = (
    "article_actors",
    "article_places",
    "article_sources",
    "events",
    "framing",
    "mentions",
    "statements",
    "times",
    "errors",
    "linked_articles",  # the copies are linked as their originals are
)


def replicate(source: Path, target: Path, articles: int) -> None:
    """``target``: ``source`` with its articles copied until it holds about ``articles``."""
    shutil.copyfile(source, target)
    con = duckdb.connect(str(target))
    try:
        have = con.execute("SELECT count(*) FROM articles").fetchone()[0]
        copies = max(0, -(-articles // max(have, 1)) - 1)
        if copies == 0:
            return
        con.execute(f"CREATE TEMP TABLE k AS SELECT range AS k FROM range(1, {copies + 1})")
        suffix = "'~' || CAST(k.k AS VARCHAR)"
        con.execute(
            f"INSERT INTO articles SELECT a.* REPLACE (a.id || {suffix} AS id, "
            "a.published + CAST(k.k % 90 AS INTEGER) AS published) FROM articles a, k"
        )
        for table in PER_ARTICLE:
            con.execute(
                f"INSERT INTO {table} SELECT t.* REPLACE (t.article_id || {suffix} AS article_id) "
                f"FROM {table} t, k"
            )
        con.execute(
            f"INSERT INTO claim_links SELECT c.* REPLACE (c.article_id || {suffix} AS article_id, "
            f"c.to_article_id || {suffix} AS to_article_id) FROM claim_links c, k"
        )
        con.execute(
            f"INSERT INTO event_clusters SELECT c.* REPLACE (c.id || {suffix} AS id) "
            "FROM event_clusters c, k"
        )
        con.execute(
            f"INSERT INTO event_cluster_members SELECT m.* REPLACE (m.cluster_id || {suffix} "
            f"AS cluster_id, m.article_id || {suffix} AS article_id) "
            "FROM event_cluster_members m, k"
        )
        con.execute("CHECKPOINT")
    finally:
        con.close()
    rewrite_actor_rows(target)


def rewrite_actor_rows(target: Path) -> None:
    """The replica's ``actor_rows`` (copied from the original's few articles) written whole
    again, as ``link`` would, where the original has one."""
    from newsgraph.store import actor_rows, open_duckdb

    store = open_duckdb(str(target))
    try:
        if store.query("SELECT 1 FROM schema_info WHERE key = ?", [actor_rows.STATE_KEY]):
            actor_rows.refresh(store, None)
    finally:
        store.close()


def page_mix(db: Path, seed: int = 7) -> list[str]:
    """The addresses a user cycles through: API lists, article, actor and filtered events pages."""
    con = duckdb.connect(str(db), read_only=True)
    try:

        def column(sql: str) -> list[str]:
            return [r[0] for r in con.execute(sql).fetchall()]

        article_ids = column("SELECT id FROM articles USING SAMPLE 40 ROWS")
        actors = column(
            "SELECT source_actor FROM events WHERE source_actor IS NOT NULL "
            "GROUP BY 1 ORDER BY count(*) DESC LIMIT 12"
        )
        types = column('SELECT DISTINCT "type" FROM events LIMIT 6')
        outlets = column("SELECT DISTINCT outlet FROM articles LIMIT 6")
    finally:
        con.close()
    rng = random.Random(seed)
    urls: list[str] = []
    for i in range(60):
        actor = rng.choice(actors)
        urls += [
            f"/articles/{quote(rng.choice(article_ids), safe='')}",
            f"/actors/{quote(actor, safe='')}",
            "/events?" + urlencode({"type": rng.choice(types), "actor": actor}),
            "/events?" + urlencode({"outlet": rng.choice(outlets), "page": 1 + i % 3}),
            f"/api/events?limit=50&offset={50 * (i % 5)}",
            "/api/statements?" + urlencode({"speaker": actor, "limit": 20}),
            f"/api/articles?limit=50&offset={50 * (i % 4)}",
            "/api/actors?" + urlencode({"q": actor[:4]}),
        ]
    rng.shuffle(urls)
    return urls


@dataclass
class Tally:
    latencies: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)


def user(port: int, urls: list[str], start: int, requests: int, until: float, tally: Tally) -> None:
    con = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    for n in range(requests):
        if time.monotonic() > until:
            break
        url = urls[(start + n) % len(urls)]
        began = time.perf_counter()
        try:
            con.request("GET", url, headers={"Host": "localhost"})
            response = con.getresponse()
            response.read()
            status = response.status
        except (OSError, http.client.HTTPException) as exc:
            status, con = 0, http.client.HTTPConnection("127.0.0.1", port, timeout=60)
            error = f"{url}: {exc}"
        else:
            error = f"{url}: HTTP {status}"
        took = time.perf_counter() - began
        with tally.lock:
            tally.latencies.append(took)
            if status != 200:
                tally.errors.append(error)
    con.close()


def run(
    port: int, urls: list[str], users: int, requests: int, seconds: float, server: int = 0
) -> dict:
    tally = Tally()
    cpu_before = cpu_seconds(server) if server else None
    until = time.monotonic() + seconds
    threads = [
        threading.Thread(
            target=user, args=(port, urls, i * 37, requests, until, tally), daemon=True
        )
        for i in range(users)
    ]
    began = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.perf_counter() - began
    cpu_after = cpu_seconds(server) if server else None
    lat = sorted(tally.latencies)
    q = statistics.quantiles(lat, n=100) if len(lat) > 1 else lat * 99
    return {
        "users": users,
        "requests": len(lat),
        "errors": len(tally.errors),
        "first_errors": tally.errors[:5],
        "p50_ms": round(q[49] * 1000, 1),
        "p95_ms": round(q[94] * 1000, 1),
        "max_ms": round(lat[-1] * 1000, 1) if lat else None,
        "requests_per_s": round(len(lat) / wall, 1),
        "server_cpu_ms_per_request": (
            round((cpu_after - cpu_before) * 1000 / max(len(lat), 1), 1)
            if cpu_before is not None and cpu_after is not None
            else None
        ),
    }


def load_average() -> str | None:
    """The machine's 1, 5 and 15-minute load averages, where the system tells them."""
    try:
        return " ".join(Path("/proc/loadavg").read_text().split()[:3])
    except OSError:
        return None


def cpu_seconds(root: int) -> float | None:
    """CPU time (user + system) used so far by process ``root`` and its descendants (the
    server's workers): a cost per request that other jobs on the machine barely move."""
    ticks = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100
    parents: dict[int, int] = {}
    used: dict[int, float] = {}
    for entry in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = entry.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        pid = int(entry.parent.name)
        parents[pid] = int(fields[1])
        used[pid] = (int(fields[11]) + int(fields[12])) / ticks
    if root not in used:
        return None
    family, total = {root}, 0.0
    for pid in sorted(used):  # children have higher ids than their parents, nearly always
        if pid == root or parents.get(pid) in family:
            family.add(pid)
            total += used[pid]
    return total


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(db: Path, port: int, options: list[str]) -> subprocess.Popen:
    command = [sys.executable, "-m", "newsgraph", "serve", "--db", str(db), "--port", str(port)]
    command += options
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"serve exited: {process.stderr.read().decode()}")
        try:
            con = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            con.request("GET", "/api/health", headers={"Host": "localhost"})
            if con.getresponse().status == 200:
                return process
        except OSError:
            time.sleep(0.2)
    process.kill()
    raise SystemExit("serve did not answer within 60 s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--db", type=Path, required=True, help="a newsgraph DuckDB store")
    parser.add_argument("--articles", type=int, help="replicate the store to this many articles")
    parser.add_argument("--out", type=Path, help="where the replicated store goes")
    parser.add_argument("--users", type=int, default=20)
    parser.add_argument("--requests", type=int, default=50, help="per user, at most")
    parser.add_argument("--seconds", type=float, default=60, help="per run, at most")
    parser.add_argument("--baseline-requests", type=int, default=100)
    parser.add_argument("--workers", type=int, help="serve --workers (default: serve's own)")
    parser.add_argument("--cache-mb", type=float, help="serve --cache-mb (0: no answer cache)")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args()

    db = args.db
    if args.articles:
        db = args.out or db.with_name(f"{db.stem}-{args.articles}.duckdb")
        if not db.exists():
            began = time.perf_counter()
            replicate(args.db, db, args.articles)
            print(f"replicated {args.db} into {db} in {time.perf_counter() - began:.1f} s")
    con = duckdb.connect(str(db), read_only=True)
    n_articles = con.execute("SELECT count(*) FROM articles").fetchone()[0]
    n_events = con.execute("SELECT count(*) FROM events").fetchone()[0]
    con.close()
    urls = page_mix(db)
    port = free_port()
    load_at_start = load_average()
    options = [] if args.workers is None else ["--workers", str(args.workers)]
    options += [] if args.cache_mb is None else ["--cache-mb", str(args.cache_mb)]
    server = start_server(db, port, options)
    try:
        # warm-up, one of each kind of page: imports, the knowledge base, first cursors
        run(port, sorted(urls, key=lambda u: u.split("?")[0])[::40], 1, 16, args.seconds)
        alone = run(port, urls, 1, args.baseline_requests, args.seconds, server.pid)
        crowd = run(port, urls, args.users, args.requests, args.seconds, server.pid)
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:  # a graceful shutdown still waiting on a connection
            server.kill()
            server.wait()
    figures = {
        "store": str(db),
        "articles": n_articles,
        "events": n_events,
        "cpus": os.cpu_count(),
        "serve_options": options,
        "load_average": {"start": load_at_start, "end": load_average()},
        "one_user": alone,
        "concurrent": crowd,
        "p95_ratio": round(crowd["p95_ms"] / max(alone["p95_ms"], 0.1), 2),
    }
    if args.json:
        print(json.dumps(figures, indent=2))
        return
    print(f"store {db}: {n_articles:,} articles, {n_events:,} events, {os.cpu_count()} CPUs")
    shown = " ".join(options) or "(defaults)"
    print(f"serve {shown}; load average {load_at_start} → {load_average()}")
    for label, r in (("1 user", alone), (f"{args.users} users", crowd)):
        print(
            f"{label:>9}: {r['requests']} requests, {r['errors']} errors, p50 {r['p50_ms']} ms, "
            f"p95 {r['p95_ms']} ms, max {r['max_ms']} ms, {r['requests_per_s']} req/s, "
            f"server CPU {r['server_cpu_ms_per_request']} ms/request"
        )
        for error in r["first_errors"]:
            print(f"           {error}")
    print(f"p95 with {args.users} users / p95 alone: {figures['p95_ratio']}")


if __name__ == "__main__":
    main()
