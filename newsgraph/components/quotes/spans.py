"""Character spans of an article: paragraphs, quotes, a token's words, the pieces a content is
made of, and how a content widens to the quotes it starts or ends in."""

from __future__ import annotations

import re

import numpy as np
from spacy.attrs import DEP
from spacy.tokens import Doc, Token

from ...extensions import doc_text
from ..datelines.component import dateline_end
from ..hashes import isin_hashes
from .draft import Range
from .scan import SEPARATORS, Quote, find_quotes, trim_range
from .tagger import string_id

# characters trimmed from the edges of a source or content span
_EDGE = " \t\r\n" + SEPARATORS


def _clip_to_paragraph(text: str, start: int, end: int, anchor: int) -> tuple[int, int]:
    """Cut a range at the paragraph breaks around ``anchor`` (a parse may run across lines)."""
    before = text.rfind("\n", start, anchor)
    if before >= 0:
        start = before + 1
    after = text.find("\n", max(anchor, start), end)
    if after >= 0:
        end = after
    return start, end


def subtree_range(token: Token, exclude: set[int] | None = None) -> Range | None:
    """The characters of ``token``'s subtree (minus ``exclude`` token indices), one paragraph,
    and only the unbroken run of it around ``token`` (``phrase_run``)."""
    subtree = list(token.subtree)  # walked once: its indices bound the run, then its tokens
    low, high = _run_around(token.i, {t.i for t in subtree})
    tokens = [t for t in subtree if low <= t.i <= high and (exclude is None or t.i not in exclude)]
    if not tokens:
        return None
    start = tokens[0].idx
    end = tokens[-1].idx + len(tokens[-1])
    start, end = _clip_to_paragraph(doc_text(token.doc), start, end, token.idx)
    return trim_range(doc_text(token.doc), start, end)


def phrase_run(token: Token) -> tuple[int, int]:
    """First and last index of the unbroken run of ``token``'s subtree around it. A phrase is
    contiguous; a parse that hangs a later clause on it across the verb ("The president has
    called for reform in X that will protect ...", the relative clause under "president")
    makes the subtree skip the verb, and its edges would span the whole sentence."""
    return _run_around(token.i, {t.i for t in token.subtree})


def _run_around(i: int, inside: set[int]) -> tuple[int, int]:
    """First and last index of the unbroken run of ``inside`` around index ``i``."""
    low = high = i
    while low - 1 in inside:
        low -= 1
    while high + 1 in inside:
        high += 1
    return low, high


_RELATIVE_WORDS = frozenset({"who", "whom", "which"})


_QUOTES_KEY = "newsgraph_quotes"


def quotes_of(doc: Doc) -> list[Quote]:
    """The article's quoted passages, found once per doc."""
    found = doc.user_data.get(_QUOTES_KEY)
    if found is None:
        found = doc.user_data[_QUOTES_KEY] = find_quotes(doc_text(doc))
    return found


def _without_trailing_aside(doc: Doc, indices: list[int]) -> list[int]:
    """Drop the aside that closes a reported clause, as annotators leave it out: a
    non-restrictive relative clause (", who is 70") or a descriptive appositive (", the
    existing alliance"), set off by a comma, outside quotes."""
    candidates = _aside_heads(doc)
    if not indices or not candidates:
        return indices
    members = set(indices)
    # the sentence's full stop, hung on the cue, is no word of the content: the aside closes
    # the content when only such punctuation follows it (a closing quote mark does not: the
    # aside is then inside the quoted words, '..., who ended his bid, as “a man ...”')
    last = max((i for i in indices if not doc[i].is_punct or doc[i].is_quote), default=max(indices))
    for token in (doc[i] for i in sorted(members & candidates)):
        comma = token.left_edge.i - 1
        if (
            comma < 0
            or doc[comma].text != ","
            or token.right_edge.i < last
            or token.head.i not in members
            or not is_closing_aside(token)
            or quote_containing(quotes_of(doc), doc[comma].idx, doc[comma].idx + 1)
        ):
            continue
        cut = set(range(comma, token.right_edge.i + 1))
        kept = [i for i in indices if i not in cut]
        return kept if kept else indices
    return indices


_ASIDE_DEPS = np.array([string_id("relcl"), string_id("appos")], dtype=np.uint64)


_ASIDES_KEY = "newsgraph_quote_asides"


def _aside_heads(doc: Doc) -> set[int]:
    """Indices of the doc's relative clauses and appositives, found once per doc."""
    found = doc.user_data.get(_ASIDES_KEY)
    if found is None:
        deps = doc.to_array(DEP).astype(np.uint64)
        found = doc.user_data[_ASIDES_KEY] = set(
            np.flatnonzero(isin_hashes(deps, _ASIDE_DEPS)).tolist()
        )
    return found


