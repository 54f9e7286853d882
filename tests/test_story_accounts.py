"""Where the accounts of one story differ, who says what and who disputes whom (web21, issue
14 items 2 and 4): ``/api/stories/{id}`` and ``newsgraph story ID`` give each field's values
with the reports (and evidence) that give each, the reports per day and each dispute with
both statements named; the story page draws the same: evidence links per value, a disputed
mark in its head, a reports-over-time strip (inline SVG) and each outlet's sentences side by
side. The store is ``test_serve_stories``'s: two outlets, 12 and 10 killed, an accusation
and Hezbollah's denial."""

from __future__ import annotations

import html as htmllib
import json
import re
from pathlib import Path

import pytest

pytest.importorskip("fastapi", reason="newsgraph serve needs the api extra")
pytest.importorskip("jinja2", reason="newsgraph serve needs the api extra")

from test_serve_stories import client, story_db, strike_id  # noqa: F401
from typer.testing import CliRunner

from newsgraph import cli_support
from newsgraph.cli import app
from newsgraph.story_accounts import report_value, timeline


@pytest.fixture(autouse=True)
def wide_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    """The command's console is made once, at import, and takes its width from COLUMNS then
    (pytest-xdist's workers set COLUMNS=80), so a CliRunner env cannot widen it: set it, and
    restore rich's own unset width after (the ``width`` setter would pin the old value)."""
    monkeypatch.setattr(cli_support.out, "_width", 200)


def test_the_api_gives_each_value_with_the_reports_and_evidence_that_give_it(client) -> None:  # noqa: F811
    sid = strike_id(client)
    story = client.get(f"/api/stories/{sid}").json()
    # additions only: every key the record had is still there
    assert {"consensus", "reports", "statements", "disputes", "wording", "differing"} <= set(story)
    assert "killed" in story["differ_on"]
    killed = story["accounts"]["killed"]
    assert killed["differ"] is True
    by_value = {v["value"]: v for v in killed["values"]}
    assert by_value[12]["outlets"] == ["Harbour Post"] and by_value[10]["outlets"] == [
        "Valley Times"
    ]
    for value, article_id in ((12, "k0"), (10, "k1")):
        (report,) = by_value[value]["reports"]
        assert report["article_id"] == article_id
        text = client.get(f"/api/articles/{article_id}").json()["article"]["text"]
        assert report["evidence"] and all(
            text[e["start"] : e["end"]] == e["text"] for e in report["evidence"]
        )
    (day,) = story["timeline"]
    assert (day["day"], day["reports"], day["killed"]) == (
        "2024-07-28",
        len(story["reports"]),
        [10, 12],
    )
    assert day["outlets"] == ["Harbour Post", "Valley Times"]
    # who disputes whom: both ends named, not ids
    (dispute,) = [d for d in story["who_disputes_whom"] if d["from"]["act"] == "denial"]
    assert (
        dispute["from"]["speaker_name"] == "Hezbollah"
        and dispute["from"]["outlet"] == "Harbour Post"
    )
    assert dispute["to"]["act"] == "accusation" and dispute["to"]["text"]


def test_newsgraph_story_prints_the_same_accounts(story_db: Path, client) -> None:  # noqa: F811
    sid = strike_id(client)
    result = CliRunner().invoke(app, ["story", sid, "--db", str(story_db)], env={"COLUMNS": "160"})
    assert result.exit_code == 0, result.output
    out = result.output
    assert "accounts, field by field" in out and "Killed (differ)" in out
    assert re.search(r"│ 12 .*Harbour Post: k0:e\d+ “", out)
    assert re.search(r"│ 10 .*Valley Times: k1:e\d+ “", out)
    assert re.search(
        r"Hezbollah \(Harbour Post\) *│ denial *│ .*\(Harbour Post\) *│ accusation", out
    )
    as_json = CliRunner().invoke(app, ["story", sid, "--db", str(story_db), "--json"])
    api = client.get(f"/api/stories/{sid}").json()
    assert json.loads(as_json.output)["accounts"] == api["accounts"]


