"""Score `newsgraph annotate` output on a hand-coded probe (probes/README.md).

    python tools/probe_score.py probes/R OUT.jsonl             # summary lines, numbers only
    python tools/probe_score.py probes/R OUT.jsonl --stories   # also clusters and disputes
    python tools/probe_score.py probes/R OUT.jsonl --detail    # also one line per gold event

OUT.jsonl is `python -m newsgraph.cli annotate probes/R/txt/*.txt -j 1 -o OUT.jsonl`. Each gold
event (probes/R/gold.json) is matched to the system events of its article whose evidence spans
overlap the span of its anchor; of those, one of the gold type is preferred, then the one with
the most parts right, then one whose evidence overlaps the trigger. Measures:

- found: the match has the gold type;
- who-did-what-to-whom: type, source, target and provenance all right. A party is right when
  the system actor's name, or the name of its affiliation, equals one of the gold names
  (case-insensitively, punctuation aside), or when both are empty (a span that no actor
  resolves counts as empty). Provenance is right when the event is attributed exactly when
  gold's ``attributed_to`` is not null, and then the statement's speaker (its actor's name or
  affiliation, else the speaker span) is one of gold's names;
  A second line also accepts an unresolved party whose span holds one of gold's names as
  whole words ("the 11 civilians" for "civilians"), as an analyst reading the record would;
- wrong-party records: matches of the right type whose source or target is an actor that is
  none of gold's names, or a named source where gold names none;
- place within 25 km (of gold events with a place) and killed exact (of gold with a count).

``--stories`` ingests the probe's texts into a temporary DuckDB store with the CLI (``newsgraph
ingest``, ``newsgraph link``), matches gold events to the stored events the same way, and prints
B-cubed precision / recall / F1 of the event clusters against gold ``incident``, the
same-incident pairs across articles the clusters join, the different-incident pairs across
articles they join, and the gold disputes found (a statement over one anchor linked as
disputing a statement over, or holding an event over, the other: the record's ``disputes`` or
the store's ``claim_links``).
"""

from __future__ import annotations

import argparse
import json
import math
import os
import re
import subprocess
import sys
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import combinations
from pathlib import Path
from typing import Any

KM = 25.0


def norm(name: str) -> str:
    """A name compared case-insensitively, punctuation and spacing aside."""
    name = name.replace("\u2019", "'").lower()
    return re.sub(r"[^0-9a-z\u00c0-\u024f]+", " ", name).strip()


def load_gold(probe: Path) -> dict[str, Any]:
    return json.loads((probe / "gold.json").read_text(encoding="utf-8"))


def file_titles(probe: Path) -> dict[str, str]:
    """Each probe file's title (its first line after ``date YYYY-MM-DD``)."""
    titles = {}
    for path in sorted((probe / "txt").glob("*.txt")):
        first = path.read_text(encoding="utf-8").lstrip().split("\n", 1)[0]
        titles[path.name] = re.sub(r"^date \d{4}-\d{2}-\d{2}\s+", "", first).strip()
    return titles


def records_by_file(records: list[dict[str, Any]], probe: Path) -> dict[str, dict[str, Any]]:
    """The system record of each probe file, by title (else by input order)."""
    titles = file_titles(probe)
    by_title = {norm(r["article"].get("title") or ""): r for r in records if "article" in r}
    out = {}
    for i, (name, title) in enumerate(titles.items()):
        rec = by_title.get(norm(title))
        if rec is None and i < len(records) and "article" in records[i]:
            rec = records[i]
        if rec is not None:
            out[name] = rec
    return out


def anchor_span(text: str, anchor: str) -> tuple[int, int] | None:
    start = text.find(anchor)
    return None if start < 0 else (start, start + len(anchor))


def overlaps(span: dict[str, Any] | None, lo: int, hi: int) -> bool:
    return bool(span) and span["start"] < hi and lo < span["end"]


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(a))


