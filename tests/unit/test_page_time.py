"""Publication and modification times read from real pages, with the time of day and zone they state."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from streams.clean.extract import extract_article

SCRAPINGHUB = Path("extraction") / "scrapinghub-benchmark" / "html"
NEWS = Path("extraction") / "trafilatura-news" / "html"


def page(corpus: Path, folder: Path, name: str) -> str:
    return gzip.decompress((corpus / folder / f"{name}.gz").read_bytes()).decode("utf-8", "replace")


@pytest.mark.parametrize(
    ("folder", "name", "published", "modified"),
    [
        # JSON-LD `"datePublished": "2019-11-20T06:35:39Z"`, `"dateModified": "2019-11-20T06:39:54+0000"`: one of
        # the pages that got only a day before.
        (SCRAPINGHUB, "05844573ca7e1fba714d715bb11ca08c26e25328999c74a1cb3bc8a0e4399f0f.html",
         "2019-11-20T06:35:39+00:00", "2019-11-20T06:39:54+00:00"),
        # JSON-LD and OpenGraph `article:published_time`, edited three minutes later.
        (NEWS, "unsere-zeitung.at.inklusion.html", "2020-02-02T14:38:53+00:00", "2020-02-02T14:41:27+00:00"),
        # `<time pubdate datetime="2020-02-18T18:07:56+09:00">`: the zone is kept as the page writes it.
        (NEWS, "japantimes.co.jp.surgical.html", "2020-02-18T18:07:56+09:00", None),
        # A plain `<time datetime="2020-01-28T15:49:07+0100">` on the day htmldate finds gives its time of day.
        (NEWS, "faz.net.streaming.html", "2020-01-28T15:49:07+01:00", None),
        # Microdata on a `<span itemprop="datePublished" content="2020-03-18T13:15:00.000+01:00">`.
        (NEWS, "ndr.de.podcastcoronavirus140.html", "2020-03-18T13:15:00+01:00", None),
        # JSON-LD states both; the modification comes after the publication.
        (NEWS, "nytimes.com.blackouts.html", "2020-08-16T23:40:47+00:00", "2020-08-17T00:25:54+00:00"),
    ],
)  # fmt: skip
def test_a_stated_timestamp_keeps_its_time_of_day(
    corpus: Path, folder: Path, name: str, published: str, modified: str | None
) -> None:
    article = extract_article(page(corpus, folder, name))
    assert article is not None
    assert (article.published_at, article.modified_at) == (published, modified)


def test_a_page_stating_only_a_day_gets_a_day(corpus: Path) -> None:
    # `<meta property="article:published_time" content="2019-12-23"/>`: no time of day is made up.
    article = extract_article(page(corpus, NEWS, "newrepublic.com.neoliberalism.html"))
    assert article is not None
    assert article.published_at == "2019-12-23"
