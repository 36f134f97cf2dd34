"""Text fingerprints shared by split (article ids) and dedup (exact duplicates), so both agree."""

from __future__ import annotations

import re
import unicodedata

import xxhash

_NON_WORD = re.compile(r"[\W_]+", re.UNICODE)


def normalise(text: str) -> str:
    """Fold case, quotes, punctuation and whitespace so trivially re-typed copies compare equal (quote marks of
    every kind are punctuation, all written as one space)."""
    return _NON_WORD.sub(" ", unicodedata.normalize("NFKC", text).casefold()).strip()


def content_hash(text: str) -> str:
    """Hash of the normalised text: equal for exact duplicates, used as the article id."""
    return xxhash.xxh3_128_hexdigest(normalise(text).encode("utf-8"))
