"""The Annotator and the local runner: order kept, one bad article never fails its batch."""

from __future__ import annotations

from datetime import date

import pytest

from newsgraph.model import Article, ArticleError
from newsgraph.pipeline import Annotator
from newsgraph.scale.local import annotate_safely, annotate_stream


def article(i: int, text: str, language: str = "en") -> Article:
    return Article(id=f"a{i}", text=text, published=date(2024, 7, 29), language=language)


@pytest.fixture(scope="module")
def annotator() -> Annotator:
    return Annotator(max_chars=400)


def test_records_come_back_in_input_order_with_errors_in_place(annotator: Annotator) -> None:
    items = [
        article(0, "Egypt hosted talks in Cairo on Monday."),
        ArticleError("empty", "the input is empty", source="x.txt"),
        article(1, "Les négociations ont repris au Caire lundi.", language="fr"),
        article(2, "Hezbollah said it fired rockets at an Israeli base. " * 20),
        article(3, "Qatar said on Sunday that talks would resume."),
    ]
    results = list(annotate_stream(items, workers=1, batch_size=2, max_chars=400))
    assert [item for item, _ in results] == items
    records = [record for _, record in results]
    assert records[0]["article"]["id"] == "a0"
    assert records[1] == {"id": None, "error": {"code": "empty", "message": "the input is empty"}}
    assert records[2]["error"]["code"] == "unsupported_language"
    assert records[2]["article"]["language"] == "fr"
    assert records[3]["error"]["code"] == "too_long"
    assert "400" in records[3]["error"]["message"]
    assert records[4]["article"]["id"] == "a3"


def test_a_crashing_article_fails_alone(annotator: Annotator, monkeypatch) -> None:
    real_call = Annotator.__call__

    def crash_on_poison(self: Annotator, articles: list[Article]) -> list[dict]:
        if any("poison" in a.text for a in articles):
            raise RuntimeError("component blew up")
        return real_call(self, articles)

    monkeypatch.setattr(Annotator, "__call__", crash_on_poison)
    batch = [article(0, "Talks resumed in Doha."), article(1, "poison"), article(2, "Aid arrived.")]
    records = annotate_safely(annotator, batch)
    assert [r.get("article", {}).get("id") for r in records] == ["a0", None, "a2"]
    assert records[1]["id"] == "a1"
    assert records[1]["error"]["code"] == "internal"
    assert "component blew up" in records[1]["error"]["message"]


@pytest.mark.slow
def test_two_worker_processes_give_the_same_records_as_one() -> None:
    items = [
        article(i, f"Report {i}: Israel said it struck a site near Tyre on Monday.")
        for i in range(6)
    ]
    one = [record for _, record in annotate_stream(items, workers=1, batch_size=2)]
    two = [record for _, record in annotate_stream(items, workers=2, batch_size=2)]
    assert one == two


def test_an_article_over_its_time_limit_fails_alone(annotator: Annotator, monkeypatch) -> None:
    import time

    real_call = Annotator.__call__

    def hang_on_slow(self: Annotator, articles: list[Article]) -> list[dict]:
        if any("slow" in a.text for a in articles):
            time.sleep(30)
        return real_call(self, articles)

    monkeypatch.setattr(Annotator, "__call__", hang_on_slow)
    monkeypatch.setattr(annotator, "timeout_s", 0.5)
    batch = [article(0, "Talks resumed in Doha."), article(1, "slow"), article(2, "Aid arrived.")]
    records = annotate_safely(annotator, batch)
    assert [r.get("article", {}).get("id") for r in records] == ["a0", None, "a2"]
    assert records[1]["id"] == "a1"
    assert records[1]["error"]["code"] == "timeout"
    assert "0.5 s" in records[1]["error"]["message"]


def test_events_inside_attributed_reports_are_never_the_outlets(annotator: Annotator) -> None:
    text = (
        "NAIROBI, Kenya - Police fired on protesters, killing five people, according to "
        "rights groups.\n"
    )
    (record,) = annotator.annotate([article(9, text)])
    (statement,) = record["statements"]
    # the firing and its participle killing are two records (fold25), both the groups' report
    assaults = [e for e in record["events"] if e["type"] == "ASSAULT"]
    assert len(assaults) == 2 and all(a["attributed_to"] == statement["id"] for a in assaults)
    # not the dateline; the killing's doer the firing's, not the fired-on protesters
    assert [a["source"]["span"]["text"] for a in assaults] == ["Police", "Police"]
    # "according to" reports, as "said" does: no ACCUSE of the rights groups' own (session 18,
    # probe H: the fit texts' 10 "according to" ACCUSE records were all reports)
    assert not [e for e in record["events"] if e["type"] == "ACCUSE"]


def test_later_batches_give_the_records_of_the_first() -> None:
    """From the second batch on, the pipeline's objects are frozen out of the garbage collector
    and each doc's results are cleared after its record: the records do not change."""
    import gc

    text = "BEIRUT (AP) — Israeli jets struck a depot in southern Lebanon on Monday, the army said."
    article = Article(id="gc-1", text=text, published=date(2024, 7, 29), language="en")
    batches = Annotator(batch_size=1)
    first, second, third = batches([article, article, article])
    assert first == second == third
    assert first["events"]  # the strike
    assert gc.get_freeze_count() > 0
