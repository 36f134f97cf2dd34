"""Clean stage: turn a crawled file's bytes into decoded, repaired text with the page metadata found.

Plain-text pages lose their page chrome here, except the "Related Articles" line: it is rewritten to
exactly `RELATED_MARKER` and kept, because the split stage uses it as the anchor between the lead and
the related items.

Every file gets an outcome within a few seconds, whatever it holds:
- a file over `max_bytes` (`MAX_FILE_BYTES` by default) is refused before any work, and a gzip file
  is inflated only up to that size;
- an HTML page with more than `MAX_HTML_TAGS` tags is refused before parsing (see `streams.clean.extract`
  for how big and deeply nested pages below that are extracted);
- text (plain, or extracted from a page) with more than `MAX_TEXT_CHARS` characters besides
  whitespace or more than `MAX_TEXT_LINES` lines is refused as too long before the costly repair: no
  article is that long, and whitespace floods cost nothing since blank runs are counted as one line.
  Words are never cut: downstream stages take a 5,000-character "word" (or a line without spaces, as
  Chinese is written) like any other; but a word of 200 or more base64 or hex characters, or base64 wrapped
  over lines, is data pasted into the text, and leaves it;
- data, feeds, XML, licences and text too short to be a story are refused as not articles
  (`streams.clean.markup`, `streams.clean.not_articles`).
"""

from __future__ import annotations

import html
import re
from datetime import datetime
from html.entities import html5
from typing import Literal, NamedTuple

import ftfy

from streams.clean.blog_posts import MAX_POSTS, MIN_POSTS, blog_text
from streams.clean.decode import decode, reject_binary, reject_control_heavy
from streams.clean.extract import extract_article
from streams.clean.front_matter import front_matter
from streams.clean.gunzip import gunzip, is_gzip
from streams.clean.leftovers import strip_leftover_chrome
from streams.clean.markdown import is_markdown, markdown_article
from streams.clean.markup import is_html
from streams.clean.mime import is_mime, mime_body
from streams.clean.not_articles import (
    has_enough_text,
    reject_json,
    reject_notice_page,
    reject_section_front,
    reject_table,
    reject_unreadable,
)
from streams.clean.plain_page import byline_lines, without_page_furniture
from streams.clean.press_release import strip_release_furniture
from streams.clean.provenance import text_author
from streams.clean.rtf import is_rtf, rtf_text, without_binary
from streams.clean.subtitles import is_subtitles, spoken_text
from streams.clean.wire_xml import wire_article, wire_format
from streams.errors import RejectedInput
from streams.ingest import parse_time, too_large
from streams.records import BlogPost, Document, RawMeta
from streams.settings import MAX_FILE_BYTES
from streams.text.fingerprint import content_hash
from streams.text.page import RELATED_MARKER, normalise_whitespace, strip_chrome

MAX_TEXT_CHARS = 1_000_000
"""Most characters besides whitespace a text may have: 19 times the longest article in the corpus (52,991
characters), room for an aggregator page of 10,000 items (~650,000), and all that spaCy's NER reads
(`nlp.max_length`) in the tag stage."""
MAX_TEXT_LINES = 100_000
"""Most lines a text may have once blank runs are one blank line: 400 times the most of any cleaned page in the
corpus (242), ten lines an item for an aggregator page of 10,000 items, and the repair (ftfy, about 9 µs a
line) stays within a second."""
MAX_HTML_TAGS = 400_000
"""Most tags (counted as "<") an HTML page may have: 39 times the most in the corpus (10,305); extracting
a page at the limit takes about 1.5 s."""

