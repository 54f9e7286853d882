"""What the newer scorers need from the pipeline, in one place: texts in, events out.

Every scorer of a tokenised gold set (RAMS, WikiEvents, GVDB, factuality, ConfliBERT) rebuilds
the text from its tokens (``detokenize``, keeping each token's character offsets), runs the
whole pipeline through its public functions (``nlp.get_pipeline``, ``extract.events``) and reads
back ``Annotation``: the events, which of them are main events, each event's trigger token and
the places, so that scoring never touches spaCy. The imports of the pipeline live only in
``annotate`` (they move with the component packages).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Protocol, TypeVar

from ..model import Event, Place, Span, Statement
from .base import part_members, parts_of

T = TypeVar("T")

# no space before these tokens, none after the opening ones (PTB-style tokens back to prose)
_NO_SPACE_BEFORE = frozenset(
    {",", ".", ":", ";", "?", "!", ")", "]", "}", "%", "'s", "'", "n't", "'re", "'ve", "'ll",
     "'d", "'m", "’s", "’", "-RRB-"}
)  # fmt: skip
_NO_SPACE_AFTER = frozenset({"(", "[", "{", "$", "#", "-LRB-"})
_BRACKETS = {"-LRB-": "(", "-RRB-": ")", "-LSB-": "[", "-RSB-": "]"}


def detokenize(tokens: Sequence[str]) -> tuple[str, list[tuple[int, int]]]:
    """Prose from tokens, and each token's (start, end) character offsets in it."""
    parts: list[str] = []
    offsets: list[tuple[int, int]] = []
    length = 0
    previous = ""
    for token in tokens:
        word = _BRACKETS.get(token, token)
        if parts and token not in _NO_SPACE_BEFORE and previous not in _NO_SPACE_AFTER:
            parts.append(" ")
            length += 1
        offsets.append((length, length + len(word)))
        parts.append(word)
        length += len(word)
        previous = token
    return "".join(parts), offsets


def sample(items: Sequence[T], key: Callable[[T], str], cap: int | None) -> list[T]:
    """At most ``cap`` items, the same ones on every run: those whose key hashes lowest (a
    different hash from ``split_of``, so the sample is no slice of either part)."""
    if cap is None or len(items) <= cap:
        return list(items)
    ranked = sorted(items, key=lambda i: hashlib.sha1(f"sample:{key(i)}".encode()).hexdigest())
    chosen = {id(i) for i in ranked[:cap]}
    return [i for i in items if id(i) in chosen]


class OfficialItem(Protocol):
    id: str
    official: str  # "train" or "dev": the file a gold item comes from


GoldItem = TypeVar("GoldItem", bound=OfficialItem)


def official_parts(
    items: Sequence[GoldItem], train_cap: int | None
) -> tuple[list[GoldItem], list[GoldItem]]:
    """A set with official train and dev files: its train items (``sample``d down to
    ``train_cap``) and its dev items."""
    train = sample([i for i in items if i.official == "train"], lambda i: i.id, train_cap)
    return train, [i for i in items if i.official == "dev"]


@dataclass(slots=True)
class Annotation:
    """One text's events as the scorers read them."""

    text: str
    events: list[Event] = field(default_factory=list)
    main_ids: set[str] = field(default_factory=set)  # ids of main events (events.main_events)
    triggers: dict[str, tuple[int, int]] = field(default_factory=dict)  # event id -> char span
    sentences: list[tuple[int, int]] = field(default_factory=list)  # char spans of sentences
    places: dict[str, Place] = field(default_factory=dict)
    statements: list[Statement] = field(default_factory=list)
    # statement id -> char span of what it is about or addressed to (eval/statement_target.py)
    statement_targets: dict[str, tuple[int, int]] = field(default_factory=dict)
    # char span -> the learned factuality model's reading of the word there (only for the
    # spans ``annotate`` was asked about: eval/factuality.py scores the model on every predicate)
    readings: dict[tuple[int, int], str] = field(default_factory=dict)
    # actor id -> the char spans of its mentions (names, and the pronouns and descriptions the
    # resolver linked to it): an event's party as an entity (eval/gvdb.py scores entities)
    actor_mentions: dict[str, list[tuple[int, int]]] = field(default_factory=dict)

    @property
    def main(self) -> list[Event]:
        return [e for e in self.events if e.id in self.main_ids]

    def sentence_of(self, char: int) -> int:
        """Index of the sentence holding character ``char`` (-1 when none does)."""
        return next((i for i, (s, e) in enumerate(self.sentences) if s <= char < e), -1)

    def place_spans(self, event: Event) -> list[Span]:
        """Where the text names the event's place."""
        place = self.places.get(event.place or "")
        return list(place.mentions) if place else []


