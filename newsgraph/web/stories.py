"""``/api/stories``: event clusters as stories (see newsgraph/link/stories.py), and their
downloads: ``/api/stories.{csv,json}`` (every story, one row each) and
``/api/stories/{id}/reports.csv`` (a story's reports over time, one row each, for a
spreadsheet)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import StreamingResponse

from ..link.stories import contested, list_stories, story_record
from ..story_accounts import story_additions
from .downloads import download, responses

router = APIRouter(prefix="/api", tags=["api"])


@router.get("/stories", summary="Stories: events reported by two articles or more")
def get_stories(
    request: Request,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
    offset: Annotated[int, Query(ge=0)] = 0,
) -> list[dict[str, Any]]:
    """Event clusters, most articles first, each with its summary and whether accounts differ."""
    return list_stories(request.app.state.reader.store, limit, offset)


def every_story(store: Any) -> Iterator[dict[str, Any]]:
    """Every story, one flat row each: the listed fields, every type and value given (with
    the outlets that give each), and what accounts differ on."""
    offset = 0
    while True:
        page = list_stories(store, MAX_LIMIT, offset)
        for story in page:
            fields = story["consensus"].get("fields") or {}
            yield {
                "id": story["id"],
                "type": story["type"],
                "types": [v["value"] for v in fields.get("type") or []],
                "place": story["place"],
                "time": story["time"],
                "first_reported": story["first_reported"],
                "n_articles": story["n_articles"],
                "outlets": story["outlets"],
                "disputed": story["disputed"],
                "differ_on": contested(story),
                "claims_disputed": story["claims_disputed"],
                "irrealis": story["irrealis"],
                **{f"{k}_per_outlet": fields.get(k) or [] for k in PER_OUTLET},
            }
        if len(page) < MAX_LIMIT:
            return
        offset += len(page)


PER_OUTLET = ("source", "target", "place", "killed")
MAX_LIMIT = 500


@router.get(
    "/stories.csv",
    summary="Stories as CSV",
    response_class=StreamingResponse,
    responses=responses("csv", "story"),
)
def stories_csv(request: Request) -> StreamingResponse:
    """Every story, one row each (lists and per-outlet values as JSON cells), no paging."""
    return download(every_story(request.app.state.reader.store), "stories.csv", "csv")


@router.get(
    "/stories.json",
    summary="Stories as JSON",
    response_class=StreamingResponse,
    responses=responses("json", "story"),
)
def stories_json(request: Request) -> StreamingResponse:
    """Every story as a JSON array of the rows ``stories.csv`` has, no paging."""
    return download(every_story(request.app.state.reader.store), "stories.json", "json")


def report_rows(story: dict[str, Any]) -> list[dict[str, Any]]:
    """A story's reports over time, one flat row each: outlet, date, type, who, whom, toll,
    asserted or attributed (and to which speaker), flags and the evidence words with their
    character offsets in the article."""
    said = {(s["article_id"], s["id"]): s for s in story.get("statements") or []}
    rows = []
    for r in story["reports"]:
        by = said.get((r["article_id"], r["attributed_to"])) or {}
        speaker = by.get("speaker") or {}
        killed = (r.get("magnitude") or {}).get("killed") or {}
        evidence = r.get("evidence") or []
        rows.append(
            {
                "story": story["id"],
                "published": r["published"],
                "outlet": r["outlet"],
                "article_id": r["article_id"],
                "event_id": r["event_id"],
                "type": r["type"],
                "source": r["source"].get("actor"),
                "source_name": r["source"].get("name"),
                "target": r["target"].get("actor"),
                "target_name": r["target"].get("name"),
                "place": r.get("place") if isinstance(r.get("place"), str) else None,
                "killed": killed.get("text"),
                "voice": r["voice"],
                "attributed_to": r["attributed_to"],
                "attributed_speaker": speaker.get("name") or speaker.get("actor"),
                "disputed": r["disputed"],
                "flags": r.get("flags") or [],
                "evidence": " … ".join(str(e.get("text") or "") for e in evidence),
                "evidence_spans": [[e.get("start"), e.get("end")] for e in evidence],
            }
        )
    return rows


@router.get(
    "/stories/{story_id}/reports.csv",
    summary="A story's reports as CSV",
    response_class=StreamingResponse,
    responses={**responses("csv", "report"), 404: {"description": "no such id"}},
)
def story_reports_csv(request: Request, story_id: str) -> StreamingResponse:
    """The story's reports over time, one row each, with each evidence span's offsets."""
    story = story_record(request.app.state.reader.store, story_id)
    if story is None:
        raise HTTPException(status_code=404, detail=f"no story {story_id!r}")
    name = re.sub(r"[^A-Za-z0-9_.-]", "_", story["id"])
    return download(report_rows(story), f"story-{name}-reports.csv", "csv")


@router.get(
    "/stories/{story_id}", summary="One story", responses={404: {"description": "no such id"}}
)
def get_story(request: Request, story_id: str) -> dict[str, Any]:
    """The event, its reports over time, who says what, who disputes whom, and each outlet's
    wording, with evidence spans; and where accounts differ: each field's values with the
    outlets and reports that give each (``accounts``), the fields that differ (``differ_on``),
    the reports per day (``timeline``), each dispute with both statements named
    (``who_disputes_whom``) and the names of the story's actor and place ids (``names``)."""
    store = request.app.state.reader.store
    story = story_record(store, story_id)
    if story is None:
        raise HTTPException(status_code=404, detail=f"no story {story_id!r}")
    return story | story_additions(store, story)