def is_closing_aside(token: Token) -> bool:
    """A closing aside the outlet adds to a reported clause: a relative clause about someone
    (", who is 70") or whose subject is "which" (", which forced her to leave"), or a
    descriptive appositive (", the existing alliance"). A name in apposition ("his opponent,
    Hillary Clinton") stays, and so does "which" as an object (", which Hamas denied": a report
    of its own about the clause) and a participle (", killing two people": in conflict news
    the casualties are the speaker's claim)."""
    if token.dep_ == "relcl":
        first = token.left_edge
        return first.lower_ in _RELATIVE_WORDS and (
            first.lower_ != "which" or first.dep_ == "nsubj"
        )
    return token.dep_ == "appos" and token.pos_ != "PROPN" and token.ent_type_ == ""


def content_pieces(doc: Doc, indices: list[int], anchor: Token) -> list[Range]:
    """Contiguous runs of token indices as trimmed character ranges in ``anchor``'s paragraph."""
    runs: list[Range] = []
    for i in sorted(_without_trailing_aside(doc, indices)):
        if runs and runs[-1][1] == i - 1:
            runs[-1] = (runs[-1][0], i)
        else:
            runs.append((i, i))
    if runs:
        runs[0] = (_after_leading_conjunct(doc, *runs[0]), runs[0][1])
    pieces: list[Range] = []
    text = doc_text(doc)
    low, high = paragraph_start(text, anchor.idx), paragraph_end(text, anchor.idx)
    for first, last in runs:
        if doc[last].idx + len(doc[last]) <= low or doc[first].idx >= high:
            continue  # a run of a parse across paragraphs ("... polling places.\n\nWASHINGTON")
        # a conjunction left dangling where a coordinated report was cut off ("X and")
        while last > first and (doc[last].dep_ == "cc" or doc[last].is_punct):
            last -= 1
        start, end = doc[first].idx, doc[last].idx + len(doc[last])
        start, end = _clip_to_paragraph(
            doc_text(doc), start, end, max(start, min(anchor.idx, end - 1))
        )
        piece = trim_range(doc_text(doc), start, end, tail=".")  # the sentence's full stop
        if piece and _two_alphanumerics(doc_text(doc), *piece):
            pieces.append(piece)
    return pieces


# conjunctive adverbs that tie a sentence to the one before it ("However, ...", "In addition,
# ..."): the writer's link, not the speaker's words. PolNeAR, a content that is the sentence
# its cue closes: gold leaves such an opening out on train 11 times of 11 (however 4, indeed 2,
# in addition, moreover, nevertheless, additionally, at the same time 1 each), fit 3 of 3
_LEADING_CONJUNCTS = frozenset(
    {
        "however",
        "moreover",
        "furthermore",
        "additionally",
        "nevertheless",
        "nonetheless",
        "indeed",
        "in addition",
        "at the same time",
    }
)


def _after_leading_conjunct(doc: Doc, first: int, last: int) -> int:
    """``first``, or the token after "However," when the run opens its sentence with a
    conjunctive adverb set off by a comma."""
    if any(not doc[i].is_punct for i in range(doc[first].sent.start, first)):
        return first
    words = [t.lower_ for t in doc[first : min(last, first + 4) + 1]]
    for size in range(1, len(words)):
        if words[size] == "," and " ".join(words[:size]) in _LEADING_CONJUNCTS:
            return first + size + 1 if first + size < last else first
    return first


