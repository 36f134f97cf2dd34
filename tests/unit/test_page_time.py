"""Publication and modification times read from real pages, with the time of day and zone they state."""

from __future__ import annotations

import gzip
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest
import trafilatura

from streams.clean.extract import extract_article
from streams.clean.page_time import published_time
from streams.clean.provenance import json_ld_nodes

SCRAPINGHUB = Path("extraction") / "scrapinghub-benchmark" / "html"
NEWS = Path("extraction") / "trafilatura-news" / "html"


def page(corpus: Path, folder: Path, name: str) -> str:
    return gzip.decompress((corpus / folder / f"{name}.gz").read_bytes()).decode("utf-8", "replace")


def news_published_at(corpus: Path, name: str) -> str | None:
    """The publication time the clean stage reads from a page of the news set."""
    article = extract_article(page(corpus, NEWS, name))
    assert article is not None
    return article.published_at


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
        # JSON-LD writes both stamps as Java does ("Tue Jan 28 15:28:56 CET 2020"); before they were read, a
        # plain `<time datetime="2020-01-28T15:49:07+0100">` gave the modification's time of day.
        (NEWS, "faz.net.streaming.html", "2020-01-28T15:28:56+01:00", "2020-01-28T15:49:07+01:00"),
        # Microdata on a `<span itemprop="datePublished" content="2020-03-18T13:15:00.000+01:00">`.
        (NEWS, "ndr.de.podcastcoronavirus140.html", "2020-03-18T13:15:00+01:00", None),
        # JSON-LD states both; the modification comes after the publication.
        (NEWS, "nytimes.com.blackouts.html", "2020-08-16T23:40:47+00:00", "2020-08-17T00:25:54+00:00"),
        # The NewsArticle's own stamps, not the day of the images it nests before them (`"datePublished":
        # "2023-11-06"` on each ImageObject).
        (NEWS, "www1.wdr.de-Correctiv-Recherche.html", "2023-11-06T18:19:00+01:00", "2023-11-07T10:14:00+01:00"),
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
    assert news_published_at(corpus, "newrepublic.com.neoliberalism.html") == "2019-12-23"


@pytest.mark.parametrize(
    ("name", "published"),
    [
        # `article:published_time` 2020-02-25T02:25:54+00:00 under "February 24, 2020 | 9:25pm".
        ("pagesix.com.myers.html", "2020-02-24T21:25:54-05:00"),
        # JSON-LD `2019-10-18T22:04:00Z` under "19. Oktober 2019 00:04 Uhr".
        ("0b96fc66e2c94f45a1b923ec9a31fcf2.html", "2019-10-19T00:04:00+02:00"),
        # JSON-LD "Wed, 04 May 2022 00:25:56 GMT" (an e-mail date) beside "3 de mayo de 2022" and "21:25".
        ("lanacion.com.ar-jugada.html", "2022-05-03T21:25:56-03:00"),
        # A time in the 12-hour clock: "November 8, 2023 at 11:30 p.m." over 2023-11-09T05:30:59+00:00.
        ("twincities.com-mayor.html", "2023-11-08T23:30:59-06:00"),
    ],
)
def test_a_utc_stamp_is_written_in_the_zone_of_the_clock_the_page_shows(
    corpus: Path, name: str, published: str
) -> None:
    assert news_published_at(corpus, name) == published


def test_a_utc_stamp_whose_shown_clock_gives_the_same_day_is_kept(corpus: Path) -> None:
    # JSON-LD 2019-10-19T03:00:00Z shown as "19.10.2019, 05:00 Uhr": the same day, so the stamp stays as
    # stated; a teaser further down at "18.10.2019, 20:00 Uhr" (the same minute at -07:00) is not the
    # article's clock.
    assert news_published_at(corpus, "0a29620f9c4347758c146ed06dab6f3e.html") == "2019-10-19T03:00:00+00:00"


