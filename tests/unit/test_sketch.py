"""Sketching text written without spaces: characters as words, full-width sentence ends, Japanese copies found."""

from __future__ import annotations

from pathlib import Path

import pytest

from benchmarks.dedup import score
from benchmarks.dedup_pairs import TRUNCATE_TO, Pair, held_out_pairs, read_stories, topic_stories
from benchmarks.extraction import scrapinghub_bodies
from streams.dedup.sketch import prose
from streams.settings import Settings
from streams.text.fingerprint import normalise
from streams.text.shingles import words

KINDLE = "f105de6e63ca91ea482f60193f6252092557f969f2fd128ff68c0d4d6b90dd7d"
"""ScrapingHub page of a Japanese blog post on Kindle for PC's hotkey (body 172 of the held-out set)."""
IPHONE = "85439e26c41c75901820d01a13e8cea7836abb58635ea3986f71a163ab0311d3"
"""ScrapingHub page of a Japanese post on reselling jailbroken iPhones: the benchmark's other Japanese body."""
KINDLE_MENU = (
    "サイトマップ",
    "プライバシーポリシー",
    "免責事項",
    "お問い合わせ",
    "Home  ›",
    "ソフトウェア ›",
    "ソフトウェア一般 ›",
)
KINDLE_FOOTER = (
    "スポンサードリンク",
    "タグ: ソフトウェア",
    "関連記事",
    "新着記事",
    "購読",
    "運営サイト",
    "© Copyright 2011-2019 ノート100YEN.com.",
)
"""Menu and footer lines of the Kindle post's own page, around its article."""


def test_characters_of_unspaced_scripts_are_words_and_spaced_scripts_keep_theirs() -> None:
    assert words("Kindle for PCの起動") == ["Kindle", "for", "PC", "の", "起", "動"]
    assert words("北京时间") == ["北", "京", "时", "间"]
    assert words("ภาษาไทย") == ["ภ", "า", "ษ", "า", "ไ", "ท", "ย"]
    assert words("서울 시내 교통") == ["서울", "시내", "교통"]


def test_japanese_sentences_ending_in_a_full_width_stop_are_not_furniture() -> None:
    sentences = [
        "特に困ったのが、起動ショートカットキーに関する設定。",
        "これが非常に困ったもの。",
        "以下、その手順。",
        "「ご覧ください。」",
    ]
    page = "\n".join(["サイトマップ", "お問い合わせ", *sentences, "再起動して完了", "関連記事"])
    assert prose(page).splitlines() == sentences


def test_spaced_text_splits_into_the_same_words_as_before(corpus: Path) -> None:
    texts = [normalise(story.body) for story in [*read_stories(corpus), *topic_stories(corpus)]]
    assert all(words(text) == text.split() for text in texts)


@pytest.fixture(scope="module")
def japanese(corpus: Path) -> tuple[str, str]:
    bodies = scrapinghub_bodies(corpus)
    return bodies[KINDLE], bodies[IPHONE]


def flagged(first: str, second: str) -> bool:
    """Whether dedup flags the second text as a copy of the first, at the configured threshold."""
    threshold = Settings().near_threshold
    return score(Pair("", True, first, second, ""), threshold).flagged(threshold)


def test_every_held_out_copy_of_the_japanese_body_is_found(corpus: Path, japanese: tuple[str, str]) -> None:
    lead = japanese[0].splitlines()[0]
    copies = [pair for pair in held_out_pairs(corpus) if lead in pair.first and lead in pair.second]
    assert {pair.kind for pair in copies} >= {"chrome", "paragraph-added", "paragraph-removed", "truncated"}
    assert all(flagged(pair.first, pair.second) for pair in copies)


def test_japanese_copies_wrapped_cut_or_truncated_are_found_either_way_round(japanese: tuple[str, str]) -> None:
    body = japanese[0]
    lines = [line.strip() for line in body.splitlines() if line.strip()]
    wrapped = "\n".join([*KINDLE_MENU, *lines, *KINDLE_FOOTER])
    truncated = body[: round(len(body) * TRUNCATE_TO)]
    cut = ["\n".join(lines[:dropped] + lines[dropped + 1 :]) for dropped in range(1, len(lines))]
    for copy in (wrapped, truncated, *cut):
        assert flagged(body, copy)
        assert flagged(copy, body)


def test_two_japanese_articles_are_not_duplicates(japanese: tuple[str, str]) -> None:
    kindle, iphone = japanese
    assert not flagged(kindle, iphone)
    assert not flagged(iphone, kindle)
