"""The doer of an act a charge names: "X was charged with murder in the shooting of Y" makes
X the murder's (and the shooting's) source, as the charge alleges. The event stays attributed
to the charge's statement (``attributed_to``), so the record never asserts it as the outlet's
fact; the verbs and types are data (``data/en/accused_doers.yaml``)."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml
from spacy.tokens import Token

from ..tokens import has_head
from .roles import child, is_passive, passive_patient

DATA = Path(__file__).parent / "data" / "en" / "accused_doers.yaml"
# the act, or an act in the charged act's phrase ("murder in the shooting of Y"): two steps up
MAX_HOPS = 2


@dataclass(frozen=True, slots=True)
class AccusationFrames:
    verbs: dict[str, frozenset[str]]  # accusing verb lemma -> prepositions of the act charged
    types: frozenset[str]  # event types whose doer the accused is
    # accusing verb lemma -> prepositions of the accused when the act is the verb's object or
    # passive subject ("the attack was blamed on X")
    act_objects: dict[str, frozenset[str]] = field(default_factory=dict)

    @property
    def configured(self) -> bool:
        return bool(self.verbs or self.act_objects)


@lru_cache(maxsize=1)
def load_frames(path: Path = DATA) -> AccusationFrames:
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return AccusationFrames(
        _preps_by_verb(data.get("verbs")),
        frozenset(data.get("types") or ()),
        _preps_by_verb(data.get("act_objects")),
    )


def _preps_by_verb(entries: dict[str, list[str]] | None) -> dict[str, frozenset[str]]:
    return {lemma: frozenset(preps) for lemma, preps in (entries or {}).items()}


def accused_doer(anchor: Token, frames: AccusationFrames) -> Token | None:
    """The person an accusing verb charges with the act at ``anchor``: its object ("charged
    X with murder"), or its passive subject ("X was charged with murder", "a man charged in
    the shooting"), or the object of the preposition an act-object frame names ("the attack
    was blamed on X"). None when the act is in no such frame."""
    blamed_on = _accused_of_act_object(anchor, frames)
    if blamed_on is not None:
        return blamed_on
    token = anchor
    for _ in range(MAX_HOPS):
        prep = token.head
        if token.dep_ not in ("pobj", "pcomp") or prep.dep_ != "prep" or not has_head(token):
            return None
        holder = prep.head
        preps = frames.verbs.get(holder.lemma_.lower())
        if preps is not None and holder.pos_ in ("VERB", "AUX"):
            if prep.lower_ not in preps:
                return None
            return passive_patient(holder) if is_passive(holder) else child(holder, "dobj")
        if holder.pos_ != "NOUN":
            return None
        token = holder  # "murder in the shooting": the act charged is the noun above
    return None


def _accused_of_act_object(act: Token, frames: AccusationFrames) -> Token | None:
    """ "officials blamed the attack on X", "the attack was blamed on X": X, the object of the
    frame's preposition on the verb whose object or passive subject the act is."""
    verb = act.head
    if act.dep_ not in ("dobj", "nsubjpass"):
        # "an attack attributed to X": the frame's participle on the act
        verb = next((c for c in act.children if c.dep_ == "acl"), act)
    preps = frames.act_objects.get(verb.lemma_.lower())
    if preps is None or verb.pos_ not in ("VERB", "AUX"):
        return None
    if any(c.dep_ == "neg" for c in verb.children):
        return None  # "did not attribute the shooting to either side" charges no one
    for prep in verb.children:
        accused = child(prep, "pobj") if prep.dep_ == "prep" and prep.lower_ in preps else None
        if accused is not None:
            return accused
    return None


def accused_party(verb: Token, frames: AccusationFrames) -> Token | None:
    """The party an accusing verb accuses where it names the charge with its frame's
    preposition ("accused X of abuses against civilians", "blamed X for the attack", "X was
    accused of ..."): its object or passive subject. CAMEO 112 codes the accused as the
    target, never a party inside the charge (the civilians), which an object the lexicon's
    classes do not name ("the insurgents") would otherwise yield to."""
    preps = frames.verbs.get(verb.lemma_.lower())
    if preps is None or verb.pos_ not in ("VERB", "AUX"):
        return None
    accused = passive_patient(verb) if is_passive(verb) else child(verb, "dobj")
    if accused is None:
        return None
    holders = (verb, accused, *accused.conjuncts)
    charged = any(c.dep_ == "prep" and c.lower_ in preps for h in holders for c in h.children)
    return accused if charged else None
