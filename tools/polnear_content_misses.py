"""Sort PolNeAR's gold contents by why newsgraph's content misses them under the strict scorer.

    python tools/polnear_content_misses.py [--split fit|train] [--limit N] [--show KIND] [--json]
        [--records FILE]

Runs the pipeline up to the quotes component on each article (the fit part takes about 30
seconds), then ``extract_statements`` and the scorer of ``newsgraph eval polnear`` (strict:
``normalise``d pieces, content scored only inside an exactly matched cue pair). Every gold
attribution with a content gets one kind:

- ``exact``;
- ``cue missed`` (no predicted cue overlaps), ``cue boundaries differ`` (one overlaps), or
  ``content under another cue`` (a predicted content equals the gold one, its cue does not);
- on an exactly matched cue: ``no content``, ``pieces differ`` (same outer ends, pieces
  joined or split otherwise), ``start too early/late``, ``end too early/late`` (each with the
  kind of the first word of the difference: a conjunct, a relative clause, the next sentence,
  ...), ``both ends``, ``disjoint``.

Cross-cutting flags count, among the matched-cue misses and among all gold contents: a nested
attribution (the content holds another gold cue, or the cue lies in another gold content), a
content over several sentences, a content split around its cue ("X, he said, Y").

Only PolNeAR's fit part of dev (``split_of``) or its train split is read: the held-out part is
never classified. ``--show KIND`` prints the fit or train examples of one kind (a prefix of the
kind's name) with the gold and predicted contents.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path

from spacy.tokens import Doc

from newsgraph.components.quotes.component import extract_statements
from newsgraph.components.quotes.lexicon import load_knowledge
from newsgraph.eval.base import FIT, by_part, shared_eval_dir
from newsgraph.eval.polnear import (
    Attribution,
    Pieces,
    articles,
    normalised_attribution,
    overlap,
    pair_on_cues,
    statement_attribution,
)

# the components that read the quotes' output: not needed to classify contents
_AFTER_QUOTES = ("newsgraph_quotes", "newsgraph_events", "newsgraph_framing")
_QUOTE_MARKS = frozenset("\"'“”‘’«»")


def parsed_articles(split: str, limit: int | None) -> list[tuple]:
    """(article id, text, gold attributions, doc before the quotes pass) per article."""
    from newsgraph.nlp import article_docs, get_pipeline

    data = shared_eval_dir() / "polnear"
    if split == "train":
        items = list(articles(data, "train"))
    else:  # the fit part of dev, never the held-out one
        items = by_part(articles(data, "dev"), lambda item: item[0].id, FIT)[FIT]
    items = items[:limit] if limit else items
    nlp = get_pipeline()
    docs = list(article_docs(nlp, (article for article, _ in items)))
    with nlp.select_pipes(disable=[p for p in _AFTER_QUOTES if p in nlp.pipe_names]):
        parsed = list(nlp.pipe(docs, batch_size=16))
    return [(a.id, a.text, gold, doc) for (a, gold), doc in zip(items, parsed, strict=True)]


# --------------------------------------------------------------------------- kinds


def first_word(doc: Doc, start: int, end: int):
    """The first token of ``doc`` in characters [start, end) that is no punctuation."""
    for token in doc.char_span(start, end, alignment_mode="expand") or ():
        if not token.is_punct and token.idx >= start:
            return token
    return None


def crosses_sentence(doc: Doc, start: int, end: int) -> bool:
    span = doc.char_span(start, end, alignment_mode="expand")
    return span is not None and any(t.is_sent_start and t.idx > start for t in span)


def word_kind(doc: Doc, text: str, start: int, end: int) -> str:
    """What the characters [start, end) between two boundaries begin with."""
    if crosses_sentence(doc, start, end):
        return "another sentence"
    token = first_word(doc, start, end)
    if token is None:
        return "punctuation only"
    before = text[start : token.idx]
    quote = any(ch in _QUOTE_MARKS for ch in before)
    lower = token.lower_
    if lower == "that" and token.dep_ == "mark":
        kind = '"that"'
    elif token.pos_ == "CCONJ":
        kind = "and/but conjunct"
    elif token.tag_ in ("WDT", "WP", "WP$", "WRB") or token.dep_ == "relcl":
        kind = "relative clause or wh-word"
    elif token.ent_type_ in ("DATE", "TIME"):
        kind = "date or time"
    elif token.tag_ in ("VBG", "VBN") and token.dep_ in ("advcl", "acl", "xcomp", "conj"):
        kind = "participle"
    elif token.pos_ == "ADP" or token.dep_ in ("prep", "agent"):
        kind = "preposition"
    elif token.dep_ == "appos" or token.head.dep_ == "appos":
        kind = "appositive"
    elif token.pos_ in ("SCONJ",) or token.dep_ == "mark":
        kind = "subordinate clause"
    elif token.pos_ in ("ADV",) or token.dep_ == "advmod":
        kind = "adverb"
    elif token.dep_ in ("nsubj", "nsubjpass") or token.head.dep_ in ("nsubj", "nsubjpass"):
        kind = "subject"
    elif token.pos_ in ("PROPN", "NOUN", "PRON", "DET", "ADJ", "NUM"):
        kind = "noun phrase"
    elif token.pos_ in ("VERB", "AUX", "PART"):
        kind = "verb phrase"
    else:
        kind = "other"
    return kind + (" after a quote mark" if quote else "")


def cue_kind(gold: Attribution, pred: list[Attribution]) -> tuple[str, Attribution | None]:
    """Why an unpaired gold attribution's content is not scored, and the nearest prediction."""
    for p in pred:
        if p.content == gold.content:
            overlapping = ": cue overlaps" if overlap(gold.cue, p.cue) else ""
            return "content under another cue" + overlapping, p
    near = max(pred, key=lambda p: overlap(gold.cue, p.cue), default=None)
    if near is not None and overlap(gold.cue, near.cue):
        return "cue boundaries differ", near
    return "cue missed", None


