"""Normalisers of expressions that name a calendar period: "July 29, 2024", "May", "2016",
"the 1990s", "the 19th century", "the third quarter", "this summer", "Christmas"."""

from __future__ import annotations

import calendar
import re
from datetime import date

from .calendar_math import add_months, iso_day, iso_month, spelled_year, year_for
from .grammar import Candidate
from .reading import (
    MOD_OF_PART,
    Context,
    Norm,
    lowered,
    month_number,
    part_of,
    with_part,
    year_number,
)


def norm_absolute(cand: Candidate, ctx: Context) -> Norm | None:
    groups = cand.match.groupdict()
    month = month_number(groups, ctx.grammar)
    if month is None:
        return None
    day = int(re.sub(r"\D", "", groups["day"])) if groups.get("day") else None
    if groups.get("year"):
        year: int | None = year_number(groups["year"])
    elif groups.get("relyear") and ctx.anchor is not None:
        year = ctx.anchor.year + {"last": -1, "this": 0, "next": 1}[groups["relyear"].lower()]
    elif ctx.anchor is not None:
        year = year_for(month, day, ctx.anchor, ctx.tense(cand), None)
    else:
        year = None
    if day is not None:
        if year is None:
            if day > 31:
                return None
            value = f"XXXX-{month:02d}-{day:02d}"
            return Norm(value, value, "day", "DATE")
        try:
            when = date(year, month, day)
        except ValueError:
            return None
        if groups.get("hour"):
            value = f"{when}T{groups['hour']}:{groups['minute']}"
            return Norm(value, value, "minute", "TIME")
        return Norm(iso_day(when), iso_day(when), "day", "DATE")
    if year is None:
        value = f"XXXX-{month:02d}"
        return Norm(value, value, "month", "DATE")
    value = iso_month(year, month)
    norm = Norm(value, value, "month", "DATE")
    first = date(year, month, 1)
    last = date(year, month, calendar.monthrange(year, month)[1])
    return with_part(norm, part_of(groups), ctx.grammar, first, last)


def norm_month(cand: Candidate, ctx: Context) -> Norm | None:
    groups = cand.match.groupdict()
    name = groups["month"]
    rel = lowered(groups.get("rel"))
    part = part_of(groups)
    before = ctx.word_before(cand.start)
    before2 = ctx.word_before(cand.start, 2)
    after = ctx.word_after(cand.end)
    triggered = (
        bool(rel or part)
        or before in ctx.grammar.month_trigger
        or (before2 in ctx.grammar.month_trigger)
    )
    if name in ctx.grammar.month_ambiguous and not triggered:
        return None  # "May" the modal, "March" the verb or noun
    if after[:1].isupper() and not triggered and cand.start > 0:
        return None  # a person's name: "June Carter", "April Ryan"
    if name == "March" and after.lower() in ("on", "against", "toward", "towards", "through"):
        return None
    month = ctx.grammar.month[name.lower()]
    if ctx.anchor is None:
        value = f"XXXX-{month:02d}"
        return Norm(value, value, "month", "DATE", MOD_OF_PART.get(part or ""))
    year = year_for(month, None, ctx.anchor, ctx.tense(cand), rel)
    value = iso_month(year, month)
    norm = Norm(value, value, "month", "DATE")
    first = date(year, month, 1)
    last = date(year, month, calendar.monthrange(year, month)[1])
    return with_part(norm, part, ctx.grammar, first, last)


def norm_year(cand: Candidate, ctx: Context) -> Norm | None:
    groups = cand.match.groupdict()
    if groups.get("spelled"):
        spelled = spelled_year(groups["spelled"], ctx.grammar)
        if spelled is None:
            return None
        if groups.get("month"):
            value = iso_month(spelled, ctx.grammar.month[groups["month"].lower()])
            return Norm(value, value, "month", "DATE")
        if groups.get("season"):
            value = f"{spelled}-{ctx.grammar.season[groups['season'].lower()]}"
            return Norm(value, value, "season", "DATE")
        return Norm(str(spelled), str(spelled), "year", "DATE")
    year = year_number(groups["year"])
    after = ctx.word_after(cand.end).lower()
    before = ctx.word_before(cand.start)
    if after in ctx.grammar.quantity_nouns or before in ctx.grammar.year_blockers:
        return None
    # "1,990" or "3 2000" style numbers: a year must not follow a digit group
    follows_digits = re.search(r"\d[\s,]*$", ctx.text[max(0, cand.start - 3) : cand.start])
    if follows_digits and not groups.get("fiscal") and not part_of(groups):
        return None
    value = str(year)
    norm = Norm(value, value, "year", "DATE")
    return with_part(
        norm, part_of(groups), ctx.grammar, date(year, 1, 1), date(year, 12, 31), by_month=True
    )


def norm_decade(cand: Candidate, ctx: Context) -> Norm | None:
    groups = cand.match.groupdict()
    digits = groups["decade"].lstrip("'")
    if len(digits) == 2:
        decade = int(digits)
        base = ctx.anchor.year if ctx.anchor else 2000
        century = base // 100 if decade <= base % 100 else base // 100 - 1
        value = f"{century}{digits[0]}"
    else:
        value = digits[:3]
    return Norm(value, value, "decade", "DATE", MOD_OF_PART.get(part_of(groups) or ""))