def _two_alphanumerics(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` has at least two letters or digits (stops at the second)."""
    found = 0
    for char in text[start:end]:
        if char.isalnum():
            found += 1
            if found == 2:
                return True
    return False


def quote_containing(quotes: list[Quote], start: int, end: int) -> Quote | None:
    for quote in quotes:
        if quote.inner_start <= start and end <= quote.inner_end:
            return quote
    return None


def quote_inner(text: str, quote: Quote) -> Range | None:
    """The quoted words without the marks and the comma or dash before a closing mark."""
    return trim_range(text, quote.inner_start, quote.inner_end)


def quote_runs_on(text: str, quote: Quote) -> bool:
    """Whether a quote stops mid-sentence ("“A,” she said, “B.”"): its last words end in a
    comma or dash, inside or right after the closing mark. A quote ending in a full stop is a
    sentence of its own, and a later quote is not its continuation."""
    inside = text[quote.inner_start : quote.inner_end].rstrip()
    after = text[quote.end : quote.end + 2].lstrip(" ")
    return inside.endswith((",", "—", "–", "-", "…", ":")) or after.startswith((",", "—", "–"))


# words a title leaves in lower case ("Meet the Press", "State of the Union")
_TITLE_SMALL_WORDS = frozenset(
    {"a", "an", "and", "at", "by", "for", "in", "of", "on", "or", "the", "to"}
)
_TITLE_LEAD = re.compile(r"(?:['’]s|\b[Oo]n|\b[Ii]n)\s*$")


def is_title(text: str, quote: Quote) -> bool:
    """A quoted name of a show or work ("said on CBS's “Face the Nation.”", "in “13th”"): a
    few capitalised words after a possessive, "on" or "in". On PolNeAR train such a quote is a
    content piece of its own once in 64, so it neither continues nor makes a statement."""
    lead = text[max(0, quote.start - 6) : quote.start]
    if not _TITLE_LEAD.search(lead):
        return False
    inner = text[quote.inner_start : quote.inner_end].strip().rstrip(".")
    words = inner.split()
    if not 1 <= len(words) <= 6 or any(mark in inner for mark in ",?!"):
        return False
    return words[0][:1].isupper() and all(
        w[:1].isupper() or w[:1].isdigit() or w.lower() in _TITLE_SMALL_WORDS for w in words
    )


_SPOKEN_KEY = ("newsgraph", "spoken_quotes")


def spoken_quotes(doc: Doc, quotes: list[Quote]) -> list[Quote]:
    """``quotes`` without quoted titles (``is_title``), in order: worked out once per doc for
    the same list (the doc's quotes, asked for every cue), not once per cue."""
    kept = doc.user_data.get(_SPOKEN_KEY)
    if kept is None or kept[0] is not quotes or kept[1] != len(quotes):
        text = doc_text(doc)
        spoken = [q for q in quotes if not is_title(text, q)]
        kept = doc.user_data[_SPOKEN_KEY] = (quotes, len(quotes), spoken)
    return kept[2]


def only_frame_between(text: str, start: int, end: int, limit: int = 60) -> bool:
    """Only a short reporting frame (speaker, punctuation) separates a quote from its cue."""
    between = text[start:end]
    return "\n" not in between.strip(" ") and len(between) <= limit and '"' not in between


def same_paragraph(text: str, a: int, b: int) -> bool:
    return "\n" not in text[min(a, b) : max(a, b)]


def paragraph_start(text: str, offset: int) -> int:
    return text.rfind("\n", 0, offset) + 1


def paragraph_end(text: str, offset: int) -> int:
    end = text.find("\n", offset)
    return len(text) if end < 0 else end


def _only_marks(text: str, start: int, end: int) -> bool:
    return not text[start:end].strip(_EDGE + ".\"”’»'")


def widen_to_quotes(
    text: str, content: list[Range], quotes: list[Quote], skip_containing: Range
) -> list[Range]:
    """A content piece that starts or ends inside a quote grows to the quote's edge (within its
    paragraph); a piece that is just one quote (with its marks) becomes the quoted words."""
    widened: list[Range] = []
    for start, end in content:
        low, high = paragraph_start(text, start), paragraph_end(text, max(start, end - 1))
        for quote in quotes:
            if quote.inner_start <= skip_containing[0] < quote.inner_end:
                continue
            covers_quote = quote.start <= start <= quote.inner_start and end >= quote.inner_end - 1
            if covers_quote and _only_marks(text, quote.end, end):
                start, end = quote.inner_start, quote.inner_end  # the piece is exactly the quote
                continue
            if quote.inner_start < start < quote.inner_end and end > quote.inner_start:
                start = quote.inner_start
            if quote.start < end < quote.end and start < quote.start:
                end = quote.end  # a partial quote inside reported speech: keep its marks
            elif quote.inner_start < end < quote.inner_end:
                end = quote.inner_end
        piece = trim_range(text, max(start, low), min(end, high))
        if piece is not None:
            widened.append(piece)
    return widened


def without_dateline(text: str, source: Range | None) -> Range | None:
    """A span without the dateline that opens its paragraph ("BAMAKO - Mali's army"), for
    parses made without ``newsgraph_datelines``."""
    if source is None:
        return None
    end = dateline_end(text, source[0], source[1])
    return source if end is None else (end, source[1])


def noun_phrase_range(token: Token) -> Range | None:
    """A noun phrase without its clausal modifiers (the mention, not the whole subtree)."""
    cut = {
        t.i
        for c in token.children
        if c.dep_ in ("acl", "relcl", "appos", "punct") and c.i > token.i
        for t in c.subtree
    }
    return subtree_range(token, cut)
