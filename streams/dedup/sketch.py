"""What dedup remembers of a text: its prose, a MinHash signature of its word shingles and its LSH keys.

Similarity is the share of an article's shingles found in the other text (containment), estimated from
the two signatures and the shingle counts: a copy cut short, or missing a paragraph, is then wholly
contained in the original, while an update that adds much new text is not contained in the story it
extends and is kept.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import xxhash

from streams.text.fingerprint import normalise
from streams.text.shingles import SHINGLE_WORDS, SIGNATURE_DTYPE, jaccard, minhash, shingles, words

TEXT_KEY = 0xFF
LEAD_KEY = 0xFE

_SENTENCE_END = re.compile(r"(?:[.!?:;\"'”’)\]]|[。！？｡．][」』）】〕〉》〗〙｣]*)\s*$")
_FURNITURE_MAX_WORDS = 12
_MIN_PROSE_WORDS = 20


@dataclass(frozen=True, slots=True)
class Params:
    """How texts are sketched: shingle length, signature length, LSH bands and rows, lead length."""

    shingle_words: int = SHINGLE_WORDS
    permutations: int = 128
    bands: int = 16
    rows: int = 4
    lead_words: int = 12

    def __post_init__(self) -> None:
        if self.bands * self.rows > self.permutations:
            raise ValueError("bands x rows must not exceed the signature length")


DEFAULT = Params()


@dataclass(frozen=True, slots=True)
class Sketch:
    """A text's dedup fingerprint: its signature, how many shingles it has, and its LSH keys."""

    signature: bytes
    shingles: int
    keys: tuple[bytes, ...]


def prose(text: str) -> str:
    """The text without lines that look like page furniture, unless too little would be left to compare."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    counted = [(line, len(words(line))) for line in lines]
    kept = [(line, count) for line, count in counted if not _furniture(line, count)]
    if sum(count for _, count in kept) < _MIN_PROSE_WORDS:
        return "\n".join(lines)
    return "\n".join(line for line, _ in kept)


def _furniture(line: str, count: int) -> bool:
    """A menu, button, link or footer line: a copyright notice, or a few words without figures or a full stop."""
    if "©" in line:
        return True
    short = count <= _FURNITURE_MAX_WORDS
    return short and not _SENTENCE_END.search(line) and not any(c.isdigit() for c in line)


def sketch(text: str, params: Params = DEFAULT) -> Sketch:
    """Sketch a text: its furniture-free, normalised words give the shingles, signature and keys."""
    tokens = words(normalise(prose(text)))
    grams = set(shingles(tokens, params.shingle_words))
    slots = minhash(grams, params.permutations)
    keys = [_key(band, slots[band * params.rows : (band + 1) * params.rows].tobytes()) for band in range(params.bands)]
    if params.lead_words:
        keys.append(_key(LEAD_KEY, " ".join(tokens[: params.lead_words]).encode("utf-8")))
    keys.append(_key(TEXT_KEY, " ".join(tokens).encode("utf-8")))
    signature = slots.astype(SIGNATURE_DTYPE).tobytes()
    return Sketch(signature=signature, shingles=len(grams), keys=tuple(dict.fromkeys(keys)))


def _key(kind: int, data: bytes) -> bytes:
    """An LSH bucket key: which band (or the lead or text key) and a 64-bit hash of its content."""
    return bytes((kind,)) + xxhash.xxh3_64_digest(data)


def containment(a: bytes, a_shingles: int, b: bytes, b_shingles: int) -> tuple[float, float]:
    """Estimated shares of A's shingles found in B and of B's found in A, from Jaccard and the set sizes."""
    j = jaccard(a, b)
    common = j * (a_shingles + b_shingles) / (1 + j)
    return min(1.0, common / a_shingles), min(1.0, common / b_shingles)
