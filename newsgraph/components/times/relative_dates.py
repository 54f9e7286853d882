"""Normalisers of expressions relative to the publication date or the text: "yesterday",
"on Monday", "at 10:35 a.m.", "next month", "three years ago", "now"."""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta

from .calendar_math import (
    at_granularity,
    iso_day,
    iso_week,
    parse_number,
    shift,
    weekday_near,
    year_for,
)
from .grammar import Candidate
from .reading import (
    MOD_OF_APPROX,
    UNIT_GRANULARITY,
    Context,
    Norm,
    lowered,
    unit_code_of,
    with_part,
)

RELATIVE_DAY_OFFSET = {
    "today": 0,
    "tonight": 0,
    "this": 0,
    "yesterday": -1,
    "last": -1,
    "tomorrow": 1,
    "the day before yesterday": -2,
    "the day after tomorrow": 2,
}


def norm_relative_day(cand: Candidate, ctx: Context) -> Norm | None:
    groups = cand.match.groupdict()
    rel = lowered(groups["rel"]) or ""
    pod = lowered(groups.get("pod"))
    if rel == "last" and pod != "night":
        return None  # "last morning" is not said; "last evening" rarely
    if ctx.anchor is None:
        return Norm(None, None, "day", "TIME" if pod else "DATE")
    when = ctx.anchor + timedelta(days=RELATIVE_DAY_OFFSET[rel])
    if pod:
        value = f"{when}T{ctx.grammar.part_of_day[pod]}"
        return Norm(value, value, "part_of_day", "TIME")
    return Norm(iso_day(when), iso_day(when), "day", "DATE")


def _weekday_date(weekday: int, rel: str | None, ctx: Context, cand: Candidate) -> date | None:
    anchor = ctx.anchor
    if anchor is None:
        return None
    if rel in ("last", "this past", "the previous"):
        return weekday_near(anchor, weekday, "before")
    if rel in ("next", "this coming", "coming", "the following"):
        return weekday_near(anchor, weekday, "after")
    if rel == "this":
        return anchor + timedelta(days=weekday - anchor.isoweekday())
    if weekday == anchor.isoweekday():
        return anchor  # the publication weekday itself is that day
    tense = ctx.tense(cand)
    return weekday_near(anchor, weekday, "future" if tense in ("future", "present") else "past")


def norm_weekday(cand: Candidate, ctx: Context) -> Norm | None:
    groups = cand.match.groupdict()
    weekday = ctx.grammar.weekday[groups["weekday"].rstrip(".").lower()]
    pod = lowered(groups.get("pod"))
    when = _weekday_date(weekday, lowered(groups.get("rel")), ctx, cand)
    suffix = f"T{ctx.grammar.part_of_day[pod]}" if pod else ""
    if when is None:
        value = f"XXXX-WXX-{weekday}{suffix}"
        return Norm(value, value, "day", "TIME" if pod else "DATE")
    value = f"{when}{suffix}"
    return Norm(value, value, "part_of_day" if pod else "day", "TIME" if pod else "DATE")


def norm_set_weekday(cand: Candidate, ctx: Context) -> Norm | None:
    groups = cand.match.groupdict()
    weekday = ctx.grammar.weekday[groups["weekday"].rstrip(".").lower()]
    pod = lowered(groups.get("pod"))
    suffix = f"T{ctx.grammar.part_of_day[pod.rstrip('s')]}" if pod else ""
    value = f"XXXX-WXX-{weekday}{suffix}"
    return Norm(value, value, "set", "SET")


def norm_clock(cand: Candidate, ctx: Context) -> Norm | None:
    groups = cand.match.groupdict()
    named = lowered(groups.get("named"))
    if named:
        hour, minute = {"noon": (12, 0), "midday": (12, 0), "midnight": (24, 0)}[named]
    else:
        parsed = parse_number(groups["hour"], ctx.grammar)
        if parsed is None:
            return None
        hour = int(parsed)
        minute = int(groups["minute"]) if groups.get("minute") else 0
        ampm = (groups.get("ampm") or "").lower().replace(".", "").replace(" ", "")
        pod = lowered(groups.get("pod"))
        if ampm == "pm" or pod in ("afternoon", "evening", "night"):
            hour = hour % 12 + 12
        elif ampm == "am" or pod == "morning":
            hour %= 12
        if not ampm and not pod and not groups.get("tz") and hour > 24:
            return None
    when = _clock_day(groups, ctx, cand)
    day = iso_day(when) if when else "XXXX-XX-XX"
    value = f"{day}T{hour:02d}:{minute:02d}"
    return Norm(value, value, "minute", "TIME")


def _clock_day(groups: dict[str, str | None], ctx: Context, cand: Candidate) -> date | None:
    if ctx.anchor is None:
        return None
    if groups.get("rel"):
        return ctx.anchor + timedelta(days=RELATIVE_DAY_OFFSET[groups["rel"].lower()])
    if groups.get("weekday"):
        weekday = ctx.grammar.weekday[groups["weekday"].rstrip(".").lower()]
        return _weekday_date(weekday, None, ctx, cand)
    if groups.get("month") and groups.get("day"):
        month = ctx.grammar.month.get(groups["month"].rstrip(".").lower())
        day = int(re.sub(r"\D", "", groups["day"]))
        if month:
            year = year_for(month, day, ctx.anchor, ctx.tense(cand), None)
            try:
                return date(year, month, day)
            except ValueError:
                return None
    # "at 10:35 a.m." alone belongs to the day the story is telling about
    return ctx.last_day or ctx.anchor


