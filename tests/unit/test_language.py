"""Language identification on a news paragraph in each language newswire must recognise."""

from __future__ import annotations

import pytest

from benchmarks.paragraphs import NEWS_PARAGRAPHS
from streams.tag.language import SAMPLE_CHARS, identify


def test_every_required_language_has_a_paragraph() -> None:
    required = {"en", "de", "fr", "es", "pt", "pl", "ru", "ar", "zh", "ja", "ko", "hi", "bn", "th", "my", "ne", "lv"}
    assert set(NEWS_PARAGRAPHS) == required


@pytest.mark.parametrize(("code", "text"), sorted(NEWS_PARAGRAPHS.items()))
def test_news_paragraph_language(code: str, text: str) -> None:
    language, score = identify(text)
    assert language == code
    assert score is not None
    assert 0.5 < score <= 1.0


def test_only_the_opening_is_read() -> None:
    english = NEWS_PARAGRAPHS["en"] * (SAMPLE_CHARS // len(NEWS_PARAGRAPHS["en"]) + 1)
    assert identify(english + NEWS_PARAGRAPHS["de"] * 20)[0] == "en"


@pytest.mark.parametrize("text", ["", "   ", "12 / 14 -- 3.5%"])
def test_no_letters_no_language(text: str) -> None:
    assert identify(text) == (None, None)
