"""The MEANTIME scorer: reading the CoNLL tokens and the event mentions (date line, chains,
checked sentences), scoring hand-made system output, and floors on the held-out part (slow)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from newsgraph.eval import meantime
from newsgraph.eval.base import shared_eval_dir
from newsgraph.eval.ecbplus import SystemDocument

# Two invented articles of one topic: a title, a date line (the second one's is no date), text.
DOCS = {
    "corpus_mills/1": [
        ["Mill", "merger", "approved"],
        ["June", "03", ",", "2009"],
        ["Regulators", "approved", "the", "merger", "on", "Tuesday", "."],
        ["Shares", "rose", "."],
    ],
    "corpus_mills/2": [
        ["Mills", "merge"],
        ["Staff", "edition"],
        ["The", "merger", "closed", "."],
    ],
}
# (document, sentence, token numbers, chain)
MENTIONS = [
    ("corpus_mills/1", 0, [1], "cross_merger"),
    ("corpus_mills/1", 0, [2], "intra_approve"),
    ("corpus_mills/1", 2, [1], "intra_approve"),
    ("corpus_mills/1", 2, [3], "cross_merger"),
    ("corpus_mills/2", 2, [1], "cross_merger"),
    ("corpus_mills/2", 2, [2], "intra_close"),
]


def write_sample(folder: Path) -> Path:
    """The two articles as MEANTIME's preparation writes them (``en/meantime.conll``,
    ``en/event_mentions.json``); the folder to give ``load_documents``."""
    english = folder / "en"
    english.mkdir(parents=True)
    lines = []
    for name, sentences in DOCS.items():
        lines.append(f"#begin document ({name}); part 000")
        for s, words in enumerate(sentences):
            lines += [f"{name}\t{s}\t{n}\t{word}\t-" for n, word in enumerate(words)]
            lines.append("")
        lines.append("#end document")
    (english / "meantime.conll").write_text("\n".join(lines), encoding="utf-8")
    mentions = [
        {"conll_doc_key": doc, "sent_id": s, "tokens_number": numbers, "coref_chain": chain,
         "topic_id": 9, "tokens_str": " ".join(DOCS[doc][s][n] for n in numbers)}
        for doc, s, numbers, chain in MENTIONS
    ]  # fmt: skip
    (english / "event_mentions.json").write_text(json.dumps(mentions), encoding="utf-8")
    return folder


def test_documents_take_the_date_line_as_publication_date(tmp_path: Path) -> None:
    first, second = meantime.load_documents(write_sample(tmp_path))
    assert first.published == date(2009, 6, 3)
    assert first.text == (
        "Mill merger approved\nRegulators approved the merger on Tuesday.\nShares rose."
    )
    # a date line that reads as no date stays in the text
    assert second.published is None
    assert second.text == "Mills merge\nStaff edition\nThe merger closed."


def test_mentions_keep_their_words_chains_and_checked_sentences(tmp_path: Path) -> None:
    first, second = meantime.load_documents(write_sample(tmp_path))
    assert [(m.text, m.chain) for m in first.mentions] == [
        ("merger", "cross_merger"), ("approved", "intra_approve"),
        ("approved", "intra_approve"), ("merger", "cross_merger")]  # fmt: skip
    assert all(first.text[slice(*m.spans[0])] == m.text for m in first.mentions)
    # checked: the sentences holding a gold mention ("Shares rose." holds none)
    assert [first.text[s:e] for s, e in first.checked] == [
        "Mill merger approved", "Regulators approved the merger on Tuesday."]  # fmt: skip
    assert first.topic == second.topic == 9
    assert meantime.chain_counts([first, second]) == {"chains": 3, "cross_document": 1}
    assert [d.name for d in meantime.load_documents(tmp_path, limit=1)] == ["corpus_mills/1"]


def hand_made_systems(docs: list) -> list[SystemDocument]:
    """Records with one event on each "merger" and each mention's word as its lemma."""
    systems = []
    for doc in docs:
        events = [{"id": f"e{n}", "type": "COOPERATE", "evidence": [
                      {"start": m.spans[0][0], "end": m.spans[0][1], "text": m.text}]}
                  for n, m in enumerate(doc.mentions) if m.text == "merger"]  # fmt: skip
        published = doc.published.isoformat() if doc.published else None
        record = {"article": {"id": doc.name, "outlet": doc.name, "published": published},
                  "events": events}  # fmt: skip
        lemmas = {m.key: m.text for m in doc.mentions}
        systems.append(SystemDocument(record, lemmas, dict(lemmas)))
    return systems


