"""How well and how fast the clean stage extracts articles from HTML, beside plain trafilatura.

Two page sets of the shared corpus: the ScrapingHub benchmark (gold article bodies, scored with its
shingle F1) and trafilatura's news evaluation set (snippets that must or must not appear in the
body, gold titles, authors and dates; four pages also name their site). Titles, authors and sites are
also scored for trafilatura's own metadata extraction on the same pages. On both sets the lines of
page furniture left in the bodies are counted (`benchmarks/chrome_leaks.py`).
"""

from __future__ import annotations

import gzip
import hashlib
import json
import re
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import NamedTuple
from urllib.parse import urlsplit

import trafilatura

from benchmarks.chrome_leaks import leaks
from benchmarks.figures import Figure
from benchmarks.learning import cleaned_file
from benchmarks.scoring import score
from streams.errors import RejectedInput
from streams.records import Document

AREA = "extraction"
SCRAPINGHUB = Path("extraction") / "scrapinghub-benchmark"
F1_TARGET = 0.965
PAGES_PER_SECOND_TARGET = 50.0
SNIPPET_TARGET = 0.95
DATE_TARGET = 0.95
TITLE_TARGET = 0.95
AUTHOR_TARGET = 0.90
_PUBLICATION_STAMP = (
    r"""(?:datePublished|published_time|pubdate|datetime)["']?\s*(?:[:=]|content=)\s*["']{day}[T ]\d{{2}}:\d{{2}}"""
)
"""A publication stamp with a clock time in JSON-LD, OpenGraph/meta or a `<time>` element ({day}: the gold day)."""
_SPEED_ROUNDS = 3
_CRAWLED_AT = "2026-11-22T00:00:00+00:00"
# Curly, low and angle quote marks and dashes as their plain forms, for comparing titles.
_TYPOGRAPHIC = str.maketrans(
    {"‘": "'", "’": "'", "‚": "'", "‛": "'", "“": '"', "”": '"', "„": '"', "«": '"', "»": '"'}
    | dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2212", "-")
)
# Words that join the names of a byline in the corpus's languages ("Benjamin Fischer und Marcus Theurer").
_JOINING_WORDS = frozenset({"and", "und", "et", "y", "e"})
# How a gold byline's parts are separated ("dpa/lno", "FR mit dpa", "STAFF AND NEWS SERVICE REPORTS").
_GOLD_PARTS = re.compile(r"\s*[,;/]\s*|\s+(?:and|und|mit|y|et)\s+", re.I)
# Words that make a gold byline's part a newsroom, desk, wire service or agency: kept apart from the
# extraction's own list so that the figure checks it rather than repeats it.
_ORGANISATION_WORDS = frozenset(
    {"online", "staff", "news", "reports", "service", "agency", "agencia", "agence", "agentur", "agenturen"}
    | {"redaktion", "redacción", "rédaction", "redazione", "presse", "press"}
)
# A domain written in a byline ("wien.ORF.at", "hessenschau.de").
_DOMAIN = re.compile(r"\w\.\w{2,}")


class GoldPage(NamedTuple):
    """One HTML page with what a correct extraction must give."""

    name: str
    raw: bytes
    body: str = ""
    present: tuple[str, ...] = ()
    absent: tuple[str, ...] = ()
    title: str = ""
    date: str = ""
    author: str = ""
    site: str = ""


