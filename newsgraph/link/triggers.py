"""Trigger words and their families: what the mention linker and the event clustering compare
when they compare wording.

A *family* joins the words that name one kind of occurrence: a crude derivational stem
("attacked"/"attacks"/"attack", "nominate"/"nomination") or an entry of
``link/data/en/event_families.yaml`` ("die"/"death"/"dead", "quake"/"earthquake"). Stored
records keep no lemmas, so ``evidence_trigger`` reads the trigger word of an event from its
evidence spans (one span per trigger token): the first word that is not a light verb or its
particle, with English irregular past forms put back to their lemma ("struck" → "strike").
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

from ..datafiles import data_file

# Verbs that carry the event of the noun they govern ("took control", "made an announcement").
LIGHT_VERBS = frozenset(
    {"take", "make", "have", "give", "do", "hold", "get", "be", "go", "come", "put", "carry"}
)
# Their inflected forms and the particles they take, for evidence text (which has no lemmas).
_LIGHT_FORM_WORDS = (
    "take takes took taken taking make makes made making have has had having give gives gave "
    "given giving do does did done doing hold holds held holding get gets got gotten getting "
    "be is are was were been being go goes went gone going come comes came coming put puts "
    "putting carry carries carried carrying out up off an a the"
)
_LIGHT_FORMS = frozenset(_LIGHT_FORM_WORDS.split())
# English irregular past forms of event verbs (morphology, not a judgement of sameness).
IRREGULAR_PAST = {
    "struck": "strike", "shot": "shoot", "fought": "fight", "fled": "flee", "hit": "hit",
    "blew": "blow", "blown": "blow", "threw": "throw", "thrown": "throw", "stole": "steal",
    "stolen": "steal", "sought": "seek", "bought": "buy", "sold": "sell", "won": "win",
    "lost": "lose", "met": "meet", "led": "lead", "beat": "beat", "beaten": "beat",
    "froze": "freeze", "frozen": "freeze", "broke": "break", "broken": "break",
    "overran": "overrun", "withdrew": "withdraw", "withdrawn": "withdraw",
}  # fmt: skip
_SUFFIXES = (
    "ions", "ion", "ments", "ment", "ings", "ing",
    "ances", "ance", "ences", "ence", "als", "al", "ers", "er", "ed", "es", "e", "s", "y",
)  # fmt: skip


@lru_cache(maxsize=1 << 16)  # called for every word of every sentence a collection reads
def stem(word: str) -> str:
    """A crude derivational stem: "attacked", "attacks" → "attack"; "nomination",
    "nominated" → "nominat"; "killing" → "kill"."""
    word = word.lower().strip()
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            word = word[: -len(suffix)]
            break
    if len(word) > 4 and word[-1] == word[-2] and word[-1] not in "aeiousl":
        word = word[:-1]  # "shopp(ing)" → "shop", "hitt(ing)" → "hit"
    return word


def _families_file() -> Path:
    return data_file(__package__, "event_families.yaml")


@cache
def families(path: str | None = None) -> dict[str, str]:
    """lemma → family name, from ``link/data/en/event_families.yaml`` (each family a list of lemmas;
    the first names it)."""
    import yaml

    data = yaml.safe_load(Path(path or _families_file()).read_text(encoding="utf-8")) or {}
    table: dict[str, str] = {}
    for group in data.get("families") or []:
        words = [str(w).lower() for w in group]
        for word in words:
            table.setdefault(word, words[0])
            table.setdefault(stem(word), words[0])
    return table


def trigger_family(lemma: str, table: Mapping[str, str] | None = None) -> str:
    """The family key of a trigger lemma: its family in the data file, else its stem."""
    table = families() if table is None else table
    lemma = lemma.lower().strip()
    return table.get(lemma) or table.get(stem(lemma)) or stem(lemma)


def evidence_trigger(evidence: Sequence[Mapping[str, Any]] | None) -> str | None:
    """The trigger word of an event from its evidence spans, as a lemma where the form is
    irregular: "carried out" + "airstrike" → "airstrike"; "struck" → "strike"."""
    words = [
        word
        for span in evidence or ()
        for word in str(span.get("text") or "").lower().replace("-", " ").split()
        if word.isalpha()
    ]
    if not words:
        return None
    word = next((w for w in words if w not in _LIGHT_FORMS), words[0])
    return IRREGULAR_PAST.get(word, word)


def evidence_family(evidence: Sequence[Mapping[str, Any]] | None) -> str | None:
    """The trigger family of an event's evidence (None without evidence)."""
    word = evidence_trigger(evidence)
    return trigger_family(word) if word else None
