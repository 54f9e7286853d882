"""Which words PolNeAR's annotators put in a cue, by kind, against newsgraph's cue extents.

    python tools/polnear_cue_extents.py [--split fit|train] [--limit N] [--show KIND] [--json]
    python tools/polnear_cue_extents.py --decisions [--split ...] [--limit N] [--records FILE]
    python tools/polnear_cue_extents.py --cv FILE [FILE ...]

Content (and source) is scored only inside an exactly matched cue pair (``eval polnear``:
``pair_on_cues`` strict), so a cue drawn one word wider or narrower than gold loses its
content too. For the fit part of dev (``split_of``) or the first N train articles (never the
held-out part) this prints:

- **mismatches**: every gold cue with content that no predicted cue matches exactly but one
  overlaps, by what differs (a date or time, an adverb, an auxiliary or modal, a negation, a
  particle or stranded preposition, a prepositional phrase such as "in a statement", "according
  to", another verb, an infinitive "to", an object, a noun) and whether gold holds the
  differing words (``gold includes``) or ours do (``gold excludes``);
- **conventions**: over every gold cue, the words of each kind at its edges, inside
  (``includes``) or just outside (``excludes``): the left run of auxiliaries, negation and
  adverbs of the cue's head, and the right run (particle, prepositional phrase, date, adverb,
  object) after it, with the context (the preposition and its object's head, the date's
  shape, the adverb) and, per kind, how often our cue matches gold exactly (``ours exact``),
  overlaps it or misses it;
- ``--decisions``: for each of our cues that overlaps a gold cue, the extents one step away (a
  date after it left out or taken, a preposition or prepositional phrase after it taken, its
  object and a preposition, the governing verb of an infinitive, a common-noun subject, an
  infinitive "to") and whether gold's cue is ours, the alternative or neither; ``--records``
  writes one JSON line per decision;
- ``--cv``: a logistic regression over those records (read back, no parsing), cross-validated
  by article, against always keeping our extent.

A kind that gold draws one way at least three times in four, with ten cases or more, is a
convention a rule can follow; the rest are drawn both ways.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter, defaultdict
from pathlib import Path

from spacy.tokens import Doc, Token

sys.path.insert(0, str(Path(__file__).resolve().parent))

from polnear_content_misses import parsed_articles

from newsgraph.components.quotes.component import extract_statements
from newsgraph.components.quotes.lexicon import load_knowledge
from newsgraph.eval.polnear import (
    Attribution,
    Pieces,
    normalised_attribution,
    overlap,
    pair_on_cues,
    statement_attribution,
)

_LEFT_DEPS = frozenset({"aux", "auxpass", "neg", "advmod"})
_RIGHT_DEPS = frozenset({"prt", "prep", "npadvmod", "advmod", "dobj", "dative", "tmod"})
_WEEKDAYS = frozenset(
    {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}
)


def token_kind(token: Token) -> str:
    """The kind of one word at a cue's edge."""
    if token.dep_ == "neg":
        return "negation"
    if token.lower_ == "according" or (token.lower_ == "to" and token.head.lower_ == "according"):
        return '"according to"'
    if token.ent_type_ in ("DATE", "TIME") or token.lower_ in _WEEKDAYS:
        return "date or time"
    if token.tag_ == "MD" or token.dep_ in ("aux", "auxpass") or token.pos_ == "AUX":
        return "auxiliary or modal"
    if token.dep_ == "prt":
        return "particle"
    if token.pos_ == "ADP" or token.dep_ in ("prep", "agent"):
        has_object = any(c.dep_ == "pobj" for c in token.children)
        return "prepositional phrase" if has_object else "stranded preposition"
    if token.tag_ == "TO" or (token.lower_ == "to" and token.pos_ == "PART"):
        return 'infinitive "to"'
    if token.pos_ == "ADV" or token.dep_ == "advmod":
        return "adverb"
    if token.pos_ == "VERB":
        return "another verb"
    if token.dep_ in ("dobj", "dative", "pobj") or token.head.dep_ in ("dobj", "dative"):
        return "object"
    if token.pos_ in ("NOUN", "PROPN", "PRON", "ADJ", "DET", "NUM"):
        return "noun phrase"
    return "other"


