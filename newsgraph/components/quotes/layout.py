"""Attributions carried by layout rather than by a speech verb.

Three conventions of news copy say "X says Y" with punctuation alone:

- a headline "Source: claim" ("Pence: Flowers Won't Be at Debate");
- a transcript line "NAME: words" ("WALLACE: Let's start with ...");
- a quote signed with a dash at the end of its paragraph ("“...” ― Ann Lee").

The punctuation is the cue (PolNeAR marks it so). Which words may not be speakers ("The
Latest:", "UPDATE:", a dateline "BEIRUT:") and which nouns may ("Poll:", "Report:") are data
(``quote_rules.yaml``, section ``layout``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.lang.en.stop_words import STOP_WORDS
from spacy.tokens import Doc

from .lexicon import QuoteKnowledge
from .scan import trim_range

Range = tuple[int, int]

# a headline is one short line; longer first paragraphs are a lead with a colon in it
_HEADLINE_MAX_WORDS = 25
_SOURCE_MAX_WORDS = 6
_TRANSCRIPT_LINE = re.compile(
    r"^[ \t]*[\"“”']?[ \t]*(?P<source>[A-Z][A-Z.'’-]*(?:[ \t]+[A-Z][A-Z.'’-]*){0,2})"
    r"[ \t]*(?P<cue>:)[ \t]+(?P<content>\S[^\n]*)$",
    re.MULTILINE,
)
# a paragraph that is one quote, then a dash and a name: “...” ― Ann Lee
_SIGNATURE = re.compile(
    r"^[^\S\n]*[\"“”'‘]?(?P<content>[^\n]+?)(?:[”\"’]|'')[^\S\n]*(?P<cue>―|—|–|--)[^\S\n]*"
    r"(?P<source>[A-Z][\w.'’-]*(?:[^\S\n]+[\w.'’-]+){0,4}?)[^\S\n]*\.?[^\S\n]*$",
    re.MULTILINE,
)
_PLACE_OR_TIME = frozenset({"GPE", "LOC", "DATE", "TIME", "FAC"})


@dataclass(frozen=True, slots=True)
class LayoutAttribution:
    cue: Range
    source: Range
    content: Range


def layout_attributions(doc: Doc, text: str, knowledge: QuoteKnowledge) -> list[LayoutAttribution]:
    """Every headline, transcript and signature attribution of one article."""
    found = [*_headline(doc, text, knowledge), *_transcript(text, knowledge)]
    found.extend(_signatures(text))
    return found


def _headline(doc: Doc, text: str, knowledge: QuoteKnowledge) -> list[LayoutAttribution]:
    start = len(text) - len(text.lstrip())
    end = text.find("\n", start)
    end = len(text) if end < 0 else end
    line = text[start:end]
    colon = line.find(":")
    if colon <= 0 or len(line.split()) > _HEADLINE_MAX_WORDS:
        return []
    source = trim_range(text, start, start + colon)
    content = trim_range(text, start + colon + 1, end)
    if source is None or content is None or len(text[content[0] : content[1]].split()) < 3:
        return []
    words = text[source[0] : source[1]].split()
    if len(words) > _SOURCE_MAX_WORDS or not _can_speak(doc, text, source, knowledge):
        return []
    cue = (start + colon, start + colon + 1)
    return [LayoutAttribution(cue, source, content)]


def _can_speak(doc: Doc, text: str, source: Range, knowledge: QuoteKnowledge) -> bool:
    """A name or a reporting noun ("Poll"), not a rubric ("The Latest") or a dateline."""
    phrase = text[source[0] : source[1]].lower()
    if phrase in knowledge.layout_not_speakers or phrase.isdigit():
        return False
    span = doc.char_span(source[0], source[1], alignment_mode="expand")
    if span is None:
        return False
    if any(t.ent_type_ in _PLACE_OR_TIME for t in span) and not any(
        t.ent_type_ in ("PERSON", "ORG", "NORP") for t in span
    ):
        return False
    if any(t.pos_ == "ADP" for t in span):
        return False  # a topic ("Obama on Climate Change:"), not a speaker
    if span[-1].lemma_.lower() in knowledge.layout_speaker_nouns:
        return True
    if any(t.ent_type_ in ("PERSON", "ORG", "NORP") for t in span):
        return True
    return _is_short_title(text[source[0] : source[1]])


# the parser's entity tagger misses a lone surname before a headline's colon ("Gingrich: ...",
# "Sanders: ..."); PolNeAR train marks a capitalised source of one to three words as the speaker
# in 68 of 107 first-line headlines, and most of the rest are interjections (``not_speakers``);
# a word in capitals alone is a dateline ("BEIRUT:") or a shout ("BUSTED:"), and a function
# word in title case ("Stealth Over Health:") makes a topic, not a name
_TITLE_MAX_WORDS = 3


def _is_short_title(phrase: str) -> bool:
    words = phrase.split()
    return 0 < len(words) <= _TITLE_MAX_WORDS and all(
        w[0].isupper() and any(ch.islower() for ch in w) and w.lower() not in STOP_WORDS
        for w in words
    )


def _transcript(text: str, knowledge: QuoteKnowledge) -> list[LayoutAttribution]:
    found = []
    for match in _TRANSCRIPT_LINE.finditer(text):
        if match.start("source") == len(text) - len(text.lstrip()):
            continue  # the first line is a headline, handled above
        name = match.group("source").strip()
        if name.lower() in knowledge.layout_not_speakers or len(name.strip(".'’-")) < 2:
            continue
        content = trim_range(text, match.start("content"), match.end("content"))
        if content is None:
            continue
        found.append(
            LayoutAttribution(match.span("cue"), match.span("source"), content),
        )
    return found


def _signatures(text: str) -> list[LayoutAttribution]:
    found = []
    for match in _SIGNATURE.finditer(text):
        content = trim_range(text, *match.span("content"))
        source = trim_range(text, *match.span("source"))
        if (
            source is not None
            and text[source[1] - 1] == "."
            and len(text[source[0] : source[1]].split()[-1]) > 2
        ):
            source = (source[0], source[1] - 1)  # the full stop ends the line, not an initial
        if content is None or source is None or len(match.group("content").split()) < 4:
            continue
        found.append(LayoutAttribution(match.span("cue"), source, content))
    return found