def boundary_kind(doc: Doc, text: str, gold: Pieces, pred: Pieces) -> str:
    """How a predicted content differs from the gold one on the same cue."""
    if not pred:
        return "no content"
    if gold == pred:
        return "exact"
    gs, ge, ps, pe = gold[0][0], gold[-1][1], pred[0][0], pred[-1][1]
    if (gs, ge) == (ps, pe):
        return "pieces differ"
    if overlap(gold, pred) == 0:
        return "disjoint"
    if gs != ps and ge != pe:
        return "both ends"
    if len(gold) != len(pred) and (len(gold) > 1 or len(pred) > 1):
        inner = gold if gs == ps else pred  # a piece more or less at one end
        if len(inner) > 1 and gs == ps and ge != pe:
            return "pieces differ"
    if gs != ps:
        where = "start too early" if ps < gs else "start too late"
        return f"{where}: {word_kind(doc, text, min(gs, ps), max(gs, ps))}"
    where = "end too early" if pe < ge else "end too late"
    return f"{where}: {word_kind(doc, text, min(ge, pe), max(ge, pe))}"


def coarse_kind(kind: str) -> str:
    """The boundary kind without the first word: start too early / late, end too early / late,
    both ends, pieces differ, disjoint, no content."""
    return kind.split(":")[0]


def _difference(a: Pieces, b: Pieces) -> list[tuple[int, int]]:
    """Character ranges covered by the outer extent of one of ``a`` and ``b`` and not the
    other's, or by a gap of one inside the other's extent (where the two contents differ)."""
    cover_a = {i for s, e in a for i in range(s, e)}
    cover_b = {i for s, e in b for i in range(s, e)}
    ranges: list[tuple[int, int]] = []
    for i in sorted(cover_a ^ cover_b):
        if ranges and ranges[-1][1] == i:
            ranges[-1] = (ranges[-1][0], i + 1)
        else:
            ranges.append((i, i + 1))
    return ranges


