"""A table the CLI writes to a file or a pipe keeps its cells whole (no terminal to fit)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

NEWSGRAPH = [sys.executable, "-m", "newsgraph.cli"]
OUTLET = "Coastal Broadcasting Corporation of the Northern Provinces"


def _run(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(
        [*NEWSGRAPH, *args], capture_output=True, timeout=600, check=False, env=env
    )


def test_a_piped_table_keeps_long_cells_whole_unless_columns_says_otherwise(
    tmp_path: Path,
) -> None:
    record = {
        "id": "coast-1",
        "text": "Fishermen protested in the harbour on Monday over new quotas.",
        "title": "Fishermen protest the new quotas in the harbour of the northern town",
        "outlet": OUTLET,
        "published": "2025-03-04",
    }
    (tmp_path / "one.jsonl").write_text(json.dumps(record) + "\n")
    db = str(tmp_path / "news.duckdb")
    env = {k: v for k, v in os.environ.items() if k != "COLUMNS"}
    assert _run("ingest", str(tmp_path / "one.jsonl"), "--db", db, env=env).returncode == 0
    piped = _run("articles", "--db", db, env=env).stdout.decode()
    assert OUTLET in piped and "…" not in piped
    narrow = _run("articles", "--db", db, env={**env, "COLUMNS": "60"}).stdout.decode()
    assert OUTLET not in narrow  # COLUMNS still decides where it is set
