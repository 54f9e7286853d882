"""Whether an event's chosen source or target names an actor at all.

A party of an event is a person, group, organisation, country (a place as a polity) or a
pronoun or description of one; a weapon ("bullets", "the gun"), a munition ("returned fire",
"at least 76 rounds"), an act or event noun ("the shooting", "The violence"), an artefact
("the car", "a surveillance camera"), a time ("Wednesday") or a page's boilerplate
("National News - KRCR Home") is not. After the rules and the argument model have chosen each
mention's source and target, this filter scores the head token with a logistic regression,
``sigmoid(w · f(head))``, over general features: the head noun's class (``data/en/
party_nouns.yaml`` and the events lexicon's object classes), its named-entity label, part of
speech, dependency relation, whether the actors component found an actor there, whether it is
a pronoun, its capitalisation and shape. A head scoring under the threshold is dropped: the role
becomes empty (a missing party is better than a wrong one).

Weights and threshold are package data (``data/en/party_filter.json``) trained by
``tools/train_party_filter.py`` on the fit parts of the gold sets (threshold by
cross-validation inside the fit part); applying them needs numpy only. A recorder hook lets the
trainer see every head the filter judges, with its features.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from functools import cache
from pathlib import Path

import numpy as np
import yaml
from spacy.attrs import POS
from spacy.symbols import AUX, VERB
from spacy.tokens import Span, Token

from ...extensions import doc_text, sentence_of
from .lexicon import load_lexicon
from .mention import Mention
from .references import ACTOR_NAME_ENTS
from .triggers import noun_sense

DATA = Path(__file__).with_name("data") / "en"
NOUNS_PATH = DATA / "party_nouns.yaml"
MODEL_PATH = DATA / "party_filter.json"
ROLES = ("source", "target")
# the event types it judges: violent and coercive acts, where a weapon, a munition or the act
# itself stands where the doer or victim belongs ("returned fire", "hit by gunfire"). Verbal
# events and sanctions keep their objects: ConfliBERT CAMEO's fit spans mark "the agreement"
# rejected and "a ban" lifted as targets (docs/events.md)
SCOPE = frozenset({"ASSAULT", "COERCE", "PROTEST", "MOBILIZE"})
# outside SCOPE the source alone is judged: a doer is an actor whatever the act ("the ceasefire"
# is no one's concession)
PRONOUNS = frozenset(
    {"i", "you", "he", "she", "it", "we", "they", "me", "him", "her", "us", "them", "who"}
    | {"whom", "someone", "somebody", "anyone", "everyone", "nobody", "one"}
)
# the events lexicon's object classes of nouns that name actors: people, troops or bodies
PARTY_CLASSES = frozenset({"people", "troops", "actors", "inspectors"})
ARMED_CLASSES = frozenset({"military"})  # "rebels", "militants", "gunmen" (with the struck things)
# dependents through which a noun phrase names its actor ("Hezbollah's rockets", "a United
# Nations appeal", "Syrian regime air strikes", "a number of activists", "the missiles fired
# by the Israeli military"): the phrase then stands for that actor (spans.owner_head)
OWNER_DEPS = frozenset({"compound", "poss", "nmod", "appos"})
OWNER_PREPS = frozenset({"of", "by", "from"})
# a day or a time of day, which the small model tags PROPN ("Monday"), names no owner
TIME_ENTS = frozenset({"DATE", "TIME"})
# agent-noun endings ("bomber", "attacker", "gunman", "assailant", "protester")
AGENT_SUFFIXES = ("er", "or", "ist", "man", "men", "ant", "ent", "ian")
# nominalisation endings: most nouns so formed name an act or a state, not an actor
ACT_SUFFIXES = ("ing", "tion", "sion", "ment", "ence", "ance")

Recorder = Callable[[Token, str, list[str]], None]
_recorders: list[Recorder] = []


@cache
def noun_classes() -> dict[str, frozenset[str]]:
    """Lemma -> the non-actor classes of ``party_nouns.yaml`` that list it."""
    out: dict[str, set[str]] = {}
    for name, words in (_party_nouns().get("classes") or {}).items():
        for word in words:
            out.setdefault(str(word).lower(), set()).add(name)
    return {k: frozenset(v) for k, v in out.items()}


@cache
def _party_nouns() -> dict:
    """``party_nouns.yaml``, read once."""
    return yaml.safe_load(NOUNS_PATH.read_text(encoding="utf-8")) or {}


def _noun_list(key: str) -> frozenset[str]:
    return frozenset(str(word).lower() for word in _party_nouns().get(key) or ())


@cache
def struck_targets() -> frozenset[str]:
    """Lemmas of buildings and installations (``party_nouns.yaml``'s ``struck_targets``)."""
    return _noun_list("struck_targets")


@cache
def areas() -> frozenset[str]:
    """Lemmas of nouns that name an area (``party_nouns.yaml``'s ``areas``)."""
    return _noun_list("areas")


def struck_structure(token: Token, role: str) -> bool:
    """A building or installation as the target: what a bombing or an arson hits is its
    target though it names no actor ("bombed a drugstore", "attacked the power substation")."""
    return role == "target" and token.lemma_.lower() in struck_targets()


def _shape(token: Token) -> str:
    text = token.text
    if not any(c.isalpha() for c in text):
        return "nonalpha"
    if text.isupper() and len(text) > 1:
        return "upper"
    if text[:1].isupper():
        return "title_first" if token.is_sent_start else "title"
    return "lower"


def _actorish(token: Token, actor_tokens: set[int]) -> bool:
    if (
        token.i in actor_tokens
        or token.pos_ in ("PRON", "PROPN")
        or token.ent_type_ in ACTOR_NAME_ENTS
    ):
        return True
    return bool(load_lexicon().classes_of(token.lemma_.lower()) & PARTY_CLASSES)


def names_actor(token: Token, actor_tokens: set[int]) -> bool:
    """Whether the phrase ``token`` heads names an actor, itself ("the rebels", "Hamas") or
    through a dependent ("remnants of Hamas"); a cause does not ("the storm")."""
    lemma_classes = load_lexicon().classes_of(token.lemma_.lower())
    return (
        _actorish(token, actor_tokens)
        or bool(lemma_classes & ARMED_CLASSES)
        or names_owner(token, actor_tokens)
    )


def names_owner(token: Token, actor_tokens: set[int], depth: int = 2) -> bool:
    """Whether the phrase ``token`` heads names an actor through a dependent (an owner, a
    compound, an "of"/"by" phrase, a "fired by ..." participle)."""
    if depth == 0:
        return False
    for child in token.children:
        if child.ent_type_ in TIME_ENTS:
            continue  # "Monday night's attack", "Sunday afternoon": a time owns nothing
        if child.dep_ in OWNER_DEPS or (child.dep_ == "amod" and child.ent_type_ == "NORP"):
            if _actorish(child, actor_tokens) or names_owner(child, actor_tokens, depth - 1):
                return True
        elif child.dep_ in ("prep", "agent") and child.lower_ in OWNER_PREPS:
            if any(_actorish(g, actor_tokens) for g in child.children if g.dep_ == "pobj"):
                return True
        elif child.dep_ == "acl" and names_owner(child, actor_tokens, depth - 1):
            return True
    return False


def features(token: Token, role: str, actor_tokens: set[int]) -> list[str]:
    """Feature names of a party head ``token`` in ``role``."""
    lemma = token.lemma_.lower()
    lex = load_lexicon()
    classes = sorted(
        noun_classes().get(lemma, frozenset()) | noun_classes().get(token.lower_, set())
    )
    lex_classes = sorted(lex.classes_of(lemma))
    in_actor = token.i in actor_tokens
    pron = token.lower_ in PRONOUNS
    ent = token.ent_type_ or "-"
    sentence = sentence_of(token)
    text = doc_text(token.doc)[sentence.start_char : sentence.end_char]  # not rebuilt per token
    out = [
        "bias",
        f"role={role}",
        f"pos={token.pos_}",
        f"ent={ent}",
        f"ent={ent}|role={role}",
        f"dep={token.dep_}",
        f"shape={_shape(token)}",
        f"in_actor={in_actor}",
        f"in_actor={in_actor}|pos={token.pos_}",
        f"pron={pron}",
        f"event_noun={token.pos_ == 'NOUN' and noun_sense(token, lex) is not None}",
        f"act_suffix={token.pos_ == 'NOUN' and lemma.endswith(ACT_SUFFIXES)}",
        f"agent_suffix={token.pos_ == 'NOUN' and lemma.endswith(AGENT_SUFFIXES)}",
        f"owner_actor={names_owner(token, actor_tokens)}",
        f"plural={token.tag_ in ('NNS', 'NNPS')}",
        f"nummod={any(c.dep_ == 'nummod' for c in token.children)}",
        f"url={token.like_url or '.com' in token.lower_}",
        f"in_heading={'|' in text or ' - ' in text}",
        f"verbless_sent={not _has_verb(sentence)}",
    ]
    out += [f"class={c}" for c in classes] or ["class=-"]
    out += [f"class={c}|in_actor={in_actor}" for c in classes]
    out += [f"lexclass={c}" for c in lex_classes] or ["lexclass=-"]
    return out


def _has_verb(sentence: Span) -> bool:
    """Whether a word of ``sentence`` is a VERB or AUX, read from its POS column (no Token
    built per word)."""
    return bool(np.isin(sentence.to_array([POS]), (VERB, AUX)).any())


class PartyFilter:
    """A logistic regression over ``features``; keeps a head scoring at least ``threshold``."""

    def __init__(self, weights: dict[str, float], threshold: float) -> None:
        self.weights = weights
        self.threshold = threshold

    @classmethod
    def load(cls, path: Path = MODEL_PATH) -> PartyFilter:
        data = json.loads(path.read_text(encoding="utf-8"))
        return cls({str(k): float(v) for k, v in data["weights"].items()}, float(data["threshold"]))

    def probability(self, names: list[str]) -> float:
        z = float(np.sum([self.weights.get(n, 0.0) for n in names]))
        return float(1.0 / (1.0 + np.exp(-z)))

    def keeps(self, names: list[str]) -> bool:
        return self.probability(names) >= self.threshold


@cache
def load_party_filter() -> PartyFilter | None:
    """The shipped filter, or None when the package has none."""
    return PartyFilter.load() if MODEL_PATH.exists() else None


def judged(token: Token, actor_tokens: set[int]) -> bool:
    """Whether the filter judges a head at all: a pronoun, a noun of people, troops or bodies
    ("the victim", "police", "the government") and a phrase naming its actor ("Hezbollah's
    rockets") name an actor by definition."""
    if token.lower_ in PRONOUNS or token.pos_ == "PRON":
        return False
    if load_lexicon().classes_of(token.lemma_.lower()) & PARTY_CLASSES:
        return False
    return not names_owner(token, actor_tokens)


def partitive_whole(token: Token) -> Token:
    """The noun a number or "one" picks from ("one of the explosive devices", "seven of these
    bombs"): the party is what that noun names, so the filter judges it; else ``token``."""
    if token.lower_ != "one" and token.pos_ != "NUM":
        return token
    prep = next((c for c in token.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    whole = next((c for c in prep.children if c.dep_ == "pobj"), None) if prep else None
    return whole if whole is not None else token


def _struck(mention: Mention, token: Token, role: str) -> bool:
    """A building a bombing, an arson or a raid hit, not one shots were fired at: those hit
    the people inside (GVDB codes them, as it does for a home)."""
    return mention.mode != "firearms" and struck_structure(token, role)


def filter_parties(mentions: list[Mention], actor_tokens: set[int]) -> None:
    """Empty each mention's source or target whose head names no actor. Parties the rules
    split between two actors ("talks between X and Y") are left as they are."""
    model = load_party_filter()
    for mention in mentions:
        if mention.reciprocal_split:
            continue
        for role in ROLES if mention.type in SCOPE else ("source",):
            party = getattr(mention, role)
            token = partitive_whole(party) if party is not None else None
            if token is None or not judged(token, actor_tokens) or _struck(mention, token, role):
                continue
            if role == "source" and token.i == mention.anchor.i:
                # "Clashes along the border killed 100 people": the killing folded into the
                # clashes took their own word as its doer; an act names no doer by itself
                # (one whose phrase names its owner, "Hezbollah's strikes", is not judged)
                mention.source = None
                mention.parties_filtered = True
                continue
            names = features(token, role, actor_tokens)
            for record in _recorders:
                record(token, role, names)
            if model is not None and not model.keeps(names):
                setattr(mention, role, None)
                mention.parties_filtered = True  # the event stays, with that role empty


def recording(recorder: Recorder | None) -> None:
    """Install (or with None, remove) a recorder of every judged head (training only)."""
    _recorders.clear()
    if recorder is not None:
        _recorders.append(recorder)
