"""A plain page's own furniture, which HTML extraction leaves behind on its own: the menus, breadcrumbs, section
labels and consent banners a scraper kept above the headline, the teaser lists, pitches and buttons after the story,
and the byline lines that open related items."""

from __future__ import annotations

import re
from itertools import pairwise

from streams.clean.leftovers import bare_teaser_label, plain_pitch, teaser_label
from streams.clean.page_time import date_line, stamp_line
from streams.clean.provenance import byline_line_people
from streams.text.page import RELATED_MARKER

_WRAPPED_LINES = 2
_TEASER_WORDS = 16
_ECHO = ("- ", "– ", "— ")
_ECHO_UNDER_OUTLET = 2
"""An item's header: its outlet, its age, then the outlet named again on a line opening with a dash."""
_BREADCRUMB_LINES = 3
_BREADCRUMB_WORDS = 4
_ABBREVIATION_DOTS = 2
_PATH_SEPARATOR = re.compile(r"\s+[>›»|/]\s+")
_POINTED_SEPARATOR = re.compile(r"\s[>›»]\s")
_QUOTES = ('"', "“", "‘", "'", "«", "„")
_PATH_PARTS = 2
_LABEL_WORDS = 2
_LABEL_AND_HEADLINE = 2
_HEADLINE_WORDS = 30
_WRAPPED_WORDS = 6
_CLOSING = (".", "!", "?", ":", '"', "”", "’", ")")
"""How a line that closes its sentence or block ends."""


def without_page_furniture(text: str) -> str:
    """A plain page's own story without the furniture after it and above its headline (`_without_furniture`, then
    `_without_breadcrumb`). A text wrapped at a fixed width (wire copy) is left as it is, since there a line can be
    the middle of a sentence ("subscribe between January 1 1988 and March 31 1992")."""
    if _hard_wrapped(text.split("\n")):
        return text
    return _without_breadcrumb(_without_furniture(text))


def _without_breadcrumb(text: str) -> str:
    """A plain page without the menu, breadcrumb or section label a scraper kept above its headline: `_BREADCRUMB_LINES`
    or more first lines of menu items (`_menu_item`: "Home", "News", "U.S.", "Iniciar sesión"), over a longer line,
    a short headline over its byline or stamp kept; a first line that is a path ("Accueil > International >
    Afrique", "World › Africa"; with "|" or "/", three parts or more); or a first line of one word ("Culture", "Live")
    over a headline and the text under it, no byline, stamp or quote. They hid the headline, byline and stamp under
    them from the rules that read a text's first lines (and were taken for the headline)."""
    lines = text.split("\n")
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
    parts = _PATH_SEPARATOR.split(first)
    pointed = _POINTED_SEPARATOR.search(first) is not None  # "World › Africa"; "Oil prices slump | Reuters" is a title
    path = len(parts) >= (_PATH_PARTS if pointed else _PATH_PARTS + 1) and all(
        0 < len(part.split()) <= _BREADCRUMB_WORDS - 1 for part in parts
    )
    label = (
        len(first.split()) == 1
        and not any(mark in first for mark in ",.!?:")
        and _headline_like(headline)
        and not _front_line(headline)
        and not headline.startswith(_QUOTES)
    )
    return text.split(first, 1)[1].lstrip("\n") if path or label else text


def _menu_item(line: str) -> bool:
    """Whether a line could be a menu's or a consent banner's: a few words, no comma, no sentence's end (an
    abbreviation's dots aside, "U.S.")."""
    words = line.split()
    closed = line.rstrip().endswith(_CLOSING) and line.count(".") < _ABBREVIATION_DOTS
    figures = any(char.isdigit() for char in line)  # "Serves 8", "Arsenal 2 Chelsea 1", "1935-2026": no menu's
    return 0 < len(words) <= _BREADCRUMB_WORDS and "," not in line and not closed and not figures


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


def _without_furniture(text: str) -> str:
    """A plain page's own story without its teaser lists and pitches (`_without_plain_furniture`): the text before
    `Related Articles`, or before the first related item's header (an outlet and an age over a "- outlet" line) where
    the marker is missing; the related items are left as they are."""
    lines = text.split("\n")
    echoes = (
        at - _ECHO_UNDER_OUTLET for at, line in enumerate(lines) if at >= _ECHO_UNDER_OUTLET and line.startswith(_ECHO)
    )
    marker = lines.index(RELATED_MARKER) if RELATED_MARKER in lines else next(echoes, len(lines))
    kept = _without_plain_furniture(lines[:marker])
    return "\n".join([*kept, *lines[marker:]]) if any(line.strip() for line in kept) else text


def _without_plain_furniture(lines: list[str]) -> list[str]:
    """The lines without teaser labels (a bare label with the list of headline-like lines under it, up to a blank
    line) and pitches: only what no story's own line is worded as, since here a line is a paragraph of the story."""
    kept: list[str] = []
    in_list = False
    for line in lines:
        if bare_teaser_label(line):
            in_list = True
            continue
        if in_list and line.strip() and _teaser_item(line):
            continue
        in_list = False
        if not teaser_label(line) and not plain_pitch(line):
            kept.append(line)
    return kept


def _teaser_item(line: str) -> bool:
    """Whether a line under a bare teaser label is one of its items: a headline's length, not a sentence's end."""
    return len(line.split()) <= _TEASER_WORDS and not line.rstrip().endswith((".", "!", ":", ";"))


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
