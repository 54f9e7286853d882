"""Who did it and to whom across conjoined verbs and gerunds (``roles``): a bare participle
conjoined to a passive shares its voice, patient and agent; a gerund after "by" is the
subject's act (parses given by hand, the way the parser gives them)."""

from __future__ import annotations

import pytest
from spacy.language import Language
from spacy.tokens import Doc

from newsgraph.components.events.roles import is_passive, passive_patient, subject_of
from newsgraph.nlp import load_spacy_model


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_spacy_model()


def _doc(nlp: Language, rows: list[tuple[str, int, str, str]]) -> Doc:
    """A doc from (word, head index, dependency label, fine tag) rows."""
    words, heads, deps, tags = (list(column) for column in zip(*rows, strict=True))
    pos = ["VERB" if t.startswith("VB") else "NOUN" if t.startswith("NN") else "X" for t in tags]
    return Doc(nlp.vocab, words=words, heads=heads, deps=deps, tags=tags, pos=pos)


def test_a_passive_conjunct_undergoes_what_its_head_does(nlp: Language) -> None:
    doc = _doc(nlp, [
        ("dissidents", 3, "nsubjpass", "NNS"), ("can", 3, "aux", "MD"),
        ("be", 3, "auxpass", "VB"), ("jailed", 3, "ROOT", "VBN"), ("or", 3, "cc", "CC"),
        ("executed", 3, "conj", "VBN"),
    ])  # fmt: skip
    executed = doc[5]
    assert is_passive(executed)
    assert passive_patient(executed).text == "dissidents"
    assert subject_of(executed) is None  # no agent: the patient is not the doer


def test_passive_conjuncts_share_the_agent_hung_on_the_last(nlp: Language) -> None:
    doc = _doc(nlp, [
        ("The", 1, "det", "DT"), ("villagers", 3, "nsubjpass", "NNS"),
        ("were", 3, "auxpass", "VBD"), ("beaten", 3, "ROOT", "VBN"), ("and", 3, "cc", "CC"),
        ("robbed", 3, "conj", "VBN"), ("by", 5, "agent", "IN"), ("the", 8, "det", "DT"),
        ("militia", 6, "pobj", "NN"),
    ])  # fmt: skip
    beaten, robbed = doc[3], doc[5]
    assert subject_of(beaten).text == "militia"
    assert subject_of(robbed).text == "militia"
    assert passive_patient(robbed).text == "villagers"


def test_an_active_conjunct_is_not_passive(nlp: Language) -> None:
    doc = _doc(nlp, [
        ("Rebels", 1, "nsubj", "NNS"), ("seized", 1, "ROOT", "VBD"), ("and", 1, "cc", "CC"),
        ("burned", 1, "conj", "VBD"), ("the", 5, "det", "DT"), ("town", 3, "dobj", "NN"),
    ])  # fmt: skip
    assert not is_passive(doc[3])
    assert subject_of(doc[3]).text == "Rebels"


def test_a_gerund_after_by_is_the_subjects_act_after_of_the_objects(nlp: Language) -> None:
    by = _doc(nlp, [
        ("Officials", 1, "nsubj", "NNS"), ("threatened", 1, "ROOT", "VBD"),
        ("reporters", 1, "dobj", "NNS"), ("by", 1, "prep", "IN"), ("vowing", 3, "pcomp", "VBG"),
        ("to", 6, "aux", "TO"), ("close", 4, "xcomp", "VB"), ("papers", 6, "dobj", "NNS"),
    ])  # fmt: skip
    assert subject_of(by[4]).text == "Officials"
    of = _doc(nlp, [
        ("Police", 1, "nsubj", "NNS"), ("accused", 1, "ROOT", "VBD"), ("the", 3, "det", "DT"),
        ("men", 1, "dobj", "NNS"), ("of", 1, "prep", "IN"), ("attacking", 4, "pcomp", "VBG"),
        ("a", 7, "det", "DT"), ("bus", 5, "dobj", "NN"),
    ])  # fmt: skip
    assert subject_of(of[5]).text == "men"


def test_a_participle_of_the_reporting_clause_itself_is_the_speakers(nlp: Language) -> None:
    # "Gunmen fired , police said , killing guards" with the report heading the sentence
    doc = _doc(nlp, [
        ("Gunmen", 1, "nsubj", "NNS"), ("fired", 4, "ccomp", "VBD"), (",", 4, "punct", ","),
        ("police", 4, "nsubj", "NNS"), ("said", 4, "ROOT", "VBD"),
        (",", 4, "punct", ","), ("killing", 4, "advcl", "VBG"), ("guards", 6, "dobj", "NNS"),
    ])  # fmt: skip
    lemmas = ["gunman", "fire", ",", "police", "say", ",", "kill", "guard"]
    for token, lemma in zip(doc, lemmas, strict=True):
        token.lemma_ = lemma
    assert subject_of(doc[6]).text == "police"
