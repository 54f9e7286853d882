"""Whom a person introduced with a title speaks for: "RSF spokesman Al-Fatih Qurashi" → the
RSF, "Ukraine's Interior Minister Ihor Klymenko" → Ukraine.

The actor component leaves a person it does not know unresolved, but the speaker phrase says
more: the person is introduced with a title after an organisation's name (titles in
``data/en/speaker_titles.yaml``), or with a title-case cabinet office after a state or its
demonym (the file's ``offices``). The act rules read it (``voice.py``), and so do claim links
(``link/speakers.py``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from functools import cache
from pathlib import Path

from ...datafiles import data_file, load_yaml

# the words of a name between the title and the mention ("Al-Fatih " before "Qurashi");
# possessive, because the plain pattern can split a capitalised run at every capital and
# backtracks exponentially on a long one ("THE ASSOCIATED PRESS ..." took minutes)
_NAME_WORDS = re.compile(r"(?:\s*[A-Z][\w.'-]*+)*+\s*$")
_POSSESSIVE = re.compile(r"(?:'s|’s)?\s+$")
# how far before a mention its title is looked for (an organisation, a title and a name)
TITLE_REACH = 120


@cache
def speaker_titles(path: str | None = None) -> re.Pattern[str]:
    """A pattern for a title that ends the text before a name ("... spokesman ")."""
    file = Path(path or data_file(__package__, "speaker_titles.yaml"))
    data = load_yaml(file.read_text(encoding="utf-8")) or {}
    titles = sorted((str(t).lower() for t in data.get("titles") or []), key=len, reverse=True)
    return re.compile(r"(?<![\w-])(?:" + "|".join(map(re.escape, titles)) + r")$", re.IGNORECASE)


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
    actor (a key of ``known_ends`` is where its mention ends, offsets from ``offset``) named
    right before a speaker title at the end of ``before``, or before a cabinet office inside
    the capitalised run that ends it (the state a minister speaks for)."""
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


def titled_before(text: str, starts: Iterable[int], known_ends: Mapping[int, str]) -> str | None:
    """The organisation (or state) a title names in the ``TITLE_REACH`` characters of ``text``
    before the first of the mentions starting at ``starts`` that has one
    (``titled_organisation``; ``known_ends`` as there, offsets into ``text``)."""
    for start in starts:
        reach = max(0, start - TITLE_REACH)
        organisation = titled_organisation(text[reach:start], reach, known_ends)
        if organisation is not None:
            return organisation
    return None


def _named_before(text: str, offset: int, known_ends: Mapping[int, str]) -> str | None:
    """The known actor whose mention ends ``text`` (before a possessive and spaces)."""
    organisation_end = _POSSESSIVE.search(text)
    if organisation_end is None:
        return None
    return known_ends.get(offset + organisation_end.start())
