"""The Ray runner gives exactly the records of the local runner, in input order.

The plumbing (article rows, ordering, the missing-extra message) is tested without Ray; the
end-to-end comparison needs the ``scale`` extra and is skipped without it.
"""

from __future__ import annotations

import builtins
import json
import logging
from datetime import date
from typing import Any

import pytest
from helpers import shutdown_ray

from newsgraph.model import Article, ArticleError
from newsgraph.scale import ray_runner
from newsgraph.scale.local import annotate_stream
from newsgraph.scale.ray_runner import (
    RayNotInstalled,
    RayRunFailed,
    annotate_with_ray,
    article_from_row,
    article_row,
    in_input_order,
)

# Ray Data's own context copying trips over its deprecated settings: not ours to fix
pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning:ray.data.context")


def wire_article(n: int, body: str, language: str | None = "en") -> Article:
    return Article(
        id=f"ray-test-{n}",
        text=body,
        title=f"Test wire {n}",
        outlet="Test Wire",
        published=date(2024, 8, n),
        url=f"https://example.org/wire/{n}",
        language=language,
        raw=b"raw bytes the workers must never see",
        source=f"wire-{n}.txt",
        format="seed",
    )


ARTICLES = [
    wire_article(
        1,
        "Hezbollah said on Monday that it had fired rockets at an Israeli position near Metula.\n"
        '"We will respond to every attack," a Hezbollah official told reporters.',
    ),
    wire_article(
        2,
        "Israeli Defense Minister Yoav Gallant warned Lebanon on Tuesday of a harsh response.\n"
        "Lebanon's foreign ministry rejected the threat and called for calm.",
    ),
    wire_article(
        3,
        "Le Hezbollah a tiré des roquettes sur le nord d'Israël lundi, selon l'armée.",
        language="fr",
    ),
    wire_article(
        4,
        "Qatar and Egypt hosted talks in Doha on Friday on a prisoner exchange, officials said.\n"
        "Hamas denied that a deal had been reached.",
    ),
]
READER_ERROR = ArticleError(code="empty", message="no text", source="empty.txt", raw=b"")
# a reader error between articles: it must come back in its own place
ITEMS: list[Article | ArticleError] = [ARTICLES[0], READER_ERROR, *ARTICLES[1:]]


# ---------------------------------------------------------------------------------------------
# without Ray


def test_article_row_round_trips_without_raw_bytes() -> None:
    article = wire_article(5, "Text with a lone surrogate \ud800 keeps its offsets.")
    row = article_row(article, seq=7)

    assert "raw" not in row
    assert row["seq"] == 7
    assert row["published"] == "2024-08-05"
    rebuilt = article_from_row(row)
    assert rebuilt.text == article.text
    assert rebuilt.raw == b""
    assert [getattr(rebuilt, f) for f in ray_runner.TEXT_FIELDS] == [
        getattr(article, f) for f in ray_runner.TEXT_FIELDS
    ]
    assert rebuilt.published == date(2024, 8, 5)


def test_article_row_keeps_missing_fields_missing() -> None:
    article = Article(id="bare", text="A bare article.")

    rebuilt = article_from_row(article_row(article, seq=0))

    assert (rebuilt.title, rebuilt.published, rebuilt.language) == (None, None, None)


def test_results_are_paired_by_position_whatever_order_they_arrive_in() -> None:
    out_of_order = iter([(3, {"n": 3}), (0, {"n": 0}), (4, {"n": 4}), (2, {"n": 2})])

    paired = list(in_input_order(ITEMS, out_of_order))

    assert [item for item, _ in paired] == ITEMS
    assert [record for _, record in paired] == [
        {"n": 0},
        READER_ERROR.to_dict(),
        {"n": 2},
        {"n": 3},
        {"n": 4},
    ]


def test_a_missing_result_is_an_error_not_a_silent_gap() -> None:
    with pytest.raises(RuntimeError, match="ray-test-2"):
        list(in_input_order(ITEMS, iter([(0, {"n": 0})])))


