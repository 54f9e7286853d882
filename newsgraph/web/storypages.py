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

from ..link.stories import _statement as statement_of
from ..link.stories import list_stories, story_record
from .pages import error_page, pager, reader, render, urlq
from .paging import Page

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
    differing = set(story.get("differing") or [])
    if story.get("claims_disputed"):
        differing.add("source")
    rows = []
    for key, label in FIELD_LABELS.items():
        values = []
        for item in fields.get(key) or []:
            value = item.get("value")
            shown = {"source": names, "target": names, "place": places}.get(key, {})
            values.append(
                {
                    "value": value,
                    "shown": shown.get(value) or str(value),
                    "outlets": item.get("outlets") or [],
                    "actor": value if key in ("source", "target") else None,
                }
            )
        if values or key in differing:
            differ = key in differing
            several = len(values) > 1 and not differ
            rows.append(
                {"key": key, "label": label, "values": values, "differ": differ, "several": several}
            )
    return rows


def story_types(story: dict[str, Any]) -> list[str]:
    """The event types the story's reports give, most outlets first (the cluster's own type
    where no report gives one): a heading names them all, never one of several as agreed."""
    fields = (story.get("consensus") or {}).get("fields") or {}
    types = [str(v["value"]) for v in fields.get("type") or [] if v.get("value")]
    return types or ([story["type"]] if story.get("type") else [])


def attributions(story: dict[str, Any]) -> dict[tuple[str, str], dict[str, Any]]:
    """The story's statements by (article id, statement id): an attributed report names the
    speaker it is attributed to and links to that statement."""
    return {(s["article_id"], s["id"]): s for s in story.get("statements") or []}


def dispute_rows(story: dict[str, Any], store: Any = None) -> list[dict[str, Any]]:
    """Who disputes whom: each ``disputes`` link with the statements at both ends: the story's
    own, or one outside it read from its article (``store``: its speaker, outlet and act, not
    an id alone); a statement no stored article has is shown by its id."""
    said = {(s["article_id"], s["id"]): s for s in story.get("statements") or []}
    if store is not None:
        said |= outside_statements(store, story, said)
    rows = []
    for link in story.get("disputes") or []:
        if link.get("relation") != "disputes":
            continue
        ends = {}
        for end in ("from", "to"):
            article_id, sid = link[end]["article_id"], link[end]["statement"]
            ends[end] = said.get((article_id, sid)) or {"article_id": article_id, "id": sid}
        rows.append({**ends, "origin": link.get("origin")})
    return rows


def outside_statements(
    store: Any, story: dict[str, Any], said: dict[tuple[str, str], Any]
) -> dict[tuple[str, str], dict[str, Any]]:
    """The statements at the ends of the story's dispute links that the story does not show,
    as the story shows its own (one record read per article)."""
    wanted: dict[str, set[str]] = {}
    for link in story.get("disputes") or []:
        for end in ("from", "to"):
            key = (link[end]["article_id"], link[end]["statement"])
            if key not in said:
                wanted.setdefault(key[0], set()).add(key[1])
    found = {}
    for article_id, ids in sorted(wanted.items()):
        record = store.get_record(article_id) or {}
        article = record.get("article") or {}
        names = {a["id"]: a.get("name") for a in record.get("actors") or []}
        for st in record.get("statements") or []:
            if st.get("id") in ids:
                found[(article_id, st["id"])] = statement_of(article, st, names)
    return found


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
    return render(
        request,
        "story.html",
        section="stories",
        story=story,
        story_url=urlq(story_id),
        types=story_types(story),
        said=attributions(story),
        fields=field_rows(story, names, places),
        disputes=dispute_rows(story, data.store),
        names=names,
        places=places,
        wording=[w for w in story["wording"] if w.get("framing")],
    )
