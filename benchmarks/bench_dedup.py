"""`newswire bench dedup`: how long a worker takes to restore a remembered index from its changelogs.

An index of N articles is built with the dedup logic in this process (the stream of the scale benchmark),
written to the tables' changelog topics of a fresh embedded broker exactly as workers would have written
it, and a worker is started on that broker. The time until it flags two copies of remembered articles
(one exact, one cut short) is the time until its index is back; the same run with an empty index gives
what starting a worker costs anyway.
"""

from __future__ import annotations

import asyncio
import tempfile
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import orjson
from aiokafka import AIOKafkaConsumer, AIOKafkaProducer
from aiokafka.partitioner import DefaultPartitioner

from agents.broker import EmbeddedBroker, ensure_changelogs, ensure_topics
from agents.testing import spawn
from benchmarks.dedup_scale import STEP_US, stream
from streams import topics
from streams.dedup.stage import Config
from streams.records import Article
from streams.settings import Settings, kafka_bootstrap
from streams.testing import LocalDedup, text_article
from streams.topics import APP_ID

PARTITIONS = 4
TABLES = ("dedup-articles", "dedup-buckets")
PROBE_TIMEOUT = 900.0


@dataclass(frozen=True, slots=True)
class Restore:
    """Seconds from starting a worker to its first answers, with the index and without."""

    articles: int
    records: int
    seconds: float
    empty_seconds: float


def restore(corpus: Path, articles: int) -> Restore:
    """Measure a worker's start with an index of `articles` remembered articles, and with none."""
    dedup, probes = _index(corpus, articles)
    records = len(dedup.articles_table) + len(dedup.buckets_table)
    seconds = _start_and_probe(dedup, probes)
    empty, empty_probes = _index(corpus, 0)
    empty_seconds = _start_and_probe(empty, empty_probes)
    return Restore(len(dedup.articles_table), records, seconds, empty_seconds)


def _index(corpus: Path, articles: int) -> tuple[LocalDedup, list[Article]]:
    """An index of the stream's first articles, with its partitions placed as the broker places keys."""
    partitioner = DefaultPartitioner()
    every = list(range(PARTITIONS))

    def place(article_id: str) -> int:
        return int(partitioner(article_id.encode(), every, every))

    dedup = LocalDedup(Config.from_settings(Settings()), partitions=PARTITIONS, place=place)
    start_us = int(time.time() * 1_000_000) - (articles + 10) * STEP_US
    source = stream(corpus, start_us)
    fed = [next(source) for _ in range(max(articles, 1))]
    for index, article in enumerate(fed if articles else []):
        dedup.add([article], start_us + index * STEP_US)
        dedup.forget_outputs()
    later = start_us + (len(fed) + 5) * STEP_US
    exact = text_article(fed[0]["body"], "probe-exact", later)
    words = fed[0]["body"].split(" ")
    near = text_article(" ".join(words[: int(len(words) * 0.9)]), "probe-near", later)
    return dedup, [exact, near]


def _start_and_probe(dedup: LocalDedup, probes: list[Article]) -> float:
    """Write the index to a fresh broker's changelogs, start a worker, and time it until it flags the probes."""
    with tempfile.TemporaryDirectory() as folder, EmbeddedBroker() as broker:
        asyncio.run(_write_changelogs(broker.url, dedup))
        started = time.monotonic()
        env = {"NEWSWIRE_TAG_PROCESSES": "1", "NEWSWIRE_PARTITIONS": str(PARTITIONS)}
        with spawn(Path(folder), env=env, broker=broker.url, start_timeout=PROBE_TIMEOUT):
            decided = asyncio.run(_probe(broker.url, probes))
            seconds = time.monotonic() - started
    if dedup.articles_table and set(decided.values()) != {topics.DUPLICATES.name}:
        raise RuntimeError(f"the restored index did not flag its copies: {decided}")
    return seconds


async def _write_changelogs(url: str, dedup: LocalDedup) -> None:
    """Put every table entry on its changelog partition, as the workers' table writes would have."""
    changelogs = {name: f"{APP_ID}-{name}-changelog" for name in TABLES}
    settings = Settings(partitions=PARTITIONS, replication=1)
    await ensure_topics(url, topics.ALL, settings)
    await ensure_changelogs(url, changelogs.values(), settings)
    producer = AIOKafkaProducer(bootstrap_servers=kafka_bootstrap(url), linger_ms=20)
    await producer.start()
    try:
        tables = {"dedup-articles": dedup.articles_table, "dedup-buckets": dedup.buckets_table}
        for name, table in tables.items():
            await _send_all(producer, changelogs[name], ((value[0], key, value) for key, value in table.items()))
    finally:
        await producer.stop()


async def _send_all(producer: AIOKafkaProducer, topic: str, records: Iterable[tuple[int, bytes, bytes]]) -> None:
    """Send in batches, then resend each partition's last record alone.

    tansu reports a partition's end as the start of its last batch plus one; a last batch of one record
    makes that the true end, so the worker's recovery reads everything (a repeated write is harmless).
    """
    last: dict[int, tuple[bytes, bytes]] = {}
    pending = []
    for partition, key, value in records:
        pending.append(await producer.send(topic, value, key=key, partition=partition))
        last[partition] = (key, value)
        if len(pending) >= 10_000:
            await asyncio.gather(*pending)
            pending.clear()
    await asyncio.gather(*pending)
    for partition, (key, value) in last.items():
        await producer.send_and_wait(topic, value, key=key, partition=partition)


async def _probe(url: str, probes: list[Article]) -> dict[str, str]:
    """Send the probes to `news.articles`; return, once each is decided, the topic each one went to."""
    producer = AIOKafkaProducer(bootstrap_servers=kafka_bootstrap(url))
    await producer.start()
    try:
        for article in probes:
            await producer.send_and_wait(topics.ARTICLES.name, orjson.dumps(article), key=article["id"].encode())
    finally:
        await producer.stop()
    consumer = AIOKafkaConsumer(
        topics.UNIQUE.name, topics.DUPLICATES.name, bootstrap_servers=kafka_bootstrap(url),
        auto_offset_reset="earliest",
    )  # fmt: skip
    await consumer.start()
    try:
        wanted = {article["document_id"] for article in probes}
        decided: dict[str, str] = {}
        deadline = time.monotonic() + PROBE_TIMEOUT
        while set(decided) < wanted:
            if time.monotonic() > deadline:
                raise TimeoutError(f"the worker decided {sorted(decided)} of {sorted(wanted)}")
            for records in (await consumer.getmany(timeout_ms=500)).values():
                for record in records:
                    document = orjson.loads(record.value or b"{}").get("document_id")
                    if document in wanted:
                        decided[document] = record.topic
        return decided
    finally:
        await consumer.stop()
