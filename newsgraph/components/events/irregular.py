"""Irregular word forms the small model leaves as themselves: its tagger reads an unknown past
("retook", "rebuilt", "foresaw") as a present tense (VBP), and spaCy's English lemmatizer
keeps a present tense as its own base form, although its exception table knows the form
("retook" -> "retake"). The trigger lookup guesses the table's lemma too, and for a prefixed
form the table lacks, the prefix plus the lemma of the rest ("outdrew" -> "out" + "draw").
The table is the pipeline lemmatizer's own, read once when the events component is made."""

from __future__ import annotations

from spacy.language import Language

# English verb prefixes of irregular compounds ("retake", "mistake", "foresee", "forgive",
# "outrun", "overthrow", "undertake", "withhold", "uphold")
VERB_PREFIXES = ("re", "mis", "fore", "for", "out", "over", "under", "with", "up")
_exceptions: dict[str, tuple[str, ...]] = {}


def read_lemma_exceptions(nlp: Language) -> dict[str, tuple[str, ...]]:
    """The pipeline lemmatizer's verb exceptions (form -> lemmas); empty for a pipeline with
    no lemmatizer or no ``lemma_exc`` table (a lookup lemmatizer)."""
    if "lemmatizer" not in nlp.pipe_names:
        return {}
    lookups = getattr(nlp.get_pipe("lemmatizer"), "lookups", None)
    if lookups is None or not lookups.has_table("lemma_exc"):
        return {}
    table = lookups.get_table("lemma_exc")
    out: dict[str, tuple[str, ...]] = {}
    for form, lemmas in (table.get("verb") or {}).items():
        others = tuple(lemma for lemma in lemmas if lemma != form)
        if others:
            out[form] = others
    return out


def use_lemma_exceptions(exceptions: dict[str, tuple[str, ...]]) -> None:
    """Make ``exceptions`` the table :func:`irregular_lemmas` reads (process-wide: one
    English model's table serves every pipeline)."""
    global _exceptions
    _exceptions = exceptions


def irregular_lemmas(word: str) -> tuple[str, ...]:
    """The exception table's lemmas of a lower-case ``word``, or for a prefixed word the table
    lacks, the prefix plus the lemmas of the rest; () for a regular word."""
    if word in _exceptions:
        return _exceptions[word]
    for prefix in VERB_PREFIXES:
        rest = word[len(prefix) :]
        # a rest of three letters at least, so no short word reads as a prefixed one
        if word.startswith(prefix) and len(rest) >= 3 and rest in _exceptions:
            return tuple(prefix + lemma for lemma in _exceptions[rest])
    return ()


def listed_form(word: str) -> bool:
    """Whether the exception table has the lower-case ``word`` itself (not by a prefix)."""
    return word in _exceptions
