"""Headlines told from body text, and cut off a body that a page runs straight after them without punctuation."""

from __future__ import annotations

import re
from itertools import islice
from typing import NamedTuple

from streams.dateline import parse_dateline
from streams.lexicon import stem
from streams.sentences import OPENERS, TRAILING_CLOSERS, ends_sentence

_WORD = re.compile(r"\S+")
FUNCTION_WORDS = frozenset(
    {
        "a",
        "an",
        "the",
        "of",
        "in",
        "on",
        "at",
        "to",
        "for",
        "with",
        "by",
        "from",
        "and",
        "or",
        "but",
        "as",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "has",
        "have",
        "had",
        "it",
        "its",
        "that",
        "this",
        "these",
        "those",
        "which",
        "who",
        "whom",
        "after",
        "before",
        "over",
        "into",
        "than",
        "then",
        "not",
        "no",
        "nor",
        "so",
        "if",
        "up",
        "out",
        "off",
        "about",
        "against",
        "between",
        "during",
        "under",
        "via",
        "per",
        "his",
        "her",
        "their",
        "our",
        "your",
        "my",
    }
)
_SENTENCE_STARTERS = frozenset(
    {
        "a",
        "an",
        "the",
        "this",
        "that",
        "these",
        "those",
        "it",
        "he",
        "she",
        "they",
        "we",
        "i",
        "there",
        "in",
        "on",
        "at",
        "after",
        "according",
        "as",
        "when",
        "while",
        "meanwhile",
        "earlier",
        "later",
        "some",
        "more",
        "our",
    }
)
_REPORTING_VERBS = frozenset({"says", "say", "said", "reports", "reported", "warns", "claims", "confirms", "announces"})
MIN_HEADLINE_WORDS = 2
MAX_HEADLINE_WORDS = 25
_OVERLAP_WINDOW = 30
MIN_CUT_SCORE = 4
_TITLE_CASE_PROBE = 6
_DATELINE_BONUS = 3
_ARTICLE_PENALTY = 3
_ARTICLES = frozenset({"The", "A", "An"})
_LETTERS = re.compile(r"[^\W\d_]+")
_INITIALS = re.compile(r"(?:[A-Z]\.)+")


class Cut(NamedTuple):
    """Where a glued headline ends and its body begins, with how convincing that cut is."""

    score: int
    at: int


def is_headline(text: str) -> bool:
    """Headlines are short and carry no closing full stop, unlike the sentences of a body."""
    return is_one_short_sentence(text) and not text.rstrip(TRAILING_CLOSERS).endswith((".", ",", ";", ":"))


def is_one_short_sentence(text: str) -> bool:
    """Short enough for a headline and with no sentence ending before its last word."""
    tokens = text.split()
    if not tokens or len(tokens) > MAX_HEADLINE_WORDS:
        return False
    return not any(ends_sentence(token) for token in tokens[:-1])


def heads_text(first: str, rest: str) -> bool:
    """A first line is a headline only if it reads as one and the next line is not its hard-wrapped continuation."""
    if not is_headline(first) or first.rsplit(maxsplit=1)[-1].lower() in FUNCTION_WORDS:
        return False
    following = rest.split("\n", 1)[0].split()
    return not following or (not following[0][:1].islower() and ends_sentence(following[-1]))


def split_headline(text: str, min_score: int = MIN_CUT_SCORE) -> tuple[str | None, str]:
    """Separate a headline from the body run straight after it; (None, text) when no cut scores `min_score`."""
    if is_headline(text):
        return text, ""
    found = best_cut(text, min_score)
    if found is None:
        return None, text
    return text[: found.at].strip(), text[found.at :].strip()


