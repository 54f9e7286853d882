"""newsgraph_framing: loaded language, flagged symmetrically, with who used each term.

Every side's loaded vocabulary lives in ``data/en/loaded_terms.yaml`` ("martyrs" and
"terrorists", "Kyiv regime" and "orcs", "Janjaweed" and "Kizan"); this component finds it with one
spaCy ``PhraseMatcher`` pass on ``LOWER`` and writes ``doc._.ng_framing``, a list of
``model.Framing`` in text order.

Who used a term (``Framing.speaker``):

- the speaker's actor id when the term lies inside a statement's content (``doc._.ng_statements``)
  *and* is the speaker's own wording: inside quotation marks, or anywhere in a direct statement;
  ``"unattributed"`` when that statement has no resolved actor;
- ``"quoted"`` when the term is inside quotation marks but no statement covers it;
- ``"outlet"`` otherwise. The unquoted part of an indirect or mixed statement is the outlet's
  paraphrase, so its wording is the outlet's: in "accusing Hezbollah of committing a massacre in
  the occupied village" the words "massacre" and "occupied" were chosen by the outlet, not by the
  Israeli prime minister it paraphrases.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc
from spacy.util import filter_spans

from ...datafiles import data_file, load_yaml
from ...extensions import doc_text, get_list
from ...model import Framing, Span, Statement

LEXICON_PATH = data_file(__package__, "loaded_terms.yaml")

OUTLET = "outlet"
QUOTED = "quoted"
UNATTRIBUTED = "unattributed"

CURLY_APOSTROPHE = "\u2019"


@dataclass(frozen=True, slots=True)
class LexiconEntry:
    """One loaded term of the lexicon with the surface forms that express it."""

    term: str
    category: str
    sides: tuple[str, ...]
    neutral: str
    variants: tuple[str, ...]  # matched whatever the capitalisation
    cased: tuple[str, ...]  # matched only with exactly this capitalisation
    not_followed_by: frozenset[str]
    not_preceded_by: frozenset[str]


class LexiconError(ValueError):
    """A lexicon file that cannot be used (unknown category, entry without a term, ...)."""


# ---------------------------------------------------------------------------- the lexicon


def _as_tuple(value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    return tuple(str(v) for v in value)


def _entry_from_dict(raw: dict[str, Any], categories: set[str], source: str) -> LexiconEntry:
    term = str(raw.get("term") or "").strip()
    if not term:
        raise LexiconError(f"{source}: an entry has no term: {raw!r}")
    category = str(raw.get("category") or "")
    if category not in categories:
        raise LexiconError(f"{source}: {term!r} has unknown category {category!r}")
    cased = _as_tuple(raw.get("cased"))
    variants = _as_tuple(raw.get("variants"))
    if not cased and not variants:
        variants = (term,)  # an entry with no forms listed matches its term
    return LexiconEntry(
        term=term,
        category=category,
        sides=_as_tuple(raw.get("sides")),
        neutral=str(raw.get("neutral") or ""),
        variants=variants,
        cased=cased,
        not_followed_by=frozenset(w.lower() for w in _as_tuple(raw.get("not_followed_by"))),
        not_preceded_by=frozenset(w.lower() for w in _as_tuple(raw.get("not_preceded_by"))),
    )


def _read_lexicon_file(path: Path, categories: set[str]) -> tuple[set[str], list[LexiconEntry]]:
    data = load_yaml(path.read_text(encoding="utf-8")) or {}
    categories = categories | set((data.get("categories") or {}).keys())
    entries = [_entry_from_dict(raw, categories, str(path)) for raw in data.get("terms") or []]
    return categories, entries


@lru_cache(maxsize=8)
def load_lexicon(extra_paths: tuple[str, ...] = ()) -> tuple[LexiconEntry, ...]:
    """The bundled lexicon plus users' files, read once per process.

    An entry in a later file replaces an earlier entry with the same term; a user file may also
    declare new categories.
    """
    categories: set[str] = set()
    by_term: dict[str, LexiconEntry] = {}
    for path in (LEXICON_PATH, *(Path(p) for p in extra_paths)):
        categories, entries = _read_lexicon_file(path, categories)
        for entry in entries:
            by_term.pop(entry.term, None)  # re-insert so a replacement takes the later position
            by_term[entry.term] = entry
    return tuple(by_term.values())


def neutral_alternative(term: str, extra_paths: tuple[str, ...] = ()) -> str | None:
    """The lexicon's neutral wording for a canonical ``term`` (None for an unknown term)."""
    for entry in load_lexicon(extra_paths):
        if entry.term == term:
            return entry.neutral
    return None