_BLANK_LINES = re.compile(r"\n[^\S\n]*\n\s*")
_WHITESPACE = "".join(char for char in map(chr, range(0x3001)) if char.isspace())
"""Every whitespace character (the last is U+3000, the ideographic space), to count text without them."""
_ENCODED_DATA = re.compile(r"(?<!\S)(?:data:[\w/+.-]+;base64,)?[A-Za-z0-9+/=_-]{200,}(?!\S)")
"""200 or more base64 or hex characters without a space: an image or other data pasted into the text as a
paragraph (a page carried 500,000 such characters into its body), never words."""
_ENCODED_LINES = re.compile(
    r"^(?P<lines>(?:[A-Za-z0-9+/]{76}[^\S\n]*\n){2,}|(?:[A-Za-z0-9+/]{64}[^\S\n]*\n){2,})"
    r"(?:(?:[A-Za-z0-9+/]{4}){0,18}(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)[^\S\n]*$"
    r"|(?:[A-Za-z0-9+/]{4}){1,18}[^\S\n]*(?=\n[^\S\n]*\n|\n?\Z))?",
    re.MULTILINE,
)
"""Two or more lines of base64 of one width, as MIME (76 characters) and PEM (64) wrap it, and the shorter line
that ends them (whole groups of four, padded with `=`, or with a blank line or the end after it): data that
`_ENCODED_DATA` does not see line by line; a story encoded so came out as an article of base64. Taken only when
the full lines hold both cases of letters, so that a list of SHA-256 hashes (64 hex digits a line) stays."""
_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
"""An HTML entity left in text copied from a page (`Bear Stearns &amp; Co`); only a complete one, with its
semicolon, so `AT&T`, `S&P` and `R&D` stay as written."""
_ZERO_WIDTH_CHARACTERS = "\u200b-\u200d\u2060\ufeff\u180e"
"""Zero-width spaces and joiners, word joiners, BOMs and the Mongolian vowel separator, as a character class range."""
_VISIBLE = re.compile(f"[^\\s\u00ad\u200e\u200f{_ZERO_WIDTH_CHARACTERS}]")
"""A character that shows: not whitespace, nor one that shows nothing (zero-width characters, soft hyphens,
direction marks); text without one is empty."""
_LINE_BREAKS = ("\v", "\f", "\x85", "\u2028", "\u2029")
"""The line ends `str.splitlines` reads besides CR and LF (a vertical tab between paragraphs ran them together)."""
_ZERO_WIDTH = re.compile(f"[{_ZERO_WIDTH_CHARACTERS}]+")
_JOINERS = "\u200c\u200d"
# Text made only of these characters is left as is by ftfy (measured on both extraction corpora), and
# checking for them is a hundred times faster than ftfy, so most English articles skip it.
_NOTHING_TO_REPAIR = re.compile(r"[\t\n\x20-\x25\x27-\x7e\u00a0\u2013\u2014\u2018\u2019\u201c\u201d\u2026]*")


class PageMeta(NamedTuple):
    """What an HTML page says about its article; plain text pages state none of it."""

    title: str | None = None
    author: str | None = None
    published_at: str | None = None
    site: str | None = None
    publisher: str | None = None
    domain: str | None = None
    url: str | None = None
    modified_at: str | None = None
    posts: tuple[BlogPost, ...] = ()
    summary: str | None = None
    standfirst: str | None = None


