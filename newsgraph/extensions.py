"""The ``Doc._`` extensions through which newsgraph's spaCy components talk to each other.

Every component reads what earlier ones wrote and adds its own list; a missing list reads as
empty, so any component also runs alone in a user's pipeline.

=====================  ===========================  =========================
extension              type                         written by
=====================  ===========================  =========================
``ng_article``         model.Article (text unused)  the caller, before parsing
``ng_actor_mentions``  list[model.ActorMention]     newsgraph_actors
``ng_actors``          list[model.Actor]            newsgraph_actors
``ng_places``          list[model.Place]            newsgraph_places
``ng_place_mentions``  list[tuple[int, int, str]]   newsgraph_places (start, end, place id)
``ng_times``           list[model.Time]             newsgraph_times
``ng_time_details``    list[times.TimeDetail]       newsgraph_times (TimeML value, mod)
``ng_coref``           coref.resolver.Coreference   newsgraph_coref (``.chains``)
``ng_statements``      list[model.Statement]        newsgraph_quotes
``ng_events``          list[model.Event]            newsgraph_events
``ng_framing``         list[model.Framing]          newsgraph_framing
=====================  ===========================  =========================
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from spacy.attrs import LOWER, ORTH
from spacy.strings import StringStore
from spacy.tokens import Doc, Span, Token

from .model import ActorMention

EXTENSIONS = (
    "ng_article",
    "ng_actor_mentions",
    "ng_actors",
    "ng_places",
    "ng_place_mentions",
    "ng_times",
    "ng_coref",
    "ng_statements",
    "ng_events",
    "ng_framing",
)


def register_extensions() -> None:
    """Declare the extensions once per process (safe to call again)."""
    for name in EXTENSIONS:
        if not Doc.has_extension(name):
            # default None, never a shared mutable list: each component assigns a fresh list
            Doc.set_extension(name, default=None)


register_extensions()


def get_list(doc: Doc, name: str) -> list[Any]:
    """An extension's list, or an empty list when its component did not run."""
    value = getattr(doc._, name)
    return value if value is not None else []


def publication_date(doc: Doc) -> date | None:
    article = doc._.ng_article
    return article.published if article is not None else None


def mention_tokens(doc: Doc, mentions: Iterable[ActorMention]) -> set[int]:
    """The indices of the tokens the mentions cover (a mention's edge inside a token takes the
    whole token)."""
    covered: set[int] = set()
    for mention in mentions:
        span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
        if span is not None:
            covered.update(range(span.start, span.end))
    return covered


def actor_mention_at(doc: Doc, start: int, end: int) -> ActorMention | None:
    """The actor mention that best covers the character range [start, end).

    Prefers a mention inside the range with the largest overlap, so a subject phrase like
    "Prime Minister Benjamin Netanyahu's office" yields Netanyahu's mention; of equal overlaps,
    the one listed first.
    """
    index = _mention_index(doc)
    best: ActorMention | None = None
    best_overlap = 0
    best_position = -1
    # only a mention starting after start - (longest mention) can reach into the range
    first = bisect_right(index.starts, start - index.longest)
    for k in range(first, bisect_left(index.starts, end)):
        position = index.positions[k]
        mention = index.mentions[position]
        overlap = min(end, mention.end) - max(start, mention.start)
        if overlap > best_overlap or (overlap == best_overlap > 0 and position < best_position):
            best, best_overlap, best_position = mention, overlap, position
    return best


@dataclass(frozen=True, slots=True)
class _MentionIndex:
    mentions: list[ActorMention]  # the doc's list itself: a new list means a new index
    size: int
    starts: list[int]  # sorted
    positions: list[int]  # each sorted start's place in ``mentions``
    longest: int


_MENTION_INDEX_KEY = ("newsgraph", "actor_mention_index")


def _mention_index(doc: Doc) -> _MentionIndex:
    """The actor mentions sorted by start (mentions are frozen; the list is replaced, not
    edited, by the components that change it), rebuilt when the list changes."""
    mentions = get_list(doc, "ng_actor_mentions")
    index = doc.user_data.get(_MENTION_INDEX_KEY)
    if index is None or index.mentions is not mentions or index.size != len(mentions):
        positions = sorted(range(len(mentions)), key=lambda k: mentions[k].start)
        index = doc.user_data[_MENTION_INDEX_KEY] = _MentionIndex(
            mentions,
            len(mentions),
            [mentions[k].start for k in positions],
            positions,
            max((m.end - m.start for m in mentions), default=0),
        )
    return index


_TEXT_KEY = ("newsgraph", "text")
_ENTS_KEY = ("newsgraph", "ents")


