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
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from fractions import Fraction

from .grammar import Candidate, Grammar

Tense = str | None  # "past" | "future" | "present" | None (unknown)


@dataclass(slots=True)
class Norm:
    """The normalised reading of one expression."""

    value: str | None  # record value: TimeML value, or the interval of a part-of expression
    timeml: str | None  # TimeML value
    granularity: str | None
    type: str
    mod: str | None = None  # TimeML mod: START, MID, END, APPROX, MORE_THAN, LESS_THAN
    interval: str | None = None  # "start/end" the expression covers, where known


@dataclass(slots=True)
class Context:
    """What a normaliser may look at besides its match."""

    text: str
    anchor: date | None
    grammar: Grammar
    tense_of: Callable[[int, int], Tense]
    last_quarter: tuple[int, int] | None = None  # (year, quarter) last named in the text
    last_day: date | None = None  # the last day the text named: the reference of a bare clock
    cache: dict[tuple[int, int], Tense] = field(default_factory=dict)

    def tense(self, cand: Candidate) -> Tense:
        key = (cand.start, cand.end)
        if key not in self.cache:
            self.cache[key] = self.tense_of(cand.start, cand.end)
        return self.cache[key]

    def word_before(self, start: int, n: int = 1) -> str:
        words = re.findall(r"[\w']+", self.text[max(0, start - 40) : start])
        return " ".join(words[-n:]).lower() if len(words) >= n else ""

    def word_after(self, end: int) -> str:
        found = re.match(r"\s*([\w']+)", self.text[end : end + 40])
        return found.group(1) if found else ""


# ---------------------------------------------------------------- calendar helpers

UNIT_GRANULARITY = {
    "D": "day",
    "W": "week",
    "M": "month",
    "Y": "year",
    "DE": "decade",
    "CE": "century",
    "Q": "quarter",
    "H": "hour",
    "TM": "minute",
    "S": "second",
    "W2": "week",
}
MOD_OF_PART = {
    "early": "START",
    "beginning of": "START",
    "start of": "START",
    "mid": "MID",
    "middle of": "MID",
    "late": "END",
    "end of": "END",
    "first half of": "START",
    "second half of": "END",
    "last half of": "END",
}
MOD_OF_APPROX = {
    "more than": "MORE_THAN",
    "over": "MORE_THAN",
    "just over": "MORE_THAN",
    "well over": "MORE_THAN",
    "at least": "EQUAL_OR_MORE",
    "less than": "LESS_THAN",
    "fewer than": "LESS_THAN",
    "under": "LESS_THAN",
    "just under": "LESS_THAN",
    "up to": "EQUAL_OR_LESS",
    "at most": "EQUAL_OR_LESS",
}


def iso_day(d: date) -> str:
    return d.isoformat()


def iso_week(d: date) -> str:
    year, week, _ = d.isocalendar()
    return f"{year}-W{week:02d}"


def iso_month(year: int, month: int) -> str:
    return f"{year:04d}-{month:02d}"


def add_months(d: date, months: int) -> date:
    index = d.year * 12 + d.month - 1 + months
    year, month = divmod(index, 12)
    return date(year, month + 1, min(d.day, calendar.monthrange(year, month + 1)[1]))


def shift(d: date, n: int, unit: str) -> date:
    """``d`` moved by ``n`` calendar units (D, W, M, Q, Y, DE, CE)."""
    if unit == "D":
        return d + timedelta(days=n)
    if unit in ("W", "W2"):
        return d + timedelta(weeks=n * (2 if unit == "W2" else 1))
    months = {"M": 1, "Q": 3, "Y": 12, "DE": 120, "CE": 1200}.get(unit)
    if months is None:
        return d
    return add_months(d, n * months)


