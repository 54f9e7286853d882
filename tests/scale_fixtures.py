"""Generated articles and store comparisons shared by the cluster-path tests."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from newsgraph.model import Article
from newsgraph.store import open_store

# columns that say when or in which run a row was written: they differ between any two runs
RUN_COLUMNS = frozenset({"run_id", "ingested_at", "first_seen", "at"})

ACTORS = ["Hezbollah", "Israel", "Hamas", "Lebanon's army", "Egypt", "Qatar"]
PLACES = ["Metula", "Beirut", "Gaza City", "Doha", "Kiryat Shmona", "Tyre"]
VERBS = ["fired rockets at", "shelled", "accused", "met", "warned", "condemned"]


def generated_article(n: int) -> dict[str, Any]:
    """A short wire story, different for every ``n``, with an attack, a quote and a denial."""
    actor, other = ACTORS[n % len(ACTORS)], ACTORS[(n + 1) % len(ACTORS)]
    place, verb = PLACES[n % len(PLACES)], VERBS[n % len(VERBS)]
    text = (
        f"{actor} {verb} {other} near {place} on Monday, officials said in report {n}.\n"
        f'"We will respond to every attack," a spokesman for {other} told reporters.\n'
        f"{actor} denied that civilians had been hit in the strike number {n}."
    )
    return {
        "id": f"gen-{n:04d}",
        "text": text,
        "title": f"Report {n}",
        "outlet": "Test Wire",
        "published": f"2024-08-{1 + n % 28:02d}",
        "url": f"https://example.org/wire/{n}",
    }


def write_corpus(folder: Path, n_files: int, per_file: int, start: int = 0) -> list[str]:
    """``n_files`` JSON Lines files of ``per_file`` generated articles; returns their paths."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for f in range(n_files):
        path = folder / f"wire-{start + f:03d}.jsonl"
        numbers = range((start + f) * per_file, (start + f + 1) * per_file)
        path.write_text("".join(json.dumps(generated_article(n)) + "\n" for n in numbers))
        paths.append(str(path))
    return paths


def store_snapshot(target: str | Path) -> dict[str, Any]:
    """Everything a store holds but the runs table and the when-and-which-run columns."""
    with open_store(target, read_only=True) as store:
        tables = {}
        for name in store.tables():
            if name == "runs":
                continue
            frame = store.table(name)
            columns = [c for c in frame.columns if c not in RUN_COLUMNS]
            rows = [
                json.dumps(row, default=str, sort_keys=True)
                for row in frame[columns].to_dict("records")
            ]
            tables[name] = sorted(rows)
        return {"records": list(store.iter_records()), "tables": tables}


class CountingAnnotator:
    """Stands in for the pipeline: a record per article; stops the run at a chosen article."""

    batch_size = 2
    timeout_s = 0.0

    def __init__(self, stop_at: str | None = None) -> None:
        self.stop_at = stop_at

    def __call__(self, articles: list[Article]) -> list[dict[str, Any]]:
        if any(a.id == self.stop_at for a in articles):
            raise KeyboardInterrupt  # like a worker killed mid-shard: not an article's error
        return [{"id": a.id, "article": a.meta(), "actors": []} for a in articles]