# ---------------------------------------------------------------------------- matching


def _normalise(text: str) -> str:
    return " ".join(text.replace(CURLY_APOSTROPHE, "'").split())


def _with_curly_apostrophes(forms: Iterable[str]) -> list[str]:
    out: list[str] = []
    for form in forms:
        out.append(form)
        if "'" in form:
            out.append(form.replace("'", CURLY_APOSTROPHE))
    return out


def _neighbour_words(doc: Doc, start: int, end: int) -> tuple[list[str], str | None]:
    """Lowercase words just before a match (the word, and the one before a hyphen) and after it."""
    before: list[str] = []
    i = start - 1
    while i >= 0 and doc[i].is_space:
        i -= 1
    if i >= 0:
        before.append(doc[i].lower_)
        if doc[i].text in {"-", "\u2010", "\u2011"} and i > 0:  # "anti-terrorist"
            before.append(doc[i - 1].lower_)
    j = end
    while j < len(doc) and doc[j].is_space:
        j += 1
    after = doc[j].lower_ if j < len(doc) else None
    return before, after


class LoadedTermMatcher:
    """All lexicon forms compiled into one PhraseMatcher for a pipeline's vocabulary."""

    def __init__(self, nlp: Language, entries: Sequence[LexiconEntry]) -> None:
        self.entries = tuple(entries)
        self.matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        # one owner per lowercase form: a later entry (a user's file) takes a form over
        owners: dict[str, tuple[int, bool]] = {}
        for index, entry in enumerate(self.entries):
            for form in _with_curly_apostrophes(entry.cased):
                owners[" ".join(form.lower().split())] = (index, True)
            for form in _with_curly_apostrophes(entry.variants):
                owners[" ".join(form.lower().split())] = (index, False)
        groups: dict[tuple[int, bool], list[str]] = {}
        for form, owner in owners.items():
            groups.setdefault(owner, []).append(form)
        self._rules: dict[int, tuple[LexiconEntry, frozenset[str] | None]] = {}
        for (index, cased), forms in groups.items():
            key = f"ng_framing:{index}:{int(cased)}"
            entry = self.entries[index]
            allowed = frozenset(_normalise(c) for c in entry.cased) if cased else None
            self._rules[nlp.vocab.strings.add(key)] = (entry, allowed)
            self.matcher.add(key, list(nlp.tokenizer.pipe(forms)))

    def __call__(self, doc: Doc) -> list[tuple[int, int, LexiconEntry]]:
        """Accepted matches as (start char, end char, entry), longest first where they overlap."""
        candidates = []
        for match_id, start, end in self.matcher(doc):
            entry, allowed = self._rules[match_id]
            span = doc[start:end]
            if allowed is not None and _normalise(span.text) not in allowed:
                continue
            if self._excluded_by_context(doc, start, end, entry):
                continue
            span.label_ = self.matcher.vocab.strings[match_id]
            candidates.append(span)
        return [
            (span.start_char, span.end_char, self._rules[span.label][0])
            for span in filter_spans(candidates)
        ]

    @staticmethod
    def _excluded_by_context(doc: Doc, start: int, end: int, entry: LexiconEntry) -> bool:
        if not entry.not_followed_by and not entry.not_preceded_by:
            return False
        before, after = _neighbour_words(doc, start, end)
        if after is not None and after in entry.not_followed_by:
            return True
        return any(word in entry.not_preceded_by for word in before)


# ---------------------------------------------------------------------------- who said it

_QUOTE_CHARS = re.compile("[\"'\u2018\u2019\u201c\u201d\u201e\u00ab\u00bb\n]")
_DOUBLE_CLOSERS = {'"': '"', "\u201c": "\u201d", "\u201e": "\u201c\u201d", "\u00ab": "\u00bb"}
_SINGLE_CLOSERS = {"'": "'\u2019", "\u2018": "\u2019'"}


def _is_word_char(char: str) -> bool:
    return char.isalnum()


