"""Words and shingles of any script, and MinHash signatures of them, for telling how much two texts share.

Scripts written without spaces (Chinese, Japanese, Thai, Lao, Khmer, Myanmar) have no words to split on,
so each of their characters counts as a word: shingles there are runs of characters.
"""

from __future__ import annotations

import re

import numpy as np
import rensa

from streams.text.fingerprint import normalise

SEED = 20250527
SIGNATURE_DTYPE = np.dtype("<u2")
SHINGLE_WORDS = 5

_UNSPACED = re.compile(
    "[\u0e00-\u0eff"  # Thai, Lao
    "\u1000-\u109f\ua9e0-\ua9ff\uaa60-\uaa7f"  # Myanmar
    "\u1780-\u17ff\u19e0-\u19ff"  # Khmer
    "\u2e80-\u2fdf\u3005-\u3007\u3021-\u3029\u3038-\u303b"  # Han radicals and marks
    "\u3040-\u30ff\u31f0-\u31ff\uff66-\uff9f"  # Hiragana, Katakana
    "\u3100-\u312f\u31a0-\u31bf"  # Bopomofo
    "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003ffff]"  # Han
)


_IDEOGRAPHIC = re.compile(
    "[\u3005\u3007\u3021-\u3029\u3038-\u303a\u3041-\u3096\u309d-\u309f\u30a1-\u30fa\u30fc-\u30ff\u31f0-\u31ff"
    "\uff66-\uff9d\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003ffff]"
)
"""Letters of Chinese and Japanese (Han, Hiragana, Katakana), which readers count one by one."""

_ALPHANUMERIC = re.compile(r"[^\W_]")


def word_count(text: str) -> int:
    """Words as readers count them: whitespace words, but each Chinese or Japanese letter one and their punctuation
    none (Thai, Lao, Khmer and Myanmar write words of many letters without spaces, and are counted by spaces)."""
    if not _IDEOGRAPHIC.search(text):
        return len(text.split())
    spaced, letters = _IDEOGRAPHIC.subn(" ", text)
    return letters + sum(1 for word in spaced.split() if _ALPHANUMERIC.search(word))


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


def text_signature(text: str, permutations: int = 32) -> bytes:
    """A short signature of a whole text, furniture and all, to tell copies of one page from different pages."""
    grams = set(shingles(words(normalise(text)), SHINGLE_WORDS))
    return minhash(grams, permutations).astype(SIGNATURE_DTYPE).tobytes()


def minhash(grams: set[str], permutations: int) -> np.ndarray[tuple[int], np.dtype[np.uint32]]:
    """The MinHash slots of a set of shingles."""
    hasher = rensa.RMinHash(num_perm=permutations, seed=SEED)
    hasher.update(list(grams))
    return np.array(hasher.digest(), dtype=np.uint32)


def jaccard(a: bytes, b: bytes) -> float:
    """Estimated Jaccard similarity of two signatures: the share of slots where they agree."""
    left, right = np.frombuffer(a, SIGNATURE_DTYPE), np.frombuffer(b, SIGNATURE_DTYPE)
    return float(np.count_nonzero(left == right)) / len(left)
