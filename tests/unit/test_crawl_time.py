"""Crawl time without a `crawled-at` header: the page's own latest stamp bounds it, not the drop time."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from streams.ingest import file_headers, parse_time, raw_meta
from streams.records import Document
from streams.split.crawl_time import with_page_crawl_time
from streams.testing import InProcess

SEED = "000_9b0cd5e21b7b472a.txt"
NO_STAMP_SEED = "003_81b8b7aa3d094d4d.txt"
LATEST_ENTRY = "2025-06-23T06:32:00+00:00"
"""The newest live-blog entry stamp of the seed (`... 23 June 2025 06:32`), the latest time it states."""


def test_raw_meta_says_where_the_crawl_time_came_from() -> None:
    stated = datetime(2025, 6, 23, 7, tzinfo=UTC)
    with_header = raw_meta(b"x", dict(file_headers(Path("a.txt"), stated)), 0, 0, 1_800_000_000_000)
    without = raw_meta(b"x", dict(file_headers(Path("a.txt"))), 0, 1, 1_800_000_000_000)
    assert (with_header["crawled_at"], with_header.get("crawled_at_source")) == (stated.isoformat(), "header")
    assert (without["crawled_at"], without.get("crawled_at_source")) == (without["ingested_at"], "ingest")


def test_a_seed_dropped_without_a_crawl_time_is_dated_by_its_own_stamps(corpus: Path) -> None:
    run = InProcess()
    run.file(SEED, (corpus / "seeds" / SEED).read_bytes())
    articles = run.enriched
    assert articles
    assert not run.rejected
    latest = parse_time(LATEST_ENTRY)
    assert latest is not None
    for article in articles:
        assert (article["crawled_at"], article.get("crawled_at_source")) == (LATEST_ENTRY, "page")
        stamp = parse_time(article["published_at"] or "")
        assert stamp is not None
        assert stamp <= latest, article["published_at"]
    by_kind = {article["kind"]: article for article in reversed(articles)}
    # The lead's `SEOUL, May 27 (Reuters)` dateline falls in the year of the page, not of the drop.
    assert (by_kind["lead"]["published_at"], by_kind["lead"]["published_precision"]) == ("2025-05-27", "day")
    # The first related item says `9 minutes ago`: nine minutes before the page's latest stamp.
    assert by_kind["related"]["published_at"] == "2025-06-23T06:23:00+00:00"


def test_a_stated_crawl_time_is_kept_and_a_page_without_stamps_keeps_the_ingest_time(corpus: Path) -> None:
    stated = datetime(2025, 6, 23, 7, tzinfo=UTC)
    run = InProcess()
    run.file(SEED, (corpus / "seeds" / SEED).read_bytes(), crawled_at=stated)
    run.file(NO_STAMP_SEED, (corpus / "seeds" / NO_STAMP_SEED).read_bytes())
    sources = {(article["document_id"], article.get("crawled_at_source")) for article in run.enriched}
    assert {source for _, source in sources} == {"header", "ingest"}
    for article in run.enriched:
        if article.get("crawled_at_source") == "header":
            assert article["crawled_at"] == stated.isoformat()
        else:
            assert article["crawled_at"] == article["ingested_at"]


def test_a_dateline_giving_its_year_bounds_the_crawl_time_and_a_later_stamp_does_not() -> None:
    text = "WASHINGTON, June 20, 2025 (Reuters) - Talks on the budget went on late into the night.\nMore talks."
    dropped = Document(
        document_id="d", filename="wire.txt", content_type=None, size=len(text),
        crawled_at="2026-12-04T12:00:00+00:00", ingested_at="2026-12-04T12:00:00+00:00", crawled_at_source="ingest",
        format="text", encoding="utf-8", title=None, author=None, published_at=None, site=None, url=None,
        publisher=None, domain=None, text=text,
    )  # fmt: skip
    bounded = with_page_crawl_time(dropped)
    assert (bounded["crawled_at"], bounded.get("crawled_at_source")) == ("2025-06-20T00:00:00+00:00", "page")
    # A stamp after the ingest time cannot precede the crawl: it is passed over, the dateline still counts.
    misdated = with_page_crawl_time(Document(**{**dropped, "published_at": "2027-01-01"}))
    assert misdated["crawled_at"] == "2025-06-20T00:00:00+00:00"
    # A page stating no earlier time keeps the ingest time, as `ingest`.
    future_only = Document(**{**dropped, "text": "More talks.", "published_at": "2027-01-01"})
    assert with_page_crawl_time(future_only) == future_only
    # A stated crawl time is never replaced.
    stated = Document(**{**dropped, "crawled_at_source": "header"})
    assert with_page_crawl_time(stated) == stated


def test_a_related_items_stated_day_bounds_the_crawl_time_so_no_item_comes_after_it() -> None:
    text = "\n".join([
        "Chipmaker to cut 2,400 jobs", "The company said on Thursday it would cut about 2,400 jobs.",
        "Related Articles", "Tech Dispatch", "4 December 2026", "- Tech Dispatch", "Cloud giants spend more",
        "The biggest cloud providers will spend more on data centres this year, analysts said.",
        "The Wire Report", "2026-12-05", "- The Wire Report", "Officials seek talks over plant closure",
        "State officials said they would seek talks with the company about the plant.",
        "Elections", "6 December 2026", "A date over no outlet line is no item's.",
    ])  # fmt: skip
    dropped = Document(
        document_id="d", filename="page.txt", content_type=None, size=len(text),
        crawled_at="2026-12-07T09:00:00+00:00", ingested_at="2026-12-07T09:00:00+00:00", crawled_at_source="ingest",
        format="text", encoding="utf-8", title=None, author=None, published_at="2026-12-03", site=None, url=None,
        publisher=None, domain=None, text=text,
    )  # fmt: skip
    bounded = with_page_crawl_time(dropped)
    assert (bounded["crawled_at"], bounded.get("crawled_at_source")) == ("2026-12-05T00:00:00+00:00", "page")
