"""Count newsgraph's statement cues whose content is only a noun phrase object, against gold.

    python tools/polnear_np_object_cues.py [--split fit|train] [--limit N] [--show LEMMA] [--json]

A statement needs a proposition: a clause, a quote, or a noun phrase that stands for what was
said ("the claims", "his readiness to ..."). A verb such as "concluded" with a plain thing or
event object ("concluded the ceremony with a parade") is no report. This tool runs the
pipeline up to the quotes pass (``polnear_content_misses.parsed_articles``: PolNeAR's fit part
of dev or its train split, never the held-out part), takes every predicted statement whose
content has no quote mark and whose head (the content's syntactic root) is a noun or pronoun
with no clausal dependant, and counts, by cue lemma and by the WordNet lexicographer file of
the head noun's first sense (noun.act, noun.event, noun.communication, ...), how often a gold
attribution has the same cue (strict, normalised) or an overlapping one, and how often none.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter, defaultdict
from functools import cache
from pathlib import Path

from spacy.tokens import Doc, Token

sys.path.insert(0, str(Path(__file__).resolve().parent))

from build_wordnet_lexicon import read_data, read_index
from polnear_content_misses import parsed_articles

from newsgraph.components.quotes.component import extract_statements
from newsgraph.components.quotes.lexicon import load_knowledge
from newsgraph.eval.polnear import normalised_attribution, overlap, statement_attribution

WORDNET = Path("/usr/share/wordnet")  # Debian's wordnet-base (tools/build_wordnet_lexicon.py)
_QUOTE_MARKS = frozenset('"“”‘’«»')
# the clausal dependants that make a noun phrase stand for a proposition ("his readiness to
# talk", "the claim that ...")
_CLAUSAL = frozenset(("acl", "relcl", "ccomp", "xcomp", "advcl"))
# WordNet's noun lexicographer files, numbered from 3 as in lexnames(5WN)
_NOUN_FILES = ["Tops", "act", "animal", "artifact", "attribute", "body", "cognition",
               "communication", "event", "feeling", "food", "group", "location", "motive",
               "object", "person", "phenomenon", "plant", "possession", "process", "quantity",
               "relation", "shape", "state", "substance", "time"]  # fmt: skip


@cache
def _first_noun_files() -> dict[str, int]:
    """The lexicographer file of every WordNet noun lemma's first sense."""
    with open(WORDNET / "index.noun", encoding="utf-8", errors="replace") as lines:
        senses = read_index(lines)
    with open(WORDNET / "data.noun", encoding="utf-8", errors="replace") as lines:
        files = {s.id[1:]: s.lex_file for s in read_data(lines, "noun")}
    return {lemma: files[offsets[0]] for lemma, offsets in senses.items() if offsets}


def noun_kind(lemma: str) -> str:
    """The lexicographer file (act, event, communication, ...) of a noun's first sense."""
    number = _first_noun_files().get(lemma.lower().replace(" ", "_"))
    return "unknown" if number is None else _NOUN_FILES[number - 3]


def noun_phrase_head(doc: Doc, start: int, end: int) -> Token | None:
    """The head of content [start, end) when it is a plain noun phrase, else None."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or any(ch in _QUOTE_MARKS for ch in doc.text[start:end]):
        return None
    head = span.root
    if head.pos_ not in ("NOUN", "PROPN", "PRON"):
        return None
    if any(t.dep_ in _CLAUSAL or t.pos_ in ("VERB", "AUX") for t in head.subtree if t in span):
        return None
    return head


def head_kind(head: Token) -> str:
    if head.pos_ == "PRON":
        return "pronoun"
    if head.pos_ == "PROPN" or head.ent_type_:
        return "name"
    return noun_kind(head.lemma_)


def collect(rows: list[tuple]) -> list[dict]:
    """One record per predicted statement whose content is a plain noun phrase."""
    knowledge = load_knowledge()
    records = []
    for article_id, text, gold, doc in rows:
        norm_gold = [normalised_attribution(text, a) for a in gold]
        for statement in extract_statements(doc, knowledge):
            if len(statement.content) != 1 or statement.cue is None:
                continue
            piece = statement.content[0]
            head = noun_phrase_head(doc, piece.start, piece.end)
            if head is None:
                continue
            cue = normalised_attribution(text, statement_attribution(statement)).cue
            exact = any(g.cue == cue for g in norm_gold)
            near = any(overlap(g.cue, cue) for g in norm_gold)
            records.append(
                {
                    "article": article_id,
                    "lemma": (statement.cue_lemma or statement.cue.text).lower(),
                    "head": head.lemma_.lower(),
                    "kind": head_kind(head),
                    "gold": "cue match" if exact else "overlap" if near else "none",
                    "cue": statement.cue.text,
                    "content": piece.text,
                }
            )
    return records


def complement(token: Token) -> str:
    """What a verb takes: a clause, a plain noun phrase object, or neither."""
    deps = {child.dep_ for child in token.children}
    if deps & {"ccomp", "xcomp", "advcl", "parataxis"}:
        return "clause"
    if deps & {"dobj", "obj"}:
        return "noun phrase object"
    return "neither"


def verb_occurrences(rows: list[tuple], lemmas: frozenset[str]) -> dict[str, dict[str, int]]:
    """Every occurrence of the verbs ``lemmas`` in the text, whatever we predict, by complement
    and by whether a gold cue overlaps the verb."""
    counts: dict[str, Counter] = defaultdict(Counter)
    for _, text, gold, doc in rows:
        cues = [normalised_attribution(text, a).cue for a in gold]
        for token in doc:
            if token.pos_ != "VERB" or token.lemma_.lower() not in lemmas:
                continue
            verb = ((token.idx, token.idx + len(token)),)
            is_cue = any(overlap(cue, verb) for cue in cues)
            key = f"{token.lemma_.lower()} / {complement(token)}"
            counts[key]["gold cue" if is_cue else "no gold cue"] += 1
    return {k: dict(c) for k, c in sorted(counts.items())}


def table(records: list[dict], key: str) -> dict[str, dict[str, int]]:
    counts: dict[str, Counter] = defaultdict(Counter)
    for r in records:
        counts[r[key]][r["gold"]] += 1
    ordered = sorted(counts.items(), key=lambda kv: -sum(kv[1].values()))
    return {k: dict(c) for k, c in ordered}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=("fit", "train"), default="fit")
    parser.add_argument("--limit", type=int, default=None, help="first N articles only")
    parser.add_argument("--show", default=None, help="print the statements of this cue lemma")
    parser.add_argument(
        "--verbs", default=None, help="comma-separated lemmas: count their occurrences instead"
    )
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    rows = parsed_articles(args.split, args.limit)
    if args.verbs:
        found = verb_occurrences(rows, frozenset(args.verbs.split(",")))
        print(json.dumps(found, indent=2))
        return
    records = collect(rows)
    if args.show:
        for r in records:
            if r["lemma"] == args.show:
                print(f"[{r['gold']}] {r['cue']!r} -> {r['content']!r} ({r['kind']})")
        return
    result = {
        "total": dict(Counter(r["gold"] for r in records)),
        "by cue lemma": table(records, "lemma"),
        "by head kind": table(records, "kind"),
        "by cue lemma and head kind": table(
            [{**r, "pair": f"{r['lemma']} / {r['kind']}"} for r in records], "pair"
        ),
    }
    if args.json:
        print(json.dumps(result, indent=2))
        return
    for section, rows in result.items():
        print(f"\n{section}")
        for name, counts in rows.items() if section != "total" else [("all", rows)]:
            print(f"  {name:<40} {counts}")


if __name__ == "__main__":
    main()