def run_kind(tokens: list[Token], inside: set[int]) -> str:
    """The kind of a run of words: its first word's, except that a preposition whose object is
    left out of the run (``inside`` the other extent or beyond it) is stranded."""
    words = [t for t in tokens if not t.is_punct]
    if not words:
        return "punctuation"
    first = words[0]
    kind = token_kind(first)
    if kind == "prepositional phrase":
        run = {t.i for t in words}
        pobj = [c for c in first.children if c.dep_ == "pobj"]
        if not any(c.i in run for c in pobj):
            kind = "stranded preposition"
    return kind


def context(tokens: list[Token], kind: str) -> str:
    """What the run says beyond its kind: the preposition and its object's head, the date's
    shape, the adverb."""
    words = [t for t in tokens if not t.is_punct]
    if not words:
        return ""
    first = words[0]
    if kind == "prepositional phrase":
        pobj = next((c for c in first.children if c.dep_ == "pobj"), None)
        head = pobj.lemma_.lower() if pobj is not None else "?"
        return f"{first.lower_} {head if pobj is not None and pobj.pos_ != 'PROPN' else 'NAME'}"
    if kind == "date or time":
        return "weekday" if first.lower_ in _WEEKDAYS else " ".join(t.lower_ for t in words[:2])
    if kind in ("adverb", "negation", "auxiliary or modal", "particle", "stranded preposition"):
        return first.lower_
    return first.pos_


# --------------------------------------------------------------------------- edges of a cue


def cue_tokens(doc: Doc, pieces: Pieces) -> list[Token]:
    return [t for s, e in pieces for t in (doc.char_span(s, e, alignment_mode="expand") or ())]


def head_of(tokens: list[Token]) -> Token:
    """The cue's head: its word whose head lies outside the cue (the first such)."""
    inside = {t.i for t in tokens}
    heads = [t for t in tokens if t.head.i not in inside or t.head == t]
    verbs = [t for t in heads if t.pos_ in ("VERB", "AUX")]
    return (verbs or heads or tokens)[0]


def outside_left(doc: Doc, head: Token, start: int) -> list[Token]:
    """The head's auxiliaries, negation and adverbs just before the cue (what ``cue_range``
    could take)."""
    run: list[Token] = []
    i = start - 1
    while i >= 0 and doc[i].head == head and doc[i].dep_ in _LEFT_DEPS and doc[i].tag_ != "WRB":
        run.insert(0, doc[i])
        i -= 1
    return run


def outside_right(doc: Doc, head: Token, end: int) -> list[Token]:
    """The next dependant of the head right after the cue with its words (a particle, a
    prepositional phrase, a date, an adverb, an object)."""
    if end >= len(doc):
        return []
    nxt = doc[end]
    holder = nxt if nxt.head == head else None
    if holder is None and nxt.head.head == head and nxt.head.i > end:
        holder = nxt.head  # "said last | month": the date's head comes later
    if holder is None or holder.dep_ not in _RIGHT_DEPS:
        return []
    subtree = [t for t in holder.subtree if t.i >= end]
    run, expect = [], end
    for t in subtree:
        if t.i != expect:
            break
        run.append(t)
        expect += 1
    return run


def edges(doc: Doc, pieces: Pieces) -> list[tuple[str, str, str, str]]:
    """(side, kind, context, "includes" | "excludes") for the runs at both edges of a gold cue."""
    tokens = cue_tokens(doc, pieces)
    if not tokens:
        return []
    head = head_of(tokens)
    inside = {t.i for t in tokens}
    found = []
    left_in = [t for t in tokens if t.i < head.i]
    right_in = [t for t in tokens if t.i > head.i]
    for t in left_in:  # every kind on the left: "did not immediately respond"
        if not t.is_punct:
            found.append(("left", token_kind(t), context([t], token_kind(t)), "includes"))
    for t in outside_left(doc, head, tokens[0].i):
        found.append(("left", token_kind(t), context([t], token_kind(t)), "excludes"))
    if right_in:
        kind = run_kind(right_in, inside)
        found.append(("right", kind, context(right_in, kind), "includes"))
    right_out = outside_right(doc, head, tokens[-1].i + 1)
    if right_out:
        kind = run_kind(right_out, inside)
        found.append(("right", kind, context(right_out, kind), "excludes"))
    return found


