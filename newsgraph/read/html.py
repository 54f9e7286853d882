"""HTML pages: main text and metadata through trafilatura.

trafilatura drops navigation, boilerplate, scripts and styles; the article text is its main
text. ``html_to_text`` turns an HTML fragment (a feed entry's content) into plain text with the
same guarantee that script, style and other non-content elements never reach the text.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date

import lxml.html
from lxml import etree

from ..model import Article, ArticleError
from .base import ReadContext, ReadError, parse_iso_date
from .decode import Decoded

FORMAT = "html"
# Elements whose content is never article text.
NON_CONTENT = ("script", "style", "noscript", "template", "iframe", "object", "embed", "svg",
               "math", "head", "title", "meta", "link", "button", "select", "form")  # fmt: skip
# Elements that end a line of text.
BLOCKS = ("p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote",
          "pre", "tr", "table", "section", "article", "header", "footer", "figure", "figcaption",
          "dt", "dd", "hr")  # fmt: skip
# Fewer words than this is a menu or a label trafilatura fell back to, not an article.
MIN_WORDS = 3
SPACES = re.compile(r"[^\S\n]+")
BLANK_LINES = re.compile(r"\n\s*\n+")


def read(decoded: Decoded, source: str, ctx: ReadContext) -> Iterator[Article | ArticleError]:
    document = extract(decoded.text)
    yield ctx.article(
        text=document.text,
        raw=decoded.data,
        source=source,
        fmt=FORMAT,
        title=document.title,
        outlet=document.sitename or document.hostname,
        published=page_date(document.date),
        url=document.url,
    )


def extract(html: str) -> object:
    import trafilatura  # heavy import; only pay for it when HTML is read

    try:
        document = trafilatura.bare_extraction(
            html, with_metadata=True, include_comments=False, include_tables=True
        )
    except RecursionError:
        raise ReadError("bad_html", "the page is nested too deeply to parse") from None
    text = (document.text or "").strip() if document is not None else ""
    if len(text.split()) < MIN_WORDS:
        found = f" (only {text[:40]!r})" if text else ""
        raise ReadError("bad_html", f"no main text found in the page{found}")
    document.text = text
    return document


def page_date(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return parse_iso_date(value)
    except ValueError:
        return None  # a page date trafilatura cannot read is no reason to drop the page


def html_to_text(fragment: str) -> str:
    """Plain text of an HTML fragment: block elements become line breaks, spaces collapse."""
    if "<" not in fragment and "&" not in fragment:
        return tidy(fragment)
    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except (etree.ParserError, ValueError):
        return tidy(fragment)
    etree.strip_elements(root, *NON_CONTENT, etree.Comment, etree.ProcessingInstruction,
                         with_tail=False)  # fmt: skip
    for element in root.iter(*BLOCKS):
        element.tail = "\n" + (element.tail or "")
    return tidy(root.text_content())


def tidy(text: str) -> str:
    text = SPACES.sub(" ", text)
    text = "\n".join(line.strip() for line in text.split("\n"))
    return BLANK_LINES.sub("\n\n", text).strip()
