"""Synthetic aggregator pages in the seeds' layout, built from real articles, with the articles they must give.

A page is a lead article, the page chrome and `Related Articles`, then related items of `Outlet` / age /
`- Outlet` / headline / body. Outlets, ages and item counts are drawn at random; some headlines end in
punctuation, some run straight into their body, and some bodies carry a second story run on after their own.
"""

from __future__ import annotations

import csv
import random
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from benchmarks.dedup_pairs import read_stories
from streams.text.sentences import ends_sentence, sentence_spans

CRAWLED_AT = "2025-06-23T07:00:00+00:00"
CHROME = (
    "Hashtags",
    "",
    "Try Our AI Features",
    "Explore what Daily8 AI can do for you:",
    "Comments",
    "No comments yet...",
    "Related Articles",
    "",
    "",
)
OUTLETS = (
    "Reuters",
    "The Independent",
    "France 24",
    "Euronews",
    "Channel 4 News",
    "Sky News",
    "Al Jazeera English",
    "The Times of India",
    "ABC News (Australia)",
    "9News",
    "Yahoo News UK",
    "Radio Free Europe/Radio Liberty",
    "News 24",
    "Le Monde in English",
    "RTÉ News",
    "101 East",
    "The Straits Times",
    "This Is Money",
    "Here Is What We Know",
    "You Heard It Here First",
    "Why It Matters Today",
    "Stars and Stripes",
    "TF1 Info",
    "The Week UK",
)
_AGE_UNITS = (("minute", 60, 59), ("hour", 3600, 23), ("day", 86400, 6), ("week", 7 * 86400, 3))
_MIN_WORDS = 40
_MIN_RUN_ON_WORDS = 80
_MAX_DIGIT_SHARE = 0.15
_MAX_TITLE_WORDS = 20
_TOPIC_FILES = ("en_cat_training.tsv", "en_cat_honey.tsv")
_SMALL_WORDS = frozenset({"a", "an", "the", "of", "in", "on", "at", "to", "for", "and", "or", "by", "with", "vs"})
_AGE_LINE = re.compile(r"\bago$|^- ")
_TICKER = re.compile(r"<[^>]*>")
_WORD_PUNCTUATION = ",;:()\"'"


@dataclass(frozen=True, slots=True)
class Source:
    """A real article a page is built from: its headline and paragraphs."""

    title: str
    paragraphs: tuple[str, ...]
    subjects: frozenset[str] = frozenset()

    @property
    def words(self) -> int:
        """Length in words, to keep run-on stories long enough to tell apart."""
        return sum(len(paragraph.split()) for paragraph in self.paragraphs)


@dataclass(frozen=True, slots=True)
class Expected:
    """One article a page must give: its kind, outlet, headline, time, body and whether it was split off."""

    kind: str
    outlet: str | None
    title: str | None
    published_at: str | None
    body: str
    split_off: bool = False
    glued: bool = False


@dataclass(frozen=True, slots=True)
class Page:
    """A generated page and the articles it must split into, in order."""

    text: str
    expected: tuple[Expected, ...]


def sources(corpus: Path) -> list[Source]:
    """Reuters-21578 stories and the topic set's news articles that read as prose, for pages to be built from."""
    found = [
        Source(_headline_case(story.title, story.paragraphs), story.paragraphs, frozenset(story.topics))
        for story in read_stories(corpus)
    ]
    found.extend(_topic_articles(corpus))
    return [source for source in found if _usable(source)]


def pages(articles: list[Source], count: int, seed: int = 2025) -> Iterator[Page]:
    """Generate pages at random from the articles, reproducibly for a seed."""
    rng = random.Random(seed)
    long_enough = [article for article in articles if article.words >= _MIN_RUN_ON_WORDS]
    for _ in range(count):
        yield _page(articles, long_enough, rng)


def _page(articles: list[Source], long_enough: list[Source], rng: random.Random) -> Page:
    """One page: a lead, the chrome, then one to six related items."""
    lead = rng.choice(articles)
    lines = ["", lead.title, *lead.paragraphs, *CHROME]
    expected = [Expected("lead", None, lead.title, None, "\n".join(lead.paragraphs))]
    for _ in range(rng.randint(1, 6)):
        item_lines, item_expected = _item(articles, long_enough, rng)
        lines.extend([*item_lines, "", ""])
        expected.extend(item_expected)
    return Page("\n".join(lines).rstrip("\n"), tuple(expected))


