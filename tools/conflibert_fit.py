"""The ConfliBERT CAMEO fit sentences, annotated a batch at a time with each sentence's parse
kept beside its annotation: shared by ``conflibert_target_misses.py`` and
``conflibert_no_target.py``. Fit part only (held-out sentences are never read here)."""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator
from typing import Any, TypeVar

from newsgraph.eval.annotate import Annotation, annotate
from newsgraph.eval.base import FIT, by_part, shared_eval_dir
from newsgraph.eval.conflibert import DEFAULT_DATA, GoldSentence, read_gold

BATCH = 40  # the pipeline's memory grows over long runs; annotate a batch at a time
Parse = TypeVar("Parse")


def fit_sentences(keep: Callable[[GoldSentence], bool]) -> list[GoldSentence]:
    """The fit part's gold sentences that ``keep`` holds of."""
    sentences = read_gold(shared_eval_dir() / DEFAULT_DATA)
    return [s for s in by_part(sentences, lambda s: s.key)[FIT] if keep(s)]


def annotated(
    golds: list[GoldSentence], nlp: Any, parse: Callable[[Any], Parse]
) -> Iterator[tuple[GoldSentence, Annotation, Parse]]:
    """Each gold sentence with its annotation and ``parse`` of its doc, in order."""
    parses: dict[str, Parse] = {}

    def keep_parse(doc: Any) -> None:
        parses[doc.text] = parse(doc)

    for first in range(0, len(golds), BATCH):
        batch = golds[first : first + BATCH]
        annotations = annotate([g.text for g in batch], nlp, on_doc=keep_parse)
        for gold, annotation in zip(batch, annotations, strict=True):
            yield gold, annotation, parses[gold.text]
        parses.clear()
        gc.collect()
