"""The bundled example articles: seed format, metadata, spread of outlets, sides and conflicts.

The header is parsed here with a minimal regex on purpose (the real reader lives in
``newsgraph.read``), so these tests check the files themselves.
"""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import feedparser
import pytest

from newsgraph.components.framing.component import OUTLET

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"

HEADER = re.compile(r"\A\ufeff?\s*date (\d{4}-\d{2}-\d{2}) (\S.*)\n[ \t]*By (\S.*)\n")
FILENAME = re.compile(r"^([a-z0-9]+(?:-[a-z0-9]+)*)-(\d{4}-\d{2}-\d{2})-([a-z0-9-]+)\.txt$")

# file-name outlet slug -> (outlet as written on the "By" line, side, conflict)
EXAMPLE_TABLE: dict[str, tuple[str, str, str]] = {
    "almayadeen-english": ("Al Mayadeen English", "axis-of-resistance", "israel-lebanon"),
    "timesofisrael": ("Times of Israel", "israeli", "israel-lebanon"),
    "aljazeera-english": ("Al Jazeera English", "qatari/pan-arab", "gaza"),
    "jpost": ("Jerusalem Post", "israeli", "gaza"),
    "wafa": ("WAFA", "palestinian", "west-bank"),
    "worldservice": ("World Service News", "neutral", "israel-lebanon"),
    "kyivindependent": ("Kyiv Independent", "ukrainian", "russia-ukraine"),
    "ukrainska-pravda": ("Ukrainska Pravda", "ukrainian", "russia-ukraine"),
    "tass": ("TASS", "russian", "russia-ukraine"),
    "rt": ("RT", "russian", "russia-ukraine"),
    "sudantribune": ("Sudan Tribune", "independent", "sudan"),
    "suna": ("Sudan News Agency (SUNA)", "saf", "sudan"),
    "saba": ("Saba News Agency", "houthi", "red-sea"),
    "globalwire": ("Global Wire Service", "neutral", "red-sea"),
    "presstv": ("Press TV", "iranian", "iraq-syria"),
    "sana": ("Syrian Arab News Agency (SANA)", "syrian-government", "syria"),
    "ndtv": ("NDTV", "independent", "election-india"),
    "efectococuyo": ("Efecto Cocuyo English", "independent", "election-venezuela"),
}

QUOTE_MARKS = {'"': '"', "\u201c": "\u201d", "\u00ab": "\u00bb", "\u2018": "\u2019"}


def article_files() -> list[Path]:
    return sorted(EXAMPLES.glob("*.txt"))


def parse(path: Path) -> tuple[date, str, str, str]:
    """(date, title, outlet, body) of a seed-format file."""
    raw = path.read_text(encoding="utf-8")
    match = HEADER.match(raw)
    assert match, f"{path.name}: first two lines are not 'date YYYY-MM-DD Title' / 'By Outlet'"
    body = raw[match.end() :]
    return date.fromisoformat(match.group(1)), match.group(2), match.group(3), body


def outlet_slug(path: Path) -> str:
    match = FILENAME.match(path.name)
    assert match, f"{path.name}: not <outlet-slug>-<YYYY-MM-DD>-<short-slug>.txt"
    for slug in sorted(EXAMPLE_TABLE, key=len, reverse=True):
        if match.group(1).startswith(slug):
            return slug
    raise AssertionError(f"{path.name}: outlet slug missing from EXAMPLE_TABLE")


def test_enough_articles_outlets_and_conflicts() -> None:
    files = article_files()
    assert len(files) >= 15
    slugs = {outlet_slug(path) for path in files}
    assert slugs == set(EXAMPLE_TABLE)
    assert len({EXAMPLE_TABLE[s][0] for s in slugs}) >= 5
    assert len({EXAMPLE_TABLE[s][2] for s in slugs}) >= 4
    sides = {EXAMPLE_TABLE[s][1] for s in slugs}
    for opposed in (("israeli", "axis-of-resistance"), ("ukrainian", "russian")):
        assert set(opposed) <= sides


