"""The read stage: every format, paths/globs/stdin, stable ids, and a corpus of bad inputs."""

from __future__ import annotations

import hashlib
import importlib.util
import io
import json
import os
import shutil
import sys
from collections.abc import Callable, Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest

from newsgraph.model import Article, ArticleError
from newsgraph.read import (
    FORMATS,
    ReadLimits,
    article_id,
    detect_format,
    detect_language,
    read_inputs,
)

HERE = Path(__file__).parent
INPUTS = HERE / "data" / "inputs"
BAD = HERE / "data" / "bad"
SEED = HERE.parents[1] / "shared" / "seed" / "almayadeen-2024-07-29.txt"


def read(*paths: Path | str, fmt: str = "auto", **options) -> list[Article | ArticleError]:
    return list(read_inputs([str(p) for p in paths], fmt, **options))


def read_one(path: Path | str, fmt: str = "auto", **options) -> Article | ArticleError:
    items = read(path, fmt=fmt, **options)
    assert len(items) == 1, items
    return items[0]


def articles(items: list[Article | ArticleError]) -> list[Article]:
    assert all(isinstance(item, Article) for item in items), items
    return items  # type: ignore[return-value]


def summary(item: Article | ArticleError) -> tuple:
    if isinstance(item, ArticleError):
        return ("error", item.code, Path(item.source or "").name)
    return (item.format, item.title, item.outlet, item.published, item.url, item.language)


# ---------------------------------------------------------------------------------------------
# the seed format


def test_seed_file_with_two_articles() -> None:
    path = INPUTS / "two_articles.txt"
    first, second = articles(read(path))
    data = path.read_bytes()
    text = data.decode()
    assert summary(first) == (
        "seed",
        "Ministers Meet in Doha to Discuss Prisoner Exchange",
        "Gulf Wire Service",
        date(2024, 8, 2),
        None,
        "en",
    )
    assert first.text == (
        "Negotiators from Qatar and Egypt met in Doha on Friday to discuss a possible prisoner "
        'exchange, officials said.\n"We are making progress, but slowly," one mediator told '
        "reporters after the session."
    )
    assert summary(second) == (
        "seed",
        "Drone Strike Reported Near Border Town",
        "Gulf Wire Service",
        date(2024, 8, 3),
        None,
        "en",
    )
    assert second.text == (
        "A drone struck a vehicle near the border town of Khiam on Saturday, local sources said.\n"
        "No group claimed responsibility for the strike."
    )
    assert (first.source, second.source) == (f"{path}#1", f"{path}#2")
    # each article keeps the bytes of its own part; together they are the file
    split = text.index(" date 2024-08-03")
    assert first.raw == data[:split]
    assert second.raw == data[split:]
    assert first.raw + second.raw == data
    # the text is a substring of the file, unchanged
    assert text[text.index("Negotiators") :].startswith(first.text)


def test_real_seed_article() -> None:
    if not SEED.exists():
        pytest.skip("the shared seed article is not on this machine")
    article = read_one(SEED)
    assert isinstance(article, Article)
    assert article.title == "Al-Qassam to Hezbollah: 'We Are Certain That You Will Finish the Job'"
    assert article.outlet == "Al Mayadeen English"
    assert article.published == date(2024, 7, 29)
    assert article.text.startswith("Al-Qassam Brigades shows")
    assert article.text.endswith("Israeli armored forces.")
    assert (article.format, article.language, article.source) == ("seed", "en", str(SEED))
    data = SEED.read_bytes()
    assert article.raw == data
    body_start = data.decode().index("Al-Qassam Brigades shows")
    assert article.text == data.decode()[body_start:].rstrip("\n")
    assert article.id == article_id("Al Mayadeen English", article.title, article.text)


def test_seed_with_crlf_lines_keeps_inner_breaks_and_strips_trailing_ones(tmp_path: Path) -> None:
    path = tmp_path / "crlf.txt"
    path.write_bytes(
        b"\xef\xbb\xbfdate 2024-07-29 Title Here\r\nBy Wire\r\nLine one.\r\nLine two.\r\n\r\n"
    )
    article = read_one(path)
    assert isinstance(article, Article)
    assert (article.title, article.outlet) == ("Title Here", "Wire")
    assert article.text == "Line one.\r\nLine two."


