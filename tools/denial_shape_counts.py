"""How often a report's content is the speaker's own negated act (CAMEO 016 "deny
responsibility" worded as "said it did not fire", "said its forces were not involved", "said it
carried out no operation") in the fit parts of PolNeAR (train and the fit part of dev), the
event sets and ConfliBERT CAMEO (with each sentence's gold pentacode): the fit support of
``acts._denies_own_act`` (docs/quotes.md, session 14).

    python tools/denial_shape_counts.py            # counts per set (and pentacode)
    python tools/denial_shape_counts.py --show     # also each statement

Held-out documents are never read. Sentences are prefiltered (a reporting word and a negation)
and annotated one by one, so an actor named only in an earlier sentence is not the speaker's
side here: the counts are of pronoun or possessive subjects and sides named in the sentence.
Each found statement is counted by what made it a denial before the rule: its cue ("denied
that ..."), a ``denial_patterns`` phrase ("nothing to do with", "did not fire"), or nothing
("new": the rule's change, a claim before).
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))  # the sibling tools it reuses

from probe_shape_counts import fit_texts
from spacy.tokens import Doc

from newsgraph import extensions
from newsgraph.components.quotes.acts import _denies_own_act, _Sides, content_tokens
from newsgraph.components.quotes.lexicon import QuoteKnowledge, load_knowledge
from newsgraph.eval import conflibert
from newsgraph.eval.base import FIT, by_part, shared_eval_dir
from newsgraph.eval.polnear import articles
from newsgraph.model import Statement
from newsgraph.nlp import get_pipeline

_REPORT = re.compile(r"\b(?:said|says|say|told|tells|stated|added|insisted|maintained)\b", re.I)
_NEGATION = re.compile(r"\b(?:not|no|never)\b|n't\b", re.I)
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"“])")


def polnear_fit_texts() -> Iterator[tuple[str, str]]:
    data = shared_eval_dir() / "polnear"
    yield from (("polnear", a.text) for a, _ in articles(data, "train"))
    dev = by_part(articles(data, "dev"), lambda item: item[0].id, FIT)[FIT]
    yield from (("polnear", a.text) for a, _ in dev)


def candidate_sentences(texts: Iterator[tuple[str, str]]) -> Iterator[tuple[str, str]]:
    """(set, sentence) for each sentence with a reporting word and a negation."""
    for name, text in texts:
        for sentence in _SENTENCE.split(text.replace("\n", " ")):
            if _REPORT.search(sentence) and _NEGATION.search(sentence):
                yield name, sentence


def _denial_before(doc: Doc, statement: Statement, knowledge: QuoteKnowledge) -> str:
    """What made the statement a denial without the rule: "cue", "pattern" or "new"."""
    span = doc.char_span(statement.cue.start, statement.cue.end, alignment_mode="expand")
    entry = knowledge.verbs.get(span.root.lemma_.lower()) if span is not None else None
    if entry is not None and entry.act == "denial":
        return "cue"
    text = " ".join(piece.text for piece in statement.content).lower()
    return "pattern" if any(p.search(text) for p in knowledge.denial_patterns) else "new"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show", action="store_true", help="print each statement")
    args = parser.parse_args()
    labels = {
        s.key: s.label
        for s in by_part(
            conflibert.read_gold(shared_eval_dir() / conflibert.DEFAULT_DATA), lambda s: s.key
        )[FIT]
    }
    sentences = list(candidate_sentences(iter([*polnear_fit_texts(), *fit_texts()])))
    print(f"candidate sentences: {len(sentences)} {dict(Counter(n for n, _ in sentences))}")
    knowledge = load_knowledge()
    counts: Counter[tuple[str, str, str]] = Counter()
    docs = get_pipeline().pipe([s for _, s in sentences], batch_size=32)
    for (name, sentence), doc in zip(sentences, docs, strict=True):
        sides = _Sides(doc)
        for statement in extensions.get_list(doc, "ng_statements"):
            if statement.act not in ("claim", "denial"):
                continue
            tokens = content_tokens(doc, statement)
            if not _denies_own_act(tokens, knowledge, sides, statement.speaker.actor):
                continue
            before = _denial_before(doc, statement, knowledge)
            label = labels.get(conflibert.sentence_key(sentence)) if name == "conflibert" else ""
            counts[name, before, str(label)] += 1
            if args.show:
                content = " ".join(p.text for p in statement.content)
                print(f"[{name} {label}] {before}: {content[:120]!r} | {sentence[:200]}")
    for (name, before, label), n in sorted(counts.items()):
        print(f"{name} denial before: {before}, pentacode {label or '-'}: {n}")


if __name__ == "__main__":
    main()