def test_score_documents_rows_on_hand_made_output(tmp_path: Path) -> None:
    docs = meantime.load_documents(write_sample(tmp_path))
    rows, details = meantime.score_documents(docs, hand_made_systems(docs))
    by_measure = {row.measure: row for row in rows}
    assert list(by_measure) == ["mention", "muc", "b3", "ceafe", "conll", "conll_lemma_baseline",
                                "conll_predicted_mentions", "conll_predicted_link"]  # fmt: skip
    # the three "merger" events find three of the six gold mentions, none outside them
    assert (by_measure["mention"].precision, by_measure["mention"].recall) == (1.0, 0.5)
    # one cluster per word is exactly the key of this sample
    assert by_measure["conll_lemma_baseline"].f1 == details["lemma_baseline"]["conll"] == 1.0
    assert details["singleton_baseline"]["muc"]["f1"] == 0.0
    assert by_measure["conll_predicted_mentions"].support == 3
    assert (details["gold_mentions"], details["dated_documents"]) == (6, 1)


def test_undated_clusterer_hides_publication_dates() -> None:
    seen = []

    def clusterer(records: list, mentions: dict) -> dict:
        seen.extend(r["article"]["published"] for r in records)
        return {}

    records = [{"article": {"id": "a", "published": "2009-06-03"}, "events": []}]
    meantime.undated(clusterer)(records, {})
    assert seen == [None]
    assert records[0]["article"]["published"] == "2009-06-03"  # the caller's record untouched


# MEANTIME's held-out part (29 documents; 2026-12-06): CoNLL F1 0.7502 with the ECB+-trained
# pair scorer, its publication-date veto (0.700 without it) and the repeated-reporting-verb
# rule (0.7494 without it), mention recall 0.1651, CoNLL
# F1 0.3812 on newsgraph's own mentions (0.355 without) and 0.3875 with `link`'s clustering of
# them, each minus 0.01. Session 13 ("plover13"): a bare "close" is no event any more (the CAMEO
# verb dictionary codes only its objects' senses; on the fit parts of RAMS, WikiEvents and MUC-4
# its 15 fires were all wrong: a dairy's operations, offices, a station, a magazine). MEANTIME
# annotates every event, closings of plants and markets included, so its held-out mention
# recall fell 0.1651 -> 0.1284 and own-mention CoNLL 0.3812 -> 0.3746, link 0.3875 -> 0.3746
# (fit mention F1 rose 0.2273 -> 0.2288); floors measured - 0.01
FLOORS = {
    ("conll", "f1"): 0.740,
    ("mention", "recall"): 0.118,
    ("conll_predicted_mentions", "f1"): 0.364,
    ("conll_predicted_link", "f1"): 0.364,
}


MEANTIME = shared_eval_dir() / meantime.DEFAULT_DATA


@pytest.mark.slow
@pytest.mark.skipif(not MEANTIME.is_dir(), reason="MEANTIME data not available")
def test_heldout_floor() -> None:
    report = meantime.evaluate(MEANTIME, split="heldout", progress=False)
    figures = {(row, field): getattr(report.row(row), field) for row, field in FLOORS}
    assert all(figures[k] >= floor for k, floor in FLOORS.items()), figures
    assert report.details["heldout"]["gold_mentions"] == 218