def test_seed_body_keeps_leading_and_trailing_spaces(tmp_path: Path) -> None:
    path = tmp_path / "spaces.txt"
    path.write_text("date 2024-07-29 T\nBy Wire\n  Indented start.\nLast line.  \n\n\n")
    article = read_one(path)
    assert article.text == "  Indented start.\nLast line.  "


def test_seed_text_before_the_first_header_is_a_bad_header(tmp_path: Path) -> None:
    path = tmp_path / "preamble.txt"
    path.write_text("Some notes\ndate 2024-07-29 Real Title\nBy Wire\nThe army said it left.\n")
    items = read(path, fmt="seed")
    assert [summary(i) for i in items] == [
        ("error", "bad_header", "preamble.txt#1"),
        ("seed", "Real Title", "Wire", date(2024, 7, 29), None, "en"),
    ]
    assert items[1].text == "The army said it left."


def test_seed_body_line_starting_with_date_does_not_split(tmp_path: Path) -> None:
    path = tmp_path / "one.txt"
    body = "The talks began.\ndate of the next round is not set, officials said."
    path.write_text(f"date 2024-07-29 Talks\nBy Wire\n{body}\n")
    article = read_one(path)
    assert isinstance(article, Article)
    assert article.text == body


# ---------------------------------------------------------------------------------------------
# plain text, JSON Lines, HTML, feeds, Telegram


def test_text_is_the_whole_file_unchanged() -> None:
    path = INPUTS / "plain.text"
    article = read_one(path)
    assert isinstance(article, Article)
    assert article.text == path.read_bytes().decode("utf-8")
    assert article.text.startswith('The council said on Monday that it "will not accept"')
    assert "  Indented second line,   with extra  spaces — and “curly quotes”.\n" in article.text
    assert summary(article) == ("text", None, None, None, None, "en")
    assert article.raw == path.read_bytes()


def test_options_fill_in_only_where_the_input_has_none() -> None:
    plain = read_one(INPUTS / "plain.text", outlet="Desk", published=date(2024, 1, 2))
    assert (plain.outlet, plain.published) == ("Desk", date(2024, 1, 2))
    first, _ = read(INPUTS / "two_articles.txt", outlet="Desk", published=date(2024, 1, 2))
    assert (first.outlet, first.published) == ("Gulf Wire Service", date(2024, 8, 2))


def test_jsonl_with_mapped_field_names_keeps_input_ids() -> None:
    path = INPUTS / "records.jsonl"
    items = articles(read(path, field_map={"text": "body", "title": "headline"}))
    assert [(a.id, a.source) for a in items] == [
        ("wire-001", f"{path}#1"),
        ("wire-002", f"{path}#2"),
        ("3", f"{path}#4"),  # the number is the line number; line 3 is blank
    ]
    assert [summary(a) for a in items] == [
        (
            "jsonl",
            "Port reopens after storm",
            "Harbour Daily",
            date(2024, 7, 30),
            "https://harbour.example.org/port-reopens",
            "en",
        ),
        ("jsonl", "Talks stall", None, date(2024, 7, 31), None, "en"),
        ("jsonl", None, None, None, None, "en"),
    ]
    assert items[1].text == "Talks between the two unions stalled on Wednesday,\n officials said."
    lines = path.read_bytes().split(b"\n")
    assert items[0].raw == lines[0] + b"\n"


def test_jsonl_without_the_mapping_reports_every_record_without_text() -> None:
    items = read(INPUTS / "records.jsonl")
    assert [(i.code, i.id) for i in items] == [("bad_record", None)] * 3


def test_jsonl_special_characters(tmp_path: Path) -> None:
    path = tmp_path / "odd.jsonl"
    path.write_text(
        '{"id": "nul", "text": "before\\u0000after"}\n'
        '{"id": "lone", "text": "half a pair: \\ud800 here"}\n'
        '{"id": "date", "text": "Some text here.", "published": "2024-02-30"}\n'
        '{"id": 1.5, "text": "A float id."}\n'
    )
    nul, lone, bad_date, float_id = read(path)
    assert (nul.code, nul.id) == ("binary", "nul")
    assert lone.text == "half a pair: \ufffd here"  # same length: offsets stay valid
    assert bad_date.code == "bad_date"
    assert float_id.code == "bad_record"


