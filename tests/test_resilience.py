"""A killed ingest loses nothing and doubles nothing; two writers never corrupt the store."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from newsgraph.store import open_store

SCRIPT = Path(sys.executable).with_name("newsgraph")
NEWSGRAPH = [str(SCRIPT)] if SCRIPT.exists() else [sys.executable, "-m", "newsgraph"]

CITIES = ["Kharkiv", "Rafah", "Khartoum", "Hodeidah", "Tyre", "Odesa", "El Fasher", "Jenin"]
SPEAKERS = [
    ("Ukraine's military", "the Ukrainian Air Force"),
    ("Israel's army", "an army spokesperson"),
    ("Sudan's army", "a spokesman for the Sudanese Armed Forces"),
    ("The Houthis", "Houthi spokesman Yahya Saree"),
]

# tables whose rows must match exactly between an interrupted and an uninterrupted run
COMPARED_TABLES = ("articles", "statements", "events", "mentions", "times", "framing", "errors")


def write_corpus(folder: Path, n_articles: int = 18) -> Path:
    """Short seed-format articles written for this test, plus two inputs that must fail."""
    folder.mkdir(parents=True)
    for i in range(n_articles):
        city = CITIES[i % len(CITIES)]
        actor, spokesperson = SPEAKERS[i % len(SPEAKERS)]
        day = 1 + i % 27
        (folder / f"wire-{i:03d}.txt").write_text(
            f"date 2024-05-{day:02d} Strike reported near {city} ({i})\n"
            f"By Test Wire {i % 3}\n"
            f"{actor} said on Tuesday that it had struck a depot near {city}, "
            f"killing at least {i + 2} fighters.\n"
            f'"We hit what we aimed at," {spokesperson} told reporters. '
            f"Local officials denied the claim and said {i + 1} civilians were wounded.\n"
            f"Talks on a truce are expected to resume next week in Cairo, report {i}.\n",
            encoding="utf-8",
        )
    (folder / "zz-empty.txt").write_bytes(b"")
    (folder / "zz-binary.txt").write_bytes(b"%PDF-1.7\n\x00\x01\x02\xff\xfe" * 20)
    return folder


def ingest_command(corpus: Path, db: Path, *extra: str) -> list[str]:
    return [*NEWSGRAPH, "ingest", str(corpus), "--db", str(db), "--format", "seed", *extra]


def table_rows(db: Path) -> dict[str, int]:
    with open_store(str(db), read_only=True) as store:
        counts = store.counts()
    return {table: counts[table] for table in COMPARED_TABLES}


def kill_after_stored(corpus: Path, db: Path, n_outcomes: int) -> None:
    """Start an ingest and SIGKILL it once it has reported ``n_outcomes`` written inputs."""
    process = subprocess.Popen(
        ingest_command(corpus, db, "--verbose", "--workers", "1", "--batch-size", "2"),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        if n_outcomes == 0:
            time.sleep(1.5)  # during start-up: pipeline loading, store opened
        else:
            seen = 0
            assert process.stderr is not None
            for line in process.stderr:
                if line.startswith(("stored\t", "failed\t")):
                    seen += 1
                    if seen >= n_outcomes:
                        break
    finally:
        os.kill(process.pid, signal.SIGKILL)
        process.wait(timeout=60)


@pytest.mark.slow
def test_killed_ingest_resumes_to_the_same_store_as_an_uninterrupted_run(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "corpus")
    whole = tmp_path / "whole.duckdb"
    done = subprocess.run(ingest_command(corpus, whole), capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    expected = table_rows(whole)
    assert expected["articles"] == 18 and expected["errors"] == 2

    interrupted = tmp_path / "interrupted.duckdb"
    for n_outcomes in (0, 3, 5, 4):  # start-up, then mid-run at several points
        kill_after_stored(corpus, interrupted, n_outcomes)
        assert interrupted.exists() or n_outcomes == 0

    resumed = subprocess.run(ingest_command(corpus, interrupted), capture_output=True, text=True)
    assert resumed.returncode == 0, resumed.stderr
    assert table_rows(interrupted) == expected

    again = subprocess.run(ingest_command(corpus, interrupted), capture_output=True, text=True)
    assert again.returncode == 0, again.stderr
    assert "0 stored, 18 skipped" in again.stdout
    assert table_rows(interrupted) == expected


@pytest.mark.slow
def test_a_second_writer_fails_at_once_with_a_clear_message(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "corpus", n_articles=30)
    db = tmp_path / "shared.duckdb"
    first = subprocess.Popen(
        ingest_command(corpus, db, "--verbose", "--workers", "1", "--batch-size", "2"),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert first.stderr is not None
    for line in first.stderr:  # wait until the first writer is really writing
        if line.startswith(("stored\t", "failed\t")):
            break
    started = time.monotonic()
    second = subprocess.run(ingest_command(corpus, db), capture_output=True, text=True)
    waited = time.monotonic() - started
    first.communicate(timeout=600)
    assert first.returncode == 0
    if second.returncode != 0:
        assert "another" in second.stderr.lower() and "newsgraph" in second.stderr.lower()
        assert waited < 30  # failed at once, did not hang on the lock
    # whichever way it went, the store opens and holds each article once
    assert table_rows(db)["articles"] == 30
