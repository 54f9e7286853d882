"""tools/probe_score.py on a tiny synthetic probe (not the probe texts)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tools"))

import probe_score as ps

TEXT = "Rebels attacked a post in Alpha, killing 3 soldiers. The army denied it."


def span(text: str, part: str) -> dict:
    start = text.index(part)
    return {"start": start, "end": start + len(part), "text": part}


def gold_event(i: int, anchor: str, trigger: str, typ: str, **kw) -> dict:
    base = {
        "id": f"T-{i}",
        "file": "01-x.txt",
        "anchor": anchor,
        "trigger": trigger,
        "type": typ,
        "source": [],
        "target": [],
        "attributed_to": None,
        "negated": False,
        "place": None,
        "killed": None,
        "incident": None,
    }
    return base | kw


@pytest.fixture
def probe(tmp_path: Path) -> Path:
    (tmp_path / "txt").mkdir()
    (tmp_path / "txt" / "01-x.txt").write_text(
        " date 2025-01-02 A title\nBy Wire\n" + TEXT + "\n", encoding="utf-8"
    )
    gold = {
        "events": [
            gold_event(
                1,
                "Rebels attacked a post in Alpha, killing 3 soldiers",
                "attacked",
                "ASSAULT",
                source=["Rebel Front", "rebels"],
                target=["army"],
                place={"name": "Alpha", "lat": 10.0, "lon": 20.0},
                killed=3,
                incident="A",
            ),
            gold_event(2, "The army denied it", "denied", "REJECT", source=["army"]),
            gold_event(3, "not in the text", "not", "ASSAULT"),
        ],
        "disputes": [
            {
                "file_a": "01-x.txt",
                "anchor_a": "The army denied it",
                "file_b": "01-x.txt",
                "anchor_b": "Rebels attacked a post",
                "within": True,
            }
        ],
    }
    (tmp_path / "gold.json").write_text(json.dumps(gold), encoding="utf-8")
    return tmp_path


def record(wrong_target: bool = False) -> dict:
    return {
        "article": {"id": "a1", "title": "A title", "text": TEXT},
        "actors": [
            {"id": "rebel-front", "name": "Rebel Front", "affiliation": None},
            {"id": "army-x", "name": "Army X", "affiliation": "army"},
            {"id": "army", "name": "Army", "affiliation": None},
            {"id": "police", "name": "Police", "affiliation": None},
        ],
        "statements": [
            {
                "id": "s1",
                "speaker": {"actor": "army-x", "span": span(TEXT, "The army")},
                "cue": {"lemma": "deny", "span": span(TEXT, "denied")},
                "content": [span(TEXT, "it")],
                "disputes": None,
            }
        ],
        "events": [
            {
                "id": "e1",
                "type": "ASSAULT",
                "source": {"actor": "rebel-front", "span": span(TEXT, "Rebels")},
                "target": {"actor": "police" if wrong_target else "army-x", "span": None},
                "place": "p1",
                "magnitude": {"killed": {"text": "3", "min": 3, "max": None}},
                "evidence": [span(TEXT, "attacked")],
                "attributed_to": None,
            },
            {
                "id": "e2",
                "type": "ACCUSE",
                "source": {"actor": None, "span": None},
                "target": {"actor": None, "span": None},
                "place": None,
                "magnitude": {},
                "evidence": [span(TEXT, "attacked")],
                "attributed_to": None,
            },
            {
                "id": "e3",
                "type": "REJECT",
                "source": {"actor": "army-x", "span": None},
                "target": {"actor": None, "span": None},
                "place": None,
                "magnitude": {},
                "evidence": [span(TEXT, "denied")],
                "attributed_to": None,
            },
        ],
        "places": [{"id": "p1", "name": "Alpha", "lat": 10.1, "lon": 20.1}],
    }


def run(probe: Path, tmp_path: Path, capsys, rec: dict) -> str:
    out = tmp_path / "out.jsonl"
    out.write_text(json.dumps(rec) + "\n", encoding="utf-8")
    ps.main([str(probe), str(out), "--detail"])
    return capsys.readouterr().out


def test_summary_counts(probe: Path, tmp_path: Path, capsys) -> None:
    out = run(probe, tmp_path, capsys, record())
    assert "anchors not found: 1" in out
    assert "found (right type): 2 / 3" in out
    assert "who-did-what-to-whom (type, source, target, provenance): 2 / 3" in out
    assert "wrong-party records: 0" in out
    assert "place within 25 km: 1 / 1" in out
    assert "killed exact: 1 / 1" in out
    assert "T-1 ASSAULT   sys=e1:ASSAULT" in out  # the type match preferred over e2


def test_wrong_party_and_named_source(probe: Path, tmp_path: Path, capsys) -> None:
    out = run(probe, tmp_path, capsys, record(wrong_target=True))
    assert "who-did-what-to-whom (type, source, target, provenance): 1 / 3" in out
    assert "wrong-party records: 1" in out
    gold = {"source": [], "target": [], "type": "REJECT", "attributed_to": None, "place": None}
    art = ps.Article.from_record(record())
    j = ps.judge_event(gold, art.events[2], art)
    assert j.wrong_party and not j.source  # a named source where gold names none


def test_provenance_by_speaker() -> None:
    art = ps.Article.from_record(record())
    event = dict(art.events[0], attributed_to="s1")
    gold = {"source": ["Rebel Front"], "target": ["army"], "type": "ASSAULT", "place": None}
    assert ps.judge_event(gold | {"attributed_to": ["Army X"]}, event, art).provenance
    assert ps.judge_event(gold | {"attributed_to": ["army"]}, event, art).provenance  # span
    assert not ps.judge_event(gold | {"attributed_to": ["police"]}, event, art).provenance
    assert not ps.judge_event(gold | {"attributed_to": None}, event, art).provenance


def test_bcubed_and_pairs() -> None:
    items = {"f1|a": ("A", "c1"), "f2|b": ("A", "c1"), "f3|c": ("A", "c2"), "f3|d": ("B", "c2")}
    p, r, f1 = ps.bcubed(items)
    assert p == pytest.approx((1 + 1 + 0.5 + 0.5) / 4)
    assert r == pytest.approx((2 / 3 + 2 / 3 + 1 / 3 + 1) / 4)
    assert f1 == pytest.approx(2 * p * r / (p + r))
    # across articles: a-b (same, joined), a-c, b-c (same, apart), a-d, b-d (different, apart)
    assert ps.story_pairs(items) == (1, 3, 0, 2)


def test_dispute_found(probe: Path) -> None:
    gold = ps.load_gold(probe)
    rec = record()
    rec["statements"].append(
        {
            "id": "s2",
            "speaker": {"actor": None, "span": None},
            "cue": {"lemma": "say", "span": None},
            "content": [span(TEXT, "Rebels attacked a post")],
            "disputes": None,
        }
    )
    arts = {"01-x.txt": ps.Article.from_record(rec)}
    ids = {"01-x.txt": "a1"}
    d = gold["disputes"][0]
    assert not ps.dispute_found(d, arts, ids, set())
    assert ps.dispute_found(d, arts, ids, {("a1", "s1", "a1", "s2")})


def test_described_party_needs_a_whole_gold_word() -> None:
    assert ps.described(["civilians"], ["the 11 civilians killed"])
    assert not ps.described(["civilians"], ["civilian homes"])
    assert not ps.described([], ["gunmen"])
