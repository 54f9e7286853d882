"""The normalised reading of one expression (``Norm``), what a normaliser may look at
(``Context``), and the helpers every normaliser shares to read its match's groups."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from .calendar_math import Tense, part_interval
from .grammar import Candidate, Grammar


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


Normaliser = Callable[[Candidate, Context], Norm | None]

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


def lowered(value: str | None) -> str | None:
    return re.sub(r"\s+", " ", value.lower()) if value else None


def part_of(groups: dict[str, str | None]) -> str | None:
    part = lowered(groups.get("part"))
    if not part:
        return None
    part = re.sub(r"^the ", "", part)
    return part


def with_part(
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


def month_number(groups: dict[str, str | None], grammar: Grammar) -> int | None:
    if groups.get("month_num"):
        return int(groups["month_num"])
    name = groups.get("month")
    return grammar.month.get(name.rstrip(".").lower()) if name else None


def year_number(text: str) -> int:
    year = int(text.lstrip("'"))
    if year < 100:
        year += 2000 if year < 50 else 1900
    return year


def unit_code_of(word: str, grammar: Grammar) -> str:
    word = word.lower()
    if word == "centuries":
        word = "century"
    return grammar.unit.get(word) or grammar.unit.get(word.rstrip("s"), "D")