def extent_shapes(
    doc: Doc, text: str, gold: Attribution, pred: Attribution, verbs: dict
) -> list[str]:
    """The shapes a matched-cue content miss shows where the two contents differ: a source
    inside the content (gold's or ours), a trailing attribution (a speech verb with a subject or
    "according to" in the difference), a second clause (a verb with its own subject, or a
    conjunct verb, in the difference), quotation marks, a split quote (either content in several
    pieces around the cue), another sentence."""
    diff = _difference(gold.content, pred.content)
    shapes = []
    sources = [r for r in (gold.source, pred.source) if r]
    if any(overlap(source, tuple(diff)) for source in sources):
        shapes.append("a source inside the content")
    tokens = [
        t
        for s, e in diff
        for t in (doc.char_span(s, e, alignment_mode="expand") or ())
        if s <= t.idx < e
    ]
    lemmas = {t.lemma_.lower() for t in tokens}
    if any(
        t.lemma_.lower() in verbs and any(c.dep_ in ("nsubj", "nsubjpass") for c in t.children)
        for t in tokens
        if t.pos_ in ("VERB", "AUX")
    ) or ("according" in lemmas):
        shapes.append("a trailing attribution")
    if any(
        t.pos_ in ("VERB", "AUX")
        and (t.dep_ == "conj" or any(c.dep_ in ("nsubj", "nsubjpass") for c in t.children))
        for t in tokens
    ):
        shapes.append("a second clause")
    if any(ch in _QUOTE_MARKS for s, e in diff for ch in text[max(s - 1, 0) : e + 1]):
        shapes.append("quotation marks")
    cue = gold.cue[0][0] if gold.cue else -1
    if any(len(c) > 1 and c[0][0] < cue < c[-1][1] for c in (gold.content, pred.content)):
        shapes.append("a split quote")
    elif len(gold.content) > 1 or len(pred.content) > 1:
        shapes.append("pieces around an aside")
    if any(crosses_sentence(doc, s, e) for s, e in diff):
        shapes.append("another sentence")
    return shapes or ["none of these"]


def flags(doc: Doc, text: str, index: int, gold: list[Attribution]) -> list[str]:
    """Cross-cutting properties of one gold attribution (normalised)."""
    this = gold[index]
    found = []
    others = [a for i, a in enumerate(gold) if i != index]
    if any(_within(a.cue, this.content) or _within(this.cue, a.content) for a in others):
        found.append("nested attribution")
    if this.content and crosses_sentence(doc, this.content[0][0], this.content[-1][1]):
        found.append("several sentences")
    if this.cue and this.content:
        cue_start = this.cue[0][0]
        if this.content[0][0] < cue_start < this.content[-1][1]:
            found.append("split around the cue")
    return found


def _within(inner: Pieces, outer: Pieces) -> bool:
    """Whether ``inner`` starts inside the outer extent of ``outer`` (a nested report: a token
    belongs to one attribution, so the outer content is split around the inner one)."""
    return bool(inner and outer) and outer[0][0] <= inner[0][0] < outer[-1][1]


# --------------------------------------------------------------------------- counting


