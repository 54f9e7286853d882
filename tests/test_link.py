"""The link stage on records built by hand: event clusters, claim links, framing profiles,
and idempotent writes through a real DuckDB store."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from newsgraph.link import link_records, link_store
from newsgraph.link.event_items import by_nationality
from newsgraph.link.events import (
    Compatibility,
    EventItem,
    PlaceInfo,
    cluster_events,
    parse_interval,
)
from newsgraph.link.profiles import framing_profiles_from_records
from newsgraph.model import Article
from newsgraph.store import open_store

RAFAH = {"id": "geonames:281102", "name": "Rafah", "feature": "city", "country": "PS",
         "lat": 31.29722, "lon": 34.24357}  # fmt: skip
TAL_AS_SULTAN = {"id": "newsgraph:tal-as-sultan", "name": "Tal as-Sultan", "feature": "city",
                 "country": "PS", "lat": 31.3100, "lon": 34.2300}  # fmt: skip
JENIN = {"id": "geonames:293842", "name": "Jenin", "feature": "city", "country": "PS",
         "lat": 32.46, "lon": 35.30}  # fmt: skip
GAZA_STRIP = {"id": "newsgraph:gaza-strip", "name": "Gaza Strip", "feature": "region",
              "country": "PS", "lat": 31.42, "lon": 34.35}  # fmt: skip
ACTORS = [
    {"id": "israel", "name": "Israel", "type": "state", "affiliation": None},
    {"id": "idf", "name": "Israel Defense Forces", "type": "armed forces", "affiliation": "israel"},
    {"id": "hezbollah", "name": "Hezbollah", "type": "armed group", "affiliation": None},
    {"id": "benjamin-netanyahu", "name": "Benjamin Netanyahu", "type": "person",
     "affiliation": "israel"},
]  # fmt: skip


def span(text: str, phrase: str) -> dict[str, Any]:
    start = text.index(phrase)
    return {"start": start, "end": start + len(phrase), "text": phrase}


def ref(text: str, actor: str | None, phrase: str | None = None) -> dict[str, Any]:
    return {"actor": actor, "span": span(text, phrase) if phrase else None}


def record(
    article_id: str,
    outlet: str,
    published: str,
    text: str,
    events: list[dict[str, Any]] = (),  # type: ignore[assignment]
    statements: list[dict[str, Any]] = (),  # type: ignore[assignment]
    times: list[dict[str, Any]] = (),  # type: ignore[assignment]
    places: list[dict[str, Any]] = (),  # type: ignore[assignment]
    framing: list[dict[str, Any]] = (),  # type: ignore[assignment]
) -> dict[str, Any]:
    article = {"id": article_id, "outlet": outlet, "title": None, "published": published,
               "url": None, "language": "en", "text": text}  # fmt: skip
    return {
        "article": article,
        "actors": [{**a, "country": None, "mentions": []} for a in ACTORS],
        "statements": list(statements),
        "events": list(events),
        "places": [{**p, "admin1": None, "mentions": []} for p in places],
        "times": list(times),
        "framing": list(framing),
    }


def event(text: str, eid: str, trigger: str, type_: str = "ASSAULT", **fields: Any) -> dict:
    base = {
        "id": eid,
        "type": type_,
        "mode": None,
        "cameo": "18",
        "quad": "material_conflict",
        "source": {"actor": None, "span": None},
        "target": {"actor": None, "span": None},
        "place": None,
        "time": None,
        "magnitude": {},
        "evidence": [span(text, trigger)],
        "attributed_to": None,
        "negated": False,
        "hypothetical": False,
        "disputed": False,
        "future": False,
    }
    return base | fields


def time(text: str, tid: str, phrase: str, value: str) -> dict[str, Any]:
    return {"id": tid, "span": span(text, phrase), "value": value, "granularity": "day",
            "type": "DATE"}  # fmt: skip


def statement(text: str, sid: str, speaker: str, cue: str, content: str, act: str, **kw: Any):
    return {"id": sid, "speaker": {"actor": speaker, "span": None},
            "cue": {"lemma": cue, "span": span(text, cue)}, "content": [span(text, content)],
            "kind": "indirect", "act": act, "addressee": None, "time": None, "place": None,
            "disputes": None} | kw  # fmt: skip


def strike_records() -> list[dict[str, Any]]:
    t1 = "Israeli forces struck a house in Rafah on Monday, killing five people."
    t2 = "The IDF carried out an airstrike on Rafah on Monday."
    t3 = "An Israeli strike hit Tal as-Sultan yesterday, the health ministry said."
    t4 = "Israeli aircraft bombed Rafah on Friday."
    t5 = "Israeli troops raided Jenin on Monday. They threatened to strike Rafah."
    return [
        record("a1", "Outlet A", "2024-07-29", t1,
               events=[event(t1, "e1", "struck", source=ref(t1, "israel", "Israeli forces"),
                             place=RAFAH["id"], time="t1",
                             magnitude={"killed": {"text": "five", "min": 5, "max": None}})],
               times=[time(t1, "t1", "Monday", "2024-07-29")], places=[RAFAH]),
        record("a2", "Outlet B", "2024-07-29", t2,
               events=[event(t2, "e1", "airstrike", source=ref(t2, "idf", "The IDF"),
                             place=RAFAH["id"], time="t1")],
               times=[time(t2, "t1", "Monday", "2024-07-29")], places=[RAFAH]),
        record("a3", "Outlet C", "2024-07-30", t3,
               events=[event(t3, "e1", "strike", source=ref(t3, "israel", "Israeli"),
                             place=TAL_AS_SULTAN["id"], time="t1", attributed_to="s1")],
               statements=[statement(t3, "s1", "unresolved:health-ministry", "said",
                                     "An Israeli strike hit Tal as-Sultan yesterday", "claim")],
               times=[time(t3, "t1", "yesterday", "2024-07-29")], places=[TAL_AS_SULTAN]),
        record("a4", "Outlet A", "2024-07-26", t4,
               events=[event(t4, "e1", "bombed", source=ref(t4, "israel", "Israeli aircraft"),
                             place=RAFAH["id"], time="t1")],
               times=[time(t4, "t1", "Friday", "2024-07-26")], places=[RAFAH]),
        record("a5", "Outlet D", "2024-07-29", t5,
               events=[event(t5, "e1", "raided", source=ref(t5, "israel", "Israeli troops"),
                             place=JENIN["id"], time="t1"),
                       event(t5, "e2", "strike", source=ref(t5, "israel", "They"),
                             place=RAFAH["id"], time="t1", hypothetical=True)],
               times=[time(t5, "t1", "Monday", "2024-07-29")], places=[JENIN, RAFAH]),
    ]  # fmt: skip


ACCUSATION = "Hezbollah fired the rocket that killed 12 children in Majdal Shams"


def claim_records() -> list[dict[str, Any]]:
    t6 = f"Netanyahu said {ACCUSATION}."
    t7 = "Hezbollah denied any involvement in the Majdal Shams attack."
    t8 = f"Prime Minister Netanyahu accused: {ACCUSATION}, he said."
    t9 = "Hamas denied the reports."
    t10 = "Hezbollah rejected Washington's claims about the shipment."
    return [
        record("a6", "Outlet E", "2024-07-28", t6,
               statements=[statement(t6, "s1", "benjamin-netanyahu", "said", ACCUSATION,
                                     "accusation")],
               events=[event(t6, "e1", "fired", source=ref(t6, "hezbollah", "Hezbollah"),
                             attributed_to="s1", type_="ASSAULT")]),
        record("a7", "Outlet F", "2024-07-28", t7,
               statements=[statement(t7, "s1", "hezbollah", "denied",
                                     "any involvement in the Majdal Shams attack", "denial")]),
        record("a8", "Outlet G", "2024-07-29", t8,
               statements=[statement(t8, "s1", "benjamin-netanyahu", "accused", ACCUSATION,
                                     "accusation", addressee="hezbollah")]),
        record("a9", "Outlet F", "2024-07-28", t9,
               statements=[statement(t9, "s1", "hamas", "denied", "the reports", "denial")]),
        record("a10", "Outlet H", "2024-07-28", t10,
               statements=[statement(t10, "s1", "hezbollah", "rejected",
                                     "Washington's claims about the shipment", "denial",
                                     addressee="united-states")]),
    ]  # fmt: skip


def member_sets(clusters: list[Any]) -> set[frozenset[tuple[str, str]]]:
    return {frozenset(m.key for m in c.members) for c in clusters}


def test_one_strike_reported_by_three_outlets_is_one_cluster() -> None:
    result = link_records(strike_records())
    assert member_sets(result.clusters) == {
        frozenset({("a1", "e1"), ("a2", "e1"), ("a3", "e1")}),
        frozenset({("a4", "e1")}),  # same place, three days earlier
        frozenset({("a5", "e1")}),  # same day, Jenin
    }  # the hypothetical strike (a5 e2) is no event to cluster
    rafah = next(c for c in result.clusters if len(c.members) == 3)
    row = rafah.to_row()
    assert row["outlets"] == ["Outlet A", "Outlet B", "Outlet C"]
    assert row["first_reported"] == date(2024, 7, 29)
    assert row["place_id"] == RAFAH["id"]
    assert row["time_value"] == "2024-07-29"
    assert row["consensus"] == {
        "type": "ASSAULT",
        "source": "israel",
        "target": None,
        "place": RAFAH["id"],
        "time": "2024-07-29",
        "earliest": "2024-07-29",
        "killed": [5, 5],
        "first_reported_by": "Outlet A",
        "asserted_outlets": 2,
        "attributed_outlets": 1,
        "asserted_members": 2,
        "attributed_members": 1,
        "fields": {
            "type": [{"value": "ASSAULT", "outlets": ["Outlet A", "Outlet B", "Outlet C"]}],
            "source": [{"value": "israel", "outlets": ["Outlet A", "Outlet C"]},
                       {"value": "idf", "outlets": ["Outlet B"]}],
            "target": [],
            "place": [{"value": RAFAH["id"], "outlets": ["Outlet A", "Outlet B"]},
                      {"value": TAL_AS_SULTAN["id"], "outlets": ["Outlet C"]}],
            "killed": [{"value": 5, "outlets": ["Outlet A"]}],
        },
        "differing": [],  # idf is part of israel; Tal as-Sultan lies in Rafah
        "disputed": False,
    }  # fmt: skip
    assert result.summary.multi_outlet_clusters == 1


def test_contradicting_actors_split_and_a_lone_date_is_no_anchor() -> None:
    def item(article: str, source: str | None, place: PlaceInfo | None) -> EventItem:
        return EventItem(article, "e1", 0, "ASSAULT", outlet=article, source=source,
                         place=place, interval=parse_interval("2024-07-29"))  # fmt: skip

    rafah = PlaceInfo(RAFAH["id"], RAFAH["lat"], RAFAH["lon"], "PS", "city")
    gaza = PlaceInfo(GAZA_STRIP["id"], GAZA_STRIP["lat"], GAZA_STRIP["lon"], "PS", "region")
    items = [
        item("x1", "israel", rafah),
        item("x2", "hamas", rafah),  # another side firing in the same town
        item("x3", None, None),  # nothing but a type and a date
        item("x4", "idf", gaza),  # the IDF, somewhere in the Gaza Strip: joins via the actor
    ]
    clusters = cluster_events(items, {"idf": "israel"})
    assert member_sets(clusters) == {
        frozenset({("x1", "e1"), ("x4", "e1")}),
        frozenset({("x2", "e1")}),
        frozenset({("x3", "e1")}),
    }


def test_gunmen_named_by_nationality_take_the_group_of_their_country() -> None:
    def item(article: str, source: str, country: str, by_nationality: bool = False) -> EventItem:
        return EventItem(article, "e1", 0, "ASSAULT", outlet=article, source=source,
                         source_country=country, source_by_nationality=by_nationality,
                         place=rafah, interval=parse_interval("2024-07-29"))  # fmt: skip

    rafah = PlaceInfo(RAFAH["id"], RAFAH["lat"], RAFAH["lon"], "PS", "city")
    items = [
        item("g1", "palestine", "PS", by_nationality=True),  # "Palestinian gunmen"
        item("g2", "hamas", "PS"),  # the same attack: no other side
        item("g3", "fatah", "PS"),  # another group: the cluster's attacker is Hamas by now
        item("g4", "palestine", "PS"),  # the state named in its own right contradicts Hamas
    ]
    clusters = cluster_events(items)
    assert member_sets(clusters) == {
        frozenset({("g1", "e1"), ("g2", "e1")}),
        frozenset({("g3", "e1")}),
        frozenset({("g4", "e1")}),
    }
    assert next(c for c in clusters if len(c.members) == 2).consensus()["differing"] == []


@pytest.mark.parametrize(
    ("span", "expected"),
    [
        ("Palestinian gunmen", True),
        ("the Palestinian militants", True),
        ("Palestinian rebels", False),  # a country's rebels and its army are two sides
        ("Palestinian", False),
        ("Palestine", False),
    ],
)
def test_an_actor_named_only_by_nationality(span: str, expected: bool) -> None:
    mentions = [{"text": "Palestinian"}, {"text": "Palestine"}]
    state = {"id": "palestine", "type": "state", "country": "PS", "mentions": mentions}
    actors = {"palestine": state}
    assert by_nationality({"actor": "palestine", "span": {"text": span}}, actors) is expected
    state["type"] = "armed group"
    assert by_nationality({"actor": "palestine", "span": {"text": span}}, actors) is False


def test_publication_dates_stand_in_for_missing_times() -> None:
    def item(article: str, published: str) -> EventItem:
        return EventItem(article, "e1", 0, "PROTEST", outlet=article, target="united-states",
                         published=date.fromisoformat(published))  # fmt: skip

    clusters = cluster_events([item("p1", "2024-05-01"), item("p2", "2024-05-02"),
                               item("p3", "2024-05-09")])  # fmt: skip
    assert member_sets(clusters) == {
        frozenset({("p1", "e1"), ("p2", "e1")}),
        frozenset({("p3", "e1")}),
    }


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2024-07-29", ("2024-07-29", "2024-07-29")),
        ("2024-07", ("2024-07-01", "2024-07-31")),
        ("2024-12", ("2024-12-01", "2024-12-31")),
        ("2024-W31", ("2024-07-29", "2024-08-04")),
        ("2024-07-01/2024-07-10", ("2024-07-01", "2024-07-10")),
        ("2024-07-29T14:00", ("2024-07-29", "2024-07-29")),
        ("P3D", None),
        ("PRESENT_REF", None),
        (None, None),
    ],
)
def test_parse_interval(value: str | None, expected: tuple[str, str] | None) -> None:
    got = parse_interval(value)
    assert (got and (got[0].isoformat(), got[1].isoformat())) == expected


def test_actor_agreement_follows_affiliation_not_siblings() -> None:
    check = Compatibility({"idf": "israel", "benjamin-netanyahu": "israel"})
    assert check.actors("idf", "israel") is True
    assert check.actors("israel", "idf") is True
    assert check.actors("idf", "benjamin-netanyahu") is False
    assert check.actors("idf", None) is None
    assert check.actors("unresolved:gunmen", "hamas") is None


def test_denial_in_another_article_disputes_the_accusation() -> None:
    links = link_records(claim_records()).links
    assert [(x.article_id, x.from_id, x.to_article_id, x.to_id, x.relation) for x in links] == [
        ("a7", "s1", "a6", "s1", "disputes"),
        ("a7", "s1", "a8", "s1", "disputes"),
        ("a8", "s1", "a6", "s1", "repeats"),
    ]  # Hamas's denial (not accused) and the denial aimed at Washington link nothing
    evidence = links[0].to_row()["evidence"]
    assert [e["role"] for e in evidence] == ["accusation", "denial"]
    assert evidence[0]["text"] == ACCUSATION


def test_framing_profile_counts_by_outlet_category_and_voice() -> None:
    t = "The occupation forces committed a massacre, the resistance said."
    fr = [{"span": span(t, "occupation"), "term": "occupation", "category": "delegitimising",
           "speaker": "outlet"},
          {"span": span(t, "massacre"), "term": "massacre", "category": "emotive",
           "speaker": "hamas"},
          {"span": span(t, "resistance"), "term": "resistance", "category": "side-label",
           "speaker": "outlet"}]  # fmt: skip
    records = [record("f1", "Outlet A", "2024-07-29", t, framing=fr),
               record("f2", "Outlet A", "2024-07-29", t, framing=fr[:1]),
               record("f3", "Outlet B", "2024-07-29", t)]  # fmt: skip
    profile = framing_profiles_from_records(records)
    got = profile[["outlet", "category", "speaker_type", "terms", "articles"]]
    assert got.values.tolist() == [
        ["Outlet A", "delegitimising", "outlet", 2, 2],
        ["Outlet A", "emotive", "quoted", 1, 2],
        ["Outlet A", "side-label", "outlet", 1, 2],
    ]
    assert profile["top_terms"].tolist()[0] == "occupation (2)"


def test_link_store_writes_and_a_rerun_replaces(tmp_path) -> None:
    records = strike_records() + claim_records()
    with open_store(tmp_path / "link.duckdb") as store:
        run_id = store.begin_run({})
        for rec in records:
            a = rec["article"]
            article = Article(
                id=a["id"],
                text=a["text"],
                outlet=a["outlet"],
                published=date.fromisoformat(a["published"]),
                language="en",
            )
            store.write_record(rec, article, run_id)
        first = link_store(store)
        clusters_1 = store.table("event_clusters")
        members_1 = store.table("event_cluster_members")
        links_1 = store.table("claim_links")
        second = link_store(store)
        clusters_2 = store.table("event_clusters")
        links_2 = store.table("claim_links")
    assert first.clusters == second.clusters == 4  # 3 strike clusters + the Majdal Shams rocket
    assert first.claim_links == second.claim_links == {"disputes": 2, "repeats": 1}
    assert clusters_1["id"].tolist() == clusters_2["id"].tolist()
    assert len(links_1) == len(links_2) == 3
    assert set(links_2["origin"]) == {"link"}
    rafah = clusters_1[clusters_1["n_articles"] == 3]
    assert len(rafah) == 1
    members = members_1[members_1["cluster_id"] == rafah["id"].iloc[0]]
    assert sorted(members["article_id"]) == ["a1", "a2", "a3"]


PIPELINE_ARTICLES = [
    ("Outlet A", "Israeli warplanes struck a house in Rafah on Monday, killing five Palestinians, "
                 "medics said."),
    ("Outlet B", "The Israeli army bombed a residential building in Rafah on Monday. Five people "
                 "were killed."),
    ("Outlet C", "Israeli airstrikes hit Rafah in the southern Gaza Strip on Monday, the Health "
                 "Ministry said."),
    ("Outlet D", "Hezbollah denied any role in the Majdal Shams rocket attack."),
    ("Outlet E", "Israeli Prime Minister Benjamin Netanyahu accused Hezbollah of firing the rocket "
                 "that killed 12 children in Majdal Shams."),
]  # fmt: skip


@pytest.mark.slow
def test_pipeline_records_link_end_to_end() -> None:
    from newsgraph.pipeline import Annotator

    articles = [
        Article(id=f"x{i}", text=text, outlet=outlet, published=date(2024, 7, 29), language="en")
        for i, (outlet, text) in enumerate(PIPELINE_ARTICLES)
    ]
    result = link_records(Annotator().annotate(articles))
    strikes = [
        c for c in result.clusters
        if c.type == "ASSAULT" and {m.article_id for m in c.members} == {"x0", "x1", "x2"}
    ]  # fmt: skip
    assert len(strikes) == 1
    assert strikes[0].outlets == ["Outlet A", "Outlet B", "Outlet C"]
    assert strikes[0].to_row()["place_id"] == "geonames:281102"  # Rafah, not the Gaza Strip
    disputes = [(x.article_id, x.to_article_id) for x in result.links if x.relation == "disputes"]
    assert disputes == [("x3", "x4")]


def test_lexical_anchor_joins_events_with_the_same_trigger_only_when_asked() -> None:
    def item(article: str, word: str) -> EventItem:
        return EventItem(article, "e1", 0, "CONSULT", outlet=article, trigger=word)

    items = [item("h1", "host"), item("h2", "host"), item("h3", "visit")]
    assert len(cluster_events(items)) == 3  # no actor, no place: no anchor
    assert member_sets(cluster_events(items, lexical=True)) == {
        frozenset({("h1", "e1"), ("h2", "e1")}),
        frozenset({("h3", "e1")}),
    }


@pytest.mark.parametrize(
    ("text", "stem"),
    [("strikes", "strik"), ("striking", "strik"), ("strike", "strik"), ("hosted", "host"),
     ("Host", "host"), ("carried out", "out"), ("", None)],
)  # fmt: skip
def test_trigger_stem(text: str, stem: str | None) -> None:
    from newsgraph.link.events import trigger_stem

    assert trigger_stem([{"start": 0, "end": len(text), "text": text}]) == stem


def test_denial_disputes_a_claim_that_puts_an_event_on_the_denier() -> None:
    t1 = "The army said Hamas fired the rockets at Sderot."
    t2 = "Hamas denied firing rockets."
    t3 = "Al-Qassam Brigades said its fighters fired rockets at Sderot."
    records = [
        record("c1", "Outlet A", "2024-05-01", t1,
               statements=[statement(t1, "s1", "idf", "said", "Hamas fired the rockets at Sderot",
                                     "claim", addressee="hamas")],
               events=[event(t1, "e1", "fired", source=ref(t1, "hamas", "Hamas"),
                             attributed_to="s1")]),
        record("c2", "Outlet B", "2024-05-02", t2,
               statements=[statement(t2, "s1", "hamas", "denied", "firing rockets", "denial")]),
        # the speaker's own claim about itself is no accusation of anyone
        record("c3", "Outlet C", "2024-05-01", t3,
               statements=[statement(t3, "s1", "hamas", "said",
                                     "its fighters fired rockets at Sderot", "claim")],
               events=[event(t3, "e1", "fired", source=ref(t3, "hamas", "its fighters"),
                             attributed_to="s1")]),
    ]  # fmt: skip
    links = link_records(records).links
    assert [(x.article_id, x.to_article_id, x.relation) for x in links] == [
        ("c2", "c1", "disputes")
    ]


# ---------------------------------------------------------------- mention-level linking


def _mentions(rec: dict[str, Any], *triggers: tuple[str, str]) -> list[Any]:
    """Mentions of ``rec`` at the first occurrence of each (word, lemma)."""
    from newsgraph.link.mentions import Mention

    text = rec["article"]["text"]
    return [
        Mention(rec["article"]["id"], f"m{n}", ((text.index(w), text.index(w) + len(w)),), lemma)
        for n, (w, lemma) in enumerate(triggers, 1)
    ]


def test_mentions_of_one_strike_in_two_articles_form_one_cluster() -> None:
    from newsgraph.link.mentions import cluster_mentions

    t1 = "Dock workers in Rotterdam went on strike on Tuesday. The strike halted the port."
    t2 = "A strike by Rotterdam dock workers halted the port on Tuesday, the union said."
    r1, r2 = record("b1", "A", "2025-03-04", t1), record("b2", "B", "2025-03-04", t2)
    mentions = {"b1": _mentions(r1, ("strike", "strike"), ("halted", "halt")),
                "b2": _mentions(r2, ("strike", "strike"), ("halted", "halt"))}  # fmt: skip
    clusters = cluster_mentions([r1, r2], mentions)
    assert clusters[("b1", "m1")] == clusters[("b2", "m1")]  # the strike
    assert clusters[("b1", "m2")] == clusters[("b2", "m2")]  # the halt
    assert clusters[("b1", "m1")] != clusters[("b1", "m2")]


def test_the_same_verb_about_two_different_events_splits() -> None:
    from newsgraph.link.mentions import cluster_mentions

    t1 = "An earthquake struck Lima, Peru on 2 May, destroying homes."
    t2 = "A strong earthquake struck Lima on 2 May; homes were destroyed."
    t3 = "An earthquake struck Padang, Indonesia on 30 September, damaging a hospital."
    t4 = "The earthquake in Padang on 30 September damaged the main hospital."
    peru = {"id": "p:lima", "name": "Lima", "feature": "city", "country": "PE",
            "lat": -12.04, "lon": -77.03}  # fmt: skip
    indonesia = {"id": "p:padang", "name": "Padang", "feature": "city", "country": "ID",
                 "lat": -0.95, "lon": 100.35}  # fmt: skip

    def quake(text: str) -> list[dict[str, Any]]:  # newsgraph's event at the trigger, dated
        return [event(text, "e1", "earthquake", type_="DISASTER", time="t1")]

    recs = [
        record("q1", "A", None, t1, times=[time(t1, "t1", "2 May", "XXXX-05-02")], places=[peru],
               events=quake(t1)),
        record("q2", "B", None, t2, times=[time(t2, "t1", "2 May", "XXXX-05-02")], places=[peru],
               events=quake(t2)),
        record("q3", "C", None, t3, times=[time(t3, "t1", "30 September", "XXXX-09-30")],
               places=[indonesia], events=quake(t3)),
        record("q4", "D", None, t4, times=[time(t4, "t1", "30 September", "XXXX-09-30")],
               places=[indonesia], events=quake(t4)),
    ]  # fmt: skip
    for rec, name in zip(recs, ("Lima", "Lima", "Padang", "Padang"), strict=True):
        text = rec["article"]["text"]
        rec["places"][0]["mentions"] = [span(text, name)]
    words = {"q1": ("earthquake", "earthquake"), "q2": ("earthquake", "earthquake"),
             "q3": ("earthquake", "earthquake"), "q4": ("earthquake", "earthquake")}  # fmt: skip
    mentions = {r["article"]["id"]: _mentions(r, words[r["article"]["id"]]) for r in recs}
    clusters = cluster_mentions(recs, mentions)
    lima, padang = clusters[("q1", "m1")], clusters[("q3", "m1")]
    assert clusters[("q2", "m1")] == lima and clusters[("q4", "m1")] == padang
    assert lima != padang
    # one document cluster for all four: the events' dates still keep them apart
    clusters = cluster_mentions(recs, mentions, doc_threshold=None)
    assert clusters[("q1", "m1")] == clusters[("q2", "m1")] != clusters[("q3", "m1")]


def test_nominalisations_and_families_join() -> None:
    from newsgraph.link.mentions import cluster_mentions, stem, trigger_family

    assert stem("attacked") == stem("attacks") == stem("attack")
    assert stem("nomination") == stem("nominated")
    assert trigger_family("killing") == trigger_family("kill")
    assert trigger_family("death") == trigger_family("die")  # data/event_families.yaml
    assert trigger_family("quake") == trigger_family("earthquake")
    assert trigger_family("attack") != trigger_family("arrest")

    t1 = "Gunmen attacked a bus near the border, and the attack left two people dead."
    t2 = "Two people died in an attack on a bus near the border."
    r1, r2 = record("n1", "A", "2025-01-10", t1), record("n2", "B", "2025-01-10", t2)
    mentions = {"n1": _mentions(r1, ("attacked", "attack"), ("dead", "dead")),
                "n2": _mentions(r2, ("attack", "attack"), ("died", "die"))}  # fmt: skip
    clusters = cluster_mentions([r1, r2], mentions)
    assert clusters[("n1", "m1")] == clusters[("n2", "m1")]  # attacked ~ attack
    assert clusters[("n1", "m2")] == clusters[("n2", "m2")]  # dead ~ died
    assert clusters[("n1", "m1")] != clusters[("n1", "m2")]


def test_document_clusters_separate_two_stories() -> None:
    from newsgraph.link.mentions import document_clusters

    texts = [
        "Police in Denver arrested Mark Olsen after a robbery at a Denver bank on Friday.",
        "Mark Olsen was arrested in Denver on Friday for robbing a bank, Denver police said.",
        "Singer Lena Varga checked into a rehab clinic in Malibu, her spokesman said.",
        "Lena Varga has entered a Malibu rehab clinic, according to her spokesman.",
    ]
    recs = [record(f"d{n}", "X", None, t) for n, t in enumerate(texts)]
    assert document_clusters(recs) == [[0, 1], [2, 3]]


# ---------------------------------------------------------------- stories through the pipeline

STORY_ARTICLES = [
    ("s0", "Outlet A", "2024-07-28",
     "A rocket struck a football field in Majdal Shams on Saturday, killing 12 children. The "
     "Israeli army accused Hezbollah of firing the rocket. Residents gathered at the site on "
     "Sunday.\n\nHezbollah denied any connection to the attack."),
    ("s1", "Outlet B", "2024-07-28",
     "Hezbollah denied any involvement in the Majdal Shams rocket attack on Saturday."),
    ("s2", "Outlet C", "2024-07-28",
     "A rocket attack killed 10 children in Majdal Shams on Saturday, medics said."),
    ("s3", "Outlet D", "2024-07-29",
     "Hezbollah again denied responsibility for the rocket attack in Majdal Shams."),
    ("s4", "Outlet E", "2024-08-05",
     "An Israeli airstrike on a school in Rafah killed 20 people on Monday."),
    ("s5", "Outlet F", "2024-08-05",
     "An Israeli drone strike on a car in Rafah killed three people on Monday."),
]  # fmt: skip


@pytest.fixture(scope="module")
def story_store(tmp_path_factory):
    """A DuckDB store with the story articles ingested through the pipeline and linked."""
    from newsgraph.pipeline import Annotator

    articles = [
        Article(id=aid, text=text, outlet=outlet, published=date.fromisoformat(day), language="en")
        for aid, outlet, day, text in STORY_ARTICLES
    ]
    records = list(Annotator().annotate(articles))
    store = open_store(tmp_path_factory.mktemp("story") / "story.duckdb")
    run_id = store.begin_run({})
    for rec, article in zip(records, articles, strict=True):
        store.write_record(rec, article, run_id)
    link_store(store)
    yield store, link_records(records)
    store.close()


def claim_pairs(result: Any, relation: str) -> set[tuple[str, str, str, str]]:
    return {(x.article_id, x.from_id, x.to_article_id, x.to_id) for x in result.links
            if x.relation == relation}  # fmt: skip


def test_denials_dispute_the_accusation_in_their_article_and_across_outlets(story_store) -> None:
    _, result = story_store
    disputes = claim_pairs(result, "disputes")
    # the army's accusation two sentences up, in the same article ...
    assert ("s0", "s2", "s0", "s1") in disputes
    # ... and from two other outlets, a day apart
    assert {("s1", "s1", "s0", "s1"), ("s3", "s1", "s0", "s1")} <= disputes
    denials = {("s0", "s2"), ("s1", "s1"), ("s3", "s1")}
    assert not [d for d in disputes if (d[2], d[3]) in denials]  # a denial never disputes one
    # later denials of the accusation repeat the first one
    assert {("s1", "s1", "s0", "s2"), ("s3", "s1", "s0", "s2")} <= claim_pairs(result, "repeats")


def test_differing_tolls_are_one_event_shown_per_outlet_and_disputed(story_store) -> None:
    _, result = story_store
    cluster = next(c for c in result.clusters if ("s0", "e1") in {m.key for m in c.members})
    assert ("s2", "e1") in {m.key for m in cluster.members}
    summary = cluster.consensus()
    assert summary["fields"]["killed"] == [
        {"value": 10, "outlets": ["Outlet C"]},
        {"value": 12, "outlets": ["Outlet A"]},
    ]
    assert summary["differing"] == ["killed"]
    assert summary["disputed"] is True


def test_two_strikes_in_one_city_on_one_day_stay_apart(story_store) -> None:
    _, result = story_store
    rafah = [c for c in result.clusters if {m.article_id for m in c.members} & {"s4", "s5"}
             and c.type == "ASSAULT"]  # fmt: skip
    assert sorted(sorted(m.article_id for m in c.members) for c in rafah) == [["s4"], ["s5"]]


def test_story_record_gathers_reports_sides_disputes_and_wording(story_store) -> None:
    from newsgraph.link.stories import list_stories, story_record

    store, result = story_store
    cluster = next(c for c in result.clusters if ("s0", "e1") in {m.key for m in c.members})
    story = story_record(store, cluster.id)
    assert story is not None and story["disputed"] is True
    assert [r["article_id"] for r in story["reports"]][:2] == ["s0", "s2"]
    assert all(r["evidence"] for r in story["reports"])
    said = {(s["article_id"], s["speaker"]["actor"], s["act"]) for s in story["statements"]}
    assert ("s0", "hezbollah", "denial") in said
    assert {"from": {"article_id": "s0", "statement": "s2"},
            "to": {"article_id": "s0", "statement": "s1"}} in [
        {k: d[k] for k in ("from", "to")} for d in story["disputes"] if d["relation"] == "disputes"
    ]  # fmt: skip
    assert {w["outlet"] for w in story["wording"]} >= {"Outlet A", "Outlet C"}
    assert story_record(store, "ec-missing") is None
    assert cluster.id in {s["id"] for s in list_stories(store)}


def test_links_per_denial_are_bounded_by_accusing_articles() -> None:
    texts = [f"Netanyahu said {ACCUSATION}, and again {ACCUSATION} ({i})." for i in range(3)]
    accusing = [
        record(f"b{i}", f"Outlet {i}", "2024-07-28", t,
               statements=[statement(t, "s1", "benjamin-netanyahu", "said", ACCUSATION,
                                     "accusation", addressee="hezbollah"),
                           statement(t, "s2", "benjamin-netanyahu", "said", ACCUSATION,
                                     "accusation", addressee="hezbollah")])
        for i, t in enumerate(texts)
    ]  # fmt: skip
    t = "Hezbollah denied any involvement in the Majdal Shams attack."
    denial = record("d1", "Outlet Z", "2024-07-28", t,
                    statements=[statement(t, "s1", "hezbollah", "denied",
                                          "any involvement in the Majdal Shams attack",
                                          "denial")])  # fmt: skip
    result = link_records([*accusing, denial])
    # one accusation per accusing article (its first), not every accusing statement
    assert claim_pairs(result, "disputes") == {("d1", "s1", f"b{i}", "s1") for i in range(3)}


def test_story_api_serves_the_story_record(story_store) -> None:
    pytest.importorskip("fastapi")
    from fastapi.testclient import TestClient

    from newsgraph.link.stories import story_record
    from newsgraph.web.app import create_app

    store, result = story_store
    cluster = next(c for c in result.clusters if ("s0", "e1") in {m.key for m in c.members})
    # the server answers local host names only (DNS-rebinding guard)
    client = TestClient(create_app(store), base_url="http://127.0.0.1")
    listed = client.get("/api/stories").json()
    assert cluster.id in [s["id"] for s in listed]
    served = client.get(f"/api/stories/{cluster.id}")
    assert served.status_code == 200
    assert served.json()["reports"] == story_record(store, cluster.id)["reports"]
    assert client.get("/api/stories/ec-missing").status_code == 404


def test_cluster_id_is_kept_when_a_later_report_joins() -> None:
    records = strike_records()
    before = {c.id for c in link_records(records[:2]).clusters}
    after = link_records(records).clusters
    rafah = next(c for c in after if len(c.members) == 3)
    assert rafah.id in before  # a1 and a2 started it; a3 joined a day later


def test_story_command_prints_a_story_and_its_json(tmp_path) -> None:
    import json

    from typer.testing import CliRunner

    from newsgraph.cli import app

    db = tmp_path / "cli.duckdb"
    with open_store(db) as store:
        run_id = store.begin_run({})
        for rec in strike_records():
            a = rec["article"]
            store.write_record(rec, Article(id=a["id"], text=a["text"], outlet=a["outlet"],
                               published=date.fromisoformat(a["published"]), language="en"),
                               run_id)  # fmt: skip
        link_store(store)
    runner = CliRunner()
    listed = runner.invoke(app, ["story", "--db", str(db), "--json"])
    assert listed.exit_code == 0, listed.output
    rafah = next(s for s in json.loads(listed.output) if s["n_articles"] == 3)
    shown = runner.invoke(app, ["story", rafah["id"], "--db", str(db)])
    assert shown.exit_code == 0, shown.output
    assert "reports over time" in shown.output and "Outlet C" in shown.output
    assert runner.invoke(app, ["story", "ec-missing", "--db", str(db)]).exit_code == 1