def test_a_stamp_in_the_publishers_own_zone_is_kept(corpus: Path) -> None:
    # JSON-LD 2020-01-13T18:54:00+01:00; a reader comment at "14. 01. 2020, 03:54" reads as the same
    # minute at +10:00, but a zone the publisher wrote is not second-guessed.
    assert news_published_at(corpus, "taz.de.siemens.html") == "2020-01-13T18:54:00+01:00"


@pytest.mark.parametrize(
    ("name", "published"),
    [
        # `<meta name="date" content="2020-04-30">` (htmldate's reading) against the dateline
        # `<time>29.04.2020, 12:01 Uhr</time>`, whose clock time is kept (the page states no zone).
        ("neues-deutschland.de.mietenstreik.html", "2020-04-29T12:01:00"),
        # "Stand: 28.04.2020 18:00 Uhr" against `<meta name="date" content="2020-04-29T11:52:23">`.
        ("tagesschau.de.rheinmetall.html", "2020-04-28T18:00:00"),
        # "Written: 2023-11-07 15:03:30" against a list of other programmes dated 2023-11-03.
        ("world.kbs.co.kr-Temperatures.html", "2023-11-07T15:03:00"),
        # "15. Mai 2019, 05:28 Uhr", timed by its `<time datetime="2019-05-15 05:28:29">`; modified on the 17th.
        ("sueddeutsche.de.flixtrain.html", "2019-05-15T05:28:29"),
        # A labelled date without a clock time, "Erstellt am: 01.11.2023", against `<meta name="date"
        # content="11/01/2023 12:43:42">` written month-first, which htmldate reads as 11 January.
        ("simmeltalzeitung.ch-Trinkwasser.html", "2023-11-01"),
        # "[06月24日 11時30分]" gives no year: the page's only other date, 2019-06-19 in a link to the
        # story's regular version (htmldate's reading), gives 2019.
        ("nhk.or.jp.k100.html", "2019-06-24T11:30:00"),
    ],
)
def test_without_a_stated_stamp_the_dateline_gives_the_day(corpus: Path, name: str, published: str) -> None:
    assert news_published_at(corpus, name) == published


def test_a_date_in_the_story_is_no_dateline(corpus: Path) -> None:
    # The police report's "Am 31.10.2023, gegen 23:40 Uhr" is when it happened, not a dateline: htmldate's
    # day stands.
    published = news_published_at(corpus, "hildesheimer-presse.de-hund.html")
    assert published is not None
    assert published.startswith("2023-11-01")


def test_a_labelled_date_cut_mid_word_lends_no_day() -> None:
    # The byline of a ScrapingHub page (c13b9c0e…): the 40 characters after "Published:" end in "Updated:
    # Nov. 1", whose "1" would have let htmldate's misreading 2019-01-01 pass as written; htmldate's own
    # reading of the page stands.
    tree = trafilatura.load_html(
        '<html><body><time class="dt-published gray db mb2"><b>Published:</b> Nov. 19, 2019, 6:18 p.m.</time>'
        '<time class="dt-updated gray db mb2"><b>Updated:</b> Nov. 19, 2019, 7:10 p.m.</time></body></html>'
    )
    assert published_time(tree, [*json_ld_nodes(tree)], None) == "2019-11-19T18:18:00"


STORY = "<p>Rescue workers searched the rubble of the Cafe Kyiv on Monday, officials said, as the city counted.</p>"


@pytest.mark.parametrize("footer", ["© 2019 Daily Courier. All rights reserved.", "Copyright 2019 Daily Courier",
                                    "Daily Courier, founded in 2019"])  # fmt: skip
def test_a_year_alone_is_no_publication_day(footer: str) -> None:
    # htmldate makes January 1 up from a footer's year when the page has no date; that is no publication day.
    tree = trafilatura.load_html(f"<html><body><article>{STORY}</article><footer>{footer}</footer></body></html>")
    assert published_time(tree, [*json_ld_nodes(tree)], None) is None


