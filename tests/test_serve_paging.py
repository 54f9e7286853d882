"""The events list's fast pages (``web/paging.py``): where a filter only chooses articles, a
read-only DuckDB store finds the page from its articles' order and event counts. Every page must
be exactly the page the full query gives."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

pytest.importorskip("fastapi", reason="newsgraph serve needs the api extra")
from test_serve_api import annotated, build_store  # noqa: F401 (a fixture)

from newsgraph.store import open_store
from newsgraph.web.filters import EventFilter
from newsgraph.web.paging import ArticleOrder, chooses_articles_only, page_articles
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


@pytest.fixture(scope="module")
def reader(tmp_path_factory: pytest.TempPathFactory, annotated: list) -> Iterator[Reader]:  # noqa: F811
    db = Path(tmp_path_factory.mktemp("paging")) / "web.duckdb"
    build_store(db, annotated)
    with open_store(db, read_only=True) as store:
        yield Reader(store)


@pytest.mark.parametrize(
    "flt",
    [EventFilter(), EventFilter(outlet="test wire"), EventFilter(date_to=date(2024, 10, 1))],
)
def test_fast_pages_equal_the_full_query(reader: Reader, flt: EventFilter) -> None:
    assert reader._frozen
    total = reader.events(flt, 500, 0).total
    assert total > 0
    for limit, offset in [(500, 0), (3, 0), (3, 2), (4, 5), (7, total - 2), (5, total)]:
        fast = reader.events(flt, limit, offset)
        reader._frozen = False  # the full query, as on PostgreSQL
        try:
            full = reader.events(flt, limit, offset)
        finally:
            reader._frozen = True
        assert fast == full, (limit, offset)
