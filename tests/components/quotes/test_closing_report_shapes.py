"""A closing ", X said." report whose parse hangs part of the sentence before on the reporting
verb: a complement or subject before the comma, a bracketed name in the speaker. Parses built
by hand in the shape the parser gave probe sentences (the words are written for these tests),
so the tests do not depend on the parser's mood."""

from __future__ import annotations

import spacy
from spacy.tokens import Doc

from newsgraph.components.quotes.closing_report import misplaced_final_report
from newsgraph.components.quotes.content import verb_content
from newsgraph.components.quotes.draft import Draft
from newsgraph.components.quotes.frames import set_verb_source
from newsgraph.components.quotes.lexicon import load_knowledge

# (word, head index, dep, pos, tag, lemma)
_HUNG_COMPLEMENT = [
    # "A guard died in hospital overnight, and a herder was found, the police said."
    # the parser: "died" ROOT, "said" a conjunct of "died", "found" the complement of "said"
    ("A", 1, "det", "DET", "DT", "a"),
    ("guard", 2, "nsubj", "NOUN", "NN", "guard"),
    ("died", 2, "ROOT", "VERB", "VBD", "die"),
    ("in", 2, "prep", "ADP", "IN", "in"),
    ("hospital", 3, "pobj", "NOUN", "NN", "hospital"),
    ("overnight", 2, "advmod", "ADV", "RB", "overnight"),
    (",", 2, "punct", "PUNCT", ",", ","),
    ("and", 2, "cc", "CCONJ", "CC", "and"),
    ("a", 9, "det", "DET", "DT", "a"),
    ("herder", 11, "nsubjpass", "NOUN", "NN", "herder"),
    ("was", 11, "auxpass", "AUX", "VBD", "be"),
    ("found", 15, "ccomp", "VERB", "VBN", "find"),
    (",", 15, "punct", "PUNCT", ",", ","),
    ("the", 14, "det", "DET", "DT", "the"),
    ("police", 15, "nsubj", "NOUN", "NN", "police"),
    ("said", 2, "conj", "VERB", "VBD", "say"),
    (".", 15, "punct", "PUNCT", ".", "."),
]

_HUNG_SUBJECT = [
    # "Two miners were killed when a tank exploded, the company announced on Tuesday."
    # the parser: "announced" a relative clause with "tank" and "when" hung on it
    ("Two", 1, "nummod", "NUM", "CD", "two"),
    ("miners", 3, "nsubjpass", "NOUN", "NNS", "miner"),
    ("were", 3, "auxpass", "AUX", "VBD", "be"),
    ("killed", 3, "ROOT", "VERB", "VBN", "kill"),
    ("when", 11, "advmod", "SCONJ", "WRB", "when"),
    ("a", 6, "det", "DET", "DT", "a"),
    ("tank", 11, "nsubj", "NOUN", "NN", "tank"),
    ("exploded", 6, "acl", "VERB", "VBN", "explode"),
    (",", 11, "punct", "PUNCT", ",", ","),
    ("the", 10, "det", "DET", "DT", "the"),
    ("company", 11, "nsubj", "NOUN", "NN", "company"),
    ("announced", 3, "relcl", "VERB", "VBD", "announce"),
    ("on", 11, "prep", "ADP", "IN", "on"),
    ("Tuesday", 12, "pobj", "PROPN", "NNP", "Tuesday"),
    (".", 3, "punct", "PUNCT", ".", "."),
]


_APPOSITION = [
    # "Troops arrested two generals, the information minister, Adam Musa, told reporters."
    # the parser: "told" a conjunct of "arrested", "minister" its subject, "Musa" an apposition
    ("Troops", 1, "nsubj", "NOUN", "NNS", "troop"),
    ("arrested", 1, "ROOT", "VERB", "VBD", "arrest"),
    ("two", 3, "nummod", "NUM", "CD", "two"),
    ("generals", 1, "dobj", "NOUN", "NNS", "general"),
    (",", 3, "punct", "PUNCT", ",", ","),
    ("the", 7, "det", "DET", "DT", "the"),
    ("information", 7, "compound", "NOUN", "NN", "information"),
    ("minister", 12, "nsubj", "NOUN", "NN", "minister"),
    (",", 7, "punct", "PUNCT", ",", ","),
    ("Adam", 10, "compound", "PROPN", "NNP", "Adam"),
    ("Musa", 7, "appos", "PROPN", "NNP", "Musa"),
    (",", 7, "punct", "PUNCT", ",", ","),
    ("told", 1, "conj", "VERB", "VBD", "tell"),
    ("reporters", 12, "dobj", "NOUN", "NNS", "reporter"),
    (".", 12, "punct", "PUNCT", ".", "."),
]


