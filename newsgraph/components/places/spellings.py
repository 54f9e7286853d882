"""Other romanisations of an Arabic place name, for a recognised name the gazetteer lacks.

News and GeoNames romanise one Arabic name in several ways: the article written, dropped,
assimilated or glued to the word ("Jisr al-Shughur" / "Jisr ash Shughūr", "Deir Ezzor" /
"Deir ez-Zor"), an ayn or hamza written as an apostrophe or not ("Dara'a" / "Dar‘ā"), a final
taa marbuta as -ah or -a ("Hawija" / "Hawījah") and doubled consonants. The *spelling key*
folds these differences away. The resolver asks it only for a toponym the recogniser has read
and whose own key finds nothing, and the recogniser's cued rules for names NER mislabels ask
whether a name is another spelling of an Arab town of their size
(``is_arab_town_spelling``). It answers only with places in Arab League states (the variation
is that of Arabic romanisation), as alternate (penalised) readings.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .gazetteer import ARAB_LEAGUE, CITY, Entry, Gazetteer, fold, index_rows

# apostrophes and the ayn / hamza letters GeoNames and news write for ع and ء
_MARKS = re.compile(r"['’‘ʿʾ`´ʼ]")
# a mark between two like vowels stands for one long vowel: "Dara'a" is GeoNames' "Dar‘ā"
_MARKED_LONG_VOWEL = re.compile(r"([aeiou])['’‘ʿʾ`´ʼ]\1")
# the article, on its own or assimilated to a sun letter; the word after it keeps 2+ letters
_ARTICLE = r"(?:a[lnrsdtz]|ash|adh|ath|e[lnrsdtz]|esh)"
_LEADING_ARTICLE = re.compile(rf"^{_ARTICLE} (?=\w\w)")
_INNER_ARTICLE = re.compile(rf"(?<= ){_ARTICLE} (?=\w\w)")
_DOUBLED_CONSONANT = re.compile(r"([b-df-hj-np-tv-z])\1")
_TAA_MARBUTA = re.compile(r"(?<=[aei])h$")


def spelling_keys(name: str) -> frozenset[str]:
    """The keys on which romanisations of one Arabic name meet; two names are variants of one
    another when their keys intersect. One key writes every article as "al" (assimilation
    differs between spellings), the other keeps it as written (an article glued to its word,
    "Ezzor", only meets the written one); both drop a leading article, spaces, ayn and hamza
    marks, doubled consonants (not vowels: "Liwaa", a brigade, is no "Liwá") and a final -h
    after a vowel."""
    return _keys_of_folded(fold(name))


def _keys_of_folded(key: str) -> frozenset[str]:
    """``spelling_keys`` of a name already folded (a gazetteer index key)."""
    unmarked = _MARKS.sub("", _MARKED_LONG_VOWEL.sub(r"\1", key))
    base = _LEADING_ARTICLE.sub("", unmarked)
    return frozenset(
        _TAA_MARBUTA.sub("", _DOUBLED_CONSONANT.sub(r"\1", written.replace(" ", "")))
        for written in (base, _INNER_ARTICLE.sub("al ", base))
    )


@lru_cache(maxsize=4)
def _spelling_index(gaz: Gazetteer) -> dict[str, tuple[int, ...]]:
    """Spelling key → rows in Arab League states, from every indexed name (built on first use,
    and only in a process that meets a name the gazetteer lacks). A row mask skips the 97% of
    names outside those states before any key is made, and index keys are folded already."""
    arab = bytearray(len(gaz))
    for row, cc in enumerate(gaz.cols.ccs):
        if cc in ARAB_LEAGUE:
            arab[row] = 1
    index: dict[str, set[int]] = {}
    for table in (gaz.primary, gaz.alternate):
        for key, value in table.items():
            if isinstance(value, int):  # most names have one row
                if not arab[value]:
                    continue
                rows: tuple[int, ...] = (value,)
            else:
                rows = tuple(row for row in index_rows(value) if arab[row])
                if not rows:
                    continue
            for spelling in _keys_of_folded(key):
                index.setdefault(spelling, set()).update(rows)
    return {key: tuple(sorted(rows)) for key, rows in index.items()}


def spelling_candidates(gaz: Gazetteer, name: str) -> list[tuple[Entry, bool]]:
    """Arab League places whose name is another romanisation of ``name``, as alternate
    readings (``(entry, False)``); none where a key is shorter than four letters, which a
    name of four or more can have once its article and marks are gone ("Al-Kut": "kut")."""
    keys = spelling_keys(name)
    if min(map(len, keys)) < 4:
        return []
    index = _spelling_index(gaz)
    rows = sorted({row for key in keys for row in index.get(key, ())})
    return [(gaz.entry(row), False) for row in rows]


def is_arab_town_spelling(gaz: Gazetteer, name: str, min_population: int) -> bool:
    """Whether ``name`` is another spelling of an Arab League town this large: an alternate name
    ("Misrata", "Sweida") or another romanisation ("Qaim"); for the recogniser's cued rules,
    which otherwise trust official names only."""
    found = [entry for entry, _ in gaz.candidates(name)] or [
        entry for entry, _ in spelling_candidates(gaz, name)
    ]
    return any(
        entry.cc in ARAB_LEAGUE and entry.kind == CITY and entry.population >= min_population
        for entry in found
    )
