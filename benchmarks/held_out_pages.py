"""Extraction on pages the project has never seen: a folder of pages with their expected bodies and metadata.

The folder is laid out as mozilla/readability's test pages are (`test/test-pages` in its repository): one
sub-folder a page, holding `source.html` (the page), `expected.html` (the article body a person checked) and,
optionally, `expected-metadata.json` (`title`, `byline`, `siteName`, `publishedTime`). Name it with
`NEWSWIRE_HELD_OUT_PAGES`; `newswire eval held-out-pages` then prints body precision, recall and F1 (the shared
scorer's shingle measure: a rejected page adds no recall) and the share of titles, bylines, site names and
publication days found, ours and trafilatura's side by side, over every page and over the real ones (not a
reader library's unit tests: no "Lorem ipsum", 300 characters of gold or more).
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import trafilatura
from lxml.html import document_fromstring
from trafilatura.settings import Document as Metadata

from benchmarks.extraction import GoldPage, clean_text, cleaned, same_people, same_title, trafilatura_text
from benchmarks.figures import Figure
from benchmarks.scoring import score
from streams.clean.markup import block_text
from streams.clean.provenance import letters
from streams.records import Document

AREA = "held-out-pages"
FOLDER_VARIABLE = "NEWSWIRE_HELD_OUT_PAGES"
REAL_PAGE_CHARS = 300
"""Gold bodies shorter than this are a reader library's unit tests, not articles."""
_FIELDS: tuple[tuple[str, Callable[[Document], str | None], Callable[[Metadata], str | None]], ...] = (
    ("titles", lambda doc: doc["title"], lambda meta: meta.title),
    ("bylines", lambda doc: doc["author"], lambda meta: meta.author),
    ("site names", lambda doc: doc["site"], lambda meta: meta.sitename),
    ("publication days", lambda doc: doc["published_at"], lambda meta: meta.date),
)
"""Each kind of metadata with where our documents and trafilatura's metadata hold it."""
_BYLINE_LABEL = re.compile(r"^\s*(?:written\s+)?(?:by|par|von|por|di)\s+", re.IGNORECASE)
"""The label a stated byline opens with ("By Ana Sandoiu"): readability keeps it, and it names nobody."""
_TITLE_PARTS = re.compile(r"\s+[|\-–—·:]\s+|\s*_\s*")
"""How a page's `<title>` joins the headline and the site's name ("Babies Who Eat Peanuts | WebMD"); Chinese sites
glue section and site on with underscores ("…后果很严重 _探索者 _光明网")."""
_NAME_IN_BRACKETS = re.compile(r"\s*[\[（(][^\[\]（）()]{1,40}[\]）)]\s*$")
"""A site's or source's name in brackets ending a title ("… for March 26, 2015 [LWN.net]", "…」（CNET Japan）")."""


@dataclass(frozen=True, slots=True)
class HeldOutPage:
    """A page with its expected body and the metadata a person checked."""

    page: GoldPage
    published_day: str


def evaluate(corpus: Path) -> Iterator[Figure]:
    """Body and metadata figures on the folder `NEWSWIRE_HELD_OUT_PAGES` names, ours and trafilatura's."""
    del corpus  # the pages are outside the shared corpus, by design
    pages = held_out_pages(folder())
    real = [held for held in pages if is_real(held.page.body)]
    for label, subset in (("", pages), ("real pages: ", real)):
        yield Figure(AREA, f"{label}pages", len(subset))
        for name, extract in (("ours", clean_text), ("trafilatura default", trafilatura_text)):
            found = score((held.page.body, extract(held.page)) for held in subset)
            yield Figure(AREA, f"{label}body F1, {name}", found.f1)
            yield Figure(AREA, f"{label}body precision, {name}", found.precision)
            yield Figure(AREA, f"{label}body recall, {name}", found.recall)
    yield from _metadata_figures(pages)


def is_real(body: str) -> bool:
    """Whether an expected body is a real site's article, not a reader library's unit test ("Lorem ipsum" in a
    few tags)."""
    return len(body) >= REAL_PAGE_CHARS and "lorem ipsum" not in body.casefold()


