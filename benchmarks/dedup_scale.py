"""The scale benchmark of dedup: time per article and memory while the index grows to a million articles.

The stream is made of real sentences from the corpus (Reuters, the extraction benchmark's article
bodies, the topic set's texts): each new article is a wire dateline and four to nine sentences drawn at
random, their figures drawn again, so that stories differ the way a day's news does. One article in five
is a copy of one of the last few thousand with a change of the labelled set (typed again, corrected,
wrapped in page chrome, truncated, a paragraph removed), so buckets fill and copies are flagged as in
production. Articles arrive one simulated second apart, well inside the retention window, so every one
stays remembered. The same `LocalDedup` runs as in evaluation: the agents' logic, messages in a queue.
Time per article is this thread's CPU time, so other work on a shared machine does not count in it.
"""

from __future__ import annotations

import random
import re
import statistics
import time
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import count
from pathlib import Path

from benchmarks.dedup_pairs import changed_copy, read_stories
from benchmarks.extraction import scrapinghub_bodies
from benchmarks.tagging import TOPIC_SETS, topic_table
from streams.dedup.stage import Config
from streams.records import Article
from streams.settings import Settings
from streams.testing import LocalDedup, text_article

COPY_SHARE = 0.2
RECENT = 5_000
START_US = 1_700_000_000_000_000
STEP_US = 1_000_000
SEED = 20250527
CITIES = ("LONDON", "NEW YORK", "TOKYO", "PARIS", "FRANKFURT", "SYDNEY", "SINGAPORE", "HONG KONG",
          "WASHINGTON", "BRUSSELS", "MADRID", "TORONTO", "CHICAGO", "SEOUL", "MUMBAI", "JOHANNESBURG",
          "SAO PAULO", "MEXICO CITY", "ZURICH", "MILAN")  # fmt: skip
MONTHS = ("Jan", "Feb", "March", "April", "May", "June", "July", "Aug", "Sept", "Oct", "Nov", "Dec")

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"“])")
_FIGURE = re.compile(r"\d+(?:[.,]\d+)*")


@dataclass(frozen=True, slots=True)
class Measure:
    """What the benchmark saw once the index held `remembered` articles."""

    remembered: int
    p50_us: float
    p99_us: float
    rss_bytes: int
    bytes_per_article: float
    table_bytes_per_article: float
    messages_per_article: float


def sentences(corpus: Path) -> list[str]:
    """Sentences of 8 to 60 words from every news text in the corpus."""
    texts = [story.body for story in read_stories(corpus)]
    texts += scrapinghub_bodies(corpus).values()
    for filename in sorted(TOPIC_SETS.values()):
        texts += [row["INPUT:text"] for row in topic_table(corpus, filename)]
    found = []
    for text in texts:
        for sentence in _SENTENCE_END.split(" ".join(text.split())):
            if 8 <= len(sentence.split()) <= 60:
                found.append(sentence)
    return found


def stream(corpus: Path, start_us: int = START_US, seed: int = SEED) -> Iterator[Article]:
    """Articles one simulated second apart: new stories of real sentences, and changed copies of recent ones."""
    rng = random.Random(seed)
    pool = sentences(corpus)
    vocabulary = sorted({word for sentence in pool for word in sentence.split() if word.isalpha()})
    titles = [story.title for story in read_stories(corpus) if story.title]
    recent: deque[tuple[str, ...]] = deque(maxlen=RECENT)
    for index in count():
        if recent and rng.random() < COPY_SHARE:
            body = changed_copy(rng.choice(recent), titles, rng)
        else:
            paragraphs = _story(pool, vocabulary, rng)
            recent.append(paragraphs)
            body = "\n".join(paragraphs)
        yield text_article(body, f"bench-{index}", start_us + index * STEP_US)


def _story(pool: list[str], vocabulary: list[str], rng: random.Random) -> tuple[str, ...]:
    """A dateline and four to nine drawn sentences, one to three a paragraph, each sentence made its own.

    Figures are drawn again and one word is swapped for another of the corpus, so two stories sharing a
    sentence share a few shingles of it, as unrelated stories sharing a stock phrase do.
    """
    drawn = [_own(sentence, vocabulary, rng) for sentence in rng.sample(pool, rng.randint(4, 9))]
    dateline = f"{rng.choice(CITIES)}, {rng.choice(MONTHS)} {rng.randint(1, 28)} - "
    drawn[0] = dateline + drawn[0]
    paragraphs: list[str] = []
    while drawn:
        take = rng.randint(1, 3)
        paragraphs.append(" ".join(drawn[:take]))
        drawn = drawn[take:]
    return tuple(paragraphs)


def _own(sentence: str, vocabulary: list[str], rng: random.Random) -> str:
    """The sentence with its figures drawn again and one word swapped."""
    words = _FIGURE.sub(lambda _: str(rng.randint(2, 999)), sentence).split()
    words[rng.randrange(len(words))] = rng.choice(vocabulary)
    return " ".join(words)


def run(corpus: Path, sizes: tuple[int, ...], sample: int) -> Iterator[Measure]:
    """Grow the index through each size and measure the next `sample` articles there."""
    dedup = LocalDedup(Config.from_settings(Settings()))
    articles = stream(corpus)
    dedup.add([next(articles)], START_US)
    dedup.forget_outputs()
    baseline = rss_bytes()
    fed = 1
    for size in sorted(sizes):
        while fed < size:
            dedup.add([next(articles)], START_US + fed * STEP_US)
            dedup.forget_outputs()
            fed += 1
        messages_before = dedup.messages
        timings = []
        for _ in range(sample):
            article = next(articles)
            started = time.thread_time_ns()
            dedup.add([article], START_US + fed * STEP_US)
            timings.append((time.thread_time_ns() - started) / 1000)
            dedup.forget_outputs()
            fed += 1
        rss = rss_bytes()
        yield Measure(
            remembered=len(dedup.articles_table),
            p50_us=statistics.median(timings),
            p99_us=statistics.quantiles(timings, n=100)[98],
            rss_bytes=rss,
            bytes_per_article=(rss - baseline) / len(dedup.articles_table),
            table_bytes_per_article=_payload(dedup) / len(dedup.articles_table),
            messages_per_article=(dedup.messages - messages_before) / sample,
        )


def _payload(dedup: LocalDedup) -> int:
    """Bytes of keys and values in both tables: what a changelog holds for the index."""
    tables = (dedup.articles_table, dedup.buckets_table)
    return sum(len(key) + len(value) for table in tables for key, value in table.items())


def rss_bytes() -> int:
    """This process's resident memory now, from /proc (Linux)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) * 1024
    raise OSError("no VmRSS in /proc/self/status")