def test_the_story_page_marks_it_disputed_and_draws_the_reports_over_time(client) -> None:  # noqa: F811
    sid = strike_id(client)
    page = client.get(f"/stories/{sid}").text
    heading = page[page.index("<h1>") : page.index("</h1>")]
    assert '<span class="badge dispute disputed-mark"' in heading and ">disputed</span>" in heading
    strip = page[page.index('<svg class="story-strip"') :].split("</svg>")[0]
    dots = re.findall(r'<a class="report-dot" href="/articles/(k\d)#event-(e\d+)">', strip)
    story = client.get(f"/api/stories/{sid}").json()
    assert sorted(dots) == sorted((r["article_id"], r["event_id"]) for r in story["reports"])
    assert ">Harbour Post</text>" in strip and ">Valley Times</text>" in strip
    assert '<text class="toll"' in strip and ">12</text>" in strip and ">10</text>" in strip


def test_the_story_page_sets_each_outlets_sentences_side_by_side(client) -> None:  # noqa: F811
    sid = strike_id(client)
    page = client.get(f"/stories/{sid}").text
    wording = htmllib.unescape(
        page[page.index('class="list story-wording"') :].split("</table>")[0]
    )
    # the sentence that holds the report, its words in bold, linking to the event
    k1 = r'<a href="/articles/k1#event-e\d+"[^>]*>A rocket (<strong>)?attack(</strong>)? '
    assert re.search(k1 + "<strong>killed</strong> 10", wording), wording
    assert "children in Majdal Shams on Saturday, medics said." in wording


def test_report_values_and_the_timeline_read_an_added_toll_as_an_update() -> None:
    added = {"magnitude": {"killed": {"min": 2, "added": True}}, "published": "2024-07-29",
             "outlet": "A", "article_id": "a", "voice": "asserted"}  # fmt: skip
    toll = {"magnitude": {"killed": {"min": 9}}, "published": "2024-07-28", "outlet": "B",
            "article_id": "b", "voice": "attributed",
            "source": {"actor": "unresolved:x"}}  # fmt: skip
    assert report_value("killed", added) is None and report_value("killed", toll) == 9
    assert report_value("source", toll) is None  # an unresolved name is no account of who
    days = timeline({"reports": [added, toll]})
    assert [(d["day"], d["killed"], d["asserted"], d["attributed"]) for d in days] == [
        ("2024-07-28", [9], 0, 1),
        ("2024-07-29", [], 1, 0),
    ]


def test_who_disputes_whom_is_one_line_per_disputer() -> None:
    from newsgraph.web.storypages import grouped_disputes

    peskov = {"article_id": "r", "speaker": {"actor": "dmitry-peskov"}, "act": "denial"}
    claim = {"article_id": "u", "id": "s1"}
    rows = [
        {"from": peskov | {"id": "s1"}, "to": claim},
        {"from": peskov | {"id": "s2"}, "to": claim},  # his second denial of the same claim
        {"from": peskov | {"id": "s2"}, "to": {"article_id": "g", "id": "s3"}},
    ]
    (line,) = grouped_disputes(rows)
    assert line["statements"] == ["s1", "s2"]
    assert [(t["article_id"], t["id"]) for t in line["to"]] == [("u", "s1"), ("g", "s3")]


def test_the_stories_list_says_what_each_differing_account_gives(client) -> None:  # noqa: F811
    sid = strike_id(client)
    page = client.get("/stories").text
    row = page[page.index(f'href="/stories/{sid}"') :].split("</tr>")[0]
    values = row[row.index('<ul class="differ-values">') :].split("</ul>")[0]
    tolls = values[values.index('<li class="differ-killed">') :].split("</li>")[0]
    assert re.findall(r"<strong>(\d+)</strong>", tolls) == ["12", "10"] or re.findall(
        r"<strong>(\d+)</strong>", tolls
    ) == ["10", "12"]


def test_a_heading_names_every_place_the_reports_state_where_they_state_several() -> None:
    from newsgraph.web.storypages import heading_places

    two = {"value": "geonames:687700", "outlets": ["A", "B"]}
    district = {"value": "local:komunarskyi", "outlets": ["C"]}
    story = {"place": "local:komunarskyi", "consensus": {"fields": {"place": [two, district]}}}
    assert heading_places(story) == ["geonames:687700", "local:komunarskyi"]
    story["consensus"]["fields"]["place"] = [two]
    assert heading_places(story) == ["local:komunarskyi"]  # one stated: the cluster's own
    assert heading_places({"place": None, "consensus": {}}) == []


