"""Terminal rendering of story records (``newsgraph story``) with rich."""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from ..show import add_whole_column
from .stories import contested

# the mark of a story whose every report is negated, hypothetical or future
NOT_DONE = "not reported as done"


def _values(values: list[dict[str, Any]]) -> str:
    return " / ".join(f"{v['value']} ({', '.join(v['outlets'])})" for v in values) or "—"


def render_stories(stories: list[dict[str, Any]], console: Console) -> None:
    table = Table(title="stories reported by two articles or more")
    add_whole_column(table, "id", [s["id"] for s in stories])  # to copy into `story ID`
    # the type whole, the not-done mark wrapping under it: kept on one line, it pushed the
    # place, outlets and disputed columns off an 80-column terminal
    types = [s["type"] or "" for s in stories]
    table.add_column("type", min_width=max((len(t) for t in types), default=len("type")))
    table.add_column("place")
    add_whole_column(table, "time", [s["time"] or "" for s in stories])
    add_whole_column(table, "articles", [])
    for column in ("outlets", "disputed"):
        table.add_column(column)
    for s in stories:
        type_ = (s["type"] or "") + (f" ({NOT_DONE})" if s.get("irrealis") else "")
        place = s.get("place_name") or s["place"] or ""
        table.add_row(s["id"], type_, escape(place), s["time"] or "",
                      str(s["n_articles"]), escape(", ".join(s["outlets"])),
                      ", ".join(contested(s)) or ("denied" if s["disputed"] else ""))  # fmt: skip
    console.print(table)


def render_story(story: dict[str, Any], console: Console) -> None:
    flag = "[bold red]DISPUTED[/]" if story["disputed"] else "[green]accounts agree[/]"
    if story.get("irrealis"):
        flag = f"[bold yellow]{NOT_DONE.upper()}[/]  {flag}"
    console.rule(f"{story['id']}  {story['type']}  {story['time'] or ''}  {flag}")
    fields = story["consensus"].get("fields", {})
    for name in ("source", "target", "place", "killed"):
        mark = " [red](accounts differ)[/]" if name in story["differing"] else ""
        console.print(f"[bold]{name}[/]: {escape(_values(fields.get(name, [])))}{mark}")

    reports = Table(title="reports over time")
    for column in ("published", "outlet", "voice", "wording (evidence)", "killed"):
        reports.add_column(column)
    for r in story["reports"]:
        killed = ((r.get("magnitude") or {}).get("killed") or {}).get("min")
        voice = ", ".join([r["voice"], *r.get("flags", [])])
        reports.add_row(r["published"] or "", escape(r["outlet"] or ""), voice,
                        escape(" … ".join(e["text"] for e in r["evidence"])),
                        "" if killed is None else str(killed))  # fmt: skip
    console.print(reports)

    said = Table(title="who says what")
    for column in ("outlet", "speaker", "act", "content"):
        said.add_column(column)
    for s in story["statements"]:
        speaker = s["speaker"]["name"] or s["speaker"]["actor"] or "?"
        said.add_row(escape(s["outlet"] or ""), escape(speaker), s["act"] or "",
                     escape(s["text"][:200]))  # fmt: skip
    console.print(said)

    for link in story["disputes"]:
        a, b = link["from"], link["to"]
        console.print(f"{a['article_id']}:{a['statement']} [bold]{link['relation']}[/] "
                      f"{b['article_id']}:{b['statement']}")  # fmt: skip

    wording = Table(title="each outlet's wording")
    for column in ("outlet", "event wording", "loaded terms"):
        wording.add_column(column)
    for w in story["wording"]:
        terms = ", ".join(f"{f['term']} ({f['category']})" for f in w["framing"])
        wording.add_row(escape(w["outlet"] or ""), escape(" | ".join(w["event_wording"])),
                        escape(terms))  # fmt: skip
    console.print(wording)
