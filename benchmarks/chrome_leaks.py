"""Page furniture left in extracted bodies, found by patterns kept apart from the cleaner's own rules.

A leak is a line of an extracted body holding text that matches a furniture pattern (copyright lines,
photo credits, "read more" labels, newsletter and follow-us pitches, pop-up cards) where the matched
text is not in the gold: not in the gold body on the ScrapingHub pages; on trafilatura's news pages,
which have only snippets, not in any snippet that must appear. So on the news pages the count is an
upper bound: furniture-like wording in the story outside every gold snippet counts as a leak too.
The patterns are written here, not imported from `streams/clean/leftovers.py`, so that the figure
checks the cleaner rather than repeats it; line patterns only look at short lines.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

# Lines of this many words or fewer are read as furniture lines; longer ones only for inline furniture.
_SHORT_LINE_WORDS = 30
_FURNITURE_LINES = tuple(
    re.compile(pattern, re.IGNORECASE)
    for pattern in (
        # Copyright and rights lines.
        r"©|\(c\)\s*\d{4}|\bcopyright\b|all\s+rights\s+reserved|alle\s+rechte\s+vorbehalten"
        r"|tous\s+droits\s+réservés|todos\s+los\s+derechos\s+reservados|direitos\s+reservados"
        r"|저작권|무단\s*전재|재배포\s*금지|無断転載|版权所有",
        # Photo and image credits.
        r"^\W*(?:photo|foto|photograph|image|picture|bild|fot|credit|source\s+image)s?\s*(?::|by\b)"
        r"|\((?:AP|AFP|EPA|Reuters|dpa)\s+(?:photo|foto)\b|\bphoto\s+credit|\bgetty\s+images\W*$|사진\s*=|사진\s*제공",
        # "Read more" labels and teasers.
        r"^\W*(?:read\s+(?:more|also|next)|see\s+also|more\s*:|related\s*:|lesen\s+sie\s+(?:auch|mehr)"
        r"|mehr\s+zum\s+thema|lire\s+(?:aussi|plus)|leer\s+más|leia\s+também|czytaj\s+(?:też|także|więcej)"
        r"|관련\s*기사|더\s*보기)\b|(?:\.\.\.|…)\s*more\W*$|(?-i:\bMORE)\W*$|\bclick\s+(?:here|to\s+tweet)\b",
        # Newsletter and subscription pitches.
        r"\bnewsletters?\b|\bsubscribe\b|\bsign\s+up\b|\babonnieren\b|\babonnez\b|\bsuscr[ií]b|구독",
        # Share and follow buttons.
        r"^\W*(?:share|teilen|partager|compartir)\b(?:\s+(?:this|on|via)\b.*)?\W*$"
        r"|\bfollow\s+(?:us|him|her|them|@\w+)\s+on\b|\bfolgen\s+sie\s+uns\b|\bsuivez-nous\b",
    )
)
# A pop-up card: a name glued to a second spelling of itself ("Kristi NoemKristi Lynn Noem...").
_POP_UP_CARD = re.compile(r"\b([A-Z][a-z]+)\s[A-Z][\w'-]*[a-z]\1\b")
_TOKEN = re.compile(r"\w+")


def furniture(line: str) -> list[str]:
    """The texts in a line that match a furniture pattern: the whole short line, or an inline card."""
    found = [match.group(0) for match in _POP_UP_CARD.finditer(line)]
    if len(line.split()) <= _SHORT_LINE_WORDS and any(pattern.search(line) for pattern in _FURNITURE_LINES):
        found.append(line)
    return found


def leaks(text: str, gold: Iterable[str]) -> list[str]:
    """The lines of an extracted body holding furniture that none of the gold texts holds."""
    golds = [_tokens(piece) for piece in gold]
    return [
        line
        for line in text.split("\n")
        if any(not any(_tokens(match) in piece for piece in golds) for match in furniture(line))
    ]


def _tokens(text: str) -> str:
    """A text's word tokens, casefolded and space-joined with a space at each end, for token-wise containment."""
    return f" {' '.join(_TOKEN.findall(text.casefold()))} "