def folder() -> Path:
    """The folder of held-out pages, or an error saying how to name one."""
    named = os.environ.get(FOLDER_VARIABLE, "")
    if not named or not Path(named).is_dir():
        raise RuntimeError(
            f"held-out-pages: set {FOLDER_VARIABLE} to a folder of pages laid out as mozilla/readability's "
            "test/test-pages (<name>/source.html, expected.html, expected-metadata.json)"
        )
    return Path(named)


def held_out_pages(root: Path) -> list[HeldOutPage]:
    """Every page of the folder with a source and an expected body, in name order."""
    pages = []
    for page in sorted(path for path in root.iterdir() if (path / "source.html").is_file()):
        expected = page / "expected.html"
        if not expected.is_file():
            continue
        metadata_file = page / "expected-metadata.json"
        metadata = json.loads(metadata_file.read_text(encoding="utf-8")) if metadata_file.is_file() else {}
        gold = GoldPage(
            name=f"{page.name}.html",
            raw=(page / "source.html").read_bytes(),
            body=block_text(document_fromstring(expected.read_text(encoding="utf-8", errors="replace"))),
            title=str(metadata.get("title") or ""),
            author=str(metadata.get("byline") or ""),
            site=str(metadata.get("siteName") or ""),
        )
        pages.append(HeldOutPage(gold, str(metadata.get("publishedTime") or "")[:10]))
    return pages


def _metadata_figures(pages: list[HeldOutPage]) -> Iterator[Figure]:
    """Shares of the stated titles, bylines, site names and days found, ours and trafilatura's, over every page and
    over the real ones (a reader library's unit tests state a `<title>` over an h1 of "Lorem")."""
    found = [(held, cleaned(held.page), trafilatura.extract_metadata(held.page.raw.decode("utf-8", "replace")))
             for held in pages]  # fmt: skip
    real = [item for item in found if is_real(item[0].page.body)]
    for label, subset in (("", found), ("real pages: ", real)):
        for kind, our_value, their_value in _FIELDS:
            stated = [(gold, doc, meta) for held, doc, meta in subset if (gold := _stated(held, kind))]
            yield Figure(AREA, f"{label}{kind} stated", len(stated))
            ours = [_same(kind, gold, (our_value(doc) if doc else None) or "") for gold, doc, _ in stated]
            theirs = [_same(kind, gold, their_value(meta) or "") for gold, _, meta in stated]
            for name, hits in (("ours", ours), ("trafilatura metadata", theirs)):
                yield Figure(AREA, f"{label}{kind} found, {name}", sum(hits) / len(hits) if hits else 0.0)


def _stated(held: HeldOutPage, kind: str) -> str:
    """What the page's expected metadata states for a kind of field."""
    page = held.page
    return {"titles": page.title, "bylines": page.author, "site names": page.site}.get(kind, held.published_day)


def _same(kind: str, gold: str, found: str) -> bool:
    """Whether a found value is the stated one: a title also when it is the stated `<title>` without the site's
    name; a byline when it names the same people (its label, "By", left out); a site name by its letters; a day by
    its date."""
    if not found:
        return False
    if kind == "titles":
        return any(same_title(found, part) for part in _title_readings(gold))
    if kind == "bylines":
        return same_people(found, _BYLINE_LABEL.sub("", gold))
    if kind == "site names":
        return letters(found) == letters(gold)
    return found[:10] == gold


def _title_readings(title: str) -> Iterator[str]:
    """A stated title whole, each of its parts, and what is left of it once parts are cut from either end: the
    headline without the site's name, or without section and site ("Friday Facts #282 - 0.17 in sight | Factorio");
    each also without a name in brackets ending it."""
    marks = list(_TITLE_PARTS.finditer(title))
    cuts = (title[: mark.start()] for mark in marks)
    for reading in (title, *cuts, *(title[mark.end() :] for mark in marks), *_TITLE_PARTS.split(title)):
        yield reading
        yield _NAME_IN_BRACKETS.sub("", reading)