def test_windows_cut_the_input_in_order() -> None:
    windows = list(ray_runner._windows(iter(range(7)), 3))  # type: ignore[arg-type]

    assert windows == [[0, 1, 2], [3, 4, 5], [6]]


def blocks_of(rows: int, batch_size: int, actors: int) -> list[int]:
    size = ray_runner.block_size(rows, batch_size, actors)
    return [min(size, rows - start) for start in range(0, rows, size)]


def test_blocks_come_in_a_multiple_of_the_actors_so_they_finish_together() -> None:
    # 300 articles in blocks of 16 would be 19 blocks: one actor of two parses the last alone
    assert blocks_of(300, 16, 2) == [15] * 20
    assert len(blocks_of(64, 16, 3)) == 6
    assert max(blocks_of(64, 16, 3)) <= 16


def test_blocks_keep_the_batch_size_where_the_actors_share_them_evenly_already() -> None:
    assert blocks_of(300, 16, 1) == [16] * 18 + [12]
    assert blocks_of(32, 16, 2) == [16, 16]
    assert blocks_of(5, 16, 2) == [5]  # fewer articles than one batch: one block, one actor
    assert blocks_of(1, 16, 4) == [1]


class FakeRay:
    """Just enough of Ray for the driver's dispatch: tasks finish in the order they were given,
    and each submission notes how many blocks its actor then holds."""

    def __init__(self) -> None:
        self.order: list[tuple[int, int]] = []  # (actor, task) not yet collected, oldest first
        self.blocks: dict[tuple[int, int], list[dict[str, Any]]] = {}
        self.submissions: list[tuple[int, int, int]] = []  # (actor, blocks it holds, rows)
        self.killed: list[int] = []
        self.started = 0

    def remote(self, **options: Any) -> Any:
        """``ray.remote(**options)(cls)``: an actor class whose ``.remote(...)`` starts one."""
        assert options["num_cpus"] == 1 and options["max_restarts"] == ray_runner.RESTARTS
        actor_class = type("ActorClass", (), {"remote": staticmethod(self.actor)})
        return lambda cls: actor_class

    def actor(self, *args: Any) -> Any:
        fake = self
        number = self.started
        self.started += 1

        class Method:
            def remote(self, block: list[dict[str, Any]]) -> tuple[int, int]:
                task = (number, len(fake.blocks))
                fake.blocks[task] = block
                fake.order.append(task)
                holds = sum(1 for t in fake.order if t[0] == number)
                fake.submissions.append((number, holds, len(block)))
                return task

        class Actor:
            annotate = Method()

        actor = Actor()
        actor.number = number  # type: ignore[attr-defined]
        return actor

    def wait(self, tasks: list[Any], num_returns: int) -> tuple[list[Any], list[Any]]:
        oldest = next(t for t in self.order if t in tasks)
        self.order.remove(oldest)
        return [oldest], [t for t in tasks if t != oldest]

    def get(self, task: tuple[int, int]) -> bytes:
        return json.dumps([{"n": row[ray_runner.SEQ]} for row in self.blocks[task]]).encode()

    def kill(self, actor: Any) -> None:
        self.killed.append(actor.number)


def fake_pool(size: int, batch_size: int) -> tuple[FakeRay, ray_runner.ActorPool]:
    fake = FakeRay()
    pool = ray_runner.ActorPool(fake, None, batch_size, size)  # type: ignore[arg-type]
    return fake, pool


def rows_for(n: int) -> list[dict[str, Any]]:
    return [{ray_runner.SEQ: seq} for seq in range(n)]


def test_the_driver_feeds_every_row_to_the_actors_and_pairs_each_record() -> None:
    fake, pool = fake_pool(size=2, batch_size=4)

    results = dict(ray_runner._ray_results(rows_for(30), pool))

    assert results == {seq: {"n": seq} for seq in range(30)}
    assert fake.started == 2
    assert all(rows <= 4 for _, _, rows in fake.submissions)


def test_no_block_waits_queued_on_one_actor_while_another_has_none() -> None:
    fake, pool = fake_pool(size=2, batch_size=4)

    list(ray_runner._ray_results(rows_for(64), pool))

    holds = [held for _, held, _ in fake.submissions]
    assert max(holds) == ray_runner.TASKS_PER_ACTOR_WHILE_MANY  # a queued block hides the trip
    # the last blocks (no more than one per actor left) each go to an actor with nothing queued
    assert holds[-2:] == [1, 1]