def evaluate(corpus: Path) -> Iterator[Figure]:
    """Accuracy on both page sets and clean-stage speed, ours and trafilatura's default side by side."""
    benchmark = scrapinghub_pages(corpus)
    for label, extract in (("", clean_text), ("trafilatura default ", trafilatura_text)):
        texts = {page.name: extract(page) for page in benchmark}
        overall = score((page.body, texts[page.name]) for page in benchmark)
        held_out = score((page.body, texts[page.name]) for page in benchmark if is_held_out(page.name))
        other_half = score((page.body, texts[page.name]) for page in benchmark if not is_held_out(page.name))
        yield Figure(AREA, f"{label}ScrapingHub F1", overall.f1, None if label else F1_TARGET)
        yield Figure(AREA, f"{label}ScrapingHub precision", overall.precision)
        yield Figure(AREA, f"{label}ScrapingHub recall", overall.recall)
        yield Figure(AREA, f"{label}ScrapingHub F1, held-out half", held_out.f1)
        yield Figure(AREA, f"{label}ScrapingHub F1, other half", other_half.f1)
        leaked = sum(len(leaks(texts[page.name], [page.body])) for page in benchmark)
        yield Figure(AREA, f"{label}ScrapingHub chrome lines leaked", leaked, None if label else 0, "lines", False)
    ours, baseline = _speeds(benchmark, cleaned, trafilatura_text)
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
            author="; ".join(author) if isinstance(author := entry.get("author") or "", list) else author,
            site=entry.get("sitename") or "",
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
        ("", [(page, emitted_text(doc)) for page, doc in documents]),
        ("trafilatura default ", [(page, trafilatura_text(page)) for page in pages]),
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
        leaked = sum(len(leaks(text, page.present)) for page, text in texts)
        yield Figure(AREA, f"{label}news chrome lines leaked", leaked, None if label else 0, "lines", False)
    ours = [(page, stated(doc)) for page, doc in documents]
    metadata = {page.name: _trafilatura_meta(page) for page in pages}
    theirs: list[tuple[GoldPage, Stated | None]] = [
        (page, Stated(meta.title, meta.author, meta.date)) for page in pages for meta in [metadata[page.name]]
    ]
    sites = {
        "": {page.name: doc["site"] if doc else None for page, doc in documents},
        "trafilatura metadata ": {name: meta.sitename for name, meta in metadata.items()},
    }
    hosts = _hosts(metadata)
    for label, found in (("", ours), ("trafilatura metadata ", theirs)):
        titles, people, days = _outcomes(found, hosts)
        titled = [(page, said.title if said else None) for page, said in found if page.title]
        held_out = [same for (page, _), same in zip(titled, titles, strict=True) if is_held_out(page.name)]
        as_typed = [same_title(title, page.title, as_typed=True) for page, title in titled]
        authors = [same_people(said.author if said else None, page.author) for page, said in found if page.author]
        named = [same_title(sites[label][page.name], page.site) for page in pages if page.site]
        yield Figure(
            AREA, f"{label}news titles recovered (of {len(titles)})", _share(titles), None if label else TITLE_TARGET
        )
        yield Figure(AREA, f"{label}news titles recovered, held-out half (of {len(held_out)})", _share(held_out))
        yield Figure(AREA, f"{label}news titles recovered, quote marks and dashes as typed", _share(as_typed))
        yield Figure(AREA, f"{label}news authors recovered (of {len(authors)})", _share(authors))
        yield Figure(
            AREA,
            f"{label}news authors recovered, people only (of {len(people)})",
            _share(people),
            None if label else AUTHOR_TARGET,
        )
        yield Figure(AREA, f"{label}news site names recovered (of {len(named)})", _share(named))
        yield Figure(
            AREA, f"{label}news dates recovered (of {len(days)})", _share(days), None if label else DATE_TARGET
        )
    dated = [(page, said.published_at if said else None) for page, said in ours if page.date]
    timed = [_has_time_of_day(stamp) for page, stamp in dated if _stated_time(page)]
    yield Figure(AREA, f"news dates keeping the time of day the page states (of {len(timed)})", _share(timed))


class Stated(NamedTuple):
    """What an extraction states about a page: its title, author and publication time."""

    title: str | None
    author: str | None
    published_at: str | None


def stated(document: Document | None) -> Stated | None:
    """What the clean stage states about a page (its lead article carries the same); None when it rejects it."""
    return Stated(document["title"], document["author"], document["published_at"]) if document else None


def metadata_shares(found: list[tuple[GoldPage, Stated | None]]) -> tuple[float, float, float]:
    """Shares of titles, authors (people only) and dates recovered, as `newswire eval extraction` counts them, for
    what any extraction stated (the clean stage in process, or the records `newswire run` wrote)."""
    hosts = _hosts({page.name: _trafilatura_meta(page) for page, _ in found})
    titles, people, days = _outcomes(found, hosts)
    return _share(titles), _share(people), _share(days)


def _hosts(metadata: dict[str, trafilatura.settings.Document]) -> dict[str, str]:
    """Each page's host, from the URL trafilatura reads in it: an author naming the site is no person."""
    return {name: urlsplit(meta.url or "").hostname or "" for name, meta in metadata.items()}


def _outcomes(
    found: list[tuple[GoldPage, Stated | None]], hosts: dict[str, str]
) -> tuple[list[bool], list[bool], list[bool]]:
    """Whether each page's title, author (people only) and date were recovered, for pages whose gold has one."""
    titles = [same_title(said.title if said else None, page.title) for page, said in found if page.title]
    people = [_same_people_only(said.author if said else None, page, hosts[page.name])
              for page, said in found if page.author]  # fmt: skip
    days = _same_days([(page, said.published_at if said else None) for page, said in found if page.date])
    return titles, people, days


