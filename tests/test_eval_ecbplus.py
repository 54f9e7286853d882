"""The ECB+ scorer: coreference measures on textbook clusterings, gold reading, and a floor on
the dev topics (slow)."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsgraph.eval import ecbplus
from newsgraph.eval.base import shared_eval_dir
from newsgraph.eval.coref_scores import CorefScore, b_cubed, ceaf_e, max_weight_matching, muc
from newsgraph.eval.ecbplus import parse_document, rebuild_text


def partition(*clusters: str) -> dict[str, int]:
    """``partition("abc", "de")``: mentions a, b, c in cluster 0 and d, e in cluster 1."""
    return {m: n for n, cluster in enumerate(clusters) for m in cluster}


# Vilain et al. (1995) / Luo (2005): key {1-5} {6,7} {8-12}.
KEY = partition("abcde", "fg", "hijkl")
MERGED_TWO = partition("abcde", "fghijkl")
ALL_ONE = partition("abcdefghijkl")
ALL_SINGLETONS = partition(*"abcdefghijkl")


def rounded(score: CorefScore) -> tuple[float, float]:
    return (round(score.precision, 4), round(score.recall, 4))


@pytest.mark.parametrize(
    ("response", "expected"),
    [
        (KEY, (1.0, 1.0)),
        (MERGED_TWO, (0.9, 1.0)),  # 9 of 10 response links right, every key link found
        (ALL_ONE, (round(9 / 11, 4), 1.0)),
        (ALL_SINGLETONS, (0.0, 0.0)),
    ],
)
def test_muc(response: dict[str, int], expected: tuple[float, float]) -> None:
    assert rounded(muc(KEY, response)) == expected


@pytest.mark.parametrize(
    ("response", "expected"),
    [
        (KEY, (1.0, 1.0)),
        (MERGED_TWO, (round(64 / 84, 4), 1.0)),  # (5·1 + 2·2/7 + 5·5/7) / 12
        (ALL_ONE, (0.375, 1.0)),  # (25 + 4 + 25) / 144
        (ALL_SINGLETONS, (1.0, 0.25)),  # (5·1/5 + 2·1/2 + 5·1/5) / 12
    ],
)
def test_b_cubed(response: dict[str, int], expected: tuple[float, float]) -> None:
    assert rounded(b_cubed(KEY, response)) == expected


@pytest.mark.parametrize(
    ("response", "expected"),
    [
        (KEY, (1.0, 1.0)),
        # φ4: {1-5}↔{1-5} = 1, {8-12}↔{6-12} = 10/12; {6,7} is left without a partner
        (MERGED_TWO, (round((1 + 10 / 12) / 2, 4), round((1 + 10 / 12) / 3, 4))),
        (ALL_ONE, (round(10 / 17, 4), round(10 / 17 / 3, 4))),  # Luo (2005), Table 2
        (ALL_SINGLETONS, (round(4 / 3 / 12, 4), round(4 / 3 / 3, 4))),
    ],
)
def test_ceaf_e(response: dict[str, int], expected: tuple[float, float]) -> None:
    assert rounded(ceaf_e(KEY, response)) == expected


def test_ceaf_e_needs_the_optimal_alignment_not_the_greedy_one() -> None:
    key = partition("abc", "d")
    response = partition("abd", "c")
    # φ4: K1↔R1 = 4/6, K1↔R2 = 2/4, K2↔R1 = 2/4, K2↔R2 = 0. Greedy takes K1↔R1 (total 2/3);
    # the optimum pairs K1↔R2 and K2↔R1 (total 1).
    score = ceaf_e(key, response)
    assert (round(score.precision, 4), round(score.recall, 4)) == (0.5, 0.5)


@pytest.mark.parametrize(
    ("weights", "best"),
    [
        ([[0.5, 0.9], [0.8, 0.1]], 1.7),
        ([[0.9, 0.8], [0.85, 0.0]], 1.65),  # greedy 0.9 + 0.0 loses
        ([[0.3, 0.2, 0.9], [0.6, 0.5, 0.8]], 1.5),
        ([[0.4], [0.7], [0.1]], 0.7),
    ],
)
def test_max_weight_matching(weights: list[list[float]], best: float) -> None:
    assert round(max_weight_matching(weights), 6) == best


def test_rebuild_text_keeps_a_token_map() -> None:
    tokens = [("1", 1, "He"), ("2", 1, "checked"), ("3", 1, "into"), ("4", 1, "rehab"),
              ("5", 1, ","), ("6", 1, "police"), ("7", 1, "said"), ("8", 1, "."),
              ("9", 2, "It"), ("10", 2, "'s"), ("11", 2, "over")]  # fmt: skip
    text, spans, sentences = rebuild_text(tokens)
    assert text == "He checked into rehab, police said.\nIt's over"
    assert all(text[s:e] == tok for t_id, _, tok in tokens for s, e in [spans[t_id]])
    assert text[slice(*sentences[2])] == "It's over"


XML = """<Document doc_name="99_1ecbplus.xml" doc_id="X">
<token t_id="1" sentence="0" number="0">http://example.org/story</token>
<token t_id="2" sentence="1" number="0">Rebels</token>
<token t_id="3" sentence="1" number="1">shelled</token>
<token t_id="4" sentence="1" number="2">the</token>
<token t_id="5" sentence="1" number="3">town</token>
<token t_id="6" sentence="1" number="4">.</token>
<token t_id="7" sentence="2" number="0">The</token>
<token t_id="8" sentence="2" number="1">attack</token>
<token t_id="9" sentence="2" number="2">ended</token>
<token t_id="10" sentence="3" number="0">Talks</token>
<token t_id="11" sentence="3" number="1">began</token>
<Markables>
<ACTION_OCCURRENCE m_id="1"><token_anchor t_id="3"/></ACTION_OCCURRENCE>
<ACTION_OCCURRENCE m_id="2"><token_anchor t_id="8"/></ACTION_OCCURRENCE>
<ACTION_OCCURRENCE m_id="3"><token_anchor t_id="9"/></ACTION_OCCURRENCE>
<ACTION_OCCURRENCE m_id="4"><token_anchor t_id="11"/></ACTION_OCCURRENCE>
<HUMAN_PART_GPE m_id="5"><token_anchor t_id="2"/></HUMAN_PART_GPE>
<ACTION_OCCURRENCE m_id="6" TAG_DESCRIPTOR="t99_shelling" instance_id="ACT1"/>
</Markables>
<Relations>
<CROSS_DOC_COREF r_id="10" note="ACT1"><source m_id="1"/><source m_id="2"/><target m_id="6"/>
</CROSS_DOC_COREF>
</Relations>
</Document>
"""


def test_parse_document_reads_checked_event_mentions_and_chains(tmp_path: Path) -> None:
    path = tmp_path / "99_1ecbplus.xml"
    path.write_text(XML, encoding="utf-8")
    doc = parse_document(path, 99, checked_sentences={1, 2})
    assert doc.text == "Rebels shelled the town.\nThe attack ended\nTalks began"  # no URL
    assert [(m.m_id, m.text, m.chain) for m in doc.mentions] == [
        ("1", "shelled", "99/ACT1"),
        ("2", "attack", "99/ACT1"),
        ("3", "ended", "99_1ecbplus/singleton/3"),
    ]  # "began" lies outside the checked sentences; "Rebels" is no event
    assert [doc.text[s:e] for s, e in doc.checked] == ["Rebels shelled the town.",
                                                       "The attack ended"]  # fmt: skip


ECBPLUS = shared_eval_dir() / ecbplus.DEFAULT_DATA


@pytest.mark.slow
@pytest.mark.skipif(not ECBPLUS.is_dir(), reason="ECB+ data not available")
def test_dev_floor() -> None:
    report = ecbplus.evaluate(ECBPLUS, split="heldout", progress=False)
    assert report.details["heldout"]["gold_mentions"] == 1245
    assert report.row("conll").f1 >= CONLL_FLOOR
    assert report.row("mention").recall >= MENTION_RECALL_FLOOR
    assert report.row("conll_predicted_mentions").f1 >= PREDICTED_CONLL_FLOOR
    assert report.row("conll_predicted_link").f1 >= PREDICTED_LINK_CONLL_FLOOR


# the dev topics are ECB+'s held-out part: CoNLL F1 0.7809 with the learned pair scorer (boosted
# trees; rules 0.7605), mention recall 0.2490, CoNLL F1 0.3666 on newsgraph's own mentions
# (2026-12-05; docs/link.md), minus 0.01
CONLL_FLOOR = 0.770
MENTION_RECALL_FLOOR = 0.245  # kept: 0.2490 measured is above it
PREDICTED_CONLL_FLOOR = 0.356

# newsgraph link's own clustering of those mentions (row conll_predicted_link): 0.3274 on dev
# with the learned pair evidence, the merge model and the mention linker's collection clusters
# (2026-12-06; 0.2929 before them; docs/link.md); 0.3361 since a place alone is half the
# evidence between undated events (session 15, story15; was 0.3226); 0.3376 since a street or
# building without a point, named after a town, lies in it (session 16, story16), minus 0.01
PREDICTED_LINK_CONLL_FLOOR = 0.327


def test_system_partition_maps_gold_mentions_to_event_clusters(tmp_path: Path) -> None:
    from newsgraph.eval.ecbplus import SystemDocument, system_partition

    path = tmp_path / "99_1ecbplus.xml"
    path.write_text(XML, encoding="utf-8")
    doc = parse_document(path, 99, checked_sentences={1, 2, 3})
    text = doc.text

    def ev(eid: str, word: str) -> dict:
        start = text.index(word)
        return {"id": eid, "type": "ASSAULT", "source": {"actor": "unresolved:rebels"},
                "target": {"actor": None}, "evidence": [{"start": start, "end": start + len(word),
                                                         "text": word}]}  # fmt: skip

    events = [ev("e1", "shelled"), ev("e2", "attack"), ev("e3", "town")]
    record = {"article": {"id": doc.name, "outlet": "x"}, "events": events}
    partition, recognition = system_partition([doc], [SystemDocument(record, {})])
    shelled, attack, ended, began = (partition[(doc.name, m)] for m in ("1", "2", "3", "4"))
    assert shelled == attack  # one cluster: same type, same (unresolved) source
    assert ended == ("gold", (doc.name, "3"))  # no event covers it: a singleton
    assert began == ("gold", (doc.name, "4"))
    assert (recognition.tp, recognition.fp, recognition.fn) == (2, 1, 2)  # "town" is no event


def test_predicted_mentions_take_the_gold_identity_they_overlap() -> None:
    from newsgraph.eval.ecbplus_predicted import match_gold, predicted_mentions

    path_text = "Rebels shelled the town.\nThe attack ended"
    record = {"article": {"id": "d"}, "events": [
        {"id": "e1", "evidence": [{"start": 7, "end": 14, "text": "shelled"},
                                  {"start": 29, "end": 35, "text": "attack"}]},
        {"id": "e2", "evidence": [{"start": 19, "end": 23, "text": "town"}]},
    ]}  # fmt: skip
    checked = [(0, 24), (25, len(path_text))]
    predicted = predicted_mentions(record, checked)
    # one mention per event and sentence
    assert [(m.mention_id, m.lemma) for m in predicted] == [
        ("e1@0", "shelled"), ("e1@1", "attack"), ("e2@0", "town")]  # fmt: skip

    class Gold:
        def __init__(self, m_id: str, start: int, end: int) -> None:
            self.key, self.spans = ("d", m_id), [(start, end)]

    identity = match_gold(predicted, [Gold("1", 7, 14), Gold("2", 29, 35), Gold("3", 36, 41)])
    assert identity[("d", "e1@0")] == ("d", "1") and identity[("d", "e1@1")] == ("d", "2")
    assert identity[("d", "e2@0")] == ("predicted", "d", "e2@0")  # twinless: costs precision
