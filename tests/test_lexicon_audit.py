"""tools/lexicon_audit.py: which lexicon entry a mention came from, how many sentences each
entry fires on, and whether a codebook comment stands above it (sentences written here)."""

from __future__ import annotations

from pathlib import Path
from types import ModuleType

import pytest
from helpers import load_tool

from newsgraph.components.events.lexicon import load_lexicon

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def audit() -> ModuleType:
    return load_tool("lexicon_audit")


def test_counts_each_entry_once_per_sentence_with_its_override(audit: ModuleType) -> None:
    texts = {
        "plover": [
            "The army called up reservists. Rebels attacked the town and attacked a base.",
            "The government launched an attack on the port.",
        ],
        "rams": ["Police were placed on alert."],
    }
    fires = audit.count_fires(texts, load_lexicon())
    assert fires["verb:call up"]["plover"] == 1
    assert fires["verb:call up/by_object:troops"]["plover"] == 1
    assert fires["verb:attack"]["plover"] == 1  # two mentions, one sentence
    assert fires["noun:attack"]["plover"] == 1  # the support verb's event noun
    assert fires["phrase:place on alert"]["rams"] == 1
    assert "verb:launch" not in fires


def test_a_comment_speaks_for_the_entries_under_it_up_to_the_next(
    audit: ModuleType, tmp_path: Path
) -> None:
    path = tmp_path / "triggers.yaml"
    path.write_text(
        "verbs:\n"
        "  # ASSAULT\n"
        "  attack: {type: ASSAULT}\n"
        "  # CAMEO 202 mass killings\n"
        "  slaughter: {type: ASSAULT}\n"
        "  massacre: {type: ASSAULT}\n"
        "  # a guard\n"
        "  raze: {type: COERCE}\n"
        "phrases:\n"
        "  # PLOVER MOBILIZE\n"
        "  - {verb: put, prep: on, object: [alert], type: MOBILIZE}\n",
        encoding="utf-8",
    )
    cited = audit.cited_entries(path)
    assert cited["verb:slaughter"] and cited["verb:massacre"]
    assert not cited["verb:attack"] and not cited["verb:raze"]
    assert audit.entry_cited("phrase:put on alert", cited)
    assert not audit.entry_cited("phrase:take life", cited)


def test_review_marks_single_support_without_a_codebook(audit: ModuleType) -> None:
    rows = [
        {"entry": "verb:a", "fit_sentences": 1, "per_set": {}, "codebook_comment": False},
        {"entry": "verb:b", "fit_sentences": 1, "per_set": {}, "codebook_comment": True},
        {"entry": "verb:c", "fit_sentences": 2, "per_set": {}, "codebook_comment": False},
    ]
    assert [audit.needs_review(r) for r in rows] == [True, False, False]


def test_the_shipped_lexicon_cites_a_code_for_the_entries_it_once_flagged(
    audit: ModuleType,
) -> None:
    # session 11: the 41 REVIEW entries of session 8 stand under comments naming their CAMEO
    # codes (a few of them, by key, here; the audit itself needs the gold data)
    cited = audit.cited_entries()
    for key in ("verb:lynch", "verb:round up", "verb:picket", "verb:mobilise", "verb:call on",
                "verb:censure", "verb:probe", "verb:hail", "verb:sanction", "noun:drone",
                "noun:strike", "noun:raid", "noun:incursion"):  # fmt: skip
        assert cited[key], key


def test_a_citation_is_weak_when_the_comment_names_another_word(
    audit: ModuleType, tmp_path: Path
) -> None:
    path = tmp_path / "triggers.yaml"
    path.write_text(
        "verbs:\n"
        "  # CAMEO 202 slaughter, shelling (195)\n"
        "  slaughter: {type: ASSAULT}\n"
        "  shell: {type: ASSAULT}\n"
        "  massacre: {type: ASSAULT}\n"
        "  # a guard\n"
        "  raze: {type: COERCE}  # CAMEO 1712 destroy property\n"
        "  burn: {type: COERCE}\n",
        encoding="utf-8",
    )
    comments = audit.entry_comments(path)
    assert audit.comment_names_entry("verb:raze", comments)  # its own trailing comment
    assert audit.cited_entries(path)["verb:raze"] and not audit.cited_entries(path)["verb:burn"]
    assert audit.comment_names_entry("verb:slaughter", comments)
    assert audit.comment_names_entry("verb:shell", comments)  # "shelling" names it
    assert not audit.comment_names_entry("verb:massacre", comments)  # cleared by its neighbour
    weak = {"fit_sentences": 1, "codebook_comment": True, "comment_names_entry": False}
    assert audit.weakly_cited(weak)
    assert not audit.weakly_cited({**weak, "fit_sentences": 2})
    assert not audit.weakly_cited({**weak, "comment_names_entry": True})