@pytest.mark.parametrize(
    ("shown", "url"),
    [
        ("<p class='date'>Published January 1, 2019</p>", None),
        ("<p>01.01.2019 — Kyiv</p>", None),
        ("", "https://example.com/news/2019/01/01/kyiv-strikes"),
    ],
)
def test_a_january_1_the_page_states_is_kept(shown: str, url: str | None) -> None:
    tree = trafilatura.load_html(f"<html><body><article>{shown}{STORY}</article><footer>© 2019 Courier</footer>"
                                 "</body></html>")  # fmt: skip
    assert (published_time(tree, [*json_ld_nodes(tree)], url) or "")[:10] == "2019-01-01"


@pytest.mark.parametrize(
    ("stated", "published"),
    [
        ("1676551869000", "2023-02-16T12:51:09+00:00"),
        ("1676551869", "2023-02-16T12:51:09+00:00"),
        ("true", None),
        ("12", None),
    ],
)
def test_a_json_ld_stamp_written_as_a_unix_time_is_read(stated: str, published: str | None) -> None:
    json_ld = f'<script type="application/ld+json">{{"@type": "NewsArticle", "datePublished": {stated}}}</script>'
    tree = trafilatura.load_html(f"<html><head>{json_ld}</head><body><article>{STORY}</article></body></html>")
    assert published_time(tree, [*json_ld_nodes(tree)], None) == published


@pytest.mark.parametrize(
    ("stated", "published"),
    [
        ("Sun Nov 23 16:00:00 EDT 2014", "2014-11-23T16:00:00-04:00"),
        ("Mon Feb 02 09:30:00 GMT 2015", "2015-02-02T09:30:00+00:00"),
        ("Sun Nov 23 16:00:00 IST 2014", None),
    ],
)
def test_a_meta_stamp_as_java_writes_dates_is_read_where_its_zone_is_one_offset(
    stated: str, published: str | None
) -> None:
    meta = f'<meta property="article:published_time" content="{stated}">'
    tree = trafilatura.load_html(f"<html><head>{meta}</head><body><article>{STORY}</article></body></html>")
    assert published_time(tree, [*json_ld_nodes(tree)], None) == published


def test_a_plain_time_element_on_the_day_found_gives_its_time_of_day() -> None:
    tree = trafilatura.load_html(
        '<html><body><article><p class="date">28.01.2020</p><time datetime="2020-01-28T15:49:07+0100">15:49</time>'
        f"{STORY}</article></body></html>"
    )
    assert published_time(tree, [*json_ld_nodes(tree)], None) == "2020-01-28T15:49:07+01:00"


@pytest.mark.parametrize(
    ("stated", "published"),
    [
        ("1710495000000", "2024-03-15T09:30:00+00:00"),
        ("1710495000", "2024-03-15T09:30:00+00:00"),
        ("20240315", "2024-03-15"),
    ],
)
def test_a_meta_stamp_in_digits_is_a_unix_time_or_a_day(stated: str, published: str) -> None:
    meta = f'<meta property="article:published_time" content="{stated}">'
    tree = trafilatura.load_html(f"<html><head>{meta}</head><body><article>{STORY}</article></body></html>")
    assert (published_time(tree, [*json_ld_nodes(tree)], None) or "").startswith(published)


@pytest.mark.parametrize("placeholder", ["0001-01-01T00:00:00", "1970-01-01T00:00:00Z", "2099-12-31T23:59:59Z"])
def test_a_placeholder_or_a_stamp_after_the_crawl_gives_way_to_the_next_stamp(placeholder: str) -> None:
    # A CMS writes "0001-01-01" or the Unix epoch for "unset", and some a far-off time for "scheduled".
    stated = f'{{"@type": "NewsArticle", "datePublished": "{placeholder}"}}'
    json_ld = f'<script type="application/ld+json">{stated}</script>'
    meta = '<meta property="article:published_time" content="2024-03-12T13:40:00+00:00">'
    tree = trafilatura.load_html(f"<html><head>{json_ld}{meta}</head><body><article>{STORY}</article></body></html>")
    assert (
        published_time(tree, [*json_ld_nodes(tree)], None, datetime(2024, 3, 13, tzinfo=UTC))
        == "2024-03-12T13:40:00+00:00"
    )


