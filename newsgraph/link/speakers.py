"""Whom an unresolved speaker speaks for: "RSF spokesman Al-Fatih Qurashi" → the RSF.

The actor component leaves a person it does not know unresolved ("unresolved:qurashi"), so a
denial by "Qurashi" has no known denier and disputes nothing. The article says more: the
person is introduced with a title after an organisation's name. Claim links read such a
speaker as that organisation (titles in ``link/data/en/speaker_titles.yaml``). A minister
introduced by a title-case cabinet office after a state or its demonym ("Ukraine's Interior
Minister Ihor Klymenko", the file's ``offices``) speaks for the state.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import cache
from pathlib import Path
from typing import Any

from ..datafiles import data_file, load_yaml
from .event_items import known_actor

# the words of a name between the title and the mention ("Al-Fatih " before "Qurashi");
# possessive, because the plain pattern can split a capitalised run at every capital and
# backtracks exponentially on a long one ("THE ASSOCIATED PRESS ..." took minutes)
_NAME_WORDS = re.compile(r"(?:\s*[A-Z][\w.'-]*+)*+\s*$")
_POSSESSIVE = re.compile(r"(?:'s|’s)?\s+$")
# how far before a mention its title is looked for (an organisation, a title and a name)
_TITLE_REACH = 120


@cache
def speaker_titles(path: str | None = None) -> re.Pattern[str]:
    """A pattern for a title that ends the text before a name ("... spokesman ")."""
    file = Path(path or data_file(__package__, "speaker_titles.yaml"))
    data = load_yaml(file.read_text(encoding="utf-8")) or {}
    titles = sorted((str(t).lower() for t in data.get("titles") or []), key=len, reverse=True)
    return re.compile(r"(?<![\w-])(?:" + "|".join(map(re.escape, titles)) + r")$", re.IGNORECASE)


def speaking_for(record: Mapping[str, Any]) -> dict[str, str]:
    """Unresolved speaker id → the known actor it speaks for, where one of its mentions follows
    "<known actor> <title>" (with the first names between: "RSF spokesman Al-Fatih Qurashi")."""
    text = (record.get("article") or {}).get("text") or ""
    speakers = {(s.get("speaker") or {}).get("actor") for s in record.get("statements") or []}
    actors = [a for a in record.get("actors") or [] if a.get("id")]
    if all(known_actor(a["id"]) or a["id"] not in speakers for a in actors):
        return {}
    known_ends = {
        m["end"]: a["id"]
        for a in actors
        if known_actor(a["id"])
        for m in a.get("mentions") or []
        if m.get("end") is not None
    }
    organisations: dict[str, str] = {}
    for actor in actors:
        if known_actor(actor["id"]) or actor["id"] not in speakers:
            continue
        for mention in actor.get("mentions") or []:
            start = mention.get("start") or 0
            reach = max(0, start - _TITLE_REACH)
            organisation = _titled_by(text[reach:start], reach, known_ends)
            if organisation:
                organisations[actor["id"]] = organisation
                break
    return organisations


@cache
def cabinet_offices(path: str | None = None) -> re.Pattern[str]:
    """A pattern for a title-case cabinet office inside a capitalised run before a name
    ("Interior Minister " in "Ukraine's Interior Minister Ihor Klymenko")."""
    file = Path(path or data_file(__package__, "speaker_titles.yaml"))
    data = load_yaml(file.read_text(encoding="utf-8")) or {}
    offices = sorted((str(t) for t in data.get("offices") or []), key=len, reverse=True)
    if not offices:  # an empty alternation would match any whitespace
        return re.compile(r"(?!)")
    return re.compile(r"(?<![\w-])(?:" + "|".join(map(re.escape, offices)) + r")\s+(?=[A-Z]|$)")


def titled_organisation(before: str, offset: int, known_ends: Mapping[int, str]) -> str | None:
    """The organisation (or the state) a name introduced by ``before`` speaks for: the known
    actor whose mention (ending at a key of ``known_ends``, offsets from ``offset``) comes
    right before a speaker title or a cabinet office at the end of ``before``."""
    return _titled_by(before, offset, known_ends)


def _titled_by(before: str, offset: int, known_ends: Mapping[int, str]) -> str | None:
    """The known actor named right before a speaker title at the end of ``before`` (the text
    from ``offset`` to a mention), or before a cabinet office inside the capitalised run that
    ends it (the state a minister speaks for)."""
    name_start = _NAME_WORDS.search(before).start()  # type: ignore[union-attr]
    head = before[:name_start]
    title = speaker_titles().search(head)
    if title is not None:
        return _named_before(head[: title.start()], offset, known_ends)
    for office in cabinet_offices().finditer(before, name_start):
        state = _named_before(before[: office.start()], offset, known_ends)
        if state is not None:
            return state
    return None


def _named_before(text: str, offset: int, known_ends: Mapping[int, str]) -> str | None:
    """The known actor whose mention ends ``text`` (before a possessive and spaces)."""
    organisation_end = _POSSESSIVE.search(text)
    if organisation_end is None:
        return None
    return known_ends.get(offset + organisation_end.start())
