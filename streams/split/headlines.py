"""Headlines told from body text, and cut off a body that a page runs straight after them without punctuation."""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from streams.split.headline_cuts import FUNCTION_WORDS, MAX_HEADLINE_WORDS, candidates
from streams.split.headline_weights import NO_CUT, WEIGHTS
from streams.text.sentences import OPENERS, TRAILING_CLOSERS, ends_sentence

LIKELY_CUT = 0.0
"""Log-odds at which a cut is likelier than no cut at all."""
MIN_CUT_SCORE = -2.5
"""Log-odds enough for a line that may or may not open with a headline (a live blog's entry): it wrongly cuts a
headline off 15% of the page generator's bare article bodies, where the hand-tuned rules it replaced cut 21%."""
_WEIGHTS = np.array(WEIGHTS)


class Cut(NamedTuple):
    """Where a glued headline ends and its body begins, with how convincing that cut is."""

    score: float
    at: int


def is_headline(text: str) -> bool:
    """Headlines are short and carry no closing full stop, unlike the sentences of a body."""
    return is_one_short_sentence(text) and is_unfinished_line(text)


def is_unfinished_line(text: str) -> bool:
    """Short enough for a headline and without final punctuation, as a headline of two sentences can be."""
    tokens = text.split()
    return 0 < len(tokens) <= MAX_HEADLINE_WORDS and not text.rstrip(TRAILING_CLOSERS).endswith((".", ",", ";", ":"))


def is_one_short_sentence(text: str) -> bool:
    """Short enough for a headline and with no sentence ending before its last word."""
    tokens = text.split()
    if not tokens or len(tokens) > MAX_HEADLINE_WORDS:
        return False
    return not any(ends_sentence(token) for token in tokens[:-1])


def heads_text(first: str, rest: str) -> bool:
    """A first line is a headline only if it reads as one and the next line is not its hard-wrapped continuation;
    a wire headline ending in a dot heads the text when a blank line follows it."""
    if not first.strip() or first.rsplit(maxsplit=1)[-1].lower() in FUNCTION_WORDS:
        return False
    if not is_headline(first):
        return rest.startswith("\n") and _wire_headline(first)
    following = rest.split("\n", 1)[0].split()
    return not following or (not following[0][:1].islower() and ends_sentence(following[-1]))


def _wire_headline(line: str) -> bool:
    """A headline set as the wires set them, in title case, that ends in a dot (`Taiwan To Seek Higher Textile
    Exports To U.S.`, `Merrill Mandated For Iel U.S. Note.`): no sentence is set so, and with no comma or colon
    in it, it is neither a dateline, a byline nor a salutation."""
    if not line.endswith(".") or any(mark in line for mark in ",;:") or not is_one_short_sentence(line):
        return False
    long = [word for word in line.split() if sum(char.isalpha() for char in word) >= 4]
    return len(long) >= 2 and all(word.lstrip(OPENERS)[:1].isupper() for word in long)


def split_headline(text: str, min_score: float = MIN_CUT_SCORE) -> tuple[str | None, str]:
    """Separate a headline from the body run straight after it; (None, text) when no cut scores `min_score`."""
    if is_headline(text):
        return text, ""
    found = best_cut(text, min_score)
    if found is None:
        return None, text
    return text[: found.at].strip(), text[found.at :].strip()


def best_cut(text: str, min_score: float = MIN_CUT_SCORE) -> Cut | None:
    """Choose the most convincing headline/body cut inside the text's first sentence, if its log-odds against no
    cut at all reach `min_score` (weights learned from real headlines, streams.split.headline_cuts)."""
    found = candidates(text)
    if not found.offsets:
        return None
    scores = np.array(found.features) @ _WEIGHTS - NO_CUT
    best = int(np.argmax(scores))
    return Cut(float(scores[best]), found.offsets[best]) if scores[best] >= min_score else None
