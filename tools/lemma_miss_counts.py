"""How often the small model leaves an irregular form of a lexicon verb as its own lemma
("Soldiers retook the village": lemma "retook", tagged VBP), in the fit texts of RAMS,
WikiEvents, MUC-4, GVDB and ConfliBERT CAMEO (``probe_shape_counts.fit_texts``) and the
PolNeAR train texts: the support of ``irregular.irregular_lemmas`` (docs/events.md,
"Session 14: lemma14").

    python tools/lemma_miss_counts.py [--limit N] [--show]

A token counts when its lemma is its word, the trigger lookup's suffix guesses
(``triggers._lemma_guesses``) find no lexicon verb or noun, and a guess from the pipeline
lemmatizer's exception table (the word itself, or a verb prefix plus the rest) does. Counted
by part of speech, by whether the table has the word itself, and, for a token tagged NOUN, by
whether it has a subject and an object (a verb the tagger missed). Held-out documents are
never read here.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from collections.abc import Iterator
from itertools import islice
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))  # the sibling tools it reuses

from probe_shape_counts import fit_texts
from spacy.tokens import Token

from newsgraph.components.events import irregular
from newsgraph.components.events.lexicon import Lexicon, load_lexicon
from newsgraph.components.events.triggers import _lemma_guesses
from newsgraph.eval import polnear
from newsgraph.eval.base import shared_eval_dir
from newsgraph.nlp import load_spacy_model


def all_texts() -> Iterator[tuple[str, str]]:
    yield from fit_texts()
    for article, _ in polnear.articles(shared_eval_dir() / polnear.DEFAULT_DATA, "train"):
        yield "polnear-train", article.text


def _in_lexicon(key: str, lex: Lexicon) -> bool:
    return key in lex.verbs or key in lex.nouns


def miss_kind(token: Token, lex: Lexicon) -> str | None:
    """The kind of a lemmatizer miss the exception table mends, or None."""
    word, lemma = token.lower_, token.lemma_.lower()
    if lemma != word or any(_in_lexicon(g, lex) for g in _lemma_guesses(lemma, word)):
        return None
    guesses = irregular.irregular_lemmas(word)
    if not any(_in_lexicon(g, lex) for g in guesses):
        return None
    source = "table" if irregular.listed_form(word) else "prefix"
    if token.pos_ != "NOUN":
        return f"{token.pos_}/{token.tag_} {source}"
    deps = {c.dep_ for c in token.children}
    shape = "with subject and object" if {"nsubj", "dobj"} <= deps else "other"
    return f"NOUN {source} {shape}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--limit", type=int, default=None, help="first N texts only")
    parser.add_argument("--show", action="store_true", help="print each counted sentence")
    args = parser.parse_args()
    nlp = load_spacy_model(None)
    irregular.use_lemma_exceptions(irregular.read_lemma_exceptions(nlp))
    lex = load_lexicon()
    kinds: Counter[tuple[str, str]] = Counter()
    words: Counter[str] = Counter()
    texts = list(islice(all_texts(), args.limit))
    docs = nlp.pipe((t for _, t in texts), disable=["ner"], batch_size=32)
    for (name, _), doc in zip(texts, docs, strict=True):
        for token in doc:
            kind = miss_kind(token, lex)
            if kind is None:
                continue
            kinds[name, kind] += 1
            words[f"{token.lower_} ({token.pos_})"] += 1
            if args.show:
                print(f"[{name}] {kind}: {token.sent.text.strip()}")
    for (name, kind), n in sorted(kinds.items()):
        print(f"{name:15} {kind:40} {n}")
    print("total", sum(kinds.values()))
    print("words:", ", ".join(f"{w} {n}" for w, n in words.most_common()))


if __name__ == "__main__":
    main()
