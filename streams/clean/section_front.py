"""Section fronts: pages listing other pages' stories, each a teaser (a linked headline, often a summary line).

Extraction reads such a page as one article made of teasers. A page is a front when it states no publication time
(an article page does: `article:published_time`, a JSON-LD `datePublished`), its extracted text is drawn from three
teasers or more whose headlines link to other pages of the same site, and those lines hold most of its words. On the
507 article pages of the shared and held-out sets the text is drawn from one teaser at most; listicles, "what we know"
pages and live blogs link their headings to shops, to anchors on the page, or state their time.
"""

from __future__ import annotations

from urllib.parse import urljoin, urlsplit

from lxml.html import HtmlElement

from streams.clean.provenance import meta_values, registrable_domain

MIN_HEADLINE_WORDS = 3
"""Words a linked heading needs to be read as a teaser's headline rather than a section label ("More")."""
MIN_TEASERS = 3
"""Teasers a page's text must be drawn from for the page to be a front."""
_HEADINGS = ("h2", "h3", "h4")
_PUBLICATION_META = ("article:published_time", "datepublished", "pubdate", "publishdate")


def teasers_drawn_on(tree: HtmlElement, nodes: list[dict[str, object]], text: str, url: str | None) -> int:
    """How many teasers the extracted text is drawn from when they give most of its words, else 0; 0 on a page
    that states when it was published (in its meta tags, or its JSON-LD `nodes`)."""
    teasers = _teasers(tree, url)
    if len(teasers) < MIN_TEASERS or _states_publication(tree, nodes):
        return 0
    sources: dict[str, set[int]] = {}
    for number, teaser in enumerate(teasers):
        for element in teaser.iter():
            if isinstance(element.tag, str) and (line := _flat(element)):
                sources.setdefault(line, set()).add(number)
    lines = [line for line in (" ".join(line.split()) for line in text.split("\n")) if line]
    drawn = [line for line in lines if line in sources]
    words = sum(len(line.split()) for line in lines)
    if sum(len(line.split()) for line in drawn) * 2 <= words:
        return 0
    return len(set().union(*(sources[line] for line in drawn)))


def _states_publication(tree: HtmlElement, nodes: list[dict[str, object]]) -> bool:
    """Whether the page states when it was published, as article pages do and fronts do not."""
    return any(node.get("datePublished") for node in nodes) or any(True for _ in meta_values(tree, _PUBLICATION_META))


def _teasers(tree: HtmlElement, url: str | None) -> list[HtmlElement]:
    """Each teaser: the largest element around a linked headline that holds no other linked headline."""
    headlines = [heading for heading in tree.iter(*_HEADINGS) if _is_linked_headline(heading, url)]
    held: dict[HtmlElement, int] = {}
    for headline in headlines:
        for element in headline.iterancestors():
            held[element] = held.get(element, 0) + 1
    teasers = []
    for headline in headlines:
        teaser = headline
        while (parent := teaser.getparent()) is not None and held[parent] == 1:
            teaser = parent
        teasers.append(teaser)
    return teasers


def _is_linked_headline(heading: HtmlElement, url: str | None) -> bool:
    """Whether a heading is a headline that links to its story, another page of the same site: its words are its first
    link's words, and the link leads neither within the page nor to another site (a shop, a source)."""
    link = next((anchor for anchor in heading.iter("a") if anchor.get("href")), None)
    text = _flat(heading)
    if link is None or len(text.split()) < MIN_HEADLINE_WORDS or _flat(link) != text:
        return False
    target = urljoin(url or "", (link.get("href") or "").strip())
    parts = urlsplit(target)
    if target.startswith("#") or parts._replace(fragment="").geturl() == (url or "").split("#")[0]:
        return False
    if parts.hostname is None:  # a link within the site
        return True
    return url is not None and registrable_domain(target) == registrable_domain(url)


def _flat(element: HtmlElement) -> str:
    """An element's text with its spacing collapsed."""
    return " ".join(element.text_content().split())
