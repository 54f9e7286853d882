"""The story pages: ``/stories`` (event clusters reported by two articles or more) and
``/stories/{id}`` (one event with each outlet's account side by side).

Both read the JSON-ready records of ``newsgraph.link.stories`` (the same the API serves) and add
only what people need to read them: actor and place names for the ids, and each dispute with
the statements at both ends. Every report and statement links to its evidence in the article.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse

from ..link.stories import contested, list_stories, story_record
from ..story_accounts import (
    added_tolls,
    attacker_deniers,
    dispute_rows,
    outlet_of,
    report_sentences,
    report_value,
)
from .pages import error_page, pager, reader, render, urlq
from .paging import Page
from .storystrip import strip_svg

__all__ = ["dispute_rows", "field_rows", "router", "story_types"]

router = APIRouter(include_in_schema=False)

PER_PAGE = 50
MAX_PAGE = 20_000_000  # offset stays far below DuckDB's BIGINT (see docs/serve.md)
PageNo = Annotated[int, Query(ge=1, le=MAX_PAGE)]
# The summary's fields, in reading order, as people name them.
FIELD_LABELS = {
    "type": "Event type",
    "source": "Who did it",
    "target": "To whom",
    "place": "Where",
    "killed": "Killed",
}


def place_names(store: Any, ids: set[str]) -> dict[str, str]:
    """Names of the places ``ids`` (an id without a stored place is left out)."""
    ids = {i for i in ids if i}
    if not ids:
        return {}
    marks = ", ".join("?" for _ in ids)
    rows = store.query(f"SELECT id, name FROM places WHERE id IN ({marks})", sorted(ids))
    return {pid: name for pid, name in rows if name}


def field_rows(story: dict[str, Any], names: dict[str, str], places: dict[str, str]) -> list:
    """Each summary field with its values, the outlets that give each, and a readable label.

    A field is marked ``differ`` where the link stage says accounts differ on it (and "who did
    it" also where the attacker the reports name denies it: ``claims_disputed``), and
    ``several`` where the reports give more than one value that the link stage reads as one
    account (types of one family, a unit and its state): never one value shown as agreed."""
    fields = (story.get("consensus") or {}).get("fields") or {}
    differing = set(contested(story))
    reports = story.get("reports") or []
    reporting = sorted({outlet_of(r) for r in reports})
    rows = []
    for key, label in FIELD_LABELS.items():
        values = []
        for item in fields.get(key) or []:
            value = item.get("value")
            outlets = item.get("outlets") or []
            shown = {"source": names, "target": names, "place": places}.get(key, {})
            given = [
                r for r in reports if report_value(key, r) == value and outlet_of(r) in outlets
            ]
            values.append(
                {
                    "value": value,
                    "shown": shown.get(value) or str(value),
                    "outlets": outlets,
                    # each outlet with the reports that give the value: links to their words
                    "givers": [
                        {"outlet": o, "reports": [r for r in given if outlet_of(r) == o]}
                        for o in outlets
                    ],
                    "actor": value if key in ("source", "target") else None,
                }
            )
        if values or key in differing:
            differ = key in differing
            several = len(values) > 1 and not differ
            giving = {o for v in values for o in v["outlets"]}
            rows.append(
                {
                    "key": key,
                    "label": label,
                    "values": values,
                    "differ": differ,
                    "several": several,
                    "not_given_by": [o for o in reporting if o not in giving] if values else [],
                    "added": added_tolls(story) if key == "killed" else [],
                }
            )
    return rows


def attacker_denials(store: Any, story: dict[str, Any], rows: list[dict]) -> list[dict]:
    """The denials by the actor the reports name as the attacker (or one affiliated with it):
    the statements that make who did it contested (``claims_disputed``), a speaker's first in
    each article (two denials by one spokesman in one article are one line)."""
    deniers = set(attacker_deniers(store, story))
    found: dict[tuple, dict] = {}
    for row in rows:
        said = row["from"]
        if said.get("act") == "denial" and (said.get("speaker") or {}).get("actor") in deniers:
            found.setdefault((said["article_id"], said["speaker"]["actor"]), said)
    return list(found.values())


def grouped_disputes(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Who disputes whom, one line per disputer: the statements of one speaker in one article
    with one act ("Peskov's denials in RIA Novosti"), each statement they dispute once."""
    groups: dict[tuple, dict[str, Any]] = {}
    for row in rows:
        said = row["from"]
        speaker = said.get("speaker") or {}
        who = speaker.get("actor") or speaker.get("name") or said.get("id")
        group = groups.setdefault(
            (said.get("article_id"), who, said.get("act")),
            {"from": said, "statements": [], "to": []},
        )
        if said.get("id") not in group["statements"]:
            group["statements"].append(said.get("id"))
        if all((t["article_id"], t["id"]) != (row["to"]["article_id"], row["to"]["id"])
               for t in group["to"]):  # fmt: skip
            group["to"].append(row["to"])
    return list(groups.values())


def outlet_wordings(story: dict[str, Any]) -> list[dict[str, Any]]:
    """Each reporting article's account side by side, in the order they were published: its
    reports (each with its words, who it names, its toll, its voice) and its loaded terms."""
    by_article: dict[str, list[dict[str, Any]]] = {}
    for r in story.get("reports") or []:
        by_article.setdefault(r["article_id"], []).append(r)
    framing = {w["article_id"]: w.get("framing") or [] for w in story.get("wording") or []}
    return [
        {
            "article_id": article_id,
            "outlet": reports[0].get("outlet"),
            "published": reports[0].get("published"),
            "reports": reports,
            "framing": framing.get(article_id, []),
        }
        for article_id, reports in by_article.items()
    ]


def story_types(story: dict[str, Any]) -> list[str]:
    """The event types the story's reports give, most outlets first (the cluster's own type
    where no report gives one): a heading names them all, never one of several as agreed."""
    fields = (story.get("consensus") or {}).get("fields") or {}
    types = [str(v["value"]) for v in fields.get("type") or [] if v.get("value")]
    return types or ([story["type"]] if story.get("type") else [])


def heading_places(story: dict[str, Any]) -> list[str]:
    """The places a heading names: every place the reports state where they state several
    (most outlets first), never one of them as agreed; else the cluster's place."""
    stated = [
        v["value"] for v in (story.get("consensus") or {}).get("fields", {}).get("place") or []
    ]
    return stated if len(stated) > 1 else [p for p in [story.get("place")] if p]


def attributions(story: dict[str, Any]) -> dict[tuple[str, str], dict[str, Any]]:
    """The story's statements by (article id, statement id): an attributed report names the
    speaker it is attributed to and links to that statement."""
    return {(s["article_id"], s["id"]): s for s in story.get("statements") or []}


@router.get("/stories", response_class=HTMLResponse)
def stories_page(request: Request, page: PageNo = 1) -> HTMLResponse:
    store = reader(request).store
    shown = list_stories(store, PER_PAGE, (page - 1) * PER_PAGE)
    places = place_names(store, {s.get("place") for s in shown})
    for story in shown:
        story["types"] = story_types(story)
        fields = (story.get("consensus") or {}).get("fields") or {}
        for end in ("source", "target"):  # every value the reports give, most outlets first
            values = sorted(fields.get(end) or [], key=lambda v: -len(v.get("outlets") or []))
            story[f"{end}s"] = [v["value"] for v in values if isinstance(v.get("value"), str)]
        # what each differing field's accounts say, at a glance: killed 5 (2 outlets) · 4 · 7
        story["differ_values"] = {
            key: [(v["value"], len(v.get("outlets") or [])) for v in fields.get(key) or []]
            for key in contested(story)
        }
    names = reader(request).actor_names({a for s in shown for a in s["sources"] + s["targets"]})
    # the list's length for "1–50 of N": one count over the clusters, no row fetched
    total = store.query("SELECT count(*) FROM event_clusters WHERE n_articles > 1")[0][0]
    listed = Page(int(total), PER_PAGE, (page - 1) * PER_PAGE, shown)
    return render(
        request,
        "stories.html",
        section="stories",
        stories=shown,
        places=places,
        names=names,
        pager=pager(listed, page, {}),
    )


@router.get("/stories/{story_id:path}", response_class=HTMLResponse)
def story_page(request: Request, story_id: str) -> HTMLResponse:
    data = reader(request)
    story = story_record(data.store, story_id)
    if story is None:
        return error_page(
            request, 404, f"There is no story {story_id!r}.", [("/stories", "All stories")]
        )
    fields = (story.get("consensus") or {}).get("fields") or {}
    actor_ids = {v.get("value") for k in ("source", "target") for v in fields.get(k) or []}
    actor_ids |= {(s.get("speaker") or {}).get("actor") for s in story["statements"]}
    actor_ids |= {s.get("addressee") for s in story["statements"]}
    names = data.actor_names(sorted(i for i in actor_ids if isinstance(i, str)))
    place_ids = {v.get("value") for v in fields.get("place") or []} | {story.get("place")}
    place_ids |= {r.get("place") for r in story["reports"] if isinstance(r.get("place"), str)}
    places = place_names(data.store, {p for p in place_ids if isinstance(p, str)})
    data.add_snippets(story["reports"], "article_id")  # an untitled report's label
    disputes = dispute_rows(story, data.store)
    return render(
        request,
        "story.html",
        section="stories",
        story=story,
        story_url=urlq(story_id),
        types=story_types(story),
        heading_places=heading_places(story),
        said=attributions(story),
        fields=field_rows(story, names, places),
        disputes=grouped_disputes(disputes),
        denials=attacker_denials(data.store, story, disputes),
        names=names,
        places=places,
        wording=[w for w in story["wording"] if w.get("framing")],
        outlet_wordings=outlet_wordings(story),
        sentences=report_sentences(data.store, story["reports"]),
        strip=strip_svg(story["reports"], request.scope.get("root_path", "")),
    )
