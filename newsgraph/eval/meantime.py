"""``newsgraph eval meantime``: cross-document event coreference on MEANTIME's English news.

MEANTIME (Minard et al. 2016; see ``../shared/eval/meantime/README.md``) annotates Wikinews
articles (Airbus, Apple, GM, stocks) with event mentions and their within- and cross-document
coreference; the preparation read here (Diverse_CDCR_datasets) keeps 455 English event mentions
in 60 documents: ``en/meantime.conll`` holds the tokens, ``en/event_mentions.json`` the
mentions (document, sentence, token numbers, chain). Unlike ECB+, each article carries its
date (sentence 1, "March 01, 2008"): it is taken off the text and given to the pipeline as the
publication date, so ``link``'s date evidence works as on real news.

The setting is ECB+'s (``ecbplus.py``, whose code this reuses): gold mentions, gold topics
(coreference only inside one of the four topics), singletons kept. Nothing is fitted on
MEANTIME: the mention-pair scorer was trained on ECB+ train topics, so its figures here are out
of domain; the one rule MEANTIME's fit part showed the need for (mentions of articles published
over a month apart never join, ``mention_pairs.PUBLISHED_APART_DAYS``) takes link's existing
month bound. "Checked" sentences (where recognition and newsgraph's own mentions are scored)
are those holding a gold event mention: the preparation keeps a part of MEANTIME's event
mentions only (in 60 of the 120 English articles), so elsewhere an unmatched one proves nothing.

Split: by document, ``split_of`` on the document key (``corpus_airbus/100911``): 31 documents
(237 mentions) fit, 29 (218) held out. Only 6 of the 379 chains cross documents; the cut
splits 4 of them (each part scores its own share of such a chain). A topic split would keep
them whole but leave one topic (GM, 47 mentions) as the whole held-out part
(docs/evaluation.md).

Rows: ``mention`` (system evidence in checked sentences vs gold mentions), ``muc``, ``b3``,
``ceafe``, ``conll`` (the learned pair scorer on gold mentions), ``conll_lemma_baseline`` (one
cluster per trigger lemma per topic), ``conll_predicted_mentions`` (the same scorer on
newsgraph's own event mentions, scored against every gold mention) and ``conll_predicted_link``
(``newsgraph link``'s clustering of those). ``details`` adds the rule linker, the
all-singletons baseline, ``link`` without the publication dates, and the chain counts.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Hashable
from datetime import date, datetime
from pathlib import Path
from typing import Any

from ..link.options import LinkOptions
from .base import Counts, Report, Row, by_part, tag
from .coref_scores import CorefTotals
from .ecbplus import (
    GoldDocument,
    GoldMention,
    SystemDocument,
    learned_linker_available,
    lemma_partition,
    linker,
    linker_partition,
    rebuild_text,
    run_system,
    system_partition,
)
from .ecbplus_predicted import Clusterer, link_clusterer, predicted_response

NAME = "meantime"
DEFAULT_DATA = "meantime"
LANGUAGE = "en"
DATE_LINE = 1  # sentence 1 of a Wikinews document: its date
Token = tuple[int, int, str]  # sentence, number in the sentence, word


# ---------------------------------------------------------------- gold


def read_tokens(path: Path) -> dict[str, list[Token]]:
    """Document key → its tokens, from the CoNLL file (document, sentence, number, word, ...)."""
    tokens: dict[str, list[Token]] = defaultdict(list)
    for line in path.read_text(encoding="utf-8").splitlines():
        columns = line.split("\t")
        if line.startswith("#") or len(columns) < 4:
            continue
        tokens[columns[0]].append((int(columns[1]), int(columns[2]), columns[3]))
    return tokens


def publication_date(tokens: list[Token]) -> date | None:
    """The date of the date line ("March 01 , 2008"), None when the line is no date."""
    words = [w for s, _, w in tokens if s == DATE_LINE]
    try:
        return datetime.strptime(" ".join(words).replace(" ,", ","), "%B %d, %Y").date()
    except ValueError:
        return None


def build_document(name: str, topic: int, tokens: list[Token], mentions: list[dict[str, Any]]
                   ) -> GoldDocument:  # fmt: skip
    """One document: its text (without a date line that gives the publication date) and its
    gold mentions, each with its token extents and chain."""
    published = publication_date(tokens)
    kept = [t for t in tokens if not (published and t[0] == DATE_LINE)]
    text, token_spans, sentence_spans = rebuild_text([(f"{s}:{n}", s, w) for s, n, w in kept])
    gold = []
    for m_id, mention in mentions:
        spans = sorted(token_spans[f"{mention['sent_id']}:{n}"] for n in mention["tokens_number"])
        gold.append(GoldMention(name, m_id, spans, mention["coref_chain"],
                                " ".join(text[s:e] for s, e in spans)))  # fmt: skip
    gold.sort(key=lambda m: m.spans[0])
    checked = [sentence_spans[s] for s in sorted({m["sent_id"] for _, m in mentions})]
    return GoldDocument(name, topic, text, checked, gold, published)


def load_documents(data_dir: Path, limit: int | None = None) -> list[GoldDocument]:
    """The documents with gold event mentions (the first ``limit`` in key order)."""
    folder = data_dir / LANGUAGE
    tokens = read_tokens(folder / "meantime.conll")
    mentions = json.loads((folder / "event_mentions.json").read_text(encoding="utf-8"))
    by_doc: dict[str, list[tuple[str, dict[str, Any]]]] = defaultdict(list)
    for n, mention in enumerate(mentions):  # the list position: two mentions share an id
        by_doc[mention["conll_doc_key"]].append((str(n), mention))
    return [
        build_document(name, int(found[0][1]["topic_id"]), tokens[name], found)
        for name, found in sorted(by_doc.items())[:limit]
    ]


def chain_counts(docs: list[GoldDocument]) -> dict[str, int]:
    """How many chains, and how many span more than one document."""
    documents: dict[str, set[str]] = defaultdict(set)
    for doc in docs:
        for mention in doc.mentions:
            documents[mention.chain].add(doc.name)
    return {"chains": len(documents),
            "cross_document": sum(len(d) > 1 for d in documents.values())}  # fmt: skip


# ---------------------------------------------------------------- scoring


def undated(clusterer: Clusterer) -> Clusterer:
    """The clusterer on records without publication dates (what the dates add)."""

    def cluster(records: list[dict[str, Any]], mentions: dict[str, list[Any]]
                ) -> Any:  # fmt: skip
        bare = [{**r, "article": {**(r.get("article") or {}), "published": None}}
                for r in records]  # fmt: skip
        return clusterer(bare, mentions)

    return cluster


def evaluate(data_dir: Path, limit: int | None = None, nlp: Any = None, split: str = "both",
             progress: bool = True) -> Report:  # fmt: skip
    """Score event coreference on the fit and held-out documents; ``limit`` takes the first
    documents (before the split)."""
    report = Report(NAME, str(data_dir))
    docs = load_documents(Path(data_dir), limit)
    for part, part_docs in by_part(docs, lambda d: d.name, split).items():
        systems = list(run_system(part_docs, nlp, progress, label=NAME))
        rows, details = score_documents(part_docs, systems)
        report.rows += tag(rows, part)
        report.details[part] = details
    return report


def score_documents(docs: list[GoldDocument], systems: list[SystemDocument]
                    ) -> tuple[list[Row], dict[str, Any]]:  # fmt: skip
    """Rows and details of one part, its documents scored together topic by topic."""
    learned = learned_linker_available()
    link_options = LinkOptions(learned=learned)
    clusterers = {"predicted": linker(learned), "link": link_clusterer(link_options),
                  "link_undated": undated(link_clusterer(link_options))}  # fmt: skip
    totals = CorefTotals(("linker", "rules", "lemma", "singletons", *clusterers))
    recognition, n_predicted = Counts(), 0
    topics: dict[int, list[int]] = defaultdict(list)
    for n, doc in enumerate(docs):
        topics[doc.topic].append(n)
    for members in topics.values():
        topic_docs, topic_systems = [docs[n] for n in members], [systems[n] for n in members]
        key: dict[Hashable, Hashable] = {m.key: m.chain for d in topic_docs for m in d.mentions}
        responses: dict[str, Any] = {
            "linker": linker_partition(topic_docs, topic_systems, learned),
            "rules": linker_partition(topic_docs, topic_systems),
            "lemma": lemma_partition(topic_docs, topic_systems),
            "singletons": {mention: mention for mention in key},
        }
        for name, clusterer in clusterers.items():
            responses[name], count = predicted_response(topic_docs, topic_systems, clusterer)
        n_predicted += count
        totals.add(key, responses)
        recognition.add(system_partition(topic_docs, topic_systems)[1])
    mentions = sum(len(d.mentions) for d in docs)
    rows = [Row.from_counts("mention", recognition), *totals.rows("linker", mentions)]
    rows += [Row("conll_lemma_baseline", f1=totals.conll("lemma"), support=mentions),
             Row("conll_predicted_mentions", f1=totals.conll("predicted"), support=n_predicted),
             Row("conll_predicted_link", f1=totals.conll("link"), support=n_predicted)]  # fmt: skip
    details = {
        "documents": len(docs),
        "dated_documents": sum(d.published is not None for d in docs),
        "gold_mentions": mentions,
        **chain_counts(docs),
        "setting": "gold mentions, gold topics, singletons kept; scorer trained on ECB+",
        "linker": "learned pair scorer (link/mention_pairs.py)" if learned else "rules",
        "rule_linker": totals.summary("rules"),
        "lemma_baseline": totals.summary("lemma"),
        # most chains here are one mention long: every mention alone already scores this
        "singleton_baseline": totals.summary("singletons"),
        "predicted_mentions": {"mentions": n_predicted, **totals.summary("predicted")},
        "predicted_link": totals.summary("link"),
        "predicted_link_without_dates": totals.summary("link_undated"),
    }
    return rows, details
