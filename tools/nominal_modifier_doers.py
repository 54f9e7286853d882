"""Is an actor modifier of a nominal trigger its doer? Counts on the fit parts (RAMS, WikiEvents).

    python tools/nominal_modifier_doers.py          # counts by trigger kind and modifier kind
    python tools/nominal_modifier_doers.py --show   # also each case (fit part only)

Held-out documents are never read. For every fit gold trigger whose head is a noun, each left
modifier of it (``compound``, ``amod``, ``poss``) that names an actor is one unit, sorted by
whether it overlaps a gold ``source`` span, a gold ``target`` span, or neither; and by the
trigger's kind (attack-like: a gold PLOVER type of ASSAULT, COERCE or THREATEN) and the
modifier's kind:

- ``possessive``: a ``poss`` modifier (the rules' ``noun_source`` takes it already);
- ``named``: a PERSON/ORG/NORP/GPE entity or a proper noun (taken already too);
- ``actor noun``: a common noun or adjective the actor descriptions list as an actor head,
  description modifier or demonym head (``actor_descriptions.yaml``): "rebel shelling",
  "army raid" (what a new rule would take).

MUC-4 and ConfliBERT mark no triggers (templates, sentence codes), so they have no such units.
"""

from __future__ import annotations

import argparse
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from newsgraph.components.actors.kb import load_description_rules
from newsgraph.eval import rams, wikievents
from newsgraph.eval.annotate import official_parts, overlaps
from newsgraph.eval.arguments import GoldEvent
from newsgraph.eval.base import FIT, by_part, part_members, shared_eval_dir
from newsgraph.nlp import load_spacy_model

ACTOR_SLOTS = ("military", "state")  # demonym heads that name the state or its forces
ROLES = ("source", "target", "neither (gold source elsewhere)", "neither")
ATTACK_LIKE = frozenset({"ASSAULT", "COERCE", "THREATEN"})
MODIFIER_DEPS = frozenset({"compound", "amod", "poss"})
NAMED_ENTS = frozenset({"PERSON", "ORG", "NORP", "GPE"})


@dataclass(slots=True)
class FitDocument:
    id: str
    text: str
    events: list[GoldEvent]


def fit_documents() -> Iterator[tuple[str, FitDocument]]:
    """(set name, document) for the fit documents of RAMS and WikiEvents."""
    root = shared_eval_dir()
    documents, _ = rams.read_gold(root / rams.DEFAULT_DATA / rams.DEV_FILE)
    for d in by_part(documents, lambda d: d.id, FIT)[FIT]:
        yield "rams", FitDocument(d.id, d.text, d.events)
    train, dev = official_parts(wikievents.read_gold(root / wikievents.DEFAULT_DATA),
                                wikievents.TRAIN_CAP)  # fmt: skip
    for d in part_members(dev, train, FIT):
        yield "wikievents", FitDocument(d.id, d.text, d.events)


def modifier_kind(token: Token, actor_words: frozenset[str]) -> str | None:
    if token.dep_ == "poss":
        return "possessive"
    if token.ent_type_ in NAMED_ENTS or token.pos_ == "PROPN":
        return "named"
    if token.lemma_.lower() in actor_words or token.lower_ in actor_words:
        return "actor noun"
    return None


def gold_role(token: Token, gold: GoldEvent) -> str:
    span = (token.idx, token.idx + len(token))
    for role in ("source", "target"):
        if any(overlaps(span, g) for g in gold.arguments.get(role, [])):
            return role
    # "neither" split by whether the gold marks a source at all (RAMS: maybe in another sentence)
    return "neither (gold source elsewhere)" if gold.arguments.get("source") else "neither"


def units(doc: Doc, gold: GoldEvent, actor_words: frozenset[str]) -> Iterator[tuple[Token, str]]:
    """(modifier, modifier kind) for the actor modifiers left of a nominal gold trigger."""
    span = doc.char_span(gold.trigger[0], gold.trigger[1], alignment_mode="expand")
    if span is None:
        return
    head = span.root
    if head.pos_ not in ("NOUN", "PROPN"):
        return
    for c in head.children:
        kind = modifier_kind(c, actor_words) if c.dep_ in MODIFIER_DEPS and c.i < head.i else None
        if kind is not None:
            yield c, kind


def actor_modifier_words() -> frozenset[str]:
    """One-word nouns that name a group actor in the actor descriptions (not a person's role):
    their heads ("army", "militia", "rebels") and the demonym heads that name a state or its
    forces ("troops", "government"), each in its singular too ("rebel shelling")."""
    rules = load_description_rules()
    words = {w[0] for w, head in rules.heads.items() if len(w) == 1 and not head.is_person}
    words |= {
        w[0] for w, slot in rules.demonym_heads.items() if len(w) == 1 and slot in ACTOR_SLOTS
    }
    return frozenset(words | {w[:-1] for w in words if w.endswith("s") and len(w) > 4})


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--show", action="store_true", help="print each case")
    options = parser.parse_args()
    nlp = load_spacy_model()
    words = actor_modifier_words()
    counts: Counter[tuple[str, str, str]] = Counter()
    for name, document in fit_documents():
        doc = nlp(document.text)
        for gold in document.events:
            trigger = "attack-like" if ATTACK_LIKE & set(gold.types) else "other"
            for token, kind in units(doc, gold, words):
                role = gold_role(token, gold)
                counts[trigger, kind, role] += 1
                if options.show:
                    text = document.text[gold.trigger[0] : gold.trigger[1]]
                    print(f"{name} {document.id} {trigger} {kind} {token.text!r} {text!r}: {role}")
    for trigger in ("attack-like", "other"):
        for kind in ("possessive", "named", "actor noun"):
            row = {role: counts[trigger, kind, role] for role in ROLES}
            print(f"{trigger:12s} {kind:11s} " + ", ".join(f"{r} {n}" for r, n in row.items()))


if __name__ == "__main__":
    main()
