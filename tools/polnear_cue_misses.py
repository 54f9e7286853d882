"""Sort PolNeAR's gold cues that no predicted cue overlaps, and our cues that overlap no gold cue.

    python tools/polnear_cue_misses.py [--split fit|train] [--limit N] [--show KIND] [--json]

Reads the articles with ``polnear_content_misses.parsed_articles`` (the fit part of dev or the
first N train articles, never the held-out part) and runs the quotes passes one by one
(``candidate_drafts``, the draft judge, ``extract_statements``) so that each miss can be told
apart by the stage that lost it. Every gold cue with no overlapping predicted cue gets one kind,
the first that applies:

- ``headline`` (the cue lies in the article's first line);
- ``dropped by the judge`` (a candidate draft's cue overlaps it, the judge's drafts do not);
- ``dropped after the judge`` (a judged draft overlaps it: formula, sense or nesting filters);
- ``inside a quote`` (the cue lies within a quoted passage);
- ``"according to"``, ``noun cue`` (its head is a noun);
- ``cognition verb`` (``_COGNITION``), ``lemma in the cue list``, ``lemma not in the cue
  list``; the last two split by ``no content clause`` (the head has no clausal complement);

and cross-cutting flags (``multi-word``, ``no content clause``) and the kind of its own source
(``source_kind``: a person, an organisation or place, a pronoun "it"/"this", another noun, a
name the tagger missed, none). Each of our cues that overlaps no gold cue gets the same kinds of
its own (by draft origin and head). ``--strict`` counts every cue with no exactly equal cue on
the other side (the strict scorer's misses), those that overlap one as ``boundary differs``.
``--show KIND`` prints the examples of one kind (a prefix of its name) with their sentence.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

from spacy.tokens import Doc, Token

sys.path.insert(0, str(Path(__file__).resolve().parent))

from polnear_content_misses import parsed_articles, print_summary

from newsgraph.components.quotes.component import extract_statements, judged_drafts
from newsgraph.components.quotes.drafts import candidate_drafts
from newsgraph.components.quotes.lexicon import QuoteKnowledge, load_knowledge
from newsgraph.components.quotes.spans import quotes_of
from newsgraph.components.quotes.tagger import load_model
from newsgraph.eval.polnear import Pieces, normalised_attribution, overlap, statement_attribution

# believing, knowing and feeling verbs (VerbNet's consider-29.9, conjecture-29.5, admire-31.2)
_COGNITION = frozenset(
    {"believe", "think", "know", "feel", "expect", "hope", "fear", "want", "worry", "doubt",
     "consider", "assume", "suspect", "wonder", "understand", "realize", "see", "hear", "learn",
     "agree", "remember", "forget", "like", "love", "hate", "wish", "plan", "intend"}
)  # fmt: skip
_CLAUSE_DEPS = frozenset({"ccomp", "xcomp", "parataxis"})


def cue_head(doc: Doc, pieces: Pieces) -> Token | None:
    """The cue's head word: the one whose syntactic head lies outside the cue (verbs first)."""
    tokens = [t for s, e in pieces for t in (doc.char_span(s, e, alignment_mode="expand") or ())]
    if not tokens:
        return None
    inside = {t.i for t in tokens}
    heads = [t for t in tokens if t.head.i not in inside or t.head == t]
    verbs = [t for t in heads if t.pos_ in ("VERB", "AUX")]
    return (verbs or heads or tokens)[0]


_PERSON_PRONOUNS = frozenset({"he", "she", "i", "we", "they", "you", "him", "her", "me", "us"})


def source_kind(doc: Doc, pieces: Pieces) -> str:
    """What kind of thing speaks: "person", "organisation or place", "it" (a pronoun for a
    thing), "noun: LEMMA" (a common noun: "poll", "report", "campaign"), "name", "none"."""
    head = cue_head(doc, pieces) if pieces else None
    if head is None:
        return "none"
    if head.lower_ in _PERSON_PRONOUNS or head.ent_type_ in ("PERSON", "NORP"):
        return "person"
    if head.ent_type_ in ("ORG", "GPE"):
        return "organisation or place"
    if head.lower_ in ("it", "this", "that"):
        return "it"
    if head.pos_ == "PROPN":
        return "name"
    return f"noun: {head.lemma_.lower()}"


def word_count(text: str, pieces: Pieces) -> int:
    return sum(len(text[s:e].split()) for s, e in pieces)