@dataclass
class Article:
    """One system record (from annotate output or the store) with lookups."""

    text: str
    events: list[dict[str, Any]]
    actors: dict[str, dict[str, Any]] = field(default_factory=dict)
    statements: dict[str, dict[str, Any]] = field(default_factory=dict)
    places: dict[str, dict[str, Any]] = field(default_factory=dict)

    @classmethod
    def from_record(cls, rec: dict[str, Any]) -> Article:
        return cls(
            rec["article"]["text"],
            rec.get("events", []),
            {a["id"]: a for a in rec.get("actors", [])},
            {s["id"]: s for s in rec.get("statements", [])},
            {p["id"]: p for p in rec.get("places", [])},
        )

    def actor_names(self, actor_id: str | None) -> list[str]:
        """The actor's name and its affiliation's name (an id de-slugged when not listed)."""
        if not actor_id:
            return []
        actor = self.actors.get(actor_id, {})
        names = [actor.get("name") or actor_id.split(":")[-1].replace("-", " ")]
        aff = actor.get("affiliation")
        if aff:
            names.append(self.actors.get(aff, {}).get("name") or aff.replace("-", " "))
        return names

    def speaker_names(self, statement_id: str) -> list[str]:
        speaker = self.statements.get(statement_id, {}).get("speaker") or {}
        names = self.actor_names(speaker.get("actor"))
        span = speaker.get("span")
        if span:
            names.append(span["text"])
            names.append(re.sub(r"^(the|a|an)\s+", "", span["text"], flags=re.I))
        return names


_LEAD = re.compile(
    r"^(?:(?:the|a|an|some|several|many|dozens|hundreds|of|at|least|more|than|about|around|"
    r"nearly|over|up|to|\d[\d,]*|one|two|three|four|five|six|seven|eight|nine|ten)\s+)+",
    re.I,
)


def span_names(ref: dict[str, Any] | None) -> list[str]:
    """A party span's text, and that text without leading determiners and counts."""
    span = (ref or {}).get("span")
    if not span or not span.get("text"):
        return []
    return [span["text"], _LEAD.sub("", span["text"])]


def names_match(gold: list[str], system: list[str]) -> bool:
    wanted = {norm(n) for n in gold}
    return any(norm(n) in wanted for n in system)


def described(gold: list[str], spans: list[str]) -> bool:
    """An unresolved party's span holds one of gold's names as whole words ("the 11 civilians
    killed" holds "civilians"): what an analyst reading the record sees as that party."""
    texts = [f" {norm(t)} " for t in spans]
    return any(f" {norm(n)} " in t for n in gold if norm(n) for t in texts)


def party_right(gold: list[str], names: list[str]) -> bool:
    return names_match(gold, names) if gold else not names


def party_wrong(gold: list[str], names: list[str], is_source: bool) -> bool:
    """A named actor none of gold's names (for a source, also one where gold names none)."""
    if not names:
        return False
    return not names_match(gold, names) if gold else is_source


@dataclass
class Judgement:
    gold: dict[str, Any]
    event: dict[str, Any] | None = None
    found: bool = False
    source: bool = False
    target: bool = False
    provenance: bool = False
    wrong_party: bool = False
    place_km: float | None = None
    killed: int | None = None
    anchor_missing: bool = False
    lenient: bool = False  # the same, an unresolved party's span holding a gold name accepted

    @property
    def wdw(self) -> bool:
        return self.found and self.source and self.target and self.provenance


def judge_event(gold: dict[str, Any], event: dict[str, Any], art: Article) -> Judgement:
    j = Judgement(gold, event, found=event["type"] == gold["type"])
    src = art.actor_names((event.get("source") or {}).get("actor"))
    tgt = art.actor_names((event.get("target") or {}).get("actor"))
    j.source, j.target = party_right(gold["source"], src), party_right(gold["target"], tgt)
    src_l = src or span_names(event.get("source"))
    tgt_l = tgt or span_names(event.get("target"))
    attr, wanted = event.get("attributed_to"), gold.get("attributed_to")
    if wanted is None:
        j.provenance = attr is None
    else:
        j.provenance = attr is not None and names_match(wanted, art.speaker_names(attr))
    j.lenient = (
        j.found
        and j.provenance
        and (party_right(gold["source"], src_l) or (not src and described(gold["source"], src_l)))
        and (party_right(gold["target"], tgt_l) or (not tgt and described(gold["target"], tgt_l)))
    )
    j.wrong_party = j.found and (
        party_wrong(gold["source"], src, True) or party_wrong(gold["target"], tgt, False)
    )
    place = art.places.get(event.get("place") or "", {})
    if gold.get("place") and place.get("lat") is not None and place.get("lon") is not None:
        j.place_km = km(gold["place"]["lat"], gold["place"]["lon"], place["lat"], place["lon"])
    killed = (event.get("magnitude") or {}).get("killed")
    if isinstance(killed, dict):
        lo, hi = killed.get("min"), killed.get("max")
        j.killed = lo if hi in (None, lo) else None
    elif isinstance(killed, int):
        j.killed = killed
    return j


