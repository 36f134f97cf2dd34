"""A plain page's own furniture, which HTML extraction leaves behind on its own: the menus, breadcrumbs, section
labels and consent banners a scraper kept above the headline, the teaser lists, pitches and buttons after the story,
and the byline lines that open related items."""

from __future__ import annotations

import re
from itertools import pairwise

from streams.clean.leftovers import strip_leftover_chrome
from streams.clean.page_time import date_line, stamp_line
from streams.clean.provenance import byline_line_people
from streams.text.page import RELATED_MARKER

_WRAPPED_LINES = 2
_ECHO = ("- ", "– ", "— ")
_ECHO_UNDER_OUTLET = 2
"""An item's header: its outlet, its age, then the outlet named again on a line opening with a dash."""
_BREADCRUMB_LINES = 3
_BREADCRUMB_WORDS = 4
_ABBREVIATION_DOTS = 2
_PATH_SEPARATOR = re.compile(r"\s+[>›»|/]\s+")
_PATH_PARTS = 2
_LABEL_WORDS = 2
_LABEL_AND_HEADLINE = 2
_HEADLINE_WORDS = 30
_WRAPPED_WORDS = 6
_CLOSING = (".", "!", "?", ":", '"', "”", "’", ")")
"""How a line that closes its sentence or block ends."""


def without_breadcrumb(text: str) -> str:
    """A plain page without the menu, breadcrumb or section label a scraper kept above its headline: `_BREADCRUMB_LINES`
    or more first lines of menu items (`_menu_item`: "Home", "News", "U.S.", "Iniciar sesión"), over a longer line,
    a short headline over its byline or stamp kept; a first line that is a path ("Accueil > International >
    Afrique", "Início | Brasil"); or a first line of one or two words ("Culture", "Live") over a headline and more
    text. They hid the headline, byline and stamp under them from the rules that read a text's first lines (and were
    taken for the headline)."""
    lines = text.split("\n")
    if _hard_wrapped(lines):
        return text
    run = 0
    while run < len(lines) and _menu_item(lines[run]) and not _front_line(lines[run]):
        run += 1
    if 0 < run < len(lines) and _front_line(lines[run]):
        run -= 1  # a short headline over its byline or stamp is no menu item
    longer = run < len(lines) and len(lines[run].split()) > _BREADCRUMB_WORDS
    if run >= _BREADCRUMB_LINES and longer:
        return "\n".join(lines[run:])
    written = [line for line in lines if line.strip()]
    if len(written) < _LABEL_AND_HEADLINE + 1:
        return text
    first, headline = written[0].strip(), written[1].strip()
    path = len(parts := _PATH_SEPARATOR.split(first)) >= _PATH_PARTS and all(
        0 < len(part.split()) <= _BREADCRUMB_WORDS for part in parts
    )
    label = (
        len(first.split()) <= _LABEL_WORDS and not any(mark in first for mark in ",.!?:") and _headline_like(headline)
    )
    return text.split(first, 1)[1].lstrip("\n") if path or label else text


def _menu_item(line: str) -> bool:
    """Whether a line could be a menu's or a consent banner's: a few words, no comma, no sentence's end (an
    abbreviation's dots aside, "U.S.")."""
    words = line.split()
    closed = line.rstrip().endswith(_CLOSING) and line.count(".") < _ABBREVIATION_DOTS
    return 0 < len(words) <= _BREADCRUMB_WORDS and "," not in line and not closed


def _front_line(line: str) -> bool:
    """Whether a line is a story's byline, stamp or date line, as they stand under its headline."""
    return bool(byline_line_people(line) or stamp_line(line) or date_line(line))


def _headline_like(line: str) -> bool:
    """A line as a headline is written: several words, not too many, without a closing full stop."""
    return _LABEL_WORDS < len(line.split()) <= _HEADLINE_WORDS and not line.endswith((".", ",", ";", ":"))


def byline_lines(text: str) -> dict[str, str]:
    """The lines of a plain text that are bylines standing alone ("By Ciarán Walsh"), with the people each names:
    what is left of them after the page's own byline was taken opens a related item."""
    return {line: people for line in set(text.split("\n")) if (people := byline_line_people(line))}


def without_furniture(text: str) -> str:
    """A plain page's own story without the furniture HTML text loses by `strip_leftover_chrome` (teaser labels,
    pitches, notices, credits): the text before `Related Articles`, or before the first related item's header (an
    outlet and an age over a "- outlet" line) where the marker is missing; the related items are left as they are.

    The rules read a line as a block, as a page lays it out; a text wrapped at a fixed width (wire copy) is left as it
    is, since there a line can be the middle of a sentence ("subscribe between January 1 1988 and March 31 1992").
    """
    lines = text.split("\n")
    if _hard_wrapped(lines):
        return text
    echoes = (
        at - _ECHO_UNDER_OUTLET for at, line in enumerate(lines) if at >= _ECHO_UNDER_OUTLET and line.startswith(_ECHO)
    )
    marker = lines.index(RELATED_MARKER) if RELATED_MARKER in lines else next(echoes, len(lines))
    kept = strip_leftover_chrome("\n".join(lines[:marker]), None, plain=True)
    spaced = [""] if 0 < marker < len(lines) and not lines[marker - 1].strip() else []  # the blank line over the marker
    return "\n".join([kept, *spaced, *lines[marker:]]) if kept.strip() else text


def _hard_wrapped(lines: list[str]) -> bool:
    """Whether a text runs its sentences on from line to line: `_WRAPPED_LINES` lines or more of a sentence's length
    end mid-sentence with the next line going on in lower case (not an outlet over its age, `Der Spiegel` over `vor 45
    Minuten`)."""
    runs_on = sum(
        1
        for line, after in pairwise(lines)
        if after[:1].islower() and len(line.split()) >= _WRAPPED_WORDS and not line.rstrip().endswith(_CLOSING)
    )
    return runs_on >= _WRAPPED_LINES
