"""The events list's fast pages (``web/paging.py``): where a filter only chooses articles, a
read-only DuckDB store finds the page from its articles' order and event counts. Every page must
be exactly the page the full query gives."""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("fastapi", reason="newsgraph serve needs the api extra")
from test_serve_api import annotated, build_store  # noqa: F401 (a fixture)

from newsgraph.store import open_store
from newsgraph.web import paging, queries, wordings
from newsgraph.web.filters import EventFilter, StatementFilter
from newsgraph.web.paging import ArticleOrder, chooses_articles_only, page_articles, window_since
from newsgraph.web.queries import Reader


def test_only_article_filters_take_the_fast_way() -> None:
    assert chooses_articles_only(EventFilter())
    assert chooses_articles_only(EventFilter(outlet="BBC", date_from=date(2024, 1, 1)))
    assert not chooses_articles_only(EventFilter(type="ASSAULT"))
    assert not chooses_articles_only(EventFilter(actor="hamas"))
    assert not chooses_articles_only(EventFilter(provenance="asserted"))
    assert not chooses_articles_only(EventFilter(sort="oldest"))


def test_the_page_spans_the_right_articles() -> None:
    order = ArticleOrder(
        ids=["a", "b", "c", "d"],
        published=[date(2024, 3, 1), date(2024, 2, 1), date(2024, 1, 1), None],
        outlets=["x", "y", "x", None],
        events=[3, 0, 4, 2],
    )
    # events in order: a0 a1 a2 c0 c1 c2 c3 d0 d1
    assert page_articles(order, EventFilter(), 2, 0) == (9, ["a"], 0)
    assert page_articles(order, EventFilter(), 2, 2) == (9, ["a", "c"], 2)
    assert page_articles(order, EventFilter(), 5, 6) == (9, ["c", "d"], 3)
    assert page_articles(order, EventFilter(), 5, 9) == (9, [], 0)
    assert page_articles(order, EventFilter(outlet="X"), 10, 0) == (7, ["a", "c"], 0)
    since = EventFilter(date_from=date(2024, 1, 15))
    assert page_articles(order, since, 10, 1) == (3, ["a"], 1)


def walk_articles(
    order: ArticleOrder, flt: EventFilter, limit: int, offset: int
) -> tuple[int, list[str], int]:
    """``page_articles`` the slow, obvious way: every article in turn."""
    outlet = flt.outlet.lower() if flt.outlet else None
    total, chosen, inner = 0, [], 0
    for article_id, published, article_outlet, n in zip(
        order.ids, order.published, order.outlets, order.events, strict=True
    ):
        if not n or (outlet and article_outlet != outlet):
            continue
        if flt.date_from and (published is None or published < flt.date_from):
            continue
        if flt.date_to and (published is None or published > flt.date_to):
            continue
        if total + n > offset and total < offset + limit:
            inner = inner if chosen else offset - total
            chosen.append(article_id)
        total += n
    return total, chosen, inner


def test_bisected_pages_match_a_walk_over_every_article() -> None:
    rng = random.Random(5)
    days = sorted((date(2024, 1, 1 + rng.randrange(28)) for _ in range(300)), reverse=True)
    published = [*days, *([None] * 20)]
    order = ArticleOrder(
        ids=[f"a{i}" for i in range(len(published))],
        published=published,
        outlets=[rng.choice(["x", "y", None]) for _ in published],
        events=[rng.choice([0, 0, 1, 2, 5, 13]) for _ in published],
    )
    for _ in range(400):
        day = date(2024, 1, 1 + rng.randrange(28))
        flt = EventFilter(
            outlet=rng.choice([None, "X", "y", "z"]),
            date_from=rng.choice([None, day]),
            date_to=rng.choice([None, day, date(2024, 1, 28)]),
        )
        limit, offset = rng.choice([1, 7, 50]), rng.randrange(0, 900)
        assert page_articles(order, flt, limit, offset) == walk_articles(order, flt, limit, offset)