@pytest.mark.parametrize("path", article_files(), ids=lambda p: p.name)
def test_article_is_in_seed_format(path: Path) -> None:
    published, title, outlet, body = parse(path)
    assert date(2023, 1, 1) <= published <= date(2025, 12, 31)
    assert title.strip() == title and len(title) > 10
    assert outlet == EXAMPLE_TABLE[outlet_slug(path)][0]
    assert FILENAME.match(path.name).group(2) == published.isoformat()
    paragraphs = body.rstrip("\n").split("\n")
    assert all(p.strip() for p in paragraphs), "one paragraph per line, no blank lines"
    words = len(body.split())
    assert 150 <= words <= 400, words


@pytest.mark.parametrize("path", article_files(), ids=lambda p: p.name)
def test_article_has_quotes_numbers_and_dates(path: Path) -> None:
    _, _, _, body = parse(path)
    assert any(o in body and c in body for o, c in QUOTE_MARKS.items()), "no quotation"
    assert re.search(r"\d", body), "no figures"
    relative = r"\b(on|last|since|early|late|this|next) (Monday|Tuesday|Wednesday|Thursday|"
    relative += r"Friday|Saturday|Sunday|week|month|year|[A-Z][a-z]+ \d)"
    assert re.search(relative, body), "no relative date"
    assert re.search(r"\b(denied|denies|rejected|rejects|disputes|denial)\b", body), "no denial"


def test_quote_styles_across_the_set() -> None:
    bodies = "".join(parse(path)[3] for path in article_files())
    for opener, closer in QUOTE_MARKS.items():
        assert opener in bodies and closer in bodies, opener


@pytest.mark.parametrize("path", article_files(), ids=lambda p: p.name)
def test_partisan_articles_carry_loaded_wording(nlp, framing, path: Path) -> None:
    _, _, _, body = parse(path)
    side = EXAMPLE_TABLE[outlet_slug(path)][1]
    found = framing(nlp.make_doc(body))._.ng_framing
    in_own_voice = [f for f in found if f.speaker == OUTLET]
    if side == "neutral":
        assert len(in_own_voice) <= 1, [f.span.text for f in in_own_voice]
    else:
        assert found, "a partisan example should exercise the framing component"


def test_readme_lists_every_example() -> None:
    readme = (EXAMPLES / "README.md").read_text(encoding="utf-8")
    for path in article_files():
        assert path.name in readme, path.name
    for other in ("feeds/globalwire-world.xml", "telegram/result.json", "articles.jsonl"):
        assert other in readme


def test_rss_feed_has_three_items() -> None:
    feed = feedparser.parse(str(EXAMPLES / "feeds" / "globalwire-world.xml"))
    assert not feed.bozo
    assert len(feed.entries) == 3
    for entry in feed.entries:
        assert entry.title and entry.link and entry.published_parsed
        assert len(entry.content[0].value) > 200


def test_telegram_export_is_a_small_channel() -> None:
    export = json.loads((EXAMPLES / "telegram" / "result.json").read_text(encoding="utf-8"))
    assert export["type"] == "public_channel" and export["name"]
    messages = [m for m in export["messages"] if m["type"] == "message"]
    assert len(messages) == 3
    assert any(isinstance(m["text"], list) for m in messages)  # rich text as entity list
    assert any(m["type"] == "service" for m in export["messages"])
    for message in messages:
        date.fromisoformat(message["date"][:10])
        assert message["text_entities"]


def test_jsonl_has_three_records() -> None:
    lines = (EXAMPLES / "articles.jsonl").read_text(encoding="utf-8").splitlines()
    records = [json.loads(line) for line in lines]
    assert len(records) == 3
    assert len({r["id"] for r in records}) == 3
    for record in records:
        assert {"id", "text", "title", "published", "outlet", "url"} <= set(record)
        date.fromisoformat(record["published"])
        assert len(record["text"].split()) >= 100
