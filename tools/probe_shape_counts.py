"""How often each sentence shape of the session-13 probe occurs in the fit parts of RAMS,
WikiEvents, MUC-4, GVDB and ConfliBERT CAMEO (docs/events.md, "Session 13 probe"): the fit
support of its rules, counted with the rules' own tests on our parse.

    python tools/probe_shape_counts.py            # counts per shape and set
    python tools/probe_shape_counts.py --show     # also each sentence

Held-out documents are never read here. Shapes: a gapped passive conjunct ("nine were killed
and 30 others wounded", ``roles.gapped_passive_conjunct``), a backer's compound in a party
phrase ("Iranian-backed Houthis", ``doers.after_backer``), a weapon named by its user ("a bomb
planted by the rebels", ``doers.weapon_user``), the clause of a denial ("denied that ...",
``roles.denied_clause``), a retaking ("recaptured 18 villages"), a clause after the last
of casualty conjuncts ("were killed and 30 wounded when ...", ``folds.casualty_host``), and a
weapon's use participle on the active subject of a verb ("a drone launched from Yemen hit
Eilat", ``doers.weapon_use_clause``); probe B: a single person as a casualty's patient ("a
man was killed", ``magnitude.one_person``) and a list of victims each with its count ("two
soldiers and a civilian", summed in ``magnitude.quantity_of``); session 15 (toll15): a casualty
clause with its own subject after "after"/"before"/"since"/"until" ("attacked a ship, hours
after American strikes killed 31", ``folds.is_earlier_or_later_act``) and an attack with a fatal
result ("were shot to death", ``magnitude.fatal_result``).
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))  # the sibling tools it reuses

from muc4_role_misses import fit_records
from spacy.tokens import Token

from newsgraph.components.events.doers import after_backer, weapon_use_clause, weapon_user
from newsgraph.components.events.folds import is_earlier_or_later_act
from newsgraph.components.events.lexicon import Lexicon, load_lexicon
from newsgraph.components.events.magnitude import fatal_result, one_person, quantity_of
from newsgraph.components.events.roles import denied_clause, gapped_passive_conjunct
from newsgraph.eval import conflibert, gvdb, rams, wikievents
from newsgraph.eval.annotate import official_parts
from newsgraph.eval.base import FIT, by_part, part_members, shared_eval_dir
from newsgraph.nlp import get_pipeline

RETAKING = frozenset({"recapture", "retake"})


def fit_texts() -> Iterator[tuple[str, str]]:
    """(set, text) of each fit document or sentence."""
    data = shared_eval_dir()
    documents, _ = rams.read_gold(data / rams.DEFAULT_DATA / rams.DEV_FILE)
    yield from (("rams", d.text) for d in by_part(documents, lambda d: d.id, FIT)[FIT])
    wiki = wikievents.read_gold(data / wikievents.DEFAULT_DATA)
    train, dev = official_parts(wiki, wikievents.TRAIN_CAP)
    yield from (("wikievents", d.text) for d in part_members(dev, train, FIT))
    yield from (("muc4", r["doctext"]) for r in fit_records())
    articles = gvdb.read_gold(data / gvdb.DEFAULT_DATA / gvdb.DEV_FILE)
    yield from (("gvdb", a.text) for a in by_part(articles, lambda a: a.id, FIT)[FIT])
    sentences = conflibert.read_gold(data / conflibert.DEFAULT_DATA)
    yield from (("conflibert", s.text) for s in by_part(sentences, lambda s: s.key)[FIT])


def _backer(token: Token, lex: Lexicon) -> bool:
    return token.pos_ in ("NOUN", "PROPN") and after_backer(token, token.left_edge.i, lex) > (
        token.left_edge.i
    )


def _closes_casualties(token: Token, lex: Lexicon) -> bool:
    """A conjunct of a casualty verb with an adverbial clause of its own."""
    sense = lex.verbs.get(token.head.lemma_.lower())
    return (
        token.dep_ == "conj"
        and token.pos_ == "VERB"
        and sense is not None
        and bool(sense.casualty)
        and any(c.dep_ == "advcl" for c in token.children)
    )


def _casualty_patient(token: Token, lex: Lexicon) -> bool:
    sense = lex.verbs.get(token.head.lemma_.lower())
    return token.dep_ in ("dobj", "nsubjpass") and sense is not None and bool(sense.casualty)


def _one_casualty(token: Token, lex: Lexicon) -> bool:
    """A single person ("a man") as the patient of a casualty verb: counted one."""
    return (
        _casualty_patient(token, lex)
        and not token.conjuncts
        and one_person(token, lex.magnitude) is not None
    )


def _counted_list(token: Token, lex: Lexicon) -> bool:
    """A casualty verb's list of victims, each with its count: counted as their sum."""
    found = quantity_of(token, lex.magnitude) if _casualty_patient(token, lex) else None
    return bool(token.conjuncts) and found is not None and found[0]["text"].count(" and ") > 0


def _sequence_casualty(token: Token, lex: Lexicon) -> bool:
    """A casualty verb with its own subject in an "after"/"before" clause: an act of its own."""
    sense = lex.verbs.get(token.lemma_.lower())
    return sense is not None and bool(sense.casualty) and is_earlier_or_later_act(token)


def _fatal_attack(token: Token, lex: Lexicon) -> bool:
    """An attack verb with a fatal result phrase ("shot to death"): its patient counted killed."""
    sense = lex.verbs.get(token.lemma_.lower())
    return sense is not None and sense.type == "ASSAULT" and fatal_result(token, lex.magnitude)


SHAPES: dict[str, Callable[[Token, Lexicon], bool]] = {
    "gapped passive conjunct": lambda t, lex: gapped_passive_conjunct(t),
    "backer compound": _backer,
    "weapon with its user": lambda t, lex: weapon_user(t, lex) is not None,
    "denied clause": lambda t, lex: t.pos_ in ("VERB", "AUX") and denied_clause(t, lex),
    "retaking": lambda t, lex: t.pos_ == "VERB" and t.lemma_.lower() in RETAKING,
    "clause after casualty conjuncts": _closes_casualties,
    "weapon launched in its attack's clause": lambda t, lex: weapon_use_clause(t, lex) is not None,
    "one person as a casualty's patient": _one_casualty,
    "list of counted victims": _counted_list,
    "casualty clause after a sequence conjunction": _sequence_casualty,
    "attack with a fatal result": _fatal_attack,
}


def shape_cases(texts: list[tuple[str, str]]) -> Iterator[tuple[str, str, str]]:
    """(shape, set, sentence) for each token a shape's test accepts."""
    lex = load_lexicon()
    docs = get_pipeline().pipe([text for _, text in texts], batch_size=16)
    for (name, _), doc in zip(texts, docs, strict=True):
        for token in doc:
            for shape, test in SHAPES.items():
                if test(token, lex):
                    yield shape, name, token.sent.text.replace("\n", " ")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show", action="store_true", help="print each sentence")
    args = parser.parse_args()
    counts: Counter[tuple[str, str]] = Counter()
    for shape, name, sentence in shape_cases(list(fit_texts())):
        counts[shape, name] += 1
        if args.show:
            print(f"[{shape}] {name}: {sentence[:200]}")
    for shape in SHAPES:
        found = {name: n for (s, name), n in counts.items() if s == shape}
        print(f"{shape}: {sum(found.values())} {dict(sorted(found.items()))}")


if __name__ == "__main__":
    main()