# --------------------------------------------------------------------------- mismatches


def mismatch(doc: Doc, gold: Pieces, pred: Pieces) -> tuple[str, str, str]:
    """(kind, context, direction) of the words where two overlapping cues differ."""
    gold_tokens, pred_tokens = cue_tokens(doc, gold), cue_tokens(doc, pred)
    gold_i, pred_i = {t.i for t in gold_tokens}, {t.i for t in pred_tokens}
    only_gold = [t for t in gold_tokens if t.i not in pred_i and not t.is_punct]
    only_pred = [t for t in pred_tokens if t.i not in gold_i and not t.is_punct]
    if only_gold and only_pred:
        direction = "both differ"
        run, other = only_gold, gold_i
    elif only_gold:
        direction, run, other = "gold includes", only_gold, pred_i
    elif only_pred:
        direction, run, other = "gold excludes", only_pred, gold_i
    else:
        return "punctuation", "", "same words"
    kind = run_kind(run, other)
    return kind, context(run, kind), direction


def classify(rows: list[tuple]) -> tuple[list[dict], list[dict]]:
    """Mismatch records (gold cues with content, overlapping but not equal) and edge records
    (every gold cue), each edge marked with whether our paired cue agreed there."""
    knowledge = load_knowledge()
    mismatches: list[dict] = []
    conventions: list[dict] = []
    for article_id, text, gold, doc in rows:
        statements = extract_statements(doc, knowledge)
        norm_gold = [normalised_attribution(text, a) for a in gold]
        norm_pred = [normalised_attribution(text, statement_attribution(s)) for s in statements]
        paired = dict(pair_on_cues(norm_gold, norm_pred, "strict"))
        for g, attribution in enumerate(norm_gold):
            near = max(norm_pred, key=lambda p: overlap(attribution.cue, p.cue), default=None)
            overlaps = near is not None and overlap(attribution.cue, near.cue) > 0
            status = "exact" if g in paired else ("overlap" if overlaps else "missed")
            for side, kind, ctx, way in edges(doc, attribution.cue):
                conventions.append(
                    {"side": side, "kind": kind, "context": ctx, "gold": way, "ours": status}
                )
            if g in paired or not overlaps or not attribution.content:
                continue
            kind, ctx, direction = mismatch(doc, attribution.cue, near.cue)
            mismatches.append(
                {
                    "article": article_id,
                    "kind": kind,
                    "context": ctx,
                    "direction": direction,
                    "gold cue": " | ".join(text[s:e] for s, e in attribution.cue),
                    "our cue": " | ".join(text[s:e] for s, e in near.cue),
                }
            )
    return mismatches, conventions


# --------------------------------------------------------------------------- extent decisions


def alternatives(doc: Doc, first: int, last: int) -> list[tuple[str, int, int]]:
    """(decision, first, last) token extents one step from our cue ``doc[first:last + 1]``: the
    decisions a rule or a learned extent would take."""
    span = doc[first : last + 1]
    head = span.root
    found = []
    verb = head.head
    between = doc[verb.i + 1 : first]
    if (
        head.dep_ == "xcomp"
        and verb.pos_ in ("VERB", "AUX")
        and verb.i < first
        and not any(t.is_punct for t in between)
        and all(verb.is_ancestor(t) for t in between)
    ):
        found.append(("governing verb of an xcomp cue: with", verb.i, last))
    before = doc[first - 1] if first > 0 else None
    if (
        before is not None
        and before.head == head
        and before.dep_ in ("nsubj", "nsubjpass")
        and before.pos_ == "NOUN"
    ):
        found.append(("common-noun subject just before the cue: with", before.i, last))
    after_head = doc[head.i + 1] if head.i + 1 < len(doc) else None
    if (
        last == head.i
        and after_head is not None
        and after_head.lower_ == "to"
        and after_head.head.dep_ == "xcomp"
        and after_head.head.head == head
    ):
        found.append(('infinitive "to" after the cue: with', first, after_head.i))
    if last > head.i and all(_is_date(t) for t in doc[head.i + 1 : last + 1]):
        found.append(("date after the cue: without", first, head.i))
    after = doc[last + 1] if last + 1 < len(doc) else None
    if after is not None and after.head == head and _is_date(after):
        end = max(t.i for t in after.subtree)
        found.append(("date after the cue: with", first, end))
    if after is not None and after.head == head and after.dep_ == "prep":
        pobj = next((c for c in after.children if c.dep_ == "pobj"), None)
        if pobj is not None:
            end = max(t.i for t in after.subtree)
            found.append((f"prepositional phrase after the cue: with ({after.lower_})", first, end))
            found.append((f"preposition after the cue: with ({after.lower_})", first, after.i))
    if after is not None and after.head == head and after.dep_ in ("dobj", "dative"):
        end = max(t.i for t in after.subtree)
        nxt = doc[end + 1] if end + 1 < len(doc) else None
        if nxt is not None and nxt.head == head and nxt.dep_ == "prep":
            found.append((f"object and preposition: with ({nxt.lower_})", first, nxt.i))
    return found


