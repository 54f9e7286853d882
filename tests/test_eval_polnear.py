"""The PolNeAR scorer: brat parsing, strict and lenient matching, cue-gated source and content."""

from __future__ import annotations

import pytest

from newsgraph.eval import polnear
from newsgraph.eval.base import shared_eval_dir
from newsgraph.eval.polnear import Attribution, matches, normalise, parse_ann, score_article

TEXT = "The Daily Courier reports that the mayor left the city. Officials said: “No comment.”"
# offsets: "The Daily Courier" 0-17, "reports" 18-25, "that the mayor left the city" 26-54,
# "Officials" 56-65, "said" 66-70, "“" 72, "No comment" 73-83, ".”" 83-85

ANN = "\n".join(
    [
        "T1\tSource 0 17\tThe Daily Courier",
        "T2\tCue 18 25\treports",
        "T3\tContent 26 54\tthat the mayor left the city",
        "T4\tAttribution 18 25\treports",
        "E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1",
        "T5\tCue 66 70\tsaid",
        "T6\tContent 73 83;84 85\tNo comment ”",
        "T7\tAttribution-no-source 66 70\tsaid",
        "E2\tAttribution-no-source:T7 Content:T6 Cue:T5",
        "T8\tDiscuss 0 3\tThe",
        "#1\tAnnotatorNotes T8\ta note",
    ]
)


def test_parse_ann_reads_roles_pieces_and_missing_sources():
    assert parse_ann(ANN) == [
        Attribution(cue=((18, 25),), source=((0, 17),), content=((26, 54),)),
        Attribution(cue=((66, 70),), source=(), content=((73, 83), (84, 85))),
    ]


def test_a_cue_of_punctuation_alone_is_matched_as_itself():
    text = "Pence: The debate goes ahead. ― Ann Lee"
    colon = normalise(text, ((5, 7),))  # ": " -> ":"
    assert colon == ((5, 6),)
    assert matches(colon, normalise(text, ((5, 6),)), "strict")
    assert not matches(colon, normalise(text, ((30, 31),)), "lenient")  # the dash
    assert normalise(text, ((30, 31), (31, 36))) == ((32, 35),)  # letters decide when present


def test_strict_ignores_surrounding_punctuation_and_joins_pieces():
    assert normalise(TEXT, ((72, 85),)) == ((73, 83),)  # “No comment.” -> No comment
    assert normalise(TEXT, ((73, 83), (84, 85))) == ((73, 83),)
    assert matches(normalise(TEXT, ((26, 55),)), normalise(TEXT, ((26, 54),)), "strict")
    assert not matches(normalise(TEXT, ((30, 54),)), normalise(TEXT, ((26, 54),)), "strict")
    assert matches(normalise(TEXT, ((30, 54),)), normalise(TEXT, ((26, 54),)), "lenient")
    assert not matches(normalise(TEXT, ((0, 3),)), normalise(TEXT, ((4, 9),)), "lenient")
    assert not matches((), ((1, 2),), "lenient")


def test_source_and_content_count_only_under_a_matching_cue():
    gold = parse_ann(ANN)
    predicted = [
        # cue exact, source one word short (lenient only), content with its full stop (strict)
        Attribution(cue=((18, 25),), source=((4, 17),), content=((26, 55),)),
        # cue "Officials" is wrong: its correct-looking content must not count
        Attribution(cue=((56, 65),), source=((56, 65),), content=((72, 85),)),
    ]
    counts = score_article(TEXT, gold, predicted)
    strict, lenient = counts["strict"], counts["lenient"]
    assert (strict["cue"].tp, strict["cue"].fp, strict["cue"].fn) == (1, 1, 1)
    assert (strict["source"].tp, strict["source"].fp, strict["source"].fn) == (0, 2, 1)
    assert (lenient["source"].tp, lenient["source"].fp, lenient["source"].fn) == (1, 1, 0)
    assert (strict["content"].tp, strict["content"].fp, strict["content"].fn) == (1, 1, 1)
    assert (lenient["content"].tp, lenient["content"].fp, lenient["content"].fn) == (1, 1, 1)


def test_cues_pair_one_to_one():
    gold = [Attribution(cue=((18, 25),), source=(), content=())]
    predicted = [Attribution(cue=((18, 25),), source=(), content=())] * 2
    cue = score_article(TEXT, gold, predicted)["lenient"]["cue"]
    assert (cue.tp, cue.fp, cue.fn) == (1, 1, 0)