def match(gold: dict[str, Any], art: Article) -> Judgement:
    """The best system event over the gold anchor (right type first, then most parts right)."""
    span = anchor_span(art.text, gold["anchor"])
    if span is None:
        return Judgement(gold, anchor_missing=True)
    lo, hi = span
    off = gold["anchor"].find(gold["trigger"])
    t_lo, t_hi = lo + max(off, 0), lo + max(off, 0) + len(gold["trigger"])
    best, best_key = Judgement(gold), None
    for event in art.events:
        evidence = event.get("evidence") or []
        if not any(overlaps(s, lo, hi) for s in evidence):
            continue
        j = judge_event(gold, event, art)
        key = (
            j.found,
            j.wdw,
            j.source + j.target + j.provenance,
            not j.wrong_party,
            any(overlaps(s, t_lo, t_hi) for s in evidence),
        )
        if best_key is None or key > best_key:
            best, best_key = j, key
    return best


def judge_all(gold: dict[str, Any], arts: dict[str, Article]) -> list[Judgement]:
    out = []
    for g in gold["events"]:
        art = arts.get(g["file"])
        out.append(match(g, art) if art else Judgement(g, anchor_missing=True))
    return out


def ratio(n: int, d: int) -> str:
    return f"{n} / {d} = {n / d:.2f}" if d else f"{n} / 0"


def summary(judged: list[Judgement], gold: dict[str, Any]) -> list[str]:
    n = len(judged)
    placed = [j for j in judged if j.gold.get("place")]
    counted = [j for j in judged if j.gold.get("killed") is not None]
    n_files = len({j.gold["file"] for j in judged})
    missing = sum(j.anchor_missing for j in judged)
    return [
        f"gold: {n_files} articles, {n} events, {len(gold.get('disputes', []))} disputes;"
        f" anchors not found: {missing}",
        f"found (right type): {ratio(sum(j.found for j in judged), n)}",
        f"who-did-what-to-whom (type, source, target, provenance): "
        f"{ratio(sum(j.wdw for j in judged), n)}",
        f"  the same, an unresolved party's span holding one of gold's names accepted: "
        f"{ratio(sum(j.lenient for j in judged), n)}",
        f"  parts right among found: source {sum(j.found and j.source for j in judged)},"
        f" target {sum(j.found and j.target for j in judged)},"
        f" provenance {sum(j.found and j.provenance for j in judged)}",
        f"wrong-party records: {sum(j.wrong_party for j in judged)}",
        f"place within {KM:.0f} km: "
        f"{ratio(sum(j.place_km is not None and j.place_km <= KM for j in placed), len(placed))}",
        f"killed exact: {ratio(sum(j.killed == j.gold['killed'] for j in counted), len(counted))}",
    ]


def detail(judged: list[Judgement]) -> list[str]:
    lines = []
    for j in judged:
        e = j.event or {}
        dist = "-" if j.place_km is None else f"{j.place_km:.0f}km"
        lines.append(
            f"{j.gold['id']} {j.gold['type']:<9} sys={e.get('id', '-')}:{e.get('type', '-'):<9}"
            f" found={int(j.found)} src={int(j.source)} tgt={int(j.target)}"
            f" prov={int(j.provenance)} wrong={int(j.wrong_party)} place={dist}"
            f" killed={j.killed}/{j.gold.get('killed')}"
            + (" ANCHOR-MISSING" if j.anchor_missing else "")
        )
    return lines


# ---- stories: clusters and disputes from a store -------------------------------------------