def _same_days(found: list[tuple[GoldPage, str | None]]) -> list[bool]:
    """Whether each found stamp falls on the gold day, as the page writes it (gold dates are days)."""
    return [(stamp or "")[:10] == page.date[:10] for page, stamp in found]


def _stated_time(page: GoldPage) -> bool:
    """Whether the page's markup states a time of day on the gold day in a publication stamp.

    Read with a pattern independent of the extraction, so that it checks the extraction rather than repeats it.
    """
    html = page.raw.decode("utf-8", "replace")
    day = re.escape(page.date[:10])
    return re.search(_PUBLICATION_STAMP.format(day=day), html) is not None


def _has_time_of_day(stamp: str | None) -> bool:
    """Whether a found stamp carries a time of day, not a bare date."""
    return stamp is not None and "T" in stamp


def cleaned(page: GoldPage) -> Document | None:
    """The clean stage's document for a page, or None when it rejects the page."""
    filename = f"{page.name}.html" if not page.name.endswith(".html") else page.name
    try:
        return cleaned_file(page.raw, filename, None, _CRAWLED_AT)
    except RejectedInput:
        return None


def clean_text(page: GoldPage) -> str:
    """The clean stage's article text (see `emitted_text`)."""
    return emitted_text(cleaned(page))


def emitted_text(document: Document | None) -> str:
    """A cleaned document's text, with a live blog's posts after the blog's own text (the daemon sends each as an
    article); empty when the clean stage rejected the page."""
    if document is None:
        return ""
    return "\n".join([document["text"], *(post["body"] for post in document.get("posts", []))]).strip()


def trafilatura_text(page: GoldPage) -> str:
    """What trafilatura extracts from the page's bytes with its default settings."""
    return trafilatura.extract(page.raw) or ""


def _trafilatura_meta(page: GoldPage) -> trafilatura.settings.Document:
    """What trafilatura's own metadata extraction states about the page."""
    return trafilatura.extract_metadata(page.raw.decode("utf-8", errors="replace"))


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


def same_title(found: str | None, gold: str, as_typed: bool = False) -> bool:
    """Titles match when they differ at most in case, spacing and, unless compared as typed, the kind of
    quote marks and dashes: the gold retypes some ("„Wir …“" for a page's '"Wir …"')."""
    if found is None:
        return False
    if not as_typed:
        found, gold = found.translate(_TYPOGRAPHIC), gold.translate(_TYPOGRAPHIC)
    return " ".join(found.split()).casefold() == " ".join(gold.split()).casefold()


def same_people(found: str | None, gold: str) -> bool:
    """Bylines match when they name the same words, whatever the separators, joining words and case:
    "Glen Owen; Brendan Carlin" matches "Glen Owen and Brendan Carlin", "Leah C Stokes" "Leah C. Stokes"."""
    return found is not None and _byline_words(found) == _byline_words(gold)


def _same_people_only(found: str | None, page: GoldPage, host: str) -> bool:
    """Bylines match on the people the gold names, its newsrooms, agencies and site left out; a gold naming
    no person is matched by no author (the author field holds people only, the outlet has its own)."""
    people = gold_people(page.author, host)
    return same_people(found, people) if people else not found


def gold_people(byline: str, host: str) -> str:
    """The parts of a gold byline that name people: not an agency code or one-word desk ("dpa", "lno",
    "Redaktion"; a name in a script without case, "焦鹏", is kept), a domain, the site (a word that is a label
    of the page's host, or the part's letters within the host: "The Local" on www.thelocal.se) or a part
    with a newsroom or agency word ("ET Online", "Agencia EFE")."""
    labels = set(host.casefold().split("."))
    squeezed = "".join(char for char in host.casefold() if char.isalnum())
    people: list[str] = []
    for part in _GOLD_PARTS.split(byline):
        words = re.findall(r"\w+", part.casefold())
        letters = "".join(words)
        coded = len(words) == 1 and part.casefold() != part.upper()
        site = bool(labels.intersection(words)) or (len(letters) >= 3 and letters in squeezed)
        if words and not (coded or site or _DOMAIN.search(part) or _ORGANISATION_WORDS.intersection(words)):
            people.append(part)
    return "; ".join(people)


def _byline_words(byline: str) -> set[str]:
    """The words of a byline without the words that join names."""
    return set(re.findall(r"\w+", byline.casefold())) - _JOINING_WORDS


def _share(outcomes: list[bool]) -> float:
    """The share of true outcomes, 0 when there are none."""
    return sum(outcomes) / len(outcomes) if outcomes else 0.0