def at_granularity(d: date, unit: str) -> str:
    """``d`` written at the granularity of ``unit`` (TimeML style)."""
    if unit == "D":
        return iso_day(d)
    if unit in ("W", "W2"):
        return iso_week(d)
    if unit == "M":
        return iso_month(d.year, d.month)
    if unit == "Q":
        return f"{d.year}-Q{(d.month - 1) // 3 + 1}"
    if unit == "Y":
        return str(d.year)
    if unit == "DE":
        return str(d.year // 10)
    if unit == "CE":
        return str(d.year // 100)
    return iso_day(d)


def part_interval(
    first: date, last: date, fractions: tuple[Fraction, Fraction], by_month: bool
) -> str:
    """The sub-interval of [first, last] between two fractions (days, or whole months)."""
    if by_month:
        start_month = int(12 * fractions[0]) + 1
        end_month = max(start_month, int(12 * fractions[1]))
        end_day = calendar.monthrange(first.year, end_month)[1]
        return f"{date(first.year, start_month, 1)}/{date(first.year, end_month, end_day)}"
    days = (last - first).days + 1
    start = first + timedelta(days=int(days * fractions[0]))
    end = first + timedelta(days=max(int(days * fractions[0]), int(days * fractions[1]) - 1))
    return f"{start}/{end}"


def weekday_near(anchor: date, weekday: int, direction: str) -> date:
    """The day with ISO ``weekday`` nearest ``anchor`` in ``direction``.

    ``past``/``future`` include the anchor itself; ``before``/``after`` exclude it.
    """
    delta = weekday - anchor.isoweekday()
    if direction in ("past", "before"):
        back = (-delta) % 7
        if back == 0 and direction == "before":
            back = 7
        return anchor - timedelta(days=back)
    ahead = delta % 7
    if ahead == 0 and direction == "after":
        ahead = 7
    return anchor + timedelta(days=ahead)


def year_for(month: int, day: int | None, anchor: date, tense: Tense, rel: str | None) -> int:
    """The year of a month (and day) named without one, relative to ``anchor``.

    "last"/"next" pick the nearest one strictly before/after; otherwise the nearest of the
    anchor's year and its neighbours, restricted to the past (future) for a verb in the past
    (future) tense. A month counts from its middle, with its own month as "now".
    """
    target = (month, day or 1)
    now = (anchor.month, anchor.day if day else 1)
    if rel in ("last", "this past"):
        return anchor.year if target < now else anchor.year - 1
    if rel in ("next", "this coming", "the coming"):
        return anchor.year if target > now else anchor.year + 1
    if rel == "this":
        return anchor.year
    # a verb's tense only overrules the nearest reading beyond this many days: tense and
    # attachment errors are common, and news dates are mostly near the publication date
    slack = 90 if day else 45
    options = []
    for year in (anchor.year - 1, anchor.year, anchor.year + 1):
        when = date(year, month, min(day or 15, calendar.monthrange(year, month)[1]))
        distance = (when - anchor).days
        if day is None and (year, month) == (anchor.year, anchor.month):
            distance = 0
        if tense == "past" and distance > slack:
            continue
        if tense == "future" and distance < -slack:
            continue
        options.append((abs(distance), -year if tense == "past" else year, year))
    return min(options)[2] if options else anchor.year


def parse_number(text: str, grammar: Grammar) -> float | None:
    """ "12", "2.5", "twenty-four", "two hundred", "a dozen" → the number; None if vague."""
    text = text.strip().lower()
    if re.fullmatch(r"\d+(?:\.\d+)?", text):
        return float(text)
    if text in grammar.number:
        return float(grammar.number[text])
    if text in grammar.vague:
        return None
    total = 0.0
    for word in re.split(r"[\s-]+", text):
        value = grammar.number.get(word)
        if value is None:
            return None
        total = max(total, 1) * value if value == 100 else total + value
    return total


def number_text(n: float) -> str:
    return str(int(n)) if n == int(n) else f"{n:g}"


def _lower(value: str | None) -> str | None:
    return re.sub(r"\s+", " ", value.lower()) if value else None


# ---------------------------------------------------------------- normalisers

Normaliser = Callable[[Candidate, Context], Norm | None]


def _part_of(groups: dict[str, str | None]) -> str | None:
    part = _lower(groups.get("part"))
    if not part:
        return None
    part = re.sub(r"^the ", "", part)
    return part


def _with_part(
    norm: Norm,
    part: str | None,
    grammar: Grammar,
    first: date | None,
    last: date | None,
    by_month: bool = False,
) -> Norm:
    """Apply a part-of modifier: TimeML mod, and the record's interval where computable."""
    if not part:
        return norm
    norm.mod = MOD_OF_PART.get(part)
    fractions = grammar.part.get(part)
    if fractions and first and last:
        norm.interval = part_interval(first, last, fractions, by_month)
        norm.value = norm.interval
    return norm


def _month_number(groups: dict[str, str | None], grammar: Grammar) -> int | None:
    if groups.get("month_num"):
        return int(groups["month_num"])
    name = groups.get("month")
    return grammar.month.get(name.rstrip(".").lower()) if name else None


def _year_number(text: str) -> int:
    year = int(text.lstrip("'"))
    if year < 100:
        year += 2000 if year < 50 else 1900
    return year


def norm_absolute(cand: Candidate, ctx: Context) -> Norm | None:
    groups = cand.match.groupdict()
    month = _month_number(groups, ctx.grammar)
    if month is None:
        return None
    day = int(re.sub(r"\D", "", groups["day"])) if groups.get("day") else None
    if groups.get("year"):
        year: int | None = _year_number(groups["year"])
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
    return _with_part(norm, _part_of(groups), ctx.grammar, first, last)


def norm_month(cand: Candidate, ctx: Context) -> Norm | None:
    groups = cand.match.groupdict()
    name = groups["month"]
    rel = _lower(groups.get("rel"))
    part = _part_of(groups)
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
    return _with_part(norm, part, ctx.grammar, first, last)


def spelled_year(text: str, grammar: Grammar) -> int | None:
    """ "nineteen ninety-six" → 1996, "two thousand and one" → 2001."""
    words = [w for w in re.split(r"[\s-]+", text.lower()) if w != "and"]
    if words[:2] == ["two", "thousand"]:
        rest = parse_number(" ".join(words[2:]), grammar) if words[2:] else 0
        return None if rest is None else 2000 + int(rest)
    century = grammar.number.get(words[0])
    rest = parse_number(" ".join(words[1:]), grammar) if words[1:] else None
    if century is None or rest is None:
        return None
    return int(century) * 100 + (0 if rest == 100 else int(rest))


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
    year = _year_number(groups["year"])
    after = ctx.word_after(cand.end).lower()
    before = ctx.word_before(cand.start)
    if after in ctx.grammar.quantity_nouns or before in ctx.grammar.year_blockers:
        return None
    # "1,990" or "3 2000" style numbers: a year must not follow a digit group
    follows_digits = re.search(r"\d[\s,]*$", ctx.text[max(0, cand.start - 3) : cand.start])
    if follows_digits and not groups.get("fiscal") and not _part_of(groups):
        return None
    value = str(year)
    norm = Norm(value, value, "year", "DATE")
    return _with_part(
        norm, _part_of(groups), ctx.grammar, date(year, 1, 1), date(year, 12, 31), by_month=True
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
    return Norm(value, value, "decade", "DATE", MOD_OF_PART.get(_part_of(groups) or ""))


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
        value, value, "century", "DATE", MOD_OF_PART.get(_part_of(cand.match.groupdict()) or "")
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
    rel = _lower(groups.get("rel"))
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
        year = _year_number(explicit_year)
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
    rel = _lower(groups.get("rel"))
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
        year: int | None = _year_number(groups["year"])
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
    rel = _lower(groups["rel"]) or ""
    pod = _lower(groups.get("pod"))
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
    pod = _lower(groups.get("pod"))
    when = _weekday_date(weekday, _lower(groups.get("rel")), ctx, cand)
    suffix = f"T{ctx.grammar.part_of_day[pod]}" if pod else ""
    if when is None:
        value = f"XXXX-WXX-{weekday}{suffix}"
        return Norm(value, value, "day", "TIME" if pod else "DATE")
    value = f"{when}{suffix}"
    return Norm(value, value, "part_of_day" if pod else "day", "TIME" if pod else "DATE")


def norm_set_weekday(cand: Candidate, ctx: Context) -> Norm | None:
    groups = cand.match.groupdict()
    weekday = ctx.grammar.weekday[groups["weekday"].rstrip(".").lower()]
    pod = _lower(groups.get("pod"))
    suffix = f"T{ctx.grammar.part_of_day[pod.rstrip('s')]}" if pod else ""
    value = f"XXXX-WXX-{weekday}{suffix}"
    return Norm(value, value, "set", "SET")


def norm_clock(cand: Candidate, ctx: Context) -> Norm | None:
    groups = cand.match.groupdict()
    named = _lower(groups.get("named"))
    if named:
        hour, minute = {"noon": (12, 0), "midday": (12, 0), "midnight": (24, 0)}[named]
    else:
        parsed = parse_number(groups["hour"], ctx.grammar)
        if parsed is None:
            return None
        hour = int(parsed)
        minute = int(groups["minute"]) if groups.get("minute") else 0
        ampm = (groups.get("ampm") or "").lower().replace(".", "").replace(" ", "")
        pod = _lower(groups.get("pod"))
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
    rel = _lower(groups.get("rel"))
    mod = _lower(groups.get("mod"))
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
        return _with_part(norm, part, ctx.grammar, first, last, by_month=code == "Y")
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
    unit = _unit_code(groups["unit"], ctx.grammar)
    direction = -1 if groups["dir"].lower() in ("ago", "earlier", "before") else 1
    number = parse_number(groups["num"], ctx.grammar) if groups.get("num") else None
    approx = _lower(groups.get("approx"))
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


def _unit_code(word: str, grammar: Grammar) -> str:
    word = word.lower()
    if word == "centuries":
        word = "century"
    return grammar.unit.get(word) or grammar.unit.get(word.rstrip("s"), "D")


def duration_value(number: float | None, unit: str) -> str:
    """``P3D``, ``PT2H``, ``P20Y`` (decades), ``PXY`` (unknown number)."""
    scale = {"DE": (10, "Y"), "CE": (100, "Y"), "Q": (3, "M"), "W2": (2, "W"), "TM": (1, "M")}
    factor, letter = scale.get(unit, (1, unit))
    if number is None:
        amount = "X"
        if unit == "CE":
            letter = "CE"  # "centuries": no number of years to write
    else:
        amount = number_text(number * factor)
    prefix = "PT" if unit in ("H", "TM", "S") else "P"
    return f"{prefix}{amount}{letter}"


def norm_duration(cand: Candidate, ctx: Context) -> Norm | None:
    groups = cand.match.groupdict()
    if groups.get("bare"):
        if ctx.word_before(cand.start) not in ("for", "in", "within", "over"):
            return None
        value = duration_value(None, _unit_code(groups["bare"], ctx.grammar))
        return Norm(value, value, "duration", "DURATION")
    unit = _unit_code(groups["unit"], ctx.grammar)
    raw_number = _lower(groups.get("num"))
    if raw_number in ("a", "an", "one") and unit == "S":
        return None  # "a second time"
    if raw_number in ("a", "an") and _after_amount(ctx, cand.start):
        return None  # a rate: "$500 million a year", "four flights a week"
    if unit == "Q" and not groups.get("rel"):
        return None  # "three-quarters of the vote", "a four-quarter decline"
    if raw_number is None:
        number = None
    else:
        number = parse_number(raw_number, ctx.grammar)
        if number is None and raw_number not in ctx.grammar.vague:
            return None
        if number is not None and groups.get("half"):
            number += 0.5
    if number is not None and number > 1000:
        return None
    approx = _lower(groups.get("approx"))
    mod = MOD_OF_APPROX.get(approx or "") or ("APPROX" if approx else None)
    rel = _lower(groups.get("rel"))
    reference = VAGUE_REFERENCE.get((rel or raw_number or "", unit)) if number is None else None
    if reference:
        return Norm(reference, reference, "reference", "DATE")  # "recent years"
    value = duration_value(number, unit)
    return Norm(value, value, "duration", "DURATION", mod)


# Vague spans that TimeML annotators mostly read as references, not durations (by unit).
VAGUE_REFERENCE = {("recent", "Y"): "PAST_REF", ("recent", "D"): "PAST_REF"}

AMOUNT_WORDS = {
    "million",
    "billion",
    "trillion",
    "cents",
    "dollars",
    "percent",
    "times",
    "flights",
    "shares",
    "barrels",
    "tons",
    "people",
}


def _after_amount(ctx: Context, start: int) -> bool:
    before = ctx.word_before(start)
    return bool(re.search(r"\d", before)) or before in AMOUNT_WORDS


SET_ADVERB = {
    "daily": "P1D",
    "nightly": "P1D",
    "weekly": "P1W",
    "monthly": "P1M",
    "quarterly": "P3M",
    "annually": "P1Y",
    "yearly": "P1Y",
    "hourly": "PT1H",
}


def norm_set_unit(cand: Candidate, ctx: Context) -> Norm | None:
    groups = cand.match.groupdict()
    if groups.get("adverb"):
        value = SET_ADVERB[groups["adverb"].lower()]
        return Norm(value, value, "set", "SET")
    unit = _unit_code(groups["unit"], ctx.grammar)
    number = 1.0
    if groups.get("num"):
        parsed = parse_number(groups["num"], ctx.grammar)
        if parsed is None:
            return None
        number = parsed
    if groups.get("other"):
        number *= 2
    value = duration_value(number, unit)
    return Norm(value, value, "set", "SET")


def norm_holiday(cand: Candidate, ctx: Context) -> Norm | None:
    groups = cand.match.groupdict()
    name = re.sub(r"\s+", " ", groups["holiday"]).lower()
    explicit = _year_number(groups["year"]) if groups.get("year") else None
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


def norm_reference(cand: Candidate, ctx: Context) -> Norm | None:
    word = _lower(cand.match.group("ref")) or ""
    value = ctx.grammar.reference.get(word)
    if value is None:
        return None
    return Norm(value, value, "reference", "DATE")


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
