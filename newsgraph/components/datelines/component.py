"""newsgraph_datelines: a paragraph's dateline ("BEIRUT (AP) —", "GOMA, DR Congo —",
"RAWALPINDI:") ends a sentence before the parser runs.

The small English parser reads an upper-case dateline as part of the first clause, so
"NAIROBI, Kenya - Police opened fire" gets "NAIROBI" as the subject of "opened", and a
speaker or a quote's content starts with the dateline. Marking the word after the dateline as
a sentence start (which spaCy's parser respects) keeps the dateline out of every clause. The
component runs before the parser; ``dateline_end`` is also used to trim spans directly.
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from ...extensions import doc_text

# an upper-case place, an optional region or country, date and agency, then a dash or a colon;
# capitals with accents too ("BOGOTÁ", "CULIACÁN"), and the Mexican and Latin American press's
# full stop and hyphen ("CULIACÁN, Sinaloa.-", "MEXICO CITY.-": El Universal, Milenio)
UPPER = "A-ZÀ-ÖØ-Þ"
MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]{0,6}\.?"
# a date as agencies and the UN write it: "April 7", "March 11/2025", "21 Aug", "29 July 2025"
# (a title-case place counts only before such a date with a month's name)
DATE_NAMED = rf"(?:{MONTH} \d{{1,2}}(?:[/,] ?\d{{4}})?|\d{{1,2}} {MONTH}(?: \d{{4}})?)"
DATE = rf"(?:[A-Z][a-z]{{2,8}}\.? \d{{1,2}}(?:[/,] ?\d{{4}})?|\d{{1,2}} {MONTH}(?: \d{{4}})?)"
DATELINE = re.compile(
    rf"(?:[{UPPER}][{UPPER}'’.\-]+(?: [{UPPER}][{UPPER}'’.\-]+){{0,3}}"  # GOMA, SAN JOSE
    rf"|[A-Z][a-z]+(?: [A-Z][a-z]+){{0,2}}(?=, {DATE_NAMED}))"  # Addis Ababa, March 11/2025
    r"(?:, [A-Z][\w.]*(?: (?:of |the |of the )?[A-Z][\w.]*){0,4})?"  # , Republic of Congo
    rf"(?:, {DATE})?"  # , April 7
    r"(?: \([^)\n]{1,30}\))?(?: ?[—–―] ?| -{1,2} |: |(?<=\.)- )"  # (AP) — ; a hyphen needs spaces
)
# the dashes: em, en and the horizontal bar (U+2015) some outlets set after a dateline
# ("WASHINGTON ― ": PolNeAR, 7 HuffPost articles of train and dev)
# A title-case place names a dateline only with its agency in brackets before the dash
# ("New York (AFP) –", "Addis Ababa, March 11/2025 (ENA) -"; session 25, probe O): PolNeAR
# train holds 9 such paragraph openings (AFP) and FNC-1's bodies 4 ("Washington (CNN) --"),
# each a dateline; without the agency the shape also opens a heading ("Inside Story - Who are
# ...", "The Racket Report – ...": 2 of FNC-1's 4 fit bodies with it), so the agency is needed.
TITLE_DATELINE = re.compile(
    r"[A-Z][a-z]+(?:[ -][A-Z][a-z]+){0,3}"  # Addis Ababa, New York
    r"(?:, [A-Z][\w./]*(?: [\w./]+){0,3})?"  # , March 11/2025
    r" \([A-Z][A-Za-z]{1,11}\)(?: ?[—–―] ?| -{1,2} )"  # (ENA) -
)


def dateline_end(text: str, start: int, end: int | None = None) -> int | None:
    """Where the words after a dateline begin, when a paragraph's text at ``start`` opens with
    one (and words follow it before ``end``); else None."""
    if start and text[start - 1] != "\n":
        return None
    stop = len(text) if end is None else end
    match = DATELINE.match(text, start, stop) or TITLE_DATELINE.match(text, start, stop)
    if match is None or match.end() >= stop:
        return None
    if not text[match.end()].strip():
        return None
    return match.end()


def paragraph_starts(text: str) -> list[int]:
    return [0, *(m.end() for m in re.finditer(r"\n+", text))]


# requires nothing from earlier components: it reads the raw text, before the parser
@Language.component("newsgraph_datelines", assigns=["token.is_sent_start"])
def mark_datelines(doc: Doc) -> Doc:
    """Start a sentence at the first word after each paragraph's dateline."""
    text = doc_text(doc)
    for start in paragraph_starts(text):
        end = dateline_end(text, start)
        if end is None:
            continue
        span = doc.char_span(end, end + 1, alignment_mode="expand")
        if span is not None and span.start > 0:
            span[0].is_sent_start = True
            _keep_first_words(doc, span.start)
    return doc


def _keep_first_words(doc: Doc, first: int) -> None:
    """The parser splits a hyphen dateline's first word off as a sentence of its own
    ("IMPHAL, Nov 11 - Ten | suspected militants were killed", "TRIPOLI, May 14 - Heavy |
    clashes erupted", "DES MOINES - Donald | Trump dominated"): the word after it starts no
    sentence. Written probes and stories (448 articles, 95 datelines): 3 such splits, each a
    hyphen dateline; fit texts (RAMS, WikiEvents, MUC-4, GVDB, ConfliBERT): 13 datelines, none
    split (session 25, killedO)."""
    nxt = first + 1
    if nxt < len(doc) and not (doc[nxt].is_space or doc[nxt].is_punct):
        doc[nxt].is_sent_start = False