def parse_dated(
    texts: Iterable[str], nlp: Any = None, dates: Iterable[date | None] | None = None
) -> Iterator[Any]:
    """The pipeline's docs of ``texts``, each parsed with its publication date (if known), so
    that times are normalised against it and old events read as history."""
    from ..model import Article
    from ..nlp import article_docs, get_pipeline

    nlp = nlp or get_pipeline()
    texts = list(texts)
    dates = list(dates) if dates is not None else [None] * len(texts)
    articles = (
        Article(id=str(number), text=text, published=published)
        for number, (text, published) in enumerate(zip(texts, dates, strict=True))
    )
    yield from nlp.pipe(article_docs(nlp, articles), batch_size=32)


def annotate(
    texts: Iterable[str],
    nlp: Any = None,
    dates: Iterable[date | None] | None = None,
    read_spans: Sequence[Sequence[tuple[int, int]]] | None = None,
    on_doc: Callable[[Any], None] | None = None,
) -> list[Annotation]:
    """The pipeline's reading of each text (``dates``: publication dates, where known;
    ``read_spans``: per text, the char spans whose learned factuality to record; ``on_doc``:
    called with each parsed doc, for tools that read the parse beside the annotation)."""
    from ..components.events.factuality import reading_at
    from ..components.events.summary import anchor_token, main_events
    from .statement_target import statement_target

    out = []
    for number, doc in enumerate(parse_dated(texts, nlp, dates)):
        if on_doc is not None:
            on_doc(doc)
        spans = read_spans[number] if read_spans is not None else ()
        readings = {span: found for span in spans if (found := reading_at(doc, *span))}
        events = list(doc._.ng_events or [])
        triggers = {}
        for event in events:
            token = anchor_token(doc, event)
            if token is not None:
                triggers[event.id] = (token.idx, token.idx + len(token.text))
        out.append(
            Annotation(
                doc.text,
                events,
                {e.id for e in main_events(doc, events)},
                triggers,
                [(s.start_char, s.end_char) for s in doc.sents],
                {p.id: p for p in (doc._.ng_places or [])},
                list(doc._.ng_statements or []),
                {
                    s.id: span
                    for s in doc._.ng_statements or []
                    if (span := statement_target(doc, s)) is not None
                },
                readings,
                actor_mentions(doc),
            )
        )
    return out


def actor_mentions(doc: Any) -> dict[str, list[tuple[int, int]]]:
    """Per actor id, where the text names it or refers back to it (the coreference chains the
    pipeline resolved)."""
    found: dict[str, list[tuple[int, int]]] = {}
    for actor in doc._.ng_actors or []:
        found[actor.id] = [(m.start, m.end) for m in actor.mentions]
    coref = doc._.ng_coref
    for start, end, actor_id in coref.chains if coref is not None else ():
        found.setdefault(actor_id, []).append((start, end))
    return found


def overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


class OfficialText(Protocol):
    """A gold document of a set with official train and dev files (``base.OfficialPart``)."""

    text: str
    official: str
    part: str


Document = TypeVar("Document", bound=OfficialText)


def annotated_parts(
    dev: Sequence[Document],
    train: Sequence[Document],
    split: str,
    read: Callable[[list[str]], list[Annotation]],
) -> Iterator[tuple[str, list[Document], list[Annotation]]]:
    """Each part that ``split`` scores, its gold documents (``part_members``: the fit part is
    the sampled train documents and dev's fit half) and ``read``'s annotation of each (the
    scorer's own ``annotate``, which its tests replace)."""
    for part in parts_of(split):
        golds = part_members(dev, train, part)
        yield part, golds, read([g.text for g in golds])


def official_counts(golds: Iterable[OfficialText]) -> dict[str, int]:
    """How many of one part's gold documents come from the official dev and train files."""
    golds = list(golds)
    return {
        "dev_documents": sum(d.official == "dev" for d in golds),
        "train_documents": sum(d.official == "train" for d in golds),
    }