_ADVERBIAL = [
    # "Two soldiers were killed when rebels attacked a post, a security source told reporters."
    # the parser: "told" an adverbial clause of "killed"
    ("Two", 1, "nummod", "NUM", "CD", "two"),
    ("soldiers", 3, "nsubjpass", "NOUN", "NNS", "soldier"),
    ("were", 3, "auxpass", "AUX", "VBD", "be"),
    ("killed", 3, "ROOT", "VERB", "VBN", "kill"),
    ("when", 6, "advmod", "SCONJ", "WRB", "when"),
    ("rebels", 6, "nsubj", "NOUN", "NNS", "rebel"),
    ("attacked", 3, "advcl", "VERB", "VBD", "attack"),
    ("a", 8, "det", "DET", "DT", "a"),
    ("post", 6, "dobj", "NOUN", "NN", "post"),
    (",", 3, "punct", "PUNCT", ",", ","),
    ("a", 12, "det", "DET", "DT", "a"),
    ("security", 12, "compound", "NOUN", "NN", "security"),
    ("source", 13, "nsubj", "NOUN", "NN", "source"),
    ("told", 3, "advcl", "VERB", "VBD", "tell"),
    ("reporters", 13, "dobj", "NOUN", "NNS", "reporter"),
    (".", 3, "punct", "PUNCT", ".", "."),
]


def _doc(rows) -> Doc:
    words = [r[0] for r in rows]
    spaces = [i + 1 < len(words) and words[i + 1] not in (",", ".") for i in range(len(words))]
    return Doc(
        spacy.blank("en").vocab,
        words=words,
        spaces=spaces,
        heads=[r[1] for r in rows],
        deps=[r[2] for r in rows],
        pos=[r[3] for r in rows],
        tags=[r[4] for r in rows],
        lemmas=[r[5] for r in rows],
        sent_starts=[i == 0 for i in range(len(words))],
    )


def _read(rows, cue_word: str) -> tuple[str, str]:
    doc = _doc(rows)
    knowledge = load_knowledge()
    token = next(t for t in doc if t.text == cue_word)
    entry = knowledge.verbs[token.lemma_]
    content = verb_content(token, entry, knowledge.verbs, knowledge.nouns)
    draft = Draft((token.idx, token.idx + len(token)), entry.lemma, entry, token)
    set_verb_source(token, draft)
    (start, end), source = content[0], draft.source
    return doc.text[start:end], doc.text[source[0] : source[1]] if source else ""


def test_a_complement_hung_before_the_comma_is_the_sentence_before():
    assert misplaced_final_report(_doc(_HUNG_COMPLEMENT)[15]) is not None
    content, source = _read(_HUNG_COMPLEMENT, "said")
    assert content == "A guard died in hospital overnight, and a herder was found"
    assert source == "the police"


def test_a_subject_hung_before_the_comma_is_not_the_speaker():
    content, source = _read(_HUNG_SUBJECT, "announced")
    assert content.startswith("Two miners were killed when a tank exploded")
    assert source == "the company"


def test_a_speaker_with_a_name_in_apposition_reports_the_sentence_before():
    content, source = _read(_APPOSITION, "told")
    assert content == "Troops arrested two generals"
    assert source == "the information minister, Adam Musa"


def test_a_closing_report_hung_as_an_adverbial_clause_reports_the_sentence_before():
    content, source = _read(_ADVERBIAL, "told")
    assert content == "Two soldiers were killed when rebels attacked a post"
    assert source == "a security source"
