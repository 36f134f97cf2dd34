"""Exact and near-duplicate detection over state kept in plain mappings, so Faust tables can hold it."""

from __future__ import annotations

from collections.abc import MutableMapping
from dataclasses import dataclass
from typing import TypedDict

import rensa
import xxhash

from streams.fingerprint import normalise
from streams.records import Article, DuplicateArticle, DuplicateKind

SHINGLE_WORDS = 5
PERMUTATIONS = 128
BANDS = 16
ROWS = PERMUTATIONS // BANDS
SEED = 20250527


class Occurrence(TypedDict):
    """The first sighting of a text: enough to name it as the original of later copies."""

    id: str
    document_id: str
    position: int
    ingested_at: str


class Sighting(Occurrence):
    """The first sighting of a text and what dedup decided then, so a re-delivery gets the same answer."""

    duplicate_kind: DuplicateKind | None
    original: Occurrence | None
    similarity: float


class Remembered(Occurrence):
    """A remembered article with its MinHash signature, for confirming near-duplicate candidates."""

    signature: list[int]


@dataclass(frozen=True, slots=True)
class Verdict:
    """What dedup decided: unique (kind None), or a duplicate of `original` with its similarity."""

    kind: DuplicateKind | None
    original: Occurrence | None
    similarity: float


def shingles(text: str) -> list[str]:
    """Overlapping word 5-grams of the normalised text; a short text is one shingle."""
    words = normalise(text).split()
    if len(words) <= SHINGLE_WORDS:
        return [" ".join(words)]
    return [" ".join(words[i : i + SHINGLE_WORDS]) for i in range(len(words) - SHINGLE_WORDS + 1)]


def signature(text: str) -> list[int]:
    """MinHash signature of the text's shingles; equal positions estimate Jaccard similarity."""
    minhash = rensa.RMinHash(num_perm=PERMUTATIONS, seed=SEED)
    minhash.update(shingles(text))
    return [int(v) for v in minhash.digest()]


def band_keys(sig: list[int]) -> list[str]:
    """LSH bucket keys: texts sharing any band are candidates, which puts the cutoff near Jaccard 0.7."""
    keys = []
    for band in range(BANDS):
        rows = sig[band * ROWS : (band + 1) * ROWS]
        keys.append(f"{band}:{xxhash.xxh3_64_hexdigest(repr(rows).encode('ascii'))}")
    return keys


def similarity(a: list[int], b: list[int]) -> float:
    """Estimated Jaccard similarity of two signatures."""
    return sum(x == y for x, y in zip(a, b, strict=True)) / len(a)


def occurrence(record: Article | Occurrence) -> Occurrence:
    """The identity of one sighting: re-delivery repeats it, a new copy does not."""
    return Occurrence(
        id=record["id"],
        document_id=record["document_id"],
        position=record["position"],
        ingested_at=record["ingested_at"],
    )


def _same_sighting(a: Occurrence, b: Occurrence) -> bool:
    return a["document_id"] == b["document_id"] and a["position"] == b["position"]


class Deduplicator:
    """Checks each article against all remembered ones and remembers the unique ones."""

    def __init__(
        self,
        exact: MutableMapping[str, Sighting],
        buckets: MutableMapping[str, list[str]],
        memory: MutableMapping[str, Remembered],
        threshold: float,
    ) -> None:
        self.exact = exact
        self.buckets = buckets
        self.memory = memory
        self.threshold = threshold

    def check(self, article: Article) -> Verdict:
        """Decide whether the article repeats an earlier one; remember its text either way."""
        seen = occurrence(article)
        first = self.exact.get(article["id"])
        if first is not None:
            if _same_sighting(first, seen):
                return Verdict(first["duplicate_kind"], first["original"], first["similarity"])
            return Verdict("exact", occurrence(first), 1.0)
        sig = signature(article["body"])
        keys = band_keys(sig)
        verdict = self._nearest(sig, keys, seen)
        self.exact[article["id"]] = Sighting(
            **seen, duplicate_kind=verdict.kind, original=verdict.original, similarity=verdict.similarity
        )
        if verdict.kind is None:
            self.memory[article["id"]] = Remembered(**seen, signature=sig)
            for key in keys:
                self.buckets[key] = [*self.buckets.get(key, ()), article["id"]]
        return verdict

    def _nearest(self, sig: list[int], keys: list[str], seen: Occurrence) -> Verdict:
        """The most similar remembered article above the threshold, found through shared LSH buckets."""
        best = Verdict(None, None, 0.0)
        for candidate_id in dict.fromkeys(cid for key in keys for cid in self.buckets.get(key, ())):
            candidate = self.memory.get(candidate_id)
            if candidate is None or _same_sighting(candidate, seen):
                continue
            score = similarity(sig, candidate["signature"])
            if score >= self.threshold and score > best.similarity:
                best = Verdict("near", occurrence(candidate), score)
        return best


def duplicate_record(article: Article, verdict: Verdict) -> DuplicateArticle:
    """The `news.duplicates` record for an article that dedup flagged."""
    if verdict.kind is None or verdict.original is None:
        raise ValueError("a unique article has no duplicate record")
    return DuplicateArticle(
        **article,
        duplicate_of=verdict.original["id"],
        duplicate_of_document=verdict.original["document_id"],
        duplicate_kind=verdict.kind,
        similarity=round(verdict.similarity, 4),
    )
