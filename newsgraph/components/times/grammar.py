"""The recognition grammar of ``newsgraph_times``: vocabulary and rules from data files.

``time_vocab.yaml`` holds the words (months, weekdays, numbers, units, ...), and
``time_patterns.yaml`` the rules: regular expressions with named groups, written with macros
built from the vocabulary. ``Grammar.scan`` runs every rule over a text and keeps, where matches
overlap, the longest (then the earlier rule): one regex pass per rule, no per-token work.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from fractions import Fraction
from functools import lru_cache
from pathlib import Path
from typing import Any

from ...datafiles import data_file, load_yaml

DATA_PACKAGE = __package__
VOCAB_FILE = "time_vocab.yaml"
PATTERNS_FILE = "time_patterns.yaml"

# Around every match: not inside a word, a number, an amount or a path ("$1990", "1,990",
# "2024/25"); a match ending in a letter or digit must not run on into one.
LEFT_EDGE = r"(?<![\w$£€#@/:.-])"
RIGHT_EDGE = r"(?![\w@$%£€]|-\w|[.,:/]\d)"

# Words of a text, for finding trigger words; and how far around a trigger the rules look
# (longer than any expression's reach on either side of its trigger word).
WORD = re.compile(r"[A-Za-z]+|\d")
WINDOW = 32
STOPWORDS = {"a", "an", "the", "of", "at", "in", "as", "s", "day's", "right", "these"}


@dataclass(frozen=True, slots=True)
class Rule:
    name: str
    kind: str
    type: str
    regex: re.Pattern[str]
    order: int
    needs: tuple[str, ...]  # trigger classes, one of which every match contains


@dataclass(frozen=True, slots=True)
class Candidate:
    start: int
    end: int
    rule: Rule
    match: re.Match[str]


class Grammar:
    """Vocabulary plus compiled rules; build once (``load_grammar``) and share."""

    def __init__(self, vocab: dict[str, Any], rules: list[Rule]) -> None:
        self.vocab = vocab
        self.rules = rules
        self.month = {k.rstrip(".").lower(): v for k, v in vocab["month"].items()}
        self.weekday = {k.rstrip(".").lower(): v for k, v in vocab["weekday"].items()}
        self.number = {k.lower(): v for k, v in vocab["number"].items()}
        self.vague = {w.lower() for w in vocab["vague_number"]}
        self.ordinal = {k.lower(): v for k, v in vocab["ordinal"].items()}
        self.unit = {k.lower(): v for k, v in vocab["unit"].items()}
        self.part_of_day = {k.lower(): v for k, v in vocab["part_of_day"].items()}
        self.season = {k.lower(): v for k, v in vocab["season"].items()}
        self.part = {
            k.lower(): (Fraction(str(v[0])), Fraction(str(v[1]))) for k, v in vocab["part"].items()
        }
        self.holiday = {k.lower(): v for k, v in vocab["holiday"].items()}
        self.reference = {k.lower(): v for k, v in vocab["reference"].items()}
        self.month_ambiguous = set(vocab["month_ambiguous"])
        self.month_trigger = {w.lower() for w in vocab["month_trigger"]}
        self.future_verbs = frozenset(str(w).lower() for w in vocab["future_verbs"])
        self.future_auxiliaries = frozenset(str(w).lower() for w in vocab["future_auxiliaries"])
        self.deferral_verbs = frozenset(str(w).lower() for w in vocab.get("deferral_verbs", ()))
        self.quantity_nouns = {w.lower() for w in vocab["quantity_nouns"]}
        self.year_blockers = {str(w).lower() for w in vocab.get("year_blockers", [])}
        self.triggers = trigger_words(vocab)

    def scan(self, text: str) -> list[Candidate]:
        """All rule matches, overlaps resolved (longest first, then rule order), in text order.

        A rule runs only over windows around its trigger words (``needs`` in the rule: words of
        a vocabulary class, or digits). Every expression contains one, most of a text contains
        none, so this skips most of the regex work.
        """
        by_class = self.windows(text)
        found: list[Candidate] = []
        for rule in self.rules:
            for start, end in _merge(w for c in rule.needs for w in by_class.get(c, ())):
                for match in rule.regex.finditer(text, start, end):
                    if match.end() > match.start():
                        found.append(Candidate(match.start(), match.end(), rule, match))
        return select_longest(found)

    def windows(self, text: str) -> dict[str, list[tuple[int, int]]]:
        """Per trigger class, the stretches of ``text`` within ``WINDOW`` characters of one of
        its words (merged, in order)."""
        spans: dict[str, list[tuple[int, int]]] = {}
        for word in WORD.finditer(text):
            token = word.group(0)
            classes = DIGIT_CLASS if token[0].isdigit() else self.triggers.get(token.lower())
            if not classes:
                continue
            start, end = max(0, word.start() - WINDOW), min(len(text), word.end() + WINDOW)
            for name in classes:
                found = spans.setdefault(name, [])
                if found and start <= found[-1][1]:
                    found[-1] = (found[-1][0], end)
                else:
                    found.append((start, end))
        return spans


def _merge(windows: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(windows):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


TRIGGER_CLASSES = ("month", "weekday", "unit", "part_of_day", "season", "holiday", "reference")
DIGIT_CLASS = ("digit",)


def trigger_words(vocab: dict[str, Any]) -> dict[str, set[str]]:
    """Each single word of the vocabulary's time words → its classes (``extra`` for the
    ``trigger_extra`` list): one of them is in every expression."""
    words: dict[str, set[str]] = {}

    def add(word: str, name: str) -> None:
        if word not in STOPWORDS:
            words.setdefault(word, set()).add(name)

    for word in vocab.get("trigger_extra", []):
        add(str(word).lower(), "extra")
    for name in TRIGGER_CLASSES:
        for phrase in vocab[name]:
            for word in WORD.findall(str(phrase)):
                add(word.lower(), name)
                add(word.lower() + "s", name)
    add("centuries", "unit")
    return words


def select_longest(candidates: list[Candidate]) -> list[Candidate]:
    """Greedy choice of non-overlapping candidates: longest first, ties to the earlier rule."""
    ranked = sorted(candidates, key=lambda c: (c.start - c.end, c.rule.order, c.start))
    taken: list[Candidate] = []
    occupied: list[tuple[int, int]] = []
    for cand in ranked:
        if any(cand.start < end and start < cand.end for start, end in occupied):
            continue
        taken.append(cand)
        occupied.append((cand.start, cand.end))
    return sorted(taken, key=lambda c: c.start)


def _alternation(words: list[str], case_sensitive: bool = False) -> str:
    """A regex alternation of ``words``, longest first, spaces as ``\\s+``."""
    parts = [re.escape(w).replace(r"\ ", r"\s+") for w in sorted(set(words), key=len, reverse=True)]
    body = "|".join(parts)
    return f"(?-i:{body})" if case_sensitive else f"(?:{body})"


def build_macros(vocab: dict[str, Any], extra: dict[str, str]) -> dict[str, str]:
    months = list(vocab["month"])
    full_months = [m for m in months if m in vocab["month_alone"] or m in vocab["month_ambiguous"]]
    abbreviations = [m for m in months if m not in full_months]
    month_abbr = "|".join(
        rf"{re.escape(a)}\b\.?" for a in sorted(abbreviations, key=len, reverse=True)
    )
    month_full = "|".join(sorted(full_months, key=len, reverse=True))
    weekdays = list(vocab["weekday"])
    number_words = [w for w in vocab["number"] if " " not in w and w not in ("a", "an")]
    number_phrases = [w for w in vocab["number"] if " " in w or w in ("a", "an")]
    word_number = _alternation(number_words)
    units = []
    for unit in vocab["unit"]:
        units.append("centur(?:y|ies)" if unit == "century" else f"{unit}s?")
    macros = {
        "MONTH": rf"(?-i:(?:{month_full})\b|{month_abbr})",
        "MONTH_FULL": rf"(?-i:(?:{month_full})\b)",
        "WEEKDAY": _alternation(weekdays, case_sensitive=True),
        "NUM": rf"(?:\d+(?:\.\d+)?|{word_number}(?:[\s-]+{word_number})?"
        rf"|{_alternation(number_phrases)})",
        "VAGUE": _alternation(vocab["vague_number"]),
        "UNITS": "(?:" + "|".join(sorted(units, key=len, reverse=True)) + ")",
        "ORDINAL": _alternation(list(vocab["ordinal"])),
        "POD": _alternation([p for p in vocab["part_of_day"] if p not in ("tonight", "overnight")]),
        "SEASON": _alternation(list(vocab["season"])),
        "HOLIDAY": "|".join(
            re.escape(h).replace(r"\ ", r"\s+")
            for h in sorted(vocab["holiday"], key=len, reverse=True)
        ),
        "REFERENCE": _alternation(list(vocab["reference"])),
    }
    macros.update(extra)
    return macros


def expand(pattern: str, macros: dict[str, str]) -> str:
    """Replace ``{NAME}`` macros (repeatedly, so macros may use macros)."""
    for _ in range(4):
        new = re.sub(r"\{([A-Z_]+)\}", lambda m: macros.get(m.group(1), m.group(0)), pattern)
        if new == pattern:
            break
        pattern = new
    return pattern


def compile_rules(spec: dict[str, Any], vocab: dict[str, Any]) -> list[Rule]:
    macros = build_macros(vocab, spec.get("macros", {}))
    rules = []
    for order, item in enumerate(spec["rules"]):
        body = expand(item["pattern"], macros)
        regex = re.compile(f"{LEFT_EDGE}(?:{body}){RIGHT_EDGE}", re.IGNORECASE)
        needs = tuple(item.get("needs") or ("digit", "extra", *TRIGGER_CLASSES))
        rules.append(
            Rule(item["name"], item["kind"], item.get("type", "DATE"), regex, order, needs)
        )
    return rules


def _read_yaml(name: str, folder: Path | None) -> dict[str, Any]:
    if folder is not None:
        return load_yaml((folder / name).read_text(encoding="utf-8"))
    return load_yaml(data_file(DATA_PACKAGE, name).read_text("utf-8"))


@lru_cache(maxsize=4)
def load_grammar(folder: Path | None = None) -> Grammar:
    """The grammar from ``folder`` (default: the bundled ``data/en/``), built once."""
    vocab = _read_yaml(VOCAB_FILE, folder)
    spec = _read_yaml(PATTERNS_FILE, folder)
    return Grammar(vocab, compile_rules(spec, vocab))
