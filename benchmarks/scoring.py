"""The ScrapingHub article-extraction metric, so our figures are comparable with published ones.

Each body becomes a multiset of 4-token shingles (tokens are runs of word characters). Per document the
true-positive, false-positive and false-negative shingle counts are scaled to sum to one, so a long
page weighs no more than a short one; precision and recall are averaged over the documents where they
are defined, and F1 is their harmonic mean.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from statistics import fmean
from typing import NamedTuple

SHINGLE_TOKENS = 4
_TOKEN = re.compile(r"\w+")


class Scores(NamedTuple):
    """Averaged precision and recall over a set of documents, and their F1."""

    f1: float
    precision: float
    recall: float


class Shares(NamedTuple):
    """One document's shingle counts, scaled to sum to one (all zero when both bodies are empty)."""

    true_positive: float
    false_positive: float
    false_negative: float


def shingles(text: str) -> Counter[tuple[str, ...]]:
    """Overlapping token 4-grams; a text shorter than that is one shorter shingle, an empty one none."""
    tokens = _TOKEN.findall(text)
    if not tokens:
        return Counter()
    starts = range(max(1, len(tokens) - SHINGLE_TOKENS + 1))
    return Counter(tuple(tokens[start : start + SHINGLE_TOKENS]) for start in starts)


def shares(gold: str, predicted: str) -> Shares:
    """How much of the two bodies' shingles agree, as shares of all shingles in either."""
    expected, found = shingles(gold), shingles(predicted)
    matched = sum((expected & found).values())
    extra = sum(found.values()) - matched
    missed = sum(expected.values()) - matched
    total = matched + extra + missed
    if not total:
        return Shares(0.0, 0.0, 0.0)
    return Shares(matched / total, extra / total, missed / total)


def score(pairs: Iterable[tuple[str, str]]) -> Scores:
    """The metric over (gold body, predicted body) pairs."""
    documents = [shares(gold, predicted) for gold, predicted in pairs]
    precisions = [
        _ratio(d.true_positive, d.false_positive, d) for d in documents if d.true_positive or d.false_positive
    ]
    recalls = [_ratio(d.true_positive, d.false_negative, d) for d in documents if d.true_positive or d.false_negative]
    precision, recall = fmean(precisions), fmean(recalls)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return Scores(f1, precision, recall)


def _ratio(hit: float, miss: float, document: Shares) -> float:
    """Hits over hits and misses, where a document with no error at all counts as perfect."""
    if not document.false_positive and not document.false_negative:
        return 1.0
    return hit / (hit + miss) if hit or miss else 0.0