def clean(raw: bytes, meta: RawMeta, *, max_bytes: int = MAX_FILE_BYTES) -> Document:
    """Make one crawled file usable downstream, or reject it with a reason a person can act on."""
    if len(raw) > max_bytes:
        raise RejectedInput(too_large(len(raw), max_bytes))
    filename, content_type = meta["filename"], meta["content_type"]
    if is_gzip(raw):
        raw = gunzip(raw, max_bytes)
        filename = filename.removesuffix(".gz") if filename else filename
    mail = mime_body(raw) if is_mime(raw) else None
    if mail is not None:
        raw, content_type = mail.data, mail.content_type
    if not raw.strip():
        raise RejectedInput("empty file: no bytes" if not raw else "empty file: only whitespace")
    reject_binary(raw)
    text, encoding = decode(without_binary(raw), content_type)
    text = text.replace("\x00", "").replace("\r\n", "\n").replace("\r", "\n")
    reject_control_heavy(text)
    if not _VISIBLE.search(text):
        raise RejectedInput("empty file: only whitespace")
    reject_json(text)
    wire = wire_format(text)
    fmt: Literal["html", "text"] = "html" if not wire and is_html(text, content_type, filename) else "text"
    if fmt == "html":
        page, text = _extract_html(text, parse_time(meta["crawled_at"]))
    else:
        page, text = _extract_text(text, wire=bool(wire), markdown=is_markdown(filename, content_type))
    if page.posts:  # the posts travel on their own; the text is the blog's own, else its summary (may be none)
        text = blog_text(text, page.posts) or page.summary or ""
    else:
        reject_unreadable(text)
    if mail is not None:
        page = page._replace(title=page.title or _repaired(mail.subject),
                             published_at=page.published_at or mail.sent_at)  # fmt: skip
    document = Document(
        document_id=meta["document_id"],
        filename=meta["filename"],
        content_type=meta["content_type"],
        size=meta["size"],
        crawled_at=meta["crawled_at"],
        ingested_at=meta["ingested_at"],
        crawled_at_source=meta.get("crawled_at_source", "header"),
        format=fmt,
        encoding=encoding,
        title=page.title,
        author=page.author,
        published_at=page.published_at,
        modified_at=page.modified_at,
        site=page.site,
        publisher=page.publisher,
        domain=page.domain,
        url=page.url,
        text=text,
    )
    if page.posts:
        document["posts"] = list(page.posts)
    if fmt == "text" and (bylines := byline_lines(text)):
        document["bylines"] = bylines
    if page.standfirst:
        document["standfirst"] = page.standfirst
    return document


def repair(text: str) -> str:
    """Undo mojibake from earlier wrong decodings while keeping typographic quotes and character widths as
    published (ftfy's width fix would turn the full-width punctuation of Chinese and Japanese into ASCII)."""
    if _NOTHING_TO_REPAIR.fullmatch(text):
        return text
    return ftfy.fix_text(text, uncurl_quotes=False, fix_character_width=False)


def _tidy(text: str) -> str:
    """Repair and normalise text, refusing text too long for any article before paying for the repair."""
    text = _line_breaks_as_newlines(text)
    if len(text) > MAX_TEXT_CHARS:
        visible = len(text) - sum(map(text.count, _WHITESPACE))
        if visible > MAX_TEXT_CHARS:
            raise RejectedInput(
                f"too long: {visible:,} characters of text besides whitespace, limit {MAX_TEXT_CHARS:,}"
            )
    if text.count("\n") >= MAX_TEXT_LINES:
        text = _BLANK_LINES.sub("\n\n", text)
        lines = text.count("\n") + 1
        if lines > MAX_TEXT_LINES:
            raise RejectedInput(f"too long: {lines:,} lines of text, limit {MAX_TEXT_LINES:,}")
    words = _ENCODED_DATA.sub("", _ENCODED_LINES.sub(_unless_one_case, text))
    if not words.strip() and text.strip():
        raise RejectedInput("no text: only base64 or hex data")
    return normalise_whitespace(repair(_without_zero_width(words)))


def _line_breaks_as_newlines(text: str) -> str:
    """Every line end written as the newline the stages split on; replacing only those present keeps this at
    C speed (a translation table cost 8 ms on an average page's HTML)."""
    for line_break in _LINE_BREAKS:
        if line_break in text:
            text = text.replace(line_break, "\n")
    return text


def _without_zero_width(text: str) -> str:
    """The text without zero-width spaces and joiners that join nothing: a flood of them made an English story read
    as Igbo. A joiner between two letters of a script that uses it (Persian, Devanagari, emoji sequences) stays."""
    return _ZERO_WIDTH.sub(_joining, text)


def _joining(run: re.Match[str]) -> str:
    """The joiners of a run of zero-width characters when it stands between two characters beyond ASCII."""
    text, start, end = run.string, run.start(), run.end()
    if start == 0 or end == len(text) or text[start - 1].isascii() or text[end].isascii():
        return ""
    return "".join(char for char in run[0] if char in _JOINERS)


def _unless_one_case(block: re.Match[str]) -> str:
    """Nothing for a block of base64 lines; the block itself when its letters are of one case (hex digits)."""
    lines = block["lines"]
    return "" if any(char.isupper() for char in lines) and any(char.islower() for char in lines) else block[0]