def test_a_stamp_after_the_crawl_is_no_publication_time_even_alone() -> None:
    json_ld = '<script type="application/ld+json">{"@type": "NewsArticle", "datePublished": "2024-06-01"}</script>'
    tree = trafilatura.load_html(f"<html><head>{json_ld}</head><body><article>{STORY}</article></body></html>")
    assert published_time(tree, [*json_ld_nodes(tree)], None, datetime(2024, 6, 2, tzinfo=UTC)) == "2024-06-01"
    assert published_time(tree, [*json_ld_nodes(tree)], None, datetime(2024, 3, 13, tzinfo=UTC)) != "2024-06-01"


_LEFT_TO_DATEPARSER = """
import time
from dateparser.languages.loader import LocaleDataLoader
from streams.clean import clean, warm_up
from streams.ingest import raw_meta

page = (b"<html><body><article><h1>Deportees return home from US</h1><div>November 20 15:23 2019</div><p>"
        + b"The first flight of deportees landed on Wednesday, officials said, and more are due next week. " * 5
        + b"</p></article></body></html>")
before = len(LocaleDataLoader._loaded_locales)
warm_up()
warmed = len(LocaleDataLoader._loaded_locales)
document = clean(page, raw_meta(page, {}, 0, 0, int(time.time() * 1000)), max_bytes=1_000_000)
print(before, warmed, len(LocaleDataLoader._loaded_locales), document["published_at"])
"""


def test_the_warm_up_loads_every_language_a_page_left_to_dateparser_needs() -> None:
    """A page whose date only htmldate's last resort reads: a fresh process warmed up loads nothing for it."""
    ran = subprocess.run([sys.executable, "-c", _LEFT_TO_DATEPARSER], capture_output=True, text=True, check=True)
    before, warmed, after, published = ran.stdout.split()
    assert (int(before), int(after), published) == (0, int(warmed), "2019-11-20T15:23:00")
    assert int(warmed) > 100


@pytest.mark.parametrize(
    ("shown", "published"),
    [
        # The clock time written with the dateline's date, in the languages of the news sets.
        ('<div class="meta">Stand: 28.10.2025, 18:00 Uhr</div>', "2025-10-28T18:00:00"),
        ('<div class="data">12 maggio 2025 ore 15:40</div>', "2025-05-12T15:40:00"),
        ('<p class="date">Publicado a 18 de setembro de 2025, às 10:05</p>', "2025-09-18T10:05:00"),
        ('<span class="date">Publié le 3 mars 2025 à 14h12</span>', "2025-03-03T14:12:00"),
        ('<span class="date">3 maart 2025, 09:30</span>', "2025-03-03T09:30:00"),
        ('<p class="fecha">Publicado el 4 de marzo de 2025 a las 12:30</p>', "2025-03-04T12:30:00"),
        # A video's length beside its date is no clock time.
        ('<p class="video-meta">June 12, 2024 · 1:12</p>', "2024-06-12"),
    ],
)
def test_the_clock_time_written_with_the_dateline_is_kept(shown: str, published: str) -> None:
    tree = trafilatura.load_html(f"<html><body><article><h1>Harbor</h1>{shown}{STORY}</article></body></html>")
    assert published_time(tree, [*json_ld_nodes(tree)], None, datetime(2026, 1, 1, tzinfo=UTC)) == published


@pytest.mark.parametrize(
    "teasers",
    [
        '<aside class="trending"><ol><li><a href="/a">Bridge closures</a> <time datetime="{day}T07:40:00-05:00">'
        "7:40 a.m.</time></li></ol></aside>",
        '<div class="related-articles"><ul><li><a href="/b">Heat advisory</a> <time datetime="{day}T06:02:00-05:00">'
        "6:02 a.m.</time></li></ul></div>",
    ],
)
def test_a_teaser_s_time_is_not_the_story_s(teasers: str) -> None:
    day = "2025-06-17"
    own = f'<time datetime="{day}T22:48:00-05:00">June 17, 2025 10:48 p.m.</time>'
    tree = trafilatura.load_html(
        f"<html><body>{teasers.format(day=day)}<article><h1>Budget</h1>{own}{STORY}</article></body></html>"
    )
    assert published_time(tree, [*json_ld_nodes(tree)], None) == f"{day}T22:48:00-05:00"


