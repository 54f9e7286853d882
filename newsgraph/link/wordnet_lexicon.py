"""Word meaning for event triggers from a compact lexicon derived from WordNet 3.0.

``link/data/en/wordnet_events.json.gz`` is written by ``tools/build_wordnet_lexicon.py`` from
Debian's ``wordnet-base`` files (WordNet 3.0 Copyright 2006 by Princeton University; the
licence is ``link/data/en/WORDNET_LICENSE``); nothing here needs WordNet installed. For each
verb and event noun it holds the first few synsets per part of speech in WordNet's sense
order, the hypernyms of those synsets up to a few steps, and verb↔noun derivational links.

``WordNetLexicon.relation(a, b)`` compares two trigger lemmas: whether they share a synset
("kill"/"slay" no, "quake"/"earthquake" yes), how far apart their senses are through a common
hypernym ("murder" is a kind of "kill": 1 step), and whether one derives from the other
("shooting"/"shoot", "arrest" noun/verb). A noun's senses include those of the verbs it derives
from, so "shooting" meets "gunfire" and "kill" meets "killing" through the verb.
"""

from __future__ import annotations

import gzip
import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from ..datafiles import data_file

LEXICON_FILE = "wordnet_events.json.gz"
# How many hypernym steps each side may climb to a common ancestor.
MAX_STEPS = 3
# WordNet's detachment rules (morphy), for lemmas spaCy left inflected ("slain" has its own
# exception entry; "shootings" → "shooting").
SUFFIXES = (("ies", "y"), ("es", "e"), ("es", ""), ("s", ""), ("ed", "e"), ("ed", ""),
            ("ing", "e"), ("ing", ""))  # fmt: skip


@dataclass(frozen=True, slots=True)
class Relation:
    """How two lemmas relate in WordNet (all zero where either is unknown)."""

    known: bool  # both lemmas are in the lexicon
    same_synset: bool  # a shared synset among their kept senses
    first_sense_steps: int | None  # hypernym steps between first senses (None: none in reach)
    any_sense_steps: int | None  # the same over all kept senses
    derivation: bool  # one is derivationally related to the other


UNKNOWN = Relation(False, False, None, None, False)


class WordNetLexicon:
    """The derived lexicon (see the module doc)."""

    def __init__(self, data: dict) -> None:
        self.hypernyms: list[list[int]] = data["hypernyms"]
        self.senses: dict[str, tuple[list[int], list[int]]] = {
            lemma: (verbs, nouns) for lemma, (verbs, nouns) in data["lemmas"].items()
        }
        self.derived: dict[str, list[str]] = data["derived"]
        self.exceptions: dict[str, str] = data.get("exceptions", {})
        self._ancestors: dict[int, dict[int, int]] = {}
        self._relations: dict[tuple[str, str], Relation] = {}  # ``relation``, once per pair

    @classmethod
    def read(cls, path: Path) -> WordNetLexicon:
        return cls(json.loads(gzip.decompress(path.read_bytes()).decode("utf-8")))

    def lookup(self, word: str) -> str | None:
        """The lexicon's lemma for ``word`` (as given, an exception form, or a detached
        suffix), or None."""
        word = word.lower().strip().replace(" ", "_")
        if word in self.senses:
            return word
        if self.exceptions.get(word) in self.senses:
            return self.exceptions[word]
        for suffix, ending in SUFFIXES:
            if word.endswith(suffix) and (base := word[: -len(suffix)] + ending) in self.senses:
                return base
        return None

    def synsets(self, lemma: str, first_only: bool = False) -> frozenset[int]:
        """The lemma's kept senses and those of its derivational relatives (the first sense of
        each part of speech only, with ``first_only``)."""
        out: set[int] = set()
        for word in (lemma, *self.derived.get(lemma, ())):
            for ids in self.senses.get(word, ((), ())):
                out.update(ids[:1] if first_only else ids)
        return frozenset(out)

    def ancestors(self, synset: int) -> dict[int, int]:
        """Synset → the fewest hypernym steps from ``synset`` (itself at 0), up to MAX_STEPS."""
        if synset in self._ancestors:
            return self._ancestors[synset]
        steps = self._ancestors[synset] = {synset: 0}
        frontier = [synset]
        for step in range(1, MAX_STEPS + 1):
            frontier = [h for s in frontier for h in self.hypernyms[s] if h not in steps]
            for h in frontier:
                steps.setdefault(h, step)
        return steps

    def steps_between(self, a: frozenset[int], b: frozenset[int]) -> int | None:
        """The fewest hypernym steps from a synset of ``a`` and one of ``b`` to a common
        ancestor (0 for a shared synset), or None."""
        if not a or not b:
            return None
        up_a, up_b = _merged(self, a), _merged(self, b)
        shared = up_a.keys() & up_b.keys()
        return min((up_a[s] + up_b[s] for s in shared), default=None)

    def relation(self, a: str, b: str) -> Relation:
        """How two words' senses relate (the link stage asks for the same few pairs of
        trigger lemmas in every comparison: each is worked out once)."""
        if (a, b) not in self._relations:
            self._relations[(a, b)] = self._relation(a, b)
        return self._relations[(a, b)]

    def _relation(self, a: str, b: str) -> Relation:
        la, lb = self.lookup(a), self.lookup(b)
        if la is None or lb is None:
            return UNKNOWN
        own_a = frozenset(i for ids in self.senses[la] for i in ids)
        own_b = frozenset(i for ids in self.senses[lb] for i in ids)
        return Relation(
            known=True,
            same_synset=bool(own_a & own_b),
            first_sense_steps=self.steps_between(
                self.synsets(la, first_only=True), self.synsets(lb, first_only=True)
            ),
            any_sense_steps=self.steps_between(self.synsets(la), self.synsets(lb)),
            derivation=la != lb
            and (lb in self.derived.get(la, ()) or la in self.derived.get(lb, ())),
        )


def _merged(lexicon: WordNetLexicon, synsets: frozenset[int]) -> dict[int, int]:
    out: dict[int, int] = {}
    for synset in synsets:
        for ancestor, steps in lexicon.ancestors(synset).items():
            if steps < out.get(ancestor, MAX_STEPS + 1):
                out[ancestor] = steps
    return out


@cache
def load_lexicon(path: str | None = None) -> WordNetLexicon | None:
    """The shipped lexicon (None where it has not been built)."""
    file = Path(path) if path else data_file(__package__, LEXICON_FILE)
    return WordNetLexicon.read(file) if file.is_file() else None