def test_json_array_of_records(tmp_path: Path) -> None:
    path = tmp_path / "records.json"
    path.write_text('[{"id": "a", "text": "First story."}, {"id": "b", "text": "Second story."}]')
    items = articles(read(path))
    assert [(a.id, a.text, a.format, a.source) for a in items] == [
        ("a", "First story.", "jsonl", f"{path}#1"),
        ("b", "Second story.", "jsonl", f"{path}#2"),
    ]


def test_html_page_main_text_without_boilerplate() -> None:
    article = read_one(INPUTS / "page.html")
    assert isinstance(article, Article)
    assert summary(article) == (
        "html",
        "Fuel depot fire put out",
        "Riverside Courier",
        date(2024, 7, 30),
        "https://courier.example.org/2024/07/30/depot-fire",
        "en",
    )
    assert article.text == (
        "Fuel depot fire put out\n"
        "Firefighters put out a blaze at a fuel depot on the edge of the city early on Tuesday, "
        "the civil defence office said.\n"
        "Two workers were taken to hospital with minor burns. The cause of the fire is not yet "
        "known, and an inquiry has been opened.\n"
        "Residents of nearby streets were asked to keep their windows closed until the smoke "
        "cleared."
    )
    assert "LEAK" not in article.text


def test_rss_entries_are_articles() -> None:
    path = INPUTS / "wire.rss"
    first, second = articles(read(path))
    assert summary(first) == (
        "rss",
        "Bridge reopens to traffic",
        "Northern Wire",
        date(2024, 7, 30),
        "https://wire.example.net/bridge-reopens",
        "en",
    )
    assert first.text == "The river bridge reopened on Tuesday after repairs.\nTraffic was light."
    assert summary(second) == (
        "rss",
        "Mayor announces budget",
        "Northern Wire",
        None,
        "https://wire.example.net/budget",
        "en",
    )
    assert second.text == "The mayor announced the city budget for next year."
    assert (first.source, second.source) == (f"{path}#1", f"{path}#2")


def test_atom_entry_prefers_content_to_summary() -> None:
    article = read_one(INPUTS / "agency.atom")
    assert summary(article) == (
        "rss",
        "Harvest season begins early",
        "Southern Agency",
        date(2024, 7, 31),
        "https://agency.example.com/harvest",
        "en",
    )
    assert article.text == (
        "Farmers in the valley began the harvest two weeks early this year, the farmers' union "
        "said on Wednesday.\nPrices are expected to fall."
    )


def test_telegram_export_messages_are_articles() -> None:
    path = INPUTS / "result.json"
    first, second = articles(read(path))
    assert [(a.text, a.outlet, a.published, a.format, a.source) for a in (first, second)] == [
        (
            "Sirens sounded in the north on Monday evening, residents said.",
            "Frontline Bulletin",
            date(2024, 7, 29),
            "telegram",
            f"{path}#2",
        ),
        (
            "URGENT: the army said it intercepted two drones over the coast. "
            "https://example.org/report",
            "Frontline Bulletin",
            date(2024, 7, 29),
            "telegram",
            f"{path}#3",
        ),
    ]


# ---------------------------------------------------------------------------------------------
# where inputs come from: stdin, directories, globs


class FakeStdin:
    def __init__(self, data: bytes) -> None:
        self.buffer = io.BytesIO(data)


def test_stdin_is_read_as_bytes_and_sniffed(monkeypatch: pytest.MonkeyPatch) -> None:
    data = (INPUTS / "two_articles.txt").read_bytes()
    monkeypatch.setattr(sys, "stdin", FakeStdin(data))
    first, second = articles(read("-"))
    assert (first.source, second.source) == ("<stdin>#1", "<stdin>#2")
    assert first.title == "Ministers Meet in Doha to Discuss Prisoner Exchange"


def test_stdin_as_text_keeps_the_text_unchanged(monkeypatch: pytest.MonkeyPatch) -> None:
    body = "  Hezbollah said on Monday that it fired rockets.\n"
    monkeypatch.setattr(sys, "stdin", FakeStdin(body.encode()))
    article = read_one("-", fmt="text", published=date(2024, 7, 29))
    assert (article.text, article.published, article.source) == (body, date(2024, 7, 29), "<stdin>")