def cue_kind(doc: Doc, text: str, pieces: Pieces, stages: dict, knowledge: QuoteKnowledge) -> str:
    """The kind of one cue that the other side does not overlap (see the module's docstring)."""
    head = cue_head(doc, pieces)
    start = pieces[0][0]
    if "\n" not in text[:start].strip():
        return "headline"
    for stage in ("dropped by the judge", "dropped after the judge"):
        if any(overlap(pieces, other) for other in stages.get(stage, ())):
            return stage
    if any(q.start <= start < q.end for q in stages["quotes"]):
        return "inside a quote"
    if head is None:
        return "no token"
    lemma = head.lemma_.lower()
    if lemma == "according" or head.lower_ == "according":
        return '"according to"'
    if head.pos_ in ("NOUN", "PROPN"):
        listed = "listed" if lemma in knowledge.nouns else "not listed"
        return f"noun cue ({listed})"
    if lemma in _COGNITION:
        return "cognition verb"
    listed = "lemma in the cue list" if lemma in knowledge.verbs else "lemma not in the cue list"
    clause = any(c.dep_ in _CLAUSE_DEPS for c in head.children)
    return listed + ("" if clause else ", no content clause")


def cue_records(rows: list[tuple], strict: bool = False) -> list[dict]:
    """One record per unmatched gold cue (``side`` gold) and per unmatched cue of ours; with
    ``strict``, unmatched means no equal cue (an overlapping one: ``boundary differs``)."""
    knowledge = load_knowledge()
    model = load_model()
    records: list[dict] = []
    for article_id, text, gold, doc in rows:
        quotes = quotes_of(doc)
        drafts, probs = candidate_drafts(doc, knowledge, quotes, model)
        judged = judged_drafts(doc, quotes, drafts, probs, model)
        final_attributions = [normalised_attribution(text, statement_attribution(s))
                              for s in extract_statements(doc, knowledge)]  # fmt: skip
        gold_attributions = [normalised_attribution(text, a) for a in gold]
        final = [a.cue for a in final_attributions]
        gold_cues = [a.cue for a in gold_attributions]
        kept = {id(d) for d in judged}
        stages = {
            "quotes": quotes,
            "dropped by the judge": [(d.cue,) for d in drafts if d.cue and id(d) not in kept],
            "dropped after the judge": [(d.cue,) for d in judged if d.cue],
        }
        sides = (("gold", gold_attributions, final), ("ours", final_attributions, gold_cues))
        for side, attributions, others in sides:
            for attribution in attributions:
                pieces = attribution.cue
                if not pieces or pieces in others:
                    continue
                overlapping = any(overlap(pieces, o) for o in others)
                if overlapping and not strict:
                    continue
                where = stages if side == "gold" else {"quotes": quotes}
                head = cue_head(doc, pieces)
                records.append(
                    {
                        "side": side,
                        "article": article_id,
                        "kind": "boundary differs"
                        if overlapping
                        else cue_kind(doc, text, pieces, where, knowledge),
                        "source kind": source_kind(doc, attribution.source),
                        "multi-word": word_count(text, pieces) > 1,
                        "lemma": head.lemma_.lower() if head is not None else "",
                        "cue": " | ".join(text[s:e] for s, e in pieces),
                        "sentence": head.sent.text.strip() if head is not None else "",
                    }
                )
    return records


def summary(records: list[dict]) -> dict:
    result = {}
    for side in ("gold", "ours"):
        rows = [r for r in records if r["side"] == side]
        result[f"{side}: {len(rows)} cues, by kind"] = dict(
            Counter(r["kind"] for r in rows).most_common()
        )
        result[f"{side}: multi-word"] = {"multi-word": sum(r["multi-word"] for r in rows)}
        kinds = [r["source kind"] for r in rows]
        sources = Counter(k.split(":")[0] for k in kinds)
        result[f"{side}: source kinds"] = dict(sources.most_common())
        nouns = Counter(k.removeprefix("noun: ") for k in kinds if k.startswith("noun: "))
        result[f"{side}: source nouns"] = dict(nouns.most_common(15))
        for kind in ("lemma not in the cue list", "noun cue", "lemma in the cue list"):
            lemmas = Counter(r["lemma"] for r in rows if r["kind"].startswith(kind))
            result[f"{side}: lemmas of {kind}"] = dict(lemmas.most_common(25))
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=("fit", "train"), default="fit")
    parser.add_argument("--limit", type=int, default=None, help="first N articles only")
    parser.add_argument("--show", default=None, help="print the examples of kinds with this prefix")
    parser.add_argument("--side", choices=("gold", "ours"), default="gold")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--strict", action="store_true", help="every cue with no equal cue")
    args = parser.parse_args()
    records = cue_records(parsed_articles(args.split, args.limit), args.strict)
    if args.show is not None:  # "" shows every kind
        for r in records:
            if r["side"] == args.side and r["kind"].startswith(args.show):
                print(f"[{r['kind']}] {r['article']} cue={r['cue']!r}\n   {r['sentence']!r}")
        return
    print_summary(summary(records), args.json)


if __name__ == "__main__":
    main()
