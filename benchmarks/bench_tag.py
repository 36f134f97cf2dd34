"""`newswire bench tag`: the tag stage's words/s through the real daemon against spaCy's alone, and a soak test.

All read the same texts on the same machine in the same run, taking turns. spaCy alone is timed two ways:
its own `nlp.pipe` with the components the stage uses and `n_process` = tag processes, and bare `nlp.pipe`
calls in warm worker processes that keep their docs (no transfer at all: the most the stage could reach).
The tag stage is a `newswire run` daemon on its embedded broker, fed articles on `news.unique` and timed
until as many are on `news.enriched`.
"""

from __future__ import annotations

import asyncio
import contextlib
import re
import tempfile
import time
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import orjson
from aiokafka import AIOKafkaProducer
from pebble import ProcessPool

from agents.pool import tag_pool
from agents.testing import Spawned, spawn
from benchmarks.extraction import scrapinghub_bodies
from benchmarks.tagging import TOPIC_SETS, topic_rows
from streams import topics
from streams.records import Article
from streams.settings import kafka_bootstrap
from streams.tag.language import identify
from streams.tag.stage import MODEL_LANGUAGE, load_nlp
from streams.testing import text_article

START_TIMEOUT = 120.0
DRAIN_TIMEOUT = 1800.0
REPORT_EVERY = 30.0
POLL_SECONDS = 0.1
WARM_UP_ARTICLES = 16
CRAWLED_US = 1_704_067_200_000_000
BACKLOG_BATCHES = 4
"""Batches per worker kept waiting during a soak, so the stage never idles between sends."""
_REBALANCES = re.compile(rb"^newswire_rebalances_total\s+(\S+)$", re.MULTILINE)


@dataclass(frozen=True, slots=True)
class Throughput:
    """Seconds spaCy alone (two ways) and the tag stage took over the same words."""

    articles: int
    words: int
    spacy_seconds: float
    workers_seconds: float
    stage_seconds: float

    def rate(self, seconds: float) -> float:
        """Words per second for one of the timings."""
        return self.words / seconds

    def ratio(self, seconds: float) -> float:
        """The tag stage's speed as a share of the speed of another timing."""
        return seconds / self.stage_seconds


def corpus_articles(corpus: Path) -> list[Article]:
    """Full-length English news from the shared corpus: the extraction benchmark's article bodies and the
    labelled topic articles (wire briefs would mostly time Kafka rather than tagging)."""
    texts: list[tuple[str | None, str]] = [(None, body) for body in scrapinghub_bodies(corpus).values()]
    for filename in TOPIC_SETS.values():
        texts += [(title, text) for title, text, _label in topic_rows(corpus, filename)]
    articles = []
    for index, (title, body) in enumerate(texts):
        if identify(body)[0] == MODEL_LANGUAGE:
            article = text_article(body, f"bench-{index}", CRAWLED_US)
            article["title"] = title
            articles.append(article)
    return articles


def _relabel(articles: list[Article], count: int, prefix: str) -> list[Article]:
    """`count` articles cycling through the given ones, each with an id of its own."""
    relabelled: list[Article] = []
    for index in range(count):
        article = articles[index % len(articles)].copy()
        article["id"] = f"{prefix}-{index}"
        relabelled.append(article)
    return relabelled


def _ner_text(article: Article) -> str:
    """The text the tag stage runs NER over: headline and body."""
    return f"{article['title']}\n\n{article['body']}" if article["title"] else article["body"]


def spacy_alone(articles: list[Article], processes: int, batch: int) -> float:
    """Seconds spaCy's own `nlp.pipe` takes over the articles' texts, with as many processes as the stage."""
    nlp = load_nlp()
    texts = [_ner_text(article) for article in articles]
    started = time.perf_counter()
    for _doc in nlp.pipe(texts, batch_size=batch, n_process=processes):
        pass
    return time.perf_counter() - started


def _count_entities(texts: list[str], batch: int) -> int:
    """A worker's share of bare NER; it returns the entity count so nothing can be skipped as unused."""
    return sum(len(doc.ents) for doc in load_nlp().pipe(texts, batch_size=batch))


def spacy_in_workers(pool: ProcessPool, articles: list[Article], processes: int, batch: int) -> float:
    """Seconds for bare NER split over warm worker processes that keep their docs: the ceiling for the stage."""
    texts = [_ner_text(article) for article in articles]
    started = time.perf_counter()
    shares = [texts[share::processes] for share in range(processes)]
    list(pool.map(_count_entities, shares, [batch] * processes).result())
    return time.perf_counter() - started


def rebalances(run: Spawned) -> float:
    """The daemon's `newswire_rebalances_total`."""
    url = f"http://127.0.0.1:{run.metrics_port}/metrics"
    with urllib.request.urlopen(url, timeout=10) as response:
        match = _REBALANCES.search(response.read())
    return float(match[1]) if match else 0.0


def daemon(workdir: Path, processes: int, batch: int) -> contextlib.AbstractContextManager[Spawned]:
    """The real daemon on its own embedded broker, tagging with the given processes and batch size."""
    env = {"NEWSWIRE_TAG_PROCESSES": str(processes), "NEWSWIRE_TAG_BATCH": str(batch)}
    return spawn(workdir, "--no-watch-inbox", "--out", str(workdir / "out"), env=env, start_timeout=START_TIMEOUT)


