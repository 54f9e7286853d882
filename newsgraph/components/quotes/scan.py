"""Find quoted passages in raw text: every common quote style, nesting, multi-paragraph quotes.

A scan over the characters of one article (never across articles: each call gets one text).
Rules, chosen to survive real news copy:

- Double marks: “…”, "…", ''…'', «…», „…“ / „…”, »…« (German). Single marks ‘…’ and '…' count only
  where no double quote is open (inside a double quote they are nested quotes) and only when
  they look like quote marks, not apostrophes (don't, Gallant's, the ’90s).
- A quote still open at the end of a paragraph continues into the next paragraph when that
  paragraph starts with the same opening mark (the news convention for multi-paragraph quotes);
  otherwise it ends at the paragraph end.
- Unbalanced marks never raise: a stray closing mark is ignored.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# opening mark -> closing marks that end it
_DOUBLE_PAIRS: dict[str, str] = {
    "“": "”“",  # “…” (and the rare “…“ typo)
    '"': '"',
    "«": "»",
    "„": "“”",
    "»": "«",
}
_SINGLE_PAIRS: dict[str, str] = {"‘": "’", "'": "'", "‚": "‘’"}
_OPENERS = set(_DOUBLE_PAIRS) | set(_SINGLE_PAIRS)
# two apostrophes stand for a double quote mark in some newswire copy (''like this'')
_TWO_APOSTROPHES = "''"
_ALL_MARKS = re.compile(r"''|[\"“”„«»‘’'‚]")


@dataclass(frozen=True, slots=True)
class Quote:
    """A quoted passage: ``start``/``end`` include the marks; ``inner_*`` exclude them."""

    start: int
    end: int
    inner_start: int
    inner_end: int
    closed: bool

    @property
    def length(self) -> int:
        return self.inner_end - self.inner_start


def _is_word(ch: str) -> bool:
    return ch.isalnum()


def _can_open_single(text: str, i: int) -> bool:
    """A single mark opens a quote only after a non-word and before a word-ish character."""
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return not _is_word(before) and not after.isspace() and after not in ",.;:"


def _can_close_single(text: str, i: int) -> bool:
    """A single mark closes a quote only when no word character follows (not an apostrophe)."""
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return not before.isspace() and not _is_word(after)


def _paragraph_end(text: str, i: int) -> int:
    end = text.find("\n", i)
    return len(text) if end < 0 else end


def _next_paragraph_opens_quote(text: str, para_end: int, opener: str) -> int | None:
    """Offset of the opening mark starting the next paragraph, if it continues the quote: the
    same mark reopens it (a straight mark left open before a paragraph that opens with a curly
    one is a stray, not a quote running on: PolNeAR train 10 of 10, fit 6 of 6)."""
    j = para_end
    while j < len(text) and text[j].isspace():
        j += 1
    if j < len(text) and text[j] == opener:
        return j
    return None


def find_quotes(text: str) -> list[Quote]:
    """All top-level quoted passages of ``text``, in order. Never raises."""
    quotes: list[Quote] = []
    i = 0
    n = len(text)
    while True:
        match = _ALL_MARKS.search(text, i)
        if match is None:
            break
        i = match.start()
        mark = text[i]
        if match.group() == _TWO_APOSTROPHES:
            quote = _scan_two_apostrophes(text, i)
        elif mark in _DOUBLE_PAIRS and not (mark == "»" and _closes_guillemet(text, i)):
            quote = _scan_from(text, i, _DOUBLE_PAIRS[mark], single=False)
        elif mark in _SINGLE_PAIRS and _can_open_single(text, i):
            quote = _scan_from(text, i, _SINGLE_PAIRS[mark], single=True)
        else:
            i += 1
            continue
        if quote is None:
            i += 1
            continue
        quotes.append(quote)
        i = max(quote.end, i + 1)
        if i >= n:
            break
    return quotes


def _scan_two_apostrophes(text: str, open_at: int) -> Quote | None:
    """''…'' within one paragraph (continued like a double quote when the next one reopens)."""
    inner_start = open_at + 2
    j = inner_start
    while True:
        para_end = _paragraph_end(text, j)
        close = text.find(_TWO_APOSTROPHES, j, para_end)
        if close > inner_start:
            return Quote(open_at, close + 2, inner_start, close, True)
        if close == inner_start:
            return None
        k = para_end
        while k < len(text) and text[k].isspace():
            k += 1
        if not text.startswith(_TWO_APOSTROPHES, k):
            end = para_end
            while end > inner_start and text[end - 1].isspace():
                end -= 1
            return Quote(open_at, end, inner_start, end, False) if end > inner_start else None
        j = k + 2


def _closes_guillemet(text: str, i: int) -> bool:
    """A » right after a word is a French closing mark, not a German opening one."""
    return i > 0 and not text[i - 1].isspace()


def _scan_from(text: str, open_at: int, closers: str, *, single: bool) -> Quote | None:
    """The quote opened at ``open_at``: up to its closing mark, across continued paragraphs."""
    opener = text[open_at]
    inner_start = open_at + 1
    j = inner_start
    while True:
        para_end = _paragraph_end(text, j)
        close = _find_closer(text, j, para_end, closers, single=single)
        if close is not None:
            if close == inner_start:  # empty quote "" is not a passage
                return None
            return Quote(open_at, close + 1, inner_start, close, True)
        if single:
            return None  # an unclosed single mark is an apostrophe or a typo, not a quote
        reopen = _next_paragraph_opens_quote(text, para_end, opener)
        if reopen is None:
            end = para_end
            while end > inner_start and text[end - 1].isspace():
                end -= 1
            if end <= inner_start:
                return None
            return Quote(open_at, end, inner_start, end, False)
        j = reopen + 1


def _find_closer(text: str, start: int, stop: int, closers: str, *, single: bool) -> int | None:
    for k in range(start, stop):
        ch = text[k]
        if ch not in closers:
            continue
        if single and not _can_close_single(text, k):
            continue
        return k
    return None


# separators that never begin or end a source or content span
SEPARATORS = ",;:—–-"


def trim_range(text: str, start: int, end: int, tail: str = "") -> tuple[int, int] | None:
    """``text[start:end]`` without edge whitespace and separators (and ``tail`` characters at
    its end); None when nothing is left."""
    while start < end and (text[start].isspace() or text[start] in SEPARATORS):
        start += 1
    while end > start and (
        text[end - 1].isspace() or text[end - 1] in SEPARATORS or text[end - 1] in tail
    ):
        end -= 1
    return (start, end) if end > start else None
