"""Articles in, contract records out: the parse → extract → resolve stages in one place.

``Annotator`` follows the pattern Ray Data expects of a callable class: it loads the pipeline
once in ``__init__`` and turns a batch of articles into records in ``__call__``, so the same
class serves a local run, a process pool and a cluster.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from datetime import date
from typing import Any

from .model import Article, ArticleError
from .nlp import get_pipeline
from .record import empty_record, record_from_doc

ENGLISH = "en"


class Annotator:
    def __init__(self, model: str | None = None, batch_size: int = 16) -> None:
        self.nlp = get_pipeline(model)
        self.batch_size = batch_size

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
        english = [a for a in batch if is_english(a)]
        docs = []
        for article in english:
            doc = self.nlp.make_doc(article.text)
            doc._.ng_article = article
            docs.append(doc)
        parsed = {id(a): doc for a, doc in zip(english, self.nlp.pipe(docs), strict=True)}
        for article in batch:
            doc = parsed.get(id(article))
            if doc is None:
                yield language_error(article)
            else:
                yield record_from_doc(doc, article)


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


def annotate_text(
    text: str,
    *,
    published: date | str | None = None,
    outlet: str | None = None,
    title: str | None = None,
    url: str | None = None,
    model: str | None = None,
) -> dict[str, Any]:
    """Annotate one text (the Python mirror of ``newsgraph annotate --format text``)."""
    if isinstance(published, str):
        published = date.fromisoformat(published)
    article = Article(
        id=hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:16],
        text=text,
        title=title,
        outlet=outlet,
        published=published,
        url=url,
        language=ENGLISH,
    )
    return next(Annotator(model).annotate([article]), empty_record(article))