def quoted_regions(text: str) -> list[tuple[int, int]]:
    """Character ranges inside quotation marks (marks included), outermost quotes only.

    Quotes never run past a line: news paragraphs are lines, and a quotation that goes on into the
    next paragraph opens again there. An unclosed double quote runs to the end of its line (that
    convention); an unclosed single quote is taken for an apostrophe and ignored. A single mark
    between two letters ("We're", "Gallant's") is an apostrophe, never a quote.
    """
    regions: list[tuple[int, int]] = []
    open_at: int | None = None
    closers = ""
    single = False
    for match in _QUOTE_CHARS.finditer(text):
        i, char = match.start(), match.group()
        if char == "\n":
            if open_at is not None and not single:
                regions.append((open_at, i))
            open_at = None
            continue
        prev = text[i - 1] if i > 0 else " "
        nxt = text[i + 1] if i + 1 < len(text) else " "
        if open_at is None:
            if char in _DOUBLE_CLOSERS:
                open_at, closers, single = i, _DOUBLE_CLOSERS[char], False
            elif char in _SINGLE_CLOSERS and not _is_word_char(prev) and not nxt.isspace():
                open_at, closers, single = i, _SINGLE_CLOSERS[char], True
        elif char in closers and not (single and (_is_word_char(nxt) or prev.isspace())):
            regions.append((open_at, i + 1))
            open_at = None
    if open_at is not None and not single:
        regions.append((open_at, len(text)))
    return regions


def _inside(start: int, end: int, regions: Iterable[tuple[int, int]]) -> bool:
    return any(r_start <= start and end <= r_end for r_start, r_end in regions)


def _covering_statement(start: int, end: int, statements: Sequence[Statement]) -> Statement | None:
    """The statement whose content covers [start, end), a direct one first."""
    covering = [
        statement
        for statement in statements
        if any(c.start <= start and end <= c.end for c in getattr(statement, "content", ()) or ())
    ]
    covering.sort(key=lambda s: getattr(s, "kind", None) != "direct")
    return covering[0] if covering else None


def speaker_of(
    start: int,
    end: int,
    statements: Sequence[Statement],
    regions: Sequence[tuple[int, int]],
) -> str:
    """Who used the words at [start, end): an actor id, "unattributed", "quoted" or "outlet"."""
    quoted = _inside(start, end, regions)
    statement = _covering_statement(start, end, statements)
    if statement is not None and (quoted or statement.kind == "direct"):
        speaker = getattr(statement, "speaker", None)
        actor = getattr(speaker, "actor", None)
        return actor or UNATTRIBUTED
    return QUOTED if quoted else OUTLET


# ---------------------------------------------------------------------------- the component


def find_framing(doc: Doc, matcher: LoadedTermMatcher) -> list[Framing]:
    """The loaded terms of ``doc`` in text order, each with the one who used it."""
    matches = matcher(doc)
    if not matches:
        return []
    text = doc_text(doc)
    statements = get_list(doc, "ng_statements")
    regions = quoted_regions(text)
    return [
        Framing(
            span=Span.of(text, start, end),
            term=entry.term,
            category=entry.category,
            speaker=speaker_of(start, end, statements, regions),
        )
        for start, end, entry in matches
    ]


@Language.factory(
    "newsgraph_framing",
    assigns=["doc._.ng_framing"],
    requires=["doc._.ng_statements"],
    default_config={"lexicon_paths": []},
)
def make_component(nlp: Language, name: str, lexicon_paths: list[str]) -> FramingComponent:
    return FramingComponent(nlp, tuple(lexicon_paths))


class FramingComponent:
    """Writes ``doc._.ng_framing``; reads ``doc._.ng_statements`` when the quotes component ran."""

    def __init__(self, nlp: Language, lexicon_paths: tuple[str, ...] = ()) -> None:
        self.matcher = LoadedTermMatcher(nlp, load_lexicon(lexicon_paths))

    def __call__(self, doc: Doc) -> Doc:
        doc._.ng_framing = find_framing(doc, self.matcher)
        return doc


# The stub's class name, kept so code written against it still imports.
Component = FramingComponent

__all__ = [
    "OUTLET",
    "QUOTED",
    "UNATTRIBUTED",
    "FramingComponent",
    "LexiconEntry",
    "LexiconError",
    "LoadedTermMatcher",
    "find_framing",
    "load_lexicon",
    "neutral_alternative",
    "quoted_regions",
    "speaker_of",
]
