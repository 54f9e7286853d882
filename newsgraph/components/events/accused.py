"""The doer of an act a charge names: "X was charged with murder in the shooting of Y" makes
X the murder's (and the shooting's) source, as the charge alleges. The event stays attributed
to the charge's statement (``attributed_to``), so the record never asserts it as the outlet's
fact; the verbs and types are data (``data/en/accused_doers.yaml``)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml
from spacy.tokens import Token

from .roles import child, is_passive, passive_patient

DATA = Path(__file__).parent / "data" / "en" / "accused_doers.yaml"
# the act, or an act in the charged act's phrase ("murder in the shooting of Y"): two steps up
MAX_HOPS = 2


@dataclass(frozen=True, slots=True)
class AccusationFrames:
    verbs: dict[str, frozenset[str]]  # accusing verb lemma -> prepositions of the act charged
    types: frozenset[str]  # event types whose doer the accused is


@lru_cache(maxsize=1)
def load_frames(path: Path = DATA) -> AccusationFrames:
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    verbs = {lemma: frozenset(preps) for lemma, preps in (data.get("verbs") or {}).items()}
    return AccusationFrames(verbs, frozenset(data.get("types") or ()))


def accused_doer(anchor: Token, frames: AccusationFrames) -> Token | None:
    """The person an accusing verb charges with the act at ``anchor``: its object ("charged
    X with murder"), or its passive subject ("X was charged with murder", "a man charged in
    the shooting"). None when the act is no prepositional complement of such a verb."""
    token = anchor
    for _ in range(MAX_HOPS):
        prep = token.head
        if token.dep_ not in ("pobj", "pcomp") or prep.dep_ != "prep" or prep is token:
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