def _next_word(text: str, i: int) -> int:
    """Where the next character that is no space or punctuation mark is, from ``i``."""
    while i < len(text) and not text[i].isalnum():
        i += 1
    return i


def _is_date(token: Token) -> bool:
    return token.ent_type_ in ("DATE", "TIME") or token.lower_ in _WEEKDAYS


def decisions(rows: list[tuple]) -> tuple[dict[str, Counter], list[dict]]:
    """Per decision: how often gold's cue (one overlapping ours) is ours, the alternative, or
    neither; and one record per decision taken (with the words after our cue and whether the
    content comes before it, for ``--records``)."""
    knowledge = load_knowledge()
    counts: dict[str, Counter] = defaultdict(Counter)
    records: list[dict] = []
    for article_id, text, gold, doc in rows:
        norm_gold = [normalised_attribution(text, a).cue for a in gold]
        for statement in extract_statements(doc, knowledge):
            if statement.cue is None:
                continue
            ours = normalised_attribution(text, statement_attribution(statement)).cue
            span = doc.char_span(statement.cue.start, statement.cue.end, alignment_mode="expand")
            near = [g for g in norm_gold if overlap(g, ours)]
            if span is None or not near or not span.text.strip():
                continue
            first = next(t.i for t in span if not t.is_space)
            for name, start, end in alternatives(doc, first, span.end - 1):
                alt = normalised_attribution(
                    text, Attribution(((doc[start].idx, doc[end].idx + len(doc[end])),), (), ())
                ).cue
                way = "ours" if ours in near else ("alternative" if alt in near else "neither")
                counts[name][way] += 1
                content = statement.content[0].start if statement.content else -1
                records.append(
                    {
                        "article": article_id,
                        "decision": name,
                        "gold": way,
                        "ours": span.text,
                        "alternative": doc[start : end + 1].text,
                        "after": doc[span.end : span.end + 4].text,
                        "content before": 0 <= content < statement.cue.start,
                        "content right after ours": _next_word(text, statement.cue.end) == content,
                        "content right after alternative": _next_word(
                            text, doc[end].idx + len(doc[end])
                        )
                        == content,
                    }
                )
    return counts, records


def record_features(record: dict) -> dict[str, int]:
    """A record's features for the learned extent decision: the decision and its word, where
    the content is, our cue's last word and the word after it, each within its decision."""
    decision = record["decision"].split(":")[0]
    after = record["after"].split()[:1] or [""]
    return {
        f"decision={record['decision']}": 1,
        f"{decision}: content right after ours={record['content right after ours']}": 1,
        f"{record['decision']}: content right after ours={record['content right after ours']}": 1,
        f"{decision}: content before={record['content before']}": 1,
        f"{decision}: last={record['ours'].split()[-1].lower()}": 1,
        f"{decision}: next={after[0].lower()}": 1,
    }


