"""Whether a decoded file is an HTML page, plain text, or markup that holds no article (feeds, other XML).

A file is HTML when it says so (an HTML doctype or `<html` root; an HTML content type or file name, if
it opens with an HTML element or holds a closing or attributed one), when it opens with an HTML element
that is closed again, or when markup makes up a real part of its opening: closing tags and tags with
attributes of HTML elements, which wire copy never has. Angle brackets alone are no evidence: Reuters
writes tickers as `<DD>` and `<P>`. Feeds and other XML are told by their root element, read after any
XML declaration, comments and doctype, so a page behind a huge leading comment is still recognised and
nothing past the root is read.
"""

from __future__ import annotations

import re
from html import unescape
from typing import NamedTuple

from lxml.html import HtmlElement, defs, fragment_fromstring

from streams.errors import RejectedInput

HTML_ELEMENTS: frozenset[str] = frozenset(defs.tags)
FEED_ROOTS: dict[str, str] = {"rss": "RSS", "rdf:rdf": "RSS", "feed": "Atom"}
"""Root elements of syndication feeds, with the feed format's name."""
SITEMAP_ROOTS = frozenset({"urlset", "sitemapindex"})
"""Root elements of XML sitemaps (news sitemaps too), which list a site's pages."""

_SNIFF_CHARS = 8192
_ROOT_CLOSE_CHARS = 65536
"""How far to look for the end of a leading HTML element (a page may open with a long `<style>`)."""
_MIN_MARKUP_EVIDENCE = 2
"""Closing or attributed HTML tags the opening must hold for a file without any HTML header to be HTML."""
_MAX_PROLOG_ITEMS = 64
_TAIL_CHARS = 1024
_HTML_NAMES = (".htm", ".html", ".xhtml")
_PROLOG_ITEM = re.compile(r"\s*(?:(<!--)|<\?[^>]*>|<!doctype\s+(html\b)?[^>\[]*(?:\[[^\]]*\]\s*)?>)", re.IGNORECASE)
"""A comment's start, a processing instruction or a doctype, with its internal subset (`[<!ENTITY …>]`)."""
_ROOT = re.compile(r"\s*<([A-Za-z][\w:.-]*)")
_EVIDENCE = re.compile(r"</([A-Za-z][A-Za-z0-9]*)\s*>|<([A-Za-z][A-Za-z0-9]*)\s+[\w:-]+\s*=\s*[\"'\w]")


def is_html(text: str, content_type: str | None, filename: str | None) -> bool:
    """Route pages to the extractor and text to chrome stripping; refuse feeds and other XML documents."""
    at, root, html_doctype, declared_xml = _root(text)
    name = root.lower()
    if name in FEED_ROOTS:
        raise RejectedInput(
            f"not an article: {FEED_ROOTS[name]} feed; ingest the pages its items link to instead of the feed"
        )
    if name in SITEMAP_ROOTS:
        raise RejectedInput("not an article: XML sitemap; ingest the pages it lists instead of the sitemap")
    if html_doctype or name == "html":
        return True
    said_html = "html" in (content_type or "").lower() or (filename or "").lower().endswith(_HTML_NAMES)
    if said_html and (name in HTML_ELEMENTS or _markup_evidence(text[at : at + _SNIFF_CHARS])):
        return True
    if root and (declared_xml or (name not in HTML_ELEMENTS and _closes_with(text, root))):
        raise RejectedInput("not an article: XML document")
    if name in HTML_ELEMENTS and f"</{name}" in text[at : at + _ROOT_CLOSE_CHARS].lower():
        return True
    return _markup_evidence(text[at : at + _SNIFF_CHARS]) >= _MIN_MARKUP_EVIDENCE


def root_name(text: str) -> str:
    """The name of a markup file's root element, in lower case (empty for plain text)."""
    return _root(text)[1].lower()


def _root(text: str) -> tuple[int, str, bool, bool]:
    """Where the root element starts, its name as written (empty for plain text), whether a doctype named HTML,
    and whether an XML declaration came."""
    at, html_doctype, declared_xml = _after_prolog(text)
    root = _ROOT.match(text, at)
    return at, root.group(1) if root else "", html_doctype, declared_xml


def _after_prolog(text: str) -> tuple[int, bool, bool]:
    """Skip the XML declaration, processing instructions, comments and doctype before the root element.

    Returns where the root may start, whether a doctype named HTML, and whether an XML declaration came.
    """
    at, html_doctype, declared_xml = 0, False, False
    for _ in range(_MAX_PROLOG_ITEMS):
        item = _PROLOG_ITEM.match(text, at)
        if item is None:
            break
        if item.group(1):
            end = text.find("-->", item.end())
            at = len(text) if end < 0 else end + 3
            continue
        declared_xml = declared_xml or item.group(0).lstrip().startswith("<?xml")
        html_doctype = html_doctype or item.group(2) is not None
        at = item.end()
    return at, html_doctype, declared_xml


def _closes_with(text: str, root: str) -> bool:
    """Whether the document ends by closing its root element, as a well-formed XML document does."""
    return text[-_TAIL_CHARS:].rstrip().endswith(f"</{root}>")


def _markup_evidence(head: str) -> int:
    """Count closing tags and tags with attributes of HTML elements: what marked-up text is made of."""
    return sum(1 for tag in _EVIDENCE.finditer(head) if (tag.group(1) or tag.group(2)).lower() in HTML_ELEMENTS)


BLOCK_TAGS = ("p", "div", "br", "li", "blockquote", "pre", "tr", "figcaption", "h1", "h2", "h3", "h4", "h5", "h6")


def in_link(element: HtmlElement) -> bool:
    """Whether an element is inside a link, as a teaser's summary or stamp is: another story's, not the page's."""
    return next(element.iterancestors("a"), None) is not None


def block_text(element: HtmlElement) -> str:
    """An element's text with one line per block, its spacing collapsed: how the stages read paragraphs."""
    for block in element.iter(*BLOCK_TAGS):
        block.tail = f"\n{block.tail or ''}"
    return "\n".join(" ".join(line.split()) for line in element.text_content().split("\n") if line.strip())


def stated_text(value: str) -> str:
    """The text of a JSON-LD value that may be written as HTML (an `articleBody`), one line per block."""
    return block_text(fragment_fromstring(value, create_parent="div")) if "<" in value else unescape(value)


class WrittenArticle(NamedTuple):
    """An article from a file that states its own fields (Markdown front matter, a wire format's metadata): title,
    publication time and author where stated, and its text."""

    title: str | None
    published: str | None
    author: str | None
    text: str
