"""Text fingerprints shared by split (article ids) and dedup (exact duplicates), so both agree."""

from __future__ import annotations

import re
import unicodedata

import xxhash

# Typographic quote marks as their plain forms, so retyped quotes compare equal.
QUOTES_TO_STRAIGHT = str.maketrans(
    {"‘": "'", "’": "'", "‚": "'", "‛": "'", "“": '"', "”": '"', "„": '"', "«": '"', "»": '"'}
)
_NON_WORD = re.compile(r"[\W_]+", re.UNICODE)


def normalise(text: str) -> str:
    """Fold case, quotes, punctuation and whitespace so trivially re-typed copies compare equal."""
    folded = unicodedata.normalize("NFKC", text).translate(QUOTES_TO_STRAIGHT).casefold()
    return _NON_WORD.sub(" ", folded).strip()


def content_hash(text: str) -> str:
    """Hash of the normalised text: equal for exact duplicates, used as the article id."""
    return xxhash.xxh3_128_hexdigest(normalise(text).encode("utf-8"))
