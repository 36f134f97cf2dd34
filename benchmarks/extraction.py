"""How well and how fast the clean stage extracts articles from HTML, beside plain trafilatura.

Two page sets of the shared corpus: the ScrapingHub benchmark (gold article bodies, scored with its
shingle F1) and trafilatura's news evaluation set (snippets that must or must not appear in the
body, gold titles and dates).
"""

from __future__ import annotations

import gzip
import hashlib
import json
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import NamedTuple

import trafilatura

from benchmarks.figures import Figure
from benchmarks.scoring import score
from streams.clean.stage import clean
from streams.errors import RejectedInput
from streams.records import Document, RawMeta

AREA = "extraction"
SCRAPINGHUB = Path("extraction") / "scrapinghub-benchmark"
F1_TARGET = 0.965
PAGES_PER_SECOND_TARGET = 50.0
SNIPPET_TARGET = 0.95
_SPEED_ROUNDS = 3
_CRAWLED_AT = "2026-11-22T00:00:00+00:00"


class GoldPage(NamedTuple):
    """One HTML page with what a correct extraction must give."""

    name: str
    raw: bytes
    body: str = ""
    present: tuple[str, ...] = ()
    absent: tuple[str, ...] = ()
    title: str = ""
    date: str = ""


def evaluate(corpus: Path) -> Iterator[Figure]:
    """Accuracy on both page sets and clean-stage speed, ours and trafilatura's default side by side."""
    benchmark = scrapinghub_pages(corpus)
    for label, extract in (("", clean_text), ("trafilatura default ", _trafilatura_text)):
        texts = {page.name: extract(page) for page in benchmark}
        overall = score((page.body, texts[page.name]) for page in benchmark)
        held_out = score((page.body, texts[page.name]) for page in benchmark if is_held_out(page.name))
        yield Figure(AREA, f"{label}ScrapingHub F1", overall.f1, None if label else F1_TARGET)
        yield Figure(AREA, f"{label}ScrapingHub precision", overall.precision)
        yield Figure(AREA, f"{label}ScrapingHub recall", overall.recall)
        yield Figure(AREA, f"{label}ScrapingHub F1, held-out half", held_out.f1)
    ours, baseline = _speeds(benchmark, cleaned, _trafilatura_text)
    yield Figure(AREA, "clean stage speed, one core", ours, PAGES_PER_SECOND_TARGET, "pages/s")
    yield Figure(AREA, "trafilatura default speed, one core", baseline, unit="pages/s")
    yield from _news_figures(trafilatura_news_pages(corpus))


def scrapinghub_pages(corpus: Path) -> list[GoldPage]:
    """The ScrapingHub benchmark pages with their gold bodies."""
    html = corpus / SCRAPINGHUB / "html"
    return [
        GoldPage(name, gzip.decompress((html / f"{name}.html.gz").read_bytes()), body)
        for name, body in scrapinghub_bodies(corpus).items()
    ]


def scrapinghub_bodies(corpus: Path) -> dict[str, str]:
    """The benchmark's human-made article bodies by page name: real news text for benchmarks too."""
    gold = json.loads((corpus / SCRAPINGHUB / "ground-truth.json").read_text(encoding="utf-8"))
    return {name: entry["articleBody"] for name, entry in sorted(gold.items())}


def trafilatura_news_pages(corpus: Path) -> list[GoldPage]:
    """Trafilatura's news evaluation pages with their snippets, titles and dates."""
    folder = corpus / "extraction" / "trafilatura-news"
    gold = json.loads((folder / "evaldata_news.json").read_text(encoding="utf-8"))
    return [
        GoldPage(
            name=entry["file"],
            raw=gzip.decompress((folder / "html" / f"{entry['file']}.gz").read_bytes()),
            present=tuple(entry["with"]),
            absent=tuple(entry["without"]),
            title=entry.get("title") or "",
            date=entry.get("date") or "",
        )
        for entry in gold.values()
    ]


def is_held_out(name: str) -> bool:
    """The half of the pages no heuristic was tuned on, picked by a hash of the page name."""
    return hashlib.sha1(name.encode()).digest()[-1] % 2 == 1


def contains(text: str, snippet: str) -> bool:
    """Whether a snippet appears in the text, ignoring how whitespace and line breaks fall."""
    return " ".join(snippet.split()) in " ".join(text.split())


def _news_figures(pages: list[GoldPage]) -> Iterator[Figure]:
    """Snippet, title and date rates on trafilatura's news pages, snippets also for trafilatura alone."""
    documents = [(page, cleaned(page)) for page in pages]
    for label, texts in (
        ("", [(page, doc["text"] if doc else "") for page, doc in documents]),
        ("trafilatura default ", [(page, _trafilatura_text(page)) for page in pages]),
    ):
        present = [contains(text, snippet) for page, text in texts for snippet in page.present]
        absent = [not contains(text, snippet) for page, text in texts for snippet in page.absent]
        yield Figure(
            AREA, f"{label}news snippets that must appear, found", _share(present), None if label else SNIPPET_TARGET
        )
        yield Figure(
            AREA,
            f"{label}news snippets that must not appear, absent",
            _share(absent),
            None if label else SNIPPET_TARGET,
        )
    titles = [_same_title(doc["title"] if doc else None, page.title) for page, doc in documents if page.title]
    dates = [
        doc is not None and (doc["published_at"] or "")[:10] == page.date[:10] for page, doc in documents if page.date
    ]
    yield Figure(AREA, f"news titles recovered (of {len(titles)})", _share(titles))
    yield Figure(AREA, f"news dates recovered (of {len(dates)})", _share(dates))


def cleaned(page: GoldPage) -> Document | None:
    """The clean stage's document for a page, or None when it rejects the page."""
    meta = RawMeta(
        document_id=page.name,
        filename=f"{page.name}.html" if not page.name.endswith(".html") else page.name,
        content_type=None,
        size=len(page.raw),
        crawled_at=_CRAWLED_AT,
        ingested_at=_CRAWLED_AT,
    )
    try:
        return clean(page.raw, meta)
    except RejectedInput:
        return None


def clean_text(page: GoldPage) -> str:
    """The clean stage's article text, empty when it rejects the page."""
    document = cleaned(page)
    return document["text"] if document else ""


def _trafilatura_text(page: GoldPage) -> str:
    """What trafilatura extracts from the page's bytes with its default settings."""
    return trafilatura.extract(page.raw) or ""


def _speeds(pages: list[GoldPage], *processes: Callable[[GoldPage], object]) -> list[float]:
    """Pages per second of CPU time for each process; best of interleaved rounds, to damp the noise of
    other work on the machine."""
    best = [0.0] * len(processes)
    for _ in range(_SPEED_ROUNDS):
        for index, process in enumerate(processes):
            started = time.process_time()
            for page in pages:
                process(page)
            best[index] = max(best[index], len(pages) / (time.process_time() - started))
    return best


def _same_title(found: str | None, gold: str) -> bool:
    """Titles match when they differ at most in case and spacing."""
    return found is not None and " ".join(found.split()).casefold() == " ".join(gold.split()).casefold()


def _share(outcomes: list[bool]) -> float:
    """The share of true outcomes, 0 when there are none."""
    return sum(outcomes) / len(outcomes) if outcomes else 0.0
