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
                      _differ_on(s) or ("denied" if s["disputed"] else ""))  # fmt: skip
    console.print(table)


def _differ_on(story: dict[str, Any]) -> str:
    """What a listed story's accounts differ on, the tolls with their values ("killed 12/10")."""
    fields = (story.get("consensus") or {}).get("fields") or {}
    tolls = "/".join(str(v["value"]) for v in fields.get("killed") or [])
    return ", ".join(f"killed {tolls}" if k == "killed" and tolls else k for k in contested(story))


def render_story(story: dict[str, Any], console: Console) -> None:
    flag = "[bold red]DISPUTED[/]" if story["disputed"] else "[green]accounts agree[/]"
    if story.get("irrealis"):
        flag = f"[bold yellow]{NOT_DONE.upper()}[/]  {flag}"
    console.rule(f"{story['id']}  {story['type']}  {story['time'] or ''}  {flag}")
    if "accounts" in story:  # ``story_accounts.story_additions``: names, evidence, timeline
        _accounts(story, console)
    else:
        fields = story["consensus"].get("fields", {})
        for name in ("source", "target", "place", "killed"):
            mark = " [red](accounts differ)[/]" if name in story["differing"] else ""
            console.print(f"[bold]{name}[/]: {escape(_values(fields.get(name, [])))}{mark}")

    reports = Table(title="reports over time")
    for column in ("published", "outlet", "voice", "wording (evidence)", "killed"):
        reports.add_column(column)
    for r in story["reports"]:
        toll = (r.get("magnitude") or {}).get("killed") or {}
        killed = toll.get("min")
        killed = f"+{killed}" if killed is not None and toll.get("added") else killed  # an update
        killed = f"{killed} armed" if killed is not None and toll.get("armed") else killed
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

    if "who_disputes_whom" in story:
        _disputes(story["who_disputes_whom"], console)
    else:
        for link in story["disputes"]:
            a, b = link["from"], link["to"]
            console.print(f"{a['article_id']}:{a['statement']} [bold]{link['relation']}[/] "
                          f"{b['article_id']}:{b['statement']}")  # fmt: skip

    sentences = story.get("sentences")  # ``story_additions``: the sentences, words in bold
    wording = Table(title="each outlet's wording" + (", side by side" if sentences else ""))
    for column in ("outlet", "how it tells the event" if sentences else "event wording",
                   "loaded terms"):  # fmt: skip
        wording.add_column(column)
    for w in story["wording"]:
        terms = ", ".join(f"{f['term']} ({f['category']})" for f in w["framing"])
        told = _told(sentences.get(w["article_id"]) or []) if sentences else ""
        wording.add_row(escape(w["outlet"] or ""),
                        told or escape(" | ".join(w["event_wording"])), escape(terms))  # fmt: skip
    console.print(wording)


def _told(sentences: list[dict[str, Any]]) -> str:
    """An article's sentences that tell the event, the report's words in bold."""
    return "\n".join("".join(_part(p) for p in s["segments"]) for s in sentences)


def _part(part: dict[str, Any]) -> str:
    return f"[bold]{escape(part['text'])}[/]" if part["evidence"] else escape(part["text"])


def _accounts(story: dict[str, Any], console: Console) -> None:
    """Each field's values with the outlets that give each and the words of their reports
    (article:event "words"), where accounts differ marked, then the reports per day."""
    table = Table(title="accounts, field by field (value: outlets, with each report's words)")
    for column in ("field", "value", "given by (article:event “evidence”)"):
        table.add_column(column)
    for field in story["accounts"].values():
        label = field["label"] + (" [red](differ)[/]" if field["differ"] else "")
        agreed = len(field["values"]) == 1 and not field["differ"]  # its outlets suffice
        rows = [(v.get("name") or str(v["value"]),
                 escape(", ".join(v["outlets"])) if agreed else _givers(v))
                for v in field["values"]]  # fmt: skip
        if field.get("denied_by"):
            deniers = ", ".join(d["name"] or d["actor"] for d in field["denied_by"])
            rows.insert(0, ("[red]denied[/]", escape(f"by {deniers} (the named attacker)")))
        rows += [(f"+{a['value']} (update)", _givers(a)) for a in field.get("added") or []]
        if field["not_given_by"]:
            rows.append(("[dim]not stated[/]", escape(", ".join(field["not_given_by"]))))
        for n, (value, givers) in enumerate(rows):
            table.add_row(label if n == 0 else "", value if "[" in value else escape(value), givers)
    console.print(table)
    days = Table(title="reports over time")
    for column in ("day", "reports", "asserted / attributed", "tolls given", "outlets"):
        days.add_column(column)
    for day in story.get("timeline") or []:
        days.add_row(day["day"] or "undated", "●" * day["reports"],
                     f"{day['asserted']} / {day['attributed']}",
                     ", ".join(str(k) for k in day["killed"]),
                     escape(", ".join(day["outlets"])))  # fmt: skip
    console.print(days)


def _givers(value: dict[str, Any]) -> str:
    parts = []
    for outlet in value["outlets"]:
        words = [
            f"{r['article_id']}:{r['event_id']} “{' … '.join(e['text'] for e in r['evidence'])}”"
            + (" (attributed)" if r.get("voice") == "attributed" else "")
            for r in value["reports"]
            if (r.get("outlet") or f"article:{r['article_id']}") == outlet
        ]
        parts.append(f"{outlet}: {'; '.join(words)}" if words else outlet)
    return escape("\n".join(parts))


def _disputes(rows: list[dict[str, Any]], console: Console) -> None:
    table = Table(title="who disputes whom")
    for column in ("who", "act", "disputes", "their act", "words disputed"):
        table.add_column(column)
    for row in rows:
        a, b = row["from"], row["to"]
        table.add_row(_said_by(a), a["act"] or "", _said_by(b), b["act"] or "",
                      escape((b["text"] or "")[:160]))  # fmt: skip
    console.print(table)


def _said_by(end: dict[str, Any]) -> str:
    return escape(
        f"{end['speaker_name'] or end['statement']} ({end['outlet'] or end['article_id']})"
    )
