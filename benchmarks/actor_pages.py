"""The one-actor pages with and without ``actor_rows``, in one process, the answer cache off.

    PYTHONPATH=. python benchmarks/actor_pages.py --db /tmp/base-100000.duckdb

For the busiest actors (as ``load.py`` picks them) it renders each page kind that the table can
serve (the actor page, its API, events by type and actor, statements by speaker) with the
table and with the general queries, the two taken in turn, and prints each kind's median CPU
time (the process's, DuckDB's threads included) and wall time per request, and their ratio.
The store must have been written by ``link`` with the table (``link`` once on an older store).
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from pathlib import Path
from urllib.parse import quote, urlencode

from fastapi.testclient import TestClient

from newsgraph.store import open_store
from newsgraph.web import create_app
from newsgraph.web.actorpages import ActorRange

KINDS = {
    "actor page": lambda a, t: f"/actors/{quote(a, safe='')}",
    "actor API": lambda a, t: f"/api/actors/{quote(a, safe='')}",
    "events by type and actor": lambda a, t: "/events?" + urlencode({"type": t, "actor": a}),
    "statements by speaker API": lambda a, t: (
        "/api/statements?" + urlencode({"speaker": a, "limit": 20})
    ),
}


def measure(client: TestClient, url: str) -> tuple[float, float]:
    cpu, wall = time.process_time(), time.perf_counter()
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return (time.process_time() - cpu) * 1000, (time.perf_counter() - wall) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--actors", type=int, default=12)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    with open_store(args.db, read_only=True) as store:
        app = create_app(store, cache_mb=0)
        reader = app.state.reader
        assert reader._actor_range(ActorRange("x", "event")), (
            "no current actor_rows: run `newsgraph link` once"
        )
        actors = [
            r[0]
            for r in store.query(
                "SELECT source_actor FROM events WHERE source_actor IS NOT NULL "
                f"GROUP BY 1 ORDER BY count(*) DESC LIMIT {int(args.actors)}"
            )
        ]
        types = [r[0] for r in store.query('SELECT DISTINCT "type" FROM events LIMIT 6')]
        client = TestClient(app, base_url="http://127.0.0.1")
        figures: dict[str, dict[str, list[float]]] = {}
        for kind, url_of in KINDS.items():
            urls = [url_of(a, types[i % len(types)]) for i, a in enumerate(actors)]
            for url in urls:  # warm: wordings, first cursors
                measure(client, url)
            for _ in range(args.rounds):
                for url in urls:
                    for mode, current in (("table", True), ("queries", False)):
                        reader._memo["actor_rows"] = current
                        cpu, wall = measure(client, url)
                        kept = figures.setdefault(kind, {})
                        kept.setdefault(f"{mode} cpu", []).append(cpu)
                        kept.setdefault(f"{mode} wall", []).append(wall)
            reader._memo["actor_rows"] = True
        report = {
            kind: {name: round(statistics.median(v), 1) for name, v in kept.items()}
            | {
                "cpu ratio": round(
                    statistics.median(kept["queries cpu"]) / statistics.median(kept["table cpu"]), 2
                )
            }
            for kind, kept in figures.items()
        }
        print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