def _item(articles: list[Source], long_enough: list[Source], rng: random.Random) -> tuple[list[str], list[Expected]]:
    """One related item's lines, and the articles it must give."""
    outlet = rng.choice(OUTLETS)
    age, seconds = _age(rng)
    published = (datetime.fromisoformat(CRAWLED_AT) - timedelta(seconds=seconds)).isoformat()
    run_on = rng.random() < 0.25
    article = rng.choice([candidate for candidate in long_enough if candidate.subjects] if run_on else articles)
    title = article.title + (rng.choice(".?!") if rng.random() < 0.2 else "")
    one_line = rng.random() < 0.7
    glued = title == article.title and rng.random() < 0.25
    body_lines = [" ".join(article.paragraphs)] if one_line else list(article.paragraphs)
    expected = [Expected("related", outlet, title, published, "\n".join(body_lines), glued=glued)]
    if run_on:
        other = rng.choice([candidate for candidate in long_enough if _unrelated(article, candidate)])
        body_lines[-1] = f"{body_lines[-1]} {' '.join(other.paragraphs)}"
        expected.append(Expected("related", outlet, None, published, " ".join(other.paragraphs), split_off=True))
    head = [f"{title} {body_lines[0]}"] if glued else [title, body_lines[0]]
    return [outlet, age, f"- {outlet}", *head, *body_lines[1:]], expected


def _age(rng: random.Random) -> tuple[str, int]:
    """A relative age as aggregators print it ("an hour ago", "3 days ago") and its length in seconds."""
    unit, seconds, most = rng.choice(_AGE_UNITS)
    count = rng.randint(1, most)
    if count == 1 and rng.random() < 0.5:
        return f"{'an' if unit == 'hour' else 'a'} {unit} ago", seconds
    return f"{count} {unit}{'' if count == 1 else 's'} ago", count * seconds


def _topic_articles(corpus: Path) -> Iterator[Source]:
    """News articles of the topic set, each cut at its last full sentence (the texts are truncated)."""
    csv.field_size_limit(sys.maxsize)
    for name in _TOPIC_FILES:
        with (corpus / "topics" / name).open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle, delimiter="\t"):
                if row["GOLDEN:res"] == "not_news":
                    continue
                text = " ".join(row["INPUT:text"].split())
                spans = [span for span in sentence_spans(text) if text[span[1] - 1] in '.!?"”’']
                if spans:
                    title = " ".join(row["INPUT:title"].split())
                    yield Source(title, (text[: spans[-1][1]],), frozenset({row["GOLDEN:res"]}))


def _unrelated(first: Source, second: Source) -> bool:
    """Run-on pairs join stories of different subjects, as the seeds' run-ons do (a war report, then a court case)."""
    return bool(second.subjects) and not first.subjects & second.subjects


def _headline_case(title: str, paragraphs: tuple[str, ...]) -> str:
    """Reuters titles are in capitals with ticker codes and company names in angle brackets; pages show them in
    headline case, without the codes, keeping the names, initials ("U.S.") and the capitals of words the story
    writes in capitals ("EC")."""
    capitals = {
        word.strip(_WORD_PUNCTUATION) for paragraph in paragraphs for word in paragraph.split() if word.isupper()
    }
    words = _TICKER.sub(lambda match: match[0][1:-1] if " " in match[0] else " ", title).split()
    return " ".join(
        word
        if "." in word.rstrip(".")
        or (len(word.strip(_WORD_PUNCTUATION)) > 1 and word.strip(_WORD_PUNCTUATION) in capitals)
        else word.lower()
        if index and word.lower() in _SMALL_WORDS
        else word[:1].upper() + word[1:].lower()
        for index, word in enumerate(words)
    )


def _usable(source: Source) -> bool:
    """Prose articles with a real headline that end on a full sentence: no tables of figures, no line the page
    layout would misread."""
    tokens = [token for paragraph in source.paragraphs for token in paragraph.split()]
    title_words = source.title.split()
    if len(tokens) < _MIN_WORDS or not 3 <= len(title_words) <= _MAX_TITLE_WORDS:
        return False
    if sum(any(char.isdigit() for char in token) for token in tokens) > _MAX_DIGIT_SHARE * len(tokens):
        return False
    if not source.paragraphs[0][:1].isupper() or not ends_sentence(tokens[-1]):
        return False
    if any(_AGE_LINE.search(line) for line in source.paragraphs):
        return False
    return not source.title.rstrip("\"'”’)").endswith((".", "?", "!", ":"))