def best_cut(text: str, min_score: int = MIN_CUT_SCORE) -> Cut | None:
    """Choose the most convincing headline/body cut inside the text's first sentence, if any scores `min_score`."""
    words = list(islice(_WORD.finditer(text), MAX_HEADLINE_WORDS + _OVERLAP_WINDOW))
    tokens = [word[0] for word in words]
    if not tokens or not tokens[0].lstrip(OPENERS)[:1].isupper():
        return None
    sentence_end = next((i for i, token in enumerate(tokens) if ends_sentence(token)), len(tokens))
    title_case = _title_case(tokens[:_TITLE_CASE_PROBE])
    common = {word for word in _LETTERS.findall(text) if word.islower()} if title_case else set()
    best: Cut | None = None
    for cut in range(MIN_HEADLINE_WORDS, min(sentence_end, MAX_HEADLINE_WORDS, len(tokens) - 1) + 1):
        score = _cut_score(tokens[:cut], tokens[cut : cut + _OVERLAP_WINDOW], common)
        if score > 0 and parse_dateline(text[words[cut].start() :], None) is not None:
            score += _DATELINE_BONUS
        if score >= min_score and (best is None or score > best.score):
            best = Cut(score, words[cut].start())
    return best


def _cut_score(head: list[str], tail: list[str], common: set[str]) -> int:
    """Score a cut: bodies open like sentences, often with the headline's first word, and repeat its key words.

    `common` holds the words the text writes in lower case, and is empty unless the text opens in title case.
    A title-case headline then ends where its capitals stop: every lower-case word before the cut likely belongs
    to the body, and a capitalised word after the body's first that the text elsewhere writes in lower case is
    likely still the headline's, while the names a body opens with are written capitalised throughout.
    """
    last, first = head[-1], tail[0].lstrip(OPENERS)
    if not first[:1].isupper() or last[-1] in ",;:–-" or last.lower() in FUNCTION_WORDS:
        return 0
    if _INITIALS.fullmatch(last) and first.lower() not in _SENTENCE_STARTERS:
        return 0
    head_stems = _stems(head)
    score = len(head_stems & _stems(tail))
    score += 2 if first.lower() in _SENTENCE_STARTERS else 0
    score += 2 if last.lower() in _REPORTING_VERBS else 0
    score += 1 if first.endswith(("'s", "’s")) else 0
    score += 3 if _stems(head[:1]) and _stems(head[:1]) == _stems(tail[:1]) else 0
    if common:
        score -= sum(not _capitalised(token) for token in _content(head))
        score -= _ARTICLE_PENALTY * sum(token in _ARTICLES for token in head[1:])
        score -= 2 * sum(_bare(token) in common for token in _content(_capitalised_run(tail[1:])))
        score += 1 if _bare(last) in common else 0
    return score


def _capitalised_run(tokens: list[str]) -> list[str]:
    """The tokens up to the first lower-case word that is not a function word."""
    run: list[str] = []
    for token in tokens:
        if not _capitalised(token) and token.lower() not in FUNCTION_WORDS:
            break
        run.append(token)
    return run


def _bare(token: str) -> str:
    """A token lower-cased, without punctuation or a possessive, to look it up among a text's words."""
    return token.lower().strip("\"'“”‘’()[],.;:!?<>").removesuffix("'s").removesuffix("’s")


def _title_case(tokens: list[str]) -> bool:
    """Headlines in title case capitalise every word but the small ones."""
    content = _content(tokens)
    return len(content) > 1 and all(_capitalised(token) for token in content)


def _content(tokens: list[str]) -> list[str]:
    """The tokens that are not function words."""
    return [token for token in tokens if token.lower().strip(",;:") not in FUNCTION_WORDS]


def _capitalised(token: str) -> bool:
    """The word starts with a capital letter or a digit, after any opening quote or bracket."""
    core = token.lstrip(OPENERS)
    return core[:1].isupper() or core[:1].isdigit()


def _stems(tokens: list[str]) -> set[str]:
    """Stems of the content words, for comparing a headline with its body without a language model."""
    stems: set[str] = set()
    for token in tokens:
        word = token.lower().strip("\"'“”‘’()[],.;:!?<>")
        word = word.removesuffix("'s").removesuffix("’s")
        if word in FUNCTION_WORDS or (len(word) < 3 and not word.isdigit()):
            continue
        stems.add(stem(word))
    return stems
