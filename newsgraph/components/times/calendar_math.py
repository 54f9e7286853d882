"""Calendar arithmetic and numbers written in words, for the time normalisers."""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta
from fractions import Fraction

from .grammar import Grammar

Tense = str | None  # "past" | "future" | "present" | None (unknown)


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

    "last"/"next" pick the nearest one strictly before/after; a day without a verb in the
    future tense is the most recent one (``_recent_past_year``); otherwise the nearest of the
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
    if day is not None and tense != "future":
        return _recent_past_year(month, day, anchor, tense)
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


# "October 7" with no year and no verb in the future tense names the most recent October 7,
# unless it is at most this many days after publication: schedules are written in the present
# ("the dividend is payable Dec. 15") or hang on a past "said" (TimeBank/AQUAINT fit part: 19
# such dates, all within 62 days; those under a past-tense verb within 45)
AHEAD_DAYS = 62
AHEAD_DAYS_PAST = 45


def _recent_past_year(month: int, day: int, anchor: date, tense: Tense) -> int:
    """The year of the most recent (month, day) up to ``AHEAD_DAYS`` after ``anchor``."""
    ahead = AHEAD_DAYS_PAST if tense == "past" else AHEAD_DAYS
    for year in (anchor.year + 1, anchor.year, anchor.year - 1):
        when = date(year, month, min(day, calendar.monthrange(year, month)[1]))
        if (when - anchor).days <= ahead:
            return year
    return anchor.year - 1


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