def norm_century(cand: Candidate, ctx: Context) -> Norm | None:
    ordinal = cand.match.group("ordinal").lower()
    number = ctx.grammar.ordinal.get(ordinal)
    if number is None:
        digits = re.sub(r"\D", "", ordinal)
        number = int(digits) if digits else None
    if not number or number < 1:
        return None
    value = f"{number - 1:02d}"
    return Norm(
        value, value, "century", "DATE", MOD_OF_PART.get(part_of(cand.match.groupdict()) or "")
    )


ORDINAL_NUMBER = {
    "first": 1,
    "1st": 1,
    "second": 2,
    "2nd": 2,
    "third": 3,
    "3rd": 3,
    "fourth": 4,
    "4th": 4,
}
PAST_QUARTER = ("year-ago", "year-earlier", "year-before")


def norm_quarter(cand: Candidate, ctx: Context) -> Norm | None:
    groups = cand.match.groupdict()
    rel = lowered(groups.get("rel"))
    adjective = groups.get("adjective") is not None  # "year-earlier" standing alone
    unit = (groups.get("unit") or ("adjective" if adjective else "quarter")).lower()
    letter, number = "Q", None
    if groups.get("qcode"):
        letter, number = groups["qcode"][0], int(groups["qcode"][1])
    elif groups.get("ordinal"):
        number = ORDINAL_NUMBER[groups["ordinal"].lower()]
        letter = "H" if unit == "half" else "Q"
    if letter == "H" and number is not None and number > 2:
        return None
    explicit_year = groups.get("year") or groups.get("year_pre")
    if number is None:
        # "the latest quarter", "the year-ago period": the quarter the text is about
        if unit == "period" and rel not in (*PAST_QUARTER, "latest", "comparable", "same"):
            return None
        if ctx.anchor is None:
            return Norm("XXXX-QX", "XXXX-QX", "quarter", "DATE")
        if rel == "current":
            reference: tuple[int, int] | None = (ctx.anchor.year, (ctx.anchor.month - 1) // 3 + 1)
        elif rel == "latest":
            reference = _completed_quarter(ctx.anchor)
        else:
            reference = ctx.last_quarter or _completed_quarter(ctx.anchor)
        if unit == "adjective" and ctx.last_quarter is None:
            value = str(ctx.anchor.year - 1)  # "year-earlier" outside a quarterly report
            return Norm(value, value, "year", "DATE")
        year, number = reference  # type: ignore[misc]
        if rel in PAST_QUARTER:
            year -= 1
        elif rel == "previous":
            year, number = (year, number - 1) if number > 1 else (year - 1, 4)
    elif explicit_year:
        year = year_number(explicit_year)
    elif ctx.anchor is not None:
        year = ctx.anchor.year - (1 if rel in PAST_QUARTER else 0)
    else:
        value = f"XXXX-{letter}{number}"
        return Norm(value, value, "quarter", "DATE")
    if letter == "Q" and (ctx.anchor is None or year == ctx.anchor.year):
        ctx.last_quarter = (year, number)
    value = f"{year}-{letter}{number}"
    return Norm(value, value, "quarter" if letter == "Q" else "half", "DATE")


def _completed_quarter(anchor: date | None) -> tuple[int, int] | None:
    if anchor is None:
        return None
    quarter = (anchor.month - 1) // 3 + 1
    return (anchor.year, quarter - 1) if quarter > 1 else (anchor.year - 1, 4)


SEASON_START = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}


def norm_season(cand: Candidate, ctx: Context) -> Norm | None:
    groups = cand.match.groupdict()
    season = groups["season"].lower()
    rel = lowered(groups.get("rel"))
    code = ctx.grammar.season[season]
    if season == "fall" and not rel and not groups.get("year"):
        before = ctx.word_before(cand.start)
        if not cand.match.group(0).lower().startswith("the") and before not in (
            "in",
            "this",
            "by",
            "until",
            "since",
            "during",
        ):
            return None
        if ctx.word_after(cand.end).lower() == "of":
            return None  # "the fall of Saigon"
    if groups.get("year"):
        year: int | None = year_number(groups["year"])
    elif ctx.anchor is None:
        year = None
    else:
        year = _season_year(code, ctx.anchor, rel)
    value = f"{year if year is not None else 'XXXX'}-{code}"
    mod = MOD_OF_PART.get(rel or "")
    return Norm(value, value, "season", "DATE", mod)


def _season_year(code: str, anchor: date, rel: str | None) -> int:
    start = date(anchor.year, SEASON_START[code], 1)
    finished = add_months(start, 3) <= anchor
    started = start <= anchor
    if rel in ("last", "this past"):
        return anchor.year if finished else anchor.year - 1
    if rel in ("next", "this coming", "the coming"):
        return anchor.year if not started else anchor.year + 1
    return anchor.year


def norm_holiday(cand: Candidate, ctx: Context) -> Norm | None:
    groups = cand.match.groupdict()
    name = re.sub(r"\s+", " ", groups["holiday"]).lower()
    explicit = year_number(groups["year"]) if groups.get("year") else None
    if name.startswith("thanksgiving"):
        month, day = 11, None
    else:
        month, day = (int(x) for x in ctx.grammar.holiday[name].split("-"))
    if explicit is None and ctx.anchor is None:
        return Norm(None, None, "day", "DATE")
    year = explicit or year_for(month, day or 25, ctx.anchor, ctx.tense(cand), None)  # type: ignore[arg-type]
    if day is None:  # fourth Thursday of November
        first = date(year, 11, 1)
        day = 1 + (3 - first.weekday()) % 7 + 21
    value = iso_day(date(year, month, day))
    return Norm(value, value, "day", "DATE")