def test_newsgraph_story_lists_the_tolls_a_story_differs_on(story_db: Path, client) -> None:  # noqa: F811
    sid = strike_id(client)
    result = CliRunner().invoke(app, ["story", "--db", str(story_db)], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    row = next(line for line in result.output.splitlines() if sid in line)
    assert "killed 12/10" in row or "killed 10/12" in row


def test_the_strip_escapes_what_the_articles_say_and_links_each_report() -> None:
    from newsgraph.web.storystrip import strip_svg

    hostile = {"article_id": "a<1>", "event_id": "e1", "outlet": "<script>x</script>",
               "published": "2024-07-28", "voice": "attributed", "type": "ASSAULT",
               "evidence": [{"text": '"><img src=x onerror=1>'}],
               "magnitude": {"killed": {"min": 4}}}  # fmt: skip
    later = hostile | {
        "published": "2024-07-30",
        "magnitude": {"killed": {"min": 2, "added": True}},
    }
    svg = str(strip_svg([hostile, later], "/root"))
    assert "<script>" not in svg and "<img" not in svg and "&lt;script&gt;" in svg
    assert svg.count('<a class="report-dot" href="/root/articles/a%3C1%3E#event-e1">') == 2
    assert ">4</text>" in svg and ">+2</text>" in svg  # a toll, and a count added to it
    assert ">28 Jul</text>" in svg and ">30 Jul</text>" in svg
    assert str(strip_svg([hostile | {"published": None}])) == ""  # nothing dated: no strip


def test_who_did_it_names_the_attackers_denials_with_links(tmp_path: Path) -> None:
    """The accusation in one outlet, Hezbollah's denial in another's article a day later
    (``test_story_claims_disputed``'s articles): the page names the denial and links to it,
    and the API lists Hezbollah under ``denied_by``."""
    from fastapi.testclient import TestClient
    from helpers import linked_story_store
    from test_story_claims_disputed import ARTICLES, strike_story

    from newsgraph.store import open_store
    from newsgraph.web.app import create_app

    db = linked_story_store(tmp_path / "claims.duckdb", ARTICLES)
    sid = strike_story(db)["id"]
    with open_store(db, read_only=True) as store:
        client = TestClient(create_app(store, cache_mb=0), base_url="http://localhost")
        page = client.get(f"/stories/{sid}").text
        story = client.get(f"/api/stories/{sid}").json()
    assert [d["actor"] for d in story["accounts"]["source"]["denied_by"]] == ["hezbollah"]
    source = page[page.index('class="field-source differ"') :].split("</tr>")[0]
    assert re.search(
        r'denied by <a href="/articles/a3#statement-s\d+" title="[^"]*">Hezbollah</a>', source
    )


def test_one_spokesmans_two_denials_in_one_article_are_named_once(monkeypatch) -> None:
    from newsgraph.web import storypages

    monkeypatch.setattr(storypages, "attacker_deniers", lambda store, story: ["dmitry-peskov"])
    peskov = {"article_id": "r", "speaker": {"actor": "dmitry-peskov"}, "act": "denial"}
    other = {"article_id": "r", "id": "s9", "speaker": {"actor": "ukraine"}, "act": "denial"}
    rows = [
        {"from": peskov | {"id": "s1"}, "to": {}},
        {"from": peskov | {"id": "s2"}, "to": {}},
        {"from": other, "to": {}},  # not the named attacker's
    ]
    assert [d["id"] for d in storypages.attacker_denials(None, {}, rows)] == ["s1"]


def test_the_api_and_the_command_give_each_outlets_sentences(story_db: Path, client) -> None:  # noqa: F811
    sid = strike_id(client)
    story = client.get(f"/api/stories/{sid}").json()
    (told,) = story["sentences"]["k1"]
    text = client.get("/api/articles/k1").json()["article"]["text"]
    assert "".join(p["text"] for p in told["segments"]) == text[told["start"] : told["end"]]
    assert "killed" in [p["text"] for p in told["segments"] if p["evidence"]]
    assert told["events"] and all(e.startswith("e") for e in told["events"])
    result = CliRunner().invoke(app, ["story", sid, "--db", str(story_db)], env={"COLUMNS": "200"})
    assert (
        "side by side" in result.output
        and "in Majdal Shams on Saturday, medics said" in result.output
    )
