"""Word stems and general-English word frequencies, shared by the rules that compare words across text."""

from __future__ import annotations

from functools import cache

import Stemmer
import wordfreq

TITLES = frozenset(
    {"mr", "mrs", "ms", "dr", "president", "minister", "prime", "secretary", "chief", "senator", "governor", "king"}
)
"""Words of a title written before a name ("Prime Minister Ishiba"), which are not names themselves."""
WEEKDAYS = frozenset({"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"})


@cache
def _stemmer() -> Stemmer.Stemmer:
    """One Snowball stemmer, so "Russia" and "Russian's" count as the same word."""
    return Stemmer.Stemmer("english")


def stem(word: str) -> str:
    """The Snowball stem of a lower-case word."""
    return str(_stemmer().stemWord(word))


@cache
def english_frequencies() -> dict[str, float]:
    """General English word frequencies (wordfreq's small list), loaded once."""
    return wordfreq.get_frequency_dict("en", wordlist="small")
