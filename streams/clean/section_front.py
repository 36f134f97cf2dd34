"""Section fronts: pages listing other pages' stories, each a teaser (a linked headline, often a summary line).

Extraction reads such a page as one article made of teasers. A page is a front when the text extracted from it is
drawn from three teasers or more and those lines hold most of its words; on the 507 article pages of the shared and
held-out sets the text is drawn from one teaser at most (a lead whose headline links to itself).
"""

from __future__ import annotations

from lxml.html import HtmlElement

MIN_HEADLINE_WORDS = 3
"""Words a linked heading needs to be read as a teaser's headline rather than a section label ("More")."""
MIN_TEASERS = 3
"""Teasers a page's text must be drawn from for the page to be a front."""
_HEADINGS = ("h2", "h3", "h4")


def teasers_drawn_on(tree: HtmlElement, text: str) -> int:
    """How many teasers the extracted text is drawn from when they give most of its words, else 0."""
    teasers = _teasers(tree)
    if len(teasers) < MIN_TEASERS:
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


def _teasers(tree: HtmlElement) -> list[HtmlElement]:
    """Each teaser: the largest element around a linked headline that holds no other linked headline."""
    headlines = [heading for heading in tree.iter(*_HEADINGS) if _is_linked_headline(heading)]
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


def _is_linked_headline(heading: HtmlElement) -> bool:
    """Whether a heading is a headline that links to its story: its words are its first link's words."""
    link = next((anchor for anchor in heading.iter("a") if anchor.get("href")), None)
    text = _flat(heading)
    return link is not None and len(text.split()) >= MIN_HEADLINE_WORDS and _flat(link) == text


def _flat(element: HtmlElement) -> str:
    """An element's text with its spacing collapsed."""
    return " ".join(element.text_content().split())