@pytest.fixture(scope="module")
def reader(tmp_path_factory: pytest.TempPathFactory, annotated: list) -> Iterator[Reader]:  # noqa: F811
    db = Path(tmp_path_factory.mktemp("paging")) / "web.duckdb"
    build_store(db, annotated)
    with open_store(db, read_only=True) as store:
        yield Reader(store)


@pytest.fixture(autouse=True, params=["windows", "per article"])
def small_windows(monkeypatch: pytest.MonkeyPatch, request: pytest.FixtureRequest) -> None:
    """Windows of the page's own size: on a small store they hold the page or fall short;
    or every filter counted as rare, its page picked from its rows per article."""
    monkeypatch.setattr(queries, "_WINDOW", 1)
    monkeypatch.setattr(paging, "RARE", 10**9 if request.param == "windows" else 0)


def full_query(reader: Reader, method: str, *args: Any) -> Any:
    reader.frozen = False  # no cached order, no window: the full query, as on PostgreSQL
    try:
        return getattr(reader, method)(*args)
    finally:
        reader.frozen = True


PAGES = [(500, 0), (1, 0), (1, 1), (2, 1), (3, 2), (4, 5), (7, -2), (5, 0)]


@pytest.mark.parametrize(
    "flt",
    [
        EventFilter(),  # the articles' order alone
        EventFilter(outlet="test wire"),
        EventFilter(date_to=date(2024, 10, 1)),
        EventFilter(type="ASSAULT"),  # the newest articles first, then all (paging.window_since)
        EventFilter(actor="hamas"),
        EventFilter(provenance="asserted"),
    ],
)
def test_fast_pages_equal_the_full_query(reader: Reader, flt: EventFilter) -> None:
    assert reader.frozen
    total = reader.events(flt, 500, 0).total
    assert total > 0
    for limit, offset in [*PAGES, (5, total)]:
        offset = offset if offset >= 0 else total + offset
        fast = reader.events(flt, limit, offset)
        assert fast == full_query(reader, "events", flt, limit, offset), (limit, offset)


@pytest.mark.parametrize("flt", [StatementFilter(), StatementFilter(act="denial")])
def test_windowed_statement_pages_equal_the_full_query(
    reader: Reader, flt: StatementFilter
) -> None:
    total = reader.statements(flt, 500, 0).total
    assert total > 0
    for limit, offset in [*PAGES, (5, total)]:
        offset = offset if offset >= 0 else total + offset
        fast = reader.statements(flt, limit, offset)
        assert fast == full_query(reader, "statements", flt, limit, offset), (limit, offset)


def test_the_window_is_the_newest_articles_holding_enough_events() -> None:
    order = ArticleOrder(
        ids=["a", "b", "c"],
        published=[date(2024, 3, 1), date(2024, 2, 1), None],
        outlets=[None] * 3,
        events=[3, 4, 2],
    )
    assert window_since(order, 2) == date(2024, 3, 1)
    assert window_since(order, 7) == date(2024, 2, 1)
    assert window_since(order, 8) is None  # only undated articles would reach it
    assert window_since(order, 100) is None


def test_the_busiest_actors_wordings_are_those_counted_one_by_one(reader: Reader) -> None:
    busiest = wordings.of_busiest(reader._fetch, 1000)
    assert len(busiest) > 3  # the seed articles name several actors
    for actor_id, kept in busiest.items():
        assert kept == wordings.of_actor(reader._fetch, actor_id)
    most = max(busiest, key=lambda a: (sum(w["count"] for w in busiest[a]), a))
    assert list(wordings.of_busiest(reader._fetch, 1)) == [most]


def test_an_actor_s_counts_are_its_lists_totals(reader: Reader) -> None:
    for actor_id in wordings.of_busiest(reader._fetch, 1000):
        actor = reader.actor(actor_id)
        assert actor is not None
        speaker = StatementFilter(speaker=actor_id, speaker_ids=(actor_id,))
        assert reader.statements(speaker, 1).total == actor["statements"]
        either = EventFilter(actor=actor_id, actor_ids=(actor_id,))
        assert reader.events(either, 1).total == actor["events"]
