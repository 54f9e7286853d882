"""Normalisation of recognised time expressions to TimeML values, anchored on a date.

Each rule ``kind`` of ``time_patterns.yaml`` has a normaliser here that reads the match's named
groups and returns a ``Norm`` (or None to reject the match, e.g. "May" as a modal verb). Values
follow TimeML/ISO 8601: ``2024-07-29``, ``2024-W31``, ``2024-07``, ``2024-Q3``, ``2024``,
``202`` (decade), ``20`` (century), ``P10M``/``PT3H`` (durations), ``XXXX-WXX-5`` (sets),
``PRESENT_REF``. Where the anchor (publication date) is unknown, relative expressions keep an
unresolved value (``XXXX-07``, ``XXXX-WXX-1``) or None.

The record value of a part-of expression is the interval it denotes ("early July" →
``2024-07-01/2024-07-10``) while ``Norm.timeml`` keeps TimeML's value for it (``2024-07`` with
``mod="START"``).

The normalisers live by kind in ``named_dates``, ``relative_dates`` and ``durations``.
"""

from __future__ import annotations

import re
from datetime import date

from .durations import norm_duration, norm_set_unit
from .grammar import Candidate
from .named_dates import (
    norm_absolute,
    norm_century,
    norm_decade,
    norm_holiday,
    norm_month,
    norm_quarter,
    norm_season,
    norm_year,
)
from .reading import Context, Norm, Normaliser
from .relative_dates import (
    norm_ago,
    norm_clock,
    norm_reference,
    norm_relative_day,
    norm_relative_unit,
    norm_set_weekday,
    norm_weekday,
)

NORMALISERS: dict[str, Normaliser] = {
    "absolute": norm_absolute,
    "month": norm_month,
    "year": norm_year,
    "decade": norm_decade,
    "century": norm_century,
    "quarter": norm_quarter,
    "season": norm_season,
    "relative_day": norm_relative_day,
    "weekday": norm_weekday,
    "set_weekday": norm_set_weekday,
    "clock": norm_clock,
    "relative_unit": norm_relative_unit,
    "ago": norm_ago,
    "duration": norm_duration,
    "set_unit": norm_set_unit,
    "holiday": norm_holiday,
    "reference": norm_reference,
}


def normalise(cand: Candidate, ctx: Context) -> Norm | None:
    """The reading of one candidate, or None when its rule's checks reject it."""
    normaliser = NORMALISERS.get(cand.rule.kind)
    if normaliser is None:
        return None
    norm = normaliser(cand, ctx)
    if norm is None:
        return None
    if cand.rule.type == "TIME" and norm.type == "DATE" and "T" in (norm.value or ""):
        norm.type = "TIME"
    day = DAY_VALUE.match(norm.timeml or "")
    if day:
        ctx.last_day = date.fromisoformat(day.group(0))
    return norm


DAY_VALUE = re.compile(r"\d{4}-\d\d-\d\d")