def _extract_text(text: str, *, wire: bool, markdown: bool) -> tuple[PageMeta, str]:
    """A plain text's article and what the text itself says of it: a wire or Markdown story's headline, byline and
    time, else its front matter's (`streams.clean.front_matter`) and closing credit's."""
    page = PageMeta()
    if is_rtf(text):
        text = rtf_text(text)
    elif is_subtitles(text):
        text = spoken_text(text)
    elif wire or markdown:
        written = wire_article(text) if wire else markdown_article(text)
        text = strip_leftover_chrome(written.text, written.title)
        page = PageMeta(title=_repaired(written.title), author=_repaired(written.author),
                        published_at=written.published)  # fmt: skip
    reject_table(text)
    text = strip_release_furniture(strip_chrome(_tidy(_ENTITY.sub(_unescaped, text))))
    if not text:
        raise RejectedInput("no text left after removing page chrome")
    front = front_matter(without_page_furniture(text))
    page = page._replace(published_at=page.published_at or front.published_at,
                         modified_at=page.modified_at or front.modified_at)  # fmt: skip
    body = front.text
    if page.author is None:  # an aggregator's page ends with another's item: the credit closing its own story is read
        own = body.split(f"\n{RELATED_MARKER}\n", 1)[0]
        page = page._replace(author=front.author or text_author(own))
    return page, body


def _extract_html(html: str, crawled: datetime | None) -> tuple[PageMeta, str]:
    """Keep only the article of an HTML page, with the metadata the page states about it."""
    tags = html.count("<")
    if tags > MAX_HTML_TAGS:
        raise RejectedInput(f"too large: HTML page with {tags:,} tags, limit {MAX_HTML_TAGS:,}")
    article = extract_article(html, crawled)
    if article is None:
        raise RejectedInput("HTML page has no extractable article text")
    reject_notice_page(html, article.title, article.text)
    reject_section_front(article.teasers)
    meta = PageMeta(
        title=_repaired(article.title),
        author=_repaired(article.author),
        published_at=article.published_at,
        site=_repaired(article.site),
        publisher=_repaired(article.publisher),
        domain=article.domain,
        url=article.url,
        modified_at=article.modified_at,
        posts=_repaired_posts(article.posts),
        summary=_repaired(article.summary),
        standfirst=_repaired(article.standfirst),
    )
    text = strip_leftover_chrome(_tidy(article.text), meta.title, meta.url)
    if not has_enough_text(text) and not meta.posts:
        raise RejectedInput("HTML page has no extractable article text")
    return meta, text


def _repaired_posts(posts: tuple[BlogPost, ...]) -> tuple[BlogPost, ...]:
    """A live blog's posts repaired and tidied as the page's own text is, each text once; none when fewer than
    `MIN_POSTS` are left, or more than `MAX_POSTS`, or more text than an article may hold (the page is then read as
    one article). A post whose text is refused (only encoded data) or left empty is dropped, not the page."""
    kept: dict[str, BlogPost] = {}
    for post in posts:  # at most MAX_POSTS + 1, as extraction reads them
        try:
            body = _tidy(post["body"])
        except RejectedInput:
            continue
        if body and (key := content_hash(body)) not in kept:
            kept[key] = BlogPost(title=_repaired(post["title"]), body=body, author=_repaired(post["author"]),
                                 published_at=post["published_at"])  # fmt: skip
    within = MIN_POSTS <= len(kept) <= MAX_POSTS and sum(len(post["body"]) for post in kept.values()) <= MAX_TEXT_CHARS
    return tuple(kept.values()) if within else ()


def _unescaped(entity: re.Match[str]) -> str:
    """The character an HTML entity stands for, or the entity as written when HTML names no such one."""
    written = entity.group()
    return html.unescape(written) if written[1] == "#" or written[1:] in html5 else written


def _repaired(value: str | None) -> str | None:
    """Repair a metadata string and treat an empty one as missing."""
    fixed = " ".join(repair(value).split()) if value else ""
    return fixed or None