def cross_validate(records: list[dict], folds: int = 5) -> dict[str, dict]:
    """Per decision kind: a logistic regression (ours or the alternative, records where gold
    took neither left out) cross-validated by article, against always keeping ours."""
    import numpy as np
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import GroupKFold, cross_val_predict

    known = [r for r in records if r["gold"] != "neither"]
    result = {}
    for kind in sorted({r["decision"].split(":")[0] for r in known}):
        rows = [r for r in known if r["decision"].startswith(kind)]
        labels = np.array([r["gold"] == "alternative" for r in rows])
        groups = [r["article"] for r in rows]
        if len(set(groups)) < folds or min(labels.sum(), (~labels).sum()) < folds:
            continue  # too few of one answer to learn it
        features = DictVectorizer().fit_transform([record_features(r) for r in rows])
        model = LogisticRegression(C=0.3, max_iter=1000)
        chosen = cross_val_predict(model, features, labels, groups=groups, cv=GroupKFold(folds))
        result[kind] = {
            "cases": len(rows),
            "gold takes the alternative": int(labels.sum()),
            "accuracy keeping ours": round(float(1 - labels.mean()), 3),
            "accuracy learned (out of fold)": round(float((chosen == labels).mean()), 3),
            "alternatives taken / right": f"{int(chosen.sum())} / {int((chosen & labels).sum())}",
        }
    return result


def summary(mismatches: list[dict], conventions: list[dict]) -> dict:
    by_kind: dict[str, Counter] = defaultdict(Counter)
    for m in mismatches:
        by_kind[m["kind"]][m["direction"]] += 1
    conv: dict[str, Counter] = defaultdict(Counter)
    ctx: dict[str, Counter] = defaultdict(Counter)
    for c in conventions:
        key = f"{c['side']} {c['kind']}"
        conv[key][f"gold {c['gold']}"] += 1
        conv[key][f"ours {c['ours']}"] += 1
        ctx[key][f"{c['context']}: {c['gold']}"] += 1
    return {
        "mismatches (gold cues with content, overlapping ours)": {
            kind: dict(counts) for kind, counts in sorted(by_kind.items(), key=_size)
        },
        "conventions (every gold cue's edges)": {
            key: {**dict(counts), "share included": _share(counts)}
            for key, counts in sorted(conv.items(), key=_size)
        },
        "contexts (most frequent)": {
            key: dict(counts.most_common(12)) for key, counts in sorted(conv_ctx(ctx).items())
        },
    }


def conv_ctx(ctx: dict[str, Counter]) -> dict[str, Counter]:
    return {k: v for k, v in ctx.items() if sum(v.values()) >= 10}


def _size(item: tuple[str, Counter]) -> int:
    counts = item[1]
    return -sum(v for k, v in counts.items() if not k.startswith("ours"))


def _share(counts: Counter) -> float:
    total = counts["gold includes"] + counts["gold excludes"]
    return round(counts["gold includes"] / total, 2) if total else 0.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=("fit", "train"), default="fit")
    parser.add_argument("--limit", type=int, default=None, help="first N articles only")
    parser.add_argument("--show", default=None, help="print the mismatches of kinds so prefixed")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--records", type=Path, default=None, help="--decisions: JSON lines here")
    parser.add_argument(
        "--decisions", action="store_true", help="count gold's choice for each extent decision"
    )
    parser.add_argument(
        "--cv",
        type=Path,
        nargs="+",
        default=None,
        help="cross-validate a learned decision on --records files (no parsing)",
    )
    args = parser.parse_args()
    if args.cv:
        lines = [line for path in args.cv for line in path.read_text().splitlines()]
        print(json.dumps(cross_validate([json.loads(line) for line in lines]), indent=2))
        return
    rows = parsed_articles(args.split, args.limit)
    if args.decisions:
        table, records = decisions(rows)
        if args.records:
            args.records.write_text("".join(json.dumps(r) + "\n" for r in records))
        for name in sorted(table, key=lambda n: -sum(table[n].values())):
            print(f"  {name}: " + ", ".join(f"{k} {v}" for k, v in table[name].most_common()))
        return
    mismatches, conventions = classify(rows)
    if args.show is not None:
        for m in mismatches:
            if m["kind"].startswith(args.show):
                print(f"[{m['kind']} / {m['direction']}] {m['article']} ({m['context']})")
                print(f"   gold: {m['gold cue']!r}   ours: {m['our cue']!r}")
        return
    result = summary(mismatches, conventions)
    if args.json:
        print(json.dumps(result, indent=2))
        return
    for section, table in result.items():
        print(f"\n{section}")
        for key, counts in table.items():
            print(f"  {key}: " + ", ".join(f"{k} {v}" for k, v in counts.items()))


if __name__ == "__main__":
    main()
