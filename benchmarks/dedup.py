"""Accuracy of dedup on the labelled Reuters pairs: precision and recall at the threshold, and over thresholds.

The same figures on the held-out modern pairs check that they hold on text dedup was never tuned on, and
how far they fall from the Reuters ones. Each pair runs through the whole dedup logic (`LocalDedup`:
buckets, comparisons, decision) on an empty index, first text first. The second is flagged when it is
found through a shared bucket and enough of it is in the first; how much is its similarity, so one run at
the lowest threshold gives the whole curve.
"""

from __future__ import annotations

import random
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from benchmarks.dedup_pairs import SEED, Pair, held_out_pairs, labelled_pairs
from benchmarks.figures import Figure
from streams.dedup.sketch import DEFAULT, Params
from streams.dedup.stage import Config
from streams.settings import Settings
from streams.testing import LocalDedup, text_article
from streams.text.fingerprint import normalise

AREA = "dedup"
PRECISION_TARGET = 0.98
RECALL_TARGET = 0.95
HELD_OUT_GAP_TARGET = 2.0
HELD_OUT = "held-out modern articles"
CURVE = tuple(round(0.3 + 0.05 * step, 2) for step in range(14))
START_US = 1_700_000_000_000_000
PARAMETERS_AREA = "dedup-params"
ALTERNATIVES = (
    DEFAULT,
    Params(lead_words=0),
    Params(bands=10, rows=3),
    Params(bands=8, rows=3),
    Params(bands=16, rows=8),
    Params(shingle_words=4),
    Params(shingle_words=3),
)
"""The default and the settings it was chosen against (`newswire eval dedup-params`)."""


@dataclass(frozen=True, slots=True)
class Scored:
    """A labelled pair and the similarity at which dedup flagged its second text (0 when it did not)."""

    pair: Pair
    similarity: float

    def flagged(self, threshold: float) -> bool:
        """Whether dedup flags the second text at this threshold."""
        return self.similarity > 0 and self.similarity >= threshold


def evaluate(corpus: Path) -> Iterator[Figure]:
    """Dedup figures on the labelled set (at the threshold, per kind, the curve), then on the held-out set."""
    threshold = Settings().near_threshold
    scored = [score(pair, min(CURVE)) for pair in labelled_pairs(corpus)]
    yield from _at_threshold(scored, threshold)
    for point in CURVE:
        precision, recall = rates(scored, point)
        yield Figure(AREA, f"curve: precision at {point:.2f}", precision)
        yield Figure(AREA, f"curve: recall at {point:.2f}", recall)
    held_out = [score(pair, min(CURVE)) for pair in held_out_pairs(corpus)]
    yield from _at_threshold(held_out, threshold, HELD_OUT)
    for name, ours, theirs in zip(
        ("precision", "recall"), rates(held_out, threshold), rates(scored, threshold), strict=True
    ):
        gap = round(abs(ours - theirs) * 100, 2)
        yield Figure(AREA, f"{HELD_OUT}: {name} gap to the Reuters set", gap, HELD_OUT_GAP_TARGET, "points", False)


def _at_threshold(scored: list[Scored], threshold: float, pair_set: str = "") -> Iterator[Figure]:
    """Pair counts, precision and recall at the threshold, and the share flagged for each kind of pair."""
    prefix = f"{pair_set}: " if pair_set else ""
    duplicates = sum(s.pair.duplicate for s in scored)
    yield Figure(AREA, f"{prefix}labelled duplicate pairs", duplicates)
    yield Figure(AREA, f"{prefix}labelled distinct pairs", len(scored) - duplicates)
    precision, recall = rates(scored, threshold)
    yield Figure(AREA, f"{prefix}precision at threshold {threshold:g}", precision, PRECISION_TARGET)
    yield Figure(AREA, f"{prefix}recall at threshold {threshold:g}", recall, RECALL_TARGET)
    by_kind: dict[str, list[Scored]] = defaultdict(list)
    for one in scored:
        by_kind[one.pair.kind].append(one)
    for kind, group in sorted(by_kind.items()):
        flagged = sum(one.flagged(threshold) for one in group) / len(group)
        label = "flagged" if group[0].pair.duplicate else "wrongly flagged"
        yield Figure(AREA, f"{prefix}{kind}: share {label} ({len(group)} pairs)", flagged)


def parameters(corpus: Path) -> Iterator[Figure]:
    """Recall and precision at the configured threshold for other shingle, band and lead settings."""
    threshold = Settings().near_threshold
    pairs = labelled_pairs(corpus)
    for params in ALTERNATIVES:
        scored = [score(pair, threshold, params) for pair in pairs]
        precision, recall = rates(scored, threshold)
        setting = (f"{params.shingle_words}-word shingles, {params.bands} bands x {params.rows} rows, "
                   f"lead key {params.lead_words or 'off'}")  # fmt: skip
        yield Figure(PARAMETERS_AREA, f"recall: {setting}", recall)
        yield Figure(PARAMETERS_AREA, f"precision: {setting}", precision)


def score(pair: Pair, threshold: float, params: Params = DEFAULT) -> Scored:
    """Run one pair through dedup with a fresh index and report the similarity it flagged the second at."""
    dedup = LocalDedup(Config(threshold=threshold, retention_us=10**15, params=params))
    dedup.add([text_article(pair.first, "first", START_US)], START_US)
    dedup.add([text_article(pair.second, "second", START_US + 1_000_000)], START_US)
    flagged = [d for d in dedup.duplicates if d["document_id"] == "second"]
    return Scored(pair, flagged[0]["similarity"] if flagged else 0.0)


def rates(scored: list[Scored], threshold: float) -> tuple[float, float]:
    """Precision and recall of flagging at a threshold."""
    hits = sum(one.flagged(threshold) and one.pair.duplicate for one in scored)
    flagged = sum(one.flagged(threshold) for one in scored)
    duplicates = sum(one.pair.duplicate for one in scored)
    return (hits / flagged if flagged else 1.0), (hits / duplicates if duplicates else 1.0)


def independent_pairs(
    pairs: Sequence[Pair], count: int, seed: int = SEED, labelled: Sequence[Pair] | None = None
) -> list[Pair]:
    """Up to `count` pairs drawn at random, none sharing a story with another: sent through one daemon (all first
    texts, then all second ones), each pair meets the other pairs' texts but none of its own story's copies.

    A story is a text with every text labelled its duplicate in `labelled` (by default the pairs themselves: give
    the whole set when drawing from what is left of it), and with texts equal once normalised."""
    parent: dict[str, str] = {}

    def story(text: str) -> str:
        key = normalise(text)
        parent.setdefault(key, key)
        while parent[key] != key:
            parent[key] = parent[parent[key]]
            key = parent[key]
        return key

    for pair in pairs if labelled is None else labelled:
        first, second = story(pair.first), story(pair.second)
        if pair.duplicate:
            parent[second] = first
    taken: set[str] = set()
    chosen = []
    for pair in random.Random(seed).sample(list(pairs), len(pairs)):
        stories = {story(pair.first), story(pair.second)}
        if stories & taken:
            continue
        taken |= stories
        chosen.append(pair)
        if len(chosen) == count:
            break
    return chosen
