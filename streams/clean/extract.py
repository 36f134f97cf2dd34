"""Article extraction from HTML pages: a fast trafilatura pass, checked against a second extractor.

Trafilatura's precision mode without its fallbacks is the most accurate extractor we measured for its
speed, but on a few pages it keeps only a teaser or one block of a split article body, and it drops
the lead paragraph as a teaser. Resiliparse's main-content extraction is ten times faster and rarely
misses article text, so it serves as a second opinion: its length tells when the fast pass came up
short (only then do the slower passes and the page's JSON-LD articleBody come in), and its paragraphs
give back the lead.

Two kinds of page skip trafilatura, so that no page costs more than a few seconds. Pages with more
than `MAX_THOROUGH_TAGS` tags get resiliparse's main content alone: trafilatura's passes cost 30 to
60 µs per element each (a page of 70,000 elements took 9 s), resiliparse's about 2 µs. Pages nested
deeper than libxml2 reads HTML (256 levels) keep all their text: trafilatura would see nothing past
that depth, and resiliparse's main-content pass grows with the square of the depth (1 s at 10,000).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from datetime import datetime
from typing import Literal, NamedTuple
from urllib.parse import urlsplit

import trafilatura
from lxml.etree import XPath, strip_tags
from lxml.html import HtmlElement, tostring
from resiliparse.extract.html2text import extract_plain_text
from trafilatura.metadata import examine_meta, extract_meta_json, extract_sitename, extract_title, extract_url
from trafilatura.settings import Document as TrafilaturaDocument
from trafilatura.xpaths import REMOVE_COMMENTS_XPATH

from streams.clean.blog_posts import stated_blog
from streams.clean.markup import in_link, stated_text
from streams.clean.page_time import PageText, modified_time, published_time
from streams.clean.provenance import (
    TITLE_SEPARATOR,
    json_ld_nodes,
    letters,
    page_provenance,
    spells_domain,
    spells_label,
)
from streams.clean.section_front import teasers_drawn_on
from streams.records import BlogPost
from streams.text.gazetteer import without_accents

MAX_THOROUGH_TAGS = 30_000
"""Tags (counted as "<") up to which trafilatura runs: three times the most of any page in the corpus (10,305)."""
_JOINERS = "\u200c\u200d"
_STAND_INS = "\U0001f8b0\U0001f8b1"
"""Printable characters no page uses (two arrows of Unicode's Supplemental Arrows-C), one for each joiner."""
_HIDE_JOINERS = str.maketrans(_JOINERS, _STAND_INS)
_SHOW_JOINERS = str.maketrans(_STAND_INS, _JOINERS)
_WAYBACK = re.compile(r"/web/\d{8,14}[a-z_]*/(?P<original>https?:/.+)$")
_SINGLE_SLASH = re.compile(r"^(https?:)/(?!/)")
_ARCHIVE_NAME = "archive"
_ARCHIVE_TODAY = frozenset({"ph", "is", "today", "li", "vn", "fo", "md"})
"""The domains archive.today serves its snapshots from (archive.ph, archive.is, ...)."""
_ARCHIVE_TODAY_FURNITURE = XPath(
    "//div[@id='HEADER'] | //head/meta[@property='article:published_time' or @property='article:modified_time'"
    " or @itemprop='datePublished' or @itemprop='dateModified' or @itemprop='description'"
    " or @property='og:description']"
)
"""What archive.today adds to a snapshot: its toolbar ("Saved from", the capture time) and meta tags stating the
capture time as the publication and modification time, and as the description ("archived 15 Mar 2024 ...")."""
_FOOTNOTE_REFERENCES = XPath(
    "//sup[a[starts-with(@href, '#')]][string-length(normalize-space()) <= 3]"
    "[translate(normalize-space(), '0123456789', '') = '']"
)
"""A footnote's bare number in the text (`<sup><a href="#fn1">1</a></sup>`), which came out glued to the sentence
before it ("2.3 per cent a year.1 Since"); a bracketed one ("[3]") reads apart and stays."""
_OFFICE_PARAGRAPH = "<o:p"
"""Word's mark closing each paragraph of a page saved as HTML; with it (and Word's other `prefix:tag` elements) in a
paragraph, trafilatura kept the line breaks of the page's source inside the paragraph."""
_LXML_MAX_DEPTH = 256
"""libxml2 stops reading HTML at this depth (lxml without `huge_tree`), dropping the rest of the page."""
# The fast pass came up short when it kept less than this share of the second extractor's text, or
# less than this many characters: then the full precision pass (with readability and jusText) runs.
_SHORT_SHARE = 0.5
_SHORT_CHARS = 500
# Still short of this share after the full pass: the article is spread over several blocks, which the
# recall mode gathers.
_STILL_SHORT_SHARE = 0.3
# A JSON-LD articleBody this many times longer than what the passes found replaces it: the passes
# then missed the article (often loaded by script), while a shorter articleBody is usually a teaser.
_STATED_BODY_RATIO = 3
_MISSED_RATIO = 3
"""How many times longer trafilatura's balanced reading must be than a short text to replace it: where both
precision passes and the fast recall pass miss the article, its default mode can find it (a page whose
comment rules came out instead of its story)."""
# A paragraph before the extracted text with at least this many words, ending like a sentence, is the
# article's lead.
_MIN_LEAD_WORDS = 15
# A site name shown on the page must spell this much of the domain to stand for the outlet ("BBC" for bbc.co.uk).
_MIN_SITE_LETTERS = 3
# A site name shown on the page has at most this many letters more than its domain (a headline part has more).
_SITE_NAME_SLACK = 8
# What a shown name is not: an address ("www.wday.ru") or a logo's file name ("express_logo", "Snopes Logo").
_NOT_A_NAME = re.compile(r"^(?:www\.)?[\w-]+(?:\.[a-z]{2,})+$|logo", re.IGNORECASE)
# The legal form ending a company's name, as a publisher's name often does.
_COMPANY = re.compile(
    r"[\s,](?:GmbH|AG|KG|Ltd|Limited|LLC|Inc|plc|Corp|S\.?A|S\.?L|S\.?p\.?A|S\.?r\.?l|B\.?V|N\.?V|sp\. z o\.o"
    r"|Oy|AB|A/S)\.?$"
)
# The most words of a site's name the domain cannot spell, in another script.
_UNSPELT_NAME_WORDS = 4
# The text pieces holding a copyright sign, where a site names itself ("© 2025 Балтийский курьер").
_COPYRIGHT_LINES = XPath("//body/descendant::text()[contains(., '©')]", smart_strings=False)
# Classes and microdata naming the standfirst under a headline, in the languages we read.
_MARKED_STANDFIRST = re.compile(
    r"(?:^|[\s_-])(?:standfirst|lede|lead|dek|deck|intro|chapo|chapeau|entradilla|bajada|copete|sumario|summary|"
    r"excerpt|catenaccio|sommario|sottotitolo|subtitulo|linha-fina|zajawka|sub-?title|sub-?headline|subheader|description|"
    r"documentDescription|overview|teaser-text|synopsis|resumo|perex|"
    r"alternativeHeadline)(?:$|[\s_-])",
    re.IGNORECASE,
)
_ENDING_MARK = re.compile(r"(?:^|\s)(?:entrada|[\w-]*article_+announce)(?=$|\s)", re.IGNORECASE)
"""Marks that are a standfirst's only as a whole class: Portuguese "entrada" (in Spanish also a blog post's box, as in
"entrada-meta") and a Russian article's "article__announce" (not a site's "site-announce")."""
_TEASER = re.compile(r"(?:^|[\s_-])teaser(?=$|\s|--)", re.IGNORECASE)
"""A teaser's mark ending a class (or before a BEM modifier), the standfirst's only right after the headline
(Drupal's `field--name-field-teaser`; not a `teaser-meta` or `teaser-label` part of a box): further down it marks
other stories' boxes."""
# How many elements after the headline are searched for a marked standfirst.
_STANDFIRST_ELEMENTS = 30
# The elements a standfirst is written in, and those it holds none of (it is one block of text, or a paragraph
# or two in a marked block).
_STANDFIRST_TAGS = frozenset({"p", "div", "h2", "h3", "span", "strong"})
"""(An h3 only right under the headline, as Substack marks its subtitle: elsewhere it heads a section.)"""
_BLOCK_TAGS = frozenset({"div", "ul", "ol", "li", "figure", "figcaption", "img", "script", "style", "table", "a"})
# Elements that hold no standfirst: media and their captions.
_NOT_STANDFIRST_TAGS = frozenset({"figure", "figcaption", "picture", "script", "style", "noscript"})
# How much of a paragraph's start tells that the text begins with it.
_OPENING_CHARS = 40
# A marked standfirst holds this many words, fewer than a section of the article.
_STANDFIRST_WORDS = (6, 80)
# A table the page is laid out with: it holds the headline, a table or a story's paragraphs (a data table's cells hold
# short ones), or is one row, or a photo over its caption.
_LAYOUT_TABLES = XPath(
    "//table[.//h1 or .//h2 or .//table or count(.//p[string-length(normalize-space()) > 250]) >= 2"
    " or count(.//tr) < 2 or (.//img and count(.//tr) <= 2)]"
)
# A table's own sections, rows and cells, not those of a table inside it.
_TABLE_PARTS = XPath(
    "./thead | ./tbody | ./tfoot | ./caption | ./tr | ./*/tr | ./tr/td | ./tr/th | ./*/tr/td | ./*/tr/th"
)
# A newsletter's sign-up box or a subscription pitch set into the story, marked as one but worded freely ("Cada
# mañana a las 7, las noticias que necesitas ... Gratis.", "Dit is een Plus-artikel ... Bekijk de aanbiedingen"); a
# short one, so that a page wrapped in a "has-newsletter" class keeps its story.
_BOX_MARKS = ("ewsletter", "paywall-promo", "promo-abo", "abo-promo", "upsell")
_SET_IN_BOXES = {
    mark: XPath(
        f"//body/descendant::*[contains(@data-testid, '{mark}') or contains(@class, '{mark}') or "
        f"contains(@id, '{mark}')][string-length(normalize-space()) < 400]"
    )
    for mark in _BOX_MARKS
}
"""Each mark's boxes, looked for only on a page that holds the mark at all."""
_SUBHEADINGS = ("h2", "h3", "h4", "h5", "h6")
_WIDGET = re.compile(
    r"foto|photo|galer|gallery|slide|carousel|related|teaser|promo|widget|advert|newsletter|social|share|embed",
    re.IGNORECASE,
)
"""Class and id words of the boxes set into an article (galleries, teasers, ads, sign-ups) with headings of their
own: "Aktuelle Farbdesigns auf dem Formel-1-Auto für 2022" heads a photo series between two paragraphs."""
_WIDGET_LEVELS = 4
"""How many containers above a heading are looked at for a box's class or id."""
_SENTENCE_END = re.compile(r"[.!?…\"”»)]\s*$")
# A shorter heading inside the stated title is more likely a section name than the headline.
_MIN_HEADLINE_CHARS = 11
# The share of a stated title that an h2 in it must make up to be the headline, not a section's name
# that the title puts before it ("Coronavirus pandemic: …").
_LINE_BREAKS = frozenset({"br", "div", "p"})
"""Elements inside a heading that end a line: their text and what follows are words apart, not glued."""
_MIN_H2_SHARE = 0.5
# The share of the stated title's words that the page's only heading must share to be its headline.
_REWORDED_SHARE = 0.5
_CUT_TITLE_WORDS = 4
"""Fewest words of a <title> that cuts the headline short, for the h1 to be taken as the headline it begins."""
# Classes that mark the kicker or section line set inside a headline ("Dachzeile" in German CMSs, a
# "title header" line over the headline).
_KICKER_CLASS = re.compile(
    r"kicker|dachzeile|overline|toptitle|topline|sub-?heading|subheadline|section|eyebrow|colon|visually-hidden"
    r"|(?:title|headline)[-_]?header",
    re.I,
)
# Ruby annotation elements: the reading of the kanji they follow (<ruby>子<rt>こ</rt></ruby>).
_RUBY_READINGS = frozenset({"rt", "rp"})
# Marks that end a kicker put before a headline ("Kicker / Headline", "Kicker: Headline"), or a home link's name before
# the rest of a menu.
_SEPARATOR_MARKS = "|/:-\u2013\u2014\u00b7"
_FRAMESET = re.compile(r"<frameset\b", re.IGNORECASE)
_NOFRAMES = re.compile(r"<(/?)noframes\b[^<>]*>", re.IGNORECASE)
"""A frameset page's <noframes> holds its body for browsers without frames, the only text of the page here; libxml2
reads it as raw text, so its markup came out as the article. (`[^<>]`: a `<noframes` never closed does not send
the search on to the end of the page from each one.)"""
# A separator left at either end of a heading once its kicker is left out.
_LOOSE_SEPARATOR = re.compile(r"^[|/:\-\u2013\u2014\u00b7]\s+|\s+[|/:\-\u2013\u2014\u00b7]$")
# Quote marks at which a stated title in a meta attribute is cut short when the page leaves them unescaped.
_ATTRIBUTE_QUOTES = "\"'"
# Separators written without spaces before a site name in a title ("武汉的声音-新华网", "NEWS WEB EASY|…").
_TRAILING_SITE = re.compile(r"^(?P<head>.+?)\s*[|\uff5c_\-\u2013\u2014]\s*(?P<site>[^|\uff5c_\-\u2013\u2014]+)$")


class Article(NamedTuple):
    """The article text of a page and what the page states about it, as extracted (not yet repaired)."""

    text: str
    title: str | None = None
    author: str | None = None
    published_at: str | None = None
    site: str | None = None
    url: str | None = None
    modified_at: str | None = None
    publisher: str | None = None
    domain: str | None = None
    posts: tuple[BlogPost, ...] = ()
    """A live blog's posts, as its JSON-LD states them (see `streams.clean.blog_posts`)."""
    summary: str | None = None
    """A live blog's summary as its JSON-LD, else its meta tags, state it."""
    teasers: int = 0
    """How many other stories' teasers the text is made of (see `streams.clean.section_front`)."""
    standfirst: str | None = None
    """The summary under the headline, as the markup marks it."""


def _stated_metadata(tree: HtmlElement) -> TrafilaturaDocument:
    """What the page's meta tags and JSON-LD state, read by trafilatura; meta tags alone when its JSON-LD reader
    fails on a shape it does not expect (a list of lists, a bare string, nesting past Python's recursion limit)."""
    metadata = examine_meta(tree)
    try:
        return extract_meta_json(tree, metadata)
    except (AttributeError, TypeError, RecursionError):
        return examine_meta(tree)  # read afresh: the failed reader may have half-filled the first reading


def extract_article(html: str, crawled: datetime | None = None) -> Article | None:
    """The page's article with its metadata, or None when the markup cannot be parsed; stamps later than the crawl
    (now, when not given) are not its times.

    Zero-width joiners and non-joiners stand in for themselves as visible characters while trafilatura reads the
    page: it drops every character Python does not print, and Persian spells words with the non-joiner
    ("فرآورده‌های"), Indic scripts and emoji with the joiner."""
    hidden = any(joiner in html for joiner in _JOINERS) and not any(stand_in in html for stand_in in _STAND_INS)
    article = _extract(html.translate(_HIDE_JOINERS) if hidden else html, crawled)
    if article is None or not hidden:
        return article
    posts = tuple(
        BlogPost(
            title=_shown(post["title"]),
            body=post["body"].translate(_SHOW_JOINERS),
            author=_shown(post["author"]),
            published_at=post["published_at"],
        )
        for post in article.posts
    )
    return article._replace(
        text=article.text.translate(_SHOW_JOINERS),
        title=_shown(article.title),
        author=_shown(article.author),
        site=_shown(article.site),
        publisher=_shown(article.publisher),
        posts=posts,
        summary=_shown(article.summary),
        standfirst=_shown(article.standfirst),
    )


def _shown(text: str | None) -> str | None:
    """Text with the joiners' stand-ins turned back into the joiners."""
    return text.translate(_SHOW_JOINERS) if text else text


def _extract(html: str, crawled: datetime | None) -> Article | None:
    """The page's article with its metadata (see `extract_article`)."""
    if _FRAMESET.search(html):  # elsewhere a <noframes> only says the browser lacks frames
        html = _NOFRAMES.sub(r"<\1div>", html)
    tree = trafilatura.load_html(html)
    if tree is None:
        return None
    if _OFFICE_PARAGRAPH in html:
        strip_tags(tree, *{element.tag for element in tree.iter() if ":" in str(element.tag)})
    for reference in _FOOTNOTE_REFERENCES(tree) if "<sup" in html else ():
        reference.drop_tree()
    if "<table" in html or "<TABLE" in html:
        _unwrap_layout_tables(tree)
    marked = [box for mark, boxes in _SET_IN_BOXES.items() if mark in html for box in boxes(tree)]
    for box in dict.fromkeys(marked):  # a box with two marks once
        box.drop_tree()
    stated = _stated_metadata(tree)
    address = stated.url or extract_url(tree)
    url = _original_address(address, tree)
    if url != address and _archive_today(address):
        for furniture in _ARCHIVE_TODAY_FURNITURE(tree):  # its toolbar and the capture time its meta tags give
            furniture.drop_tree()
        stated = _stated_metadata(tree)
    page_title = " ".join((tree.findtext("head/title") or tree.findtext(".//title") or "").split())
    declared = _uncut(stated.title, page_title)
    stated_title = declared or extract_title(tree)
    text = _article_text(tree, html)
    nodes = list(json_ld_nodes(tree))
    origin = page_provenance(
        tree, html, nodes, url, stated_title, stated.sitename or extract_sitename(tree), stated.author, text
    )
    if url != address and origin.outlet and _ARCHIVE_NAME in origin.outlet.casefold():
        origin = origin._replace(outlet=None)  # the archive's own name, as a snapshot's meta tags give it
    elif origin.domain and (origin.outlet is None or _COMPANY.search(origin.outlet)):
        # a company's name ("Tagespost Medien GmbH") is the publisher's: the outlet is the brand the page shows
        origin = origin._replace(outlet=_shown_site_name(tree, url, page_title, origin.domain) or origin.outlet)
    elif origin.domain and origin.outlet and _bare_host(origin.outlet, origin.domain):
        # an address ("nos.nl") gives way to a brand the page shows that spells all of it ("NOS", not "COLOMBIA" on
        # elcolombiano.com)
        shown = _shown_site_name(tree, url, page_title, origin.domain)
        origin = origin._replace(outlet=shown if shown and spells_label(shown, origin.domain) else origin.outlet)
    names = origin.names() | {letters(urlsplit(url or "").hostname or "")}
    # Without a title in the meta tags, trafilatura's guess is the page's only h1, which then "contains" itself:
    # a section's name in the h1 ("Allergies Health Center") would win over the h2 headline the <title> states.
    first_title = page_title if declared is None and len(tree.findall(".//h1")) == 1 else stated_title
    titles = [title for title in (first_title, page_title, *_json_ld_headlines(nodes)) if title]
    headline = _headline_within(tree, titles, names)
    blog = stated_blog(nodes, names, crawled)
    page = PageText(tree)
    return Article(
        text=text,
        title=headline or _without_site_name(stated_title, names | _home_link_names(tree, url)),
        author=origin.author,
        published_at=(published := published_time(tree, nodes, url, crawled, page)),
        site=origin.outlet,
        url=url,
        modified_at=modified_time(tree, nodes, published, crawled, page),
        publisher=origin.publisher,
        domain=origin.domain,
        posts=blog.posts if blog else (),
        summary=(blog.summary or stated.description) if blog else None,
        teasers=teasers_drawn_on(tree, nodes, text, url),
        standfirst=_standfirst(tree, text, headline),
    )


def _unwrap_layout_tables(tree: HtmlElement) -> None:
    """Turn the tables a page is laid out with into blocks, so that its story reads as paragraphs rather than as
    one table row of menu, story and footer: a table holding a headline, another table or paragraphs is a layout,
    where a data table holds values."""
    for table in _LAYOUT_TABLES(tree):
        for part in [table, *_TABLE_PARTS(table)]:
            part.tag = "div"


def _original_address(url: str | None, tree: HtmlElement) -> str | None:
    """The address a web archive's snapshot was taken of, for a page saved from the Wayback Machine (its address
    follows the capture time: `web.archive.org/web/20190312042211/https://…`) or archive.today (its toolbar
    names it); any other address as it is."""
    if _host(url) == "web.archive.org" and (wayback := _WAYBACK.search(url or "")):
        return _SINGLE_SLASH.sub(r"\1//", wayback["original"])
    if _archive_today(url):
        saved = tree.xpath("//form//input[@name='q']/@value")
        return str(saved[0]) if saved and str(saved[0]).startswith(("http://", "https://")) else url
    return url


def _archive_today(url: str | None) -> bool:
    """Whether an address is an archive.today snapshot's."""
    host = _host(url)
    return host.partition(".")[0] == "archive" and host.rpartition(".")[2] in _ARCHIVE_TODAY


def _host(url: str | None) -> str:
    """An address's host without its "www."."""
    return (urlsplit(url or "").hostname or "").removeprefix("www.")


def _article_text(tree: HtmlElement, html: str) -> str:
    """Run the fast pass, and the thorough passes only where a second opinion says it missed text.

    Pages too big or too deep for trafilatura get resiliparse's text alone (see the module docstring).
    """
    if _depth_reached(tree) >= _LXML_MAX_DEPTH:
        return _resiliparse_text(html, main_content=False)
    too_big = html.count("<") > MAX_THOROUGH_TAGS
    if too_big and _without_comments(tree):
        html = tostring(tree, encoding="unicode")
        too_big = html.count("<") > MAX_THOROUGH_TAGS
    second_opinion = _resiliparse_text(html, main_content=True)
    if too_big:
        return second_opinion
    text = _trafilatura_text(tree, focus="precision", fast=True)
    if len(text) < max(_SHORT_SHARE * len(second_opinion), _SHORT_CHARS):
        text = _trafilatura_text(tree, focus="precision") or text
        if len(text) < _STILL_SHORT_SHARE * len(second_opinion):
            text = _trafilatura_text(tree, focus="recall", fast=True) or text
        stated = _stated_article_body(tree)
        if len(stated) > _STATED_BODY_RATIO * len(text):
            text = stated
        elif len(text) < _SHORT_CHARS:
            balanced = _trafilatura_text(tree, focus="balanced")
            text = balanced if len(balanced) > _MISSED_RATIO * len(text) else text
    paragraphs = _paragraphs(second_opinion)
    return _with_lead(_with_headings(text, paragraphs, tree), paragraphs)


def _without_comments(tree: HtmlElement) -> bool:
    """Take the readers' comments out of a page too big for trafilatura (the sections its own pass leaves out);
    return whether there were any. Five thousand comments under a short story made the page too big, and the
    second extractor's text, comments and all, came out as the article."""
    sections = [node for xpath in REMOVE_COMMENTS_XPATH for node in xpath(tree)]
    for section in sections:
        if section.getparent() is not None:
            section.drop_tree()
    return bool(sections)


def _paragraphs(text: str) -> list[str]:
    """A text's lines that hold anything, their spacing collapsed, to compare one extractor's with another's."""
    return [" ".join(line.split()) for line in text.split("\n") if line.strip()]


def _with_headings(text: str, paragraphs: list[str], tree: HtmlElement) -> str:
    """Put back the subheadings precision mode drops: a page heading (h2 to h6) that the second extractor has
    alone between two paragraphs the text keeps one after the other."""
    lines = text.split("\n")
    if len(lines) < 2 or len(paragraphs) < 3:
        return text
    found: dict[str, int] = {}
    for index, paragraph in enumerate(paragraphs):
        found.setdefault(paragraph, index)
    kept = set(_paragraphs(text))
    missing: dict[int, str] = {}  # the line a dropped paragraph would go before
    for index, (before, line) in enumerate(itertools.pairwise(lines), start=1):
        start, end = found.get(" ".join(before.split())), found.get(" ".join(line.split()))
        if start is not None and end == start + 2 and paragraphs[start + 1] not in kept:
            missing[index] = paragraphs[start + 1]
    if not missing:
        return text
    headings = {" ".join(heading.text_content().split()) for heading in tree.iter(*_SUBHEADINGS) if _in_text(heading)}
    restored = []
    for index, line in enumerate(lines):
        if missing.get(index) in headings:
            restored.append(missing[index])
        restored.append(line)
    return "\n".join(restored)


def _in_text(heading: HtmlElement) -> bool:
    """Whether a heading heads part of the article: not a gallery's, a teaser's or another widget's (its own or
    a near container's class or id says so), nor inside a link."""
    for level, element in enumerate(heading.iterancestors()):
        if element.tag == "a":
            return False
        if level == _WIDGET_LEVELS:
            return True
        if _WIDGET.search(f"{element.get('class', '')} {element.get('id', '')}"):
            return False
    return True


def _depth_reached(tree: HtmlElement) -> int:
    """How deep the parsed page goes along its last elements, where libxml2 stops if the page is too deep."""
    depth, node = 1, tree
    while len(node):
        node, depth = node[-1], depth + 1
    return depth


def _resiliparse_text(html: str, main_content: bool) -> str:
    """Resiliparse's text of the page: its main content, or all of it."""
    text: str = extract_plain_text(html, main_content=main_content, alt_texts=False, list_bullets=False)
    return text


def _with_lead(text: str, paragraphs: list[str]) -> str:
    """Put back the lead paragraph (standfirst) that precision mode drops as a teaser.

    The lead is the second extractor's paragraph right before the first one both extractors kept, if
    it reads like a paragraph: long enough and ending as a sentence does, and not a kept paragraph with a
    photo caption run into it.
    """
    kept = set(_paragraphs(text))
    first = next((index for index, paragraph in enumerate(paragraphs) if paragraph in kept), 0)
    if not first:
        return text
    lead = paragraphs[first - 1]
    if lead in kept or len(lead.split()) < _MIN_LEAD_WORDS or not _SENTENCE_END.search(lead):
        return text
    if any(paragraph in lead for paragraph in kept if len(paragraph.split()) >= _MIN_LEAD_WORDS):
        return text
    return f"{lead}\n{text}"


def _standfirst(tree: HtmlElement, text: str, title: str | None) -> str | None:
    """The standfirst the markup marks as such between the headline (the h1 the title or the text's opening is, else
    the first: a site's name may head its menu) and the article text ("<p class="standfirst">", "chapo",
    "entradilla", `itemprop="description"`): a summary of the story that reader benchmarks leave out of the body,
    kept beside it."""
    opening = " ".join(text.split("\n", 1)[0].split())
    headings = list(tree.iter("h1"))
    by_text = {" ".join(heading.text_content().split()): heading for heading in headings}
    matching = [by_text[key] for key in (title or "", opening) if key in by_text]
    headline = matching[0] if matching else next(iter(headings), None)
    if headline is None or not opening:
        return None
    for element in headline.xpath("following::*[position() <= $count]", count=_STANDFIRST_ELEMENTS):
        if not isinstance(element.tag, str) or element.tag in _NOT_STANDFIRST_TAGS or in_link(element):
            continue
        named = " ".join(element.get(attribute, "") for attribute in ("class", "itemprop", "data-testid"))
        named_so = _MARKED_STANDFIRST.search(named) is not None or _ENDING_MARK.search(named) is not None
        teaser = not named_so and element.getprevious() is headline and _TEASER.search(named) is not None
        if (
            (named_so or teaser)
            and "related" not in element.get("class", "")
            and (element.tag != "h3" or element.getprevious() is headline)
            and element.tag in _STANDFIRST_TAGS
            and not any(child.tag in _BLOCK_TAGS for child in element.iterdescendants())
        ):
            written = " ".join(element.text_content().split())
            if _STANDFIRST_WORDS[0] <= len(written.split()) <= _STANDFIRST_WORDS[1]:
                return written
            if not teaser:
                return None  # a marked standfirst too short or long: none; a teaser's label may precede it
        starts = " ".join((element.text or "").split())[:_OPENING_CHARS]
        if element.tag == "p" and starts and opening.startswith(starts):
            return None  # the text begins here: no standfirst before it
    return None


def _stated_article_body(tree: HtmlElement) -> str:
    """The longest schema.org articleBody in the page's JSON-LD: the publisher's own copy of the text."""
    bodies = [body for node in json_ld_nodes(tree) if isinstance(body := node.get("articleBody"), str)]
    return stated_text(max(bodies, key=len, default=""))


def _trafilatura_text(tree: HtmlElement, focus: Literal["precision", "balanced", "recall"], fast: bool = False) -> str:
    """Trafilatura's article text in one of its modes (it works on a copy of the tree)."""
    page = trafilatura.bare_extraction(
        tree, fast=fast, favor_precision=focus == "precision", favor_recall=focus == "recall", include_comments=False
    )
    return page.text or "" if isinstance(page, TrafilaturaDocument) else ""


def _headline_within(tree: HtmlElement, titles: list[str], site_names: set[str]) -> str | None:
    """The longest page heading that a stated title contains: the headline without kicker or site name.

    The titles are the one stated for sharing first, then the page's <title> and its JSON-LD headlines,
    which sites often keep as the headline when they reword the first. An h1 wins over an h2 (set for a
    headline under a section's h1). A heading's kicker parts (marked by their class) and ruby readings
    are left out, and a heading that only names the site is no headline. When no heading is in a stated
    title, the page's only h1 is the headline if it shares enough words with the first (a reworded title) or
    another title cuts it short, unless it is the first title with a kicker put before it: then the title is the
    headline.
    """
    if not titles:
        return None
    folded = [title.casefold() for title in titles]
    first, second = _headings(tree, "h1", site_names), _headings(tree, "h2", site_names)
    # An h1 that only <title> or JSON-LD contains must be much of it, as <title> often holds a section's name
    # too ("… | Politics News | Site" over an h1 "Politics News").
    within = (
        _within(first, folded[:1])
        or _within(first, folded[1:], _MIN_H2_SHARE)
        or _within(second, folded, _MIN_H2_SHARE)
    )
    if within:
        return max(within, key=len)
    if len(first) != 1:
        return None
    stated = _without_site_name(titles[0], site_names) or ""
    if _kicker_before(first[0], stated):
        return stated
    reworded = _shared_words(first[0], titles[0]) >= _REWORDED_SHARE
    return first[0] if reworded or any(_cut_short(first[0], title) for title in titles[1:]) else None


def _within(headings: list[str], folded_titles: list[str], share: float = 0.0) -> list[str]:
    """The headings that one of the titles (case-folded) contains, making up at least a share of it."""
    return [
        text
        for text in headings
        if any(text.casefold() in title and len(text) >= share * len(title) for title in folded_titles)
    ]


def _headings(tree: HtmlElement, tag: str, site_names: set[str]) -> list[str]:
    """The text of the page's headings of one level, without kicker parts or ruby readings, long enough
    for a headline and not only the site's name."""
    texts = [
        _LOOSE_SEPARATOR.sub("", " ".join(_text_without(heading, _left_out_parts(heading)).split()))
        for heading in tree.iter(tag)
    ]
    return [text for text in texts if len(text) >= _MIN_HEADLINE_CHARS and letters(text) not in site_names]


def _left_out_parts(heading: HtmlElement) -> list[HtmlElement]:
    """The parts of a heading that are not its headline: kicker or section lines (marked by their class)
    and ruby readings (the small kana over kanji, which the title does not repeat)."""
    return [
        part
        for part in heading.iterdescendants()
        if part.tag in _RUBY_READINGS or _KICKER_CLASS.search(part.get("class") or "")
    ]


def _kicker_before(heading: str, title: str) -> bool:
    """Whether a heading is the title with a kicker and a separator put before it ("Kicker / Title")."""
    lead = heading.removesuffix(title)
    if not title or len(lead) == len(heading) or not letters(lead):
        return False
    return lead[-1].isspace() and lead.rstrip()[-1] in _SEPARATOR_MARKS


def _cut_short(heading: str, title: str) -> bool:
    """Whether a title's first part is the heading cut short: a headline's first words, four or more ("Rail drivers
    in the north of England to strike for three days | Site" over the h1 that goes on "... over rostering
    changes"), not a section's name that a teaser's headline opens with."""
    opening = TITLE_SEPARATOR.split(title)[0].strip()
    return (
        len(opening.split()) >= _CUT_TITLE_WORDS
        and len(opening) < len(heading)
        and (heading.casefold().startswith(opening.casefold()))
    )


def _shared_words(heading: str, title: str) -> float:
    """The share of the stated title's words that the heading also uses."""
    words = set(re.findall(r"\w+", title.casefold()))
    return len(words & set(re.findall(r"\w+", heading.casefold()))) / len(words) if words else 0.0


def _text_without(element: HtmlElement, left_out: list[HtmlElement]) -> str:
    """An element's text, leaving out that of some of its descendants (their tails are kept)."""
    if not left_out:
        return str(element.text_content())
    skipped = {id(part) for part in left_out}
    pieces: list[str] = []

    def walk(node: HtmlElement) -> None:
        if id(node) not in skipped:
            pieces.append(node.text or "")
            for child in node:
                walk(child)
        if node is not element:
            pieces.append(" " if node.tag in _LINE_BREAKS else "")
            pieces.append(node.tail or "")

    walk(element)
    return "".join(pieces)


def _without_site_name(title: str | None, site_names: set[str]) -> str | None:
    """Drop a leading or trailing title segment naming the site: it is branding, not the headline."""
    if not title:
        return title
    names = site_names | {name.removeprefix("www") for name in site_names}
    bounds = [0, *(edge for match in TITLE_SEPARATOR.finditer(title) for edge in match.span()), len(title)]
    segments = [(bounds[i], bounds[i + 1]) for i in range(0, len(bounds), 2)]
    while len(segments) > 1 and letters(title[slice(*segments[-1])]) in names:
        segments.pop()
    while len(segments) > 1 and letters(title[slice(*segments[0])]) in names:
        segments.pop(0)
    kept = title[segments[0][0] : segments[-1][1]]
    unspaced = _TRAILING_SITE.match(kept)
    return unspaced["head"] if unspaced and letters(unspaced["site"]) in names else kept


def _uncut(stated: str | None, page_title: str) -> str | None:
    """The page's <title> for a stated title that it continues from a quote mark: the meta attribute
    holding the stated title ended at that unescaped quote ("Biden de " for 'Biden de "incapacitado"')."""
    if not stated or not page_title.startswith(head := " ".join(stated.split())):
        return stated
    rest = page_title[len(head) :].lstrip()
    return page_title if rest and rest[0] in _ATTRIBUTE_QUOTES else stated


def _json_ld_headlines(nodes: list[dict[str, object]]) -> list[str]:
    """The headlines the page's JSON-LD states."""
    return [" ".join(headline.split()) for node in nodes if isinstance(headline := node.get("headline"), str)]


def _bare_host(name: str, domain: str) -> bool:
    """Whether a stated site name is only the site's host, written as an address in lower case ("nos.nl",
    "www.nos.nl"); one written with capitals is the brand's own spelling ("Space.com", "CBSSports.com")."""
    return name.islower() and name.removeprefix("www.") == domain.casefold()


def _shown_site_name(tree: HtmlElement, url: str | None, page_title: str, domain: str) -> str | None:
    """The site's name as a page without a stated one shows it, where it spells the domain: the first or last part
    of its `<title>` ("… | Northwind Tribune" on northwindtribune.com), else a link to its home page (its text, or
    a logo's alt text)."""
    parts = TITLE_SEPARATOR.split(page_title)
    ends = [" ".join(name.split()) for name in ((parts[-1], parts[0]) if len(parts) > 1 else ())]
    # a home link's text without a separator the menu sets after the name ("OÖNachrichten |")
    home = [" ".join(name.split()).strip(f"{_SEPARATOR_MARKS} ") for name in _home_links(tree, url)]
    spelt = next((name for name in (*ends, *home) if _names_the_site(name, domain)), None)
    return spelt or next((name for name in home if _shown_twice_unspelt(name, ends, tree)), None)


def _shown_twice_unspelt(name: str, ends: list[str], tree: HtmlElement) -> bool:
    """Whether a home link's name in a script a domain cannot spell ("Пермский обозреватель" on
    permobozrevatel.ru) is the site's as the page shows it twice: also as its `<title>`'s first or last part, or
    after a copyright sign ("© 2025 Балтийский курьер")."""
    if len(letters(name)) < _MIN_SITE_LETTERS or len(name.split()) > _UNSPELT_NAME_WORDS:
        return False
    if any("a" <= char <= "z" for char in without_accents(name).casefold()) or TITLE_SEPARATOR.search(name):
        return False
    return name in ends or any(name in line.partition("©")[2] for line in _COPYRIGHT_LINES(tree))


def _names_the_site(name: str, domain: str) -> bool:
    """Whether a name shown on the page is the site's: short, one part (no "News | Weather | Sports"), no address
    or logo file ("www.wday.ru", "express_logo"), and spelt by the domain."""
    short = _MIN_SITE_LETTERS <= len(letters(name)) <= len(letters(domain)) + _SITE_NAME_SLACK
    one_part = not TITLE_SEPARATOR.search(name) and not _NOT_A_NAME.search(name)
    return short and one_part and spells_domain(name, domain)


def _home_link_names(tree: HtmlElement, url: str | None) -> set[str]:
    """The names on the page's links to its home page (their text, or a logo's alt text), as `letters` gives
    them: the site's name where the page states no other ("新华网"). Without the page's URL, links to any
    site's home page count: the names only cut a title segment that is nothing but one of them."""
    return {letters(name) for name in _home_links(tree, url)} - {""}


def _home_links(tree: HtmlElement, url: str | None) -> Iterator[str]:
    """The text of each of the page's links to its home page, and the alt text of a logo in one (see
    `_home_link_names`)."""
    host = urlsplit(url or "").hostname
    for link in tree.iter("a"):
        try:
            target = urlsplit(link.get("href") or "")
            home = (
                target.path in ("", "/")
                and not target.query
                and (target.hostname == host if host else bool(target.netloc))
            )
        except ValueError:  # a malformed address such as "https://[section]"
            continue
        if home or link.get("href") == "/":
            yield link.text_content()
            yield from (image.get("alt") or "" for image in link.iter("img"))
