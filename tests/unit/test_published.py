"""Publication time and its precision, from page stamps, relative ages and datelines."""

from __future__ import annotations

import pytest

from streams.records import Article, ArticleKind, Dateline, PublishedPrecision
from streams.split.item_age import published_from_age
from streams.tag.published import published

CRAWLED = "2025-06-23T07:00:00+00:00"


def article(kind: ArticleKind, published_at: str | None) -> Article:
    return Article(
        id="a", document_id="d", position=0, kind=kind,
        source={"filename": None, "outlet": None, "publisher": None, "domain": None, "url": None},
        title=None, author=None, body="text", published_at=published_at, crawled_at=CRAWLED,
        ingested_at=CRAWLED, parent_id=None, split_from=None,
    )  # fmt: skip


@pytest.mark.parametrize(
    ("age", "precision"),
    [("9 minutes ago", "minute"), ("3 hours ago", "hour"), ("an hour ago", "hour"), ("2 days ago", "day"),
     ("just now", "minute"), ("30 seconds ago", "second"), ("yesterday", "day"), ("Jun 21, 2025", "day")],
)  # fmt: skip
def test_related_items_are_as_precise_as_their_age(age: str, precision: PublishedPrecision) -> None:
    stamp = published_from_age(CRAWLED, age)
    assert published(article("related", stamp), None) == (stamp, precision)


@pytest.mark.parametrize(
    ("stamp", "precision"),
    [("2025-06-23T06:32:00+00:00", "minute"), ("2025-06-23", "day"), ("2025-06-23T06:32:17+00:00", "second")],
)
def test_page_and_entry_stamps_keep_their_own_precision(stamp: str, precision: PublishedPrecision) -> None:
    assert published(article("liveblog-entry", stamp), None) == (stamp, precision)
    assert published(article("article", stamp), None) == (stamp, precision)


def test_dateline_day_dates_an_undated_article() -> None:
    dateline = Dateline(
        raw="SEOUL, May 27 (Reuters) -", city="Seoul", country="KR", date="2025-05-27", agency="Reuters"
    )
    assert published(article("lead", None), dateline) == ("2025-05-27", "day")


def test_page_stamp_wins_over_the_dateline() -> None:
    dateline = Dateline(raw="SEOUL, May 27 -", city="Seoul", country="KR", date="2025-05-27", agency=None)
    assert published(article("article", "2025-05-28T01:00:00+00:00"), dateline) == (
        "2025-05-28T01:00:00+00:00",
        "minute",
    )


def test_dateline_without_a_year_or_any_stamp_gives_nothing() -> None:
    dateline = Dateline(raw="SEOUL, May 27 -", city="Seoul", country="KR", date="05-27", agency=None)
    assert published(article("lead", None), dateline) == (None, None)
    assert published(article("lead", None), None) == (None, None)
    assert published(article("article", "yesterday"), None) == ("yesterday", None)