def test_directory_is_read_recursively_in_sorted_order(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "deeper").mkdir(parents=True)
    (tmp_path / ".hidden").mkdir()
    for name in ("b/2.txt", "a/deeper/3.txt", "a/1.txt", "z.txt", ".hidden/4.txt", ".dot.txt"):
        (tmp_path / name).write_text(f"Story from {name} about the talks.")
    sources = [item.source for item in read(tmp_path)]
    assert sources == [str(tmp_path / n) for n in ("a/1.txt", "a/deeper/3.txt", "b/2.txt", "z.txt")]


def test_a_folders_readme_and_licence_are_not_articles(tmp_path: Path) -> None:
    for name in ("README.md", "LICENSE", "licence.txt", "readme-notes.txt", "story.txt"):
        (tmp_path / name).write_text(f"Text of {name} about the talks.")
    sources = [item.source for item in read(tmp_path)]
    assert sources == [str(tmp_path / "readme-notes.txt"), str(tmp_path / "story.txt")]
    (readme,) = read(tmp_path / "README.md")  # named on its own, it is read
    assert readme.source == str(tmp_path / "README.md")


def test_globs_expand_sorted_and_report_no_match() -> None:
    items = read(INPUTS / "*.rss", INPUTS / "*.atom", INPUTS / "*.nothing")
    assert [summary(i)[:2] for i in items] == [
        ("rss", "Bridge reopens to traffic"),
        ("rss", "Mayor announces budget"),
        ("rss", "Harvest season begins early"),
        ("error", "unreadable"),
    ]


def test_missing_path_and_empty_directory_are_unreadable(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    missing, empty_dir = read(tmp_path / "missing.txt", tmp_path / "empty")
    assert (missing.code, missing.source) == ("unreadable", str(tmp_path / "missing.txt"))
    assert "No such file" in missing.message
    assert (empty_dir.code, empty_dir.source) == ("unreadable", str(tmp_path / "empty"))


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root reads any file")
def test_a_file_without_read_permission_is_unreadable(tmp_path: Path) -> None:
    path = tmp_path / "secret.txt"
    path.write_text("Nobody may read this story.")
    path.chmod(0)
    item = read_one(path)
    assert (item.code, item.message) == ("unreadable", "cannot read: Permission denied")


def test_a_single_path_string_is_one_path() -> None:
    items = list(read_inputs(str(INPUTS / "plain.text")))
    assert [i.source for i in items] == [str(INPUTS / "plain.text")]


def test_unknown_format_is_a_caller_error() -> None:
    with pytest.raises(ValueError, match="unknown format 'pdf'"):
        read_inputs(["x"], "pdf")
    assert FORMATS == ("seed", "text", "jsonl", "html", "rss", "telegram")


def test_an_unexpected_failure_becomes_an_internal_error(monkeypatch: pytest.MonkeyPatch) -> None:
    import catalogue

    from newsgraph.read import InputFormat, registered_formats

    def explode(decoded, source, ctx):
        raise RuntimeError("reader bug")
        yield  # pragma: no cover

    html = registered_formats()["html"]
    broken_html = InputFormat("html", explode, html.extensions, single_article=True)
    monkeypatch.setitem(catalogue.REGISTRY, ("newsgraph", "readers", "html"), broken_html)
    broken, fine = read(INPUTS / "page.html", INPUTS / "plain.text")
    assert (broken.code, broken.message) == ("internal", "RuntimeError: reader bug")
    assert isinstance(fine, Article)


# ---------------------------------------------------------------------------------------------
# ids, formats, languages


def test_ids_are_stable_and_independent_of_the_path(tmp_path: Path) -> None:
    copy = tmp_path / "elsewhere" / "copy.txt"
    copy.parent.mkdir()
    shutil.copy(INPUTS / "two_articles.txt", copy)
    original = [a.id for a in read(INPUTS / "two_articles.txt")]
    assert [a.id for a in read(copy)] == original
    assert len(set(original)) == 2
    # the definition: sha256 of outlet, url-or-title and text, normalised, joined by U+001F
    first = read(copy)[0]
    key = "\x1f".join(
        [
            "gulf wire service",
            "ministers meet in doha to discuss prisoner exchange",
            " ".join(first.text.casefold().split()),
        ]
    )
    assert first.id == hashlib.sha256(key.encode()).hexdigest()[:16]


def test_article_id_normalises_whitespace_case_and_unicode_form() -> None:
    base = article_id("Wire", "Title", "Caf\u00e9 owners said   it was closed.")
    assert base == article_id(" wire ", "TITLE", "cafe\u0301 OWNERS said\nit was closed.")
    assert base != article_id("Wire", "Title", "Cafe owners said it was closed.")
    assert base != article_id("Other", "Title", "Caf\u00e9 owners said it was closed.")
    assert len(base) == 16 and all(c in "0123456789abcdef" for c in base)


@pytest.mark.parametrize(
    ("name", "head", "expected"),
    [
        ("a.txt", " date 2024-07-29 Title\nBy X\nbody", "seed"),
        ("a.txt", "<html><body>not html by name</body></html>", "text"),
        ("a.jsonl", '{"text": "x"}', "jsonl"),
        ("result.json", '{\n "name": "C",\n "messages": [\n', "telegram"),
        ("a.json", '[{"text": "x"}]', "jsonl"),
        ("page.htm", "anything", "html"),
        ("feed.xml", '<?xml version="1.0"?><rss version="2.0">', "rss"),
        ("page.xml", '<?xml version="1.0"?><html xmlns="x"><body>', "html"),
        ("atom.atom", "whatever", "rss"),
        ("notes.log", "date 2024-07-29 T\nBy X\nb", "seed"),
        ("notes.log", "{not json}", "text"),
        (None, '<?xml version="1.0"?>\n<feed xmlns="http://www.w3.org/2005/Atom">', "rss"),
        (None, "<!DOCTYPE html><html>", "html"),
        (None, '{"id": 1, "text": "x"}\n{"id": 2, "text": "y"}', "jsonl"),
        (None, "Just a paragraph of text.", "text"),
    ],
)
def test_detect_format(name: str | None, head: str, expected: str) -> None:
    assert detect_format(name, head) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The army said on Monday that it struck several targets overnight.", "en"),
        ("Talks resume in Cairo", "en"),  # short, English ranked first
        ("Le gouvernement a annoncé lundi une nouvelle loi sur la presse.", "fr"),
        ("قال الجيش الإسرائيلي إنه قصف مواقع في جنوب لبنان", "ar"),
        ("Die Regierung hat am Montag ein neues Gesetz angekündigt.", "de"),
        ("12345 -- 67", "und"),
        ("", "und"),
        ("Hello", "und"),  # too short for the classifier to be trusted
    ],
)
def test_detect_language(text: str, expected: str) -> None:
    assert detect_language(text) == expected


