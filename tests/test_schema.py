"""The record schema (newsgraph/schema.py) is written once: everything else must agree with it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from newsgraph import model
from newsgraph.schema import ARTICLE, EVENTS, RECORD_LISTS, STATEMENTS, RecordSchema
from newsgraph.store.rows import item_columns, item_from_row
from newsgraph.store.schema import get_table

CONTRACT = Path(__file__).resolve().parents[1] / "docs" / "contract.md"

SPAN = model.Span(0, 9, "Hezbollah")
SAMPLES: dict[str, object] = {
    "actors": model.Actor("hezbollah", "Hezbollah", "armed group", "LBN", None, [SPAN]),
    "statements": model.Statement(
        "s1", model.ActorRef("hezbollah", SPAN), SPAN, "deny", [SPAN], "indirect", "denial"
    ),
    "events": model.Event(
        "e1",
        "ASSAULT",
        "aerial",
        "19",
        "material conflict",
        model.ActorRef("hezbollah", SPAN),
        model.ActorRef(None, None),
        [SPAN],
        magnitude={"killed": 12},
    ),
    "places": model.Place("geonames:1", "Majdal Shams", "city", "SY", 33.2, 35.7, mentions=[SPAN]),
    "times": model.Time("t1", SPAN, "2024-07-29", "day", interval="2024-07-29/2024-07-29"),
    "framing": model.Framing(SPAN, "martyr", "side label", "outlet"),
}


@pytest.mark.parametrize("schema", RECORD_LISTS, ids=lambda s: s.name)
def test_each_record_dataclass_writes_its_schema_keys_in_order(schema: RecordSchema) -> None:
    assert tuple(SAMPLES[schema.name].to_dict()) == schema.keys


@pytest.mark.parametrize("schema", RECORD_LISTS, ids=lambda s: s.name)
def test_a_record_survives_its_table_row(schema: RecordSchema) -> None:
    item = SAMPLES[schema.name].to_dict()
    row = item_columns(schema, item)
    assert set(row) <= set(get_table(schema.table).column_names)
    mentions = {(schema.mention_label, item.get("id")): item.get("mentions", [])}
    assert item_from_row(schema, row, mentions) == item


def test_the_article_meta_has_the_schema_keys() -> None:
    article = model.Article("a1", "text", title="t", outlet="o", language="en")
    assert tuple(article.meta()) == ARTICLE.keys


def test_the_api_models_carry_every_contract_field() -> None:
    schemas = pytest.importorskip("newsgraph.web.schemas")
    for record, api_model in ((STATEMENTS, schemas.Statement), (EVENTS, schemas.Event)):
        missing = set(record.keys) - set(api_model.model_fields)
        assert not missing, f"web/schemas.py {api_model.__name__} lacks {sorted(missing)}"


def contract_sections() -> dict[str, str]:
    """The jsonc block of docs/contract.md, cut at each top-level key ("statements": ...)."""
    text = CONTRACT.read_text(encoding="utf-8")
    block = text[text.index("```jsonc") :].split("```")[1]
    sections: dict[str, str] = {}
    current = None
    for line in block.splitlines():
        top = re.match(r'\s{2}"(\w+)":', line)
        if top:
            current = top.group(1)
            sections[current] = ""
        if current:
            sections[current] += line + "\n"
    return sections


def test_docs_contract_names_every_field() -> None:
    sections = contract_sections()
    for schema in (ARTICLE, *RECORD_LISTS):
        assert schema.name in sections, f"docs/contract.md has no {schema.name!r} entry"
        for key in schema.keys:
            assert f'"{key}"' in sections[schema.name], (
                f"docs/contract.md: {schema.name} lacks {key!r}"
            )