RELATIVE_STEP = {
    "last": -1,
    "previous": -1,
    "this past": -1,
    "past": -1,
    "next": 1,
    "coming": 1,
    "this coming": 1,
    "following": 1,
    "upcoming": 1,
    "this": 0,
    "current": 0,
    "same": 0,
    "in": 0,
}
UNIT_CODE = {
    "week": "W",
    "weekend": "WE",
    "month": "M",
    "year": "Y",
    "decade": "DE",
    "century": "CE",
    "quarter": "Q",
    "day": "D",
}


def norm_relative_unit(cand: Candidate, ctx: Context) -> Norm | None:
    groups = cand.match.groupdict()
    unit = groups["unit"].lower()
    rel = lowered(groups.get("rel"))
    mod = lowered(groups.get("mod"))
    code = UNIT_CODE[unit]
    if rel == "past" and code == "Y" and ctx.anchor is not None:
        value = str(ctx.anchor.year - 1)  # "the past year": TimeML reads the last year
        return Norm(value, value, "year", "DATE")
    if rel == "past" or (rel == "last" and groups.get("the") and unit in ("week", "month")):
        length = {"DE": "10Y", "CE": "100Y", "WE": "2D"}.get(code, f"1{code}")
        return Norm(f"P{length}", f"P{length}", "duration", "DURATION")
    if ctx.anchor is None:
        return Norm(None, None, UNIT_GRANULARITY.get(code, unit), "DATE")
    anchor = ctx.anchor
    if rel is None and ctx.word_after(cand.end).lower() in ("ended", "ending", "ends", "through"):
        return Norm("P1Y", "P1Y", "duration", "DURATION")  # "for the year ended Sept. 30"
    if rel is None and re.fullmatch(r"year-end", cand.match.group(0), re.IGNORECASE):
        value = f"{anchor.year}-12-31"  # the closing date of accounts
        return Norm(value, value, "day", "DATE")
    if rel is None:  # "the year", "the weekend", "year end"
        if code == "WE":
            tense = ctx.tense(cand)
            monday = anchor - timedelta(days=anchor.isoweekday() - 1)
            if tense == "past" and anchor.isoweekday() < 6:
                monday -= timedelta(days=7)
            value = f"{iso_week(monday)}-WE"
            return Norm(value, value, "weekend", "DATE")
        step = 0
    else:
        step = RELATIVE_STEP.get(rel, 0)
    if code == "WE":
        value = f"{iso_week(anchor + timedelta(weeks=step))}-WE"
        return Norm(value, value, "weekend", "DATE")
    when = shift(anchor, step, code)
    value = at_granularity(when, code)
    norm = Norm(value, value, UNIT_GRANULARITY[code], "DATE")
    part = {"early": "early", "mid": "mid", "late": "late"}.get(mod or "")
    if part and code in ("M", "Y", "W"):
        first, last = _period_bounds(when, code)
        return with_part(norm, part, ctx.grammar, first, last, by_month=code == "Y")
    return norm


def _period_bounds(d: date, code: str) -> tuple[date, date]:
    if code == "M":
        return date(d.year, d.month, 1), date(
            d.year, d.month, calendar.monthrange(d.year, d.month)[1]
        )
    if code == "W":
        monday = d - timedelta(days=d.isoweekday() - 1)
        return monday, monday + timedelta(days=6)
    return date(d.year, 1, 1), date(d.year, 12, 31)


def norm_ago(cand: Candidate, ctx: Context) -> Norm | None:
    groups = cand.match.groupdict()
    unit = unit_code_of(groups["unit"], ctx.grammar)
    direction = -1 if groups["dir"].lower() in ("ago", "earlier", "before") else 1
    number = parse_number(groups["num"], ctx.grammar) if groups.get("num") else None
    approx = lowered(groups.get("approx"))
    mod = "APPROX" if approx and approx not in MOD_OF_APPROX else MOD_OF_APPROX.get(approx or "")
    if number is None:
        value = "PAST_REF" if direction < 0 else "FUTURE_REF"
        return Norm(value, value, "reference", "DATE", mod)
    if ctx.anchor is None or unit in ("H", "TM", "S"):
        day = iso_day(ctx.anchor) if ctx.anchor else None
        return Norm(day, day, "day", "DATE", mod)
    steps = round(number * direction)
    if unit == "Y" and ctx.last_quarter is not None and steps == -1:
        year, quarter = ctx.last_quarter  # "a year ago" in a quarterly report
        value = f"{year - 1}-Q{quarter}"
        return Norm(value, value, "quarter", "DATE", mod)
    when = shift(ctx.anchor, steps, unit)
    value = at_granularity(when, unit)
    return Norm(value, value, UNIT_GRANULARITY.get(unit, "day"), "DATE", mod)


def norm_reference(cand: Candidate, ctx: Context) -> Norm | None:
    word = lowered(cand.match.group("ref")) or ""
    value = ctx.grammar.reference.get(word)
    if value is None:
        return None
    return Norm(value, value, "reference", "DATE")