# ---------------------------------------------------------------------------------------------
# the bad-input corpus (tests/data/bad, made by make_bad.py)


def has_text(expected: str, language: str = "en") -> Callable[[Article], bool]:
    def check(article: Article) -> bool:
        assert (article.text, article.language) == (expected, language)
        return True

    return check


def no_leaks(article: Article) -> bool:
    assert "LEAK" not in article.text and "alert" not in article.text, article.text
    assert article.text == (
        "Curfew lifted in the old town\n"
        "The authorities lifted the night curfew in the old town on Thursday after a week of calm, "
        "the governor's office said in a statement.\n"
        "Shops reopened in the evening and traffic returned to the main square, witnesses said.\n"
        "Police said patrols would continue for another week."
    )
    return True


# file → expected outcome: an error code (str) or a check on the one article it yields
BAD_CASES: dict[str, str | Callable[[Article], bool]] = {
    "empty.txt": "empty",
    "whitespace.txt": "empty",
    "header.pdf": "binary",
    "image.png": "binary",
    "photo.jpg": "binary",
    "archive.zip": "binary",
    "random.bin": "binary",
    "nul_bytes.txt": "binary",
    "broken_utf8.txt": "encoding",
    "latin1.txt": has_text("The café near the théâtre was closed on Monday, the mayor said.\n"),
    "cp1252_quotes.txt": has_text("“We will respond,” the minister said – and left.\n"),
    "utf16_bom.txt": has_text("The ministry said on Tuesday that talks would resume.\n"),
    "utf16le_nobom.txt": has_text("Officials said the road was reopened.\n"),
    "impossible_date.txt": "bad_date",
    "missing_date.txt": "bad_date",
    "missing_byline.txt": "bad_header",
    "empty_body.txt": "no_text",
    "future_date.txt": "future_date",
    "deep_nesting.html": "bad_html",
    "no_text.html": "bad_html",
    "hostile.html": no_leaks,
    "broken_feed.rss": "bad_feed",
    "french.txt": lambda a: a.language == "fr" and a.text.startswith("Le gouvernement a annoncé"),
    "arabic.txt": lambda a: a.language == "ar" and a.text.startswith("أعلنت الحكومة"),
}


