"""Whom an unresolved speaker speaks for: "RSF spokesman Al-Fatih Qurashi" → the RSF.

The actor component leaves a person it does not know unresolved ("unresolved:qurashi"), so a
denial by "Qurashi" has no known denier and disputes nothing. The article says more: the
person is introduced with a title after an organisation's name. Claim links read such a
speaker as that organisation, and a minister introduced by a title-case cabinet office after a
state or its demonym ("Ukraine's Interior Minister Ihor Klymenko") as the state: the reading
is the quotes component's (``components/quotes/titles.py``, ``data/en/speaker_titles.yaml``).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..components.quotes.titles import titled_before, titled_organisation
from .event_items import known_actor

# The key of a statement whose speaker phrase names no actor of its own ("External Affairs
# Ministry spokesperson Randhir Jaiswal", the name no mention): ``NAMELESS`` + statement id.
NAMELESS = "@"


def speaking_for(record: Mapping[str, Any]) -> dict[str, str]:
    """Unresolved speaker id → the known actor it speaks for, where one of its mentions follows
    "<known actor> <title>" (with the first names between: "RSF spokesman Al-Fatih Qurashi")."""
    text = (record.get("article") or {}).get("text") or ""
    speakers = {(s.get("speaker") or {}).get("actor") for s in record.get("statements") or []}
    actors = [a for a in record.get("actors") or [] if a.get("id")]
    nameless = None in speakers
    if not nameless and all(known_actor(a["id"]) or a["id"] not in speakers for a in actors):
        return {}
    known_ends = {
        m["end"]: a["id"]
        for a in actors
        if known_actor(a["id"])
        for m in a.get("mentions") or []
        if m.get("end") is not None
    }
    organisations: dict[str, str] = {}
    for statement in record.get("statements") or []:
        speaker = statement.get("speaker") or {}
        span = speaker.get("span") or {}
        if speaker.get("actor") is None and span.get("start") is not None and span.get("text"):
            # "<known actor> <title> <Name>" with the name left without a mention
            organisation = titled_organisation(span["text"], span["start"], known_ends)
            if organisation:
                organisations[NAMELESS + (statement.get("id") or "")] = organisation
    for actor in actors:
        if known_actor(actor["id"]) or actor["id"] not in speakers:
            continue
        starts = (mention.get("start") or 0 for mention in actor.get("mentions") or [])
        organisation = titled_before(text, starts, known_ends)
        if organisation:
            organisations[actor["id"]] = organisation
    return organisations
