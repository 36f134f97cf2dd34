"""What tells a headline/body cut apart from a cut inside either: features of each candidate cut in a line.

A line that holds a headline and the start of its body, with no punctuation between, is cut after the headline's
last word. Every word edge inside the line's first sentence is a candidate; each is described by generic features
(the case and kind of the words around it, what the head and tail share, whether it breaks a name or a phrase the
text writes elsewhere), which a weight table learned from real headlines turns into a score (streams.split.headlines).
"""

from __future__ import annotations

import re
from collections import Counter
from itertools import accumulate, islice, pairwise
from math import log
from typing import NamedTuple

from streams.text.dateline import DATELINE_CHARS, parse_dateline
from streams.text.lexicon import english_frequencies, stem
from streams.text.sentences import OPENERS, ends_sentence

MIN_HEADLINE_WORDS = 2
MAX_HEADLINE_WORDS = 25
OVERLAP_WINDOW = 30
_NAME_RUN = 5
_UNSEEN_ZIPF = 1.0
_MAX_OVERLAP = 6
_SHORT_SENTENCE = 6
_CONTEXT_WORDS = 300
_STRIP = "\"'“”‘’()[],.;:!?<>"
_WORD = re.compile(r"\S+")
_LETTERS = re.compile(r"[^\W\d_]+")
_INITIALS = re.compile(r"(?:[A-Z]\.)+")
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
SENTENCE_STARTERS = frozenset(
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
_COMPANY_SUFFIXES = frozenset(
    {"inc", "corp", "co", "ltd", "plc", "ag", "sa", "nv", "bv", "ab", "llc", "bhd", "gmbh", "spa", "pty", "lp"}
)
"""Words that end a company's name ("Daimler-Benz AG"), so a body never starts on one."""
_PERSONAL_TITLES = frozenset(
    {"president", "secretary", "minister", "chairman", "chief", "senator", "governor", "judge", "prince", "king",
     "queen", "mr", "mrs", "ms", "dr", "sir", "lord", "investor", "analyst", "star", "captain", "coach"}
)  # fmt: skip
"""Words written before a person's name ("President Reagan"), so a cut after one splits the name."""
_REPORTING_VERBS = frozenset({"says", "say", "said", "reports", "reported", "warns", "claims", "confirms", "announces"})
_ARTICLES = frozenset({"The", "A", "An"})
FEATURES = (
    "starter",
    "article",
    "reporting",
    "possessive",
    "same_first",
    "first_in_run",
    "first_in_name",
    "overlap",
    "overlap_share",
    "dateline",
    "initials",
    "inside_run",
    "after_lower",
    "phrase_elsewhere",
    "bound",
    "tail_name",
    "tail_common",
    "last_common",
    "tail_zipf",
    "last_zipf",
    "lower_head",
    "digit_last",
    "short_tail_sentence",
    "bracket",
    "names_start",
    "capitals_first",
    "capitals_inside",
    "run_in",
    "run_out",
    "single_run_out",
    "title_lower_head",
    "title_articles",
    "title_common_run",
    "title_last_common",
    "title_tail_common",
    "title_inside_run",
    "title_names_start",
    "title_same_first",
    "title_first_in_run",
    "title_overlap",
    "title_run_in",
    "title_run_out",
    "title_single_run_out",
    "after_title",
    "short_head",
    "long_head",
    "title_short_head",
    "title_long_head",
    "title_head_words",
)


class Candidates(NamedTuple):
    """Where each candidate cut falls in the line (character offsets) and its feature values, in FEATURES order."""

    offsets: list[int]
    features: list[list[float]]


class _Line(NamedTuple):
    """A line's tokens and what is known of them once, shared by every candidate cut."""

    tokens: list[str]
    bare: list[str]
    capitalised: list[bool]
    stems: list[str | None]
    common: frozenset[str]
    names: frozenset[str]
    bigrams: Counter[tuple[str, str]]
    bound: frozenset[str]
    content_before: list[int]
    lower_before: list[int]


def candidates(text: str) -> Candidates:
    """Every cut inside the line's first sentence where a body could begin, with its features."""
    words = list(islice(_WORD.finditer(text), MAX_HEADLINE_WORDS + OVERLAP_WINDOW))
    line = _describe(text, [word[0] for word in words])
    tokens = line.tokens
    if not tokens or not line.capitalised[0]:
        return Candidates([], [])
    sentence_end = next((i for i, token in enumerate(tokens) if ends_sentence(token)), len(tokens))
    offsets: list[int] = []
    features: list[list[float]] = []
    for cut in range(MIN_HEADLINE_WORDS, min(sentence_end, MAX_HEADLINE_WORDS, len(tokens) - 1) + 1):
        if _possible(line, cut):
            offsets.append(words[cut].start())
            features.append(_features(text, line, cut, words[cut].start(), sentence_end))
    return Candidates(offsets, features)


def _describe(text: str, tokens: list[str]) -> _Line:
    """The per-token facts the features read, computed once per line."""
    bare = [_bare(token) for token in tokens]
    capitalised = [_capitalised(token) for token in tokens]
    split = text.split(maxsplit=_CONTEXT_WORDS)[:_CONTEXT_WORDS]
    letters = _LETTERS.findall(" ".join(split))
    common = frozenset(word for word in set(letters) if word.islower())
    names = frozenset(word.lower() for previous, word in pairwise(letters) if word[0].isupper() and previous.islower())
    words = [_bare(token) for token in split]
    joined = [index for index in range(len(split) - 1) if not split[index].endswith((".", ",", ";", ":", "!", "?"))]
    pairs = [(words[index], words[index + 1]) for index in joined]
    after_capital = Counter(words[index + 1] for index in joined if _capitalised(split[index]))
    counts = Counter(words)
    content = [word not in FUNCTION_WORDS and _LETTERS.search(word) is not None for word in bare]
    return _Line(
        tokens=tokens,
        bare=bare,
        capitalised=capitalised,
        stems=[
            None if word in FUNCTION_WORDS or (len(word) < 3 and not word.isdigit()) else stem(word) for word in bare
        ],
        common=common,
        names=names,
        bigrams=Counter(pairs),
        bound=frozenset(word for word, count in after_capital.items() if count == counts[word] and count > 1),
        content_before=[0, *accumulate(content)],
        lower_before=[0, *accumulate(word and not upper for word, upper in zip(content, capitalised, strict=True))],
    )


def _possible(line: _Line, cut: int) -> bool:
    """A body starts with a capital or a digit, but not on the end of a company's name, and a headline does not end
    on a small word or a dangling mark."""
    last = line.tokens[cut - 1]
    return (
        line.capitalised[cut]
        and last[-1] not in ",;:–-"
        and line.bare[cut - 1] not in FUNCTION_WORDS
        and line.bare[cut] not in _COMPANY_SUFFIXES
    )


def _features(text: str, line: _Line, cut: int, offset: int, sentence_end: int) -> list[float]:
    """The features of one cut, in FEATURES order; the `title_` ones count only when the head before the cut is in
    title case, where every headline word is capitalised and case tells less."""
    tokens, bare, capitalised, stems = line.tokens, line.bare, line.capitalised, line.stems
    last, first = bare[cut - 1], bare[cut]
    head_stems = {word for word in stems[:cut] if word}
    tail_stems = {word for word in stems[cut : cut + OVERLAP_WINDOW] if word}
    run_end = cut
    while run_end < min(len(tokens), cut + _NAME_RUN) and (capitalised[run_end] or bare[run_end] in FUNCTION_WORDS):
        run_end += 1
    run_words = [index for index in range(cut, run_end) if bare[index] not in FUNCTION_WORDS]
    run_stems = {stems[index] for index in run_words}
    head_words = [index for index in range(cut) if bare[index] not in FUNCTION_WORDS]
    lower_head = sum(not capitalised[index] for index in head_words)
    overlap = min(len(head_stems & tail_stems), _MAX_OVERLAP)
    same_first = bool(stems[0]) and stems[0] == stems[cut]
    first_in_run = bool(stems[0]) and stems[0] in run_stems
    inside_run = capitalised[cut - 1] and first not in SENTENCE_STARTERS and last not in line.common
    names_start = all(bare[index] not in line.common for index in run_words) and (
        last in line.common or not capitalised[cut - 1]
    )
    run_in = min(_run_length(line, cut - 1, -1), _NAME_RUN)
    run_out = min(_run_length(line, cut, 1), _NAME_RUN)
    title = line.content_before[cut] > 1 and not line.lower_before[cut]
    values = {
        "starter": first in SENTENCE_STARTERS,
        "article": tokens[cut].lstrip(OPENERS) in _ARTICLES,
        "reporting": last in _REPORTING_VERBS,
        "possessive": tokens[cut].endswith(("'s", "’s")),
        "same_first": same_first,
        "first_in_run": first_in_run,
        "first_in_name": same_first and inside_run,
        "overlap": overlap,
        "overlap_share": overlap / len(head_stems) if head_stems else 0.0,
        "dateline": parse_dateline(text[offset : offset + DATELINE_CHARS], None) is not None,
        "initials": bool(_INITIALS.fullmatch(tokens[cut - 1])) and first not in SENTENCE_STARTERS,
        "inside_run": inside_run,
        "after_lower": not capitalised[cut - 1],
        "phrase_elsewhere": line.bigrams[(last, first)] > 1,
        "bound": first in line.bound,
        "tail_name": first in line.names,
        "tail_common": first in line.common,
        "last_common": last in line.common,
        "tail_zipf": _zipf(first),
        "last_zipf": _zipf(last),
        "lower_head": lower_head / len(head_words) if head_words else 0.0,
        "digit_last": any(char.isdigit() for char in last),
        "short_tail_sentence": sentence_end - cut < _SHORT_SENTENCE,
        "bracket": tokens[cut][:1] in "([",
        "names_start": names_start,
        "capitals_first": _shouted(tokens[cut]) and not _shouted(tokens[cut - 1]),
        "capitals_inside": _shouted(tokens[cut]) and _shouted(tokens[cut - 1]),
        "run_in": 0 if title else run_in,
        "run_out": run_out,
        "single_run_out": run_out == 1,
        "title_lower_head": title and lower_head,
        "title_articles": title and sum(token in _ARTICLES for token in tokens[1:cut]),
        "title_common_run": title and sum(bare[index] in line.common for index in run_words[1:]),
        "title_last_common": title and last in line.common,
        "title_tail_common": title and first in line.common,
        "title_inside_run": title and inside_run,
        "title_names_start": title and names_start,
        "title_same_first": title and same_first,
        "title_first_in_run": title and first_in_run,
        "title_overlap": title and overlap,
        "title_run_in": title and run_in,
        "title_run_out": title and run_out,
        "title_single_run_out": title and run_out == 1,
        "after_title": last in _PERSONAL_TITLES,
        "short_head": cut <= 3,
        "long_head": cut >= 12,
        "title_short_head": title and cut <= 3,
        "title_long_head": title and cut >= 12,
        "title_head_words": title and cut / 10,
    }
    return [float(values[name]) for name in FEATURES]


def _run_length(line: _Line, start: int, step: int) -> int:
    """How many capitalised words run from a token one way, across small words, up to a lower-case word."""
    length, index = 0, start
    while 0 <= index < len(line.tokens) and (line.capitalised[index] or line.bare[index] in FUNCTION_WORDS):
        length += line.capitalised[index]
        if ends_sentence(line.tokens[index]) and step > 0:
            break
        index += step
    return length


def _shouted(token: str) -> bool:
    """A word in capitals, as wire datelines write their place ("KUALA LUMPUR", "LONDON:")."""
    letters = "".join(_LETTERS.findall(token))
    return len(letters) > 1 and letters.isupper()


def _zipf(word: str) -> float:
    """How common a word is in general English, on the Zipf scale (1, rarer than any listed word, for names)."""
    frequency = english_frequencies().get(word)
    return log(frequency * 1e9, 10) if frequency else _UNSEEN_ZIPF


def _bare(token: str) -> str:
    """A token lower-cased, without punctuation or a possessive, to compare it with the text's other words."""
    return token.lower().strip(_STRIP).removesuffix("'s").removesuffix("’s")


def _capitalised(token: str) -> bool:
    """The word starts with a capital letter or a digit, after any opening quote or bracket."""
    core = token.lstrip(OPENERS)
    return core[:1].isupper() or core[:1].isdigit()