def test_annotator_agreement_scores_the_first_file_against_the_second(tmp_path):
    for split in ("train", "dev"):
        (tmp_path / split / "text").mkdir(parents=True)
        (tmp_path / split / "attributions").mkdir()
    (tmp_path / "dev" / "text" / "a.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "dev" / "attributions" / "a_ann1.ann").write_text(ANN, encoding="utf-8")
    # the second annotator found only the first attribution, with a shorter source
    second = "\n".join([*ANN.splitlines()[:5]]).replace("Source 0 17", "Source 4 17")
    (tmp_path / "dev" / "attributions" / "a_ann2.ann").write_text(second, encoding="utf-8")
    # an article marked once does not count
    (tmp_path / "train" / "text" / "b.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "train" / "attributions" / "b_ann1.ann").write_text(ANN, encoding="utf-8")
    agreement = polnear.annotator_agreement(tmp_path)
    cue, source = agreement["strict"]["cue"], agreement["strict"]["source"]
    assert (cue.tp, cue.fp, cue.fn) == (1, 0, 1)
    assert (source.tp, source.fp, source.fn) == (0, 1, 1)
    assert agreement["lenient"]["source"].tp == 1


# Floors: the held-out half of dev (39 articles), F1 measured on 2026-12-04
# (0.7185 0.6806 0.5528 / 0.7913 0.7751 0.7549), minus 0.01; after the content boundary
# conventions (docs/quotes.md) 0.7187 0.6807 0.5525 / 0.7907 0.7744 0.7511: no floor moved;
# after the cue boundary conventions (docs/quotes.md, 2026-12-05) 0.7278 0.6882 0.5606 /
# 0.7937 0.7787 0.7532; after the headline speakers the entity tagger missed (docs/quotes.md,
# "Headline speakers", 2026-12-05) 0.7298 0.6903 0.5628 / 0.7955 0.7806 0.7551: the floors below;
# the split-quote subject and show-title rules (session 8) left every held-out figure as it was;
# after the raising cues and the longer continuation frames (docs/quotes.md, session 9) 0.7298
# 0.6926 0.5668 / 0.7955 0.7832 0.7561: source and content floors raised; a source is the
# unbroken run of its subtree around the head (quotes/spans.py ``phrase_run``, session 10,
# 2026-12-06): source strict 0.6936, its floor raised.
# The closing asides of object contents and whole dates in cues (session 10, "content10")
# left every held-out count as it was. A preposition opening the content joins the cue
# (session 11, "content11", frames.take_content_prepositions): 0.7308 0.6947 0.5678 (one more
# cue, source and content each), the strict floors raised. A passive stance verb with a "by"
# doer makes a statement about its subject (session 11, "cue11", content.has_agent): 0.7313
# 0.6954 0.5687 / 0.7960 0.7836 0.7566, the strict and the cue lenient floors raised. A speech
# verb inside another draft's content keeps its own statement (session 13, "cue13",
# drafts.drop_nested): 0.7331 0.6957 0.5700 / 0.7976 0.7858 0.7583, every floor but source
# strict raised. Second that-clauses, "as"/"for" phrases holding a date and the "―" dateline
# (session 14, "content14") left every held-out figure as it was. Session 18 (probeI's reported
# attacks and silences, content18's infinitive cues): 0.7323 0.6941 0.5696 / 0.7956 0.7861
# 0.7564, one or two statements below session 13's on every row but source lenient (fit rose
# 0.708 0.694 0.543 → 0.716 0.698 0.553); floors unchanged.
DEV_FLOORS = {
    "cue strict": 0.723,
    "source strict": 0.685,
    "content strict": 0.560,
    "cue lenient": 0.787,
    "source lenient": 0.775,
    "content lenient": 0.748,
}


@pytest.mark.slow
def test_dev_quality_floor():
    data = shared_eval_dir() / polnear.DEFAULT_DATA
    if not (data / "dev").is_dir():
        pytest.skip("PolNeAR dev split not available")
    report = polnear.evaluate(data, split="heldout")
    measured = {m: r.f1 for m, r in report.part("heldout").items()}
    assert set(measured) == set(DEV_FLOORS)
    for measure, floor in DEV_FLOORS.items():
        assert measured[measure] >= floor, (measure, measured[measure])
