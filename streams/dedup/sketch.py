"""What dedup remembers of a text: its prose, a MinHash signature of its word shingles and its LSH keys.

Similarity is the share of an article's shingles found in the other text (containment), estimated from
the two signatures and the shingle counts: a copy cut short, or missing a paragraph, is then wholly
contained in the original, while an update that adds much new text is not contained in the story it
extends and is kept.

Scripts written without spaces (Chinese, Japanese, Thai, Lao, Khmer, Myanmar) have no words to split on,
so each of their characters counts as a word: shingles there are runs of characters.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
import rensa
import xxhash

from streams.text.fingerprint import normalise

SEED = 20250527
SIGNATURE_DTYPE = np.dtype("<u2")

TEXT_KEY = 0xFF
LEAD_KEY = 0xFE

_SENTENCE_END = re.compile(r"(?:[.!?:;\"'”’)\]]|[。！？｡．][」』）】〕〉》〗〙｣]*)\s*$")
_UNSPACED = re.compile(
    "[\u0e00-\u0eff"  # Thai, Lao
    "\u1000-\u109f\ua9e0-\ua9ff\uaa60-\uaa7f"  # Myanmar
    "\u1780-\u17ff\u19e0-\u19ff"  # Khmer
    "\u2e80-\u2fdf\u3005-\u3007\u3021-\u3029\u3038-\u303b"  # Han radicals and marks
    "\u3040-\u30ff\u31f0-\u31ff\uff66-\uff9f"  # Hiragana, Katakana
    "\u3100-\u312f\u31a0-\u31bf"  # Bopomofo
    "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003ffff]"  # Han
)
_FURNITURE_MAX_WORDS = 12
_MIN_PROSE_WORDS = 20


@dataclass(frozen=True, slots=True)
class Params:
    """How texts are sketched: shingle length, signature length, LSH bands and rows, lead length."""

    shingle_words: int = 5
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


def words(text: str) -> list[str]:
    """Whitespace words, but a character of a script written without spaces is a word by itself."""
    if not _UNSPACED.search(text):
        return text.split()
    return _UNSPACED.sub(r" \g<0> ", text).split()


def shingles(words: list[str], size: int) -> list[str]:
    """Overlapping word n-grams; a text shorter than one shingle is a single shingle."""
    if len(words) <= size:
        return [" ".join(words)]
    return [" ".join(words[i : i + size]) for i in range(len(words) - size + 1)]


def sketch(text: str, params: Params = DEFAULT) -> Sketch:
    """Sketch a text: its furniture-free, normalised words give the shingles, signature and keys."""
    tokens = words(normalise(prose(text)))
    grams = set(shingles(tokens, params.shingle_words))
    minhash = rensa.RMinHash(num_perm=params.permutations, seed=SEED)
    minhash.update(list(grams))
    slots = np.array(minhash.digest(), dtype=np.uint32)
    keys = [_key(band, slots[band * params.rows : (band + 1) * params.rows].tobytes()) for band in range(params.bands)]
    if params.lead_words:
        keys.append(_key(LEAD_KEY, " ".join(tokens[: params.lead_words]).encode("utf-8")))
    keys.append(_key(TEXT_KEY, " ".join(tokens).encode("utf-8")))
    signature = slots.astype(SIGNATURE_DTYPE).tobytes()
    return Sketch(signature=signature, shingles=len(grams), keys=tuple(dict.fromkeys(keys)))


def _key(kind: int, data: bytes) -> bytes:
    """An LSH bucket key: which band (or the lead or text key) and a 64-bit hash of its content."""
    return bytes((kind,)) + xxhash.xxh3_64_digest(data)


def jaccard(a: bytes, b: bytes) -> float:
    """Estimated Jaccard similarity of two signatures: the share of slots where they agree."""
    left, right = np.frombuffer(a, SIGNATURE_DTYPE), np.frombuffer(b, SIGNATURE_DTYPE)
    return float(np.count_nonzero(left == right)) / len(left)


def containment(a: bytes, a_shingles: int, b: bytes, b_shingles: int) -> tuple[float, float]:
    """Estimated shares of A's shingles found in B and of B's found in A, from Jaccard and the set sizes."""
    j = jaccard(a, b)
    common = j * (a_shingles + b_shingles) / (1 + j)
    return min(1.0, common / a_shingles), min(1.0, common / b_shingles)
