"""``/api/stories``: event clusters as stories (see newsgraph/link/stories.py)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Query, Request

from ..link.stories import list_stories, story_record

router = APIRouter(prefix="/api", tags=["api"])


@router.get("/stories", summary="Stories: events reported by two articles or more")
def get_stories(
    request: Request,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
    offset: Annotated[int, Query(ge=0)] = 0,
) -> list[dict[str, Any]]:
    """Event clusters, most articles first, each with its summary and whether accounts differ."""
    return list_stories(request.app.state.reader.store, limit, offset)


@router.get(
    "/stories/{story_id}", summary="One story", responses={404: {"description": "no such id"}}
)
def get_story(request: Request, story_id: str) -> dict[str, Any]:
    """The event, its reports over time, who says what, who disputes whom, and each outlet's
    wording, with evidence spans."""
    story = story_record(request.app.state.reader.store, story_id)
    if story is None:
        raise HTTPException(status_code=404, detail=f"no story {story_id!r}")
    return story