@pytest.mark.parametrize("name", sorted(BAD_CASES))
def test_bad_input(name: str) -> None:
    expected = BAD_CASES[name]
    item = read_one(BAD / name)
    assert item.source == str(BAD / name)
    if isinstance(expected, str):
        assert isinstance(item, ArticleError), item
        assert item.code == expected, item.message
        assert item.message
    else:
        assert isinstance(item, Article), item
        assert expected(item)


def test_bad_telegram_export_with_unexpected_fields_still_reads() -> None:
    path = BAD / "odd_export.json"
    items = read(path)
    assert [summary(i) for i in items] == [
        ("telegram", None, "Odd Channel", date(2024, 7, 29), None, "en"),
        ("error", "bad_date", "odd_export.json#4"),
    ]
    assert items[0].text == "Convoy reached the city on Monday, aid workers said."
    assert items[0].source == f"{path}#3"


def test_not_a_telegram_export() -> None:
    item = read_one(BAD / "not_telegram.json", fmt="telegram")
    assert item.code == "bad_telegram"


def test_jsonl_broken_lines_do_not_stop_the_good_ones() -> None:
    items = read(BAD / "broken_lines.jsonl")
    assert [(getattr(i, "code", "article"), i.id) for i in items] == [
        ("article", "ok-1"),
        ("bad_json", None),
        ("bad_record", None),
        ("bad_record", None),
        ("article", "ok-2"),
    ]
    assert [i.source.rsplit("#")[1] for i in items] == ["1", "2", "3", "4", "5"]


def test_a_bad_input_in_a_batch_does_not_stop_the_batch() -> None:
    items = read(BAD / "empty.txt", BAD / "header.pdf", INPUTS / "plain.text")
    assert [getattr(i, "code", None) for i in items] == ["empty", "binary", None]


def test_every_format_on_a_binary_file_is_an_error() -> None:
    for fmt in FORMATS:
        item = read_one(BAD / "random.bin", fmt=fmt)
        assert (item.code, fmt) == ("binary", fmt)


def test_future_date_tolerance_is_configurable(tmp_path: Path) -> None:
    tomorrow = date.today() + timedelta(days=1)
    later = date.today() + timedelta(days=10)
    path = tmp_path / "soon.txt"
    path.write_text(f"date {tomorrow} Soon\nBy Wire\nThe vote is due.\n")
    assert isinstance(read_one(path), Article)  # within the default day of slack
    path.write_text(f"date {later} Later\nBy Wire\nThe vote is due.\n")
    assert read_one(path).code == "future_date"
    assert isinstance(read_one(path, limits=ReadLimits(max_future_days=30)), Article)