def bcubed(items: dict[str, tuple[str, str]]) -> tuple[float, float, float]:
    """B-cubed P, R, F1 of items {key: (gold cluster, system cluster)}."""
    if not items:
        return 0.0, 0.0, 0.0
    p = r = 0.0
    for g, s in items.values():
        same_s = [k for k, (g2, s2) in items.items() if s2 == s]
        same_g = [k for k, (g2, s2) in items.items() if g2 == g]
        both = sum(items[k][0] == g for k in same_s)
        p += both / len(same_s)
        r += both / len(same_g)
    p, r = p / len(items), r / len(items)
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def story_pairs(items: dict[str, tuple[str, str]]) -> tuple[int, int, int, int]:
    """Across articles: same-incident pairs joined / all, different-incident pairs joined / all."""
    same = same_ok = diff = diff_joined = 0
    for a, b in combinations(sorted(items), 2):
        if a.split("|")[0] == b.split("|")[0]:
            continue  # the same article
        (ga, sa), (gb, sb) = items[a], items[b]
        if ga == gb:
            same += 1
            same_ok += sa == sb
        else:
            diff += 1
            diff_joined += sa == sb
    return same_ok, same, diff_joined, diff


def statement_spans(st: dict[str, Any]) -> list[dict[str, Any]]:
    spans = [(st.get("speaker") or {}).get("span"), (st.get("cue") or {}).get("span")]
    return [s for s in spans + list(st.get("content") or []) if s]


def statements_over(art: Article, anchor: str, with_events: bool) -> set[str]:
    """Statements whose speaker, cue or content overlaps the anchor (and, with_events, those
    that the events over the anchor are attributed to)."""
    span = anchor_span(art.text, anchor)
    if span is None:
        return set()
    lo, hi = span
    ids = {
        sid
        for sid, st in art.statements.items()
        if any(overlaps(s, lo, hi) for s in statement_spans(st))
    }
    if with_events:
        for ev in art.events:
            if ev.get("attributed_to") and any(overlaps(s, lo, hi) for s in ev["evidence"]):
                ids.add(ev["attributed_to"])
    return ids


def dispute_found(
    d: dict[str, Any],
    arts: dict[str, Article],
    ids: dict[str, str],
    links: set[tuple[str, str, str, str]],
) -> bool:
    """Whether a statement over anchor_a and one over (or behind an event over) anchor_b are
    linked as a dispute, in either direction."""
    fa, fb = d["file_a"], d["file_b"]
    if fa not in arts or fb not in arts:
        return False
    side_a = statements_over(arts[fa], d["anchor_a"], False)
    side_b = statements_over(arts[fb], d["anchor_b"], True)
    ida, idb = ids[fa], ids[fb]
    for x in side_a:
        for y in side_b:
            if (ida, x, idb, y) in links or (idb, y, ida, x) in links:
                return True
    return False


def run_cli(args: list[str]) -> None:
    cmd = [sys.executable, "-m", "newsgraph.cli", *args]
    done = subprocess.run(cmd, capture_output=True, text=True, env=os.environ.copy())
    if done.returncode != 0:
        sys.exit(f"{' '.join(args[:1])} failed ({done.returncode}): {done.stderr[-2000:]}")


def _spans(value: Any) -> list[dict[str, Any]]:
    if isinstance(value, str):
        value = json.loads(value)
    return list(value or [])


def _ref(row: dict[str, Any], name: str) -> dict[str, Any]:
    span = None
    if row.get(f"{name}_start") is not None:
        span = {
            "start": row[f"{name}_start"],
            "end": row[f"{name}_end"],
            "text": row.get(f"{name}_text") or "",
        }
    return {"actor": row.get(f"{name}_actor"), "span": span}


