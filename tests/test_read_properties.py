"""Property tests for the read stage: no input makes a reader raise; seed files round-trip."""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from newsgraph.model import Article, ArticleError
from newsgraph.read import FORMATS, read_inputs
from newsgraph.read.seed import HEADER

ALL_FORMATS = ("auto", *FORMATS)
# Extensions that steer --format auto to each reader, so "auto" fuzzes every sniffing path.
EXTENSIONS = (".txt", ".text", ".jsonl", ".json", ".html", ".rss", ".xml", ".bin", "")
SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@pytest.fixture(scope="module")
def workdir() -> Iterator[Path]:
    # module-scoped: hypothesis runs many examples inside one test call
    with tempfile.TemporaryDirectory() as folder:
        yield Path(folder)


def read_file(workdir: Path, data: bytes, fmt: str, suffix: str = ".txt") -> list:
    path = workdir / f"input{suffix}"
    path.write_bytes(data)
    return list(read_inputs([str(path)], fmt))


def check_items(items: list) -> int:
    """The read contract; returns how many items were unexpected failures (``internal``)."""
    assert items, "every input yields at least one item"
    internal = 0
    for item in items:
        assert isinstance(item, Article | ArticleError), item
        if isinstance(item, Article):
            assert isinstance(item.text, str) and item.text.strip()
            assert "\x00" not in item.text
            item.text.encode("utf-8")  # writable as UTF-8: no lone surrogates
            assert item.format in FORMATS
            assert isinstance(item.id, str) and item.id
        else:
            assert item.code and item.message
            internal += item.code == "internal"
    return internal


# a few structured shapes mixed in, so the readers get past their first check now and then
STRUCTURED = st.one_of(
    st.builds(lambda t, o, b: f"date 2024-07-29 {t}\nBy {o}\n{b}", st.text(), st.text(), st.text()),
    st.builds(lambda b: f'{{"id": "x", "text": {b!r}}}\n', st.text()),
    st.builds(lambda b: f"<html><body><p>{b}</p></body></html>", st.text()),
    st.builds(lambda b: f"<rss><channel><item><description>{b}</description></item>", st.text()),
    st.builds(lambda b: f'{{"name": "c", "messages": [{{"text": {b!r}}}]}}', st.text()),
)


@SETTINGS
@given(data=st.binary(max_size=2048), fmt=st.sampled_from(ALL_FORMATS))
def test_arbitrary_bytes_never_raise(workdir: Path, data: bytes, fmt: str) -> None:
    assert check_items(read_file(workdir, data, fmt)) == 0


@SETTINGS
@given(
    text=st.one_of(st.text(max_size=1000), STRUCTURED),
    fmt=st.sampled_from(ALL_FORMATS),
    suffix=st.sampled_from(EXTENSIONS),
)
def test_arbitrary_unicode_never_raises(workdir: Path, text: str, fmt: str, suffix: str) -> None:
    data = text.encode("utf-8", "surrogatepass")
    assert check_items(read_file(workdir, data, fmt, suffix)) == 0


# words without whitespace or control characters: what a title or outlet name is made of
WORD = st.text(
    alphabet=st.characters(blacklist_categories=("Z", "Cc", "Cs")), min_size=1, max_size=12
)
NAME = st.lists(WORD, min_size=1, max_size=6).map(" ".join)
# article text: any character but control characters other than line breaks and tabs (many
# control bytes make an input binary, which is refused on purpose)
BODY = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc"), whitelist_characters="\n\r\t"),
    min_size=1,
    max_size=400,
)


@SETTINGS
@given(
    title=NAME,
    outlet=NAME,
    published=st.dates(min_value=date(1900, 1, 1), max_value=date.today()),
    body=BODY,
)
def test_seed_round_trip(
    workdir: Path, title: str, outlet: str, published: date, body: str
) -> None:
    assume(body.strip() and body == body.rstrip("\r\n"))
    assume(not HEADER.search(body))
    assume(not outlet.startswith("\ufeff"))
    text = f"date {published.isoformat()} {title}\nBy {outlet}\n{body}\n"
    items = read_file(workdir, text.encode(), "seed")
    assert len(items) == 1
    article = items[0]
    assert isinstance(article, Article), article
    assert (article.title, article.outlet, article.published) == (title, outlet, published)
    assert article.text == body


@SETTINGS
@given(bodies=st.lists(BODY, min_size=2, max_size=4))
def test_seed_concatenated_articles_split_exactly(workdir: Path, bodies: list[str]) -> None:
    for body in bodies:
        assume(body.strip() and body == body.rstrip("\r\n") and not HEADER.search(body))
    parts = [f"date 2024-07-{i + 1:02d} T{i}\nBy Wire\n{b}\n" for i, b in enumerate(bodies)]
    data = "".join(parts).encode()
    items = read_file(workdir, data, "seed")
    assert [a.text for a in items] == bodies
    assert b"".join(a.raw for a in items) == data


@pytest.mark.slow
def test_fuzz_ten_thousand_inputs_across_readers(workdir: Path) -> None:
    """≥ 10,000 generated inputs over every reader: no exception, no ``internal`` error."""
    seen = {"inputs": 0, "internal": 0}

    @settings(
        max_examples=1500,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
    )
    @given(
        payload=st.one_of(
            st.binary(max_size=1024),
            st.text(max_size=600).map(str.encode),
            STRUCTURED.map(str.encode),
        )
    )
    def fuzz(fmt: str, payload: bytes) -> None:
        seen["inputs"] += 1
        seen["internal"] += check_items(read_file(workdir, payload, fmt, ".in"))

    for fmt in ALL_FORMATS:
        fuzz(fmt)
    assert seen["inputs"] >= 10_000
    assert seen["internal"] == 0