def test_no_more_actors_than_blocks_and_all_are_killed_at_the_end() -> None:
    fake, pool = fake_pool(size=4, batch_size=16)

    assert dict(ray_runner._ray_results(rows_for(20), pool)) == {s: {"n": s} for s in range(20)}
    assert fake.started == 2  # 20 articles make 2 blocks of 16 at most: 2 pipeline loads
    pool.stop()
    assert sorted(fake.killed) == [0, 1] and pool.actors == []
    assert pool.start(0) == []  # nothing to annotate (only reader errors): no actor at all


def test_a_later_window_with_more_blocks_gets_the_actors_the_first_items_did_not_call_for() -> None:
    fake, pool = fake_pool(size=3, batch_size=4)
    pool.start(1)  # the first items held one batch of articles (the rest: reader errors)
    assert fake.started == 1

    list(ray_runner._ray_results(rows_for(40), pool))

    assert fake.started == 3
    assert {actor for actor, _, _ in fake.submissions} == {0, 1, 2}


def test_missing_ray_says_which_extra_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    real_import = builtins.__import__

    def no_ray(name: str, *args: Any, **kwargs: Any) -> Any:
        if name == "ray" or name.startswith("ray."):
            raise ImportError(f"No module named {name!r}")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_ray)
    with pytest.raises(RayNotInstalled, match=r"pip install 'newsgraph\[scale\]'"):
        next(annotate_with_ray(ITEMS))


def test_bad_settings_fail_before_ray_starts() -> None:
    with pytest.raises(ValueError, match="at least 1"):
        next(annotate_with_ray(ITEMS, concurrency=0))


# ---------------------------------------------------------------------------------------------
# on a local Ray instance


@pytest.fixture(scope="module")
def local_ray() -> Any:
    ray = pytest.importorskip("ray")
    pytest.importorskip("ray.data")
    ray.init(
        address="local",
        num_cpus=2,
        object_store_memory=200 * 1024**2,
        include_dashboard=False,
        logging_level=logging.WARNING,
        log_to_driver=False,
    )
    yield ray
    shutdown_ray(ray)


@pytest.fixture(scope="module")
def local_records() -> list[tuple[Any, dict[str, Any]]]:
    return list(annotate_stream(ITEMS, workers=1, batch_size=2))


@pytest.mark.slow
def test_ray_records_equal_local_records_in_input_order(
    local_ray: Any,
    local_records: list[tuple[Any, dict[str, Any]]],
    capfd: pytest.CaptureFixture[str],
) -> None:
    # batch_size=1 with two actors: four batches race, and order must still hold
    from_ray = list(annotate_with_ray(ITEMS, concurrency=2, batch_size=1))

    assert [item for item, _ in from_ray] == ITEMS
    assert [record for _, record in from_ray] == [record for _, record in local_records]
    assert local_ray.is_initialized()  # a Ray instance it did not start is left running
    # `newsgraph annotate` writes JSON Lines to stdout: Ray must not print there
    assert capfd.readouterr().out == ""


@pytest.mark.slow
def test_local_records_are_what_the_comparison_needs(
    local_records: list[tuple[Any, dict[str, Any]]],
) -> None:
    """Guard the comparison above: it must compare real records, errors in their places."""
    records = [record for _, record in local_records]

    assert [r.get("error", {}).get("code") for r in records] == [
        None,
        "empty",
        None,
        "unsupported_language",
        None,
    ]
    assert records[0]["article"]["id"] == "ray-test-1"
    assert any(actor["id"] == "hezbollah" for actor in records[0]["actors"])


@pytest.mark.slow
def test_a_missing_model_stops_the_run_with_its_reason(local_ray: Any) -> None:
    with pytest.raises(RayRunFailed, match="ModelNotFound: No spaCy model found"):
        list(annotate_with_ray(ARTICLES[:1], model="no_such_model_installed", concurrency=1))