@pytest.mark.parametrize(
    ("shown", "published", "modified"),
    [
        # The update a page shows after its label, in its languages; in the publication stamp's zone when the page
        # shows the publication's clock, as it then shows its clock in that zone.
        ("06.03.2025, 05:30 Uhr · Aktualisiert: 06.03.2025, 09:12 Uhr", "2025-03-06T05:30:00+01:00",
         "2025-03-06T09:12:00+01:00"),
        ("22 de julio de 2025 · 18:15 · Actualizado: 22 de julio de 2025 · 20:40", "2025-07-22T18:15:00-03:00",
         "2025-07-22T20:40:00-03:00"),
        ("Publié le 21/01/2025 à 06:00 Mis à jour le 21/01/2025 à 10:48", "2025-01-21T06:00:00+01:00",
         "2025-01-21T10:48:00+01:00"),
        ("1 agosto 2025, 06:30 | Aggiornato: 1 agosto 2025, 12:05 Condividi", "2025-08-01T06:30:00+02:00",
         "2025-08-01T12:05:00+02:00"),
        ("12 марта 2025, 14:05 Обновлено: 12 марта 2025, 16:30", "2025-03-12T09:05:00+00:00", "2025-03-12T16:30:00"),
        # Dutch "18.05 uur", an Italian article before the day, labels naming the last update (probe12).
        ("4 juni 2025 om 14.30 uur · Bijgewerkt op 4 juni 2025 om 18.05 uur", "2025-06-04T14:30:00+02:00",
         "2025-06-04T18:05:00+02:00"),
        ("7 novembre 2025 · Aggiornato l'8 novembre 2025 alle 09:15", "2025-11-07", "2025-11-08T09:15:00"),
        ("12 jun 2025 om 09:45 · Laatste update: 12 jun 2025 om 13:20", "2025-06-12T09:45:00+02:00",
         "2025-06-12T13:20:00+02:00"),
        ("3 de marzo de 2025 · Última actualización: 3 de marzo de 2025, 11:20", "2025-03-03", "2025-03-03T11:20:00"),
        ("Dernière mise à jour le 3 mars 2025 à 11h20", "2025-03-03", "2025-03-03T11:20:00"),
        ("opublikowane 18.11.2025 10:15, ostatnio modyfikowane 20.11.2025 14:02", "2025-11-18T10:15:00+01:00",
         "2025-11-20T14:02:00+01:00"),
        # A clock time alone after the label is on the publication's day.
        ("Tue, 08/04/2025 - 07:15 Updated: 09:40", "2025-04-08T07:15:00+01:00", "2025-04-08T09:40:00+01:00"),
        # A `<time datetime>` holding the label, or writing the text after it, gives its stamp.
        ('<time datetime="2025-02-25T15:00:00+01:00">Zaktualizowano: 25 lutego 2025</time>',
         "2025-02-25T11:30:00+01:00", "2025-02-25T15:00:00+01:00"),
        ('Laatst bijgewerkt: <time class="updated" datetime="2025-04-15T15:10:00+02:00">15 april 2025, 15:10</time>',
         "2025-04-15T12:30:00+02:00", "2025-04-15T15:10:00+02:00"),
        # A teaser's update label in a link is not the story's; nor is an update before the publication.
        ('<a href="/other"><p>Episode 40</p><p>LAST UPDATED: Feb 26, 2020</p></a>', "2020-02-18T18:07:56+09:00",
         None),
        ("Updated: 3 March 2025, 08:00", "2025-03-04T09:00:00+01:00", None),
    ],
)  # fmt: skip
def test_an_update_the_page_shows_is_its_modification_time(shown: str, published: str, modified: str | None) -> None:
    stated = f'<meta property="article:published_time" content="{published}">'
    page = f"<html><head>{stated}</head><body><article><h1>Harbor</h1><div>{shown}</div>{STORY}</article></body></html>"
    article = extract_article(page, datetime(2026, 1, 1, tzinfo=UTC))
    assert article is not None
    assert (article.published_at, article.modified_at) == (published, modified)


