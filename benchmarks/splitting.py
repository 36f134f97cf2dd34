"""How exactly the split stage cuts aggregator pages, run-on stories and real single articles.

Generated pages (benchmarks.pages) say which articles must come out, split one after another with the chrome
learned from them as the daemon learns it; real single-story articles (the extraction corpus pages and the
Reuters stories, through clean and split) must not be split at all.
"""

from __future__ import annotations

import gzip
import time
from collections.abc import Iterable, Iterator
from pathlib import Path

from benchmarks.dedup_pairs import read_stories
from benchmarks.figures import Figure
from benchmarks.headline_training import held_out
from benchmarks.learning import cleaned_file, split_learning
from benchmarks.pages import CRAWLED_AT, Expected, Page, pages, sources
from streams.errors import RejectedInput
from streams.records import Article, Document
from streams.split.stage import split
from streams.split.stories import split_stories
from streams.text.page import PAGE_CHROME

AREA = "splitting"
PAGES = 400
ITEMS_RIGHT_TARGET = 0.95
MS_PER_PAGE_TARGET = 5.0
HELD_OUT = " (pages from the held-out half)"


def generated_pages(corpus: Path) -> tuple[list[Page], list[Page]]:
    """The generated pages, and those built only from the articles the headline cut weights were not fitted on
    (benchmarks.headline_training)."""
    articles = sources(corpus)
    return list(pages(articles, PAGES)), list(pages([article for article in articles if held_out(article)], PAGES))


def evaluate(corpus: Path) -> Iterator[Figure]:
    """Figures on generated pages, again on pages built only from the held-out articles, then the false-split
    rate on real single articles."""
    generated, held = generated_pages(corpus)
    documents = documents_of(generated)
    results = split_learning(documents)
    started = time.perf_counter()
    for document in documents:  # timed warm, as a running worker splits: word tables loaded, caches filled
        split(document)
    elapsed = time.perf_counter() - started
    yield from page_figures(generated, results)
    yield from page_figures(held, split_learning(documents_of(held)), HELD_OUT)
    yield Figure(AREA, "split time per generated page", 1000 * elapsed / len(generated), MS_PER_PAGE_TARGET, "ms",
                 higher_is_better=False)  # fmt: skip
    split_articles = list(_real_articles(corpus))
    wrongly = sum(article["split_from"] is not None for article in split_articles)
    yield Figure(AREA, "real single articles split (extraction pages, Reuters)", wrongly, 0, higher_is_better=False)
    yield Figure(AREA, "false-split rate on real single articles", wrongly / max(1, len(split_articles)), 0.0,
                 higher_is_better=False)  # fmt: skip
    from_html = [article for article in split_articles if (article["source"]["filename"] or "").endswith(".html.gz")]
    cut = sum(len(split_stories(article["body"])) > 1 for article in from_html)
    yield Figure(AREA, f"extraction pages' articles the run-on check cuts as text (of {len(from_html)})", cut)


def documents_of(generated: list[Page]) -> list[Document]:
    """The generated pages cleaned as the daemon would clean them."""
    return [
        cleaned_file(page.text.encode(), f"page-{index}.txt", "text/plain", CRAWLED_AT)
        for index, page in enumerate(generated)
    ]


def page_figures(generated: list[Page], results: list[list[Article]], suffix: str = "") -> Iterator[Figure]:
    """Item, page, run-on and chrome figures of the generated pages, their names ending in `suffix`."""
    items = right = headed = counts_right = run_ons = run_ons_found = glued = glued_right = false_splits = chrome = 0
    for page, articles in zip(generated, results, strict=True):
        counts_right += len(articles) == len(page.expected)
        found = {_key(article) for article in articles}
        chrome += sum(_has_chrome(article["body"]) for article in articles)
        given = _given_items(articles)
        for index, item in enumerate(_items(page.expected)):
            items += 1
            item_right = all(_expected_key(expected) in found for expected in item)
            right += item_right
            headed += index < len(given) and _heads(given[index]) == _heads(item)
            false_splits += len(item) == 1 and index < len(given) and len(given[index]) > 1
            if len(item) > 1:
                run_ons += 1
                run_ons_found += item_right
            if item[0].glued:
                glued += 1
                glued_right += item_right
    yield Figure(AREA, f"generated pages{suffix}", len(generated))
    yield Figure(AREA, f"items with count, outlet and headline right{suffix}", headed / items, ITEMS_RIGHT_TARGET)
    yield Figure(AREA, f"items right (outlet, headline, time, body, count){suffix}", right / items, ITEMS_RIGHT_TARGET)
    yield Figure(AREA, f"pages with the right article count{suffix}", counts_right / len(generated))
    yield Figure(AREA, f"headlines run into their body separated{suffix}", glued_right / max(1, glued))
    yield Figure(AREA, f"run-on story boundary found exactly{suffix}", run_ons_found / max(1, run_ons))
    yield Figure(AREA, f"false splits of generated single stories{suffix}", false_splits, 0, higher_is_better=False)
    yield Figure(AREA, f"bodies with a chrome or item-header line{suffix}", chrome, 0, higher_is_better=False)


def _items(expected: Iterable[Expected]) -> list[list[Expected]]:
    """Group a page's expected articles by item: each story with the stories split off it."""
    grouped: list[list[Expected]] = []
    for article in expected:
        if article.split_off:
            grouped[-1].append(article)
        else:
            grouped.append([article])
    return grouped


def _given_items(articles: list[Article]) -> list[list[Article]]:
    """Group the articles a page gave by item: each story with the stories split off it."""
    grouped: list[list[Article]] = []
    for article in articles:
        if article["split_from"] is not None and grouped:
            grouped[-1].append(article)
        else:
            grouped.append([article])
    return grouped


def _heads(item: list[Article] | list[Expected]) -> list[tuple[str, str | None, str | None]]:
    """What the acceptance asks of an item: how many articles it gives, and each one's kind, outlet and headline."""
    return [
        (article.kind, article.outlet, article.title)
        if isinstance(article, Expected)
        else (article["kind"], article["source"]["outlet"], article["title"])
        for article in item
    ]


def _key(article: Article) -> tuple[str, str | None, str | None, str | None, str]:
    """What must match between a produced and an expected article."""
    body = " ".join(article["body"].split())
    return article["kind"], article["source"]["outlet"], article["title"], article["published_at"], body


def _expected_key(expected: Expected) -> tuple[str, str | None, str | None, str | None, str]:
    """The same fields of an expected article."""
    return expected.kind, expected.outlet, expected.title, expected.published_at, " ".join(expected.body.split())


def _has_chrome(body: str) -> bool:
    """A body line that belongs to the page, not the story: chrome, the marker or an item's header lines."""
    return any(
        line.casefold() in PAGE_CHROME or line == "Related Articles" or line.startswith("- ") or line.endswith(" ago")
        for line in body.split("\n")
    )


def _real_articles(corpus: Path) -> Iterator[Article]:
    """Every article that clean and split make of the extraction pages and of the Reuters stories."""
    for path in sorted(corpus.glob("extraction/*/html/*.gz")):
        yield from _split_quietly(gzip.decompress(path.read_bytes()), path.name, "text/html")
    for story in read_stories(corpus):
        yield from _split_quietly("\n".join((story.title, *story.paragraphs)).encode(), story.file, "text/plain")


def _split_quietly(raw: bytes, name: str, content_type: str) -> list[Article]:
    """Split one file, counting a rejected one as giving no article."""
    try:
        return split(cleaned_file(raw, name, content_type, CRAWLED_AT))
    except RejectedInput:
        return []
