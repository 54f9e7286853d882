"""Turn an annotated spaCy ``Doc`` into the contract record of ``newsgraph annotate``."""

from __future__ import annotations

from typing import Any

from spacy.tokens import Doc

from .extensions import get_list
from .model import Article
from .schema import RECORD_LISTS as SCHEMA_LISTS

# each record list of the contract (newsgraph/schema.py) and the Doc extension holding it
RECORD_LISTS = tuple((schema.name, f"ng_{schema.name}") for schema in SCHEMA_LISTS)


def empty_record(article: Article) -> dict[str, Any]:
    record: dict[str, Any] = {"article": article.meta()}
    for key, _ in RECORD_LISTS:
        record[key] = []
    return record


def record_from_doc(doc: Doc, article: Article) -> dict[str, Any]:
    record = empty_record(article)
    for key, extension in RECORD_LISTS:
        record[key] = [item.to_dict() for item in get_list(doc, extension)]
    return record