def doc_text(doc: Doc) -> str:
    """``doc.text``, built once per doc: spaCy rebuilds it from every token on each access,
    which costs as much as a component's whole work when several components read it."""
    text = doc.user_data.get(_TEXT_KEY)
    if text is None:
        text = doc.user_data[_TEXT_KEY] = doc.text
    return text


def remember_text(doc: Doc, text: str) -> None:
    """Give :func:`doc_text` the text ``doc`` was made from (``nlp.make_doc(text)``: spaCy's
    tokenizer keeps every character, so ``doc.text == text``), sparing the rebuild."""
    doc.user_data[_TEXT_KEY] = text


_LOWERS_KEY = ("newsgraph", "lowers")

# hash -> string of the hashes looked up so far, shared by every doc: a StringStore look-up
# from Python costs several dict look-ups, and the same words come back in every article. A
# hash stands for one string in any store (spaCy hashes the string itself), so an entry never
# goes stale; the cache only grows (safe across threads), up to a bound past which look-ups go
# to the store again.
_HASH_STRINGS: dict[int, str] = {}
_HASH_STRINGS_MAX = 200_000


def hash_strings(strings: StringStore, keys: list[int]) -> list[str]:
    """``[strings[key] for key in keys]``, through the shared cache."""
    known = _HASH_STRINGS
    missing = set(keys).difference(known)
    if len(known) + len(missing) > _HASH_STRINGS_MAX:
        return [strings[key] for key in keys]
    known.update((key, strings[key]) for key in missing)
    return [known[key] for key in keys]


def token_lowers(doc: Doc) -> list[str]:
    """Each token's ``lower_``, read once per doc: a token look-up builds a new ``Token``, and
    scans for words ("the", a head noun) would otherwise build every token again. The tokens
    of a parsed doc do not change."""
    lowers = doc.user_data.get(_LOWERS_KEY)
    if lowers is None or len(lowers) != len(doc):
        # a hash column read in one call, no Token built
        lowers = hash_strings(doc.vocab.strings, doc.to_array(LOWER).tolist())
        doc.user_data[_LOWERS_KEY] = lowers
    return lowers


_TEXTS_KEY = ("newsgraph", "texts")


def token_texts(doc: Doc) -> list[str]:
    """Each token's ``text``, read once per doc from the ORTH column (as :func:`token_lowers`)."""
    texts = doc.user_data.get(_TEXTS_KEY)
    if texts is None or len(texts) != len(doc):
        texts = hash_strings(doc.vocab.strings, doc.to_array(ORTH).tolist())
        doc.user_data[_TEXTS_KEY] = texts
    return texts


_SENTENCES_KEY = ("newsgraph", "sentences")


@dataclass(frozen=True, slots=True)
class _Sentences:
    size: int
    starts: list[int]
    spans: list[Span]


def sentence_of(token: Token) -> Span:
    """``token.sent``, from the doc's sentences listed once per doc: spaCy's ``Token.sent``
    builds a one-token Span, checks the doc's sentence annotation and builds the sentence's
    Span on each call, and the components ask it a few hundred times an article. The same
    boundaries (``doc.sents`` splits where ``Token.sent`` looks); the Span is shared, so
    callers must not edit it."""
    listed = _listed_sentences(token.doc)
    return listed.spans[bisect_right(listed.starts, token.i) - 1]


def sentences(doc: Doc) -> list[Span]:
    """``list(doc.sents)``, listed once per doc (shared with :func:`sentence_of`; callers must
    not edit the list or its spans)."""
    return _listed_sentences(doc).spans


def _listed_sentences(doc: Doc) -> _Sentences:
    listed = doc.user_data.get(_SENTENCES_KEY)
    if listed is None or listed.size != len(doc):
        spans = list(doc.sents)
        listed = _Sentences(len(doc), [s.start for s in spans], spans)
        doc.user_data[_SENTENCES_KEY] = listed
    return listed


def entities(doc: Doc) -> tuple[Span, ...]:
    """``doc.ents``, built once per doc: spaCy builds a new Span (two token look-ups) for every
    entity on each access, and the components read the entities a dozen times an article.
    Call it only after the entity recognizer: no newsgraph component sets ``doc.ents``; code that
    does so later goes through :func:`set_entities`."""
    ents = doc.user_data.get(_ENTS_KEY)
    if ents is None:
        ents = doc.user_data[_ENTS_KEY] = doc.ents
    return ents


def set_entities(doc: Doc, spans: list[Span]) -> None:
    """Set ``doc.ents`` after the pipeline ran (tests, a user's own recognizer), so that
    :func:`entities` gives the new ones rather than those it kept."""
    doc.ents = spans
    doc.user_data.pop(_ENTS_KEY, None)