class Feed:
    """Produces articles to `news.unique` and counts the ones the daemon's sink wrote from `news.enriched`."""

    def __init__(self, broker: str, enriched: Path) -> None:
        self.producer = AIOKafkaProducer(bootstrap_servers=kafka_bootstrap(broker), linger_ms=5)
        self.enriched = enriched
        self.read = 0
        self.sent = 0
        self.received = 0

    async def __aenter__(self) -> Feed:
        await self.producer.start()
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.producer.stop()

    async def send(self, articles: list[Article]) -> None:
        """Puts articles on `news.unique`, keyed by id as the dedup stage does."""
        for article in articles:
            await self.producer.send(topics.UNIQUE.name, orjson.dumps(article), key=article["id"].encode())
        await self.producer.flush()
        self.sent += len(articles)

    async def receive(self, until: int, timeout: float = DRAIN_TIMEOUT) -> None:
        """Waits until `until` enriched articles in all are in the daemon's `news.enriched` out file.

        Reading the sink's file rather than consuming the topic keeps the bench's own CPU use off the figure."""
        deadline = time.monotonic() + timeout
        while True:
            if self.enriched.exists():
                with self.enriched.open("rb") as file:
                    file.seek(self.read)
                    chunk = file.read()
                complete = chunk.rfind(b"\n") + 1
                self.read += complete
                self.received += chunk.count(b"\n", 0, complete)
            if self.received >= until:
                return
            if time.monotonic() > deadline:
                raise TimeoutError(f"only {self.received} of {until} articles reached news.enriched")
            await asyncio.sleep(POLL_SECONDS)


async def _warm_up(feed: Feed, articles: list[Article], processes: int) -> None:
    """Has every pool worker tag something first, so start-up and partition assignment are not timed."""
    await feed.send(_relabel(articles, WARM_UP_ARTICLES * processes, "warm"))
    await feed.receive(feed.sent, timeout=START_TIMEOUT)


async def _alternate(run: Spawned, articles: list[Article], processes: int, batch: int, rounds: int) -> Throughput:
    """Times both spaCy references and the stage in turn, `rounds` times, so a change in load hits all three."""
    words = sum(len(_ner_text(article).split()) for article in articles)
    spacy_seconds = workers_seconds = stage_seconds = 0.0
    with tag_pool(processes) as pool:
        spacy_in_workers(pool, articles[:processes], processes, batch)
        async with Feed(run.broker, run.out(topics.ENRICHED.name)) as feed:
            await _warm_up(feed, articles, processes)
            for turn in range(rounds):
                spacy_seconds += spacy_alone(articles, processes, batch)
                workers_seconds += spacy_in_workers(pool, articles, processes, batch)
                started = time.perf_counter()
                await feed.send(_relabel(articles, len(articles), f"round-{turn}"))
                await feed.receive(feed.sent)
                stage_seconds += time.perf_counter() - started
    return Throughput(len(articles) * rounds, words * rounds, spacy_seconds, workers_seconds, stage_seconds)


def throughput(corpus: Path, count: int, processes: int, batch: int, rounds: int) -> Throughput:
    """spaCy alone and the tag stage through a real daemon, in turns, on the same `count` articles."""
    articles = _relabel(corpus_articles(corpus), count, "bench")
    with tempfile.TemporaryDirectory(prefix="newswire-bench-") as folder, daemon(Path(folder), processes, batch) as run:
        return asyncio.run(_alternate(run, articles, processes, batch, rounds))


@dataclass(frozen=True, slots=True)
class Soak:
    """What a soak run saw: articles and words tagged, how long, and rebalances after the first assignment."""

    articles: int
    words: int
    seconds: float
    rebalances: float


async def _soak_run(run: Spawned, articles: list[Article], minutes: float, processes: int, batch: int,
                    report: Callable[[str], None]) -> Soak:  # fmt: skip
    """Keeps several batches per worker waiting on the stage for `minutes`, then lets it drain."""
    words_each = [len(_ner_text(article).split()) for article in articles]
    backlog = BACKLOG_BATCHES * processes * batch
    async with Feed(run.broker, run.out(topics.ENRICHED.name)) as feed:
        await _warm_up(feed, articles, processes)
        before, base = rebalances(run), feed.received
        started = time.perf_counter()
        next_report = started + REPORT_EVERY
        words = sent = 0
        while time.perf_counter() - started < minutes * 60:
            if feed.sent - feed.received < backlog:
                chunk = [articles[(sent + index) % len(articles)] for index in range(backlog)]
                await feed.send(_relabel(chunk, len(chunk), f"soak-{sent}"))
                words += sum(words_each[(sent + index) % len(articles)] for index in range(backlog))
                sent += backlog
            await feed.receive(min(feed.received + 1, feed.sent), timeout=START_TIMEOUT)
            if time.perf_counter() >= next_report:
                elapsed = time.perf_counter() - started
                report(f"{elapsed / 60:4.1f} min: {feed.received - base} articles tagged, "
                       f"rebalances so far {rebalances(run) - before:g}")  # fmt: skip
                next_report += REPORT_EVERY
        await feed.receive(feed.sent)
        seconds = time.perf_counter() - started
        return Soak(feed.received - base, words, seconds, rebalances(run) - before)


def soak(corpus: Path, minutes: float, processes: int, batch: int, report: Callable[[str], None]) -> Soak:
    """Full load on the tag stage of a real daemon for `minutes`, counting consumer-group rebalances."""
    articles = corpus_articles(corpus)
    with tempfile.TemporaryDirectory(prefix="newswire-soak-") as folder, daemon(Path(folder), processes, batch) as run:
        return asyncio.run(_soak_run(run, articles, minutes, processes, batch, report))
