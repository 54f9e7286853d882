"""How often the object of a participle after a support-verb attack is the gold target.

"carried out air strikes in X, killing Y": a verb of ``support_verbs`` with an ASSAULT noun as
its object, and a participle with an object after that noun, below the verb. For each such
participle, on the fit parts of ConfliBERT, RAMS, WikiEvents and GVDB: whether the attack has
an aimed phrase of its own (on, against, at, toward, into, on the verb or the noun), and whether
the participle's object lies in a gold target (ConfliBERT, RAMS, WikiEvents) or victim (GVDB)
of the sentence. Session 11 ("blamed11", docs/events.md) counted with it.

    python tools/support_participle_targets.py [--list]
"""

from __future__ import annotations

import argparse
import re
from collections import Counter
from collections.abc import Iterator
from typing import Any

from spacy.tokens import Span, Token

from newsgraph.components.events.lexicon import Lexicon, load_lexicon
from newsgraph.components.events.triggers import noun_sense
from newsgraph.eval import conflibert, gvdb, rams, wikievents
from newsgraph.eval.annotate import official_parts
from newsgraph.eval.arguments import Range
from newsgraph.eval.base import FIT, by_part, part_members, shared_eval_dir
from newsgraph.nlp import get_pipeline

AIMED = frozenset({"on", "against", "at", "toward", "towards", "into"})
PARTICIPLE_CLAUSE = re.compile(r",\s*\w+ing\b")  # texts without one need no parse


def fit_texts() -> Iterator[tuple[str, str, Any]]:
    """(set, text, gold) for every fit item of the four sets."""
    root = shared_eval_dir()
    for sentence in by_part(
        conflibert.read_gold(root / conflibert.DEFAULT_DATA), lambda s: s.key, FIT
    )[FIT]:
        yield "conflibert", sentence.text, sentence
    documents, _ = rams.read_gold(root / rams.DEFAULT_DATA / rams.DEV_FILE)
    for document in by_part(documents, lambda d: d.id, FIT)[FIT]:
        yield "rams", document.text, document
    train, dev = official_parts(
        wikievents.read_gold(root / wikievents.DEFAULT_DATA), wikievents.TRAIN_CAP
    )
    for document in part_members(dev, train, FIT):
        yield "wikievents", document.text, document
    articles = gvdb.read_gold(root / gvdb.DEFAULT_DATA / gvdb.DEV_FILE)
    for article in by_part(articles, lambda a: a.id, FIT)[FIT]:
        yield "gvdb", article.text, article


def gold_aims(name: str, gold: Any, sent: Span) -> list[Range]:
    """The gold targets (victims for GVDB) that count for ``sent``."""
    if name == "conflibert":
        return list(gold.roles.get("target", []))
    if name == "gvdb":
        return [span for entity in gold.roles.get("victim", []) for span in entity]
    return [
        span
        for event in gold.events
        if sent.start_char <= event.trigger[0] < sent.end_char
        for span in event.arguments.get("target", [])
    ]


def support_participles(sent: Span, lex: Lexicon) -> Iterator[tuple[Token, Token, Token, Token]]:
    """(verb, attack noun, participle, its object) for each participle after the attack."""
    for verb in sent:
        lemma = verb.lemma_.lower()
        if verb.pos_ != "VERB" or not {lemma, f"{lemma} out"} & set(lex.support_verbs):
            continue  # "carry out" is listed whole
        noun = next((c for c in verb.children if c.dep_ == "dobj"), None)
        sense = noun_sense(noun, lex) if noun is not None else None
        if noun is None or sense is None or sense.type != "ASSAULT":
            continue
        for part in verb.subtree:
            obj = next((c for c in part.children if c.dep_ == "dobj"), None)
            if part.tag_ == "VBG" and part.i > noun.i and part.dep_ != "amod" and obj is not None:
                yield verb, noun, part, obj


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--list", action="store_true", help="print each sentence (fit only)")
    args = parser.parse_args()
    lex = load_lexicon()
    nlp = get_pipeline()
    # the parse as the pipeline sees it (datelines cut before the parser), no components after
    parse_only = [p for p in nlp.pipe_names if p.startswith("newsgraph_") and "dateline" not in p]
    counts: Counter[tuple[str, str, str]] = Counter()
    for name, text, gold in fit_texts():
        if not PARTICIPLE_CLAUSE.search(text):
            continue
        for sent in nlp(text, disable=parse_only).sents:
            aims = gold_aims(name, gold, sent)
            for verb, noun, part, obj in support_participles(sent, lex):
                heads = (*verb.children, *noun.children)
                own = any(c.dep_ == "prep" and c.lower_ in AIMED for c in heads)
                found = any(a <= obj.idx < b for a, b in aims)
                kind = "gold" if found else ("no gold target" if not aims else "gold elsewhere")
                key = (name, "own target" if own else "no target", kind)
                counts[key] += 1
                if args.list:
                    print(key, part.lemma_, "|", sent.text.replace("\n", " ")[:200])
    for key, count in sorted(counts.items()):
        print(*key, count, sep="\t")


if __name__ == "__main__":
    main()