def test_huge_article_is_too_large(tmp_path: Path) -> None:
    huge = tmp_path / "huge.txt"
    line = b"The army said the talks would resume next week in the capital. " * 15 + b"\n"
    with huge.open("wb") as handle:
        handle.write(b"date 2024-07-29 Huge\nBy Wire\n")
        handle.write(line * (50 * 1024 * 1024 // len(line) + 1))
    for fmt in ("seed", "text"):
        item = read_one(huge, fmt=fmt)
        assert (item.code, fmt) == ("too_large", fmt)


def test_huge_line_is_too_large(tmp_path: Path) -> None:
    path = tmp_path / "line.txt"
    path.write_bytes(b"date 2024-07-29 Long\nBy Wire\n" + b"word " * (1024 * 1024) + b"\n")
    assert read_one(path).code == "too_large"
    assert read_one(path, fmt="text").code == "too_large"
    jsonl = tmp_path / "line.jsonl"
    jsonl.write_bytes(b'{"text": "' + b"word " * (1024 * 1024) + b'"}\n{"text": "Short one."}\n')
    big, small = read(jsonl)
    assert (big.code, small.text) == ("too_large", "Short one.")


def test_limits_are_configurable(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("A short story of about fifty bytes, give or take.")
    assert read_one(path, limits=ReadLimits(max_bytes=10)).code == "too_large"
    assert read_one(path, limits=ReadLimits(max_line=10)).code == "too_large"
    assert isinstance(read_one(path, limits=ReadLimits(max_bytes=1000)), Article)


def test_the_stored_corpus_is_what_make_bad_makes() -> None:
    spec = importlib.util.spec_from_file_location("make_bad", BAD / "make_bad.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    cases = module.cases()
    stored = {p.name for p in BAD.glob("[!.]*") if p.is_file() and p.suffix != ".py"}
    assert set(cases) == stored
    for name, data in cases.items():
        assert (BAD / name).read_bytes() == data, name


# ---------------------------------------------------------------------------------------------
# a third-party format, registered from outside the package (docs/plugins.md)

NEWS_TEXT = (
    "TITLE: Talks resume in Cairo\nOUTLET: Test Wire\nDATE: 2024-03-05\n\n"
    "Egypt hosted talks in Cairo on Monday, officials said.\n"
)


def read_news(decoded, source, ctx):
    """A made-up ``.news`` format: ``KEY: value`` lines, a blank line, the text."""
    head, _, body = decoded.text.partition("\n\n")
    meta = dict(line.split(": ", 1) for line in head.splitlines())
    yield ctx.article(
        text=body,
        raw=decoded.data,
        source=source,
        fmt="news",
        title=meta.get("TITLE"),
        outlet=meta.get("OUTLET"),
        published=date.fromisoformat(meta["DATE"]) if "DATE" in meta else None,
    )


@pytest.fixture
def news_format() -> Iterator[None]:
    import catalogue

    from newsgraph import registry
    from newsgraph.read import InputFormat

    news = InputFormat(
        "news", read_news, extensions=(".news",), sniff=lambda head: head.startswith("TITLE: ")
    )
    registry.readers.register("news", func=news)
    yield
    del catalogue.REGISTRY[("newsgraph", "readers", "news")]


def test_a_registered_reader_is_picked_by_its_extension(news_format, tmp_path: Path) -> None:
    from newsgraph.read import available_formats

    (tmp_path / "talks.news").write_text(NEWS_TEXT)
    article = read_one(tmp_path / "talks.news")
    assert isinstance(article, Article), article
    assert (article.title, article.outlet, article.format) == (
        "Talks resume in Cairo",
        "Test Wire",
        "news",
    )
    assert article.published == date(2024, 3, 5)
    assert article.text == "Egypt hosted talks in Cairo on Monday, officials said.\n"
    assert available_formats()[-1] == "news"


def test_a_registered_reader_sniffs_and_is_named_but_never_takes_a_built_in_extension(
    news_format, tmp_path: Path
) -> None:
    (tmp_path / "talks.txt").write_text(NEWS_TEXT)  # .txt settles nothing: sniffed
    assert read_one(tmp_path / "talks.txt").format == "news"
    assert read_one(tmp_path / "talks.txt", fmt="text").format == "text"
    (tmp_path / "page.html").write_text("<html><body><p>" + NEWS_TEXT + "</p></body></html>")
    assert read_one(tmp_path / "page.html").format == "html"


def test_without_the_plug_in_its_format_is_unknown(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="unknown format 'news'"):
        read_inputs([str(tmp_path)], "news")


def test_a_registered_reader_works_through_ingest_and_annotate(news_format, tmp_path: Path) -> None:
    from typer.testing import CliRunner

    import newsgraph
    from newsgraph.cli import app
    from newsgraph.store import open_store

    (tmp_path / "talks.news").write_text(NEWS_TEXT)
    result = newsgraph.ingest([str(tmp_path / "talks.news")], store=tmp_path / "news.duckdb")
    assert (result.stored, result.failed) == (1, 0), result.errors
    with open_store(tmp_path / "news.duckdb", read_only=True) as store:
        [record] = store.iter_records()
    assert record["article"]["title"] == "Talks resume in Cairo"
    assert {a["id"] for a in record["actors"]} >= {"egypt"}

    annotated = CliRunner().invoke(app, ["annotate", str(tmp_path / "talks.news")])
    assert annotated.exit_code == 0, annotated.output
    assert json.loads(annotated.stdout)["article"] == record["article"]
