"""The knowledge newsgraph_quotes reads from data files, loaded once per process."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np
from spacy.strings import hash_string
from spacy.tokens import Token

from ...datafiles import data_file, load_yaml
from ..events.lexicon import Lexicon, load_lexicon

ACTS = (
    "claim",
    "threat",
    "accusation",
    "denial",
    "demand",
    "warning",
    "message",
    "announcement",
    "praise",
    "condemnation",
    "question",
    "no comment",  # CAMEO 011 "decline comment": "did not respond to a request for comment"
)
# the entity kinds that can speak: a person, an organisation, a group, a state
SPEAKING_ENTITIES = frozenset({"PERSON", "ORG", "NORP", "GPE"})


@dataclass(frozen=True, slots=True)
class Cue:
    lemma: str
    kind: str  # verb | noun | phrase
    act: str
    frame: str = "object"  # clause | object
    # object lemmas with which the verb reports no speech ("pressed their offensive")
    not_objects: frozenset[str] = frozenset()
    # another sense the word has, which the argument structure rules out (``senses.py``):
    # perception ("were seen near the village") | completion ("concluded the ceremony") |
    # contact ("forces attacked Kharkiv") | conveyance ("unleashed airstrikes")
    sense: str | None = None
    # the subject is part of what is said and nobody says it ("the plan seems to work")
    raising: bool = False


@dataclass(slots=True)
class QuoteKnowledge:
    verbs: dict[str, Cue] = field(default_factory=dict)
    nouns: dict[str, Cue] = field(default_factory=dict)
    phrases: dict[str, Cue] = field(default_factory=dict)
    future_markers: re.Pattern[str] = re.compile(r"(?!x)x")
    harm_lemmas: frozenset[str] = frozenset()
    # (head lemma, its adverb or particle): a harm only together ("respond militarily")
    harm_phrases: frozenset[tuple[str, str]] = frozenset()
    # cues whose infinitive is the speaker's own commitment ("vowed to retaliate")
    commitment_cues: frozenset[str] = frozenset()
    armed_nouns: frozenset[str] = frozenset()  # heads of subjects that make a contact verb physical
    state_forces: frozenset[str] = frozenset()  # the part of them that is a state's military
    threat_patterns: tuple[re.Pattern[str], ...] = ()
    accusation_patterns: tuple[re.Pattern[str], ...] = ()
    denial_patterns: tuple[re.Pattern[str], ...] = ()
    # "was not involved", "had no role": a negated involvement of the speaker's side denies
    involvement_words: frozenset[str] = frozenset()
    backreference_patterns: tuple[re.Pattern[str], ...] = ()
    formulas: tuple[re.Pattern[str], ...] = ()  # "asked not to be named": no statement
    layout_not_speakers: frozenset[str] = frozenset()  # "the latest" in "The Latest: ..."
    layout_speaker_nouns: frozenset[str] = frozenset()  # "poll" in "Poll: ..."
    # a preposition opening the content right after the cue belongs to the cue ("supporters of")
    cue_prepositions: frozenset[str] = frozenset()
    lemma_hashes: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.uint64))
    # the events component's trigger lexicon, with the same extra files (its responsibility
    # words and support verbs decide claims, denials and vows of harm)
    event_lexicon: Lexicon = field(default_factory=load_lexicon)

    def is_harm(self, token: Token) -> bool:
        """A harm word of ``harm_lemmas``: a single lemma, or a phrase whose head carries its
        adverb or particle ("respond militarily"; a bare "respond" harms no one)."""
        lemma = token.lemma_.lower()
        if lemma in self.harm_lemmas:
            return True
        # a word that heads no phrase needs no look at its children (each one a built Token)
        return lemma in _phrase_heads(self.harm_phrases) and any(
            (lemma, child.lower_) in self.harm_phrases
            for child in token.children
            if child.dep_ in ("advmod", "prt")
        )


@lru_cache(maxsize=8)
def _phrase_heads(phrases: frozenset[tuple[str, str]]) -> frozenset[str]:
    """The head words of ``harm_phrases`` (a frozenset keeps its hash: a cheap look-up)."""
    return frozenset(head for head, _ in phrases)


def _data_path(name: str) -> Path:
    return data_file(__package__, name)


def _read_yaml(path: Path) -> dict[str, Any]:
    with path.open(encoding="utf-8") as handle:
        return load_yaml(handle) or {}


def load_cues(paths: tuple[Path, ...]) -> list[Cue]:
    """Cue entries of every file, later files overriding earlier ones for the same lemma."""
    cues: list[Cue] = []
    for path in paths:
        for entry in _read_yaml(path).get("cues", []):
            act = entry.get("act", "claim")
            if act not in ACTS:
                raise ValueError(f"{path}: unknown act {act!r} for cue {entry.get('lemma')!r}")
            cues.append(
                Cue(
                    str(entry["lemma"]).lower(),
                    entry.get("kind", "verb"),
                    act,
                    entry.get("frame", "object"),
                    frozenset(str(w).lower() for w in entry.get("not_objects") or ()),
                    entry.get("sense"),
                    bool(entry.get("raising", False)),
                )
            )
    return cues


def _compile_all(patterns: list[str]) -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(p) for p in patterns)


@lru_cache(maxsize=8)
def load_knowledge(
    extra_cue_files: tuple[str, ...] = (), event_lexicon_files: tuple[str, ...] = ()
) -> QuoteKnowledge:
    """Cue lexicon and act rules from ``data/en/`` beside this module plus any user cue files;
    the events lexicon with the user's trigger files ``event_lexicon_files``."""
    paths = (_data_path("speech_cues.yaml"), *(Path(p) for p in extra_cue_files))
    knowledge = QuoteKnowledge(event_lexicon=load_lexicon(event_lexicon_files))
    for cue in load_cues(paths):
        table = {"verb": knowledge.verbs, "noun": knowledge.nouns}.get(cue.kind, knowledge.phrases)
        table[cue.lemma] = cue
    # spaCy string hashes of every cue word, to find candidate tokens in one vectorised pass
    words = {w for lemma in (*knowledge.verbs, *knowledge.nouns) for w in (lemma, lemma.title())}
    knowledge.lemma_hashes = np.array(sorted(hash_string(w) for w in words), dtype=np.uint64)
    rules = _read_yaml(_data_path("quote_rules.yaml"))
    acts = rules.get("acts", {})
    markers = sorted(acts.get("future_markers", []), key=len, reverse=True)
    if markers:
        knowledge.future_markers = re.compile(
            r"(?<![\w'])(?:" + "|".join(re.escape(m) for m in markers) + r")(?!\w)"
        )
    harm = [str(entry).lower().split() for entry in acts.get("harm_lemmas", [])]
    knowledge.harm_lemmas = frozenset(words[0] for words in harm if len(words) == 1)
    knowledge.harm_phrases = frozenset((words[0], words[1]) for words in harm if len(words) == 2)
    knowledge.commitment_cues = frozenset(w.lower() for w in acts.get("commitment_cues", []))
    knowledge.threat_patterns = _compile_all(acts.get("threat_patterns", []))
    knowledge.accusation_patterns = _compile_all(acts.get("accusation_patterns", []))
    knowledge.denial_patterns = _compile_all(acts.get("denial_patterns", []))
    knowledge.involvement_words = frozenset(w.lower() for w in acts.get("involvement_words", []))
    knowledge.backreference_patterns = _compile_all(acts.get("backreference_patterns", []))
    knowledge.formulas = _compile_all(rules.get("formulas", []))
    armed = rules.get("armed_nouns", {})
    knowledge.state_forces = frozenset(w.lower() for w in armed.get("state", []))
    knowledge.armed_nouns = knowledge.state_forces | {w.lower() for w in armed.get("non_state", [])}
    layout = rules.get("layout", {})
    knowledge.layout_not_speakers = frozenset(w.lower() for w in layout.get("not_speakers", []))
    knowledge.layout_speaker_nouns = frozenset(w.lower() for w in layout.get("speaker_nouns", []))
    knowledge.cue_prepositions = frozenset(w.lower() for w in rules.get("cue_prepositions", []))
    return knowledge
