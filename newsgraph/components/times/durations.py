"""Normalisers of durations and repetitions: "for three years", "a decade", "every week",
"twice a day", "daily"."""

from __future__ import annotations

import re

from .calendar_math import number_text, parse_number
from .grammar import Candidate
from .reading import MOD_OF_APPROX, Context, Norm, lowered, unit_code_of


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
        value = duration_value(None, unit_code_of(groups["bare"], ctx.grammar))
        return Norm(value, value, "duration", "DURATION")
    unit = unit_code_of(groups["unit"], ctx.grammar)
    raw_number = lowered(groups.get("num"))
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
    approx = lowered(groups.get("approx"))
    mod = MOD_OF_APPROX.get(approx or "") or ("APPROX" if approx else None)
    rel = lowered(groups.get("rel"))
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
    unit = unit_code_of(groups["unit"], ctx.grammar)
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
