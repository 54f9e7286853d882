"""PolNeAR attributions we miss entirely, by the shape of their cue; and which cue words the data
would support.

    python tools/polnear_miss_shapes.py [--split fit|train] [--limit N] [--show SHAPE] [--json]
    python tools/polnear_miss_shapes.py --words [--min-count 4] [--min-share 0.5]

The first form reads the fit part of dev (or the first N train articles; never the held-out
part) with ``polnear_content_misses.parsed_articles``, runs ``extract_statements`` and gives
every gold attribution that no predicted cue overlaps (no boundary question: nothing of ours is
there) every shape that applies (``cue_shapes``; one attribution can have several): its head
lemma outside the cue lexicon, a noun cue (a speech noun such as "claim", "view" or another
noun), "according to", "in a statement", a cognition verb, a content in another sentence than
its cue (a free quote whose speaker is sentences away), a colon between cue and content ("X:
'...'"), a passive, a negation or a modal on the cue, a question, a copula or adjective
predicate ("was sure", "is against"), no clausal complement, inside a quoted passage, the
headline.

``--words`` reads only gold text (no parse): for every word form outside quoted passages, how
often it occurs in PolNeAR train and in the fit part and how often it lies inside a gold cue,
and lists the forms whose lemma is not in the cue lexicon with at least ``--min-count`` train
occurrences, of which at least ``--min-share`` are cues: the candidates a lexicon entry could be
drawn from (a rule needs three fit sentences, right on most).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from pathlib import Path

from spacy.tokens import Doc

sys.path.insert(0, str(Path(__file__).resolve().parent))

from polnear_content_misses import parsed_articles
from polnear_cue_misses import _COGNITION, cue_head

from newsgraph.components.quotes.lexicon import QuoteKnowledge, load_knowledge
from newsgraph.components.quotes.spans import quotes_of
from newsgraph.eval.polnear import Pieces

# nouns that name something said or thought ("the claim that", "his view", "a statement")
SPEECH_NOUNS = frozenset(
    {"statement", "claim", "comment", "remark", "view", "criticism", "question", "allegation",
     "assertion", "argument", "warning", "promise", "pledge", "proposal", "acknowledgment",
     "admission", "belief", "accusation", "demand", "suggestion", "advice", "message", "answer",
     "response", "rhetoric", "complaint", "charge", "insistence", "emphasis", "opinion",
     "position", "stance", "idea", "notion", "assessment", "prediction", "report", "interview",
     "tweet", "speech", "letter", "plan", "call"}
)  # fmt: skip
_CLAUSE_DEPS = frozenset({"ccomp", "xcomp", "parataxis", "csubj"})
_QUOTED = re.compile(r"[“\"][^”\"]{0,4000}[”\"]")
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")


def cue_shapes(
    doc: Doc, text: str, cue: Pieces, content: Pieces, knowledge: QuoteKnowledge
) -> list[str]:
    """Every shape of the brief that applies to one gold attribution (cue and content pieces)."""
    shapes = []
    words = " ".join(text[s:e] for s, e in cue).lower()
    if "according" in words:
        shapes.append('"according to"')
    if "statement" in words:
        shapes.append('"in a statement"')
    head = cue_head(doc, cue)
    if head is None:
        return [*shapes, "no token"]
    lemma = head.lemma_.lower()
    if head.sent.start == 0 and "\n" in text[: head.sent.end_char + 2]:
        shapes.append("headline")
    if any(q.inner_start <= head.idx < q.inner_end for q in quotes_of(doc)):
        shapes.append("inside a quote")
    if head.pos_ in ("NOUN", "PROPN"):
        shapes.append("noun cue: speech noun" if lemma in SPEECH_NOUNS else "noun cue: other")
    elif lemma in _COGNITION:
        shapes.append("cognition verb")
    if lemma not in knowledge.verbs and lemma not in knowledge.nouns:
        shapes.append("lemma not in the cue lexicon")
    if lemma == "be" or head.pos_ == "ADJ" or any(c.dep_ == "acomp" for c in head.children):
        shapes.append("copula or adjective predicate")
    if any(c.dep_ in ("auxpass", "nsubjpass") for c in head.children):
        shapes.append("passive")
    if any(c.dep_ == "neg" for c in head.children):
        shapes.append("negated")
    if any(c.tag_ == "MD" for c in head.children):
        shapes.append("modal")
    if head.sent.text.rstrip().rstrip("”\"’'").endswith("?"):
        shapes.append("in a question")
    if not any(c.dep_ in _CLAUSE_DEPS for c in head.children):
        shapes.append("no clausal complement")
    if content:
        cue_end, start = cue[-1][1], content[0][0]
        if cue_end <= start and ":" in text[cue_end:start]:
            shapes.append("colon quote")
        first = doc.char_span(start, start + 1, alignment_mode="expand")
        if first is not None and len(first) and first[0].sent.start != head.sent.start:
            shapes.append("content in another sentence")
    return shapes


def missed_records(rows: list[tuple]) -> list[dict]:
    """One record per gold attribution that no predicted cue overlaps."""
    from newsgraph.components.quotes.component import extract_statements
    from newsgraph.eval.polnear import normalised_attribution, overlap, statement_attribution

    knowledge = load_knowledge()
    records = []
    for article_id, text, gold, doc in rows:
        ours = [
            normalised_attribution(text, statement_attribution(s)).cue
            for s in extract_statements(doc, knowledge)
        ]
        for attribution in gold:
            attribution = normalised_attribution(text, attribution)
            if not attribution.cue or any(overlap(attribution.cue, c) for c in ours):
                continue
            head = cue_head(doc, attribution.cue)
            records.append(
                {
                    "article": article_id,
                    "shapes": cue_shapes(
                        doc, text, attribution.cue, attribution.content, knowledge
                    ),
                    "lemma": head.lemma_.lower() if head is not None else "",
                    "cue": " | ".join(text[s:e] for s, e in attribution.cue),
                    "sentence": head.sent.text.strip() if head is not None else "",
                }
            )
    return records


def shape_summary(records: list[dict]) -> dict:
    shapes = Counter(s for r in records for s in r["shapes"])
    lemmas = Counter(r["lemma"] for r in records)
    together = Counter(" + ".join(r["shapes"]) for r in records)
    return {
        "missed entirely": len(records),
        "by shape (one attribution may have several)": dict(shapes.most_common()),
        "shapes together (most frequent)": dict(together.most_common(12)),
        "head lemmas (most frequent)": dict(lemmas.most_common(25)),
    }


def word_support(items: list[tuple]) -> tuple[Counter, Counter]:
    """Per lowercased word outside quoted passages: occurrences, and those inside a gold cue."""
    seen: Counter = Counter()
    in_cue: Counter = Counter()
    for article, gold in items:
        text = article.text
        quoted = [m.span() for m in _QUOTED.finditer(text)]
        cues = [piece for attribution in gold for piece in attribution.cue or ()]
        for match in _WORD.finditer(text):
            start, end = match.span()
            if any(s <= start < e for s, e in quoted):
                continue
            word = match.group().lower()
            seen[word] += 1
            in_cue[word] += any(s <= start and end <= e for s, e in cues)
    return seen, in_cue


def word_candidates(min_count: int, min_share: float) -> list[dict]:
    from newsgraph.eval.base import FIT, by_part, shared_eval_dir
    from newsgraph.eval.polnear import articles
    from newsgraph.nlp import load_spacy_model

    data = shared_eval_dir() / "polnear"
    train_seen, train_cue = word_support(list(articles(data, "train")))
    fit_items = by_part(articles(data, "dev"), lambda item: item[0].id, FIT)[FIT]
    fit_seen, fit_cue = word_support(fit_items)
    knowledge = load_knowledge()
    nlp = load_spacy_model()
    rows = []
    for word, count in train_seen.items():
        if count < min_count or train_cue[word] / count < min_share:
            continue
        lemma = nlp(word)[0].lemma_.lower()
        phrase_words = {p.split()[0] for p in knowledge.phrases}  # "according (to)"
        if {lemma, word} & (set(knowledge.verbs) | set(knowledge.nouns) | phrase_words):
            continue
        rows.append(
            {
                "word": word,
                "train": count,
                "train in a cue": train_cue[word],
                "fit": fit_seen[word],
                "fit in a cue": fit_cue[word],
            }
        )
    rows.sort(key=lambda r: (-r["fit in a cue"], -r["train in a cue"]))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=("fit", "train"), default="fit")
    parser.add_argument("--limit", type=int, default=None, help="first N articles only")
    parser.add_argument("--show", default=None, help="print the misses with this shape")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--words", action="store_true", help="cue words the data supports")
    parser.add_argument("--min-count", type=int, default=4)
    parser.add_argument("--min-share", type=float, default=0.5)
    args = parser.parse_args()
    if args.words:
        rows = word_candidates(args.min_count, args.min_share)
        if args.json:
            print(json.dumps(rows, indent=1))
            return
        for r in rows:
            print(
                f"{r['word']:18s} train {r['train in a cue']:4d}/{r['train']:<4d}"
                f" fit {r['fit in a cue']:3d}/{r['fit']}"
            )
        return
    records = missed_records(parsed_articles(args.split, args.limit))
    if args.show is not None:
        for r in records:
            if any(s.startswith(args.show) for s in r["shapes"]):
                print(f"{r['article']} cue={r['cue']!r} {r['shapes']}\n   {r['sentence']!r}")
        return
    result = shape_summary(records)
    if args.json:
        print(json.dumps(result, indent=1))
        return
    for title, values in result.items():
        print(title, values if isinstance(values, int) else "")
        if isinstance(values, dict):
            for name, count in values.items():
                print(f"  {count:4d}  {name}")


if __name__ == "__main__":
    main()
