"""How ``link_records`` scales: time and links per statement on synthetic stores of 3k and 30k
articles (the same small story articles replicated with shifted dates and ids).

    PYTHONPATH=. python benchmarks/link_scale.py [--sizes 3000 30000]

Each copy of the story is published one day after the previous one, so a denial can only
answer accusations of its own and the neighbouring days: links per statement stay flat when the
store grows, and time grows linearly (ratio near 10 from 3k to 30k).
"""

from __future__ import annotations

import argparse
import copy
import time
from datetime import date, timedelta
from typing import Any

from newsgraph.link import link_records

RAFAH = {"id": "geonames:281102", "name": "Rafah", "feature": "city", "country": "PS",
         "lat": 31.29722, "lon": 34.24357, "admin1": None, "mentions": []}  # fmt: skip


def _record(aid: str, outlet: str, text: str, statements: list, events: list) -> dict[str, Any]:
    for event in events:  # the trigger's offsets in the text (the learned pair evidence reads it)
        start = text.find("strike")
        event["evidence"] = [{"start": start, "end": start + 6, "text": "strike"}]
    article = {"id": aid, "outlet": outlet, "title": None, "published": "2024-07-28",
               "url": None, "language": "en", "text": text}  # fmt: skip
    times = [{"id": "t1", "value": "2024-07-28"}]
    return {"article": article, "actors": [], "statements": statements, "events": events,
            "places": [RAFAH], "times": times, "framing": []}  # fmt: skip


def _statement(sid: str, speaker: str, act: str, text: str, **kw: Any) -> dict[str, Any]:
    return {"id": sid, "speaker": {"actor": speaker, "span": None}, "act": act,
            "content": [{"start": 0, "end": len(text), "text": text}], "addressee": None,
            "disputes": None} | kw  # fmt: skip


def _event(eid: str, type_: str, killed: int | None = None, **kw: Any) -> dict[str, Any]:
    return {"id": eid, "type": type_, "source": {"actor": kw.pop("source", None)},
            "target": {"actor": kw.pop("target", None)}, "place": RAFAH["id"], "time": "t1",
            "magnitude": {"killed": {"min": killed}} if killed else {},
            "evidence": [{"text": "strike"}], "attributed_to": None} | kw  # fmt: skip


def base_records() -> list[dict[str, Any]]:
    """A day's story: a strike reported by three outlets (tolls 9, 10, 11), a second strike in
    the same city, an accusation, its denial in the same article and in two other outlets."""
    accusation = "Hezbollah fired the rocket that hit the town"
    return [
        _record("a", "Outlet A", "An Israeli strike hit Rafah, killing 9 people. The army "
                "accused Hezbollah. Hezbollah denied any connection to the attack.", [
            _statement("s1", "idf", "accusation", accusation, addressee="hezbollah"),
            _statement("s2", "hezbollah", "denial", "any connection to the attack")],
            [_event("e1", "ASSAULT", 9, source="israel")]),
        _record("b", "Outlet B", "The IDF strike in Rafah killed 10, medics said. Hezbollah "
                "denied any involvement in the attack.", [
            _statement("s1", "hezbollah", "denial", "any involvement in the attack")],
            [_event("e1", "ASSAULT", 10, source="idf")]),
        _record("c", "Outlet C", "Israel's strike on Rafah killed 11 people. Netanyahu accused "
                "Hezbollah.", [
            _statement("s1", "benjamin-netanyahu", "accusation", accusation,
                       addressee="hezbollah")],
            [_event("e1", "ASSAULT", 11, source="israel")]),
        _record("d", "Outlet D", "A strike in Rafah killed 30 people. Hezbollah denied "
                "responsibility for the attack.", [
            _statement("s1", "hezbollah", "denial", "responsibility for the attack")],
            [_event("e1", "ASSAULT", 30, source="israel")]),
    ]  # fmt: skip


def shifted(record: dict[str, Any], copy_no: int) -> dict[str, Any]:
    """A copy of ``record`` ``copy_no`` days later, with its own article id and times."""
    out = copy.deepcopy(record)
    article = out["article"]
    article["id"] = f"{article['id']}-{copy_no}"
    published = date.fromisoformat(str(article["published"])[:10]) + timedelta(days=copy_no)
    article["published"] = published.isoformat()
    for t in out.get("times") or []:
        value = t.get("value") or ""
        if len(value) >= 10 and value[4] == "-":
            try:
                moved = date.fromisoformat(value[:10]) + timedelta(days=copy_no)
                t["value"] = moved.isoformat() + value[10:]
            except ValueError:
                pass
    return out


def measure(base: list[dict[str, Any]], n_articles: int) -> tuple[float, float, int]:
    copies = n_articles // len(base)
    records = [shifted(r, c) for c in range(copies) for r in base]
    started = time.perf_counter()
    result = link_records(records)
    seconds = time.perf_counter() - started
    statements = sum(len(r.get("statements") or []) for r in records)
    return seconds, len(result.links) / max(statements, 1), len(records)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="+", default=[3000, 30000])
    args = parser.parse_args()
    base = base_records()
    first = None
    for size in args.sizes:
        seconds, per_statement, n = measure(base, size)
        first = first or seconds
        print(f"{n} articles: link {seconds:.1f} s, {per_statement:.2f} links per statement, "
              f"time ratio vs first size {seconds / first:.1f}")  # fmt: skip


if __name__ == "__main__":
    main()
