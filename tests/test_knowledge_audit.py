"""tools/knowledge_audit.py: the entries of a knowledge file, the comments that govern them,
and the fit sentences each occurs in (files and sentences written here)."""

from __future__ import annotations

from pathlib import Path
from types import ModuleType

import pytest
from helpers import load_tool


@pytest.fixture(scope="module")
def audit() -> ModuleType:
    return load_tool("knowledge_audit")


def _sentence(audit: ModuleType, text: str, lemmas: str = "") -> object:
    words = text.lower().replace(".", "").split() + lemmas.split()
    return audit.Sentence(text.lower(), frozenset(words))


def test_a_comment_governs_its_key_and_list_but_not_the_next_key(
    audit: ModuleType, tmp_path: Path
) -> None:
    path = tmp_path / "cues.yaml"
    path.write_text(
        "# Cues for the tests\n"
        "classes:\n"
        "  # CAMEO 143 strikes\n"
        "  workforce: [worker, miner]\n"
        "  people: [farmer, villager]\n"
        "heads:\n"
        "  faction: {types: [armed group]}\n"
        "cues:\n"
        "  # PolNeAR's reporting verbs\n"
        "  - {lemma: say, kind: verb, act: claim, not_objects: [attack]}\n"
        "  - {lemma: mutter, kind: verb, act: claim}\n",
        encoding="utf-8",
    )
    entries = {f"{e.path}:{e.term}": e for e in audit.file_entries(path)}
    assert set(entries) == {
        "classes.workforce:worker",
        "classes.workforce:miner",
        "classes.people:farmer",
        "classes.people:villager",
        "heads:faction",
        "cues:say",
        "cues[say].not_objects:attack",
        "cues:mutter",
    }
    assert "CAMEO 143" in entries["classes.workforce:miner"].comment
    assert "CAMEO" not in entries["classes.people:villager"].comment  # a sibling key's block
    assert "reporting verbs" in entries["cues:mutter"].comment  # one block for a group of items
    assert entries["heads:faction"].header == "# Cues for the tests"


def test_counts_sentences_by_word_lemma_phrase_hyphen_and_pattern(audit: ModuleType) -> None:
    index = audit.Index(
        [
            _sentence(
                audit, "Gunmen shot dead 12 villagers near the well.", "gunman shoot villager"
            ),
            _sentence(audit, "The Iran-backed militia said it fired rockets.", "say fire rocket"),
            _sentence(audit, "Villagers fled the town.", "villager flee"),
        ]
    )
    assert index.ids("villager") == {0, 2}  # a lemma
    assert index.ids("shoot villager") == {0}  # every word of a phrase
    assert index.ids("iran-backed") == {1}  # the tokens split it; the text holds it
    assert index.ids("shot dead {n}") == {0}  # a count form, {n} a number
    assert index.ids("^(?:the )?iran-backed") == {1}  # a content's anchor is no sentence's
    assert index.ids("bulldozer") == set()


def test_a_spelling_variant_shares_its_words_support(audit: ModuleType) -> None:
    assert audit.variant_key("emphasise") == audit.variant_key("emphasize")
    assert audit.variant_key("armour") == audit.variant_key("armor")
    assert audit.variant_key("communiqué") == audit.variant_key("communique")
    assert audit.variant_key("paramilitaries") == audit.variant_key("paramilitary")
    assert audit.variant_key("adviser") == audit.variant_key("advisor")
    assert audit.variant_key("villager") != audit.variant_key("village")


def test_review_needs_one_sentence_at_most_and_no_codebook_or_word_list(
    audit: ModuleType,
) -> None:
    def row(comment: str, variants: int) -> dict:
        entry = audit.Entry("f.yaml", "classes.people", "villager", comment, "")
        return audit.count_row(entry, {"rams": min(variants, 1)}, variants)

    assert row("", 1)["review"]
    assert not row("", 2)["review"]
    assert not row("# CAMEO 181 take hostage", 0)["review"]
    assert not row("# a closed class, the English modals", 0)["review"]


def test_code_word_sets_are_audited_label_sets_are_not(audit: ModuleType, tmp_path: Path) -> None:
    path = tmp_path / "rules.py"
    path.write_text(
        "import re\n"
        "# CAMEO 016 deny responsibility\n"
        'DENY = frozenset({"deny", "refute"})\n'
        'HEDGES = ("reportedly", "allegedly")  # adverbs of hearsay\n'
        'SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj"})\n'
        'ENTS = {"GPE", "LOC"}\n'
        'PATTERN = re.compile("x")\n',
        encoding="utf-8",
    )
    entries = {f"{e.path}:{e.term}": e.comment for e in audit.code_entries(path)}
    assert set(entries) == {
        "rules.DENY:deny",
        "rules.DENY:refute",
        "rules.HEDGES:reportedly",
        "rules.HEDGES:allegedly",
    }
    assert "CAMEO 016" in entries["rules.DENY:refute"]
    assert "hearsay" in entries["rules.HEDGES:allegedly"]