def test_an_update_s_date_is_no_dateline() -> None:
    # The page's text shows its update with a clock time, its publication without; the story's `<time>` gives that.
    shown = ('<time datetime="2025-10-14T16:45:00+02:00">14. Oktober 2025</time> · Aktualisiert am 15. Oktober 2025,'
             " 08:10")  # fmt: skip
    tree = trafilatura.load_html(f"<html><body><article><h1>Basel</h1><p>{shown}</p>{STORY}</article></body></html>")
    assert published_time(tree, [*json_ld_nodes(tree)], None) == "2025-10-14T16:45:00+02:00"


def test_a_clock_time_read_from_a_side_column_gives_way_to_the_story_s_time_element() -> None:
    own = '<dd class="published"><time datetime="2025-02-25T11:30:00+01:00">Opublikowano: 25 lutego 2025</time></dd>'
    side = (
        '<div class="moduletable"><ul><li><a href="/a">Remont</a> <small>25 lutego 2025, 09:55</small></li></ul></div>'
    )
    tree = trafilatura.load_html(
        f"<html><body><main><h1>Targi</h1><dl>{own}</dl>{STORY}</main><div>{side}</div></body></html>"
    )
    assert published_time(tree, [*json_ld_nodes(tree)], None) == "2025-02-25T11:30:00+01:00"


def test_a_news_ticker_s_update_over_the_headline_is_not_the_story_s() -> None:
    ticker = '<div class="newsbar"><span>Aktualisiert 12:30</span> Bahnstreik: Pendler müssen umplanen</div>'
    stated = '<meta property="article:published_time" content="2025-02-04T10:41:00+01:00">'
    own = "<p>04.02.2025, 10:41 Uhr · Aktualisiert am 04.02.2025, 14:55 Uhr</p>"
    page = f"<html><head>{stated}</head><body>{ticker}<article><h1>Bahnwerk</h1>{own}{STORY}</article></body></html>"
    article = extract_article(page, datetime(2026, 1, 1, tzinfo=UTC))
    assert article is not None
    assert article.modified_at == "2025-02-04T14:55:00+01:00"
    alone = page.replace(own, "")
    article = extract_article(alone, datetime(2026, 1, 1, tzinfo=UTC))
    assert article is not None
    assert article.modified_at is None


def test_a_json_ld_modified_time_left_at_the_publication_gives_way_to_a_later_meta_tag() -> None:
    # Probe 15: the CMS wrote JSON-LD's dateModified equal to datePublished, the OpenGraph tag the real update.
    ld = ('<script type="application/ld+json">{"@type": "NewsArticle", "datePublished": "2025-10-08T07:10:00+02:00", '
          '"dateModified": "2025-10-08T07:10:00+02:00"}</script>')  # fmt: skip
    meta = '<meta property="article:modified_time" content="2025-10-08T19:32:00+02:00">'
    page = f"<html><head>{ld}{meta}</head><body><article><h1>Brennero</h1>{STORY}</article></body></html>"
    article = extract_article(page, datetime(2026, 1, 1, tzinfo=UTC))
    assert article is not None
    assert (article.published_at, article.modified_at) == ("2025-10-08T07:10:00+02:00", "2025-10-08T19:32:00+02:00")
    alone = extract_article(page.replace(meta, ""), datetime(2026, 1, 1, tzinfo=UTC))
    assert alone is not None
    assert alone.modified_at is None, "no update but the publication's own time"
    clock = page.replace(meta, "").replace(
        '"dateModified": "2025-10-08T07:10:00+02:00"', '"dateModified": "2025-10-08T09:00:00"'
    )
    assert (naive := extract_article(clock, datetime(2026, 1, 1, tzinfo=UTC))) is not None
    assert naive.modified_at == "2025-10-08T09:00:00", "a stamp without a zone is the page's clock, two hours later"
