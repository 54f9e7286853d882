"""Articles in, contract records out: the parse → extract → resolve stages in one place.

``Annotator`` follows the pattern Ray Data expects of a callable class: it loads the pipeline
once in ``__init__`` and turns a batch of articles into records in ``__call__``, so the same
class serves a local run, a process pool and a cluster.
"""

from __future__ import annotations

import gc
import os
from collections.abc import Iterable, Iterator
from datetime import date
from typing import Any

from .model import Article, ArticleError
from .nlp import article_docs, get_pipeline
from .read import article_id
from .record import empty_record, record_from_doc

ENGLISH = "en"
# spaCy's own default limit: parse time and memory grow with length, so longer articles are
# reported (code "too_long") instead of stalling a batch; raise it per run when needed
DEFAULT_MAX_CHARS = 1_000_000
# a news article parses in well under a second; minutes mean something pathological
DEFAULT_TIMEOUT_S = 120.0


class Annotator:
    def __init__(
        self,
        model: str | None = None,
        batch_size: int = 16,
        max_chars: int | None = None,
        timeout_s: float | None = None,
    ) -> None:
        self.nlp = get_pipeline(model)
        self.batch_size = batch_size
        # seconds one article may take (0: no limit); scale.local enforces it
        self.timeout_s = (
            timeout_s
            if timeout_s is not None
            else float(os.environ.get("NEWSGRAPH_ARTICLE_TIMEOUT", DEFAULT_TIMEOUT_S))
        )
        self.max_chars = max_chars or int(os.environ.get("NEWSGRAPH_MAX_CHARS", DEFAULT_MAX_CHARS))
        self.nlp.max_length = max(self.nlp.max_length, self.max_chars + 1)
        self._batches_done = 0

    def __call__(self, articles: list[Article]) -> list[dict[str, Any]]:
        return list(self.annotate(articles))

    def annotate(self, articles: Iterable[Article]) -> Iterator[dict[str, Any]]:
        """Yield one record per article, in input order.

        Non-English articles are not parsed as English: they get an ``unsupported_language``
        error record (their text is kept by the store).
        """
        pending: list[Article] = []
        for article in articles:
            pending.append(article)
            if len(pending) >= self.batch_size:
                yield from self._annotate_batch(pending)
                pending = []
        if pending:
            yield from self._annotate_batch(pending)

    def _annotate_batch(self, batch: list[Article]) -> Iterator[dict[str, Any]]:
        if self._batches_done == 1:
            freeze_long_lived_objects()
        self._batches_done += 1
        english = [a for a in batch if is_english(a) and len(a.text) <= self.max_chars]
        docs = list(article_docs(self.nlp, english))
        parsed = {id(a): doc for a, doc in zip(english, self.nlp.pipe(docs), strict=True)}
        del docs
        for article in batch:
            doc = parsed.get(id(article))
            if doc is None and not is_english(article):
                yield language_error(article)
            elif doc is None:
                yield length_error(article, self.max_chars)
            else:
                record = record_from_doc(doc, article)
                # the components' results and per-doc caches hold spans and tokens, which hold
                # the doc: dropped here, the doc is freed at once instead of by a full garbage
                # collection (the record is built; nothing reads the doc after)
                doc.user_data.clear()
                yield record


_frozen = False


def freeze_long_lived_objects() -> None:
    """Move the objects alive now (the spaCy model, the gazetteer, knowledge bases and
    lexicons, loaded by the first batch) out of the cyclic garbage collector's generations,
    once per process: every full collection used to walk them all again, which cost about
    2 ms of CPU per article. Called before the second batch, after a collection, so the
    first batch's docs are gone; frozen objects are still freed when no reference is left."""
    global _frozen
    if not _frozen:
        _frozen = True
        gc.collect()
        gc.freeze()


# "und": text too short or mixed for a confident guess; parsing it as English loses nothing
PARSED_LANGUAGES = (None, ENGLISH, "und")


def is_english(article: Article) -> bool:
    return article.language in PARSED_LANGUAGES


def language_error(article: Article) -> dict[str, Any]:
    record = ArticleError(
        code="unsupported_language",
        message=f"article language is {article.language!r}; only English is parsed",
        id=article.id,
    ).to_dict()
    record["article"] = article.meta()
    return record


def length_error(article: Article, max_chars: int) -> dict[str, Any]:
    return ArticleError(
        code="too_long",
        message=f"article has {len(article.text):,} characters, over the limit of {max_chars:,} "
        "(set NEWSGRAPH_MAX_CHARS to raise it)",
        id=article.id,
    ).to_dict()


def annotate_text(
    text: str,
    *,
    published: date | str | None = None,
    outlet: str | None = None,
    title: str | None = None,
    url: str | None = None,
    model: str | None = None,
) -> dict[str, Any]:
    """Annotate one article's text; returns the contract dictionary (docs/contract.md): the
    Python mirror of ``newsgraph annotate --format text`` (``newsgraph.annotate``)."""
    if isinstance(published, str):
        published = date.fromisoformat(published)
    article = Article(
        id=article_id(outlet, url or title, text),
        text=text,
        title=title,
        outlet=outlet,
        published=published,
        url=url,
        language=ENGLISH,
    )
    return next(Annotator(model).annotate([article]), empty_record(article))