def read_store(
    db: Path, probe: Path
) -> tuple[
    dict[str, Article], dict[str, str], dict[tuple[str, str], str], set[tuple[str, str, str, str]]
]:
    """Articles by probe file, store article ids by file, cluster of each (article, event),
    and dispute links (article, statement, article, statement)."""
    import duckdb

    con = duckdb.connect(str(db), read_only=True)

    def rows(sql: str) -> list[dict[str, Any]]:
        cur = con.execute(sql)
        cols = [c[0] for c in cur.description]
        return [dict(zip(cols, r, strict=True)) for r in cur.fetchall()]

    titles = {norm(t): f for f, t in file_titles(probe).items()}
    ids = {}
    for r in rows("SELECT id, title FROM articles"):
        if norm(r["title"] or "") in titles:
            ids[titles[norm(r["title"] or "")]] = r["id"]
    texts = {r["id"]: r["text"] for r in rows("SELECT id, text FROM articles")}
    arts = {f: Article(texts[i], []) for f, i in ids.items()}
    by_id = {i: arts[f] for f, i in ids.items()}
    for r in rows("SELECT * FROM events"):
        if r["article_id"] in by_id:
            by_id[r["article_id"]].events.append(
                {
                    "id": r["id"],
                    "type": r["type"],
                    "evidence": _spans(r["evidence"]),
                    "attributed_to": r.get("attributed_to"),
                }
            )
    links: set[tuple[str, str, str, str]] = set()
    for r in rows("SELECT * FROM statements"):
        if r["article_id"] not in by_id:
            continue
        st = {
            "id": r["id"],
            "speaker": _ref(r, "speaker"),
            "cue": _ref(r, "cue"),
            "content": _spans(r.get("content")),
        }
        by_id[r["article_id"]].statements[r["id"]] = st
        if r.get("disputes"):
            links.add((r["article_id"], r["id"], r["article_id"], r["disputes"]))
    for r in rows("SELECT * FROM claim_links WHERE relation = 'disputes'"):
        links.add((r["article_id"], r["from_id"], r["to_article_id"], r["to_id"]))
    clusters = {
        (r["article_id"], r["event_id"]): r["cluster_id"]
        for r in rows("SELECT * FROM event_cluster_members")
    }
    con.close()
    return arts, ids, clusters, links


def type_match(gold: dict[str, Any], art: Article) -> dict[str, Any] | None:
    """The stored event over the anchor, one of the gold type first (none: None)."""
    span = anchor_span(art.text, gold["anchor"])
    if span is None:
        return None
    lo, hi = span
    over = [e for e in art.events if any(overlaps(s, lo, hi) for s in e["evidence"])]
    typed = [e for e in over if e["type"] == gold["type"]]
    return (typed or [None])[0]


def stories(probe: Path, gold: dict[str, Any]) -> list[str]:
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "probe.duckdb"
        run_cli(["ingest", str(probe / "txt"), "--db", str(db), "-j", "1"])
        run_cli(["link", "--db", str(db)])
        arts, ids, clusters, links = read_store(db, probe)
    items: dict[str, tuple[str, str]] = {}
    for g in gold["events"]:
        if not g.get("incident") or g["file"] not in arts:
            continue
        event = type_match(g, arts[g["file"]])
        if event is None:
            continue
        aid = ids[g["file"]]
        system = clusters.get((aid, event["id"]), f"single:{aid}:{event['id']}")
        items[f"{g['file']}|{g['id']}"] = (g["incident"], system)
    p, r, f1 = bcubed(items)
    same_ok, same, diff_joined, diff = story_pairs(items)
    n_inc = sum(1 for g in gold["events"] if g.get("incident"))
    out = [
        f"stories: {len(items)} of {n_inc} gold events with an incident matched by type;"
        f" B-cubed P {p:.2f} R {r:.2f} F1 {f1:.2f}",
        f"same-incident pairs across articles joined: {ratio(same_ok, same)};"
        f" different-incident pairs across articles joined (wrong): {diff_joined} / {diff}",
    ]
    for within in (True, False):
        ds = [d for d in gold.get("disputes", []) if d["within"] == within]
        found = sum(dispute_found(d, arts, ids, links) for d in ds)
        out.append(
            f"disputes {'within' if within else 'across'} articles found: {ratio(found, len(ds))}"
        )
    return out


def main(argv: Iterable[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("probe", type=Path, help="the probe folder (gold.json, txt/)")
    ap.add_argument("output", type=Path, help="newsgraph annotate output (JSON Lines)")
    ap.add_argument("--stories", action="store_true", help="clusters and disputes via a store")
    ap.add_argument("--detail", action="store_true", help="one line per gold event")
    args = ap.parse_args(list(argv) if argv is not None else None)
    gold = load_gold(args.probe)
    lines = args.output.read_text(encoding="utf-8").splitlines()
    records = [json.loads(line) for line in lines if line.strip()]
    arts = {f: Article.from_record(r) for f, r in records_by_file(records, args.probe).items()}
    judged = judge_all(gold, arts)
    print("\n".join(summary(judged, gold)))
    if args.stories:
        print("\n".join(stories(args.probe, gold)))
    if args.detail:
        print("\n".join(detail(judged)))


if __name__ == "__main__":
    main()
