"""Render one article record in the terminal with its extractions highlighted.

Article text is always handled as data: it goes into ``rich.text.Text`` objects (never parsed
as markup) and terminal control characters are replaced, so an article cannot restyle or
hijack the terminal.
"""

from __future__ import annotations

import re
from typing import Any

from rich.console import Console
from rich.panel import Panel
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.table import Table
from rich.text import Text

# C0/C1 control characters except newline and tab: ESC sequences could drive the terminal
CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")

STYLES = {
    "actor": "bold cyan",
    "place": "bold green",
    "time": "bold magenta",
    "quote": "italic yellow",
    "cue": "underline yellow",
    "event": "bold red",
    "framing": "reverse",
}


def safe(text: str | None) -> str:
    return CONTROL_CHARS.sub("\ufffd", text or "")


def highlighted_text(record: dict[str, Any]) -> Text:
    body = Text(safe(record["article"]["text"]))
    for span, style in spans_with_styles(record):
        if 0 <= span["start"] < span["end"] <= len(body):
            body.stylize(style, span["start"], span["end"])
    return body


def spans_with_styles(record: dict[str, Any]) -> list[tuple[dict[str, int], str]]:
    """Spans in painting order: wide statement content first, then the smaller marks over it."""
    spans: list[tuple[dict[str, int], str]] = []
    for statement in record.get("statements", []):
        spans += [(piece, STYLES["quote"]) for piece in statement.get("content", [])]
        cue = (statement.get("cue") or {}).get("span")
        if cue:
            spans.append((cue, STYLES["cue"]))
    for key, style in (("actors", "actor"), ("places", "place")):
        for item in record.get(key, []):
            spans += [(m, STYLES[style]) for m in item.get("mentions", [])]
    spans += [(t["span"], STYLES["time"]) for t in record.get("times", [])]
    for event in record.get("events", []):
        spans += [(e, STYLES["event"]) for e in event.get("evidence", [])[:1]]
    spans += [(f["span"], STYLES["framing"]) for f in record.get("framing", [])]
    return spans


def render_record(record: dict[str, Any], console: Console) -> None:
    article = record["article"]
    title = Text(safe(article.get("title")) or "(untitled)", style="bold")
    outlet = safe(article.get("outlet")) or "unknown outlet"
    byline = Text(f"{outlet} · {article.get('published') or 'no date'} · {article['id']}")
    console.print(Panel(highlighted_text(record), title=title, subtitle=byline))
    legend = Text("  ").join(Text(name, style=style) for name, style in STYLES.items())
    console.print(legend)
    for table in summary_tables(record):
        if table.row_count:
            console.print(table)


def summary_tables(record: dict[str, Any]) -> list[Table]:
    actors = {a["id"]: a["name"] for a in record.get("actors", [])}
    places = {p["id"]: p["name"] for p in record.get("places", [])}
    times = {t["id"]: t["value"] or t["span"]["text"] for t in record.get("times", [])}
    statements = Table("id", "speaker", "act", "kind", "content", title="Statements")
    for s in record.get("statements", []):
        speaker = s["speaker"]
        name = actors.get(speaker.get("actor"), (speaker.get("span") or {}).get("text", "?"))
        content = " … ".join(piece["text"] for piece in s.get("content", []))
        statements.add_row(s["id"], safe(name), s["act"], s["kind"], safe(content[:160]))
    events = Table("id", "type", "source", "target", "place", "time", "asserted", title="Events")
    for e in record.get("events", []):
        events.add_row(
            e["id"],
            f"{e['type']}" + (f"/{e['mode']}" if e.get("mode") else ""),
            safe(actor_label(e["source"], actors)),
            safe(actor_label(e["target"], actors)),
            safe(places.get(e.get("place"), e.get("place") or "")),
            safe(times.get(e.get("time"), e.get("time") or "")),
            provenance(e),
        )
    framing = Table("term", "category", "speaker", "text", title="Loaded language")
    for f in record.get("framing", []):
        framing.add_row(f["term"], f["category"], f["speaker"], safe(f["span"]["text"]))
    return [statements, events, framing]


def actor_label(ref: dict[str, Any] | None, actors: dict[str, str]) -> str:
    if not ref:
        return ""
    if ref.get("actor"):
        return actors.get(ref["actor"], ref["actor"])
    return (ref.get("span") or {}).get("text", "")


def provenance(event: dict[str, Any]) -> str:
    flags = []
    if event.get("attributed_to"):
        flags.append(f"said ({event['attributed_to']})")
    else:
        flags.append("outlet")
    for flag in ("negated", "hypothetical", "future", "disputed"):
        if event.get(flag):
            flags.append(flag)
    return ", ".join(flags)


# ---------------------------------------------------------------------------------------------
# the list of stored articles (``newsgraph articles``)

_ARTICLE_COLUMNS = ("id", "published", "outlet", "title")
# a case-insensitive substring test that DuckDB and PostgreSQL both run, with no LIKE escaping
_MATCHES = "strpos(lower(coalesce({column}, '')), ?) > 0"


def find_articles(
    store: Any, query: str | None = None, limit: int | None = 50
) -> tuple[list[dict[str, Any]], int]:
    """Stored articles whose title, outlet or text contains ``query`` (any case; every article
    when None), newest first, at most ``limit``; and how many match in all."""
    where, params = "", []
    if query:
        needle = query.lower()
        where = "WHERE " + " OR ".join(
            _MATCHES.format(column=c) for c in ("title", "outlet", "text")
        )
        params = [needle, needle, needle]
    total = int(store.query(f"SELECT count(*) FROM articles {where}", params)[0][0])
    sql = (
        f"SELECT {', '.join(_ARTICLE_COLUMNS)} FROM articles {where} "
        "ORDER BY published DESC NULLS LAST, id"
    )
    if limit is not None:
        sql += f" LIMIT {max(0, int(limit))}"
    rows = [dict(zip(_ARTICLE_COLUMNS, row, strict=True)) for row in store.query(sql, params)]
    for row in rows:
        row["published"] = row["published"].isoformat() if row["published"] else None
    return rows, total


def add_whole_column(table: Table, header: str, values: list[str]) -> None:
    """A column whose cells are never wrapped or cut short: ids to copy into the next command
    (``show ID``, ``story ID``), dates to read whole; the other columns wrap around them."""
    width = max((len(value) for value in values), default=0)
    table.add_column(header, no_wrap=True, min_width=max(width, len(header)))


def articles_table(rows: list[dict[str, Any]]) -> Table:
    """The articles as a terminal table; ids, titles and outlets are data, never markup."""
    table = Table()
    add_whole_column(table, "id", [row["id"] for row in rows])
    add_whole_column(table, "published", [row["published"] or "" for row in rows])
    table.add_column("outlet")
    table.add_column("title")
    for row in rows:
        table.add_row(
            Text(safe(row["id"])),
            row["published"] or "",
            Text(safe(row["outlet"])),
            Text(safe(row["title"]) or "(untitled)"),
        )
    return table


def progress_bar(console: Console) -> Progress:
    """A run's progress: done / total, counts, elapsed time and the time left (terminals only)."""
    return Progress(
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[status]}"),
        TimeElapsedColumn(),
        TextColumn("eta"),
        TimeRemainingColumn(),
        console=console,
        transient=False,
        disable=not console.is_terminal,
    )