def classify(rows: list[tuple]) -> tuple[list[dict], dict[str, int]]:
    """One record per gold content, and the content counts of the scorer (tp, fp, fn)."""
    knowledge = load_knowledge()
    records: list[dict] = []
    totals = Counter()
    for article_id, text, gold, doc in rows:
        statements = extract_statements(doc, knowledge)
        pred_raw = [statement_attribution(s) for s in statements]
        norm_gold = [normalised_attribution(text, a) for a in gold]
        norm_pred = [normalised_attribution(text, a) for a in pred_raw]
        paired = dict(pair_on_cues(norm_gold, norm_pred, "strict"))
        for g, attribution in enumerate(norm_gold):
            if not attribution.content:
                continue
            shapes: list[str] = []
            if g in paired:
                nearest: Attribution | None = norm_pred[paired[g]]
                kind = boundary_kind(doc, text, attribution.content, nearest.content)
                if kind != "exact":
                    shapes = extent_shapes(doc, text, attribution, nearest, knowledge.verbs)
            else:
                kind, nearest = cue_kind(attribution, norm_pred)
            records.append(
                {
                    "article": article_id,
                    "kind": kind,
                    "flags": flags(doc, text, g, norm_gold),
                    "shapes": shapes,
                    "cue": _text(text, attribution.cue),
                    "gold": _text(text, attribution.content),
                    "predicted cue": _text(text, nearest.cue) if nearest else "",
                    "predicted": _text(text, nearest.content) if nearest else "",
                }
            )
        totals["gold"] += sum(bool(a.content) for a in norm_gold)
        totals["predicted"] += sum(bool(a.content) for a in norm_pred)
    totals["exact"] = sum(r["kind"] == "exact" for r in records)
    return records, dict(totals)


def _text(text: str, pieces: Pieces) -> str:
    return " | ".join(text[s:e] for s, e in pieces)


def summary(records: list[dict], totals: dict[str, int]) -> dict:
    tp = totals["exact"]
    precision = tp / totals["predicted"] if totals["predicted"] else 0.0
    recall = tp / totals["gold"] if totals["gold"] else 0.0
    f1 = 2 * precision * recall / (precision + recall) if tp else 0.0
    matched = [r for r in records if not r["kind"].startswith(("cue ", "content under"))]
    misses = [r for r in matched if r["kind"] != "exact"]
    return {
        "content strict": {"tp": tp, **totals, "f1": round(f1, 4)},
        "matched-cue misses by end": dict(
            Counter(coarse_kind(r["kind"]) for r in misses).most_common()
        ),
        "matched-cue misses by shape (one miss can have several)": dict(
            Counter(s for r in misses for s in r["shapes"]).most_common()
        ),
        "shapes by end": dict(
            Counter(
                f"{coarse_kind(r['kind'])} / {s}" for r in misses for s in r["shapes"]
            ).most_common()
        ),
        "kinds": dict(Counter(r["kind"] for r in records).most_common()),
        "flags among matched-cue misses": dict(
            Counter(f for r in misses for f in r["flags"]).most_common()
        ),
        "flags among matched cues (exact + misses)": dict(
            Counter(f for r in matched for f in r["flags"]).most_common()
        ),
        "flags among all gold contents": dict(
            Counter(f for r in records for f in r["flags"]).most_common()
        ),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=("fit", "train"), default="fit")
    parser.add_argument("--limit", type=int, default=None, help="first N articles only")
    parser.add_argument("--show", default=None, help="print the examples of kinds with this prefix")
    parser.add_argument("--json", action="store_true")
    parser.add_argument(
        "--records", type=Path, default=None, help="write one JSON line per gold content here"
    )
    args = parser.parse_args()
    records, totals = classify(parsed_articles(args.split, args.limit))
    result = summary(records, totals)
    if args.records:
        args.records.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    if args.show:
        for r in records:
            if r["kind"].startswith(args.show):
                print(f"[{r['kind']}] {r['article']} cue={r['cue']!r} {r['flags']} {r['shapes']}")
                print(f"   our cue: {r['predicted cue']!r}")
                print(f"   gold: {r['gold']!r}\n   ours: {r['predicted']!r}")
        return
    print_summary(result, args.json)


def print_summary(result: dict[str, dict[str, int]], as_json: bool) -> None:
    """Each section's counts as a column (or the whole summary as JSON); shared by the PolNeAR
    tools that sort records by kind."""
    if as_json:
        print(json.dumps(result, indent=2))
        return
    for section, counts in result.items():
        print(f"\n{section}")
        for key, value in counts.items():
            print(f"  {value:>6}  {key}")


if __name__ == "__main__":
    main()
