"""Sentence edges in news text, telling a full stop from the dot of an abbreviation such as "U.S." or "Mr."."""

from __future__ import annotations

import re

TRAILING_CLOSERS = "\"'”’)]"
OPENERS = "\"'“‘(["
_TITLE_ABBREVIATIONS = frozenset(
    {"mr", "mrs", "ms", "dr", "st", "jr", "sr", "gen", "col", "lt", "gov", "sen", "rep", "prof", "vs"}
)
_CANDIDATE_END = re.compile(r"([.!?][\"'”’)\]]*)\s+(?=\S)")
_GLUED = re.compile(r"[.!?](?:[\"”’](?=[A-Z])|(?=[“‘]?[A-Z][a-z]))")
"""A sentence end with no space after it ("inflation.The protests"), as scraped text often has."""


def ends_sentence(token: str) -> bool:
    """Tell a full stop from an abbreviation's dot, so "U.S." or "Mr." does not end a sentence."""
    core = token.rstrip(TRAILING_CLOSERS)
    if not core.endswith((".", "!", "?")):
        return False
    if core.endswith(("!", "?")):
        return True
    stem = core[:-1].lstrip(OPENERS)
    return not ("." in stem or (len(stem) == 1 and stem.isupper()) or stem.lower() in _TITLE_ABBREVIATIONS)


def sentence_starts(text: str) -> list[int]:
    """Offsets where the sentences of one paragraph begin, the first at 0."""
    if not text.strip():
        return []
    starts = [0]
    for end in _CANDIDATE_END.finditer(text):
        if ends_sentence(text[text.rfind(" ", 0, end.start()) + 1 : end.end(1)]):
            starts.append(end.end())
    starts.extend(glued.end() for glued in _GLUED.finditer(text) if text[glued.start() - 2 : glued.start()].isalpha())

    return sorted(set(starts))


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """The (start, end) of every sentence, with line breaks always ending one, trailing spaces excluded."""
    spans: list[tuple[int, int]] = []
    offset = 0
    for line in text.split("\n"):
        starts = sentence_starts(line)
        for start, end in zip(starts, [*starts[1:], len(line)], strict=False):
            piece = line[start:end].rstrip()
            if piece:
                spans.append((offset + start, offset + start + len(piece)))
        offset += len(line) + 1
    return spans
