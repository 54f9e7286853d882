"""One article's report of one incident gives one toll (fold26): an act and the killing told in
its participle ("stormed a police post, killing four officers", two records since fold25) are
twins (``moment_twins``) and both hold the count, so a cluster counts it once (the larger,
never the sum) and a story shows the two records as one report. An event dated to a past
period too wide to date it ("in 2022") is of that period, never this week's incident."""

from __future__ import annotations

from datetime import date

from newsgraph.link import link_records
from newsgraph.link.event_items import EventItem, event_items, report_tolls, toll_holders
from newsgraph.pipeline import annotate_text

STORMED = "Gunmen stormed a police post in Bannu on Tuesday, killing four officers, police said."
TOLD = "Four police officers were killed in an attack on a police post in Bannu on Tuesday."
PAST = (
    "Gunmen stormed a police post in Bannu on Tuesday, police said. Clashes in the district "
    "killed about 100 people in 2022."
)


def _item(event_id: str, killed: int | None, twin: str | None, article: str = "a") -> EventItem:
    return EventItem(article_id=article, event_id=event_id, ord=0, type="ASSAULT",
                     killed=killed, twin=twin)  # fmt: skip


def test_twins_of_one_article_hold_one_toll_the_larger_never_the_sum() -> None:
    act, killing = _item("e1", 4, "e2"), _item("e2", 4, "e2")
    assert toll_holders([act, killing]) == [act]
    assert report_tolls([_item("e1", 3, "e2"), _item("e2", 5, "e2")]) == [5]
    # two records of one article that are not twins, and another article's twins: their own
    other = [_item("e3", 4, None), _item("e1", 4, "e2", "b"), _item("e2", 4, "e2", "b")]
    assert report_tolls([act, killing, *other]) == [4, 4, 4]


def _records() -> list[dict]:
    return [
        annotate_text(STORMED, published="2025-09-17", outlet="Dawn", title="a"),
        annotate_text(TOLD, published="2025-09-17", outlet="Tribune", title="b"),
    ]


def test_a_cluster_counts_an_act_and_its_participle_killing_once() -> None:
    records = _records()
    dawn = records[0]["article"]["id"]
    (cluster,) = [c for c in link_records(records).clusters
                  if dawn in {m.article_id for m in c.members} and c.killed]  # fmt: skip
    assert len([m for m in cluster.members if m.article_id == dawn and m.killed]) == 2
    assert sorted(cluster.killed) == [4, 4]  # Dawn's 4 once, the Tribune's 4 once
    (value,) = cluster.disagreement()["fields"]["killed"]
    assert value == {"value": 4, "outlets": ["Dawn", "Tribune"]}


def test_a_story_shows_the_act_and_its_participle_killing_as_one_report(tmp_path) -> None:
    from newsgraph.link import link_store
    from newsgraph.link.stories import story_record
    from newsgraph.model import Article
    from newsgraph.store import open_store

    texts = [(STORMED, "Dawn", "x0"), (TOLD, "Tribune", "x1")]
    records = [annotate_text(t, published="2025-09-17", outlet=o, title=o) for t, o, _ in texts]
    store = open_store(tmp_path / "s.duckdb")
    run_id = store.begin_run({})
    for rec, (text, outlet, _) in zip(records, texts, strict=True):
        article = Article(id=rec["article"]["id"], text=text, outlet=outlet,
                          published=date(2025, 9, 17), language="en")  # fmt: skip
        store.write_record(rec, article, run_id)
    link_store(store)
    dawn = records[0]["article"]["id"]
    ids = [row[0] for row in store.query("SELECT id FROM event_clusters")]
    stories = [story_record(store, i) for i in ids]
    (story,) = [s for s in stories if s and any(r["article_id"] == dawn and
                (r["magnitude"] or {}).get("killed") for r in s["reports"])]  # fmt: skip
    (report,) = [r for r in story["reports"] if r["article_id"] == dawn]
    assert len(report["told_with"]) == 1  # the killing, told with the storming
    assert [e["text"] for e in report["evidence"]] == ["stormed", "killing"]
    store.close()


def test_an_event_of_a_past_year_is_dated_to_it() -> None:
    record = annotate_text(PAST, published="2025-09-17", outlet="Dawn", title="a")
    items = {i.trigger: i for i in event_items(record)}
    past = [i for i in items.values() if i.killed == 100]
    assert past and past[0].interval == (date(2022, 1, 1), date(2022, 12, 31))
    this_year = annotate_text("Clashes in Bannu killed 12 people in 2025.", published="2025-09-17")
    assert all(i.interval is None for i in event_items(this_year))  # too wide, not past
    since = annotate_text(
        "Since 2014, clashes in Bannu have killed 500 people.", published="2025-09-17"
    )
    assert all(i.interval is None for i in event_items(since))  # it reaches on to the day
    recent = annotate_text(
        "The BLA has carried out similar attacks on the highway over the past year.",
        published="2025-09-17",
    )
    assert all(i.interval is None for i in event_items(recent))  # no year named: 12 months
